import { browser } from 'wxt/browser';

/** Message lookup through the locale files (zh_CN first, English second); falls back to the key when missing. */
export function t(key: string, subs?: string[]): string {
  return browser.i18n.getMessage(key.replace(/[^A-Za-z0-9_@]/g, '_') as never, subs) || key;
}

/** The page's language is the language of the messages the browser picked (zh-CN, or en). */
export function setPageLanguage(): void {
  document.documentElement.lang = t('ui_lang');
}

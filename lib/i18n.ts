import { browser } from 'wxt/browser';
import type { MessageKey } from './messages';

/** Message lookup through the locale files (zh_CN first, English second); falls back to the key when missing. */
export function t(key: MessageKey, subs?: string[]): string {
  return browser.i18n.getMessage(key, subs) || key;
}

/** The page's language is the language of the messages the browser picked (zh-CN, or en). */
export function setPageLanguage(): void {
  document.documentElement.lang = t('ui_lang');
}

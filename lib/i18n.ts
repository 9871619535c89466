import { readerApi } from './ext/reader-api';
import type { MessageKey } from './messages';

// i18n.getMessage is synchronous and the same on every browser: no polyfill needed, which keeps it out of the reader
const api = readerApi();

/** Message lookup through the locale files (zh_CN first, English second); falls back to the key when missing. */
export function t(key: MessageKey, subs?: string[]): string {
  return api.getMessage(key, subs) || key;
}

/** The page's language is the language of the messages the browser picked (zh-CN, or en). */
export function setPageLanguage(): void {
  document.documentElement.lang = t('ui_lang');
}

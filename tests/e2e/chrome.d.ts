// Code passed to the extension's service worker (`sw.evaluate`) runs where `chrome` is the extension API.
import type { Browser } from 'wxt/browser';

declare global {
  const chrome: typeof Browser;
}

/**
 * The few extension APIs the reader and its parts use, without webextension-polyfill: the polyfill weighs about a
 * third of the reader's budget (22 KB), and the reader runs in every frame. The background and the extension's
 * pages keep `wxt/browser` and its polyfill.
 *
 * Firefox has a promise-based `browser`, used as it is (the polyfill does the same). Chromium gets `chrome` with
 * callbacks, which Chromium 86 (MV2) alone understands and MV3 still accepts, so both Chromium builds answer as
 * they did through the polyfill: a `lastError` rejects, except a message port closed without an answer, which
 * resolves to nothing (lib/messaging/client.ts turns that into `bad-response`); no receiver rejects.
 */

import type { PortLike } from '../messaging/port';

type Listener = (changes: Record<string, unknown>, area: string) => void;

interface Namespace {
  runtime?: {
    id?: string;
    lastError?: { message?: string };
    sendMessage(message: unknown, callback?: (reply: unknown) => void): Promise<unknown> | void;
    connect(info: { name: string }): PortLike;
  };
  i18n: { getMessage(key: string, subs?: string[]): string };
  storage: { onChanged: { addListener(listener: Listener): void } };
}

/** The extension globals as a content script (or a page) sees them. */
export interface ExtensionGlobals {
  browser?: Namespace;
  chrome?: Namespace;
}

export interface ReaderApi {
  /** The extension's ID; undefined, or a throw, once the extension was reloaded or updated under this script. */
  extensionId(): string | undefined;
  sendMessage(message: unknown): Promise<unknown>;
  /** A long-lived port to the background (lib/messaging/port.ts). */
  connect(name: string): PortLike;
  getMessage(key: string, subs?: string[]): string;
  /** Storage changes in any area, by the keys that changed. */
  onStorageChanged(listener: (keys: string[], area: string) => void): void;
}

// The answer the polyfill's onMessage wrapper (the background's) sends on Chromium when a listener rejected.
const POLYFILL_REJECTION = '__mozWebExtensionPolyfillReject__';
const PORT_CLOSED = 'The message port closed before a response was received.';

function sendByCallback(chrome: Namespace, message: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    chrome.runtime!.sendMessage(message, (reply) => {
      const error = chrome.runtime?.lastError;
      if (error) {
        if (error.message === PORT_CLOSED) resolve(undefined);
        else reject(new Error(error.message));
      } else if (typeof reply === 'object' && reply !== null && (reply as Record<string, unknown>)[POLYFILL_REJECTION] === true) {
        reject(new Error(String((reply as { message?: unknown }).message)));
      } else resolve(reply);
    });
  });
}

/** The API over `globals`, looked up at each call: an orphaned script's `chrome.runtime` goes away under it. */
export function readerApi(globals: ExtensionGlobals = globalThis as ExtensionGlobals): ReaderApi {
  // Firefox's own `browser`. Chromium has none, but an element with id="browser" shows through as one: the page
  // can clobber it with markup (a form and its named inputs), never with a function; a cross-origin frame named
  // "browser" throws when read.
  const promised = () => {
    try {
      return typeof globals.browser?.runtime?.sendMessage === 'function' ? globals.browser : undefined;
    } catch {
      return undefined;
    }
  };
  const ns = (): Namespace => promised() ?? globals.chrome!;
  return {
    extensionId: () => ns().runtime?.id,
    sendMessage: async (message) => {
      const browser = promised();
      return browser ? browser.runtime!.sendMessage(message) : sendByCallback(globals.chrome!, message);
    },
    connect: (name) => {
      const chromeNs = promised() ? undefined : globals.chrome;
      const port = ns().runtime!.connect({ name });
      // Chromium reports why a port closed (the worker stopped) as a lastError, logged unless it is read
      if (chromeNs) port.onDisconnect.addListener(() => void chromeNs.runtime?.lastError);
      return port;
    },
    getMessage: (key, subs) => ns().i18n.getMessage(key, subs),
    onStorageChanged: (listener) => ns().storage.onChanged.addListener((changes, area) => listener(Object.keys(changes), area)),
  };
}

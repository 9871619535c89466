import { describe, expect, it } from 'vitest';
import { readerApi, type ExtensionGlobals } from '../../../lib/ext/reader-api';
import { request } from '../../../lib/messaging/client';
import { portPair } from './fake-port';

const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';
const PORT_CLOSED = 'The message port closed before a response was received.';

/** What the background does with a message: answers it, or the browser fails it with this lastError. */
type Outcome = { reply: unknown } | { lastError: string };

function events() {
  const listeners: Array<(changes: Record<string, unknown>, area: string) => void> = [];
  return {
    onChanged: { addListener: (l: (typeof listeners)[number]) => void listeners.push(l) },
    fire: (changes: Record<string, unknown>, area: string) => listeners.forEach((l) => l(changes, area)),
  };
}

/**
 * Chromium's `chrome`: answers through the callback, with `runtime.lastError` set only while it runs, as Chromium
 * does. MV3 also returns a promise when called without a callback; Chromium 86 (MV2) takes callbacks only.
 */
function fakeChrome(outcome: (message: unknown) => Outcome, opts: { promises: boolean }) {
  const storage = events();
  const runtime = {
    id: 'abcdefghijklmnopabcdefghijklmnop' as string | undefined,
    lastError: undefined as { message: string } | undefined,
    sendMessage(message: unknown, callback?: (reply: unknown) => void): Promise<unknown> | void {
      if (runtime.id === undefined) throw new Error('Extension context invalidated.');
      const o = outcome(message);
      if (!callback) {
        if (!opts.promises) return;
        return 'reply' in o ? Promise.resolve(o.reply) : Promise.reject(new Error(o.lastError));
      }
      setTimeout(() => {
        if ('lastError' in o) runtime.lastError = { message: o.lastError };
        callback('reply' in o ? o.reply : undefined);
        runtime.lastError = undefined;
      });
    },
    /** the far ends of the ports opened, and whether lastError was read while a port's disconnect was told */
    servers: [] as ReturnType<typeof portPair>['server'][],
    lastErrorRead: 0,
    connect({ name }: { name: string }) {
      if (runtime.id === undefined) throw new Error('Extension context invalidated.');
      const { client, server } = portPair(name);
      runtime.servers.push(server);
      // Chromium sets lastError while onDisconnect listeners run (why the port closed)
      const listen = client.onDisconnect.addListener.bind(client.onDisconnect);
      client.onDisconnect.addListener = (l) =>
        listen(() => {
          runtime.lastError = { message: 'Could not establish connection. Receiving end does not exist.' };
          const read = Object.getOwnPropertyDescriptor(runtime, 'lastError');
          let seen = false;
          Object.defineProperty(runtime, 'lastError', { configurable: true, get: () => ((seen = true), read!.value) });
          l();
          if (seen) runtime.lastErrorRead++;
          Object.defineProperty(runtime, 'lastError', { configurable: true, writable: true, value: undefined });
        });
      return client;
    },
  };
  return {
    runtime,
    i18n: { getMessage: (key: string, subs?: string[]) => (key === 'ui_lang' ? 'zh-CN' : `${key}:${(subs ?? []).join(',')}`) },
    storage: { onChanged: storage.onChanged },
    fire: storage.fire,
  };
}

/** Firefox's `browser`: promises throughout; no receiver rejects. */
function fakeFirefoxBrowser(outcome: (message: unknown) => Outcome) {
  const storage = events();
  return {
    runtime: {
      id: 'credit-case-assistant@scjg.local',
      sendMessage: async (message: unknown) => {
        const o = outcome(message);
        if ('lastError' in o) throw new Error(o.lastError);
        return o.reply;
      },
      connect: ({ name }: { name: string }) => portPair(name).client,
    },
    i18n: { getMessage: (key: string) => `firefox:${key}` },
    storage: { onChanged: storage.onChanged },
    fire: storage.fire,
  };
}

const echo = (message: unknown): Outcome => ({ reply: { ok: true, value: message } });
const fails = (lastError: string) => (): Outcome => ({ lastError });

const shapes = [
  { name: 'Chromium MV3 (promises and callbacks)', make: (o: (m: unknown) => Outcome) => ({ chrome: fakeChrome(o, { promises: true }) }) },
  { name: 'Chromium 86 MV2 (callbacks only)', make: (o: (m: unknown) => Outcome) => ({ chrome: fakeChrome(o, { promises: false }) }) },
  {
    name: 'Firefox (promise-based browser)',
    // Firefox has `chrome` too; the adapter must take `browser`, so this one answers nothing
    make: (o: (m: unknown) => Outcome) => ({ browser: fakeFirefoxBrowser(o), chrome: fakeChrome(fails(NO_RECEIVER), { promises: true }) }),
  },
];

describe.each(shapes)('the reader’s extension API on $name', ({ make }) => {
  it('sends a message and resolves to the background’s answer', async () => {
    const api = readerApi(make(echo) as ExtensionGlobals);
    await expect(api.sendMessage({ type: 'ping' })).resolves.toEqual({ ok: true, value: { type: 'ping' } });
    await expect(request(api.sendMessage, { type: 'loadPart', part: 'picker' })).resolves.toEqual({
      ok: true,
      value: { type: 'loadPart', part: 'picker' },
    });
  });

  it('no receiver (the background gone): the send rejects with the browser’s message, and so does request()', async () => {
    const api = readerApi(make(fails(NO_RECEIVER)) as ExtensionGlobals);
    await expect(api.sendMessage({ type: 'ping' })).rejects.toThrow(NO_RECEIVER);
    await expect(request(api.sendMessage, { type: 'loadPart', part: 'picker' })).rejects.toThrow(NO_RECEIVER);
  });

  it('opens a named port to the background', () => {
    const api = readerApi(make(echo) as ExtensionGlobals);
    const port = api.connect('reader');
    expect(port.name).toBe('reader');
    expect(() => port.postMessage({ id: 1 })).not.toThrow();
  });

  it('looks messages up and reports storage changes by key and area', () => {
    const globals = make(echo);
    const api = readerApi(globals as ExtensionGlobals);
    expect(api.getMessage('ui_lang')).toMatch(/zh-CN|firefox:ui_lang/);
    const seen: Array<[string[], string]> = [];
    api.onStorageChanged((keys, area) => seen.push([keys, area]));
    const ns = ('browser' in globals ? globals.browser : globals.chrome) as { fire: (c: Record<string, unknown>, a: string) => void };
    ns.fire({ settings: { newValue: 1 }, profiles: { oldValue: 2 } }, 'local');
    expect(seen).toEqual([[['settings', 'profiles'], 'local']]);
  });
});

describe('Chromium’s callbacks, as the polyfill answered them', () => {
  for (const promises of [true, false]) {
    const build = promises ? 'MV3' : 'Chromium 86';

    it(`${build}: a lastError rejects with its message`, async () => {
      const api = readerApi({ chrome: fakeChrome(fails('Extension context invalidated.'), { promises }) } as ExtensionGlobals);
      await expect(api.sendMessage({ type: 'ping' })).rejects.toThrow('Extension context invalidated.');
    });

    it(`${build}: a port closed without an answer resolves to nothing, which request() calls a bad response`, async () => {
      const api = readerApi({ chrome: fakeChrome(fails(PORT_CLOSED), { promises }) } as ExtensionGlobals);
      await expect(api.sendMessage({ type: 'ping' })).resolves.toBeUndefined();
      await expect(request(api.sendMessage, { type: 'loadPart', part: 'picker' })).resolves.toEqual({ ok: false, error: 'bad-response' });
    });

    it(`${build}: a listener’s rejection, sent by the background’s polyfill, rejects here`, async () => {
      const rejected = { __mozWebExtensionPolyfillReject__: true, message: '记录内容有误' };
      const api = readerApi({ chrome: fakeChrome(() => ({ reply: rejected }), { promises }) } as ExtensionGlobals);
      await expect(api.sendMessage({ type: 'ping' })).rejects.toThrow('记录内容有误');
    });

    it(`${build}: an orphaned script (extension reloaded) has no ID, and its sends reject rather than throw`, async () => {
      const chrome = fakeChrome(echo, { promises });
      const api = readerApi({ chrome } as ExtensionGlobals);
      expect(api.extensionId()).toBe(chrome.runtime.id);
      chrome.runtime.id = undefined;
      expect(api.extensionId()).toBeUndefined();
      const sent = api.sendMessage({ type: 'ping' });
      await expect(sent).rejects.toThrow('Extension context invalidated.');
    });
  }

  it('reads why a port closed, so Chromium logs no unchecked lastError', async () => {
    const chrome = fakeChrome(echo, { promises: true });
    const port = readerApi({ chrome } as ExtensionGlobals).connect('reader');
    const told: string[] = [];
    port.onDisconnect.addListener(() => told.push('closed'));
    chrome.runtime.servers[0]!.disconnect();
    await new Promise((r) => setTimeout(r, 5));
    expect(told).toEqual(['closed']);
    expect(chrome.runtime.lastErrorRead).toBeGreaterThan(0);
  });

  it('a page’s cross-origin frame named "browser", which throws when read, is not taken for Firefox’s API', async () => {
    const frame = {
      get runtime(): never {
        throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
      },
    };
    const api = readerApi({ browser: frame, chrome: fakeChrome(echo, { promises: true }) } as unknown as ExtensionGlobals);
    await expect(api.sendMessage('hello')).resolves.toEqual({ ok: true, value: 'hello' });
    expect(api.extensionId()).toBe('abcdefghijklmnopabcdefghijklmnop');
    expect(() => api.getMessage('x')).not.toThrow();
  });

  it('a page’s element named "browser" (DOM clobbering) is not taken for Firefox’s API', async () => {
    // what `window.browser` is on Chromium under <form id="browser"><input name="runtime" id="x"></form>
    const clobbered = { runtime: { id: 'x' }, i18n: {}, storage: {} };
    const api = readerApi({ browser: clobbered, chrome: fakeChrome(echo, { promises: true }) } as unknown as ExtensionGlobals);
    await expect(api.sendMessage('hello')).resolves.toEqual({ ok: true, value: 'hello' });
    expect(api.extensionId()).toBe('abcdefghijklmnopabcdefghijklmnop');
  });
});

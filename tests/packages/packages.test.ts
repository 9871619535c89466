// The store packages `npm run package` writes (scripts/test.mjs runs it first): names, the manifest in each zip,
// the Firefox sources zip, and the Chromium 86 build's syntax and built-ins (es-check plus a scan for web APIs
// es-check does not know).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import vm from 'node:vm';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { POLYFILLED } from '../../lib/chromium86';
import { PART_NAMES } from '../../lib/messaging/protocol';
import { READER_SCRIPT } from '../../lib/sites';

/** es-check's names of the ECMAScript built-ins lib/chromium86.ts installs. */
const ES_CHECK_NAMES: Partial<Record<(typeof POLYFILLED)[number], string>> = { 'Array.prototype.at': 'ArrayPrototypeAt' };

/** The overlay's parts, which the background injects on demand (never web-accessible). */
const PART_SCRIPTS = PART_NAMES.map((p) => `content-scripts/${p}.js`);

const ROOT = join(import.meta.dirname, '../..');
const OUT = join(ROOT, '.output');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const zipName = (target: string) => `${pkg.name}-${pkg.version}-${target}.zip`;
const SITE_ORIGINS = ['http://*/*', 'https://*/*'];
const TEST_HOSTS = /127\.0\.0\.1|localhost|zfba\.scjg\.internal/;
const CHROMIUM_86 = 'chrome 86';

type Manifest = Record<string, unknown> & {
  manifest_version: number;
  version: string;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  background?: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string } };
};

const unzipped = new Map<string, Record<string, Uint8Array>>();
function files(name: string): Record<string, Uint8Array> {
  let f = unzipped.get(name);
  if (!f) {
    f = unzipSync(new Uint8Array(readFileSync(join(OUT, name))));
    unzipped.set(name, f);
  }
  return f;
}
const text = (name: string, path: string) => new TextDecoder().decode(files(name)[path]);
const manifestOf = (name: string) => JSON.parse(text(name, 'manifest.json')) as Manifest;

/** Files the manifest names must be in the zip, and so must the reader, which is injected by path. */
function expectComplete(name: string, m: Manifest) {
  const inZip = new Set(Object.keys(files(name)));
  const named = [
    ...(m.background?.scripts ?? []),
    ...(m.background?.service_worker ? [m.background.service_worker] : []),
    ...Object.values((m.icons as Record<string, string>) ?? {}),
    ((m.action ?? m.browser_action) as { default_popup: string }).default_popup,
    (m.options_ui as { page: string }).page,
    READER_SCRIPT.replace(/^\//, ''),
    ...PART_SCRIPTS,
  ];
  for (const f of named) expect(inZip, `${name} lacks ${f}`).toContain(f);
  // nothing a page could probe for: no web-accessible resources at all
  expect(m, name).not.toHaveProperty('web_accessible_resources');
}

/** Every host pattern the manifest mentions. */
const hostPatterns = (m: Manifest) =>
  [
    ...(m.permissions ?? []),
    ...(m.host_permissions ?? []),
    ...(m.optional_permissions ?? []),
    ...(m.optional_host_permissions ?? []),
  ].filter((p) => p.includes('://'));

describe('package names', () => {
  it('one zip per browser and manifest version, named with the version, none overwriting another', () => {
    for (const target of ['chrome-mv3', 'chrome-mv2', 'firefox-mv3', 'firefox-mv3-sources']) {
      expect(Object.keys(files(zipName(target))).length, zipName(target)).toBeGreaterThan(0);
    }
  });
});

describe('the manifest in each package', () => {
  it('Chrome/Edge MV3: runtime registration, optional host permissions, a service worker, no site access at install', () => {
    const name = zipName('chrome-mv3');
    const m = manifestOf(name);
    expect(m.manifest_version).toBe(3);
    expect(m.version).toBe(pkg.version);
    expect(m.permissions).toEqual(['storage', 'scripting', 'activeTab']);
    expect(m.host_permissions ?? []).toEqual([]);
    expect(m.optional_host_permissions).toEqual(SITE_ORIGINS);
    expect(m.background?.service_worker).toBeTruthy();
    expect(m.browser_specific_settings).toBeUndefined();
    expectComplete(name, m);
  });

  it('Chromium 86 MV2: no scripting API or MV3 keys; host access optional; webNavigation to inject as frames load', () => {
    const name = zipName('chrome-mv2');
    const m = manifestOf(name);
    expect(m.manifest_version).toBe(2);
    expect(m.version).toBe(pkg.version);
    expect(m.permissions).toEqual(['storage', 'activeTab', 'webNavigation']);
    expect(m.optional_permissions).toEqual(SITE_ORIGINS);
    for (const key of ['host_permissions', 'optional_host_permissions', 'action', 'browser_specific_settings'])
      expect(m, key).not.toHaveProperty(key);
    expect(m.browser_action).toBeTruthy();
    expect(typeof m.content_security_policy).toBe('string');
    expect(m.background?.scripts).toEqual(['background.js']);
    expectComplete(name, m);
  });

  it('Firefox: Gecko id and minimum version, an event page, host patterns without a port', () => {
    const name = zipName('firefox-mv3');
    const m = manifestOf(name);
    expect(m.manifest_version).toBe(3);
    expect(m.version).toBe(pkg.version);
    expect(m.browser_specific_settings?.gecko).toMatchObject({ id: 'credit-case-assistant@scjg.local', strict_min_version: '128.0' });
    expect(m.permissions).toEqual(['storage', 'scripting', 'activeTab']);
    expect(m.optional_host_permissions).toEqual(SITE_ORIGINS);
    expect(m.background?.scripts).toEqual(['background.js']);
    expect(m.background?.service_worker).toBeUndefined();
    expectComplete(name, m);
  });

  it('every package is a production build: no test origins, no port in any host pattern', () => {
    for (const target of ['chrome-mv3', 'chrome-mv2', 'firefox-mv3']) {
      const m = manifestOf(zipName(target));
      for (const p of hostPatterns(m)) {
        expect(p, target).not.toMatch(TEST_HOSTS);
        expect(p, target).not.toMatch(/:\d+\//);
      }
    }
  });

  it('the Firefox sources zip holds what rebuilds the package, and nothing from node_modules, .output or tests', () => {
    const paths = Object.keys(files(zipName('firefox-mv3-sources')));
    for (const f of [
      'package.json',
      'package-lock.json',
      'wxt.config.ts',
      'tsconfig.json',
      'entrypoints/background.ts',
      'lib/sites/index.ts',
      'public/_locales/zh_CN/messages.json',
    ]) {
      expect(paths).toContain(f);
    }
    expect(paths.filter((p) => /^(node_modules|\.output|tests|test-results)\//.test(p))).toEqual([]);
  });
});

describe('the Chromium 86 build (chrome-mv2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cca-mv2-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const name = zipName('chrome-mv2');
  const jsFiles = () => Object.keys(files(name)).filter((p) => p.endsWith('.js'));

  function esCheck(paths: string[]) {
    return spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/es-check/lib/cli/index.js'),
        'checkBrowser',
        ...paths,
        '--module',
        '--checkFeatures',
        `--browserslistQuery=${CHROMIUM_86}`,
        // es-check reads any `.group()` call as Array.prototype.group, which never shipped in any browser: the
        // calls it finds are a method of our own regular-expression parser (lib/text); and the built-ins
        // lib/chromium86.ts installs are there
        `--ignore=${['ArrayPrototypeGroup', ...POLYFILLED.flatMap((p) => ES_CHECK_NAMES[p] ?? [])].join(',')}`,
        '--noColor',
      ],
      { encoding: 'utf8', cwd: ROOT },
    );
  }

  it('es-check: every JS file parses as ES2021 and uses no built-in Chromium 86 lacks', () => {
    const paths = jsFiles().map((p) => {
      const to = join(dir, 'build', p);
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, files(name)[p]!);
      return to;
    });
    expect(paths.length).toBeGreaterThanOrEqual(5);
    const r = esCheck(paths);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('es-check would catch syntax and built-ins newer than Chromium 86', () => {
    const probes = {
      'static-block.js': 'class A { static { this.x = 1; } }',
      'find-last.js': 'export const last = [1, 2].findLast((x) => x > 0);',
      'has-own.js': 'export const own = Object.hasOwn({ a: 1 }, "a");',
    };
    for (const [file, code] of Object.entries(probes)) {
      writeFileSync(join(dir, file), code);
      expect(esCheck([join(dir, file)]).status, file).not.toBe(0);
    }
  });

  // Web APIs newer than Chromium 86 that es-check does not look for (it knows the ECMAScript built-ins only).
  // A use is fine when the same file feature-detects it (`typeof URL.canParse == 'function' ? … : …`, as zod does).
  const WEB_APIS = [
    'structuredClone',
    'AbortSignal.timeout',
    'AbortSignal.any',
    'Intl.Segmenter',
    'crypto.randomUUID',
    'URL.canParse',
    'Response.json',
    'navigator.userActivation',
  ];
  // globals keep their names through minification, so the dotted name is what the bundle says
  const dotted = (api: string) => api.replaceAll('.', '\\.');
  const uses = (api: string, code: string) => new RegExp(`(^|[^\\w$.])${dotted(api)}\\b`).test(code);
  const detects = (api: string, code: string) => new RegExp(`typeof\\s+${dotted(api)}\\b`).test(code);

  it('uses no web API newer than Chromium 86 unless lib/chromium86.ts provides it or the code detects it first', () => {
    const polyfilled = new Set<string>(POLYFILLED);
    const bare: string[] = [];
    for (const p of jsFiles()) {
      const code = text(name, p);
      for (const api of WEB_APIS) if (uses(api, code) && !detects(api, code) && !polyfilled.has(api)) bare.push(`${api} in ${p}`);
    }
    expect(bare).toEqual([]);
  });

  it('the web API scan sees a bare use and accepts a feature-detected one', () => {
    expect(uses('structuredClone', 'const a = structuredClone(b);')).toBe(true);
    expect(uses('URL.canParse', 'return URL.canParse(u)')).toBe(true);
    expect(detects('URL.canParse', 'return URL.canParse(u)')).toBe(false);
    expect(detects('URL.canParse', 'typeof URL.canParse=="function"?URL.canParse(u):x')).toBe(true);
    expect(uses('crypto.randomUUID', 'x=crypto.randomUUID().slice(0,8)')).toBe(true);
    expect(uses('AbortSignal.timeout', 'fetch(u,{timeout:AbortSignal.timeout(5e3)})')).toBe(true);
    expect(uses('AbortSignal.timeout', 'const t=options.timeout;')).toBe(false);
  });

  it('its background, run against a fake Chromium 86 extension API, injects the reader as frames of an enabled system load', async () => {
    const SYSTEM = 'http://10.1.2.3:8080';
    const listeners: Record<string, Array<(...a: unknown[]) => unknown>> = {};
    const event = (key: string) => ({
      addListener: (fn: (...a: unknown[]) => unknown) => void (listeners[key] ??= []).push(fn),
      removeListener() {},
      hasListener: () => false,
    });
    const store: Record<string, unknown> = {
      sites: [{ origin: SYSTEM, pattern: `${SYSTEM}/*`, enabledAt: '2026-01-01T00:00:00.000Z' }],
    };
    const injected: Array<[number, unknown]> = [];
    const frames = [
      { frameId: 0, parentFrameId: -1, url: `${SYSTEM}/zfba/index.jsp` },
      { frameId: 3, parentFrameId: 0, url: 'about:blank' },
      { frameId: 4, parentFrameId: 0, url: 'https://map.example.com/' },
    ];
    // callback-style, as Chromium 86 has it (webextension-polyfill wraps it); no `scripting`, no `browser`
    const chrome = {
      runtime: {
        id: 'fake',
        getURL: (p: string) => `chrome-extension://fake${p}`,
        onInstalled: event('installed'),
        onStartup: event('startup'),
        onMessage: event('message'),
        onConnect: event('connect'),
      },
      permissions: {
        onAdded: event('added'),
        onRemoved: event('removed'),
        contains: (p: { origins: string[] }, cb: (ok: boolean) => void) => cb(p.origins.every((o) => o === `${SYSTEM}/*`)),
      },
      storage: {
        local: {
          get: (k: string | string[], cb: (v: Record<string, unknown>) => void) =>
            cb(Object.fromEntries([k].flat().flatMap((key) => (key in store ? [[key, store[key]]] : [])))),
          set: (i: object, cb?: () => void) => (Object.assign(store, i), cb?.()),
          onChanged: event('storage.local'),
        },
        onChanged: event('storage'),
      },
      tabs: { executeScript: (tabId: number, d: unknown, cb: (r: unknown[]) => void) => (injected.push([tabId, d]), cb([])) },
      webNavigation: {
        onDOMContentLoaded: event('domReady'),
        onCompleted: event('loaded'),
        getAllFrames: (_d: unknown, cb: (f: typeof frames) => void) => cb(frames),
      },
      i18n: { getMessage: () => '', getUILanguage: () => 'zh-CN' },
    };
    const context = vm.createContext({
      chrome,
      console,
      setTimeout,
      clearTimeout,
      URL,
      TextEncoder,
      TextDecoder,
      crypto: globalThis.crypto,
      navigator: { userAgent: 'Chrome/86' },
    });
    vm.runInContext('globalThis.self = globalThis; globalThis.window = globalThis;', context);
    vm.runInContext(text(name, 'background.js'), context);
    const fire = (key: string, d: unknown) => listeners[key]?.forEach((fn) => fn(d));
    fire('domReady', { tabId: 5, frameId: 0, url: frames[0]!.url });
    fire('domReady', { tabId: 5, frameId: 4, url: frames[2]!.url });
    fire('loaded', { tabId: 5, frameId: 0, url: frames[0]!.url });
    await expect.poll(() => injected.length).toBe(2);
    const reader = { file: READER_SCRIPT, matchAboutBlank: true, runAt: 'document_idle' };
    expect(injected).toEqual([
      [5, { ...reader, frameId: 0 }],
      [5, { ...reader, frameId: 3 }],
    ]);

    // a reader asks for a part of the overlay: it is run in that frame only; site management is refused to it
    const ask = (message: unknown, sender: unknown) =>
      new Promise((resolve) => listeners.message?.forEach((fn) => fn(message, sender, resolve)));
    const frame = { id: 'fake', url: `${SYSTEM}/zfba/case.jsp`, origin: SYSTEM, frameId: 3, tab: { id: 5, url: frames[0]!.url } };
    expect(await ask({ type: 'loadPart', part: 'record-form' }, frame)).toEqual({ ok: true, value: true });
    expect(injected[2]).toEqual([
      5,
      { file: '/content-scripts/record-form.js', frameId: 3, matchAboutBlank: true, runAt: 'document_idle' },
    ]);
    expect(await ask({ type: 'analyzeTab', tabId: 5 }, frame)).toEqual({ ok: false, error: 'forbidden' });
    expect(injected).toHaveLength(3);
  });

  it('its reader, run against a fake callback-only Chromium 86 API, asks the background by callback and retries on a lastError', async () => {
    // Chromium 86 answers through the callback alone, its errors in runtime.lastError while the callback runs
    const sent: Array<{ message: unknown; withCallback: boolean }> = [];
    const runtime = {
      id: 'fake',
      lastError: undefined as { message: string } | undefined,
      sendMessage(message: unknown, callback?: (reply: unknown) => void) {
        sent.push({ message, withCallback: typeof callback === 'function' });
        setTimeout(() => {
          // the background is not up yet on the first try; then this system turns out not to be enabled
          if (sent.length === 1) runtime.lastError = { message: 'Could not establish connection. Receiving end does not exist.' };
          callback?.(sent.length === 1 ? undefined : { ok: false, error: 'disabled' });
          runtime.lastError = undefined;
        });
      },
    };
    const i18n = { getMessage: () => '' };
    const storage = { onChanged: { addListener() {} } };
    const context = vm.createContext({ chrome: { runtime, i18n, storage }, console, setTimeout, clearTimeout, document: {} });
    vm.runInContext('globalThis.self = globalThis; globalThis.window = globalThis;', context);
    vm.runInContext(text(name, READER_SCRIPT.replace(/^\//, '')), context);
    await expect.poll(() => sent.length, { timeout: 5_000 }).toBe(2);
    expect(sent).toEqual([
      { message: { type: 'getReaderConfig' }, withCallback: true },
      { message: { type: 'getReaderConfig' }, withCallback: true },
    ]);
  });

  it('the polyfills run in every entry point: background, reader, workers, and the pages', () => {
    const installs = (p: string) => /defineProperty\([\w$]+,\s*[`'"]randomUUID[`'"]/.test(text(name, p));
    const m = manifestOf(name);
    // a page's module script and the chunks it imports statically
    const reachable = (html: string) => {
      const src = /<script type="module"[^>]*src="\/([^"]+)"/.exec(text(name, html))?.[1];
      const seen = new Set<string>();
      const visit = (p: string) => {
        if (seen.has(p) || !files(name)[p]) return;
        seen.add(p);
        for (const [, spec] of text(name, p).matchAll(/(?:from|import)\s*["']\.\/([^"']+)["']/g))
          visit(posix.join(posix.dirname(p), spec!));
      };
      if (src) visit(src);
      return [...seen];
    };
    const entries = [
      ...(m.background?.scripts ?? []),
      READER_SCRIPT.replace(/^\//, ''),
      ...PART_SCRIPTS,
      ...jsFiles().filter((p) => /\.worker-[\w-]+\.js$/.test(p)),
    ];
    expect(entries.filter((p) => !installs(p))).toEqual([]);
    for (const page of ['popup.html', 'options.html']) expect(reachable(page).some(installs), page).toBe(true);
  });
});

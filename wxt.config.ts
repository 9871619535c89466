import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

// The test build (`npm run build:test` → .output/chrome-mv3-test) grants the fixture origins at install so
// e2e tests never meet Chrome's permission dialog; the production build asks for none.
const TEST_BUILD = process.env.WXT_TEST_BUILD === '1';
// zfba.scjg.internal is a made-up intranet name that only the e2e tests resolve (to 127.0.0.1).
const TEST_ORIGINS = ['http://127.0.0.1/*', 'http://localhost/*', 'http://zfba.scjg.internal/*'];
// Any http(s) system may be enabled at runtime, one origin at a time, after the browser's dialog.
const SITE_ORIGINS = ['http://*/*', 'https://*/*'];

// Three builds from one codebase (see README "Browsers and packages"):
//   chrome-mv3  (default)       Chrome, Edge, Chromium ≥ 110 cores
//   chrome-mv2  (`--mv2`)       Chromium 86-era cores (360极速浏览器 13): no scripting API, no optional host
//                               permissions; the background injects the reader on navigation (lib/sites)
//   firefox-mv3 (`-b firefox`)  Firefox ESR ≥ 128 (scripting.registerContentScripts with matchOriginAsFallback)
const isLegacyChromium = (browser: string, manifestVersion: number) => browser !== 'firefox' && manifestVersion === 2;

// Built-ins newer than Chromium 86 that the code uses (lib/chromium86.ts): imported ahead of every entry point
// module, pages, background, content script and workers alike, so it runs before any of our code does.
const CHROMIUM86_POLYFILLS = fileURLToPath(new URL('./lib/chromium86.ts', import.meta.url));
function chromium86Polyfills(): Plugin {
  return {
    name: 'cca:chromium86-polyfills',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]entrypoints[\\/].+\.tsx?$/.test(id.split('?')[0] ?? '')) return null;
      return { code: `import ${JSON.stringify(CHROMIUM86_POLYFILLS)};\n${code}`, map: null };
    },
  };
}

export default defineConfig({
  // WXT would default Firefox to MV2; `--mv2` still selects the Chromium 86 build
  manifestVersion: 3,
  outDirTemplate: TEST_BUILD ? '{{browser}}-mv{{manifestVersion}}-test' : undefined,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Chromium 86 parses ES2021 plus some later syntax; lowering to the intersection keeps every file parseable
  // by es-check's ES2021 parser too (tests/packages).
  vite: (env) =>
    isLegacyChromium(env.browser, env.manifestVersion)
      ? {
          build: { target: ['es2021', 'chrome86'] },
          plugins: [chromium86Polyfills()],
          worker: { plugins: () => [chromium86Polyfills()] },
        }
      : {},
  zip: {
    // one name per browser and manifest version, so no package overwrites another
    artifactTemplate: '{{name}}-{{packageVersion}}-{{browser}}-{{manifestVersion}}.zip',
    sourcesTemplate: '{{name}}-{{packageVersion}}-{{browser}}-{{manifestVersion}}-sources.zip',
    excludeSources: ['test-results/**', 'tests/**', 'stats*.html'],
  },
  manifest: ({ browser, manifestVersion }) => {
    const legacy = isLegacyChromium(browser, manifestVersion);
    const common = {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'zh_CN',
      // what an administrator may push by group policy (README "集中部署"); Firefox reads policies without one
      ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    };
    const rest = {
      action: { default_title: '__MSG_extName__' },
      content_security_policy: {
        extension_pages: "script-src 'self'; object-src 'self'; connect-src 'self'",
      },
    };
    if (legacy) {
      return {
        ...common,
        // webNavigation: to run the reader in each frame of an enabled system as it loads
        permissions: ['storage', 'activeTab', 'webNavigation', ...(TEST_BUILD ? TEST_ORIGINS : [])],
        optional_permissions: SITE_ORIGINS,
        ...rest,
      };
    }
    return {
      ...common,
      permissions: ['storage', 'scripting', 'activeTab'],
      host_permissions: TEST_BUILD ? TEST_ORIGINS : [],
      optional_host_permissions: SITE_ORIGINS,
      ...rest,
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: {
                id: 'credit-case-assistant@scjg.local',
                // scripting.registerContentScripts with matchOriginAsFallback, optional_host_permissions
                strict_min_version: '128.0',
                data_collection_permissions: { required: ['none'] },
              },
            },
          }
        : {}),
    };
  },
});

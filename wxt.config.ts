import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { prebuiltModules } from './scripts/prebuilt.ts';
import { PREACT_ALIASES } from './scripts/ui-runtime.ts';

/**
 * The most the reader may weigh, gzip: it runs in every frame of every enabled system, often on old office PCs.
 * The build fails above it (readerBudget below).
 */
const READER_BUDGET_GZIP_BYTES = 60 * 1024;
// The Chromium 86 build lowers class fields and newer syntax to ES2021 (es-check parses it as such), which costs
// about 1.3 KiB gzip of the same code; that build alone gets this much on top.
const LEGACY_SYNTAX_ALLOWANCE_BYTES = 2 * 1024;
const READER_FILE = 'content-scripts/reader.js';

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

/**
 * The lexicons in rules/ carry their documentation (sources, notes, titles) for reviewers and for the tests that
 * validate them; the code reads only the words. Every bundle gets the words alone, which keeps the reader small.
 */
const LEXICON_DOCS: Record<string, { top: string[]; entries: string; entryKeys: string[] }> = {
  'field-lexicon.json': { top: ['id', 'version', 'title', 'notes', 'sources'], entries: 'fields', entryKeys: ['from'] },
  'law-domains.json': { top: ['id', 'version', 'title', 'notes'], entries: 'laws', entryKeys: ['note'] },
};
function lexiconWordsOnly(): Plugin {
  return {
    name: 'cca:lexicon-words-only',
    enforce: 'pre',
    load(id) {
      const m = /[\\/]rules[\\/]([\w-]+\.json)$/.exec(id.split('?')[0] ?? '');
      const docs = m ? LEXICON_DOCS[m[1]!] : undefined;
      if (!docs) return null;
      const data = JSON.parse(readFileSync(id.split('?')[0]!, 'utf8')) as Record<string, unknown>;
      for (const k of docs.top) delete data[k];
      const entries = data[docs.entries] as Record<string, Record<string, unknown>> | Array<Record<string, unknown>>;
      for (const e of [...Object.values(entries), ...(docs.entries === 'fields' ? [data.identity as Record<string, unknown>] : [])]) {
        for (const k of docs.entryKeys) delete e[k];
      }
      return JSON.stringify(data);
    },
  };
}

/**
 * Marks the schema builders of our own code (`z.object(…)`, `z.nullable(X)`, `IsoDate.optional()` …) as free of side
 * effects, so that a bundle which never validates (the reader) drops them, and zod with them. Not `z.config`,
 * which configures zod.
 * Limited to lib/: a bundler-wide pure list would also match same-named functions inside minified dependencies.
 */
function pureSchemas(): Plugin {
  const SCHEMA_CALL = /(^|[^\w$.])(?=z\s*\.\s*(?!config\b)[A-Za-z_$][\w$]*\s*\()/g;
  // a schema derived from a named one (`IsoDate.optional()`, `FooSchema.nullable()`): capitalised names only
  const DERIVED_SCHEMA =
    /(^|[^\w$.])(?=[A-Z][\w$]*\s*\.\s*(?:optional|nullable|nullish|array|default|extend|readonly|refine|superRefine)\s*\()/g;
  return {
    name: 'cca:pure-schemas',
    transform(code, id) {
      if (!/[\\/]lib[\\/].+\.ts$/.test(id.split('?')[0] ?? '') || !/from\s*["']zod["']/.test(code)) return null;
      return { code: code.replace(SCHEMA_CALL, '$1/* @__PURE__ */ ').replace(DERIVED_SCHEMA, '$1/* @__PURE__ */ '), map: null };
    },
  };
}

/**
 * Packages that must not reach the reader (or, `parts` too, its parts), and why. The background and the dashboard
 * validate with zod, the reader gets validated data; the background and the pages use webextension-polyfill, the
 * reader and its parts the few APIs they need through lib/ext/reader-api.ts.
 */
const READER_EXCLUDED_PACKAGES = [
  {
    name: 'zod',
    parts: false,
    advice:
      'One of them (or what it imports) builds or uses a schema at load: import types only, or build schemas from z alone ' +
      '(only z calls, and schema methods on capitalised names, are marked free of side effects).',
  },
  {
    name: 'webextension-polyfill',
    parts: true,
    advice:
      'It comes with `wxt/browser` and `wxt/utils/storage` (lib/settings/items.ts): in the reader and its parts use lib/ext/reader-api.ts ' +
      '(or a type-only import) instead.',
  },
];

/**
 * Fails the build when the reader exceeds its budget, or when a package it (or a part) must not carry reached it. The error
 * names our modules that brought the package in, directly or through other packages (`wxt/browser` → polyfill).
 */
function readerBudget(budget: number): Plugin {
  return {
    name: 'cca:reader-budget',
    generateBundle(_, bundle) {
      // the reader and each part are built alone (wxt.config.ts hooks): one content script per bundle
      const script = Object.values(bundle).find((c) => c.type === 'chunk' && c.fileName.startsWith('content-scripts/'));
      if (!script || script.type !== 'chunk') return;
      const isReader = script.fileName === READER_FILE;
      const isOurs = (id: string) => !id.includes('node_modules');
      // whether `id` is the package's, or imports it through packages only (not through a module of ours)
      const reaches = (id: string, isPackage: (id: string) => boolean, seen = new Set<string>()): boolean => {
        if (isPackage(id)) return true;
        if (seen.has(id)) return false;
        seen.add(id);
        return (this.getModuleInfo(id)?.importedIds ?? []).some((i) => !isOurs(i) && reaches(i, isPackage, seen));
      };
      for (const { name, parts, advice } of READER_EXCLUDED_PACKAGES) {
        const isPackage = (id: string) => id.includes(`/node_modules/${name}/`) || id.includes(`\\node_modules\\${name}\\`);
        if (!(isReader || parts) || !script.moduleIds.some(isPackage)) continue;
        const ours = script.moduleIds.filter(
          (id) =>
            isOurs(id) &&
            (script.modules[id]?.renderedLength ?? 0) > 0 &&
            (this.getModuleInfo(id)?.importedIds ?? []).some((i) => !isOurs(i) && reaches(i, isPackage)),
        );
        this.error(
          `${name} reached ${script.fileName}. Of its modules, these import it: ${ours.map((id) => id.replace(/^.*?[\\/](lib|entrypoints|components)[\\/]/, '$1/')).join(', ')}. ${advice}`,
        );
      }
      const size = isReader ? gzipSync(script.code).length : 0;
      if (size > budget) {
        this.error(
          `${READER_FILE} is ${(size / 1024).toFixed(1)} KiB gzip (${size} bytes), over its budget of ${budget / 1024} KiB (${budget} bytes; wxt.config.ts)`,
        );
      }
    },
  };
}

/**
 * The reader and its parts (content scripts) go through terser after the bundler's own minifier: in every frame each
 * byte counts, and terser's passes take about 1.5% more off them (measured on the reader: 61,415 → 60,508 bytes
 * gzip). The pages and the background keep the bundler's minifier alone: terser over all of them quadruples the
 * build for bytes that are loaded once.
 */
function contentScriptsMinifiedAgain(): Plugin {
  return {
    name: 'cca:content-scripts-minified-again',
    async generateBundle(options, bundle) {
      if (this.meta.watchMode) return;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.fileName.startsWith('content-scripts/')) continue;
        // not toplevel: the bundle's own global stays as WXT named it
        const out = await minify(chunk.code, { compress: { passes: 2 }, mangle: true, format: { comments: false } });
        chunk.code = out.code ?? chunk.code;
      }
    },
  };
}

/**
 * WXT's storage items (lib/settings/items.ts) reach the browser through `@wxt-dev/browser`, which is the bare
 * `chrome` object on Chromium: callbacks only on Chromium 86. They get the same promise-based polyfill as
 * `wxt/browser` (the @wxt-dev/webextension-polyfill module) in every build.
 */
const STORAGE_BROWSER_ALIAS = { find: /^@wxt-dev\/browser$/, replacement: '@wxt-dev/webextension-polyfill/browser' };

// The extension's own pages load nothing but their own files and connect nowhere; inline styles stay allowed for
// the ledger's print view (a Blob document that inherits this policy).
const EXTENSION_PAGES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export default defineConfig({
  hooks: {
    // The reader and its parts are injected by the background (lib/sites, the loadPart request), never declared in
    // the manifest. They are built as plain scripts, without WXT's ContentScriptContext, whose start signal is a DOM
    // event on the page's document: the page could hear our extension ID in it, and fire it to stop the reader.
    'entrypoints:found': (_, infos) => {
      for (const info of infos) if (info.type === 'content-script') info.type = 'unlisted-script';
    },
    // …and keep the content-scripts/ path the background injects and registers them by
    'entrypoints:resolved': (wxt, entrypoints) => {
      for (const e of entrypoints) {
        if (e.type === 'unlisted-script' && /\.content([\\/]index)?\.tsx?$/.test(e.inputPath))
          e.outputDir = resolve(wxt.config.outDir, 'content-scripts');
      }
    },
  },
  // WXT would default Firefox to MV2; `--mv2` still selects the Chromium 86 build
  manifestVersion: 3,
  outDirTemplate: TEST_BUILD ? '{{browser}}-mv{{manifestVersion}}-test' : undefined,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Chromium 86 parses ES2021 plus some later syntax; lowering to the intersection keeps every file parseable
  // by es-check's ES2021 parser too (tests/packages).
  vite: (env) => {
    const legacy = isLegacyChromium(env.browser, env.manifestVersion);
    const common = {
      resolve: { alias: [...PREACT_ALIASES, STORAGE_BROWSER_ALIAS] },
      build: {},
      plugins: [
        prebuiltModules(),
        lexiconWordsOnly(),
        pureSchemas(),
        contentScriptsMinifiedAgain(),
        readerBudget(READER_BUDGET_GZIP_BYTES + (legacy ? LEGACY_SYNTAX_ALLOWANCE_BYTES : 0)),
      ],
    };
    if (!legacy) return common;
    return {
      ...common,
      build: { ...common.build, target: ['es2021', 'chrome86'] },
      plugins: [...common.plugins, chromium86Polyfills()],
      worker: { plugins: () => [chromium86Polyfills()] },
    };
  },
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
        extension_pages: EXTENSION_PAGES_CSP,
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

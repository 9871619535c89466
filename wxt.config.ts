import { defineConfig } from 'wxt';

// The test build (`npm run build:test` → .output/chrome-mv3-test) grants the fixture origins at install so
// e2e tests never meet Chrome's permission dialog; the production build asks for none.
const TEST_BUILD = process.env.WXT_TEST_BUILD === '1';
// zfba.scjg.internal is a made-up intranet name that only the e2e tests resolve (to 127.0.0.1).
const TEST_ORIGINS = ['http://127.0.0.1/*', 'http://localhost/*', 'http://zfba.scjg.internal/*'];

export default defineConfig({
  outDirTemplate: TEST_BUILD ? '{{browser}}-mv{{manifestVersion}}-test' : undefined,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: () => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['storage', 'scripting', 'activeTab'],
    host_permissions: TEST_BUILD ? TEST_ORIGINS : [],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '__MSG_extName__' },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; connect-src 'self'",
    },
  }),
});

import '../lib/jitless';
import { browser } from 'wxt/browser';
import { RequestSchema, fail, ok, type Response } from '../lib/messaging';
import { READER_SCRIPT, disableSite, reconcileSites, registerSite, type SitesApi } from '../lib/sites';

// The test build (npm run build:test) starts with the reader on the fixture server's origin.
const DEFAULT_SITES = import.meta.env.WXT_TEST_BUILD === '1' ? [{ origin: 'http://127.0.0.1', pattern: 'http://127.0.0.1/*' }] : [];

export default defineBackground(() => {
  const api = browser as unknown as SitesApi;

  browser.runtime.onInstalled.addListener(() => void reconcileSites(api, DEFAULT_SITES));
  browser.runtime.onStartup.addListener(() => void reconcileSites(api));
  browser.permissions.onRemoved.addListener(() => void reconcileSites(api));

  browser.runtime.onMessage.addListener((raw: unknown, sender): Promise<Response> | undefined => {
    // only our own pages and content scripts may talk to us
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = RequestSchema.safeParse(raw);
    if (!parsed.success) return Promise.resolve(fail('bad-request'));
    const msg = parsed.data;
    return (async (): Promise<Response> => {
      try {
        switch (msg.type) {
          case 'enableSite': {
            const entry = await registerSite(api, msg.site);
            if (msg.tabId !== undefined) await injectReader(msg.tabId);
            return ok(entry);
          }
          case 'disableSite':
            return ok(await disableSite(api, msg.origin));
          case 'analyzeTab':
            await injectReader(msg.tabId);
            return ok(true);
          case 'openDashboard':
            await browser.tabs.create({ url: browser.runtime.getURL(`/options.html${msg.page ? '#' + msg.page : ''}`) });
            return ok(true);
          default:
            return fail('unsupported');
        }
      } catch (e) {
        return fail(e instanceof Error ? e.message : String(e));
      }
    })();
  });
});

async function injectReader(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [READER_SCRIPT] });
}

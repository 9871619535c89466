import '../lib/jitless';
import { browser } from 'wxt/browser';
import { openDb, purgePendingLists, type CreditDb } from '../lib/db';
import { lookupParty, partyFlags } from '../lib/entities';
import { recordCase } from '../lib/ledger';
import { RequestSchema, fail, ok, type Response } from '../lib/messaging';
import { checkCreditCode } from '../lib/party';
import { SETTINGS_KEY, parseSettings } from '../lib/settings';
import { READER_SCRIPT, disableSite, reconcileSites, registerSite, type SitesApi } from '../lib/sites';

// The test build (npm run build:test) starts with the reader on the fixture server's origin.
const DEFAULT_SITES = import.meta.env.WXT_TEST_BUILD === '1' ? [{ origin: 'http://127.0.0.1', pattern: 'http://127.0.0.1/*' }] : [];

// The database lives in the extension origin; content scripts reach it only through these messages.
let database: Promise<CreditDb> | null = null;
function db(): Promise<CreditDb> {
  database ??= (async () => {
    const d = openDb();
    // an import or restore cut short (tab closed, browser killed) leaves a pending list: never half-active
    await purgePendingLists(d);
    return d;
  })();
  return database;
}

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
          case 'lookupParty': {
            const ctx = await lookupParty(await db(), {
              uscc: msg.uscc,
              name: msg.name,
              at: msg.at,
              decisions: msg.decision ? [{ decisionNo: msg.decision.decisionNo, date: msg.decision.date, creditRepaired: false }] : [],
            });
            return ok({
              flags: partyFlags(ctx, msg.uscc ? checkCreditCode(msg.uscc) : null),
              onSeriousList: ctx.seriousList.onList,
              warnings: ctx.warnings,
            });
          }
          case 'recordCase': {
            const settings = parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
            const r = await recordCase(await db(), { ...msg.input, unit: settings.unitName, recorder: settings.recorderName });
            return ok({ id: r.id, created: r.created });
          }
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

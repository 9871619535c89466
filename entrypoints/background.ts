import '../lib/jitless';
import { browser } from 'wxt/browser';
import { openDb, purgePendingLists, type CreditDb } from '../lib/db';
import { lookupParty, partyFlags, warmLookups } from '../lib/entities';
import { recordCase, recoverInterruptedRestore, type StorageArea } from '../lib/ledger';
import { RequestSchema, fail, ok, type Response } from '../lib/messaging';
import { checkCreditCode } from '../lib/party';
import { bundledPacks, storedPacks } from '../lib/rules/packs';
import type { RulePack } from '../lib/rules/schema';
import { PACKS_KEY, SETTINGS_KEY, parseSettings } from '../lib/settings';
import { MANAGED_KEY, MANAGED_TEST_KEY, applyManagedSettings, effectivePacks, isManagedSite, readManagedMirror } from '../lib/settings/managed';
import { syncManaged, type ManagedApi } from '../lib/settings/managed-sync';
import { READER_SCRIPT, disableSite, injectOnLoad, registerSite, type AnySitesApi, type LegacySitesApi } from '../lib/sites';

// The chrome-mv2 build (Chromium 86 cores) has no scripting API: the reader is injected as frames load.
const LEGACY = import.meta.env.MANIFEST_VERSION === 2;
// The test build (npm run build:test) starts with the reader on the fixture server's origin.
const TEST_BUILD = import.meta.env.WXT_TEST_BUILD === '1';
const DEFAULT_SITES = TEST_BUILD ? [{ origin: 'http://127.0.0.1', pattern: 'http://127.0.0.1/*' }] : [];

// The database lives in the extension origin; content scripts reach it only through these messages.
let database: Promise<CreditDb> | null = null;
function db(): Promise<CreditDb> {
  database ??= (async () => {
    const d = openDb();
    // an import or restore cut short (tab closed, browser killed) leaves a pending list: never half-active
    await purgePendingLists(d);
    // a restore or 清除本机数据 whose page died is finished or rolled back, across IndexedDB and storage.local
    await recoverInterruptedRestore(d, { storage: browser.storage.local as unknown as StorageArea, ...(navigator.locks ? { locks: navigator.locks } : {}) }).catch(() => undefined);
    // the lists' key indexes into memory as the worker wakes; lookups meanwhile read whole buckets
    void warmLookups(d).catch(() => undefined);
    return d;
  })();
  return database;
}

export default defineBackground(() => {
  const api: AnySitesApi = LEGACY ? legacyApi() : (browser as unknown as AnySitesApi);

  // Changes to the site registrations run one at a time, so two of them never register the same script twice.
  let sitesQueue: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = sitesQueue.then(fn);
    sitesQueue = run.catch(() => undefined);
    return run;
  };
  // Managed deployment: the policy's valid part is mirrored into storage.local for every reader and the managed
  // systems already authorised are registered (lib/settings/managed-sync.ts).
  const applyPolicy = (defaults: typeof DEFAULT_SITES = [], mirrorOnly = false): void => {
    const opts = { testBuild: TEST_BUILD, defaults, withPort: !import.meta.env.FIREFOX, mirrorOnly };
    serially(() => syncManaged(api as ManagedApi, opts)).catch(() => undefined);
  };
  browser.runtime.onInstalled.addListener(() => applyPolicy(DEFAULT_SITES));
  browser.runtime.onStartup.addListener(() => applyPolicy());
  browser.permissions.onRemoved.addListener(() => applyPolicy());
  // a managed system authorised in the popup (or in the browser's site settings) is registered at once
  browser.permissions.onAdded.addListener(() => applyPolicy());
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && (PACKS_KEY in changes || MANAGED_KEY in changes)) lookupPacksRead = null;
    // the mirror itself is watched too: a restore or 清除本机数据 replaces storage.local wholesale
    if (area === 'managed') applyPolicy();
    else if (area === 'local' && (MANAGED_KEY in changes || (TEST_BUILD && MANAGED_TEST_KEY in changes))) applyPolicy([], true);
  });

  if (LEGACY) {
    const legacy = api as LegacySitesApi;
    const pages = { url: [{ schemes: ['http', 'https'] }] };
    browser.webNavigation.onDOMContentLoaded.addListener((d) => void injectOnLoad(legacy, d.tabId, d.frameId, 'frame'), pages);
    browser.webNavigation.onCompleted.addListener((d) => void injectOnLoad(legacy, d.tabId, d.frameId, 'blank-children'), pages);
  }

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
            const entry = await serially(() => registerSite(api, msg.site));
            if (msg.tabId !== undefined) await injectReader(msg.tabId);
            return ok(entry);
          }
          case 'disableSite':
            // a system the administrator enabled stays enabled
            if (isManagedSite((await managedPolicy()).policy, msg.origin)) return fail('managed-site');
            return ok(await serially(() => disableSite(api, msg.origin)));
          case 'analyzeTab':
            await injectReader(msg.tabId);
            return ok(true);
          case 'lookupParty': {
            const ctx = await lookupParty(await db(), {
              uscc: msg.uscc,
              name: msg.name,
              at: msg.at,
              decisions: msg.decision ? [{ decisionNo: msg.decision.decisionNo, date: msg.decision.date, creditRepaired: false }] : [],
              packs: await lookupPacks(),
            });
            return ok({
              flags: partyFlags(ctx, msg.uscc ? checkCreditCode(msg.uscc) : null),
              onSeriousList: ctx.seriousList.onList,
              warnings: ctx.warnings,
            });
          }
          case 'recordCase': {
            const user = parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
            const { settings } = applyManagedSettings(user, (await managedPolicy()).policy);
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

function legacyApi(): LegacySitesApi {
  return {
    permissions: browser.permissions,
    storage: browser.storage,
    // MV2's tabs.executeScript is absent from the MV3 typings
    tabs: browser.tabs as unknown as LegacySitesApi['tabs'],
    webNavigation: browser.webNavigation,
  };
}

// The rule packs lookups apply, read once and kept until the stored packs or the managed policy change.
let lookupPacksRead: Promise<RulePack[]> | null = null;
function lookupPacks(): Promise<RulePack[]> {
  const read = (lookupPacksRead ??= (async () => {
    const got = await browser.storage.local.get([PACKS_KEY, MANAGED_KEY]);
    return effectivePacks(bundledPacks, storedPacks(got[PACKS_KEY]), readManagedMirror(got[MANAGED_KEY]).policy);
  })());
  read.catch(() => {
    if (lookupPacksRead === read) lookupPacksRead = null;
  });
  return read;
}

async function managedPolicy() {
  return readManagedMirror((await browser.storage.local.get(MANAGED_KEY))[MANAGED_KEY]);
}

async function injectReader(tabId: number): Promise<void> {
  if (LEGACY) {
    await legacyApi().tabs.executeScript(tabId, { file: READER_SCRIPT, allFrames: true, matchAboutBlank: true, runAt: 'document_idle' });
  } else {
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [READER_SCRIPT] });
  }
}

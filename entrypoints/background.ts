import '../lib/jitless';
import { browser } from 'wxt/browser';
import { openDb, purgePendingLists, type CreditDb } from '../lib/db';
import { lookupParty, partyFlags, warmLookups } from '../lib/entities';
import { LOGICAL_KEYS } from '../lib/facts/keys';
import { parseSiteProfile } from '../lib/form/profile';
import { contentOf, versionStamp } from '../lib/db/case';
import { LedgerError, findRecordedCase, recordCase, recoverInterruptedRestore, type StorageArea } from '../lib/ledger';
import type { PartName, ReaderConfig } from '../lib/messaging';
import type { RequestOf, ResponseOf } from '../lib/messaging/protocol';
import { READER_PORT, servePort, type PortLike } from '../lib/messaging/port';
import { Refusal, createMessageHandler, ledgerRefusal, senderOrigin, type Handlers, type Sender } from '../lib/messaging/server';
import { checkCreditCode } from '../lib/party';
import { assessWith } from '../lib/rules/assess';
import { wordAssessment } from '../lib/rules/worded';
import { t } from '../lib/i18n';
import { fineRanges } from '../lib/rules/fines';
import type { RulePack } from '../lib/rules/schema';
import { importedPacksItem, managedForTestsItem, managedMirrorItem, productionHostForTestsItem, sitesItem } from '../lib/settings/items';
import { isManagedSite, managedProfile } from '../lib/settings/managed';
import { syncManaged } from '../lib/settings/managed-sync';
import {
  loadEffectivePacks,
  loadEffectiveSettings,
  loadManagedMirror,
  loadOverlayState,
  loadProfile,
  saveOverlayState,
  updateProfile,
} from '../lib/settings/stored';
import {
  READER_SCRIPT,
  disableSite,
  injectOnLoad,
  registerSite,
  runReaderInOpenTabs,
  type AnySitesApi,
  type LegacySitesApi,
  type SitesApi,
} from '../lib/sites';

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
    await recoverInterruptedRestore(d, {
      storage: browser.storage.local as unknown as StorageArea,
      ...(navigator.locks ? { locks: navigator.locks } : {}),
    }).catch(() => undefined);
    // the lists' key indexes into memory as the worker wakes; lookups meanwhile read whole buckets
    void warmLookups(d).catch(() => undefined);
    return d;
  })();
  return database;
}

export default defineBackground(() => {
  const api: AnySitesApi = LEGACY
    ? legacyApi()
    : { permissions: browser.permissions, scripting: browser.scripting as unknown as SitesApi['scripting'], sites: sitesItem };
  const applyPolicy = (defaults: typeof DEFAULT_SITES = [], mirrorOnly = false) => void applyManagedPolicy(api, defaults, mirrorOnly);
  // tabs restored at start, or open across an update, get the reader once the registrations match the sites
  const startUp = (defaults: typeof DEFAULT_SITES) => {
    const tabs = { sites: api.sites, queryTabs: (url: string[]) => browser.tabs.query({ url }), runReader: injectReader };
    void applyManagedPolicy(api, defaults, false)
      .then(() => runReaderInOpenTabs(tabs))
      .catch(() => undefined);
  };
  browser.runtime.onInstalled.addListener(() => startUp(DEFAULT_SITES));
  browser.runtime.onStartup.addListener(() => startUp([]));
  browser.permissions.onRemoved.addListener(() => applyPolicy());
  // a managed system authorised in the popup (or in the browser's site settings) is registered at once
  browser.permissions.onAdded.addListener(() => applyPolicy());
  watchStorage(applyPolicy);
  if (LEGACY) injectOnNavigation(api as LegacySitesApi);

  const handlers: Handlers = {
    getReaderConfig: async (_, sender) => readerConfig(originOf(sender)),
    lookupParty: async (msg) => {
      const ctx = await lookupParty(await db(), {
        uscc: msg.uscc,
        name: msg.name,
        at: msg.at,
        decisions: msg.decision ? [{ decisionNo: msg.decision.decisionNo, date: msg.decision.date, creditRepaired: false }] : [],
        packs: await lookupPacks(),
      });
      return {
        flags: partyFlags(ctx, msg.uscc ? checkCreditCode(msg.uscc) : null),
        onSeriousList: ctx.seriousList.onList,
        caseListed: ctx.seriousList.caseListing !== null,
        warnings: ctx.warnings,
      };
    },
    assessCase: async (msg) => assessCase(msg),
    findRecord: async (msg) => {
      const found = await findRecordedCase(await db(), msg);
      // the answers only: who recorded them (unit, recorder, history) stays in the extension
      return found ? { ...contentOf(found), revision: found.revision, version: versionStamp(found) } : null;
    },
    recordCase: async (msg) => recordCaseFromSettings(msg),
    loadPart: async (msg, sender) => {
      await injectPart(sender, msg.part);
      return true;
    },
    savePin: async (msg, sender) => {
      await savePin(originOf(sender), msg.key, msg.selector, msg.title);
      return true;
    },
    saveOverlayState: async (msg, sender) => {
      await saveOverlayState(originOf(sender), msg.state);
      return true;
    },
    openDashboard: async (msg) => {
      await browser.tabs.create({ url: browser.runtime.getURL(`/options.html${msg.page ? '#' + msg.page : ''}`) });
      return true;
    },
    enableSite: async (msg) => {
      const entry = await serially(() => registerSite(api, msg.site));
      if (msg.tabId !== undefined) await injectReader(msg.tabId);
      return entry;
    },
    disableSite: async (msg) => {
      // a system the administrator enabled stays enabled
      if (isManagedSite((await loadManagedMirror()).policy, msg.origin)) throw new Refusal('managed-site');
      return serially(() => disableSite(api, msg.origin));
    },
    analyzeTab: async (msg) => {
      await injectReader(msg.tabId);
      return true;
    },
  };
  const handle = createMessageHandler({
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
    handlers,
  });
  browser.runtime.onMessage.addListener(handle);
  // the readers' port (lib/messaging/port.ts): the same handler, the same checks of what is asked and by whom
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === READER_PORT) servePort(port as PortLike & { sender?: Sender }, handle);
  });
});

// Changes to the site registrations run one at a time, so two of them never register the same script twice.
let sitesQueue: Promise<unknown> = Promise.resolve();
function serially<T>(fn: () => Promise<T>): Promise<T> {
  const run = sitesQueue.then(fn);
  sitesQueue = run.catch(() => undefined);
  return run;
}

/**
 * Managed deployment: the policy's valid part is mirrored into storage.local for every reader and the managed
 * systems already authorised are registered (lib/settings/managed-sync.ts).
 */
async function applyManagedPolicy(api: AnySitesApi, defaults: typeof DEFAULT_SITES, mirrorOnly: boolean): Promise<void> {
  const opts = { testBuild: TEST_BUILD, defaults, withPort: !import.meta.env.FIREFOX, mirrorOnly };
  await serially(() => syncManaged(api, opts)).catch(() => undefined);
}

/** What the background follows in storage: the policy (to mirror it again) and what the lookups' packs come from. */
function watchStorage(applyPolicy: (defaults?: typeof DEFAULT_SITES, mirrorOnly?: boolean) => void): void {
  const forgetLookupPacks = () => {
    lookupPacksRead = null;
  };
  importedPacksItem.watch(forgetLookupPacks);
  // the mirror itself is watched too: a restore or 清除本机数据 replaces storage.local wholesale
  managedMirrorItem.watch(() => {
    forgetLookupPacks();
    applyPolicy([], true);
  });
  if (TEST_BUILD) managedForTestsItem.watch(() => applyPolicy([], true));
  // the policy is read as a whole area (readPolicy), so its changes are followed as one
  browser.storage.onChanged.addListener((_, area) => {
    if (area === 'managed') applyPolicy();
  });
}

/** The chrome-mv2 build: the reader goes into each frame of an enabled system as it loads (lib/sites). */
function injectOnNavigation(legacy: LegacySitesApi): void {
  const pages = { url: [{ schemes: ['http', 'https'] }] };
  browser.webNavigation.onDOMContentLoaded.addListener((d) => void injectOnLoad(legacy, d.tabId, d.frameId, 'frame'), pages);
  browser.webNavigation.onCompleted.addListener((d) => void injectOnLoad(legacy, d.tabId, d.frameId, 'blank-children'), pages);
}

async function assessCase(msg: RequestOf<'assessCase'>): Promise<ResponseOf<'assessCase'>> {
  const [packs, { settings }] = await Promise.all([lookupPacks(), loadEffectiveSettings()]);
  const assessment = assessWith(msg.facts, packs, {
    today: msg.today,
    partyOnSeriousList: msg.partyOnSeriousList,
    caseListed: msg.caseListed,
    settings: { lowerAmountFine: settings.lowerAmountFine },
    fineRanges,
  });
  return { assessment, worded: wordAssessment(assessment, t) };
}

async function recordCaseFromSettings(msg: RequestOf<'recordCase'>): Promise<ResponseOf<'recordCase'>> {
  const { settings } = await loadEffectiveSettings();
  try {
    // the unit and the recorder come from the settings only, never from the frame that asks
    const input = { ...msg.input, unit: settings.unitName, recorder: settings.recorderName };
    const r = await recordCase(await db(), input, { baseRevision: msg.baseRevision, baseVersion: msg.baseVersion });
    return {
      id: r.id,
      created: r.created,
      revision: r.revision,
      changes: r.changes.map(({ field, from, to }) => ({ field, from, to })),
    };
  } catch (e) {
    if (e instanceof LedgerError) throw ledgerRefusal(e);
    throw e;
  }
}

function legacyApi(): LegacySitesApi {
  return {
    permissions: browser.permissions,
    sites: sitesItem,
    // MV2's tabs.executeScript is absent from the MV3 typings
    tabs: browser.tabs as unknown as LegacySitesApi['tabs'],
    webNavigation: browser.webNavigation,
  };
}

function originOf(sender: Sender): string {
  const origin = senderOrigin(sender);
  if (!origin) throw new Refusal('no-origin');
  return origin;
}

// The rule packs lookups and assessments apply, read once and kept until the stored packs or the managed policy change.
let lookupPacksRead: Promise<RulePack[]> | null = null;
function lookupPacks(): Promise<RulePack[]> {
  const read = (lookupPacksRead ??= loadEffectivePacks());
  read.catch(() => {
    if (lookupPacksRead === read) lookupPacksRead = null;
  });
  return read;
}

/** The reader's configuration for one origin: everything validated here, so the reader carries no validator. */
async function readerConfig(origin: string): Promise<ReaderConfig> {
  const [{ settings, policy }, mine, overlay, productionHost] = await Promise.all([
    loadEffectiveSettings(),
    loadProfile(origin),
    loadOverlayState(origin),
    productionHostForTestsItem.getValue(),
  ]);
  // the administrator's policy, mirrored by the background, wins over the user's own profile
  const managed = managedProfile(policy, origin);
  return {
    profile: managed ?? mine,
    profileManaged: managed !== undefined,
    recording: { unitSet: settings.unitName.trim() !== '', recorderSet: settings.recorderName.trim() !== '' },
    overlay,
    productionHost: !TEST_BUILD || productionHost === true,
  };
}

/** The picker's pin, into the origin's own profile; an administrator's profile cannot be changed this way. */
async function savePin(origin: string, key: string, selector: string, title: string): Promise<void> {
  if (managedProfile((await loadManagedMirror()).policy, origin)) throw new Refusal('managed-profile');
  // read and written under the profiles' lock: a pin saved while the dashboard saves a profile keeps both
  await updateProfile(origin, (previous) => {
    const next = parseSiteProfile(
      {
        version: 1,
        origin,
        name: previous?.name ?? (title.trim().slice(0, 200) || origin),
        pins: [...(previous?.pins ?? []).filter((p) => p.key !== key), { key, selector }],
        updatedAt: new Date().toISOString(),
      },
      { keys: LOGICAL_KEYS },
    );
    if (!next.ok) throw new Refusal('bad-pin');
    return next.profile;
  });
}

/** The file each on-demand part of the overlay is built to (entrypoints/<part>.content.tsx). */
const partScript = (part: PartName) => `/content-scripts/${part}.js` as const;

/**
 * Runs a part of the overlay in the frame that asked for it, and only there: a script of the extension's own,
 * so it need not be a web-accessible resource a page could probe.
 */
async function injectPart(sender: Sender, part: PartName): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId === undefined) throw new Refusal('no-frame');
  if (LEGACY) {
    await legacyApi().tabs.executeScript(tabId, {
      file: partScript(part),
      frameId: sender.frameId,
      matchAboutBlank: true,
      runAt: 'document_idle',
    });
    return;
  }
  // the document that asked, where the browser knows it (a frame navigated meanwhile gets nothing)
  const target = sender.documentId ? { tabId, documentIds: [sender.documentId] } : { tabId, frameIds: [sender.frameId] };
  await browser.scripting.executeScript({ target, files: [partScript(part)] });
}

async function injectReader(tabId: number): Promise<void> {
  if (LEGACY) {
    await legacyApi().tabs.executeScript(tabId, { file: READER_SCRIPT, allFrames: true, matchAboutBlank: true, runAt: 'document_idle' });
  } else {
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [READER_SCRIPT] });
  }
}

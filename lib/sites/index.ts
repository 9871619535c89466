import { z } from 'zod';

/**
 * Enabling the reader on a case-handling system: an optional host permission for the system's origin plus a
 * way to run the reader there in all frames. Pure logic over an injected browser API (the stored site list
 * included: sitesItem in extension contexts) so the permission paths that the browser's dialog hides from e2e tests
 * are unit-tested with a fake. Two strategies, chosen by the API handed in:
 * - `SitesApi` (MV3: Chrome/Edge, Firefox ≥ 128): a content script registered at runtime per site;
 * - `LegacySitesApi` (MV2, Chromium 86 cores such as 360极速浏览器 13, which have neither
 *   `scripting.registerContentScripts` nor optional host permissions in MV3 form): the stored site list is the
 *   registration, and the background injects the reader into each frame of an enabled site as it loads.
 */

export const READER_SCRIPT = '/content-scripts/reader.js';
const SCRIPT_ID_PREFIX = 'reader:';

export const SiteEntrySchema = z.object({
  origin: z.string(),
  /** match pattern; keeps the port on Chromium so an intranet `:8080` system is matched exactly */
  pattern: z.string(),
  enabledAt: z.string(),
});
export type SiteEntry = z.infer<typeof SiteEntrySchema>;

/** Where the enabled systems are kept: lib/settings/items.ts sitesItem, or a test's fake. */
export interface SiteList {
  getValue(): Promise<unknown>;
  setValue(sites: SiteEntry[]): Promise<void>;
}

interface PermissionsApi {
  contains(p: { origins: string[] }): Promise<boolean>;
  request(p: { origins: string[] }): Promise<boolean>;
  remove(p: { origins: string[] }): Promise<boolean>;
}

export interface SitesApi {
  permissions: PermissionsApi;
  scripting: {
    registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<Array<{ id: string; matches?: string[] }>>;
  };
  sites: SiteList;
}

/** A frame as `webNavigation.getAllFrames` describes it. */
export interface FrameInfo {
  frameId: number;
  parentFrameId: number;
  url: string;
}

/** `tabs.executeScript` details (MV2). */
export interface LegacyInjection {
  file: string;
  frameId?: number;
  allFrames?: boolean;
  matchAboutBlank: boolean;
  runAt: 'document_idle';
}

export interface LegacySitesApi {
  permissions: PermissionsApi;
  sites: SiteList;
  tabs: { executeScript(tabId: number, details: LegacyInjection): Promise<unknown> };
  webNavigation: { getAllFrames(details: { tabId: number }): Promise<FrameInfo[] | null | undefined> };
}

export interface RegisteredScript {
  id: string;
  matches: string[];
  js: string[];
  allFrames: boolean;
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
  matchOriginAsFallback?: boolean;
}

export type SiteError = 'unsupported-url' | 'permission-denied';

/** The site a page belongs to, or null for pages the reader cannot run on (chrome://, file://, the store). */
export function siteForUrl(url: string, opts: { withPort?: boolean } = {}): { origin: string; pattern: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const withPort = opts.withPort ?? true;
  const host = withPort && u.port ? `${u.hostname}:${u.port}` : u.hostname;
  return { origin: u.origin, pattern: `${u.protocol}//${host}/*` };
}

export function scriptIdFor(origin: string): string {
  return SCRIPT_ID_PREFIX + origin;
}

/** Either strategy (see the top of this file). */
export type AnySitesApi = SitesApi | LegacySitesApi;

function scriptingOf(api: AnySitesApi): SitesApi['scripting'] | null {
  return 'scripting' in api ? api.scripting : null;
}

/** The enabled systems as stored; a damaged list counts as none, and is replaced at the next change. */
export async function loadSites(api: { sites: SiteList }): Promise<SiteEntry[]> {
  const parsed = z.array(SiteEntrySchema).safeParse(await api.sites.getValue());
  return parsed.success ? parsed.data : [];
}

function scriptFor(site: SiteEntry): RegisteredScript {
  return {
    id: scriptIdFor(site.origin),
    matches: [site.pattern],
    js: [READER_SCRIPT],
    allFrames: true,
    runAt: 'document_idle',
    persistAcrossSessions: true,
    // frames without an origin of their own (about:blank, srcdoc) that legacy systems render forms into
    matchOriginAsFallback: true,
  };
}

/**
 * Step 1, in the popup's click handler: browsers show their permission dialog only during a user gesture.
 * Resolves to the site to register, or an error code. `withPort: false` where match patterns carry no port
 * (Firefox).
 */
export async function requestSitePermission(
  api: { permissions: PermissionsApi },
  url: string,
  opts: { withPort?: boolean } = {},
): Promise<{ ok: true; site: { origin: string; pattern: string } } | { ok: false; error: SiteError }> {
  const site = siteForUrl(url, opts);
  if (!site) return { ok: false, error: 'unsupported-url' };
  const granted = await api.permissions.request({ origins: [site.pattern] });
  return granted ? { ok: true, site } : { ok: false, error: 'permission-denied' };
}

/** Step 2, in the background: register the reader (MV3) and remember the site. Idempotent. */
export async function registerSite(
  api: AnySitesApi,
  site: { origin: string; pattern: string },
  now: Date = new Date(),
): Promise<SiteEntry> {
  if (!(await api.permissions.contains({ origins: [site.pattern] }))) {
    throw new Error('permission-denied');
  }
  const sites = await loadSites(api);
  const entry: SiteEntry = sites.find((s) => s.origin === site.origin) ?? { ...site, enabledAt: now.toISOString() };
  const scripting = scriptingOf(api);
  if (scripting) {
    const id = scriptIdFor(entry.origin);
    const existing = await scripting.getRegisteredContentScripts({ ids: [id] });
    if (existing.length === 0) await scripting.registerContentScripts([scriptFor(entry)]);
  }
  if (!sites.some((s) => s.origin === entry.origin)) await api.sites.setValue([...sites, entry]);
  return entry;
}

/**
 * Unregister the reader and release the permission. A permission the build itself declares (the test build's
 * fixture origins) cannot be released: the reader still stops running there, and the caller is told.
 */
export async function disableSite(api: AnySitesApi, origin: string): Promise<{ permissionReleased: boolean }> {
  const sites = await loadSites(api);
  const entry = sites.find((s) => s.origin === origin);
  const scripting = scriptingOf(api);
  if (scripting) {
    const id = scriptIdFor(origin);
    const registered = await scripting.getRegisteredContentScripts({ ids: [id] });
    if (registered.length > 0) await scripting.unregisterContentScripts({ ids: [id] });
  }
  await api.sites.setValue(sites.filter((s) => s.origin !== origin));
  const pattern = entry?.pattern ?? siteForUrl(origin)?.pattern;
  if (!pattern) return { permissionReleased: false };
  try {
    return { permissionReleased: await api.permissions.remove({ origins: [pattern] }) };
  } catch {
    return { permissionReleased: false };
  }
}

/**
 * At install and browser start: make registrations match the remembered sites. A site whose permission was
 * withdrawn (chrome://extensions → site access) is dropped rather than left half-enabled.
 */
export async function reconcileSites(
  api: AnySitesApi,
  defaults: Array<{ origin: string; pattern: string }> = [],
  now: Date = new Date(),
): Promise<SiteEntry[]> {
  let sites = await loadSites(api);
  for (const d of defaults) {
    if (!sites.some((s) => s.origin === d.origin)) sites = [...sites, { ...d, enabledAt: now.toISOString() }];
  }
  const kept: SiteEntry[] = [];
  for (const site of sites) {
    if (await api.permissions.contains({ origins: [site.pattern] })) kept.push(site);
  }
  const scripting = scriptingOf(api);
  if (scripting) {
    const registered = await scripting.getRegisteredContentScripts();
    const wanted = new Set(kept.map((s) => scriptIdFor(s.origin)));
    const stale = registered.filter((r) => r.id.startsWith(SCRIPT_ID_PREFIX) && !wanted.has(r.id)).map((r) => r.id);
    if (stale.length > 0) await scripting.unregisterContentScripts({ ids: stale });
    const have = new Set(registered.map((r) => r.id));
    const missing = kept.filter((s) => !have.has(scriptIdFor(s.origin))).map(scriptFor);
    if (missing.length > 0) await scripting.registerContentScripts(missing);
  }
  await api.sites.setValue(kept);
  return kept;
}

/** What running the reader in the open tabs needs: the tabs open on some patterns, and a way to run it in one. */
export interface OpenTabsApi {
  sites: SiteList;
  queryTabs(patterns: string[]): Promise<Array<{ id?: number }>>;
  runReader(tabId: number): Promise<void>;
}

/**
 * At browser start and after an update, once the registrations match the sites: a tab the browser restored at start
 * may have loaded before they applied, and a tab open across an update runs an orphaned reader. Every open tab of an
 * enabled system gets the reader (one running already stays as it is, an orphan is replaced:
 * entrypoints/reader.content/boot.ts). A tab that fails (closed meanwhile) does not stop the others. Returns the tabs
 * the reader ran in.
 */
export async function runReaderInOpenTabs(api: OpenTabsApi): Promise<number[]> {
  const sites = await loadSites(api);
  if (sites.length === 0) return [];
  const tabs = await api.queryTabs(sites.map((s) => s.pattern));
  const ids = tabs.flatMap((t) => (t.id === undefined ? [] : [t.id]));
  const ran = await Promise.all(
    ids.map((id) =>
      api.runReader(id).then(
        () => true,
        () => false,
      ),
    ),
  );
  return ids.filter((_, i) => ran[i]);
}

const isAboutFrame = (url: string) => url === 'about:blank' || url === 'about:srcdoc' || url.startsWith('about:blank#');

/**
 * The origin a frame's document belongs to: its own, or for about:blank / about:srcdoc frames (which legacy
 * systems write forms into) the nearest ancestor's, as `matchOriginAsFallback` does for registered scripts.
 */
export function frameOrigin(frames: readonly FrameInfo[], frameId: number): string | null {
  const byId = new Map(frames.map((f) => [f.frameId, f]));
  const seen = new Set<number>();
  for (let f = byId.get(frameId); f && !seen.has(f.frameId); f = byId.get(f.parentFrameId)) {
    seen.add(f.frameId);
    if (!isAboutFrame(f.url)) return siteForUrl(f.url)?.origin ?? null;
  }
  return null;
}

/**
 * The frames of a tab the reader belongs in after frame `frameId` loaded: `'frame'` → that frame (on DOM ready);
 * `'blank-children'` → the about:blank / about:srcdoc frames beneath it (on load, once they exist). Frames with a
 * URL of their own are left to their own load events.
 */
export function framesForReader(frames: readonly FrameInfo[], frameId: number, scope: 'frame' | 'blank-children'): number[] {
  if (scope === 'frame') return frames.some((f) => f.frameId === frameId) ? [frameId] : [];
  const out: number[] = [];
  const seen = new Set([frameId]);
  const walk = (parent: number) => {
    for (const f of frames) {
      if (f.parentFrameId !== parent || seen.has(f.frameId) || !isAboutFrame(f.url)) continue;
      seen.add(f.frameId);
      out.push(f.frameId);
      walk(f.frameId);
    }
  };
  walk(frameId);
  return out;
}

/**
 * MV2 strategy, on `webNavigation` events: run the reader in the frames that just loaded on an enabled system
 * whose permission is still granted. A frame that went away meanwhile is skipped. Returns the frames injected.
 */
export async function injectOnLoad(
  api: LegacySitesApi,
  tabId: number,
  frameId: number,
  scope: 'frame' | 'blank-children',
): Promise<number[]> {
  const frames = (await api.webNavigation.getAllFrames({ tabId })) ?? [];
  const targets = framesForReader(frames, frameId, scope);
  if (targets.length === 0) return [];
  const origin = frameOrigin(frames, frameId);
  const site = origin ? (await loadSites(api)).find((s) => patternMatchesOrigin(s.pattern, origin)) : undefined;
  if (!site || !(await api.permissions.contains({ origins: [site.pattern] }))) return [];
  const injected: number[] = [];
  for (const target of targets) {
    try {
      await api.tabs.executeScript(tabId, { file: READER_SCRIPT, frameId: target, matchAboutBlank: true, runAt: 'document_idle' });
      injected.push(target);
    } catch {
      // navigated away or closed before the injection: its next load event brings the reader
    }
  }
  return injected;
}

/**
 * Whether a site's match pattern (`scheme://host[:port]/*`, as siteForUrl makes them) covers an origin. As in
 * Chromium, a pattern without a port covers every port of its host (the test build's defaults are written so).
 */
export function patternMatchesOrigin(pattern: string, origin: string): boolean {
  const m = /^(https?):\/\/(\[[^\]]+\]|[^/:]+)(?::(\d+))?\/\*$/.exec(pattern);
  if (!m) return false;
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  return u.protocol === `${m[1]}:` && u.hostname === m[2] && (m[3] === undefined || u.port === m[3]);
}

import { z } from 'zod';

/**
 * Enabling the reader on a case-handling system: an optional host permission for the system's origin plus a
 * content script registered there at runtime (all frames). Pure logic over an injected browser API so the
 * permission paths that Chrome's dialog hides from e2e tests are unit-tested with a fake.
 */

export const READER_SCRIPT = '/content-scripts/reader.js';
export const SITES_KEY = 'sites';
const SCRIPT_ID_PREFIX = 'reader:';

export const SiteEntrySchema = z.object({
  origin: z.string(),
  /** match pattern; keeps the port on Chromium so an intranet `:8080` system is matched exactly */
  pattern: z.string(),
  enabledAt: z.string(),
});
export type SiteEntry = z.infer<typeof SiteEntrySchema>;

export interface SitesApi {
  permissions: {
    contains(p: { origins: string[] }): Promise<boolean>;
    request(p: { origins: string[] }): Promise<boolean>;
    remove(p: { origins: string[] }): Promise<boolean>;
  };
  scripting: {
    registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<Array<{ id: string; matches?: string[] }>>;
  };
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
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

export async function loadSites(api: SitesApi): Promise<SiteEntry[]> {
  const raw = (await api.storage.local.get(SITES_KEY))[SITES_KEY];
  const parsed = z.array(SiteEntrySchema).safeParse(raw ?? []);
  return parsed.success ? parsed.data : [];
}

async function saveSites(api: SitesApi, sites: SiteEntry[]): Promise<void> {
  await api.storage.local.set({ [SITES_KEY]: sites });
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
 * Step 1, in the popup's click handler: Chrome shows its permission dialog only during a user gesture.
 * Resolves to the site to register, or an error code.
 */
export async function requestSitePermission(
  api: Pick<SitesApi, 'permissions'>,
  url: string,
): Promise<{ ok: true; site: { origin: string; pattern: string } } | { ok: false; error: SiteError }> {
  const site = siteForUrl(url);
  if (!site) return { ok: false, error: 'unsupported-url' };
  const granted = await api.permissions.request({ origins: [site.pattern] });
  return granted ? { ok: true, site } : { ok: false, error: 'permission-denied' };
}

/** Step 2, in the background: register the reader and remember the site. Idempotent. */
export async function registerSite(
  api: SitesApi,
  site: { origin: string; pattern: string },
  now: Date = new Date(),
): Promise<SiteEntry> {
  if (!(await api.permissions.contains({ origins: [site.pattern] }))) {
    throw new Error('permission-denied');
  }
  const sites = await loadSites(api);
  const entry: SiteEntry = sites.find((s) => s.origin === site.origin) ?? { ...site, enabledAt: now.toISOString() };
  const id = scriptIdFor(entry.origin);
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length === 0) await api.scripting.registerContentScripts([scriptFor(entry)]);
  if (!sites.some((s) => s.origin === entry.origin)) await saveSites(api, [...sites, entry]);
  return entry;
}

/**
 * Unregister the reader and release the permission. A permission the build itself declares (the test build's
 * fixture origins) cannot be released: the reader still stops running there, and the caller is told.
 */
export async function disableSite(api: SitesApi, origin: string): Promise<{ permissionReleased: boolean }> {
  const sites = await loadSites(api);
  const entry = sites.find((s) => s.origin === origin);
  const id = scriptIdFor(origin);
  const registered = await api.scripting.getRegisteredContentScripts({ ids: [id] });
  if (registered.length > 0) await api.scripting.unregisterContentScripts({ ids: [id] });
  await saveSites(
    api,
    sites.filter((s) => s.origin !== origin),
  );
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
  api: SitesApi,
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
  const registered = await api.scripting.getRegisteredContentScripts();
  const wanted = new Set(kept.map((s) => scriptIdFor(s.origin)));
  const stale = registered.filter((r) => r.id.startsWith(SCRIPT_ID_PREFIX) && !wanted.has(r.id)).map((r) => r.id);
  if (stale.length > 0) await api.scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(registered.map((r) => r.id));
  const missing = kept.filter((s) => !have.has(scriptIdFor(s.origin))).map(scriptFor);
  if (missing.length > 0) await api.scripting.registerContentScripts(missing);
  await saveSites(api, kept);
  return kept;
}

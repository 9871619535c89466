import { reconcileSites, type AnySitesApi } from '../sites';
import { MANAGED_KEY, MANAGED_TEST_KEY, managedSites, parseManagedPolicy, readManagedMirror, type ManagedMirror } from './managed';

/**
 * The background's side of managed deployment, over an injected browser API (unit-tested with a fake): read the
 * policy, mirror its valid part into storage.local for every reader, and register the managed systems the user
 * has already authorised.
 */

/** Either site strategy's API, whose storage may have a managed area (Chromium MV3 and MV2, Firefox). */
export type ManagedApi = AnySitesApi & { storage: { managed?: { get(): Promise<Record<string, unknown>> } } };

export interface SyncOptions {
  /** the test build also reads MANAGED_TEST_KEY from storage.local */
  testBuild?: boolean;
  /** sites to enable besides the managed ones (the test build's fixture origin at install) */
  defaults?: Array<{ origin: string; pattern: string }>;
  /** false where match patterns cannot carry a port (Firefox) */
  withPort?: boolean;
  /**
   * Only the mirror's own key changed (our write, a restore, 清除本机数据): touch the sites only if the managed
   * ones changed, so that an erased storage stays empty.
   */
  mirrorOnly?: boolean;
}

/** The raw policy: storage.managed (absent or throwing where no policy exists, e.g. Firefox), plus the test key. */
export async function readPolicy(api: ManagedApi, opts: SyncOptions = {}): Promise<unknown> {
  let raw: unknown;
  try {
    raw = (await api.storage.managed?.get()) ?? {};
  } catch {
    raw = {};
  }
  if (opts.testBuild) {
    const injected = (await api.storage.local.get(MANAGED_TEST_KEY))[MANAGED_TEST_KEY];
    if (typeof injected === 'object' && injected !== null) raw = { ...(raw as object), ...injected };
  }
  return raw;
}

/** Key-order-independent equality of JSON values (what storage hands back may reorder keys). */
function sameJson(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(norm)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/**
 * Applies the policy. The browser can take seconds to load policies at start-up, so the sites already known (the
 * user's, the defaults, the managed ones of the last mirror) are reconciled first; then the policy is read, the
 * mirror written only when it changed (the background also runs this when the mirror key changes, e.g. after a
 * restore, so it must settle), and the sites reconciled again if the managed ones changed.
 */
export async function syncManaged(api: ManagedApi, opts: SyncOptions = {}): Promise<ManagedMirror> {
  const withPort = opts.withPort === undefined ? {} : { withPort: opts.withPort };
  const stored = (await api.storage.local.get(MANAGED_KEY))[MANAGED_KEY];
  const before = readManagedMirror(stored).policy;
  if (!opts.mirrorOnly) await reconcileSites(api, [...(opts.defaults ?? []), ...managedSites(before, withPort)]);
  const mirror: ManagedMirror = parseManagedPolicy(await readPolicy(api, opts));
  // no mirror at all is as good as an empty one: a browser without a policy gets no key written
  const empty = Object.keys(mirror.policy).length === 0 && mirror.errors.length === 0;
  if (!sameJson(stored, mirror) && !(stored === undefined && empty)) await api.storage.local.set({ [MANAGED_KEY]: mirror });
  if (!sameJson(before.sites ?? [], mirror.policy.sites ?? [])) await reconcileSites(api, managedSites(mirror.policy, withPort));
  return mirror;
}

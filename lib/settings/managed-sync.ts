import { storage } from 'wxt/utils/storage';
import { reconcileSites, type AnySitesApi } from '../sites';
import { managedForTestsItem, managedMirrorItem } from './items';
import { managedSites, parseManagedPolicy, readManagedMirror, type ManagedMirror } from './managed';

/**
 * The background's side of managed deployment, over an injected browser API for the sites (unit-tested with a
 * fake): read the policy, mirror its valid part into storage.local for every reader (managedMirrorItem), and
 * register the managed systems the user has already authorised.
 */

export interface SyncOptions {
  /** the test build also reads managedForTestsItem */
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

/** The raw policy: the whole storage.managed area (absent or throwing where no policy exists, e.g. Firefox), plus the test item. */
export async function readPolicy(opts: SyncOptions = {}): Promise<Record<string, unknown>> {
  let raw: Record<string, unknown> = {};
  try {
    raw = (await storage.snapshot('managed')) ?? {};
  } catch {
    // no managed area in this browser, or no policy for it
  }
  if (opts.testBuild) {
    const injected = await managedForTestsItem.getValue();
    if (typeof injected === 'object' && injected !== null) raw = { ...raw, ...injected };
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
export async function syncManaged(api: AnySitesApi, opts: SyncOptions = {}): Promise<ManagedMirror> {
  const withPort = opts.withPort === undefined ? {} : { withPort: opts.withPort };
  const stored: unknown = await managedMirrorItem.getValue();
  const before = readManagedMirror(stored).policy;
  if (!opts.mirrorOnly) await reconcileSites(api, [...(opts.defaults ?? []), ...managedSites(before, withPort)]);
  const mirror: ManagedMirror = parseManagedPolicy(await readPolicy(opts));
  // no mirror reads as an empty one (the item's fallback): a browser without a policy gets no key written
  if (!sameJson(stored, mirror)) await managedMirrorItem.setValue(mirror);
  if (!sameJson(before.sites ?? [], mirror.policy.sites ?? [])) await reconcileSites(api, managedSites(mirror.policy, withPort));
  return mirror;
}

/**
 * Where each stored value lives in storage.local. The storage items (./items.ts) are defined over these names;
 * this module imports nothing, so the reader can watch the same keys without WXT's storage or zod.
 */
export const STORAGE_KEYS = {
  settings: 'settings',
  /** the enabled systems (lib/sites) */
  sites: 'sites',
  /** site profiles, origin → profile */
  profiles: 'profiles',
  /** the rule packs the user imported */
  packs: 'rulePacks',
  /** the valid part of the administrator's policy, mirrored by the background (集中部署) */
  managedMirror: 'managed',
  /** test build only: read as if it were storage.managed (real policies need root) */
  managedForTests: '__managedForTests',
  /** test build only: gives the overlay its production host for the hostile-page tests */
  productionHostForTests: '__productionHostForTests',
} as const;

/** Overlay placement and collapsed state are kept per site origin, under this prefix. */
const OVERLAY_PREFIX = 'overlay:';

export function overlayStateKey(origin: string): string {
  return OVERLAY_PREFIX + origin;
}

export function isOverlayStateKey(key: string): boolean {
  return key.startsWith(OVERLAY_PREFIX);
}

/** WXT keeps an item's version beside it under this name. */
export function metaKey(key: string): string {
  return `${key}$`;
}

// What the reader's configuration is made of (the background's readerConfig and assessCase). Not the enabled
// systems, which the background rewrites at every start and permission change; not the overlays' own places.
const READER_INPUTS: ReadonlySet<string> = new Set([
  STORAGE_KEYS.settings,
  STORAGE_KEYS.profiles,
  STORAGE_KEYS.packs,
  STORAGE_KEYS.managedMirror,
  STORAGE_KEYS.managedForTests,
  STORAGE_KEYS.productionHostForTests,
]);

/** Whether changed storage.local keys can alter what the reader shows (an item's version key changes with it). */
export function readerInputChanged(changedKeys: readonly string[]): boolean {
  return changedKeys.some((k) => READER_INPUTS.has(k));
}

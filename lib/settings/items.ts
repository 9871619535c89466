import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import type { OverlayPlacement } from '../messaging/protocol';
import type { SiteEntry } from '../sites';
import { DEFAULT_SETTINGS, type Settings } from './index';
import { STORAGE_KEYS, overlayStateKey } from './keys';
import type { ManagedMirror } from './managed';

/*
 * Every value the extension keeps in storage.local, as WXT storage items. An item's type is what the extension
 * writes (checked where the data enters: the dashboard's forms and imports, the background's messages, a backup's
 * restore); what storage hands back may still be an older version's shape or a damaged value, so the reads in
 * ./stored.ts check it again. The reader does not load this module (it carries no storage library and no zod):
 * it watches the same keys (./keys.ts) and gets its configuration from the background.
 */

const local = (key: string) => `local:${key}` as const;

/** 设置: unit, recorder, province and the 较低数额罚款 threshold. */
export const settingsItem = storage.defineItem<Settings>(local(STORAGE_KEYS.settings), { fallback: DEFAULT_SETTINGS, version: 1 });

/** The systems the reader is enabled on (lib/sites). */
export const sitesItem = storage.defineItem<SiteEntry[]>(local(STORAGE_KEYS.sites), { fallback: [], version: 1 });

/** 站点配置 by origin: the user's pins on each system (SiteProfile; a damaged entry is kept as it is, unused). */
export const profilesItem = storage.defineItem<Record<string, unknown>>(local(STORAGE_KEYS.profiles), { fallback: {}, version: 1 });

/** The rule packs the user imported (RulePack JSON; one that no longer validates stays listed with its problems). */
export const importedPacksItem = storage.defineItem<unknown[]>(local(STORAGE_KEYS.packs), { fallback: [], version: 1 });

const EMPTY_MIRROR: ManagedMirror = { policy: {}, errors: [] };

/**
 * Version 1 of the mirror kept its problems as Chinese sentences; version 2 keeps them as locale-message codes with
 * their parameters (PolicyProblem), worded in the reader's language. A sentence cannot be turned back into its code,
 * and the background writes the mirror afresh from the policy at every start, so version 2 drops them.
 */
function managedMirrorV2(old: unknown): unknown {
  if (typeof old !== 'object' || old === null || Array.isArray(old)) return old;
  const { errors } = old as { errors?: unknown };
  return { ...old, errors: Array.isArray(errors) ? errors.filter((e) => typeof e === 'object' && e !== null) : [] };
}

/** The valid part of the administrator's policy, written by the background only (lib/settings/managed-sync.ts). */
export const managedMirrorItem = storage.defineItem<ManagedMirror>(local(STORAGE_KEYS.managedMirror), {
  fallback: EMPTY_MIRROR,
  version: 2,
  migrations: { 2: managedMirrorV2 },
});

/** Test build only: a policy read as if it were storage.managed. */
export const managedForTestsItem = storage.defineItem<Record<string, unknown>>(local(STORAGE_KEYS.managedForTests));

/**
 * Test build only: the overlay gets its production host (closed shadow root, suffixed name when the page took ours)
 * for the hostile-page tests; without it the test build keeps the contract's open root (CHANGELOG.md).
 */
export const productionHostForTestsItem = storage.defineItem<boolean>(local(STORAGE_KEYS.productionHostForTests), {
  fallback: false,
});

type OverlayStateItem = WxtStorageItem<OverlayPlacement | null, Record<string, never>>;
const overlayItems = new Map<string, OverlayStateItem>();

/** Where the overlay stands on one system, and whether it is collapsed; written by the background alone. */
export function overlayStateItem(origin: string): OverlayStateItem {
  let item = overlayItems.get(origin);
  if (!item) overlayItems.set(origin, (item = storage.defineItem<OverlayPlacement, Record<string, never>>(local(overlayStateKey(origin)))));
  return item;
}

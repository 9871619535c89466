import { LOGICAL_KEYS } from '../facts/keys';
import { parseSiteProfile, type SiteProfile } from '../form/profile';
import type { OverlayPlacement } from '../messaging/protocol';
import { bundledPacks, storedPacks } from '../rules/packs';
import type { RulePack } from '../rules/schema';
import { OverlayStateSchema, checkSettings, type CheckedSettings } from './index';
import { importedPacksItem, managedMirrorItem, overlayStateItem, profilesItem, settingsItem } from './items';
import { applyManagedSettings, effectivePacks, readManagedMirror, type LockedSetting, type ManagedMirror } from './managed';
import type { Settings } from './index';

/*
 * The stored values as the background and the dashboard use them: each read through its item (./items.ts) and
 * checked, since storage may hold an older shape or a damaged value. Never throws on what it finds stored.
 */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The user's own settings, field by field (a damaged field is named in `invalid`). */
export async function loadSettings(): Promise<CheckedSettings> {
  return checkSettings(await settingsItem.getValue());
}

/** The mirror of the administrator's policy, checked again. */
export async function loadManagedMirror(): Promise<ManagedMirror> {
  return readManagedMirror(await managedMirrorItem.getValue());
}

/**
 * The settings in force: the user's with the administrator's applied, which of them are locked, and the policy
 * they were applied from (its site profiles and systems count too).
 */
export async function loadEffectiveSettings(): Promise<{ settings: Settings; locked: LockedSetting[]; policy: ManagedMirror['policy'] }> {
  const [own, mirror] = await Promise.all([loadSettings(), loadManagedMirror()]);
  return { ...applyManagedSettings(own.settings, mirror.policy), policy: mirror.policy };
}

/** The profiles map as stored, origin → profile (check each before use); a damaged map counts as empty. */
export function profileMap(stored: unknown): Record<string, unknown> {
  return isRecord(stored) ? stored : {};
}

async function loadProfiles(): Promise<Record<string, unknown>> {
  return profileMap(await profilesItem.getValue());
}

/** The user's own profile for a system, if one is stored and valid. */
export async function loadProfile(origin: string): Promise<SiteProfile | null> {
  const stored = (await loadProfiles())[origin];
  const r = stored === undefined ? null : parseSiteProfile(stored, { keys: LOGICAL_KEYS });
  return r?.ok ? r.profile : null;
}

/** Puts a checked profile in place of its origin's; the other systems' profiles are kept as they are. */
export async function saveProfile(profile: SiteProfile): Promise<void> {
  await profilesItem.setValue({ ...(await loadProfiles()), [profile.origin]: profile });
}

export async function deleteProfile(origin: string): Promise<void> {
  const all = { ...(await loadProfiles()) };
  delete all[origin];
  await profilesItem.setValue(all);
}

/** The imported packs as stored, valid or not (the packs page lists each, with its problems). */
export function packList(stored: unknown): unknown[] {
  return Array.isArray(stored) ? stored : [];
}

export async function loadImportedPackList(): Promise<unknown[]> {
  return packList(await importedPacksItem.getValue());
}

/** The imported packs that validate. */
export async function loadImportedPacks(): Promise<RulePack[]> {
  return storedPacks(await loadImportedPackList());
}

/** The rule packs the engine chooses from: bundled, then the administrator's or else the user's imported ones. */
export async function loadEffectivePacks(): Promise<RulePack[]> {
  const [imported, mirror] = await Promise.all([loadImportedPacks(), loadManagedMirror()]);
  return effectivePacks(bundledPacks, imported, mirror.policy);
}

/** Where the overlay stood on a system, or null (never saved, or damaged). */
export async function loadOverlayState(origin: string): Promise<OverlayPlacement | null> {
  const r = OverlayStateSchema.safeParse(await overlayStateItem(origin).getValue());
  return r.success ? r.data : null;
}

export async function saveOverlayState(origin: string, state: OverlayPlacement): Promise<void> {
  await overlayStateItem(origin).setValue(state);
}

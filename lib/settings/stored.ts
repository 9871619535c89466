import { LOGICAL_KEYS } from '../facts/keys';
import { parseSiteProfile, type SiteProfile } from '../form/profile';
import type { OverlayPlacement } from '../messaging/protocol';
import { bundledPacks, storedPacks } from '../rules/packs';
import type { RulePack } from '../rules/schema';
import { OverlayStateSchema, checkSettings, type CheckedSettings } from './index';
import { importedPacksItem, managedMirrorItem, overlayStateItem, profilesItem, settingsItem } from './items';
import { STORAGE_KEYS } from './keys';
import { withStorageLock } from './lock';
import {
  applyManagedSettings,
  effectivePacks,
  readManagedMirror,
  settingsAfterEdit,
  type LockedSetting,
  type ManagedMirror,
  type SettingsEdit,
} from './managed';
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

/**
 * Saves the settings page: the fields the user changed there, over the settings as stored now (settingsAfterEdit),
 * read and written under the settings' lock, so that a change another tab saved meanwhile is kept. The fields the
 * policy locks now keep the user's own stored values.
 */
export async function saveEditedSettings(edit: SettingsEdit): Promise<void> {
  await withStorageLock(STORAGE_KEYS.settings, async () => {
    const [own, mirror] = await Promise.all([loadSettings(), loadManagedMirror()]);
    const { locked } = applyManagedSettings(own.settings, mirror.policy);
    await settingsItem.setValue(settingsAfterEdit(edit, own.settings, locked));
  });
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

/**
 * Changes the profiles map: `change` gets it as stored now and returns the map to store. The read and the write
 * hold the profiles' lock, so a change another context makes at the same moment is not lost.
 */
async function updateProfiles(change: (all: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  await withStorageLock(STORAGE_KEYS.profiles, async () => profilesItem.setValue(change(await loadProfiles())));
}

/**
 * Puts `change(previous)` in place of the origin's profile (previous: the valid one stored, or null); the other
 * systems' profiles are kept as they are. Nothing is written when `change` throws.
 */
export async function updateProfile(origin: string, change: (previous: SiteProfile | null) => SiteProfile): Promise<void> {
  await updateProfiles((all) => {
    const r = all[origin] === undefined ? null : parseSiteProfile(all[origin], { keys: LOGICAL_KEYS });
    return { ...all, [origin]: change(r?.ok ? r.profile : null) };
  });
}

/** Puts a checked profile in place of its origin's; the other systems' profiles are kept as they are. */
export async function saveProfile(profile: SiteProfile): Promise<void> {
  await updateProfile(profile.origin, () => profile);
}

export async function deleteProfile(origin: string): Promise<void> {
  await updateProfiles((all) => {
    const rest = { ...all };
    delete rest[origin];
    return rest;
  });
}

/** The imported packs as stored, valid or not (the packs page lists each, with its problems). */
export function packList(stored: unknown): unknown[] {
  return Array.isArray(stored) ? stored : [];
}

export async function loadImportedPackList(): Promise<unknown[]> {
  return packList(await importedPacksItem.getValue());
}

/**
 * Changes the imported packs: `change` gets the list as stored now and returns the list to store, or null to
 * leave it. The read and the write hold the packs' lock, as updateProfiles does.
 */
export async function updateImportedPackList(change: (list: unknown[]) => unknown[] | null): Promise<void> {
  await withStorageLock(STORAGE_KEYS.packs, async () => {
    const next = change(await loadImportedPackList());
    if (next !== null) await importedPacksItem.setValue(next);
  });
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

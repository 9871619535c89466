import { z } from 'zod';
import { parseSiteProfile } from '../form/profile';
import { userMessage, type MessageFamily, type UserMessage } from '../messages';
import { parseRulePack } from '../rules';
import { SiteEntrySchema, siteForUrl } from '../sites';
import { OverlayStateSchema, SettingsSchema } from './index';
import { STORAGE_KEYS, isOverlayStateKey, metaKey, overlayStateKey } from './keys';

/*
 * The extension's storage.local as a backup carries it and a restore or 清除本机数据 writes it: checked as
 * strictly as the database rows, and sized the way the browser counts its quota.
 */

/**
 * Keys that describe this machine, not the user's data: the mirror of the administrator's policy (rewritten
 * by the background from storage.managed) with its item version, and its test-build stand-in. A restore keeps
 * this machine's values.
 */
const MACHINE_KEYS: readonly string[] = [STORAGE_KEYS.managedMirror, metaKey(STORAGE_KEYS.managedMirror), STORAGE_KEYS.managedForTests];

const MAX_LIST = 500;

const StrictSettingsSchema = SettingsSchema.extend({ province: z.string().max(40).default('') });

function siteOrigin(origin: string): boolean {
  return siteForUrl(origin)?.origin === origin;
}

const problem = (code: MessageFamily<'settingsProblem_'>, ...subs: (string | number | UserMessage)[]): UserMessage =>
  userMessage(`settingsProblem_${code}`, ...subs);

/** Why one stored value is not acceptable, or null. */
function problemOf(key: string, value: unknown): UserMessage | null {
  if (key === STORAGE_KEYS.settings) {
    const r = StrictSettingsSchema.safeParse(value);
    return r.success ? null : problem('settings');
  }
  if (key === STORAGE_KEYS.sites) {
    const r = z.array(SiteEntrySchema).max(MAX_LIST).safeParse(value);
    if (!r.success) return problem('sites');
    const bad = r.data.find((s) => !siteOrigin(s.origin) || Number.isNaN(Date.parse(s.enabledAt)));
    return bad ? problem('site', bad.origin.slice(0, 60)) : null;
  }
  if (key === STORAGE_KEYS.profiles) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem('profilesShape');
    const entries = Object.entries(value);
    if (entries.length > MAX_LIST) return problem('profilesMany');
    for (const [origin, profile] of entries) {
      if (!siteOrigin(origin)) return problem('profileOrigin', origin.slice(0, 60));
      if (!parseSiteProfile(profile).ok) return problem('profile', origin.slice(0, 60));
    }
    return null;
  }
  if (key === STORAGE_KEYS.packs) {
    if (!Array.isArray(value) || value.length > MAX_LIST) return problem('packs');
    for (let i = 0; i < value.length; i++) {
      const r = parseRulePack(value[i]);
      // the packs page words the problems in the user's language when the pack is imported again
      if (!r.ok) return problem('pack', i + 1);
    }
    return null;
  }
  if (isOverlayStateKey(key)) {
    return siteOrigin(key.slice(overlayStateKey('').length)) && OverlayStateSchema.strict().safeParse(value).success
      ? null
      : problem('overlay');
  }
  return null;
}

/** Bytes the browser counts for storage.local items (Chrome: each key plus its value as JSON, UTF-8). */
export function storageBytes(items: Record<string, unknown>): number {
  const enc = new TextEncoder();
  let n = 0;
  for (const [k, v] of Object.entries(items)) n += enc.encode(k).length + enc.encode(JSON.stringify(v) ?? '').length;
  return n;
}

/**
 * Checks a storage.local snapshot from a backup: known keys against their schemas (settings, enabled systems,
 * site profiles, imported rule packs, overlay positions); every value must survive JSON. Returns the problems,
 * empty when the snapshot can be written.
 */
export function checkStorageSnapshot(snapshot: Record<string, unknown>): UserMessage[] {
  const problems: UserMessage[] = [];
  for (const [key, value] of Object.entries(snapshot)) {
    if (key.length > 300) {
      problems.push(problem('longKey'));
      continue;
    }
    if (MACHINE_KEYS.includes(key)) continue;
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      json = undefined;
    }
    if (json === undefined) {
      problems.push(problem('unsaveable', key.slice(0, 60)));
      continue;
    }
    const p = problemOf(key, value);
    if (p) problems.push(problem('key', key.slice(0, 60), p));
  }
  return problems;
}

/** What a restore accepts of a value, entry by entry (an array) or key by key (an object); undefined for neither. */
function acceptedEntries(key: string, value: unknown): unknown {
  const ok = (v: unknown): boolean => checkStorageSnapshot({ [key]: v }).length === 0;
  if (Array.isArray(value)) return value.filter((e) => ok([e]));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).filter(([k, e]) => ok({ [k]: e })));
  return undefined;
}

/**
 * The storage.local a backup carries, so that a restore accepts it (checkStorageSnapshot): a value this machine
 * holds damaged (settings saved by an older version, a rule pack or site profile that no longer parses) would make
 * the whole backup, the ledger with it, impossible to restore. What is damaged is left out, entry by entry for
 * the lists of sites and packs, key by key for objects (profiles, settings); `leftOut` says what, for the user.
 */
export function restorableSnapshot(local: Record<string, unknown>): { snapshot: Record<string, unknown>; leftOut: UserMessage[] } {
  const snapshot: Record<string, unknown> = {};
  const leftOut: UserMessage[] = [];
  for (const [key, value] of Object.entries(local)) {
    const problems = checkStorageSnapshot({ [key]: value });
    if (problems.length === 0) {
      snapshot[key] = value;
      continue;
    }
    leftOut.push(...problems);
    const kept = key.length <= 300 ? acceptedEntries(key, value) : undefined;
    if (kept !== undefined && checkStorageSnapshot({ [key]: kept }).length === 0) snapshot[key] = kept;
  }
  return { snapshot, leftOut };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A backup's storage.local as a restore takes it over this machine's (`current`). A backup made before
 * restorableSnapshot existed may hold a damaged value; it is set aside rather than refusing the whole backup, the
 * ledger with it: what restorableSnapshot keeps of it is restored, this machine's value standing in for each
 * damaged key of an object (a setting, a system's profile, an overlay place) where that leaves the value sound,
 * and this machine's whole value where nothing of the backup's is sound. Damaged entries of a list (systems,
 * packs) are dropped: nothing tells which of this machine's entries stands for them. `leftOut` says what was set aside.
 */
export function restorableStorage(
  backup: Record<string, unknown>,
  current: Record<string, unknown>,
): { snapshot: Record<string, unknown>; leftOut: UserMessage[] } {
  const { snapshot, leftOut } = restorableSnapshot(backup);
  for (const [key, value] of Object.entries(backup)) {
    if (MACHINE_KEYS.includes(key) || checkStorageSnapshot({ [key]: value }).length === 0) continue;
    const kept = snapshot[key];
    const mine = current[key];
    if (!(key in snapshot)) {
      if (key in current) snapshot[key] = mine;
    } else if (isRecord(kept) && isRecord(value) && isRecord(mine)) {
      const patched = { ...kept };
      for (const k of Object.keys(value)) if (!(k in kept) && k in mine) patched[k] = mine[k];
      if (checkStorageSnapshot({ [key]: patched }).length === 0) snapshot[key] = patched;
    }
  }
  return { snapshot, leftOut };
}

/** The storage.local a restore writes: the backup's snapshot, with this machine's MACHINE_KEYS kept. */
export function storageAfterRestore(snapshot: Record<string, unknown>, current: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(snapshot)) if (!MACHINE_KEYS.includes(k)) out[k] = v;
  for (const k of MACHINE_KEYS) if (k in current) out[k] = current[k];
  return out;
}

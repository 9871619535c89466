import { LOGICAL_KEYS } from '../facts/keys';
import type { MessageFamily } from '../messages';
import { formatProfileProblem, parseSiteProfile, type ProfileProblem, type SiteProfile } from '../form/profile';
import { bundledPacks, formatPackProblems, parseRulePack, type PackProblem, type RulePack, type Translate } from '../rules';
import { siteForUrl } from '../sites';
import {
  DEFAULT_SETTINGS,
  LOWER_AMOUNT_PRESETS,
  LowerAmountFineSchema,
  type LowerAmountFine,
  type Settings,
  type SettingsField,
} from './index';

/**
 * Managed deployment (集中部署): what an administrator pushes by group policy (storage.managed, schema in
 * public/managed_schema.json). Pure: parsing with problems worded from the locale files (a broken part is
 * ignored and reported, the rest still applies) and merging managed values over the user's own, which stay stored untouched so that
 * lifting the policy gives the user's values back.
 */

export interface ManagedPolicy {
  /** origins of the systems to enable, e.g. `http://10.1.2.3:8080` */
  sites?: string[];
  /** 填报单位 */
  unitName?: string;
  /** a preset of LOWER_AMOUNT_PRESETS, or `custom` with lowerAmountFine */
  province?: string;
  lowerAmountFine?: LowerAmountFine;
  /** replace the user's profile for their origins */
  profiles?: SiteProfile[];
  /** when present, the only packs used besides the bundled ones (the user's imports are set aside) */
  rulePacks?: RulePack[];
}

/** One ignored part of the policy: the sentence `managedError_<code>` with `params`, and a rule pack's own problems. */
export interface PolicyProblem {
  code: PolicyProblemCode;
  params: string[];
  pack?: PackProblem[];
  profile?: ProfileProblem;
}

export interface ParsedPolicy {
  policy: ManagedPolicy;
  /** one per ignored part */
  errors: PolicyProblem[];
}

/** What the background mirrors into storage.local (managedMirrorItem). */
export type ManagedMirror = ParsedPolicy;

/** The policy names, as declared in public/managed_schema.json. */
export const MANAGED_POLICY_KEYS = ['sites', 'unitName', 'province', 'lowerAmountFine', 'profiles', 'rulePacks'] as const;
const PROVINCES = [...Object.keys(LOWER_AMOUNT_PRESETS), 'custom'];
const MAX_ITEMS = 200;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown): string => {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
};

type PolicyProblemCode = MessageFamily<'managedError_'>;
const POLICY_PROBLEM_CODES = new Set<string>([
  'notObject',
  'unknownKey',
  'notList',
  'tooMany',
  'siteInvalid',
  'unitName',
  'lowerAmountFine',
  'province',
  'provinceCustom',
  'profileInvalid',
  'profileDuplicate',
  'packInvalid',
  'packBundled',
  'packDuplicate',
] satisfies PolicyProblemCode[]);

const problem = (code: PolicyProblemCode, ...params: string[]): PolicyProblem => ({ code, params });

/** A policy problem in the user's language. */
export function formatPolicyProblem(p: PolicyProblem, t: Translate): string {
  if (p.profile) return t(`managedError_${p.code}`, [...p.params, formatProfileProblem(p.profile, t)]);
  return t(`managedError_${p.code}`, p.pack ? [...p.params, formatPackProblems(p.pack, t)] : p.params);
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** A stored problem, as the background wrote it (a restored backup may carry anything). */
function isPolicyProblem(v: unknown): v is PolicyProblem {
  if (!isRecord(v) || typeof v.code !== 'string' || !POLICY_PROBLEM_CODES.has(v.code) || !isStrings(v.params)) return false;
  const profile = v.profile;
  if (
    profile !== undefined &&
    !(isRecord(profile) && typeof profile.code === 'string' && /^[A-Za-z]+$/.test(profile.code) && isStrings(profile.params))
  )
    return false;
  return (
    v.pack === undefined ||
    (Array.isArray(v.pack) &&
      v.pack.every((p) => isRecord(p) && typeof p.code === 'string' && Array.isArray(p.path) && isStrings(p.params)))
  );
}

/** The origin of an http(s) address an administrator wrote (a trailing path is tolerated), or null. */
function policyOrigin(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const site = siteForUrl(v.trim());
  return site ? site.origin : null;
}

/** A list in the policy: an array, capped; anything else is reported. */
function listOf(raw: Record<string, unknown>, key: string, errors: PolicyProblem[]): unknown[] | null {
  const v = raw[key];
  if (v === undefined) return null;
  if (!Array.isArray(v)) {
    errors.push(problem('notList', key));
    return null;
  }
  if (v.length > MAX_ITEMS) errors.push(problem('tooMany', key, String(MAX_ITEMS)));
  return v.slice(0, MAX_ITEMS);
}

/**
 * Checks a managed policy object. Never throws: every part that does not validate is left out of `policy`
 * and named in `errors`; unknown policy names are reported too (Chrome drops them before we see them).
 */
export function parseManagedPolicy(raw: unknown): ParsedPolicy {
  const errors: PolicyProblem[] = [];
  const policy: ManagedPolicy = {};
  if (raw === undefined || raw === null) return { policy, errors };
  if (!isRecord(raw)) return { policy, errors: [problem('notObject')] };

  for (const key of Object.keys(raw)) {
    if (!(MANAGED_POLICY_KEYS as readonly string[]).includes(key)) errors.push(problem('unknownKey', key));
  }

  const sites = listOf(raw, 'sites', errors);
  if (sites) {
    const origins: string[] = [];
    sites.forEach((s, i) => {
      const origin = policyOrigin(s);
      if (!origin) errors.push(problem('siteInvalid', String(i + 1), shown(s)));
      else if (!origins.includes(origin)) origins.push(origin);
    });
    policy.sites = origins;
  }

  if (raw.unitName !== undefined) {
    const name = typeof raw.unitName === 'string' ? raw.unitName.trim() : '';
    if (name === '' || name.length > 100) errors.push(problem('unitName'));
    else policy.unitName = name;
  }

  if (raw.lowerAmountFine !== undefined) {
    const r = LowerAmountFineSchema.safeParse(raw.lowerAmountFine);
    if (r.success) policy.lowerAmountFine = r.data;
    else errors.push(problem('lowerAmountFine'));
  }
  if (raw.province !== undefined) {
    if (typeof raw.province !== 'string' || !PROVINCES.includes(raw.province)) {
      errors.push(problem('province', PROVINCES.join('、')));
    } else if (raw.province === 'custom' && !policy.lowerAmountFine) {
      errors.push(problem('provinceCustom'));
    } else {
      policy.province = raw.province;
    }
  }

  const profiles = listOf(raw, 'profiles', errors);
  if (profiles) {
    const kept: SiteProfile[] = [];
    profiles.forEach((p, i) => {
      const r = parseSiteProfile(p, { keys: LOGICAL_KEYS });
      if (!r.ok) errors.push({ ...problem('profileInvalid', String(i + 1)), profile: r.problem });
      else if (kept.some((k) => k.origin === r.profile.origin)) errors.push(problem('profileDuplicate', String(i + 1), r.profile.origin));
      else kept.push(r.profile);
    });
    policy.profiles = kept;
  }

  const packs = listOf(raw, 'rulePacks', errors);
  if (packs) {
    const kept: RulePack[] = [];
    packs.forEach((p, i) => {
      const r = parseRulePack(p);
      const same = (q: RulePack) => r.ok && q.id === r.pack.id && q.version === r.pack.version;
      if (!r.ok) errors.push({ ...problem('packInvalid', String(i + 1)), pack: r.problems });
      else if (bundledPacks.some(same)) errors.push(problem('packBundled', String(i + 1), r.pack.id, r.pack.version));
      else if (kept.some(same)) errors.push(problem('packDuplicate', String(i + 1), r.pack.id, r.pack.version));
      else kept.push(r.pack);
    });
    policy.rulePacks = kept;
  }

  return { policy, errors };
}

/** The mirror as stored (managedMirrorItem), checked again: storage hands back whatever it holds. */
export function readManagedMirror(raw: unknown): ManagedMirror {
  if (!isRecord(raw)) return { policy: {}, errors: [] };
  const parsed = parseManagedPolicy(raw.policy);
  const stored = Array.isArray(raw.errors) ? raw.errors.filter(isPolicyProblem) : [];
  return { policy: parsed.policy, errors: [...stored, ...parsed.errors] };
}

/** Settings fields an administrator can lock. */
export type LockedSetting = 'unitName' | 'lowerAmountFine';

/** The settings in force: the user's, with the managed ones applied, and which of them are locked. */
export function applyManagedSettings(user: Settings, policy: ManagedPolicy): { settings: Settings; locked: LockedSetting[] } {
  const settings = { ...user };
  const locked: LockedSetting[] = [];
  if (policy.unitName !== undefined) {
    settings.unitName = policy.unitName;
    locked.push('unitName');
  }
  if (policy.lowerAmountFine) {
    settings.lowerAmountFine = policy.lowerAmountFine;
    settings.province = policy.province ?? 'custom';
    locked.push('lowerAmountFine');
  } else if (policy.province) {
    settings.lowerAmountFine = LOWER_AMOUNT_PRESETS[policy.province] ?? null;
    settings.province = policy.province;
    locked.push('lowerAmountFine');
  }
  return { settings, locked };
}

/** What the settings page edits: the values it started from and the user's draft. */
export interface SettingsEdit {
  started: Settings;
  edited: Settings;
}

// A province picks its threshold (LOWER_AMOUNT_PRESETS): the two are changed, locked and kept together; every other
// field (all of DEFAULT_SETTINGS') alone, so that a field added later is saved too.
const TOGETHER: readonly SettingsField[] = ['province', 'lowerAmountFine'];
const SETTINGS_GROUPS: readonly (readonly SettingsField[])[] = [
  TOGETHER,
  ...(Object.keys(DEFAULT_SETTINGS) as SettingsField[]).filter((f) => !TOGETHER.includes(f)).map((f) => [f]),
];

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `current` with the fields the user changed in the form (edited differs from started) put in: a field another tab
 * or context changed meanwhile, and this form did not, keeps its value from `current`. Locked fields keep
 * `current`'s, so saving never stores the administrator's values as the user's own.
 */
export function settingsAfterEdit(edit: SettingsEdit, current: Settings, locked: readonly LockedSetting[]): Settings {
  const out = { ...current };
  for (const group of SETTINGS_GROUPS) {
    if (group.some((f) => (locked as readonly string[]).includes(f))) continue;
    if (group.every((f) => sameValue(edit.edited[f], edit.started[f]))) continue;
    Object.assign(out, Object.fromEntries(group.map((f) => [f, edit.edited[f]])));
  }
  return out;
}

/** The managed profile for a system, if the policy has one (it replaces the user's). */
export function managedProfile(policy: ManagedPolicy, origin: string): SiteProfile | undefined {
  return policy.profiles?.find((p) => p.origin === origin);
}

/** The stored profiles map (origin → profile) with the managed profiles put in place of the user's. */
export function applyManagedProfiles(user: Record<string, unknown>, policy: ManagedPolicy): Record<string, unknown> {
  const out = { ...user };
  for (const p of policy.profiles ?? []) out[p.origin] = p;
  return out;
}

/** The packs the engine may choose from: bundled, then the managed ones if the policy has any, else the user's. */
export function effectivePacks(bundled: readonly RulePack[], imported: readonly RulePack[], policy: ManagedPolicy): RulePack[] {
  return [...bundled, ...(policy.rulePacks ?? imported)];
}

/** The managed systems as sites to register (the same patterns the popup asks permission for). */
export function managedSites(policy: ManagedPolicy, opts: { withPort?: boolean } = {}): Array<{ origin: string; pattern: string }> {
  return (policy.sites ?? []).flatMap((o) => {
    const s = siteForUrl(o, opts);
    return s ? [s] : [];
  });
}

export function isManagedSite(policy: ManagedPolicy, origin: string): boolean {
  return (policy.sites ?? []).includes(origin);
}

import { z } from 'zod';
import { SHADOW_SEPARATOR } from './locator';
import type { MessageFamily, MessageKey } from '../messages';
import { valueAt } from '../path';
import { queryOf } from './native';

/**
 * A pin: the element a selector designates holds the value of a logical key. The key is checked only for
 * its shape here (lib/form precedes lib/facts, which owns LOGICAL_KEYS); pass the known keys to
 * parseSiteProfile to reject unknown ones.
 */
const SitePinSchema = z.object({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/),
  selector: z.string().trim().min(1).max(2000),
});

/** `http://zfba.scjg.internal:8080`: scheme, host and port, nothing after. */
function isOrigin(s: string): boolean {
  try {
    const u = new URL(s);
    return /^https?:$/.test(u.protocol) && u.origin === s;
  } catch {
    return false;
  }
}

const SiteProfileSchema = z.object({
  version: z.literal(1),
  origin: z.string().refine(isOrigin),
  name: z.string().max(200),
  pins: z.array(SitePinSchema).max(200),
  updatedAt: z.string().min(1).max(40),
});
export type SiteProfile = z.infer<typeof SiteProfileSchema>;

/**
 * Why a profile was refused, in codes the user's language words (formatProfileProblem): `at` is the path of the
 * offending value (`pins.0.selector`), `item` a pin's number from 1.
 */
export interface ProfileProblem {
  code: ProfileProblemCode;
  params: string[];
}

export type ParsedProfile = { ok: true; profile: SiteProfile } | { ok: false; problem: ProfileProblem };

type ProfileProblemCode = MessageFamily<'profile_error_'>;
type Translate = (key: MessageKey, subs?: string[]) => string;

const PATH_NAMES = new Set<string>([
  'version',
  'origin',
  'name',
  'pins',
  'updatedAt',
  'key',
  'selector',
] satisfies MessageFamily<'profile_path_'>[]);
const isPathName = (p: string): p is MessageFamily<'profile_path_'> => PATH_NAMES.has(p);

/** `pins.0.selector` → 固定字段的第1项的选择器 */
function pathText(path: string, t: Translate): string {
  const words = path
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? t('profile_path_item', [String(Number(p) + 1)]) : isPathName(p) ? t(`profile_path_${p}`) : p));
  return words.reduce((a, b) => t('profile_path_join', [a, b]));
}

/** A refused profile's problem in the user's language. */
export function formatProfileProblem(p: ProfileProblem, t: Translate): string {
  const [first = '', ...rest] = p.params;
  return t(`profile_error_${p.code}`, PATH_CODES.has(p.code) ? [pathText(first, t), ...rest] : p.params);
}

const PATH_CODES = new Set<ProfileProblemCode>(['missing', 'keyName', 'tooBig', 'tooSmall', 'value']);

function issueCode(issue: z.core.$ZodIssue, data: unknown): ProfileProblemCode {
  const last = issue.path[issue.path.length - 1];
  if (issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined) return 'missing';
  if (last === 'version' || last === 'origin') return last;
  if (last === 'key') return 'keyName';
  if (issue.code === 'too_big') return 'tooBig';
  if (issue.code === 'too_small') return 'tooSmall';
  return 'value';
}

function issueProblem(issue: z.core.$ZodIssue, data: unknown): ProfileProblem {
  const code = issueCode(issue, data);
  return { code, params: PATH_CODES.has(code) ? [issue.path.map(String).join('.')] : [] };
}

const refused = (code: ProfileProblemCode, ...params: string[]): ParsedProfile => ({ ok: false, problem: { code, params } });

/** A selector the page's own engine accepts (checked only where a DOM exists: dashboard, content script). */
function selectorError(selector: string): string | null {
  const doc = (globalThis as { document?: Document }).document;
  if (!doc) return null;
  const frag = doc.createDocumentFragment();
  for (const part of selector.split(SHADOW_SEPARATOR.trim())) {
    try {
      queryOf(frag, part.trim());
    } catch {
      return part.trim();
    }
  }
  return null;
}

/**
 * Checks a site profile (an object, or its JSON text as imported from a file). With `keys`, pins to keys outside
 * that list are rejected.
 */
export function parseSiteProfile(json: unknown, opts: { keys?: readonly string[] } = {}): ParsedProfile {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch {
      return refused('json');
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return refused('notObject');
  }
  const r = SiteProfileSchema.safeParse(data);
  if (!r.success) {
    const first = r.error.issues[0];
    return first ? { ok: false, problem: issueProblem(first, data) } : refused('format');
  }
  const seen = new Set<string>();
  for (const [i, pin] of r.data.pins.entries()) {
    if (opts.keys && !opts.keys.includes(pin.key)) {
      return refused('unknownKey', String(i + 1), pin.key);
    }
    if (seen.has(pin.key)) return refused('twice', pin.key);
    seen.add(pin.key);
    const bad = selectorError(pin.selector);
    if (bad !== null) return refused('selector', String(i + 1), bad);
  }
  return { ok: true, profile: r.data };
}

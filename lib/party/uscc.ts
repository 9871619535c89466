import type { MessageFamily } from '../messages';
import { foldWidth, removeSpace } from '../text/fold';
import { isIdNumber } from './idNumber';

/** What kind of party a code or record designates. */
export type PartyKind =
  | 'enterprise' // 企业
  | 'individual-business' // 个体工商户
  | 'farmer-coop' // 农民专业合作社
  | 'institution' // 机关、事业单位
  | 'social-org' // 社会团体、民办非企业单位、基金会
  | 'other-org' // 其他组织
  | 'natural-person' // 自然人
  | 'unknown';

/** Result of checking a unified social credit code (统一社会信用代码) or registration number (注册号). */
export interface CodeCheck {
  ok: boolean;
  /** Upper-case, half-width, without spaces. */
  normalized: string;
  kind: 'uscc' | 'regNo' | 'unknown';
  partyKind: PartyKind;
  /** Why the code is invalid: the view words `usccProblem_<reason>` with `detail`. */
  reason?: UsccProblem;
  /** what the reason names: the length found, the character or authority code refused */
  detail?: string;
}

/** Why a credit code is invalid, as a code (the locale files word each one). */
export type UsccProblem = MessageFamily<'usccProblem_'>;
/** The problems, for checking data that says it holds one. */
export const USCC_PROBLEMS = [
  'empty',
  'regNoCheck',
  'length',
  'idNumber',
  'char',
  'authority',
  'region',
  'check',
  'orgCheck',
] as const satisfies readonly UsccProblem[];

/** GB 32100-2015 character set: digits and capitals without I, O, S, V, Z. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * GB 32100-2015 registration-authority codes (登记管理部门码, 1st char): 1 机构编制, 2 外交, 3 司法行政, 4 文化,
 * 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商, A 中央军委改革和编制办公室, N 农业, Y 其他.
 */
const USCC_AUTHORITIES = '123456789ANY';

/** Party kind from the first two characters of a USCC. */
export function partyKindOfUscc(code: string): PartyKind {
  const head = code.slice(0, 2);
  if (head === '91') return 'enterprise';
  if (head === '92') return 'individual-business';
  if (head === '93') return 'farmer-coop';
  if (head === '11' || head === '12' || head === 'A1') return 'institution';
  if (head[0] === '5') return 'social-org';
  return head.length === 2 && USCC_AUTHORITIES.includes(head[0]!) ? 'other-org' : 'unknown';
}

// Imports check a million codes: a table lookup per character instead of a string search.
const CHAR_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_ALPHABET.length; i++) CHAR_VALUE[USCC_ALPHABET.charCodeAt(i)] = i;

function charValue(c: string): number {
  const code = c.charCodeAt(0);
  return code < 128 ? CHAR_VALUE[code]! : -1;
}

/** GB 32100-2015 check character for the first 17 characters, or null if one is outside the alphabet. */
function usccCheckChar(body17: string): string | null {
  if (body17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = charValue(body17[i]!);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 organisation-code check character (digit or X) for an 8-character body. */
export function orgCodeCheckChar(body8: string): string | null {
  if (body8.length !== 8) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    // 0-9 then A-Z as 10-35 (base 36)
    const c = body8.charCodeAt(i);
    const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x5a ? c - 0x41 + 10 : -1;
    if (v < 0) return null;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Appends the GB 32100 check character to 17 characters (a helper for fixtures and tests). */
export function makeValidUscc(body17: string): string {
  const body = normalizeCode(body17);
  const check = usccCheckChar(body);
  if (check === null) throw new Error(`不能为“${body17}”生成统一社会信用代码：应为17位且只含代码字符`);
  return body + check;
}

/**
 * ISO 7064 MOD 11,10 validation of a 15-digit registration number (GS15-2006 注册号编制规则).
 * Checked against published real numbers, which all pass.
 */
function isValidRegNo(s: string): boolean {
  if (!/^\d{15}$/.test(s)) return false;
  let p = 10;
  for (let i = 0; i < 15; i++) {
    const sum = (p + Number(s[i])) % 10;
    if (i === 14) return sum === 1;
    p = ((sum === 0 ? 10 : sum) * 2) % 11;
  }
  return false;
}

const CLEAN_CODE = /^[0-9A-Z]*$/;

/** Upper case, half width, without whitespace. */
export function normalizeCode(s: string): string {
  return CLEAN_CODE.test(s) ? s : removeSpace(foldWidth(s)).toUpperCase();
}

/**
 * Checks a unified social credit code (18 characters) or a 15-digit registration number.
 * Lower-case and full-width input and stray spaces are accepted. Never throws.
 */
export function checkCreditCode(s: string): CodeCheck {
  const normalized = normalizeCode(typeof s === 'string' ? s : '');
  if (normalized === '') return failed(normalized, 'empty');
  if (/^\d{15}$/.test(normalized)) {
    return isValidRegNo(normalized)
      ? { ok: true, normalized, kind: 'regNo', partyKind: 'unknown' }
      : failed(normalized, 'regNoCheck', 'regNo');
  }
  if (normalized.length !== 18) {
    return failed(normalized, 'length', 'unknown', 'unknown', String(normalized.length));
  }
  const check = usccCheckChar(normalized.slice(0, 17));
  if (check !== normalized[17] && isIdNumber(normalized)) {
    return failed(normalized, 'idNumber', 'unknown', 'natural-person');
  }
  for (let i = 0; i < 18; i++) {
    if (charValue(normalized[i]!) >= 0) continue;
    const bad = String.fromCodePoint(normalized.codePointAt(i)!);
    return failed(normalized, 'char', 'uscc', 'unknown', bad);
  }
  const partyKind = partyKindOfUscc(normalized);
  if (!USCC_AUTHORITIES.includes(normalized[0]!)) {
    return failed(normalized, 'authority', 'uscc', 'unknown', normalized[0]);
  }
  if (!/^\d{6}$/.test(normalized.slice(2, 8))) {
    return failed(normalized, 'region', 'uscc', partyKind);
  }
  if (check !== normalized[17]) {
    return failed(normalized, 'check', 'uscc', partyKind);
  }
  if (orgCodeCheckChar(normalized.slice(8, 16)) !== normalized[16]) {
    return failed(normalized, 'orgCheck', 'uscc', partyKind);
  }
  return { ok: true, normalized, kind: 'uscc', partyKind };
}

// Not a closure in checkCreditCode: the bulk audit checks a code per row.
function failed(
  normalized: string,
  reason: UsccProblem,
  kind: CodeCheck['kind'] = 'unknown',
  partyKind: PartyKind = 'unknown',
  detail?: string,
): CodeCheck {
  return detail === undefined
    ? { ok: false, normalized, kind, partyKind, reason }
    : { ok: false, normalized, kind, partyKind, reason, detail };
}

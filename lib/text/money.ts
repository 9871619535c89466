import { foldWidth } from './fold';
import { CHINESE_DIGITS, CHINESE_NUMERAL_CHARS, parseChineseInteger } from './numbers';

/** An amount found in text. `approximate` marks 余/多 amounts, whose `yuan` is a lower bound. */
export interface Money {
  yuan: number;
  approximate: boolean;
  /** The matched text as written. */
  text: string;
  /** Position of `text` in the input. */
  index: number;
}

/** Unit of a bare number, e.g. a column headed 罚款金额（万元） is `wan`. */
export type MoneyUnit = 'yuan' | 'wan';

const ARABIC = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const CN_DIGIT = `[0-9${Object.keys(CHINESE_DIGITS).join('')}]`;
// Numbered groups (named ones cost an object per match): PREFIX, NUM, APPROX1, MULT, APPROX2, YUAN, JIAO, FEN.
const PREFIX = String.raw`((?:人民币|RMB|[￥¥])\s*)?`;
const TAIL = String.raw`\s*([余多])?(亿|万|千|百)?([余多])?\s*(元|圆)?` + String.raw`(?:零?(${CN_DIGIT})角)?(?:零?(${CN_DIGIT})分)?整?`;
const G_PREFIX = 1;
const G_NUM = 2;
const G_APPROX1 = 3;
const G_MULT = 4;
const G_APPROX2 = 5;
const G_YUAN = 6;
const G_JIAO = 7;
const G_FEN = 8;

// Two candidate shapes; both are collected and the earliest, then longest, non-overlapping ones kept.
const ARABIC_SOURCE = `${PREFIX}(${ARABIC})${TAIL}`;
const CHINESE_SOURCE = `${PREFIX}([0-9${CHINESE_NUMERAL_CHARS}]+)${TAIL}`;
const ARABIC_RE = new RegExp(ARABIC_SOURCE, 'g');
const CHINESE_RE = new RegExp(CHINESE_SOURCE, 'g');
// The same shapes tried at one position only (moneyAt).
const ARABIC_AT = new RegExp(ARABIC_SOURCE, 'y');
const CHINESE_AT = new RegExp(CHINESE_SOURCE, 'y');

const CURRENCY = /[元圆￥¥]|人民币|RMB/;
const NOT_FROM_ZERO_OR_UNIT = /^[百佰千仟万萬亿億零〇○]/;

function digitValue(c: string | undefined): number {
  if (c === undefined) return 0;
  return CHINESE_DIGITS[c] ?? Number(c);
}

const EXPONENTS: Readonly<Record<string, number>> = { 亿: 8, 万: 4, 千: 3, 百: 2 };

/** Exact cents of a decimal string times 10^exp, rounded half up; no binary floating point involved. */
function decimalToCents(num: string, exp = 0): number {
  const plain = num.includes(',') ? num.replace(/,/g, '') : num;
  // What split('.') gives as its first two parts, without the array.
  const dot = plain.indexOf('.');
  const int = dot < 0 ? plain : plain.slice(0, dot);
  const dot2 = dot < 0 ? -1 : plain.indexOf('.', dot + 1);
  const frac = dot < 0 ? '' : plain.slice(dot + 1, dot2 < 0 ? plain.length : dot2);
  const shift = exp + 2;
  const digits = int + frac.padEnd(shift, '0');
  const whole = digits.slice(0, int.length + shift);
  const next = digits[int.length + shift];
  return Number(whole) + (next !== undefined && next >= '5' ? 1 : 0);
}

function candidate(m: RegExpExecArray, chinese: boolean, input: string): Money | null {
  // A currency marker is required: 元, or a 人民币/￥ prefix.
  const yuan = m[G_YUAN];
  if (yuan === undefined && m[G_PREFIX] === undefined) return null;
  const jiao = m[G_JIAO];
  const fen = m[G_FEN];
  if ((jiao !== undefined || fen !== undefined) && yuan === undefined) return null;
  const num = m[G_NUM] ?? '';
  const mult = m[G_MULT];
  const exp = mult === undefined ? 0 : EXPONENTS[mult]!;
  let cents: number;
  if (chinese) {
    if (NOT_FROM_ZERO_OR_UNIT.test(num)) return null;
    const value = parseChineseInteger(num);
    if (value === null) return null;
    cents = value * 10 ** (exp + 2);
  } else {
    cents = decimalToCents(num, exp);
  }
  cents += digitValue(jiao) * 10 + digitValue(fen);
  if (!Number.isSafeInteger(cents)) return null;
  const index = m.index;
  const end = index + m[0].trimEnd().length; // trimEnd removes exactly \s
  return {
    yuan: cents / 100,
    approximate: m[G_APPROX1] !== undefined || m[G_APPROX2] !== undefined,
    text: input.slice(index, end),
    index,
  };
}

function collect(found: Money[], re: RegExp, chinese: boolean, folded: string, input: string): void {
  re.lastIndex = 0;
  for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
    if (m[0] === '') {
      re.lastIndex++; // as matchAll steps over an empty match
      continue;
    }
    const c = candidate(m, chinese, input);
    if (c) found.push(c);
  }
}

/**
 * Every amount of money in `s`: `50000元`, `5.5万元`, `1.2万余元` (approximate), `人民币伍万元整`,
 * `壹拾贰万叁仟肆佰伍拾陆元柒角捌分`, `50,000元`, `￥50000`, `3亿元`. Numbers without a currency
 * marker (dates, article and decision numbers) are not money. `folded` is foldWidth(s), when the caller has it.
 */
export function findMoney(s: string, folded = foldWidth(s)): Money[] {
  // Every amount has a currency marker (candidate() insists): without one there is nothing to look for.
  if (!CURRENCY.test(folded)) return [];
  const found: Money[] = [];
  collect(found, ARABIC_RE, false, folded, s);
  collect(found, CHINESE_RE, true, folded, s);
  if (found.length < 2) return found;
  found.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  const out: Money[] = [];
  let end = -1;
  for (const c of found) {
    if (c.index < end) continue;
    out.push(c);
    end = c.index + c.text.length;
  }
  return out;
}

function candidateAt(re: RegExp, chinese: boolean, folded: string, input: string): Money | null {
  re.lastIndex = 0;
  const m = re.exec(folded);
  return m === null || m[0] === '' ? null : candidate(m, chinese, input);
}

/**
 * The amount `s` starts with (`5000元，罚款…` → 5000元), or null: findMoney's first amount when it stands at
 * index 0, found without scanning the rest of `s`.
 */
export function moneyAt(s: string, folded = foldWidth(s)): Money | null {
  const arabic = candidateAt(ARABIC_AT, false, folded, s);
  const chinese = candidateAt(CHINESE_AT, true, folded, s);
  // As findMoney orders them: the longer first, the Arabic reading on a tie.
  if (arabic === null) return chinese;
  return chinese !== null && chinese.text.length > arabic.text.length ? chinese : arabic;
}

const BARE_RE = new RegExp(String.raw`^(?:人民币|RMB|[￥¥])?\s*(?<num>${ARABIC})\s*(?<approx1>[余多])?(?<mult>亿|万)?(?<approx2>[余多])?$`);

/**
 * The first amount in `s`; or, when `s` is only a number (`'50000'`, `'5.5'`, `'5万'`, `'伍万'`), that number,
 * in yuan unless `opts.unit` is `'wan'` (then ×10000 unless the text names its own unit).
 */
export function parseMoney(s: string, opts: { unit?: MoneyUnit } = {}): Money | null {
  const first = findMoney(s)[0];
  if (first) return first;
  const folded = foldWidth(s);
  const trimmed = folded.trim();
  if (trimmed === '') return null;
  const index = folded.indexOf(trimmed);
  const text = s.slice(index, index + trimmed.length);
  const m = BARE_RE.exec(trimmed);
  const wan = opts.unit === 'wan' ? 4 : 0;
  let cents: number;
  let approximate = false;
  if (m?.groups) {
    const mult = m.groups.mult;
    cents = decimalToCents(m.groups.num ?? '', mult === undefined ? wan : EXPONENTS[mult]!);
    approximate = m.groups.approx1 !== undefined || m.groups.approx2 !== undefined;
  } else {
    const value = parseChineseInteger(trimmed);
    if (value === null) return null;
    cents = value * 100 * (/[万萬亿億]/.test(trimmed) ? 1 : 10 ** wan);
  }
  if (!Number.isSafeInteger(cents)) return null;
  return { yuan: cents / 100, approximate, text, index };
}

/** parseMoney with each unit for bare numbers, as functions of the text alone (a FieldMemo recalls by function). */
export const parseMoneyIn: Readonly<Record<MoneyUnit, (s: string) => Money | null>> = {
  yuan: (s) => parseMoney(s),
  wan: (s) => parseMoney(s, { unit: 'wan' }),
};

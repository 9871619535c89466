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
const PREFIX = String.raw`(?<prefix>(?:人民币|RMB|[￥¥])\s*)?`;
const TAIL = String.raw`\s*(?<approx1>[余多])?(?<mult>亿|万|千|百)?(?<approx2>[余多])?\s*(?<yuan>元|圆)?` +
  String.raw`(?:零?(?<jiao>${CN_DIGIT})角)?(?:零?(?<fen>${CN_DIGIT})分)?(?<whole>整)?`;

// Two candidate shapes; both are collected and the earliest, then longest, non-overlapping ones kept.
const ARABIC_RE = new RegExp(`${PREFIX}(?<num>${ARABIC})${TAIL}`, 'g');
const CHINESE_RE = new RegExp(`${PREFIX}(?<num>[0-9${CHINESE_NUMERAL_CHARS}]+)${TAIL}`, 'g');

const CURRENCY = /[元圆￥¥]|人民币|RMB/;

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

function candidate(m: RegExpMatchArray, chinese: boolean, input: string): Money | null {
  const g = m.groups ?? {};
  const num = g.num ?? '';
  // A currency marker is required: 元, or a 人民币/￥ prefix.
  if (g.yuan === undefined && g.prefix === undefined) return null;
  if ((g.jiao !== undefined || g.fen !== undefined) && g.yuan === undefined) return null;
  const exp = g.mult === undefined ? 0 : EXPONENTS[g.mult]!;
  let cents: number;
  if (chinese) {
    if (/^[百佰千仟万萬亿億零〇○]/.test(num)) return null;
    const value = parseChineseInteger(num);
    if (value === null) return null;
    cents = value * 10 ** (exp + 2);
  } else {
    cents = decimalToCents(num, exp);
  }
  cents += digitValue(g.jiao) * 10 + digitValue(g.fen);
  if (!Number.isSafeInteger(cents)) return null;
  const index = m.index ?? 0;
  const end = index + m[0].trimEnd().length; // trimEnd removes exactly \s
  return {
    yuan: cents / 100,
    approximate: g.approx1 !== undefined || g.approx2 !== undefined,
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
 * marker (dates, article and decision numbers) are not money.
 */
export function findMoney(s: string): Money[] {
  const folded = foldWidth(s);
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

const BARE_RE = new RegExp(
  String.raw`^(?:人民币|RMB|[￥¥])?\s*(?<num>${ARABIC})\s*(?<approx1>[余多])?(?<mult>亿|万)?(?<approx2>[余多])?$`,
);

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

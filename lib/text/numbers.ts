import { foldWidth } from './fold';

/** Chinese digit characters (lower-case 小写 and financial 大写 forms) to their value. */
export const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  '○': 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  貳: 2,
  两: 2,
  兩: 2,
  三: 3,
  叁: 3,
  參: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  陸: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

/** Units below 万 (section units) and the section multipliers 万 / 亿. */
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Characters that may appear in a Chinese integer (for building regexes elsewhere). */
export const CHINESE_NUMERAL_CHARS =
  Object.keys(CHINESE_DIGITS).join('') + Object.keys(SMALL_UNITS).join('') + Object.keys(BIG_UNITS).join('');

const DIGITS = /^\d+$/;
// Only Arabic and Chinese digits, as in 二〇二三 (the digit characters are all single code units).
const DIGIT_BY_DIGIT = new RegExp(`^[0-9${Object.keys(CHINESE_DIGITS).join('')}]+$`);

/** One ASCII digit (`\d` without the u flag). */
function isDigit(c: string): boolean {
  return c.length === 1 && c >= '0' && c <= '9';
}

/**
 * Integer written in Chinese numerals, Arabic digits (full-width too) or a mix:
 * `十四` 14, `一百二十二` 122, `二〇二三` 2023 (digit by digit), `壹拾贰万叁仟肆佰伍拾陆` 123456, `两千` 2000,
 * `1万2千` 12000. Returns null for anything else.
 */
export function parseChineseInteger(input: string): number | null {
  // Plain digits (article numbers, dates) are the common case: no folding or scanning needed.
  if (DIGITS.test(input)) return Number(input);
  const s = foldWidth(input).trim();
  if (s === '') return null;
  if (DIGITS.test(s)) return Number(s);
  if (s.length > 1 && DIGIT_BY_DIGIT.test(s)) {
    // 二〇二三 style: each character is one decimal digit.
    let digits = '';
    for (const c of s) digits += c in CHINESE_DIGITS ? String(CHINESE_DIGITS[c]) : c;
    return Number(digits);
  }
  // Code units suffice below: a character outside the tables (a surrogate too) makes the number invalid.
  let total = 0; // completed 亿 part plus 万 part
  let section = 0; // value below the current 万
  let digit: number | null = null; // pending digit not yet multiplied by a unit
  let lastUnit = 0; // unit just before the pending digit, for the colloquial 一百二 = 120
  let zeroSeen = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (isDigit(c)) {
      let j = i;
      while (j + 1 < s.length && isDigit(s[j + 1]!)) j++;
      if (digit !== null) return null;
      digit = Number(s.slice(i, j + 1));
      i = j;
      continue;
    }
    if (c in CHINESE_DIGITS) {
      const d = CHINESE_DIGITS[c]!;
      if (d === 0) {
        if (digit !== null && digit !== 0) return null;
        zeroSeen = true;
        lastUnit = 0;
        continue;
      }
      if (digit !== null) return null;
      digit = d;
      continue;
    }
    const small = SMALL_UNITS[c];
    if (small !== undefined) {
      // 十 with nothing before it means 一十.
      section += (digit ?? (small === 10 ? 1 : NaN)) * small;
      if (Number.isNaN(section)) return null;
      digit = null;
      lastUnit = small;
      zeroSeen = false;
      continue;
    }
    const big = BIG_UNITS[c];
    if (big !== undefined) {
      const part = section + (digit ?? 0);
      if (part === 0 && total === 0) return null;
      if (big === 1e8) total = (total + part) * big;
      else total += part * big;
      section = 0;
      digit = null;
      lastUnit = big;
      zeroSeen = false;
      continue;
    }
    return null;
  }
  if (digit !== null) {
    // 一百二 means 120 and 一万五 15000 when no 零 stands between unit and digit.
    section += !zeroSeen && lastUnit >= 100 ? digit * (lastUnit / 10) : digit;
  }
  return total + section;
}

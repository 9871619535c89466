import { foldWidth } from './fold';
import { CHINESE_DIGITS, parseChineseInteger } from './numbers';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(y: number, m: number): number {
  // Date.UTC reads years 0–99 as 1900–1999: leave those (and anything odd) to it; else the Gregorian rule.
  if (!Number.isInteger(y) || !Number.isInteger(m) || y < 100 || m < 1 || m > 12) {
    return new Date(Date.UTC(y, m, 0)).getUTCDate();
  }
  if (m !== 2) return MONTH_DAYS[m - 1]!;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/** ISO `YYYY-MM-DD` of a real calendar day in 1900–2199, else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a well-formed, existing ISO date `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}

const CN_DIGIT_CLASS = `0-9${Object.keys(CHINESE_DIGITS).join('')}Oo`;
const CN_SMALL = `[${CN_DIGIT_CLASS}十拾]{1,3}`;

// Each shape: regex, how to read year/month/day from its groups, and a cheap test that it may match at all.
const SHAPES: {
  re: RegExp;
  read: (m: RegExpExecArray) => [number | null, number | null, number | null];
  may: (folded: string) => boolean;
}[] = [
  {
    // 2023年7月14日, 二〇二三年七月十四日, 2O23年7月14日 (letter O for 〇), also 14号.
    re: new RegExp(`([${CN_DIGIT_CLASS}]{4})\\s*年\\s*(${CN_SMALL})\\s*月\\s*(${CN_SMALL})\\s*[日号]`, 'g'),
    read: (m) => [parseChineseInteger(m[1]!.replace(/[Oo]/g, '〇')), parseChineseInteger(m[2]!), parseChineseInteger(m[3]!)],
    may: (folded) => folded.includes('年'),
  },
  {
    // 2023-07-14, 2023/7/14, 2023.7.14 (same separator twice).
    re: /(?<![0-9A-Za-z.])(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![0-9])/g,
    read: (m) => [Number(m[1]), Number(m[3]), Number(m[4])],
    may: () => true,
  },
  {
    // 20230714: only between non-alphanumerics, so identity and credit codes do not yield dates.
    re: /(?<![0-9A-Za-z.])(\d{4})(\d{2})(\d{2})(?![0-9A-Za-z]|元)/g,
    read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
    may: () => true,
  },
];

/** Every date in `s`, as ISO strings with their positions, in order of appearance. */
export function findDates(s: string): { iso: string; index: number }[] {
  const folded = foldWidth(s);
  const found: { iso: string; index: number; end: number }[] = [];
  for (const shape of SHAPES) {
    if (!shape.may(folded)) continue;
    const re = shape.re;
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      const [y, mo, d] = shape.read(m);
      if (y === null || mo === null || d === null) continue;
      const iso = isoDate(y, mo, d);
      if (iso) found.push({ iso, index: m.index, end: m.index + m[0].length });
    }
  }
  found.sort((a, b) => a.index - b.index || b.end - a.end);
  const out: { iso: string; index: number }[] = [];
  let end = -1;
  for (const f of found) {
    if (f.index < end) continue;
    out.push({ iso: f.iso, index: f.index });
    end = f.end;
  }
  return out;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30); // serial 0 in Excel's 1900 date system (after its 1900-02-29 bug)
const DAY_MS = 86_400_000;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** An Excel serial as `YYYY-MM-DD` (plus ` HH:MM[:SS]` when wanted and not midnight); out of range stays raw. */
export function excelSerialToDate(raw: string, date1904: boolean, withTime: boolean): string {
  const serial = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(serial)) return raw;
  let days = date1904 ? serial + 1462 : serial;
  if (days < 1 || days >= 2958466 || (!date1904 && Math.floor(days) === 60)) return raw;
  if (!date1904 && days < 60) days += 1; // Excel counts a 29 February 1900 that never was
  const ms = EXCEL_EPOCH + Math.round(days * 86400) * 1000;
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const rest = ms - Math.floor(ms / DAY_MS) * DAY_MS;
  if (!withTime || rest === 0) return date;
  const hm = `${date} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  return d.getUTCSeconds() ? `${hm}:${pad2(d.getUTCSeconds())}` : hm;
}

/**
 * The first date in `s` as ISO `YYYY-MM-DD`, or, when the whole string is a 5-digit Excel serial number
 * between 20000 and 80000 (1954–2119), that day. Impossible days (`2023-02-30`) give null.
 */
export function parseDate(s: string): string | null {
  const folded = foldWidth(s).trim();
  const serial = /^(\d{5})(?:\.\d+)?$/.exec(folded);
  if (serial) {
    const n = Number(serial[1]);
    if (n < 20000 || n > 80000) return null;
    return excelSerialToDate(String(n), false, false);
  }
  // An export's usual `2024-06-18`: findDates would read exactly this one date.
  const iso = ISO_DATE.exec(folded);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return findDates(s)[0]?.iso ?? null;
}

/** Today's date in China Standard Time (UTC+8, no daylight saving). */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function splitIso(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y ?? NaN, m ?? NaN, d ?? NaN];
}

/** `iso` plus `n` months; the day is clamped to the month's end (01-31 + 1 month → 02-28/29). */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = splitIso(iso);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(d, daysInMonth(ny, nm)))}`;
}

/** `iso` plus `n` years; 02-29 becomes 02-28 in a common year. */
export function addYears(iso: string, n: number): string {
  return addMonths(iso, n * 12);
}

/** `iso` plus `n` days. */
export function addDays(iso: string, n: number): string {
  const [y, m, d] = splitIso(iso);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Orders ISO dates: negative, zero or positive like a comparator. */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A decision date as written: a day, or only a month or a year (`2016年10月`, `2021年`), which is the interval of
 * the days it may be. Both ends are ISO dates, inclusive.
 */
export interface DateInterval {
  from: string;
  to: string;
  precision: 'day' | 'month' | 'year';
}

/** The interval of one day. */
function dayInterval(iso: string): DateInterval {
  return { from: iso, to: iso, precision: 'day' };
}

function monthInterval(y: number, m: number): DateInterval | null {
  const from = isoDate(y, m, 1);
  return from === null ? null : { from, to: isoDate(y, m, daysInMonth(y, m))!, precision: 'month' };
}

function yearInterval(y: number): DateInterval | null {
  const from = isoDate(y, 1, 1);
  return from === null ? null : { from, to: isoDate(y, 12, 31)!, precision: 'year' };
}

const CN_YEAR = `[${CN_DIGIT_CLASS}]{4}`;
// 2016年10月, 二〇一六年十月 (not followed by a day: a full date was tried first).
const MONTH_IN_TEXT = new RegExp(`(${CN_YEAR})\\s*年\\s*(${CN_SMALL})\\s*月(?!\\s*(?:${CN_SMALL})\\s*[日号])`);
// 2016-10, 2016/10, 2016.10 as the whole value (an export's month column).
const MONTH_ONLY = /^(\d{4})\s*[-/.]\s*(\d{1,2})$/;
// 2021年 (not followed by a month).
const YEAR_IN_TEXT = new RegExp(`(${CN_YEAR})\\s*年(?!\\s*(?:${CN_SMALL})\\s*月)`);
const YEAR_ONLY = /^(\d{4})$/;

function cnYearValue(s: string): number | null {
  return parseChineseInteger(s.replace(/[Oo]/g, '〇'));
}

/**
 * The date of `s` as an interval: a full date (as parseDate reads it) is one day; a month (`2016年10月`,
 * `2016-10`) or a year alone (`2021年`, `2021`) is every day of it. Null when `s` names no date.
 */
export function parseDateInterval(s: string): DateInterval | null {
  const day = parseDate(s);
  if (day !== null) return dayInterval(day);
  const folded = foldWidth(s).trim();
  let m = MONTH_ONLY.exec(folded);
  if (m) return monthInterval(Number(m[1]), Number(m[2]));
  m = MONTH_IN_TEXT.exec(folded);
  if (m) {
    const y = cnYearValue(m[1]!);
    const mo = parseChineseInteger(m[2]!);
    return y === null || mo === null ? null : monthInterval(y, mo);
  }
  m = YEAR_ONLY.exec(folded);
  if (m) return yearInterval(Number(m[1]));
  m = YEAR_IN_TEXT.exec(folded);
  if (m) {
    const y = cnYearValue(m[1]!);
    return y === null ? null : yearInterval(y);
  }
  return null;
}

/** The year of a decision number (`渝万州市监处字〔2016〕497号` → 2016) as an interval, or null. */
export function decisionNoYear(folded: string): DateInterval | null {
  const m = /〔((?:19|20)\d{2})〕/.exec(folded);
  return m ? yearInterval(Number(m[1])) : null;
}

import { foldWidth, removeSpace } from '../text/fold';
import { isoDate } from '../text/dates';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** Upper case, half width, without whitespace. */
export function normalizeIdNumber(s: string): string {
  return removeSpace(foldWidth(s)).toUpperCase();
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a resident identity number. */
export function idCheckChar(body17: string): string | null {
  if (!/^\d{17}$/.test(body17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Birth date (ISO) of an 18- or 15-digit resident identity number, or null if it has no valid one. */
export function idNumberBirthDate(s: string): string | null {
  const n = normalizeIdNumber(s);
  if (/^\d{17}[\dX]$/.test(n)) return isoDate(Number(n.slice(6, 10)), Number(n.slice(10, 12)), Number(n.slice(12, 14)));
  // Old 15-digit numbers carry a two-digit year of the 1900s.
  if (/^\d{15}$/.test(n)) return isoDate(1900 + Number(n.slice(6, 8)), Number(n.slice(8, 10)), Number(n.slice(10, 12)));
  return null;
}

/**
 * True for a PRC resident identity number (居民身份证号码): 18 characters with a valid MOD 11-2 check
 * and birth date, or an old 15-digit number with a valid birth date.
 */
export function isIdNumber(s: string): boolean {
  if (typeof s !== 'string') return false;
  const n = normalizeIdNumber(s);
  // Only 15 or 18 characters can hold a birth date; most codes checked are credit codes of 18 with letters.
  if ((n.length !== 15 && n.length !== 18) || !/^[1-9]/.test(n) || idNumberBirthDate(n) === null) return false;
  if (n.length === 15) return true;
  return idCheckChar(n.slice(0, 17)) === n[17];
}

/** A natural person's number as shown: first 6 and last 4 kept, `110101********1234`. Short input is fully masked. */
export function maskIdNumber(s: string): string {
  const n = normalizeIdNumber(s);
  if (n.length < 11) return '*'.repeat(n.length);
  return n.slice(0, 6) + '*'.repeat(n.length - 10) + n.slice(-4);
}

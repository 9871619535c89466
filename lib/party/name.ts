import { foldWidth, removeSpace } from '../text/fold';

/**
 * A party name reduced for matching: width folded (so （） become ()), brackets 【】〔〕 unified to (),
 * no whitespace and no invisible characters (soft hyphen, zero-width, BOM, direction marks and isolates),
 * no trailing full stop, Latin letters upper-cased. Chinese characters are kept as they are.
 */
export function normalizePartyName(s: string): string {
  if (plainName(s)) return s;
  return removeSpace(foldWidth(s))
    .replace(/[【〔［\[]/g, '(')
    .replace(/[】〕］\]]/g, ')')
    .replace(/[。.]+$/, '')
    .toUpperCase();
}

/**
 * True when normalizePartyName has nothing to change: CJK ideographs, digits and upper-case letters and the
 * half-width brackets () only, not ending in a full stop. Most names are so written; the bulk audit reads one per row.
 */
function plainName(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x28 || c === 0x29) continue;
    return false;
  }
  return true;
}

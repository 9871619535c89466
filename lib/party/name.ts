import { foldWidth, removeSpace } from '../text/fold';

/**
 * A party name reduced for matching: width folded (so （） become ()), brackets 【】〔〕 unified to (),
 * no whitespace and no invisible characters (soft hyphen, zero-width, BOM, direction marks and isolates),
 * no trailing full stop, Latin letters upper-cased. Chinese characters are kept as they are.
 */
export function normalizePartyName(s: string): string {
  return removeSpace(foldWidth(s))
    .replace(/[【〔［[]/g, '(')
    .replace(/[】〕］\]]/g, ')')
    .replace(/[。.]+$/, '')
    .toUpperCase();
}

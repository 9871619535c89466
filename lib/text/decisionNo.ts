import { foldWidth, removeSpace } from './fold';

// Opening and closing brackets seen around the year, after NFKC and foldWidth (which turn （［｛＜ into ([{<,
// and the small and vertical forms ﹝︹﹙︵ into 〔(): ASCII, CJK, mathematical and ornamental brackets.
const OPEN = '([{<〔【〖〘〚《〈「『⟦⟨⟪⟬⟮❨❪❬❮❰❲❴⦅⦃⦗‹⁅⸨';
const CLOSE = ')]}>〕】〗〙〛》〉」』⟧⟩⟫⟭⟯❩❫❭❯❱❳❵⦆⦄⦘›⁆⸩';
const YEAR_IN_BRACKETS = new RegExp(`[${OPEN.replace(/[\]\\[^-]/g, '\\$&')}]([0-9Oo〇○]{4})[${CLOSE.replace(/[\]\\[^-]/g, '\\$&')}]`, 'g');
// Hyphen and dash look-alikes (‐ ‑ ‒ – — ― − ﹣ －, the last two also folded by NFKC/foldWidth).
const DASHES = /[\u2010-\u2015\u2212\u2e3a\u2e3b]/g;

/**
 * Identity form of a number a person typed or a system printed: NFKC (compatibility forms, full-width
 * characters), full width folded, no whitespace or invisible characters (soft hyphen, zero-width, BOM,
 * direction marks), dash look-alikes as `-`.
 */
export function foldNumberText(s: string): string {
  const folded = foldedIdentity(s);
  return marksIn(folded) & DASH ? folded.replace(DASHES, '-') : folded;
}

/** NFKC, folded width, no whitespace or invisible characters: the part of foldNumberText before the dashes. */
function foldedIdentity(s: string): string {
  return removeSpace(foldWidth(nfkcStable(s) ? s : s.normalize('NFKC')));
}

/**
 * True when every code unit is one NFKC leaves as it is and none can combine with a neighbour: ASCII, CJK
 * unified ideographs, and the CJK punctuation and brackets 、。〈〉《》「」『』【】〔〕〖〗〘〙〚〛. Nearly every
 * decision number is so written; the bulk audit folds one per row and normalize() costs more than this scan.
 */
export function nfkcStable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 || (c >= 0x4e00 && c <= 0x9fff)) continue;
    if ((c >= 0x3001 && c <= 0x3002) || (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301b)) continue;
    return false;
  }
  return true;
}

// Per code unit, whether it is a dash look-alike or a bracket a year may stand in other than 〔〕 (which
// foldDecisionNo writes): a number without either needs neither regex replace, and most have neither.
const DASH = 1;
const OTHER_BRACKET = 2;
const MARKS = new Uint8Array(0x10000);
for (const c of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b') MARKS[c.charCodeAt(0)] = DASH;
for (const c of OPEN + CLOSE) if (c !== '〔' && c !== '〕') MARKS[c.charCodeAt(0)] = OTHER_BRACKET;

function marksIn(s: string): number {
  let marks = 0;
  for (let i = 0; i < s.length; i++) marks |= MARKS[s.charCodeAt(i)]!;
  return marks;
}

/**
 * Identity form of a decision number (文号): foldNumberText, and the year's brackets, of whatever style, as 〔〕.
 * `渝万州市监处字[2023]497号`, `渝万州市监处字【2023】497 号` → `渝万州市监处字〔2023〕497号`.
 */
export function foldDecisionNo(s: string): string {
  let folded = foldedIdentity(s);
  const marks = marksIn(folded);
  if (marks & DASH) folded = folded.replace(DASHES, '-');
  return marks & OTHER_BRACKET ? folded.replace(YEAR_IN_BRACKETS, '〔$1〕') : folded;
}

/** True when `s` reads like a decision number: a bracketed year followed by a serial number and 号. */
export function looksLikeDecisionNo(s: string): boolean {
  return isFoldedDecisionNo(foldDecisionNo(s));
}

/** looksLikeDecisionNo of a number already in its foldDecisionNo form. */
export function isFoldedDecisionNo(f: string): boolean {
  return f.length <= 80 && /[\u4e00-\u9fff]/.test(f) && /〔(?:19|20)\d{2}〕[^〔〕]{0,20}?\d+号/.test(f);
}

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
  return removeSpace(foldWidth(s.normalize('NFKC'))).replace(DASHES, '-');
}

/**
 * Identity form of a decision number (文号): foldNumberText, and the year's brackets, of whatever style, as 〔〕.
 * `渝万州市监处字[2023]497号`, `渝万州市监处字【2023】497 号` → `渝万州市监处字〔2023〕497号`.
 */
export function foldDecisionNo(s: string): string {
  return foldNumberText(s).replace(YEAR_IN_BRACKETS, '〔$1〕');
}

/** True when `s` reads like a decision number: a bracketed year followed by a serial number and 号. */
export function looksLikeDecisionNo(s: string): boolean {
  return isFoldedDecisionNo(foldDecisionNo(s));
}

/** looksLikeDecisionNo of a number already in its foldDecisionNo form. */
export function isFoldedDecisionNo(f: string): boolean {
  return f.length <= 80 && /[\u4e00-\u9fff]/.test(f) && /〔(?:19|20)\d{2}〕[^〔〕]{0,20}?\d+号/.test(f);
}

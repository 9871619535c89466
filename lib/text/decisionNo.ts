import { foldWidth, removeSpace } from './fold';

// Opening and closing brackets seen around the year, after foldWidth (（［｛ are already ([{).
const YEAR_IN_BRACKETS = /[〔[【({﹝〖〘<《]([0-9Oo〇○]{4})[〕\]】)}﹞〗〙>》]/g;

// A bracketed year with another bracket than 〔 〕 on either side: what the replacement below would change.
const OTHER_YEAR_BRACKETS = /[[【({﹝〖〘<《][0-9Oo〇○]{4}[〕\]】)}﹞〗〙>》]|〔[0-9Oo〇○]{4}[\]】)}﹞〗〙>》]/;

/**
 * Identity form of a decision number (文号): width folded, no whitespace, the year's brackets as 〔〕.
 * `渝万州市监处字[2023]497号`, `渝万州市监处字【2023】497 号` → `渝万州市监处字〔2023〕497号`.
 */
export function foldDecisionNo(s: string): string {
  const folded = removeSpace(foldWidth(s));
  // Most numbers are written 〔2024〕 already: nothing to replace.
  return OTHER_YEAR_BRACKETS.test(folded) ? folded.replace(YEAR_IN_BRACKETS, '〔$1〕') : folded;
}

/** True when `s` reads like a decision number: a bracketed year followed by a serial number and 号. */
export function looksLikeDecisionNo(s: string): boolean {
  return isFoldedDecisionNo(foldDecisionNo(s));
}

/** looksLikeDecisionNo of a number already in its foldDecisionNo form. */
export function isFoldedDecisionNo(f: string): boolean {
  return f.length <= 80 && /[\u4e00-\u9fff]/.test(f) && /〔(?:19|20)\d{2}〕[^〔〕]{0,20}?\d+号/.test(f);
}

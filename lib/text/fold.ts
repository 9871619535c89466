const isWide = (c: number): boolean => (c >= 0xff01 && c <= 0xff5e) || c === 0x3000;

/** Full-width ASCII (U+FF01–U+FF5E) → half-width and the ideographic space U+3000 → ' '. Length-preserving. */
export function foldWidth(s: string): string {
  // Chinese text nearly always holds full-width punctuation (（），：；): a loop of code units, copying the runs
  // between wide characters, costs less than a regex replace with a callback. Nothing wide: the same string.
  const n = s.length;
  let i = 0;
  while (i < n && !isWide(s.charCodeAt(i))) i++;
  if (i === n) return s;
  let out = '';
  let last = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!isWide(c)) continue;
    out += s.slice(last, i) + (c === 0x3000 ? ' ' : String.fromCharCode(c - 0xfee0));
    last = i + 1;
  }
  return out + s.slice(last);
}

// JS `\s` covers NBSP, U+3000 and U+FEFF; zero-width characters are added because pasted text carries them.
const SPACE_RUN = /[\s\u200b-\u200d]+/g;
const SPACE = /[\s\u200b-\u200d]/;
// What normalizeSpace would change: a space other than ' ', two in a row, or one at either end.
const SPACE_TO_NORMALIZE = /[^\S ]|[\u200b-\u200d]| {2}|^ | $/;

/** Collapse every whitespace run (NBSP and U+3000 included) to one space and trim. */
export function normalizeSpace(s: string): string {
  // Most values are already normal (Chinese text has no spaces, or single ones): the same string back.
  return SPACE_TO_NORMALIZE.test(s) ? s.replace(SPACE_RUN, ' ').trim() : s;
}

/** Remove every whitespace character. */
export function removeSpace(s: string): string {
  return SPACE.test(s) ? s.replace(SPACE_RUN, '') : s;
}

/**
 * A form label reduced to its words: `'* 当事人名称：'` → `'当事人名称'`,
 * `'统一社会信用代码（注册号）'` → `'统一社会信用代码注册号'`. Brackets go, their content stays.
 */
export function normalizeLabel(s: string): string {
  return removeSpace(foldWidth(s).replace(/[*:()【】[\]]/g, '')).replace(/[;,.。，；]+$/, '');
}

const WIDE_FIRST = 0xff01;
const WIDE_LAST = 0xff5e;
const IDEOGRAPHIC_SPACE = 0x3000;
// The half-width character of each full-width one, by its offset from U+FF01.
const HALF: readonly string[] = Array.from({ length: WIDE_LAST - WIDE_FIRST + 1 }, (_, k) => String.fromCharCode(k + 0x21));

const isWide = (c: number): boolean => (c >= WIDE_FIRST && c <= WIDE_LAST) || c === IDEOGRAPHIC_SPACE;

/** Full-width ASCII (U+FF01–U+FF5E) → half-width and the ideographic space U+3000 → ' '. Length-preserving. */
export function foldWidth(s: string): string {
  // Chinese text nearly always holds full-width punctuation (（），：；): a loop of code units, copying the runs
  // between wide characters, costs less than a regex replace with a callback. Nothing wide: the same string.
  const n = s.length;
  let i = 0;
  while (i < n && !isWide(s.charCodeAt(i))) i++;
  if (i === n) return s;
  let out = s.slice(0, i);
  let last = i;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!isWide(c)) continue;
    if (last < i) out += s.slice(last, i);
    out += c === IDEOGRAPHIC_SPACE ? ' ' : HALF[c - WIDE_FIRST]!;
    last = i + 1;
  }
  return last < n ? out + s.slice(last) : out;
}

// JS `\s` covers NBSP, U+3000 and U+FEFF; zero-width characters are added because pasted text carries them.
const SPACE_RUN = /[\s\u200b-\u200d]+/g;
const SPACE = /[\s\u200b-\u200d]/;

/** A code unit of SPACE_RUN: what `\s` matches, and the zero-width characters. */
function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === IDEOGRAPHIC_SPACE ||
    c === 0xfeff
  );
}

/** True when normalizeSpace would return `s` unchanged: single ' ' between words, no other space. */
function spaceNormal(s: string): boolean {
  let afterSpace = true; // a space at the start is not normal
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (afterSpace) return false;
      afterSpace = true;
    } else if (isSpaceCode(c)) return false;
    else afterSpace = false;
  }
  return !afterSpace || s.length === 0;
}

/** Collapse every whitespace run (NBSP and U+3000 included) to one space and trim. */
export function normalizeSpace(s: string): string {
  // Most values are already normal (Chinese text has no spaces, or single ones): the same string back.
  return spaceNormal(s) ? s : s.replace(SPACE_RUN, ' ').trim();
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

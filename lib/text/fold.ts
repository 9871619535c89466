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

// JS `\s` covers NBSP, U+2000–U+200A, U+202F, U+205F, U+3000 and the other Unicode spaces.
const SPACE_RUN = /\s+/g;

/*
 * Characters that show nothing but make two equal-looking strings differ: pasted and exported text carries
 * them. Soft hyphen; combining grapheme joiner; Arabic letter mark; Hangul fillers; Khmer invisible vowels;
 * Mongolian variation selectors and vowel separator; zero-width space, non-joiner and joiner; left-to-right
 * and right-to-left marks, embeddings, overrides and isolates; word joiner and invisible operators;
 * variation selectors; BOM (zero-width no-break space); interlinear annotation marks; tags and the
 * supplementary variation selectors (as UTF-16 pairs, so no `u` flag is needed).
 */
const INVISIBLE_CHARS =
  '\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb';
const INVISIBLE_SOURCE = `[${INVISIBLE_CHARS}]|\udb40[\udc00-\udc7f\udd00-\uddef]`;
const INVISIBLE = new RegExp(INVISIBLE_SOURCE);
const INVISIBLE_ALL = new RegExp(INVISIBLE_SOURCE, 'g');
const SPACE_OR_INVISIBLE = new RegExp(`(?:\\s|${INVISIBLE_SOURCE})+`, 'g');
const SPACE_OR_INVISIBLE_ONE = new RegExp(`\\s|${INVISIBLE_SOURCE}`);

/** Removes the invisible format characters (soft hyphen, zero-width, BOM, direction marks…). */
export function removeInvisible(s: string): string {
  return INVISIBLE.test(s) ? s.replace(INVISIBLE_ALL, '') : s;
}

/** A code unit `\s` matches, or a zero-width one (which normalizeSpace removes). */
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

/** Collapse every whitespace run (NBSP and U+3000 included) to one space and trim; invisible characters go. */
export function normalizeSpace(s: string): string {
  // Most values are already normal (Chinese text has no spaces, or single ones): the same string back.
  if (spaceNormal(s) && !INVISIBLE.test(s)) return s;
  return removeInvisible(s).replace(SPACE_RUN, ' ').trim();
}

// C0 controls but the spaces (TAB, LF, VT, FF, CR) normalizeSpace turns into a space, and DEL: invisible, never meant,
// and what the ledger's backups and files refuse as the mark of a forged one.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

/** A text as the ledger keeps it: control characters dropped, spaces normalised (normalizeSpace). */
export const cleanText = (s: string): string => normalizeSpace(s.replace(CONTROL, ''));

/** Remove every whitespace and invisible character. */
export function removeSpace(s: string): string {
  return SPACE_OR_INVISIBLE_ONE.test(s) ? s.replace(SPACE_OR_INVISIBLE, '') : s;
}

/**
 * A form label reduced to its words: `'* 当事人名称：'` → `'当事人名称'`,
 * `'统一社会信用代码（注册号）'` → `'统一社会信用代码注册号'`. Brackets go, their content stays.
 */
export function normalizeLabel(s: string): string {
  return removeSpace(foldWidth(s).replace(/[*:()【】[\]]/g, '')).replace(/[;,.。，；]+$/, '');
}

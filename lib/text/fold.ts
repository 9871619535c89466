// Full-width ASCII and the ideographic space: the only characters foldWidth changes.
const WIDE = /[\uff01-\uff5e\u3000]/;
const WIDE_ALL = /[\uff01-\uff5e\u3000]/g;

function halfWidth(c: string): string {
  return c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0);
}

/** Full-width ASCII (U+FF01–U+FF5E) → half-width and the ideographic space U+3000 → ' '. Length-preserving. */
export function foldWidth(s: string): string {
  // Most text has nothing to fold: one native scan, and the same string back.
  return WIDE.test(s) ? s.replace(WIDE_ALL, halfWidth) : s;
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

/** Removes the invisible format characters (soft hyphen, zero-width, BOM, direction marks…). */
export function removeInvisible(s: string): string {
  return INVISIBLE.test(s) ? s.replace(INVISIBLE_ALL, '') : s;
}

/** Collapse every whitespace run (NBSP and U+3000 included) to one space and trim; invisible characters go. */
export function normalizeSpace(s: string): string {
  return removeInvisible(s).replace(SPACE_RUN, ' ').trim();
}

/** Remove every whitespace and invisible character. */
export function removeSpace(s: string): string {
  return s.replace(SPACE_OR_INVISIBLE, '');
}

/**
 * A form label reduced to its words: `'* 当事人名称：'` → `'当事人名称'`,
 * `'统一社会信用代码（注册号）'` → `'统一社会信用代码注册号'`. Brackets go, their content stays.
 */
export function normalizeLabel(s: string): string {
  return removeSpace(foldWidth(s).replace(/[*:()【】[\]]/g, '')).replace(/[;,.。，；]+$/, '');
}

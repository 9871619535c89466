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

// JS `\s` covers NBSP, U+3000 and U+FEFF; zero-width characters are added because pasted text carries them.
const SPACE_RUN = /[\s\u200b-\u200d]+/g;

/** Collapse every whitespace run (NBSP and U+3000 included) to one space and trim. */
export function normalizeSpace(s: string): string {
  return s.replace(SPACE_RUN, ' ').trim();
}

/** Remove every whitespace character. */
export function removeSpace(s: string): string {
  return s.replace(SPACE_RUN, '');
}

/**
 * A form label reduced to its words: `'* 当事人名称：'` → `'当事人名称'`,
 * `'统一社会信用代码（注册号）'` → `'统一社会信用代码注册号'`. Brackets go, their content stays.
 */
export function normalizeLabel(s: string): string {
  return removeSpace(foldWidth(s).replace(/[*:()【】[\]]/g, '')).replace(/[;,.。，；]+$/, '');
}

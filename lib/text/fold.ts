/** Full-width ASCII (U+FF01–U+FF5E) → half-width and the ideographic space U+3000 → ' '. Length-preserving. */
export function foldWidth(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += s[i];
  }
  return out;
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

// A cell that starts like a formula (after any leading whitespace), or with TAB/CR, is run by
// Excel/WPS/LibreOffice when the file is opened (OWASP "CSV injection"); a leading ' makes it text.
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@])/;

/** Whether a spreadsheet could take this text for a formula. */
export function looksLikeFormula(s: string): boolean {
  return FORMULA_START.test(s);
}

/** Prefix a formula-looking string with `'` so spreadsheets show it as text. */
export function neutralizeCell(s: string): string {
  return looksLikeFormula(s) ? `'${s}` : s;
}

import type { TextEncodingName } from './encoding';

/**
 * What a reader saw of a file, filled in when its last record has been read: enough to check that every
 * line of the file is accounted for, `readerLines = records + emptyLines + breaksInCells`.
 */
export interface TableStats {
  format: 'csv' | 'xlsx';
  /**
   * CSV: the text's physical lines, counted apart from the parser (LF, CR and CRLF each end a line; a last
   * line without a break counts). XLSX: the last row number of the sheet.
   */
  lines: number;
  /** Lines the reader went through: CSV, the parser's own count; XLSX, the last row number it read. */
  readerLines: number;
  /** Records returned, `error` ones included. */
  records: number;
  /** Lines without content that gave no record (CSV: empty lines when skipped; XLSX: rows absent or empty). */
  emptyLines: number;
  /** CSV: line breaks inside quoted cells, i.e. lines that continue a record. XLSX: 0. */
  breaksInCells: number;
  /** Records returned with an `error` (CSV: a quote without its match). */
  malformed: number;
  /** CSV: the text encoding read. */
  encoding?: TextEncodingName;
}

/** A fresh stats object for a reader to fill. */
export function emptyStats(format: TableStats['format']): TableStats {
  return { format, lines: 0, readerLines: 0, records: 0, emptyLines: 0, breaksInCells: 0, malformed: 0 };
}

/** True when the stats account for every line the reader went through, and agree with the file's own count. */
export function linesAccounted(s: TableStats): boolean {
  return s.lines === s.readerLines && s.readerLines === s.records + s.emptyLines + s.breaksInCells;
}

/**
 * Counts physical lines of a text given in pieces, apart from any parser: a CR at the end of one piece
 * and an LF at the start of the next are one break.
 */
export class LineCounter {
  private breaks = 0;
  private pendingCr = false;
  private lastWasBreak = true;
  private any = false;

  push(text: string): void {
    const n = text.length;
    if (n === 0) return;
    this.any = true;
    let lf = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lf++;
    let lone = 0;
    for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (i + 1 < n && text.charCodeAt(i + 1) !== 10) lone++;
    // A CR ending the previous piece was a line break on its own unless this piece starts with LF.
    if (this.pendingCr && text.charCodeAt(0) !== 10) lone++;
    const last = text.charCodeAt(n - 1);
    this.pendingCr = last === 13;
    this.breaks += lf + lone;
    this.lastWasBreak = last === 10 || last === 13;
  }

  /** Lines of everything pushed. */
  get lines(): number {
    if (!this.any) return 0;
    return this.breaks + (this.pendingCr ? 1 : 0) + (this.lastWasBreak ? 0 : 1);
  }
}

import { byteChunks, sourceSize, type ByteSource } from './bytes';
import { type TextEncodingName, TextStreamDecoder } from './encoding';
import { userMessage, type UserMessage } from '../messages';
import { IoError, isIoError } from './errors';
import { flattenBatches } from './iter';
import { neutralizeCell } from './neutralize';
import { emptyStats, LineCounter, type TableStats } from './stats';

/** One record of a table: `line` is the 1-based physical line (CSV) or row number (XLSX) it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
  /**
   * Why the record could not be read as written, e.g. a quote without its match. Its `cells` are then the line
   * as plain text, and reading goes on at the next line.
   */
  error?: UserMessage;
}

/** The message of a record whose opening quote has no match. */
export const UNMATCHED_QUOTE: UserMessage = userMessage('ioError_unmatchedQuote');

export type ProgressCallback = (bytesRead: number, totalBytes: number | undefined) => void;

export interface ReadCsvOptions {
  /** Force an encoding instead of detecting it. */
  encoding?: TextEncodingName;
  /** Field delimiter; by default sniffed from the first line among `,` `;` TAB. */
  delimiter?: string;
  signal?: AbortSignal;
  /** Longest record accepted, counted in decoded characters (default 1 MiB). Longer is an error, not an OOM. */
  maxLineBytes?: number;
  /** Called after each chunk read, for progress bars. */
  onProgress?: ProgressCallback;
  /** Size to report to onProgress when the source cannot tell (streams). */
  totalBytes?: number;
  /** Skip lines with no characters at all (default true); line numbers still count them. */
  skipEmptyLines?: boolean;
  /** Filled in when the last record has been read: lines, records, empty lines, line breaks in cells. */
  stats?: TableStats;
}

const DEFAULT_MAX_LINE = 1 << 20;
const MIN_PARSE_CHARS = 64 * 1024;

const LF = 10;
const CR = 13;
const QUOTE = 34;

function lineTooLong(line: number, max: number): IoError {
  const size = max >= 1 << 20 ? `${Math.round(max / (1 << 20))} MB` : `${Math.round(max / 1024)} KB`;
  return new IoError('line-too-long', userMessage('ioError_lineOver', line, size), { line });
}

/** Line breaks inside a quoted field (CRLF counts once) so record line numbers stay physical. */
function countBreaks(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  for (let i = s.indexOf('\r'); i >= 0; i = s.indexOf('\r', i + 1)) if (s.charCodeAt(i + 1) !== LF) n++;
  return n;
}

/** The delimiter with most occurrences outside quotes in the first line; comma on a tie or none. */
export function sniffDelimiter(firstLine: string): string {
  let comma = 0;
  let semi = 0;
  let tab = 0;
  let quoted = false;
  for (let i = 0; i < firstLine.length; i++) {
    const c = firstLine.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === LF || c === CR) break;
    else if (c === 44) comma++;
    else if (c === 59) semi++;
    else if (c === 9) tab++;
  }
  if (tab > comma && tab >= semi) return '\t';
  if (semi > comma) return ';';
  return ',';
}

/**
 * Incremental RFC 4180 parser over decoded text: push text as it arrives, get complete records.
 * Lines without quotes take a fast path (one slice and a native split per line).
 */
export class CsvParser {
  private buf = '';
  /** Physical line number where `buf` starts. */
  private line = 1;
  private delim: string | undefined;
  private readonly maxLine: number;
  private readonly skipEmpty: boolean;
  /** Counts for TableStats: records, skipped empty lines, line breaks inside quoted cells, malformed records. */
  records = 0;
  emptyLines = 0;
  breaksInCells = 0;
  malformed = 0;

  constructor(opts: { delimiter?: string; maxLineBytes?: number; skipEmptyLines?: boolean } = {}) {
    if (opts.delimiter !== undefined && (opts.delimiter.length !== 1 || /["\r\n]/.test(opts.delimiter))) {
      throw new RangeError('CSV delimiter must be one character other than a quote or line break');
    }
    this.delim = opts.delimiter;
    this.maxLine = opts.maxLineBytes ?? DEFAULT_MAX_LINE;
    this.skipEmpty = opts.skipEmptyLines ?? true;
  }

  /** The line number the parser has reached (start of the unfinished record). */
  get currentLine(): number {
    return this.line;
  }

  /** Lines gone through so far (all of them once the final text was pushed). */
  get linesRead(): number {
    return this.line - 1;
  }

  push(text: string, final: boolean): CsvRecord[] {
    const buf = this.buf.length ? this.buf + text : text;
    this.buf = '';
    if (this.delim === undefined) {
      const firstEnd = buf.search(/[\r\n]/);
      if (firstEnd < 0 && !final && buf.length <= this.maxLine) {
        this.buf = buf;
        return [];
      }
      this.delim = sniffDelimiter(firstEnd < 0 ? buf : buf.slice(0, firstEnd));
    }
    const out: CsvRecord[] = [];
    const pos = this.scan(buf, final, out);
    if (pos < buf.length) {
      if (buf.length - pos > this.maxLine) throw lineTooLong(this.line, this.maxLine);
      this.buf = buf.slice(pos);
    }
    return out;
  }

  private scan(buf: string, final: boolean, out: CsvRecord[]): number {
    const n = buf.length;
    const delim = this.delim!;
    const max = this.maxLine;
    let pos = 0;
    // Next positions of LF, CR and quote at or after `pos` (n when none).
    let lf = -1;
    let cr = -1;
    let qt = -1;
    while (pos < n) {
      if (lf < pos) {
        lf = buf.indexOf('\n', pos);
        if (lf < 0) lf = n;
      }
      if (cr < pos) {
        cr = buf.indexOf('\r', pos);
        if (cr < 0) cr = n;
      }
      if (qt < pos) {
        qt = buf.indexOf('"', pos);
        if (qt < 0) qt = n;
      }
      const eol = lf < cr ? lf : cr;
      if (qt >= eol) {
        let next: number;
        if (eol === n) {
          if (!final) break;
          next = n;
        } else if (eol === cr) {
          if (eol + 1 === n && !final) break; // a CRLF may be split across chunks
          next = buf.charCodeAt(eol + 1) === LF ? eol + 2 : eol + 1;
        } else {
          next = eol + 1;
        }
        if (eol - pos > max) throw lineTooLong(this.line, max);
        if (eol > pos) {
          out.push({ line: this.line, cells: buf.slice(pos, eol).split(delim) });
          this.records++;
        } else if (!this.skipEmpty) {
          out.push({ line: this.line, cells: [''] });
          this.records++;
        } else this.emptyLines++;
        this.line++;
        pos = next;
        continue;
      }
      const end = this.slowRecord(buf, pos, final, out);
      if (end < 0) break;
      pos = end;
    }
    return pos;
  }

  /**
   * A record with quotes, field by field. Returns the position after it, or -1 if it is incomplete.
   * A quoted cell that crosses a line break must end with its closing quote followed by a delimiter or a
   * line break; one that never closes (by the end of the file, or within maxLine) or closes on other text
   * is a quote without its match: the record's first line becomes an `error` record and reading goes on
   * at the next line, so one stray quote costs one row, not the rest of the file.
   */
  private slowRecord(buf: string, start: number, final: boolean, out: CsvRecord[]): number {
    const n = buf.length;
    const delim = this.delim!;
    const max = this.maxLine;
    const cells: string[] = [];
    let breaks = 0;
    let i = start;
    for (;;) {
      let value: string;
      if (buf.charCodeAt(i) === QUOTE) {
        const open = i;
        let j = i + 1;
        let doubled = false;
        let close: number;
        for (;;) {
          close = buf.indexOf('"', j);
          if (close < 0) {
            if (final) return this.unmatched(buf, start, open, out);
            if (n - start > max) {
              if (lineEnd(buf, open) < n - 1) return this.unmatched(buf, start, open, out);
              throw lineTooLong(this.line, max);
            }
            return -1;
          }
          if (close + 1 === n && !final) return -1; // cannot tell `"` from `""` yet
          if (buf.charCodeAt(close + 1) !== QUOTE) break;
          doubled = true;
          j = close + 2;
        }
        const raw = buf.slice(i + 1, close);
        const multiLine = raw.indexOf('\n') >= 0 || raw.indexOf('\r') >= 0;
        value = doubled ? raw.replaceAll('""', '"') : raw;
        i = close + 1;
        if (i < n) {
          const c = buf.charCodeAt(i);
          if (c !== LF && c !== CR && buf[i] !== delim) {
            if (multiLine) return this.unmatched(buf, start, open, out);
            // Text after the closing quote of a one-line cell (`"a"b`): keep it, as spreadsheets do.
            const k = fieldEnd(buf, i, delim);
            if (k === n && !final) return -1;
            value += buf.slice(i, k);
            i = k;
          }
        }
        if (multiLine) breaks += countBreaks(raw);
      } else {
        const k = fieldEnd(buf, i, delim);
        if (k === n && !final) return -1;
        value = buf.slice(i, k);
        i = k;
      }
      cells.push(value);
      if (i - start > max) throw lineTooLong(this.line, max);
      if (i >= n) {
        this.emit(out, { line: this.line, cells }, breaks);
        return n;
      }
      const c = buf.charCodeAt(i);
      if (c === LF || c === CR) {
        let end = i + 1;
        if (c === CR) {
          if (end === n && !final) return -1;
          if (buf.charCodeAt(end) === LF) end++;
        }
        this.emit(out, { line: this.line, cells }, breaks);
        return end;
      }
      i++; // delimiter
    }
  }

  private emit(out: CsvRecord[], record: CsvRecord, breaks: number): void {
    out.push(record);
    this.records++;
    this.breaksInCells += breaks;
    this.line += breaks + 1;
  }

  /**
   * The record from `start` whose quote at `open` has no match: everything up to the end of the line holding
   * that quote, as plain text split at the delimiter, marked with an error. Returns where reading goes on.
   * Callers make sure that line's break is in `buf` followed by one more character, or that the text is final.
   */
  private unmatched(buf: string, start: number, open: number, out: CsvRecord[]): number {
    const n = buf.length;
    const eol = lineEnd(buf, open);
    if (eol - start > this.maxLine) throw lineTooLong(this.line, this.maxLine);
    const text = buf.slice(start, eol);
    this.malformed++;
    this.emit(out, { line: this.line, cells: text.split(this.delim!), error: UNMATCHED_QUOTE }, countBreaks(text));
    if (eol === n) return n;
    return buf.charCodeAt(eol) === CR && buf.charCodeAt(eol + 1) === LF ? eol + 2 : eol + 1;
  }
}

/** The first line break at or after `from` (the length when none). */
function lineEnd(buf: string, from: number): number {
  const lf = buf.indexOf('\n', from);
  const cr = buf.indexOf('\r', from);
  if (lf < 0) return cr < 0 ? buf.length : cr;
  return cr < 0 || lf < cr ? lf : cr;
}

/** End of an unquoted field: the next delimiter or line break at or after `i` (n when none). */
function fieldEnd(buf: string, i: number, delim: string): number {
  let k = buf.indexOf(delim, i);
  if (k < 0) k = buf.length;
  const l = buf.indexOf('\n', i);
  if (l >= 0 && l < k) k = l;
  const r = buf.indexOf('\r', i);
  if (r >= 0 && r < k) k = r;
  return k;
}

/**
 * Stream a CSV (or TSV / semicolon-separated) file as batches of records, one batch per chunk read.
 * Never holds the whole file. Throws IoError ('empty', 'binary', 'encoding', 'line-too-long', 'aborted', 'read-failed').
 */
export async function* readCsvBatches(source: ByteSource, opts: ReadCsvOptions = {}): AsyncGenerator<CsvRecord[], void, undefined> {
  const total = opts.totalBytes ?? sourceSize(source);
  const decoder = new TextStreamDecoder(opts.encoding);
  const parser = new CsvParser(opts);
  const lines = new LineCounter();
  let bytesRead = 0;
  let text = '';
  const decode = (chunk: Uint8Array, final: boolean): string => {
    try {
      return decoder.push(chunk, final);
    } catch (e) {
      if (isIoError(e, 'encoding') && decoder.encoding && e.line === undefined) {
        try {
          parser.push(text + decoder.textBeforeError, false); // only to advance the line count
        } catch {
          // the line is approximate anyway
        }
        const line = parser.currentLine;
        throw new IoError('encoding', userMessage('ioError_nearLine', line, e.userMessage), { line, cause: e.cause });
      }
      throw e;
    }
  };
  // Small source chunks are gathered first (a rope of pieces is cheap), so that an unfinished record is
  // not rescanned and recopied once per tiny chunk.
  for await (const chunk of byteChunks(source, opts.signal)) {
    bytesRead += chunk.length;
    text += decode(chunk, false);
    if (text.length >= MIN_PARSE_CHARS) {
      lines.push(text);
      const batch = parser.push(text, false);
      text = '';
      if (batch.length) yield batch;
    }
    opts.onProgress?.(bytesRead, total);
  }
  if (bytesRead === 0) throw new IoError('empty');
  text += decode(new Uint8Array(0), true);
  lines.push(text);
  const batch = parser.push(text, true);
  if (parser.records === 0) throw new IoError('empty');
  if (opts.stats) {
    Object.assign(opts.stats, emptyStats('csv'), {
      lines: lines.lines,
      readerLines: parser.linesRead,
      records: parser.records,
      emptyLines: parser.emptyLines,
      breaksInCells: parser.breaksInCells,
      malformed: parser.malformed,
      ...(decoder.encoding ? { encoding: decoder.encoding } : {}),
    });
  }
  if (batch.length) yield batch;
}

/** Stream a CSV file record by record (readCsvBatches is cheaper still for millions of rows). */
export function readCsv(source: ByteSource, opts: ReadCsvOptions = {}): AsyncGenerator<CsvRecord, void, undefined> {
  return flattenBatches(readCsvBatches(source, opts), opts.signal);
}

export interface WriteCsvOptions {
  /** Start with a UTF-8 BOM so Excel opens the file as UTF-8 (default true). */
  bom?: boolean;
  /** Prefix formula-looking strings with `'` (default true). Numbers are never touched. */
  neutralize?: boolean;
  delimiter?: string;
}

function cellText(v: unknown, neutralize: boolean): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'string') return neutralize ? neutralizeCell(v) : v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  const s = String(v);
  return neutralize ? neutralizeCell(s) : s;
}

/** One CSV record without its line break: fields quoted when they hold a quote, delimiter or line break. */
export function csvRow(cells: readonly unknown[], opts: Omit<WriteCsvOptions, 'bom'> = {}): string {
  const neutralize = opts.neutralize ?? true;
  const delim = opts.delimiter ?? ',';
  // A lone empty field is written as "" so the line is not mistaken for an empty line.
  if (cells.length === 1 && cellText(cells[0], neutralize) === '') return '""';
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const s = cellText(cells[i], neutralize);
    if (i > 0) line += delim;
    line += s.includes('"') || s.includes(delim) || s.includes('\n') || s.includes('\r') ? `"${s.replaceAll('"', '""')}"` : s;
  }
  return line;
}

/** A whole CSV document (CRLF line breaks, UTF-8 BOM by default). */
export function writeCsv(rows: Iterable<readonly unknown[]>, opts: WriteCsvOptions = {}): string {
  const lines: string[] = [];
  for (const row of rows) lines.push(csvRow(row, opts));
  const body = lines.length ? lines.join('\r\n') + '\r\n' : '';
  return ((opts.bom ?? true) ? '\uFEFF' : '') + body;
}

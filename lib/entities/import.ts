import {
  type CreditDb,
  HEARTBEAT_MS,
  type ListKind,
  type ListMeta,
  activateList,
  createPendingList,
  deleteList,
  heartbeat,
  storeListIndex,
  writeChunks,
} from '../db';
import type { CsvRecord } from '../io/csv';
import type { TableStats } from '../io/stats';
import { codeKey, joinMessages, messageCode, userMessage, type UserMessage } from '../messages';
import { type CodeCheck, checkCreditCode, normalizePartyName } from '../party';
import {
  type FieldName,
  KEY_DOMAIN_SECTION_TITLES,
  type KeyDomainSection,
  ROW_SCHEMAS,
  kindFields,
  parseSection,
  rowProblem,
} from './kinds';
import { KeyIndexBuilder, keyIndexRow } from './key-index';
import { CODE_PREFIX, ChunkBuffer, DEFAULT_CHUNK_CHARS, LARGE_LIST_BUCKETS, NAME_PREFIX, chooseBucketCount } from './layout';
import { normalizeHeader } from '../io/headers';
import { type ColumnMapping, detectMapping, missingColumns } from './mapping';

export interface ImportProgress {
  /** data rows read so far */
  rows: number;
  invalid: number;
  bytes?: number;
  rowsPerSecond: number;
}

export interface InvalidRow {
  line: number;
  errors: UserMessage[];
}

export interface FlaggedRow {
  line: number;
  code: string;
  /** why the credit code is invalid (`usccProblem_…`) */
  reason: UserMessage;
}

export interface ImportOptions {
  kind: ListKind;
  name: string;
  /** file name */
  source: string;
  /**
   * records of the file, one by one or in batches (readCsvBatches); those on or above `headerLine` are the
   * header and the titles above it, the rest are data
   */
  rows: AsyncIterable<CsvRecord | readonly CsvRecord[]>;
  headers: readonly string[];
  /** line (row) of the header record: records up to it are not data (default 0: every record is data) */
  headerLine?: number;
  /** the reader's stats object (readTableBatches `stats`), complete when `rows` ends: the report checks lines */
  readStats?: TableStats;
  /** the mapping the user confirmed; detected from the headers when absent */
  mapping?: ColumnMapping;
  /** date the list describes; risk rows without a date take it */
  dataDate?: string;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** bytes of the file read so far (from the reader's progress), for onProgress */
  bytesRead?: () => number;
  /** the list this import replaces: deleted in the transaction that activates the new one */
  replaceListId?: string;
  /** storage tuning (benchmarks) */
  tuning?: { chunkChars?: number; largeBuckets?: number };
}

export interface ImportResult {
  listId: string;
  list: ListMeta;
  /** data rows read (blank, repeated-header and section rows not counted) */
  rows: number;
  imported: number;
  invalidCount: number;
  /** the first KEPT_REPORTS invalid rows */
  invalid: InvalidRow[];
  flaggedCount: number;
  /** the first KEPT_REPORTS rows kept with an invalid credit code */
  flagged: FlaggedRow[];
  /** blank lines, repeated header rows and section title rows */
  skipped: number;
  replacedListId: string | null;
  report: ImportReport;
}

/**
 * Where every row of the file went, with the checks that the numbers add up. Shown after an import so a
 * reviewer can see that nothing vanished.
 */
export interface ImportReport {
  /** data records after the header: rowsRead = imported + invalid + skipped */
  rowsRead: number;
  imported: number;
  invalid: number;
  skipped: number;
  /** what the skipped records were */
  skippedBlank: number;
  skippedTitles: number;
  skippedHeaders: number;
  rowsAddUp: boolean;
  /** the reader's counts, when the import was given them */
  file: {
    format: 'csv' | 'xlsx';
    /** lines (XLSX: rows) of the file, counted apart from the parser */
    lines: number;
    /** lines the reader went through */
    readerLines: number;
    linesMatch: boolean;
    /** every record the reader returned = headerRecords + rowsRead */
    records: number;
    /** the header record and the title rows above it */
    headerRecords: number;
    recordsAddUp: boolean;
    /** lines without a record: empty lines (XLSX: empty rows) and line breaks inside cells */
    emptyLines: number;
    breaksInCells: number;
    /** readerLines = records + emptyLines + breaksInCells */
    linesAddUp: boolean;
  } | null;
}

/** Invalid and flagged rows kept for the report; all are counted. */
const KEPT_REPORTS = 1000;

export type ImportErrorCode = 'missing-columns' | 'no-rows' | 'no-valid-rows' | 'aborted' | 'replace-invalid' | 'name-invalid';

/** Longest list name and source file name stored with a list. */
const LIST_NAME_MAX = 200;
const SOURCE_NAME_MAX = 260;

/** An import that changed nothing, with what the user is told (which says the lists are unchanged). */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    readonly userMessage: UserMessage,
    readonly invalid: InvalidRow[] = [],
    readonly invalidCount = 0,
  ) {
    super(messageCode(userMessage));
    this.name = 'ImportError';
  }
}

/** Starting capacity of the entry buffer, in characters (it grows up to a flush). */
const BUFFER_START_CHARS = 1 << 20;

function newListId(): string {
  return `list-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * Follows the section of a 重点领域企业清单 (seed 004 annex): from a 类别 column, or from section titles in
 * cells outside the mapped columns (the annex's merged first column, a title row `一、食品生产企业`).
 */
class SectionTracker {
  current: KeyDomainSection | null = null;
  private readonly mapped: Set<number>;

  constructor(
    private readonly mapping: ColumnMapping,
    headers: readonly string[],
  ) {
    this.mapped = new Set(Object.values(mapping));
    this.observe(headers);
  }

  /** Updates the section from the row; true when the row is only a section title. */
  observe(cells: readonly string[]): boolean {
    const at = (f: FieldName) => {
      const col = this.mapping[f];
      return col === undefined ? '' : (cells[col] ?? '').trim();
    };
    // In a row with a code or licence number, a mapped cell is data (a company may be named 特种设备…).
    const dataRow = at('code') !== '' || at('licenceNo') !== '';
    let found: KeyDomainSection | null = null;
    let titleOnly = true;
    cells.forEach((c, i) => {
      if (c.trim() === '') return;
      const s = dataRow && this.mapped.has(i) ? null : parseSection(c);
      if (s) found = s;
      else titleOnly = false;
    });
    if (found) this.current = found;
    return !dataRow && found !== null && titleOnly;
  }

  /** The section cell to validate: the row's own 类别 cell, else the section in force. */
  cell(cells: readonly string[]): string {
    const col = this.mapping.section;
    const own = col === undefined ? '' : (cells[col] ?? '').trim();
    if (own !== '') {
      const s = parseSection(own);
      if (s) this.current = s;
      return own;
    }
    return this.current ? KEY_DOMAIN_SECTION_TITLES[this.current] : '';
  }
}

/** Where the records of a file went, counted as they are read (importReport's input). */
interface RecordCounts {
  /** the header record and the title rows above it */
  headerRecords: number;
  /** every record after the header, counted before anything is decided about it */
  dataRecords: number;
  /** data rows: imported or invalid */
  rows: number;
  imported: number;
  invalidCount: number;
  flaggedCount: number;
  skippedBlank: number;
  skippedTitles: number;
  skippedHeaders: number;
}

/** A row's fields as its schema returns them. */
type RowData = Record<string, unknown> & { name: string; code: string };

/**
 * One import's run: the records read and sorted out (data, blank, titles, repeated headers, invalid), the rows
 * staged as entries into the pending list's chunks, and the key index built beside them.
 */
class ListImport {
  readonly counts: RecordCounts = {
    headerRecords: 0,
    dataRecords: 0,
    rows: 0,
    imported: 0,
    invalidCount: 0,
    flaggedCount: 0,
    skippedBlank: 0,
    skippedTitles: 0,
    skippedHeaders: 0,
  };
  readonly invalid: InvalidRow[] = [];
  readonly flagged: FlaggedRow[] = [];
  private readonly kind: ListKind;
  private readonly schema: (typeof ROW_SCHEMAS)[ListKind];
  private readonly allFields: readonly FieldName[];
  /** the mapped columns, in field order */
  private readonly cols: number[];
  private readonly headerNorm: string[];
  private readonly sections: SectionTracker | null;
  private readonly chunkChars: number;
  private readonly largeBuckets: number;
  private readonly buffer: ChunkBuffer;
  private readonly keyIndex = new KeyIndexBuilder();
  // Consecutive rows of one party (penalty history sorted by party) share the code check and name entry.
  private lastCode = '';
  private lastCheck: CodeCheck | null = null;
  private lastRef = '';
  private bucketCount = 0;
  private chunkCount = 0;
  private writing: Promise<void> | null = null;
  private writeError: unknown = null;
  private readonly started = Date.now();
  private lastBeat = this.started;
  private lastProgress = this.started;

  constructor(
    private readonly db: CreditDb,
    readonly listId: string,
    private readonly opts: ImportOptions,
    private readonly mapping: ColumnMapping,
  ) {
    this.kind = opts.kind;
    this.schema = ROW_SCHEMAS[opts.kind];
    this.allFields = kindFields(opts.kind);
    this.cols = this.allFields.filter((f) => mapping[f] !== undefined).map((f) => mapping[f]!);
    this.headerNorm = opts.headers.map(normalizeHeader);
    this.sections = opts.kind === 'key-domain' ? new SectionTracker(mapping, opts.headers) : null;
    this.chunkChars = opts.tuning?.chunkChars ?? DEFAULT_CHUNK_CHARS;
    this.largeBuckets = opts.tuning?.largeBuckets ?? LARGE_LIST_BUCKETS;
    this.buffer = new ChunkBuffer(Math.min(BUFFER_START_CHARS, this.chunkChars), this.chunkChars + BUFFER_START_CHARS);
  }

  /** Reads every record, flushing full buffers, reporting progress and keeping the pending list alive. */
  async readAll(): Promise<void> {
    const { signal } = this.opts;
    for await (const item of this.opts.rows) {
      const batch = (Array.isArray(item) ? item : [item]) as readonly CsvRecord[];
      for (const rec of batch) {
        if (signal?.aborted) throw aborted();
        this.handle(rec);
        if (this.buffer.chars >= this.chunkChars) await this.flush(false);
      }
      if (this.writeError) throw this.writeError;
      const now = Date.now();
      if (now - this.lastProgress >= 100) {
        this.lastProgress = now;
        this.progress();
      }
      if (now - this.lastBeat >= HEARTBEAT_MS) {
        this.lastBeat = now;
        await heartbeat(this.db, this.listId);
      }
    }
    if (signal?.aborted) throw aborted();
    if (this.counts.imported === 0) throw noValidRows(this.counts.rows, this.invalid, this.counts.invalidCount);
  }

  /** The last entries written, the key index stored, and the list made active (replacing the old one). */
  async finish(): Promise<ImportResult> {
    const { signal, replaceListId } = this.opts;
    const c = this.counts;
    await this.flush(true);
    await this.settled();
    if (this.writeError) throw this.writeError;
    if (signal?.aborted) throw aborted();
    this.progress();
    const { listId, bucketCount, chunkCount } = this;
    // the key index lookups read chunks by (lib/entities/key-index.ts), stored before the list goes live
    await storeListIndex(
      this.db,
      keyIndexRow({ id: listId, bucketCount, chunkCount, rowCount: c.imported }, this.keyIndex.build()),
      'pending',
    );
    const final = { rowCount: c.imported, invalidCount: c.invalidCount, flaggedCount: c.flaggedCount, bucketCount, chunkCount };
    const list = await activateList(this.db, listId, final, replaceListId);
    return {
      listId,
      list,
      rows: c.rows,
      imported: c.imported,
      invalidCount: c.invalidCount,
      invalid: this.invalid,
      flaggedCount: c.flaggedCount,
      flagged: this.flagged,
      skipped: c.skippedBlank + c.skippedTitles + c.skippedHeaders,
      replacedListId: replaceListId ?? null,
      report: importReport(c, this.opts.readStats),
    };
  }

  /** Resolves when no write is under way. */
  async settled(): Promise<void> {
    if (this.writing) await this.writing;
  }

  private progress(): void {
    const secs = Math.max((Date.now() - this.started) / 1000, 0.001);
    const bytes = this.opts.bytesRead?.();
    const { rows, invalidCount } = this.counts;
    this.opts.onProgress?.({
      rows,
      invalid: invalidCount,
      rowsPerSecond: Math.round(rows / secs),
      ...(bytes === undefined ? {} : { bytes }),
    });
  }

  /** Hands the buffered entries to the database; the next flush waits for this one. */
  private async flush(streamEnded: boolean): Promise<void> {
    await this.settled();
    if (this.writeError) throw this.writeError;
    if (this.buffer.size === 0) return;
    if (this.bucketCount === 0) this.bucketCount = chooseBucketCount(this.buffer.chars, streamEnded, this.largeBuckets);
    const chunks = this.buffer.drain(this.listId, this.chunkCount, this.bucketCount, this.keyIndex);
    this.lastRef = '';
    this.chunkCount++;
    this.writing = writeChunks(
      this.db,
      this.listId,
      chunks,
      { bucketCount: this.bucketCount, chunkCount: this.chunkCount },
      this.opts.signal,
    )
      .then(() => {
        this.lastBeat = Date.now();
      })
      .catch((e: unknown) => {
        this.writeError = e;
      });
  }

  /** One record: the header's, skipped, invalid, or a row stored. */
  private handle(rec: CsvRecord): void {
    const c = this.counts;
    if (rec.line <= (this.opts.headerLine ?? 0)) {
      c.headerRecords++;
      return;
    }
    c.dataRecords++;
    if (rec.error !== undefined) return this.reject(rec.line, [rec.error]);
    const cells = rec.cells;
    if (cells.every((x) => x.trim() === '')) {
      c.skippedBlank++;
      return;
    }
    if (this.sections?.observe(cells)) {
      c.skippedTitles++;
      return;
    }
    if (this.sections && this.isRepeatedHeader(cells)) {
      c.skippedHeaders++;
      return;
    }
    const parsed = this.schema.safeParse(this.rawFields(cells));
    if (!parsed.success) {
      // A header repeated inside the file (concatenated exports) is not a bad row; checked only here
      // because it costs a normalisation per cell.
      if (this.isRepeatedHeader(cells)) {
        c.skippedHeaders++;
        return;
      }
      return this.reject(rec.line, parsed.error.issues.map(rowProblem));
    }
    c.rows++;
    this.store(rec.line, parsed.data as unknown as RowData);
    c.imported++;
  }

  /** The row's cell of every field of the kind ('' for an unmapped one), the section and the list's date filled in. */
  private rawFields(cells: readonly string[]): Record<string, string> {
    const raw: Record<string, string> = {};
    for (let i = 0; i < this.allFields.length; i++) {
      const col = this.mapping[this.allFields[i]!];
      raw[this.allFields[i]!] = col === undefined ? '' : (cells[col] ?? '');
    }
    if (this.sections) raw.section = this.sections.cell(cells);
    if (this.kind === 'risk' && raw.date!.trim() === '' && this.opts.dataDate) raw.date = this.opts.dataDate;
    return raw;
  }

  private isRepeatedHeader(cells: readonly string[]): boolean {
    let same = 0;
    for (const c of this.cols) if (this.headerNorm[c] && normalizeHeader(cells[c] ?? '') === this.headerNorm[c]) same++;
    return same >= Math.min(2, this.cols.length);
  }

  private reject(line: number, errors: UserMessage[]): void {
    this.counts.rows++;
    this.counts.invalidCount++;
    if (this.invalid.length < KEPT_REPORTS) this.invalid.push({ line, errors });
  }

  /** The row's credit code checked (kept, flagged when invalid) and normalised; '' when it has none. */
  private checkedCode(line: number, raw: string): { code: string; ok: boolean } {
    if (raw === '') return { code: '', ok: false };
    const check = raw === this.lastCode && this.lastCheck ? this.lastCheck : checkCreditCode(raw);
    this.lastCode = raw;
    this.lastCheck = check;
    if (!check.ok) {
      this.counts.flaggedCount++;
      if (this.flagged.length < KEPT_REPORTS) this.flagged.push({ line, code: check.normalized, reason: usccReason(check) });
    }
    return { code: check.normalized, ok: check.ok };
  }

  /** The row's entries: under its code with a name entry referring to the code, else under its name. */
  private store(line: number, data: RowData): void {
    const { code, ok } = this.checkedCode(line, data.code);
    const nameNorm = normalizePartyName(data.name);
    const buffer = this.buffer;
    if (code !== '') {
      buffer.begin(CODE_PREFIX, code);
      buffer.row(this.kind, line, ok, data);
      buffer.end();
      const ref = nameNorm + '\t' + code;
      if (nameNorm !== '' && ref !== this.lastRef) {
        this.lastRef = ref;
        buffer.begin(NAME_PREFIX, nameNorm);
        buffer.ref(code);
        buffer.end();
      }
    } else if (nameNorm !== '') {
      buffer.begin(NAME_PREFIX, nameNorm);
      buffer.row(this.kind, line, ok, data);
      buffer.end();
    }
  }
}

/** The column mapping to import with (the confirmed one, else detected), refused when a required column is missing. */
function importMapping(opts: ImportOptions): ColumnMapping {
  const mapping = opts.mapping ?? detectMapping(opts.kind, opts.headers, opts).mapping;
  const missing = missingColumns(opts.kind, mapping, opts);
  if (missing.length)
    throw new ImportError('missing-columns', userMessage('listImport_missingColumns', joinMessages('common_joinList', missing)));
  return mapping;
}

/** The list to replace must still be an active list of the same kind. */
async function checkReplaced(db: CreditDb, kind: ListKind, replaceListId: string | undefined): Promise<void> {
  if (replaceListId === undefined) return;
  const old = await db.lists.get(replaceListId);
  if (!old || old.status !== 'active') throw new ImportError('replace-invalid', userMessage('listImport_replaceGone'));
  if (old.kind !== kind) {
    throw new ImportError('replace-invalid', userMessage('listImport_replaceKind', userMessage(codeKey('lists_kind_', old.kind))));
  }
}

/**
 * Imports a list all-or-nothing: rows are validated and staged into a pending list in chunks, and the list
 * becomes active (replacing `replaceListId` in the same transaction) only after the last row. Invalid rows
 * are reported and skipped; rows with an invalid credit code are kept and flagged. Any error, an abort or a
 * file without one valid row leaves every earlier list as it was.
 */
export async function importList(db: CreditDb, opts: ImportOptions): Promise<ImportResult> {
  checkNames(opts);
  const mapping = importMapping(opts);
  await checkReplaced(db, opts.kind, opts.replaceListId);
  if (opts.signal?.aborted) throw aborted();
  const listId = newListId();
  await createPendingList(db, {
    id: listId,
    kind: opts.kind,
    name: opts.name,
    source: opts.source,
    importedAt: new Date().toISOString(),
    rowCount: 0,
    invalidCount: 0,
    flaggedCount: 0,
    columnMapping: mapping as Record<string, number>,
    ...(opts.dataDate ? { dataDate: opts.dataDate } : {}),
  });
  const run = new ListImport(db, listId, opts, mapping);
  try {
    await run.readAll();
    return await run.finish();
  } catch (e) {
    await run.settled();
    await deleteList(db, listId).catch(() => undefined); // else purgePendingLists removes it at the next start
    throw opts.signal?.aborted ? aborted() : e;
  }
}

/** A list name the dashboard can show and a source file name within bounds; else nothing is written. */
function checkNames(opts: Pick<ImportOptions, 'name' | 'source'>): void {
  if (opts.name.trim() === '') throw new ImportError('name-invalid', userMessage('listImport_nameEmpty'));
  if (opts.name.length > LIST_NAME_MAX) {
    throw new ImportError('name-invalid', userMessage('listImport_nameTooLong', LIST_NAME_MAX));
  }
  if (opts.source.length > SOURCE_NAME_MAX) {
    throw new ImportError('name-invalid', userMessage('listImport_sourceTooLong', SOURCE_NAME_MAX));
  }
  // what a backup refuses in a list's metadata as the mark of a forged file: stored, no backup could be restored
  if (NOT_DISPLAYED.test(opts.name)) throw new ImportError('name-invalid', userMessage('listImport_nameChars'));
  if (NOT_DISPLAYED.test(opts.source)) throw new ImportError('name-invalid', userMessage('listImport_sourceChars'));
}

/** Markup and control characters, never in a list's name or file name (lib/ledger/backup ListMetaSchema). */
// eslint-disable-next-line no-control-regex
const NOT_DISPLAYED = /[<>\u0000-\u001f\u007f]/;

/** The report of an import from its counts and, when given, the reader's. */
function importReport(c: RecordCounts, stats: TableStats | undefined): ImportReport {
  const skipped = c.skippedBlank + c.skippedTitles + c.skippedHeaders;
  const rowsRead = c.dataRecords;
  const file: ImportReport['file'] =
    stats && stats.readerLines > 0
      ? {
          format: stats.format,
          lines: stats.lines,
          readerLines: stats.readerLines,
          linesMatch: stats.lines === stats.readerLines,
          records: stats.records,
          headerRecords: c.headerRecords,
          recordsAddUp: stats.records === c.headerRecords + rowsRead,
          emptyLines: stats.emptyLines,
          breaksInCells: stats.breaksInCells,
          linesAddUp: stats.readerLines === stats.records + stats.emptyLines + stats.breaksInCells,
        }
      : null;
  return {
    rowsRead,
    imported: c.imported,
    invalid: c.invalidCount,
    skipped,
    skippedBlank: c.skippedBlank,
    skippedTitles: c.skippedTitles,
    skippedHeaders: c.skippedHeaders,
    rowsAddUp: rowsRead === c.imported + c.invalidCount + skipped,
    file,
  };
}

/** Why a credit code is invalid, for the report. */
function usccReason(check: CodeCheck): UserMessage {
  const key = codeKey('usccProblem_', check.reason ?? 'check');
  return check.detail === undefined ? userMessage(key) : userMessage(key, check.detail);
}

function aborted(): ImportError {
  return new ImportError('aborted', userMessage('listImport_aborted'));
}

function noValidRows(rows: number, invalid: InvalidRow[], invalidCount: number): ImportError {
  if (rows === 0) return new ImportError('no-rows', userMessage('listImport_noRows'));
  const first = invalid[0];
  const said = first
    ? userMessage('listImport_noValidRowsExample', rows, first.line, joinMessages('common_joinClauses', first.errors))
    : userMessage('listImport_noValidRows', rows);
  return new ImportError('no-valid-rows', said, invalid, invalidCount);
}

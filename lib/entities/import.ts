import {
  type CreditDb,
  HEARTBEAT_MS,
  LIST_KIND_TITLES,
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
import { type CodeCheck, checkCreditCode, normalizePartyName } from '../party';
import { type FieldName, KEY_DOMAIN_SECTION_TITLES, type KeyDomainSection, ROW_SCHEMAS, kindFields, parseSection } from './kinds';
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
  /** Chinese */
  errors: string[];
}

export interface FlaggedRow {
  line: number;
  code: string;
  /** why the credit code is invalid, Chinese */
  reason: string;
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

/** An import that changed nothing, with a Chinese message for the user. */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly invalid: InvalidRow[] = [],
    readonly invalidCount = 0,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

const UNCHANGED = '原有名单未改变';
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

/**
 * Imports a list all-or-nothing: rows are validated and staged into a pending list in chunks, and the list
 * becomes active (replacing `replaceListId` in the same transaction) only after the last row. Invalid rows
 * are reported and skipped; rows with an invalid credit code are kept and flagged. Any error, an abort or a
 * file without one valid row leaves every earlier list as it was.
 */
export async function importList(db: CreditDb, opts: ImportOptions): Promise<ImportResult> {
  const { kind, signal } = opts;
  checkNames(opts);
  const mapping = opts.mapping ?? detectMapping(kind, opts.headers, opts).mapping;
  const missing = missingColumns(kind, mapping, opts);
  if (missing.length) {
    throw new ImportError('missing-columns', `文件缺少必需的列：${missing.join('、')}；${UNCHANGED}`);
  }
  if (opts.replaceListId !== undefined) {
    const old = await db.lists.get(opts.replaceListId);
    if (!old || old.status !== 'active') {
      throw new ImportError('replace-invalid', `要替换的名单已不存在；${UNCHANGED}`);
    }
    if (old.kind !== kind) {
      throw new ImportError('replace-invalid', `只能用同一类名单替换（原名单是${LIST_KIND_TITLES[old.kind]}）`);
    }
  }
  if (signal?.aborted) throw aborted();

  const chunkChars = opts.tuning?.chunkChars ?? DEFAULT_CHUNK_CHARS;
  const largeBuckets = opts.tuning?.largeBuckets ?? LARGE_LIST_BUCKETS;
  const listId = newListId();
  await createPendingList(db, {
    id: listId,
    kind,
    name: opts.name,
    source: opts.source,
    importedAt: new Date().toISOString(),
    rowCount: 0,
    invalidCount: 0,
    flaggedCount: 0,
    columnMapping: mapping as Record<string, number>,
    ...(opts.dataDate ? { dataDate: opts.dataDate } : {}),
  });

  const schema = ROW_SCHEMAS[kind];
  const allFields = kindFields(kind);
  const cols = allFields.filter((f) => mapping[f] !== undefined).map((f) => mapping[f]!);
  const headerNorm = opts.headers.map(normalizeHeader);
  const sections = kind === 'key-domain' ? new SectionTracker(mapping, opts.headers) : null;
  const buffer = new ChunkBuffer(Math.min(BUFFER_START_CHARS, chunkChars), chunkChars + BUFFER_START_CHARS);
  const keyIndex = new KeyIndexBuilder();
  // Consecutive rows of one party (penalty history sorted by party) share the code check and name entry.
  let lastCode = '';
  let lastCheck: CodeCheck | null = null;
  let lastRef = '';
  let bucketCount = 0;
  let chunkCount = 0;
  let writing: Promise<void> | null = null;
  let writeError: unknown = null;

  const started = Date.now();
  let lastBeat = started;
  let lastProgress = started;
  const headerLine = opts.headerLine ?? 0;
  let headerRecords = 0;
  /** every record after the header, counted before anything is decided about it */
  let dataRecords = 0;
  let rows = 0;
  let imported = 0;
  let skippedBlank = 0;
  let skippedTitles = 0;
  let skippedHeaders = 0;
  let invalidCount = 0;
  let flaggedCount = 0;
  const invalid: InvalidRow[] = [];
  const flagged: FlaggedRow[] = [];

  const progress = () => {
    const secs = Math.max((Date.now() - started) / 1000, 0.001);
    const bytes = opts.bytesRead?.();
    opts.onProgress?.({ rows, invalid: invalidCount, rowsPerSecond: Math.round(rows / secs), ...(bytes === undefined ? {} : { bytes }) });
  };

  /** Hands the buffered entries to the database; the next flush waits for this one. */
  const flush = async (streamEnded: boolean) => {
    if (writing) await writing;
    if (writeError) throw writeError;
    if (buffer.size === 0) return;
    if (bucketCount === 0) bucketCount = chooseBucketCount(buffer.chars, streamEnded, largeBuckets);
    const chunks = buffer.drain(listId, chunkCount, bucketCount, keyIndex);
    lastRef = '';
    chunkCount++;
    writing = writeChunks(db, listId, chunks, { bucketCount, chunkCount }, signal)
      .then(() => {
        lastBeat = Date.now();
      })
      .catch((e: unknown) => {
        writeError = e;
      });
  };

  const isRepeatedHeader = (cells: readonly string[]) => {
    let same = 0;
    for (const c of cols) if (headerNorm[c] && normalizeHeader(cells[c] ?? '') === headerNorm[c]) same++;
    return same >= Math.min(2, cols.length);
  };

  const reject = (line: number, errors: string[]) => {
    rows++;
    invalidCount++;
    if (invalid.length < KEPT_REPORTS) invalid.push({ line, errors });
  };

  const handle = (rec: CsvRecord) => {
    if (rec.line <= headerLine) {
      headerRecords++;
      return;
    }
    dataRecords++;
    const cells = rec.cells;
    if (rec.error !== undefined) {
      reject(rec.line, [rec.error]);
      return;
    }
    if (cells.every((c) => c.trim() === '')) {
      skippedBlank++;
      return;
    }
    if (sections?.observe(cells)) {
      skippedTitles++;
      return;
    }
    if (sections && isRepeatedHeader(cells)) {
      skippedHeaders++;
      return;
    }
    const raw: Record<string, string> = {};
    for (let i = 0; i < allFields.length; i++) {
      const col = mapping[allFields[i]!];
      raw[allFields[i]!] = col === undefined ? '' : (cells[col] ?? '');
    }
    if (sections) raw.section = sections.cell(cells);
    if (kind === 'risk' && raw.date!.trim() === '' && opts.dataDate) raw.date = opts.dataDate;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      // A header repeated inside the file (concatenated exports) is not a bad row; checked only here
      // because it costs a normalisation per cell.
      if (isRepeatedHeader(cells)) {
        skippedHeaders++;
        return;
      }
      reject(
        rec.line,
        parsed.error.issues.map((i) => i.message),
      );
      return;
    }
    rows++;
    const data = parsed.data as unknown as Record<string, unknown> & { name: string; code: string };
    let code = '';
    let codeOk = false;
    if (data.code !== '') {
      const check = data.code === lastCode && lastCheck ? lastCheck : checkCreditCode(data.code);
      lastCode = data.code;
      lastCheck = check;
      code = check.normalized;
      codeOk = check.ok;
      if (!check.ok) {
        flaggedCount++;
        if (flagged.length < KEPT_REPORTS) flagged.push({ line: rec.line, code, reason: check.reason ?? '统一社会信用代码无效' });
      }
    }
    const nameNorm = normalizePartyName(data.name);
    if (code !== '') {
      buffer.begin(CODE_PREFIX, code);
      buffer.row(kind, rec.line, codeOk, data);
      buffer.end();
      const ref = nameNorm + '\t' + code;
      if (nameNorm !== '' && ref !== lastRef) {
        lastRef = ref;
        buffer.begin(NAME_PREFIX, nameNorm);
        buffer.ref(code);
        buffer.end();
      }
    } else if (nameNorm !== '') {
      buffer.begin(NAME_PREFIX, nameNorm);
      buffer.row(kind, rec.line, codeOk, data);
      buffer.end();
    }
    imported++;
  };

  try {
    for await (const item of opts.rows) {
      const batch = (Array.isArray(item) ? item : [item]) as readonly CsvRecord[];
      for (const rec of batch) {
        if (signal?.aborted) throw aborted();
        handle(rec);
        if (buffer.chars >= chunkChars) await flush(false);
      }
      if (writeError) throw writeError;
      const now = Date.now();
      if (now - lastProgress >= 100) {
        lastProgress = now;
        progress();
      }
      if (now - lastBeat >= HEARTBEAT_MS) {
        lastBeat = now;
        await heartbeat(db, listId);
      }
    }
    if (signal?.aborted) throw aborted();
    if (imported === 0) throw noValidRows(rows, invalid, invalidCount);
    await flush(true);
    if (writing) await writing;
    if (writeError) throw writeError;
    if (signal?.aborted) throw aborted();
    progress();
    // the key index lookups read chunks by (lib/entities/key-index.ts), stored before the list goes live
    await storeListIndex(db, keyIndexRow({ id: listId, bucketCount, chunkCount, rowCount: imported }, keyIndex.build()), 'pending');
    const list = await activateList(
      db,
      listId,
      { rowCount: imported, invalidCount, flaggedCount, bucketCount, chunkCount },
      opts.replaceListId,
    );
    const skipped = skippedBlank + skippedTitles + skippedHeaders;
    return {
      listId,
      list,
      rows,
      imported,
      invalidCount,
      invalid,
      flaggedCount,
      flagged,
      skipped,
      replacedListId: opts.replaceListId ?? null,
      report: importReport(
        { dataRecords, imported, invalidCount, skippedBlank, skippedTitles, skippedHeaders, headerRecords },
        opts.readStats,
      ),
    };
  } catch (e) {
    if (writing) await writing;
    await deleteList(db, listId).catch(() => undefined); // else purgePendingLists removes it at the next start
    throw signal?.aborted ? aborted() : e;
  }
}

/** A list name the dashboard can show and a source file name within bounds; else nothing is written. */
function checkNames(opts: Pick<ImportOptions, 'name' | 'source'>): void {
  if (opts.name.trim() === '') throw new ImportError('name-invalid', `名单名称为空；${UNCHANGED}`);
  if (opts.name.length > LIST_NAME_MAX) {
    throw new ImportError('name-invalid', `名单名称过长（超过${LIST_NAME_MAX}字）；${UNCHANGED}`);
  }
  if (opts.source.length > SOURCE_NAME_MAX) {
    throw new ImportError('name-invalid', `文件名过长（超过${SOURCE_NAME_MAX}字），请改短文件名后再导入；${UNCHANGED}`);
  }
}

/** The report of an import from its counts and, when given, the reader's. */
function importReport(
  c: {
    dataRecords: number;
    imported: number;
    invalidCount: number;
    skippedBlank: number;
    skippedTitles: number;
    skippedHeaders: number;
    headerRecords: number;
  },
  stats: TableStats | undefined,
): ImportReport {
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

function aborted(): ImportError {
  return new ImportError('aborted', `导入已取消，${UNCHANGED}`);
}

function noValidRows(rows: number, invalid: InvalidRow[], invalidCount: number): ImportError {
  if (rows === 0) return new ImportError('no-rows', `文件中没有数据行；${UNCHANGED}`);
  const first = invalid[0];
  const example = first ? `（例如第 ${first.line} 行：${first.errors.join('；')}）` : '';
  return new ImportError(
    'no-valid-rows',
    `全部 ${rows} 行数据都无效，未导入${example}。请检查列的对应关系和文件内容；${UNCHANGED}`,
    invalid,
    invalidCount,
  );
}

import { extractFactsFromRecord, FieldMemo, type FactValues, type RecordOptions } from '../facts';
import { fieldLexicon, mapHeaders, matchLabel, routeIdentity, type AmountUnit, type HeaderColumn } from '../facts/fields';
import type { LogicalKey } from '../facts/keys';
import { wordMessage } from '../messages';
import { IoError, readTableBatches, type CsvRecord, type ReadTableOptions, type TableFile } from '../io';
import type { AssessContext, Assessment } from './assessment';
import { assessWith } from './assess';
import { JudgingMemo } from './judging-memo';
import { fineRanges, type FineRanges } from './fines';
import { formatNotice, formatReason, type Translate } from './format';
import type { RulePack } from './schema';
import { VERDICTS, type Verdict } from './verdicts';

/**
 * The bulk audit (批量审查) of a case export: the same facts and engine as the overlay, row by row, shared by
 * `npm run audit` and the dashboard page. A row that cannot be read is kept as `insufficient` with its error;
 * it never stops the others.
 */

type Unlisted = Assessment['unlisted'];

/** The columns the report adds after the input columns (ARCHITECTURE.md "Bulk audit CLI"). */
const REPORT_COLUMNS = ['line', 'verdict', 'unlisted', 'reasons', 'citations'] as const;
/** Several reasons or citations in one cell are joined with this. */
const REPORT_JOIN = '；';

/** A party of a row the audit calls 应列未列, to be looked up in the imported serious lists. */
export interface ListQuery {
  uscc: string | null;
  name: string | null;
  /** the decision date (or the last day it may be), else `at` */
  at: string;
}

/** The serious-list record that covers a row's party at its date, as the overlay would find it. */
export interface ListHit {
  listName: string;
  listingDate: string;
}

/** Looks parties up in the imported serious lists, a batch at a time (the dashboard's database, the CLI's file). */
export type SeriousListCheck = (queries: readonly ListQuery[]) => Promise<ReadonlyArray<ListHit | null>>;

export interface AuditOptions {
  /** ISO date used for rows without a (readable) decision date */
  at: string;
  packs: readonly RulePack[];
  t: Translate;
  signal?: AbortSignal;
  /** called after each batch with the number of data rows audited so far */
  onProgress?: (rows: number) => void;
  settings?: AssessContext['settings'];
  /**
   * Cells beyond the header's width: in a CSV they mean the row is shifted (an unquoted delimiter), so the row
   * is reported unreadable (`error`, the default); in a spreadsheet they are stray notes beside the table
   * (`ignore`). auditFile chooses by the file name.
   */
  extraCells?: 'error' | 'ignore';
  /**
   * The imported serious lists: a row whose party is on one is not 应列未列 (ARCHITECTURE.md "Verdicts"), as in
   * the overlay. Only the rows the audit would flag are looked up.
   */
  seriousList?: SeriousListCheck;
  /**
   * Read and judge every row afresh: nothing is recalled from an earlier row. The straightforward path, which the
   * default one (recalling what repeats: legal bases, penalty wordings, dates, what a set of texts shows under a
   * pack) must agree with, cell for cell.
   */
  plain?: boolean;
}

export interface AuditHeader {
  /** line of the header row (title rows above it are skipped) */
  line: number;
  cells: string[];
  columns: HeaderColumn[];
  /** non-empty headers no logical key was found for */
  unknown: string[];
  /**
   * The table has neither a decision-number nor a decision-date column, so nothing tells decided cases from
   * drafts: every row is taken as decided (an export is audited for 应列未列).
   */
  allDecided: boolean;
}

export interface AuditRow {
  line: number;
  /** the input cells, exactly as many as the header has */
  cells: string[];
  verdict: Verdict;
  unlisted: Unlisted;
  reasons: string[];
  citations: string[];
  /** for display; '' when the export has none */
  decisionNo: string;
  partyName: string;
  /** why the row could not be read (then verdict is insufficient and reasons holds this) */
  error?: string;
}

export interface AuditSummary {
  /** every data row, including unreadable ones */
  total: number;
  counts: Record<Verdict, number>;
  unlisted: { yes: number; possible: number };
}

export interface AuditRun {
  header: AuditHeader;
  /** the audited rows, one batch per batch read */
  rows: AsyncGenerator<AuditRow[], void, undefined>;
  /** updated as `rows` is consumed */
  summary: AuditSummary;
}

/** Why no audit could start; the message is the user-facing Chinese (or English) text. */
export class AuditError extends Error {
  override readonly name = 'AuditError';
  constructor(
    readonly code: 'no-header',
    message: string,
  ) {
    super(message);
  }
}

export function emptySummary(): AuditSummary {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  return { total: 0, counts, unlisted: { yes: 0, possible: 0 } };
}

export function addToSummary(s: AuditSummary, row: Pick<AuditRow, 'verdict' | 'unlisted'>): void {
  s.total++;
  s.counts[row.verdict]++;
  if (row.unlisted !== 'no') s.unlisted[row.unlisted]++;
}

/** The CLI's last line, exactly as the contract has it. */
export function summaryLine(s: AuditSummary): string {
  const c = s.counts;
  return `audited ${s.total} cases: must-list ${c['must-list']}, review ${c.review}, not-required ${c['not-required']}, insufficient ${c.insufficient}`;
}

export function reportHeader(header: Pick<AuditHeader, 'cells'>): string[] {
  return [...header.cells, ...REPORT_COLUMNS];
}

export function reportCells(row: AuditRow): Array<string | number> {
  return [...row.cells, row.line, row.verdict, row.unlisted, row.reasons.join(REPORT_JOIN), row.citations.join(REPORT_JOIN)];
}

/** How a header maps to facts: per key, the columns read (joined ones strongest first). */
interface Plan {
  width: number;
  keys: Array<{ key: LogicalKey; columns: number[]; byValue: boolean; sep: string }>;
  units: Partial<Record<LogicalKey, AmountUnit>>;
  labels: Partial<Record<LogicalKey, string>>;
  decisionNoColumn: number | null;
  partyNameColumn: number | null;
  allDecided: boolean;
}

function planOf(cells: readonly string[], columns: readonly HeaderColumn[]): Plan {
  const byKey = new Map<LogicalKey, HeaderColumn[]>();
  for (const c of columns) {
    if (c.key === null) continue;
    const list = byKey.get(c.key);
    if (list) list.push(c);
    else byKey.set(c.key, [c]);
  }
  const units: Plan['units'] = {};
  const labels: Plan['labels'] = {};
  const keys: Plan['keys'] = [];
  for (const [key, list] of byKey) {
    // Strongest label first, as mapFields orders the fields of a form (违法的主要事实 before 违法行为类型).
    const score = (c: HeaderColumn): number => matchLabel(c.header)?.score ?? 0;
    list.sort((a, b) => score(b) - score(a) || a.index - b.index);
    const first = list[0]!;
    if (first.unit) units[key] = first.unit;
    labels[key] = first.header;
    keys.push({
      key,
      columns: list.map((c) => c.index),
      byValue: first.byValue === true,
      sep: fieldLexicon.fields[key].join ?? REPORT_JOIN,
    });
  }
  const column = (key: LogicalKey): number | null => byKey.get(key)?.[0]?.index ?? null;
  return {
    width: cells.length,
    keys,
    units,
    labels,
    decisionNoColumn: column('decisionNo'),
    partyNameColumn: column('partyName'),
    allDecided: !byKey.has('decisionNo') && !byKey.has('decisionDate'),
  };
}

/** How many columns a header row maps, and whether it has the one an audit cannot do without. */
function scoreHeader(cells: readonly string[]): { columns: HeaderColumn[]; unknown: string[]; score: number } {
  const mapped = mapHeaders(cells);
  const keys = new Set(mapped.columns.flatMap((c) => (c.key === null ? [] : [c.key])));
  const score = keys.has('penalty') && keys.size >= 2 ? keys.size : 0;
  return { ...mapped, score };
}

/** Title or note rows above the header are skipped within this many records. */
export const HEADER_SCAN_ROWS = 20;

/** The headers named when none is recognised: the national publicity table's first, then common variants. */
export const HEADERS_LOOKED_FOR: ReadonlyArray<readonly [LogicalKey, readonly string[]]> = [
  ['penalty', ['行政处罚内容', '处罚内容', '处罚种类']],
  ['decisionNo', ['行政处罚决定书文号', '决定书文号']],
  ['partyName', ['被处罚单位名称', '行政相对人名称', '当事人']],
  ['violation', ['违法的主要事实', '违法行为类型', '违法事实']],
  ['legalBasis', ['行政处罚依据', '处罚依据']],
  ['fineAmount', ['罚款金额（万元）', '罚款金额']],
  ['decisionDate', ['作出决定的日期', '处罚决定日期']],
];

function noHeader(t: Translate): AuditError {
  const names = HEADERS_LOOKED_FOR.map(([, labels]) => labels.join('/')).join('、');
  return new AuditError('no-header', t('audit_error_noHeader', [String(HEADER_SCAN_ROWS), names]));
}

const isBlankRow = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');

function errorRow(rec: CsvRecord, cells: string[], plan: Plan, error: string): AuditRow {
  return {
    line: rec.line,
    cells,
    verdict: 'insufficient',
    unlisted: 'no',
    reasons: [error],
    citations: [],
    decisionNo: plan.decisionNoColumn === null ? '' : (cells[plan.decisionNoColumn] ?? '').trim(),
    partyName: plan.partyNameColumn === null ? '' : (cells[plan.partyNameColumn] ?? '').trim(),
    error,
  };
}

const EXTRA_SHOWN = 60;

/** What every row of one audit shares: the plan of its columns, the options, and what is recalled across rows. */
interface RowContext {
  plan: Plan;
  opts: AuditOptions;
  /** the assessment's context, the same for every row */
  assessing: AssessContext & { fineRanges: FineRanges; judgingMemo?: JudgingMemo };
  /** how the row's values are read: units and labels of the columns, the memo of what repeats */
  reading: RecordOptions;
}

/** The row's cells cut or padded to the header's width; an error when cells beyond it hold something in a CSV. */
function fitCells(rec: CsvRecord, ctx: RowContext): { cells: string[]; error?: string } {
  const { plan, opts } = ctx;
  const cells = rec.cells;
  if (cells.length === plan.width) return { cells };
  const extra = cells.slice(plan.width).filter((c) => c.trim() !== '');
  const fitted = cells.length > plan.width ? cells.slice(0, plan.width) : [...cells, ...Array<string>(plan.width - cells.length).fill('')];
  if (extra.length > 0 && opts.extraCells !== 'ignore' && !rec.error) {
    let shown = extra.join(' | ');
    if (shown.length > EXTRA_SHOWN) shown = `${shown.slice(0, EXTRA_SHOWN)}…`;
    return { cells: fitted, error: opts.t('audit_row_extraCells', [String(cells.length), String(plan.width), shown]) };
  }
  return { cells: fitted };
}

/** The row's values by logical key: joined columns strongest first, each distinct text once; empty ones left out. */
function valuesOf(cells: readonly string[], plan: Plan): FactValues {
  const values: FactValues = {};
  for (const k of plan.keys) {
    let value: string;
    if (k.columns.length === 1) value = cells[k.columns[0]!]!.trim();
    else {
      const parts: string[] = [];
      for (const i of k.columns) {
        const v = cells[i]!.trim();
        if (v !== '' && !parts.includes(v)) parts.push(v);
      }
      value = parts.join(k.sep);
    }
    if (value === '') continue;
    values[k.byValue ? routeIdentity(value) : k.key] = value;
  }
  return values;
}

/** The reasons of an assessment as the report words them, with the date used and what could not be read. */
function reasonsOf(a: Assessment, opts: AuditOptions): string[] {
  const t = opts.t;
  const packId = a.pack?.id;
  const reasons: string[] = [];
  for (const r of a.reasons) reasons.push(formatReason(r, t, packId));
  // The date used and what could not be read in the row matter to a reviewer as much as the reasons.
  for (const n of a.notices) {
    if (n.code === 'date-from-today') reasons.push(t('audit_reason_dateFromAt', [opts.at]));
    else if (n.code.startsWith('problem-')) reasons.push(formatNotice(n, t));
  }
  return reasons;
}

/** One data row: read its facts, assess them, word the reasons. Never throws. */
function auditOne(rec: CsvRecord, ctx: RowContext, queries?: Map<AuditRow, ListQuery>): AuditRow {
  const { plan, opts } = ctx;
  const { cells, error } = fitCells(rec, ctx);
  if (error !== undefined) return errorRow(rec, cells, plan, error);
  if (rec.error) return errorRow(rec, cells, plan, wordMessage(rec.error, opts.t));
  try {
    const values = valuesOf(cells, plan);
    const facts = extractFactsFromRecord(values, ctx.reading);
    const a = assessWith(facts, opts.packs, ctx.assessing);
    const citations: string[] = [];
    for (const r of a.reasons) if (!citations.includes(r.citation)) citations.push(r.citation);
    const row: AuditRow = {
      line: rec.line,
      cells,
      verdict: a.verdict,
      unlisted: a.unlisted,
      reasons: reasonsOf(a, opts),
      citations,
      decisionNo: values.decisionNo ?? '',
      partyName: values.partyName ?? '',
    };
    if (queries && row.unlisted !== 'no' && (facts.party.code !== null || facts.party.name !== null)) {
      queries.set(row, { uscc: facts.party.code, name: facts.party.name, at: a.period?.to ?? a.date });
    }
    return row;
  } catch (e) {
    return errorRow(rec, cells, plan, opts.t('audit_row_failed', [e instanceof Error ? e.message : String(e)]));
  }
}

type Source = AsyncIterable<CsvRecord> | AsyncIterable<readonly CsvRecord[]>;

const RECORD_BATCH = 1024;

/** Batches from a source of records or of batches (records are grouped so callers see few, large batches). */
async function* batchesOf(source: Source): AsyncGenerator<readonly CsvRecord[], void, undefined> {
  let pending: CsvRecord[] = [];
  for await (const item of source as AsyncIterable<CsvRecord | readonly CsvRecord[]>) {
    if (Array.isArray(item)) {
      if (pending.length) yield pending;
      pending = [];
      yield item as readonly CsvRecord[];
    } else {
      pending.push(item as CsvRecord);
      if (pending.length >= RECORD_BATCH) {
        yield pending;
        pending = [];
      }
    }
  }
  if (pending.length) yield pending;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new IoError('aborted');
}

/**
 * Start an audit over the records (or batches of records) of a table: find the header among the first
 * HEADER_SCAN_ROWS records (the one mapping most logical keys, with a penalty column), then audit every
 * following non-blank row. Throws AuditError 'no-header' when no header is recognised, IoError 'aborted'
 * when `signal` fires; read errors of the source pass through.
 */
export async function auditRecords(source: Source, opts: AuditOptions): Promise<AuditRun> {
  const it = batchesOf(source);
  const seen: CsvRecord[] = [];
  let rest: readonly CsvRecord[] = [];
  let done = false;
  while (seen.length < HEADER_SCAN_ROWS) {
    throwIfAborted(opts.signal);
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const room = HEADER_SCAN_ROWS - seen.length;
    seen.push(...r.value.slice(0, room));
    rest = r.value.slice(room);
  }
  let best: { index: number; columns: HeaderColumn[]; unknown: string[]; score: number } | null = null;
  seen.forEach((rec, index) => {
    const s = scoreHeader(rec.cells);
    if (s.score > 0 && (best === null || s.score > best.score)) best = { index, ...s };
  });
  if (best === null) {
    await it.return(undefined);
    if (seen.length === 0) throw new IoError('empty');
    throw noHeader(opts.t);
  }
  const { index, columns, unknown } = best;
  const headerRecord = seen[index]!;
  const plan = planOf(headerRecord.cells, columns);
  const header: AuditHeader = { line: headerRecord.line, cells: headerRecord.cells, columns, unknown, allDecided: plan.allDecided };
  const summary = emptySummary();
  const first = [...seen.slice(index + 1), ...rest];
  const ctx: RowContext = {
    plan,
    opts,
    assessing: { today: opts.at, settings: opts.settings, fineRanges, judgingMemo: opts.plain ? undefined : new JudgingMemo() },
    reading: { units: plan.units, labels: plan.labels, readOnlyView: plan.allDecided, memo: opts.plain ? undefined : new FieldMemo() },
  };

  const auditBatch = async (batch: readonly CsvRecord[]): Promise<AuditRow[]> => {
    const out: AuditRow[] = [];
    const queries = opts.seriousList ? new Map<AuditRow, ListQuery>() : undefined;
    for (const rec of batch) {
      if (isBlankRow(rec.cells)) continue;
      out.push(auditOne(rec, ctx, queries));
    }
    if (queries && queries.size > 0) await clearListed(queries, opts.seriousList!, opts.t);
    for (const row of out) addToSummary(summary, row);
    opts.onProgress?.(summary.total);
    return out;
  };

  async function* rows(): AsyncGenerator<AuditRow[], void, undefined> {
    try {
      if (first.length) yield await auditBatch(first);
      while (!done) {
        throwIfAborted(opts.signal);
        const r = await it.next();
        if (r.done) break;
        yield await auditBatch(r.value);
      }
    } finally {
      await it.return(undefined);
    }
  }
  return { header, rows: rows(), summary };
}

/** Rows whose party an imported serious list covers are not 应列未列; the reason says which list. */
async function clearListed(queries: Map<AuditRow, ListQuery>, check: SeriousListCheck, t: Translate): Promise<void> {
  const rows = [...queries.keys()];
  const hits = await check(rows.map((r) => queries.get(r)!));
  rows.forEach((row, i) => {
    const hit = hits[i];
    if (!hit) return;
    row.unlisted = 'no';
    row.reasons.push(t('audit_reason_onSeriousList', [hit.listName, hit.listingDate]));
  });
}

/** Audit a CSV or XLSX file (any encoding and delimiter lib/io reads). */
export function auditFile(file: TableFile, opts: AuditOptions & { read?: Omit<ReadTableOptions, 'signal'> }): Promise<AuditRun> {
  const extraCells = opts.extraCells ?? (/\.xls[xm]$/i.test(file.name) ? 'ignore' : 'error');
  return auditRecords(readTableBatches(file, { ...opts.read, signal: opts.signal }), { ...opts, extraCells });
}

/** The bench's baseline: read and parse the same file without auditing it. Returns the number of records. */
export async function parseOnly(file: TableFile, read: ReadTableOptions = {}): Promise<number> {
  let n = 0;
  for await (const batch of readTableBatches(file, read)) n += batch.length;
  return n;
}

import { z } from 'zod';
import type { CreditDb, LedgerCase } from '../db';
import { normalizePartyName, normalizeCode } from '../party';
import { foldDecisionNo, isIsoDate, normalizeSpace, todayInChina } from '../text';
import { caseIdentity, foldCaseNo, sameCaseByCaseNo } from './identity';
import { DomainSchema, FIELD_TITLES, IsoDateSchema, VerdictSchema } from './schema';

/** Why a ledger operation was refused; `message` is Chinese and fit to show. */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  constructor(
    readonly code: 'invalid' | 'not-found' | 'duplicate' | 'stale' | 'undo-expired' | 'unresolved',
    message: string,
  ) {
    super(message);
  }
}

/**
 * A date as typed or read: `YYYY-MM-DD`, or an ISO date-time. A date-time with `Z` or an offset becomes its
 * calendar date in China Standard Time (`2023-07-31T16:30:00Z` → 2023-08-01); one without an offset is
 * taken as China wall-clock time (its date part). Empty → null.
 */
const DateInputSchema = z
  .union([z.string(), z.null()])
  .transform((s, ctx): string | null => {
    const t = s?.trim() ?? '';
    if (t === '') return null;
    const day = isoDayOf(t);
    if (day === null) {
      ctx.addIssue({ code: 'custom', message: `“${t}”不是有效日期，应为“年-月-日”（如 2023-07-01）` });
      return z.NEVER;
    }
    return day;
  });

function isoDayOf(t: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (!m || !isIsoDate(m[1]!)) return null;
  if (m[2] === undefined) return m[1]!;
  if (Number.isNaN(Date.parse(`${m[1]}T${m[2]}Z`))) return null;
  if (m[3] === undefined) return m[1]!;
  const offset = m[3] === 'Z' ? 'Z' : `${m[3].slice(0, 3)}:${m[3].slice(-2)}`;
  const ms = Date.parse(`${m[1]}T${m[2]}${offset}`);
  return Number.isNaN(ms) ? null : todayInChina(new Date(ms));
}

const text = z.union([z.string(), z.null()]).transform((s) => (s === null ? null : normalizeSpace(s) || null));

/**
 * What the overlay's 记录本案 form (or the 台账 page's editor) hands over. An absent (undefined) field keeps
 * what an existing record has; null clears it — except the decision and case numbers, which a record never
 * loses (they are its identity).
 */
export const RecordInputSchema = z.object({
  decisionNo: text.optional(),
  caseNo: text.optional(),
  partyName: z.string().transform(normalizeSpace).optional(),
  uscc: text.transform((s) => (s === null ? null : normalizeCode(s) || null)).optional(),
  domain: DomainSchema.optional(),
  /** where the domain came from: the matched Order 44 item, the laws cited, or the user */
  domainSource: z.enum(['item', 'law', 'user']).optional(),
  verdict: VerdictSchema.optional(),
  packId: text.optional(),
  packVersion: text.optional(),
  citations: z.array(z.string()).optional(),
  unlisted: z.enum(['yes', 'possible', 'no']).optional(),
  listingDecision: z.enum(['yes', 'no']).nullable().optional(),
  listingDate: DateInputSchema.optional(),
  exposureDate: DateInputSchema.optional(),
  repeatPublicityDate: DateInputSchema.optional(),
  decisionDate: DateInputSchema.optional(),
  creditRepaired: z.boolean().optional(),
  /** recording unit (填报单位), from settings */
  unit: z.string().transform(normalizeSpace).optional(),
  /** recording person, from settings */
  recorder: z.string().transform(normalizeSpace).optional(),
});
export type RecordInput = z.input<typeof RecordInputSchema>;
type ParsedInput = z.output<typeof RecordInputSchema>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const field = i.path[0];
      const title = typeof field === 'string' && field in FIELD_TITLES ? FIELD_TITLES[field as keyof typeof FIELD_TITLES] : String(field ?? '');
      return `${title}：${i.code === 'custom' ? i.message : '取值无效'}`;
    })
    .join('；');
}

/** Checks a record form; the error is Chinese. */
export function parseRecordInput(input: unknown): { ok: true; value: ParsedInput } | { ok: false; error: string } {
  const r = RecordInputSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: `记录内容有误：${describeIssues(r.error)}` };
}

function parseOrThrow(input: unknown): ParsedInput {
  const r = parseRecordInput(input);
  if (!r.ok) throw new LedgerError('invalid', r.error);
  return r.value;
}

type CaseFields = Omit<LedgerCase, 'id' | 'createdAt' | 'updatedAt' | 'revision' | 'origin'>;

const EMPTY: CaseFields = {
  decisionNo: null,
  caseNo: null,
  partyName: '',
  partyNameNorm: '',
  uscc: null,
  domain: 'other',
  domainSource: 'user',
  verdict: 'insufficient',
  packId: null,
  packVersion: null,
  citations: [],
  unlisted: 'no',
  listingDecision: null,
  listingDate: null,
  exposureDate: null,
  repeatPublicityDate: null,
  decisionDate: null,
  creditRepaired: false,
  unit: '',
  recorder: '',
};

/**
 * `base` with every field the input defines; identity and derived fields recomputed. A null decision or case
 * number does not clear the one `base` has: a record never loses its identity by being recorded again.
 */
function applyInput(base: CaseFields, input: ParsedInput): { id: string; fields: CaseFields } {
  const next = { ...base };
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || (v === null && (k === 'decisionNo' || k === 'caseNo'))) continue;
    (next as Record<string, unknown>)[k] = v;
  }
  if (next.decisionNo) next.decisionNo = foldDecisionNo(next.decisionNo);
  next.partyNameNorm = normalizePartyName(next.partyName);
  const id = caseIdentity(next);
  if (id === null) throw new LedgerError('invalid', '记录内容有误：案件需要有行政处罚决定书文号或案件编号');
  return { id, fields: next };
}

function requireUnit(f: CaseFields): void {
  if (!f.unit) throw new LedgerError('invalid', '记录内容有误：请先在设置中填写填报单位');
}

/** The record of the same case under another identity (see sameCaseByCaseNo), if any. */
async function findLinked(db: CreditDb, f: CaseFields): Promise<LedgerCase | undefined> {
  const caseNo = foldCaseNo(f.caseNo);
  if (!caseNo) return undefined;
  if (f.decisionNo) {
    const byCaseNo = await db.cases.get(`case:${caseNo}`);
    return byCaseNo && sameCaseByCaseNo(f, byCaseNo) ? byCaseNo : undefined;
  }
  // Without a caseNo index, look among the party's own records (credit code, else name index).
  const candidates = f.uscc
    ? await db.cases.where('uscc').equals(f.uscc).toArray()
    : f.partyNameNorm
      ? await db.cases.where('partyNameNorm').equals(f.partyNameNorm).toArray()
      : [];
  return candidates.find((c) => sameCaseByCaseNo(f, c));
}

/**
 * 记录本案: adds the case, or updates the record of the same case — same identity, or the same case recorded
 * earlier by its case number only — with revision + 1 and createdAt kept. Lookup and write share one
 * read-write transaction, so two tabs recording the same case at once still leave one record.
 */
export async function recordCase(
  db: CreditDb,
  input: RecordInput,
  opts: { now?: Date } = {},
): Promise<{ id: string; created: boolean; record: LedgerCase }> {
  const parsed = parseOrThrow(input);
  const probe = applyInput(EMPTY, parsed);
  const now = (opts.now ?? new Date()).toISOString();
  return db.transaction('rw', db.cases, async () => {
    const existing = (await db.cases.get(probe.id)) ?? (await findLinked(db, probe.fields));
    const { id, fields } = existing ? applyInput(existing, parsed) : probe;
    requireUnit(fields);
    if (existing && existing.id !== id) await db.cases.delete(existing.id);
    const record: LedgerCase = {
      ...fields,
      id,
      origin: 'local',
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      revision: (existing?.revision ?? 0) + 1,
    };
    await db.cases.put(record);
    return { id, created: existing === undefined, record };
  });
}

/**
 * Edits a recorded case (台账 page). Changing the decision or case number moves the record to its new
 * identity, refused when another record already has it. With `expectedRevision`, refused when someone
 * changed the record meanwhile.
 */
export async function updateCase(
  db: CreditDb,
  id: string,
  patch: RecordInput,
  opts: { now?: Date; expectedRevision?: number } = {},
): Promise<LedgerCase> {
  const parsed = parseOrThrow(patch);
  const now = (opts.now ?? new Date()).toISOString();
  return db.transaction('rw', db.cases, async () => {
    const existing = await db.cases.get(id);
    if (!existing) throw new LedgerError('not-found', '该案件记录不存在（可能已被删除）');
    if (opts.expectedRevision !== undefined && existing.revision !== opts.expectedRevision) {
      throw new LedgerError('stale', '该记录已在其他页面被修改，请刷新后再编辑');
    }
    const next = applyInput(existing, parsed);
    requireUnit(next.fields);
    if (next.id !== id) {
      if (await db.cases.get(next.id)) throw new LedgerError('duplicate', `台账中已有同一案件（${next.id}）的记录`);
      await db.cases.delete(id);
    }
    const record: LedgerCase = {
      ...next.fields,
      id: next.id,
      origin: existing.origin,
      createdAt: existing.createdAt,
      updatedAt: now,
      revision: existing.revision + 1,
    };
    await db.cases.put(record);
    return record;
  });
}

const UNDO_PREFIX = 'ledger-undo:';
/** Undo entries kept; older deletions become permanent. */
const UNDO_KEEP = 20;

/**
 * Deletes cases and keeps them under an undo token (in the `meta` table, so the undo survives a reload),
 * in one transaction. Only the latest UNDO_KEEP deletions can be undone.
 */
export async function deleteCases(db: CreditDb, ids: readonly string[], opts: { now?: Date } = {}): Promise<string> {
  const now = opts.now ?? new Date();
  const token = `${UNDO_PREFIX}${now.toISOString()}:${crypto.randomUUID()}`;
  await db.transaction('rw', db.cases, db.meta, async () => {
    const rows = (await db.cases.bulkGet([...ids])).filter((r): r is LedgerCase => r !== undefined);
    await db.cases.bulkDelete(rows.map((r) => r.id));
    await db.meta.put({ key: token, value: { deletedAt: now.toISOString(), rows } });
    const tokens = await db.meta.where('key').startsWith(UNDO_PREFIX).primaryKeys();
    if (tokens.length > UNDO_KEEP) await db.meta.bulkDelete(tokens.slice(0, tokens.length - UNDO_KEEP));
  });
  return token;
}

/**
 * Puts deleted cases back exactly as they were. A case recorded again since the deletion is newer than the
 * deleted copy and is kept; its id is reported in `skipped`.
 */
export async function undoDelete(db: CreditDb, token: string): Promise<{ restored: number; skipped: string[] }> {
  return db.transaction('rw', db.cases, db.meta, async () => {
    const entry = token.startsWith(UNDO_PREFIX) ? await db.meta.get(token) : undefined;
    if (!entry) throw new LedgerError('undo-expired', '无法撤销：删除已失效（已撤销过，或已超过可撤销的次数）');
    const rows = (entry.value as { rows: LedgerCase[] }).rows;
    const present = new Set((await db.cases.bulkGet(rows.map((r) => r.id))).filter((r) => r).map((r) => r!.id));
    const back = rows.filter((r) => !present.has(r.id));
    await db.cases.bulkAdd(back);
    await db.meta.delete(token);
    return { restored: back.length, skipped: rows.filter((r) => present.has(r.id)).map((r) => r.id) };
  });
}

/** 应列未列 (ARCHITECTURE.md "Verdicts") still open: flagged when recorded and not listed since. */
export function isUnlistedCase(c: Pick<LedgerCase, 'unlisted' | 'listingDecision' | 'listingDate'>): boolean {
  return c.unlisted !== 'no' && c.listingDecision !== 'yes' && c.listingDate === null;
}

export const LEDGER_DATE_FIELDS = ['decisionDate', 'listingDate', 'exposureDate', 'repeatPublicityDate'] as const;
export type LedgerDateField = (typeof LEDGER_DATE_FIELDS)[number];

export interface LedgerQuery {
  /** Inclusive ISO dates, applied to `dateField` (default: decisionDate); cases without that date drop out. */
  period?: { from: string; to: string };
  dateField?: LedgerDateField;
  domain?: LedgerCase['domain'];
  verdict?: LedgerCase['verdict'];
  unit?: string;
  /** Matches party name, credit code, decision number or case number, ignoring width, spaces and brackets. */
  text?: string;
  /** Only open 应列未列 cases (isUnlistedCase). */
  unlistedOnly?: boolean;
  limit?: number;
  offset?: number;
}

/**
 * A page of the ledger, newest first (by the period's date field, else by last change), and the number of
 * cases matching. A period uses its date index, so only cases in the period are read.
 */
export async function queryLedger(db: CreditDb, q: LedgerQuery = {}): Promise<{ rows: LedgerCase[]; total: number }> {
  const field = q.dateField ?? 'decisionDate';
  if (q.period) {
    for (const d of [q.period.from, q.period.to]) {
      if (!IsoDateSchema.safeParse(d).success) throw new LedgerError('invalid', `统计期间的日期“${d}”无效`);
    }
  }
  const needle = q.text ? normalizePartyName(q.text) : '';
  const folded = q.text ? foldDecisionNo(q.text) : '';
  const match = (c: LedgerCase): boolean =>
    (q.domain === undefined || c.domain === q.domain) &&
    (q.verdict === undefined || c.verdict === q.verdict) &&
    (!q.unit || c.unit === q.unit) &&
    (!q.unlistedOnly || isUnlistedCase(c)) &&
    (needle === '' ||
      c.partyNameNorm.includes(needle) ||
      (c.uscc ?? '').includes(needle) ||
      c.id.includes(folded) ||
      normalizePartyName(c.caseNo ?? '').includes(needle));
  if (q.period && q.period.from > q.period.to) return { rows: [], total: 0 };
  const period = q.period;
  const base = () =>
    period
      ? db.cases.where(field).between(period.from, period.to, true, true).reverse()
      : db.cases.orderBy('updatedAt').reverse();
  const total = await base().filter(match).count();
  const rows = await base()
    .filter(match)
    .offset(Math.max(0, q.offset ?? 0))
    .limit(Math.max(0, q.limit ?? 50))
    .toArray();
  return { rows, total };
}

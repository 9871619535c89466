import {
  clearedOnPurpose,
  combineOnto,
  currentCase,
  ledgerTables,
  readEntries,
  readEntry,
  removeCases,
  storeCases,
  withHistories,
  type CreditDb,
  type LedgerCase,
} from '../db';
import { sameLife, versionStamp, type LedgerEntry, type LedgerRevision, type LegacyCase } from '../db/case';
import { normalizePartyName } from '../party';
import { foldDecisionNo, isIsoDate } from '../text';
import { applyParsed, nextRecord, type FieldChange } from './changes';
import { userMessage, type UserMessage } from '../messages';
import { CONTENT_FIELDS, LedgerError, MAX_HISTORY, MAX_LENGTHS, authorTitles, fieldTitle, type ContentField } from './fields';
import { LedgerEntrySchema, issueMessage } from './schema';
import { caseIdentity, foldCaseNo, sameCaseByCaseNo } from './identity';
import { checkRecordInput, type ParsedInput, type RecordInput } from './input';
import { EMPTY_CONTENT } from './changes';

export { LedgerError, type LedgerErrorCode } from './fields';
export { parseRecordInput, checkRecordInput, type ParsedInput, type RecordInput } from './input';
export { recordChanges, type FieldChange } from './changes';

/** Refuses a save without 填报单位 or 记录人, with code `unit-missing` (the form then links to 设置). */
function requireAuthor(input: ParsedInput): void {
  const missing = [...(input.unit ? [] : (['unit'] as const)), ...(input.recorder ? [] : (['recorder'] as const))];
  if (missing.length === 0) return;
  throw new LedgerError('unit-missing', userMessage('ledgerError_unitMissing', authorTitles(missing)), missing);
}

/**
 * Refuses a save that would put into the ledger what a backup or a ledger file refuses to read back
 * (`LedgerEntrySchema`): stored, it would make every backup impossible to restore. The input is checked before
 * folding, and NFKC may lengthen a number (a compatibility character spelled out), so the folded record is checked
 * too. What `before` (the record saved over) already held is let be: an older version kept any length.
 */
function checkStorable(record: LedgerEntry, before: LedgerEntry | undefined): void {
  const r = LedgerEntrySchema.safeParse(record);
  if (r.success) return;
  const held = new Set(before?.history.map((h) => h.id));
  const introduced = r.error.issues.filter((i) => {
    if (!before) return true;
    const [field, at] = i.path;
    if (field === 'history') return typeof at !== 'number' || !held.has(record.history[at]?.id ?? '');
    return JSON.stringify(record[field as keyof LedgerEntry]) !== JSON.stringify(before[field as keyof LedgerEntry]);
  });
  if (introduced.length === 0) return;
  const issue = introduced.find((i) => i.path[0] !== 'id') ?? introduced[0]!;
  const at = issue.path[0] === 'id' ? (record.decisionNo ? 'decisionNo' : 'caseNo') : issue.path[0];
  const title =
    (CONTENT_FIELDS as readonly unknown[]).includes(at) || at === 'unit' || at === 'recorder' ? fieldTitle(at as ContentField) : String(at);
  // the identity holds the folded number (a case number after `case:`): its limit is the number's
  const what =
    issue.path[0] === 'id' && issue.code === 'too_big'
      ? userMessage('ledgerIssue_tooLong', MAX_LENGTHS[at as 'caseNo'])
      : issueMessage(issue);
  throw new LedgerError('invalid', userMessage('ledgerError_notStorable', title, what));
}

/** Who last changed a record, for the message of a refused stale save. */
function lastChange(c: LedgerEntry): UserMessage | string {
  const r = c.history.at(-1);
  if (!r) return '';
  const when = new Date(Date.parse(r.at) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  return userMessage('ledgerError_lastChange', `${r.unit}${r.recorder ? ` ${r.recorder}` : ''}`, when, c.revision);
}

/**
 * Whether a save based on `baseRevision` (and `baseVersion`, a versionStamp, when the caller has it) would
 * overwrite something it did not see: the record changed, was deleted, or is a new record of a case deleted
 * since, whatever its revision number.
 */
function isStale(c: LedgerEntry | undefined, baseRevision: number | undefined, baseVersion: string | undefined): boolean {
  if (baseRevision !== undefined && baseRevision !== (c?.revision ?? 0)) return true;
  return baseVersion !== undefined && c !== undefined && versionStamp(c) !== baseVersion;
}

/** The refusal of a stale save: the record now, and what the caller has not seen (a new record's every change). */
function stale(c: LedgerEntry | undefined, baseRevision: number, baseVersion?: string): LedgerError {
  if (!c) return new LedgerError('stale', userMessage('ledgerError_staleDeleted'), [], { revision: 0, changes: [] });
  const seen = baseVersion === undefined || sameLife(baseVersion, c) ? baseRevision : 0;
  const changes = c.history.filter((r) => r.revision > seen).flatMap((r) => r.changes.map(({ field, from, to }) => ({ field, from, to })));
  return new LedgerError('stale', userMessage('ledgerError_staleChanged', lastChange(c)), [], {
    revision: c.revision,
    changes,
  });
}

/** The record of the same case under another identity (see sameCaseByCaseNo), if any. */
export async function findLinkedRecord(
  db: CreditDb,
  ref: { decisionNo?: string | null; caseNo?: string | null; uscc?: string | null; partyNameNorm?: string },
): Promise<LedgerEntry | undefined> {
  const caseNo = foldCaseNo(ref.caseNo);
  if (!caseNo) return undefined;
  const probe = {
    decisionNo: ref.decisionNo ? foldDecisionNo(ref.decisionNo) || null : null,
    caseNo: ref.caseNo ?? null,
    uscc: ref.uscc ?? null,
    partyNameNorm: ref.partyNameNorm ?? '',
  };
  if (probe.decisionNo) {
    const byCaseNo = await readEntry(db, `case:${caseNo}`);
    return byCaseNo && sameCaseByCaseNo(probe, byCaseNo) ? byCaseNo : undefined;
  }
  // Without a case number index, look among the party's own records (credit code, else name index).
  const candidates = probe.uscc
    ? await db.cases.where('uscc').equals(probe.uscc).toArray()
    : probe.partyNameNorm
      ? await db.cases.where('partyNameNorm').equals(probe.partyNameNorm).toArray()
      : [];
  const found = candidates.find((c) => sameCaseByCaseNo(probe, c));
  return found && (await withHistories(db, [found]))[0];
}

/**
 * The ledger's record of a case, or null: by identity (the folded decision number, else the case number),
 * then — given the party (credit code or name) — the record of the same case under its other number
 * (recorded by case number before the decision number existed, or the other way round). The record form
 * starts from what this returns.
 */
export async function findRecordedCase(
  db: CreditDb,
  ref: { decisionNo?: string | null; caseNo?: string | null; uscc?: string | null; partyName?: string | null },
): Promise<LedgerEntry | null> {
  const id = caseIdentity(ref);
  if (id === null) return null;
  return db.transaction('r', db.cases, db.histories, async () => {
    const byId = await readEntry(db, id);
    if (byId) return byId;
    const linked = await findLinkedRecord(db, {
      decisionNo: ref.decisionNo ?? null,
      caseNo: ref.caseNo ?? null,
      uscc: ref.uscc ?? null,
      partyNameNorm: normalizePartyName(ref.partyName ?? ''),
    });
    return linked ?? null;
  });
}

export interface RecordResult {
  id: string;
  /** true when the case was not in the ledger before */
  created: boolean;
  /** the record's revision after the save (unchanged when nothing changed) */
  revision: number;
  /** what the save changed; empty when the ledger already held these answers (nothing is written then) */
  changes: FieldChange[];
  record: LedgerEntry;
}

/**
 * 记录本案: adds the case, or updates the ledger's record of it — same identity, or the same case recorded
 * earlier under its other number — as a new revision in its history. A field the input leaves out or empty
 * keeps its recorded value; only `cleared` empties one. `unit` and `recorder` (who saves) come from the
 * caller's settings and are required (`unit-missing`). With `baseRevision` (the revision the form was opened
 * on; 0 for a case not in the ledger then) and `baseVersion` (its versionStamp), a record changed meanwhile — or
 * deleted and recorded again — is refused (`stale`). Lookup and write
 * share one read-write transaction, so two tabs recording the same case at once still leave one record.
 */
export async function recordCase(
  db: CreditDb,
  input: RecordInput,
  opts: { baseRevision?: number; baseVersion?: string; now?: Date } = {},
): Promise<RecordResult> {
  const parsed = checkRecordInput(input);
  requireAuthor(parsed);
  const probe = applyParsed(EMPTY_CONTENT, parsed);
  const probeId = caseIdentity(probe);
  if (probeId === null) throw new LedgerError('invalid', userMessage('ledgerError_noIdentity'));
  const at = (opts.now ?? new Date()).toISOString();
  return db.transaction('rw', ledgerTables(db), async () => {
    const existing =
      (await readEntry(db, probeId)) ?? (await findLinkedRecord(db, { ...probe, partyNameNorm: normalizePartyName(probe.partyName) }));
    if (isStale(existing, opts.baseRevision, opts.baseVersion)) throw stale(existing, opts.baseRevision ?? 0, opts.baseVersion);
    const next = nextRecord(
      existing ?? null,
      applyParsed(existing ?? EMPTY_CONTENT, parsed),
      { unit: parsed.unit, recorder: parsed.recorder, kind: 'record', at },
      parsed.set,
    );
    if (next === null) return { id: existing!.id, created: false, revision: existing!.revision, changes: [], record: existing! };
    checkStorable(next.record, existing);
    if (existing && existing.id !== next.record.id) await removeCases(db, [existing.id]);
    await storeCases(db, [next.record]);
    return { id: next.record.id, created: !existing, revision: next.record.revision, changes: next.changes, record: next.record };
  });
}

/**
 * Edits a recorded case (台账 page), as recordCase does (`cleared` empties, `unit`/`recorder` say who edits).
 * Changing the decision or case number moves the record to its new identity, refused when another record
 * already has it. With `expectedRevision` (and `expectedVersion`, the versionStamp of the record the editor opened
 * on), refused when someone changed the record meanwhile, or deleted it and recorded the case again.
 */
export async function updateCase(
  db: CreditDb,
  id: string,
  patch: RecordInput,
  opts: { now?: Date; expectedRevision?: number; expectedVersion?: string } = {},
): Promise<LedgerEntry> {
  const parsed = checkRecordInput(patch);
  requireAuthor(parsed);
  const at = (opts.now ?? new Date()).toISOString();
  return db.transaction('rw', ledgerTables(db), async () => {
    const existing = await readEntry(db, id);
    if (!existing) throw new LedgerError('not-found', userMessage('ledgerError_notFound'));
    if (isStale(existing, opts.expectedRevision, opts.expectedVersion))
      throw stale(existing, opts.expectedRevision ?? 0, opts.expectedVersion);
    const next = nextRecord(existing, applyParsed(existing, parsed), {
      unit: parsed.unit,
      recorder: parsed.recorder,
      kind: 'edit',
      at,
    });
    if (next === null) return existing;
    checkStorable(next.record, existing);
    if (next.record.id !== id) {
      if (await db.cases.get(next.record.id)) throw new LedgerError('duplicate', userMessage('ledgerError_duplicate', next.record.id));
      await removeCases(db, [id]);
    }
    await storeCases(db, [next.record]);
    return next.record;
  });
}

/** The `meta` key prefix of an undo entry: the deletion's time comes next, so the keys sort oldest first. */
export const UNDO_PREFIX = 'ledger-undo:';
/** Undo entries kept; older deletions become permanent. */
const UNDO_KEEP = 20;

/**
 * Deletes cases and keeps them under an undo token (in the `meta` table, so the undo survives a reload),
 * in one transaction. Only the latest UNDO_KEEP deletions can be undone. A deletion of cases already gone
 * (another tab deleted them) keeps no entry, so it pushes out no deletion that can still be undone; its token
 * then undoes nothing (无法撤销).
 */
export async function deleteCases(db: CreditDb, ids: readonly string[], opts: { now?: Date } = {}): Promise<string> {
  const now = opts.now ?? new Date();
  const token = `${UNDO_PREFIX}${now.toISOString()}:${crypto.randomUUID()}`;
  await db.transaction('rw', [...ledgerTables(db), db.meta], async () => {
    // kept with their histories: an undo puts back exactly what was deleted
    const rows = (await readEntries(db, ids)).filter((r): r is LedgerEntry => r !== undefined);
    if (rows.length === 0) return;
    await removeCases(
      db,
      rows.map((r) => r.id),
    );
    await db.meta.put({ key: token, value: { deletedAt: now.toISOString(), rows } });
    const tokens = await db.meta.where('key').startsWith(UNDO_PREFIX).primaryKeys();
    if (tokens.length > UNDO_KEEP) await db.meta.bulkDelete(tokens.slice(0, tokens.length - UNDO_KEEP));
  });
  return token;
}

/**
 * Puts deleted cases back exactly as they were. A case recorded again since the deletion — under the same
 * identity, or under its other number (see findRecordedCase) — is newer and keeps its answers; the deleted
 * record fills in what it leaves empty (but not what it emptied on purpose) and their histories join, so nothing
 * the deleted record held is lost and the case is never stored twice. Its id is reported in `skipped`.
 */
export async function undoDelete(db: CreditDb, token: string, opts: { now?: Date } = {}): Promise<{ restored: number; skipped: string[] }> {
  const at = (opts.now ?? new Date()).toISOString();
  return db.transaction('rw', [...ledgerTables(db), db.meta], async () => {
    const entry = token.startsWith(UNDO_PREFIX) ? await db.meta.get(token) : undefined;
    if (!entry) throw new LedgerError('undo-expired', userMessage('ledgerError_undoExpired'));
    // Kept rows may predate the current format or folding.
    const rows = (entry.value as { rows: LegacyCase[] }).rows.map(currentCase);
    const result = { restored: 0, skipped: [] as string[] };
    // one by one, so that a row sees the rows put back before it
    for (const row of rows) {
      const present = (await readEntry(db, row.id)) ?? (await findLinkedRecord(db, row));
      if (!present) {
        await storeCases(db, [row]);
        result.restored++;
        continue;
      }
      result.skipped.push(present.id);
      await putBackInto(db, present, row, at);
    }
    await db.meta.delete(token);
    return result;
  });
}

/** A deleted record joined to the record of its case made since (undoDelete); nothing written when it adds nothing. */
async function putBackInto(db: CreditDb, present: LedgerEntry, deleted: LedgerEntry, at: string): Promise<void> {
  const combined = combineOnto(present, [deleted], at, (f) => clearedOnPurpose(present, f));
  const known = new Set(present.history.map((r) => r.id));
  if (combined.history.at(-1)!.changes.length === 0 && deleted.history.every((r) => known.has(r.id))) return;
  // stored, a history beyond what a backup reads back would make every backup unrestorable; the deletion stays kept
  if (combined.history.length > MAX_HISTORY) throw new LedgerError('invalid', userMessage('ledgerError_historyFull', MAX_HISTORY));
  if (combined.id !== present.id) await removeCases(db, [present.id]);
  await storeCases(db, [combined]);
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
      if (!isIsoDate(d)) throw new LedgerError('invalid', userMessage('ledgerError_periodDate', d));
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
    period ? db.cases.where(field).between(period.from, period.to, true, true).reverse() : db.cases.orderBy('updatedAt').reverse();
  const total = await base().filter(match).count();
  const rows = await base()
    .filter(match)
    .offset(Math.max(0, q.offset ?? 0))
    .limit(Math.max(0, q.limit ?? 50))
    .toArray();
  return { rows, total };
}

export type { ContentField };

/** A case's revision history (修改记录), oldest first; none for a case no longer in the ledger. */
export async function caseHistory(db: CreditDb, id: string): Promise<LedgerRevision[]> {
  return (await db.transaction('r', db.cases, db.histories, () => readEntry(db, id)))?.history ?? [];
}

/** The units that recorded cases in the ledger (录入单位), sorted; for choosing a statistics scope. */
export async function recordedUnits(db: CreditDb): Promise<string[]> {
  return (await db.cases.orderBy('unit').uniqueKeys()).map(String).filter((u) => u !== '');
}

import { z } from 'zod';
import {
  COUNTED_DATE_FIELDS,
  authorOf,
  clearedOnPurpose,
  combineSameCase,
  contentOf,
  currentCase,
  currentCases,
  isEmptyValue,
  ledgerTables,
  removeCases,
  sameValue,
  storeCases,
  unionHistory,
  upgradeLegacyCase,
  versionStamp,
  withHistories,
  type CaseContent,
  type CountedDateField,
  type CreditDb,
  type FieldChange,
  type LedgerCase,
  type LedgerEntry,
  type LedgerRevision,
} from '../db';
import { newRevisionId, withRevision } from './changes';
import { sha256Hex } from './crypto';
import { userMessage, type MessageFamily, type UserMessage } from '../messages';
import { LedgerError, MAX_LENGTHS, authorTitles, fieldTitle } from './fields';
import { cleanText } from '../text/fold';
import { caseIdentity, foldCaseNo, refoldIdentity, sameCaseByCaseNo } from './identity';
import { CONTENT_FIELDS, LedgerEntrySchema, LegacyLedgerCaseSchema, TimestampSchema, issueMessage, type ContentField } from './schema';
import { findLinkedRecord } from './record';
import { latestPerCase } from './tally';

/* The ledger exchange file, by which units merge their ledgers. Documented in FORMAT.md. */

export const LEDGER_FILE_FORMAT = 'credit-case-assistant/ledger';
export const LEDGER_FILE_VERSION = 2;
/** Versions parseLedgerFile reads: 1 (cases without history, older folding of identities) and 2. */
export const LEDGER_FILE_VERSIONS_READ = [1, 2] as const;

export interface LedgerFile {
  format: typeof LEDGER_FILE_FORMAT;
  version: typeof LEDGER_FILE_VERSION;
  /** the exporting unit (填报单位) */
  unit: string;
  /** ISO timestamp */
  exportedAt: string;
  caseCount: number;
  /** lower-case hex SHA-256 of canonicalJson(cases) */
  sha256: string;
  cases: LedgerEntry[];
}

/** JSON with object keys sorted at every level: the same cases always give the same text and hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function casesDigest(cases: readonly unknown[]): Promise<string> {
  return sha256Hex(canonicalJson(cases));
}

/**
 * The exchange file of a ledger (all its cases, or those `onlyUnit` recorded or changed), as JSON text with one
 * case per line, each with its revision history. Cases merged from elsewhere keep their origin, so a city's file carries its counties' cases.
 */
export async function exportLedgerFile(
  source: CreditDb | Iterable<LedgerEntry>,
  unit: string,
  opts: { onlyUnit?: string; now?: Date } = {},
): Promise<string> {
  if (!unit.trim()) throw new LedgerError('invalid', userMessage('ledgerError_noUnit'));
  const all = isDb(source)
    ? await source.transaction('r', source.cases, source.histories, async () => withHistories(source, await source.cases.toArray()))
    : [...source];
  const cases = all
    .map((c) => upgradeLegacyCase(c))
    .filter((c) => !opts.onlyUnit || recordedBy(c, opts.onlyUnit))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const head = {
    format: LEDGER_FILE_FORMAT,
    version: LEDGER_FILE_VERSION,
    unit: unit.trim(),
    exportedAt: (opts.now ?? new Date()).toISOString(),
    caseCount: cases.length,
    sha256: await casesDigest(cases),
  };
  const lines = cases.map((c) => JSON.stringify(c));
  return `${JSON.stringify(head).slice(0, -1)},"cases":[${lines.length ? `\n${lines.join(',\n')}\n` : ''}]}\n`;
}

/** True when `unit` recorded the case or any of its answers (merging another unit's file is not recording). */
export function recordedBy(c: LedgerEntry, unit: string): boolean {
  return c.unit === unit || Object.values(c.dateUnits).includes(unit) || c.history.some((r) => r.unit === unit && r.kind !== 'merge');
}

function isDb(x: CreditDb | Iterable<LedgerEntry>): x is CreditDb {
  return typeof (x as CreditDb).transaction === 'function' && 'cases' in x;
}

const FileSchema = z.object({
  format: z.literal(LEDGER_FILE_FORMAT),
  version: z.union([z.literal(1), z.literal(2)]),
  unit: z.string().trim().min(1).max(MAX_LENGTHS.unit),
  // a version 1 file's cases that fold together are combined at this time: it must read back as one
  exportedAt: TimestampSchema,
  caseCount: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  cases: z.array(z.unknown()),
});

export type ParseResult = { ok: true; file: LedgerFile } | { ok: false; error: UserMessage };

/**
 * Reads and checks a ledger exchange file in full (format, version, every case, count, checksum, identities).
 * A file of version 1 (no histories, identities folded the older way) is brought to the current format: its
 * cases gain an `upgrade` revision, their identities are refolded, and cases that fold to one identity are
 * combined as the database's upgrade does.
 */
export async function parseLedgerFile(text: string): Promise<ParseResult> {
  const fail = (code: MessageFamily<'ledgerFile_'>, ...subs: (string | number | UserMessage)[]): ParseResult => ({
    ok: false,
    error: userMessage(`ledgerFile_${code}`, ...subs),
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return fail('notJson');
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== LEDGER_FILE_FORMAT) {
    return fail('foreign');
  }
  const version = (raw as { version?: unknown }).version;
  if (!(LEDGER_FILE_VERSIONS_READ as readonly unknown[]).includes(version)) {
    return fail('version', String(version).slice(0, 20));
  }
  const head = FileSchema.safeParse(raw);
  if (!head.success) return fail('header');
  const { cases: rawCases, ...meta } = head.data;
  if (rawCases.length !== meta.caseCount) return fail('count');
  if ((await casesDigest(rawCases)) !== meta.sha256) return fail('digest');
  const schema = meta.version === 1 ? LegacyLedgerCaseSchema : LedgerEntrySchema;
  const read: LedgerEntry[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < rawCases.length; i++) {
    const r = schema.safeParse(rawCases[i]);
    if (!r.success) {
      const issue = r.error.issues[0];
      return fail('caseInvalid', i + 1, issue?.path.join('.') ?? '', issue ? issueMessage(issue) : '');
    }
    // An id written with an older folding refolds to the one the current folding computes.
    const c = currentCase(r.data);
    if (caseIdentity(c) === null || refoldIdentity(r.data.id) !== c.id) {
      return fail('caseIdentity', i + 1);
    }
    if (meta.version !== 1 && seen.has(c.id)) return fail('caseTwice', c.id);
    seen.add(c.id);
    read.push(c);
  }
  const cases = combineLinked(meta.version === 1 ? currentCases(read, meta.exportedAt) : read, meta.exportedAt);
  return { ok: true, file: { ...meta, format: LEDGER_FILE_FORMAT, version: LEDGER_FILE_VERSION, cases } };
}

/**
 * A file's records of one case under its two numbers (sameCaseByCaseNo: recorded by case number before the
 * decision existed, and by decision number; a ledger of an older version, or one that merged such a file, holds
 * both) as one case, combined as the database's upgrade combines records of one identity (combineSameCase), at
 * the export time so that the same file always reads the same. Else merged, the case would be stored and counted
 * twice. A case-number record that matches several decision numbers joins the first.
 */
function combineLinked(cases: LedgerEntry[], at: string): LedgerEntry[] {
  const numbered = new Map<string, LedgerEntry[]>();
  for (const c of cases) {
    const k = foldCaseNo(c.caseNo);
    if (c.decisionNo && k) numbered.set(k, [...(numbered.get(k) ?? []), c]);
  }
  const joined = new Map<LedgerEntry, LedgerEntry[]>();
  const out: LedgerEntry[] = [];
  for (const c of cases) {
    const to = c.decisionNo ? undefined : numbered.get(foldCaseNo(c.caseNo))?.find((d) => sameCaseByCaseNo(c, d));
    if (to) joined.set(to, [...(joined.get(to) ?? []), c]);
    else out.push(c);
  }
  return out.map((c) => (joined.has(c) ? combineSameCase([c, ...joined.get(c)!], at) : c));
}

// ------------------------------------------------------------------------------------------------ merge

/** Who recorded a value: a unit, a person, a time. */
export type Author = { unit: string; recorder: string; at: string };

/** A field both ledgers recorded differently: the user keeps mine or takes theirs. */
export interface FieldConflict {
  field: ContentField;
  mine: unknown;
  theirs: unknown;
  mineBy: Author;
  theirsBy: Author;
}

/** One of my cases met again in an incoming file. */
export interface CaseMerge {
  /** id of my record (theirs may differ when linked by case number) */
  id: string;
  mine: LedgerEntry;
  theirs: LedgerEntry;
  /** fields I have empty and theirs recorded: taken without a question */
  fills: ContentField[];
  /** fields recorded differently on both sides, one by one */
  fields: FieldConflict[];
  /** the conflicting fields (the view names them by `recordfield_<field>`) */
  differences: ContentField[];
  /** revisions of theirs my history does not hold yet */
  newRevisions: number;
}

export interface MergePlan {
  /** unit of the incoming file, when planned from a file */
  source: string | null;
  /** cases not in my ledger */
  add: LedgerEntry[];
  /** cases I have with the same answers (only who recorded them may differ): their recordings join the history */
  same: CaseMerge[];
  /** cases whose empty fields theirs fills, with no conflict */
  updates: CaseMerge[];
  /** cases with at least one field recorded differently: the user chooses, field by field */
  conflicts: CaseMerge[];
  /** incoming cases that are the same case as another incoming one already planned: left out */
  skipped: LedgerEntry[];
}

export type MergeChoice = 'mine' | 'theirs';
/** Per case id: one choice for every conflicting field, or a choice per field. */
export type MergeChoices = Record<string, MergeChoice | Partial<Record<ContentField, MergeChoice>>>;

/** Incoming cases as they would be stored: origin names the unit they came from. */
function relabel(incoming: LedgerFile | readonly LedgerEntry[]): { source: string | null; cases: LedgerEntry[] } {
  if (!('cases' in incoming)) return { source: null, cases: incoming.map((c) => upgradeLegacyCase(c)) };
  return {
    source: incoming.unit,
    cases: incoming.cases.map((c) => upgradeLegacyCase(c.origin === 'local' ? { ...c, origin: incoming.unit } : c)),
  };
}

/** Index in `c`'s history of the last revision that changed `field`, or -1. */
function lastChangeOf(c: LedgerEntry, field: ContentField): number {
  for (let i = c.history.length - 1; i >= 0; i--) if (c.history[i]!.changes.some((x) => x.field === field)) return i;
  return -1;
}

/**
 * True when my value of a field supersedes theirs: the revision theirs holds the value from is in my history,
 * and a later revision of mine changed the field again (their file is older news, e.g. my own ledger merged
 * back after I took another unit's value).
 */
function mineSupersedes(mine: LedgerEntry, theirs: LedgerEntry, field: ContentField): boolean {
  const t = lastChangeOf(theirs, field);
  if (t < 0) return false;
  const id = theirs.history[t]!.id;
  const at = mine.history.findIndex((r) => r.id === id);
  return at >= 0 && lastChangeOf(mine, field) > at;
}

/**
 * Compares two records of one case field by field. Equal fields are left alone, and so are fields where my
 * value is newer than theirs by my own history; a field only one side recorded is taken from it (a fill),
 * unless the other side emptied it on purpose; fields recorded differently on both sides are conflicts.
 * `domainSource` goes with `domain` (it says where that domain came from).
 */
export function compareCase(mine: LedgerEntry, theirs: LedgerEntry, id: string = mine.id): CaseMerge {
  const fills: ContentField[] = [];
  const fields: FieldConflict[] = [];
  for (const f of CONTENT_FIELDS) {
    if (f === 'domainSource' || sameValue(mine[f], theirs[f])) continue;
    // numbers written two ways (width, brackets) are one number
    if ((f === 'decisionNo' || f === 'caseNo') && foldCaseNo(mine[f]) === foldCaseNo(theirs[f])) continue;
    if (mineSupersedes(mine, theirs, f)) continue;
    const mineEmpty = isEmptyValue(mine[f]);
    const theirsEmpty = isEmptyValue(theirs[f]);
    if (mineEmpty && !clearedOnPurpose(mine, f)) fills.push(f);
    else if (theirsEmpty && !clearedOnPurpose(theirs, f)) continue;
    else fields.push({ field: f, mine: mine[f], theirs: theirs[f], mineBy: authorOf(mine, f), theirsBy: authorOf(theirs, f) });
  }
  const known = new Set(mine.history.map((r) => r.id));
  return {
    id,
    mine,
    theirs,
    fills,
    fields,
    differences: fields.map((x) => x.field),
    newRevisions: theirs.history.filter((r) => !known.has(r.id)).length,
  };
}

/**
 * Compares incoming cases with mine by case identity (and by case number for a case recorded before its
 * decision number, see sameCaseByCaseNo): new ones are added; for a case I have, each field is compared on
 * its own (compareCase). Records that differ only in who recorded them are the same case. Pure.
 */
export function planMerge(existing: Iterable<LedgerEntry>, incoming: LedgerFile | readonly LedgerEntry[]): MergePlan {
  const { source, cases } = relabel(incoming);
  const mine = latestPerCase([...existing].map((c) => upgradeLegacyCase(c)));
  const byCaseNo = new Map<string, LedgerEntry[]>();
  for (const c of mine.values()) {
    const k = foldCaseNo(c.caseNo);
    if (k) byCaseNo.set(k, [...(byCaseNo.get(k) ?? []), c]);
  }
  const plan: MergePlan = { source, add: [], same: [], updates: [], conflicts: [], skipped: [] };
  const claimed = new Set<string>();
  for (const theirs of latestPerCase(cases).values()) {
    const match = mine.get(theirs.id) ?? byCaseNo.get(foldCaseNo(theirs.caseNo))?.find((c) => sameCaseByCaseNo(c, theirs));
    if (match && claimed.has(match.id)) {
      plan.skipped.push(theirs);
      continue;
    }
    if (!match) {
      if (claimed.has(theirs.id)) plan.skipped.push(theirs);
      else plan.add.push(theirs);
      claimed.add(theirs.id);
      continue;
    }
    claimed.add(match.id);
    const m = compareCase(match, theirs);
    if (m.fields.length) plan.conflicts.push(m);
    else if (m.fills.length) plan.updates.push(m);
    else plan.same.push(m);
  }
  return plan;
}

/** planMerge against the database, reading only the records the incoming cases could match. */
export async function planMergeFromDb(db: CreditDb, incoming: LedgerFile | readonly LedgerEntry[]): Promise<MergePlan> {
  const { cases } = relabel(incoming);
  const ids = new Set<string>();
  for (const c of cases) {
    ids.add(c.id);
    const caseNo = foldCaseNo(c.caseNo);
    if (caseNo) ids.add(`case:${caseNo}`);
  }
  const existing = await db.transaction('r', db.cases, db.histories, async () => {
    const found = (await db.cases.bulkGet([...ids])).filter((c): c is LedgerCase => c !== undefined);
    // A case-number-only incoming case may be a record of mine that has its decision number by now.
    const unnumbered = cases.filter((c) => !c.decisionNo && c.caseNo);
    const codes = [...new Set(unnumbered.map((c) => c.uscc).filter((u): u is string => !!u))];
    const names = [
      ...new Set(
        unnumbered
          .filter((c) => !c.uscc)
          .map((c) => c.partyNameNorm)
          .filter(Boolean),
      ),
    ];
    if (codes.length) found.push(...(await db.cases.where('uscc').anyOf(codes).toArray()));
    if (names.length) found.push(...(await db.cases.where('partyNameNorm').anyOf(names).toArray()));
    return withHistories(db, found);
  });
  return planMerge(existing, incoming);
}

/** The choice made for one field of one case, or undefined while open. */
export function choiceFor(choices: MergeChoices, id: string, field: ContentField): MergeChoice | undefined {
  const c = choices[id];
  return typeof c === 'string' ? c : c?.[field];
}

/** Conflicting fields still without a choice, over the whole plan. */
export function openConflicts(plan: MergePlan, choices: MergeChoices): number {
  return plan.conflicts.reduce((n, c) => n + c.fields.filter((f) => choiceFor(choices, c.id, f.field) === undefined).length, 0);
}

/**
 * My record after a merge: the fills and the fields chosen `theirs` take their value (and their credit in
 * the table: the unit that recorded it), every other field stays mine; theirs' revisions join my history, and
 * one `merge` revision by whoever merges says what was taken and from whom. Null when nothing changes.
 */
export function mergedRecord(
  m: CaseMerge,
  choices: MergeChoices,
  who: { unit: string; recorder: string; at: string; source: string },
): LedgerEntry | null {
  const { mine, theirs } = m;
  const taken = [...m.fills, ...m.fields.filter((f) => choiceFor(choices, m.id, f.field) === 'theirs').map((f) => f.field)];
  const content = contentOf(mine) as Record<ContentField, unknown>;
  const dateUnits = { ...mine.dateUnits };
  const changes: FieldChange[] = [];
  const take = (f: ContentField) => {
    changes.push({ field: f, from: mine[f], to: theirs[f], by: authorOf(theirs, f) });
    content[f] = theirs[f];
    if ((COUNTED_DATE_FIELDS as readonly string[]).includes(f)) {
      dateUnits[f as CountedDateField] = isEmptyValue(theirs[f]) ? '' : theirs.dateUnits[f as CountedDateField];
    }
  };
  for (const f of taken) {
    take(f);
    if (f === 'domain' && mine.domainSource !== theirs.domainSource) take('domainSource');
  }
  if (changes.length === 0 && m.newRevisions === 0) return null;
  const revision = Math.max(mine.revision, theirs.revision) + 1;
  const rev: LedgerRevision = {
    id: newRevisionId(),
    revision,
    at: who.at,
    unit: who.unit,
    recorder: who.recorder,
    kind: 'merge',
    changes,
    source: who.source,
  };
  const next = content as CaseContent;
  return {
    ...mine,
    ...next,
    id: caseIdentity(next) ?? mine.id,
    updatedAt: who.at,
    revision,
    dateUnits,
    history: withRevision(unionHistory([mine.history, theirs.history]), rev),
  };
}

export interface MergeResult {
  /** cases new to my ledger */
  added: number;
  /** my cases whose answers changed (fills, or fields chosen theirs) */
  updated: number;
  /** my cases that only gained the other unit's recordings in their history */
  joined: number;
  /** conflicting fields settled with theirs */
  taken: number;
  /** conflicting fields settled with mine */
  kept: number;
}

/**
 * Carries out a plan in one transaction (cases and their tally facts together): adds the new cases and
 * updates mine field by field as `choices` say (mergedRecord). `unit` and `recorder` (who merges, from
 * settings) are required. Refused (nothing written) while a conflicting field has no choice, or when the
 * ledger changed since the plan was made.
 */
export async function applyMerge(
  db: CreditDb,
  plan: MergePlan,
  choices: MergeChoices = {},
  who: { unit?: string; recorder?: string; now?: Date } = {},
): Promise<MergeResult> {
  const open = openConflicts(plan, choices);
  if (open) throw new LedgerError('unresolved', userMessage('ledgerError_unresolved', open));
  // as recording keeps them (lib/ledger/input.ts): a name with a control character would make the ledger unreadable back
  const unit = cleanText(who.unit ?? '');
  const recorder = cleanText(who.recorder ?? '');
  for (const [field, text] of [
    ['unit', unit],
    ['recorder', recorder],
  ] as const) {
    if (text.length > MAX_LENGTHS[field])
      throw new LedgerError('invalid', userMessage('recordInput_tooLong', fieldTitle(field), MAX_LENGTHS[field]));
  }
  if (!unit || !recorder) {
    const missing = [...(unit ? [] : (['unit'] as const)), ...(recorder ? [] : (['recorder'] as const))];
    throw new LedgerError('unit-missing', userMessage('ledgerError_unitMissing', authorTitles(missing)), missing);
  }
  const at = (who.now ?? new Date()).toISOString();
  const source = plan.source ?? '';
  const stale = () => new LedgerError('stale', userMessage('ledgerError_mergeStale'));
  const matched = [...plan.same, ...plan.updates, ...plan.conflicts];
  return db.transaction('rw', ledgerTables(db), async () => {
    const addNow = await db.cases.bulkGet(plan.add.map((c) => c.id));
    if (addNow.some((c) => c !== undefined)) throw stale();
    // recorded meanwhile under its other number (case number ↔ decision number): adding it would store the case twice
    for (const c of plan.add) if (await findLinkedRecord(db, c)) throw stale();
    const mineNow = await db.cases.bulkGet(matched.map((c) => c.id));
    matched.forEach((c, i) => {
      // a case deleted and recorded again since may be back at the same revision: the stamp tells
      const now = mineNow[i];
      if (!now || now.revision !== c.mine.revision || versionStamp(now) !== versionStamp(c.mine)) throw stale();
    });
    const added = plan.add.map((c) => {
      const revision = c.revision + 1;
      const rev: LedgerRevision = {
        id: newRevisionId(),
        revision,
        at,
        unit,
        recorder,
        kind: 'merge',
        changes: [],
        source: source || c.origin,
      };
      // changed here and now, as a merged case of mine is (mergedRecord): the 台账 lists it among the latest
      return { ...c, revision, updatedAt: at, history: withRevision(c.history, rev) };
    });
    const result: MergeResult = { added: added.length, updated: 0, joined: 0, taken: 0, kept: 0 };
    const writes: LedgerEntry[] = [...added];
    const moved: string[] = [];
    for (const m of matched) {
      for (const f of m.fields) {
        if (choiceFor(choices, m.id, f.field) === 'theirs') result.taken++;
        else result.kept++;
      }
      const next = mergedRecord(m, choices, { unit, recorder, at, source: source || m.theirs.origin });
      if (!next) continue;
      if (next.id !== m.mine.id) {
        if (await db.cases.get(next.id)) throw stale();
        moved.push(m.mine.id);
      }
      if (next.history.at(-1)!.changes.length) result.updated++;
      else result.joined++;
      writes.push(next);
    }
    await removeCases(db, moved);
    await storeCases(db, writes);
    return result;
  });
}

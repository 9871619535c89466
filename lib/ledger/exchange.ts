import { z } from 'zod';
import type { CreditDb, LedgerCase } from '../db';
import { sha256Hex } from './crypto';
import { upgradeLegacyCase } from '../db/case';
import { normalizePartyName } from '../party';
import { foldDecisionNo } from '../text';
import { caseIdentity, foldCaseNo, refoldIdentity, sameCaseByCaseNo } from './identity';
import { LedgerError } from './record';
import { CONTENT_FIELDS, LedgerCaseSchema, LegacyLedgerCaseSchema, type ContentField } from './schema';
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
  cases: LedgerCase[];
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
 * The exchange file of a ledger (all its cases, or those recorded by `onlyUnit`), as JSON text with one
 * case per line. Cases merged from elsewhere keep their origin, so a city's file carries its counties' cases.
 */
export async function exportLedgerFile(
  source: CreditDb | Iterable<LedgerCase>,
  unit: string,
  opts: { onlyUnit?: string; now?: Date } = {},
): Promise<string> {
  if (!unit.trim()) throw new LedgerError('invalid', '请先在设置中填写填报单位');
  const all = isDb(source) ? await source.cases.toArray() : [...source];
  const cases = all
    .filter((c) => !opts.onlyUnit || c.unit === opts.onlyUnit)
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

function isDb(x: CreditDb | Iterable<LedgerCase>): x is CreditDb {
  return typeof (x as CreditDb).transaction === 'function' && 'cases' in x;
}

const FileSchema = z.object({
  format: z.literal(LEDGER_FILE_FORMAT),
  version: z.union([z.literal(1), z.literal(2)]),
  unit: z.string().trim().min(1),
  exportedAt: z.string(),
  caseCount: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  cases: z.array(z.unknown()),
});

export type ParseResult = { ok: true; file: LedgerFile } | { ok: false; error: string };

/** Reads and checks a ledger exchange file in full (format, version, every case, count, checksum, identities). */
export async function parseLedgerFile(text: string): Promise<ParseResult> {
  const fail = (error: string): ParseResult => ({ ok: false, error });
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return fail('不是有效的台账文件：文件内容不是 JSON（可能不完整或已损坏）');
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== LEDGER_FILE_FORMAT) {
    return fail('这不是信用办案助手导出的台账文件');
  }
  const version = (raw as { version?: unknown }).version;
  if (!(LEDGER_FILE_VERSIONS_READ as readonly unknown[]).includes(version)) return fail(`台账文件版本 ${String(version)} 不受支持，请升级信用办案助手`);
  const head = FileSchema.safeParse(raw);
  if (!head.success) return fail('台账文件的文件头不完整或有误');
  const { cases: rawCases, ...meta } = head.data;
  if (rawCases.length !== meta.caseCount) return fail('案件数量与文件头不符，文件可能不完整');
  if ((await casesDigest(rawCases)) !== meta.sha256) return fail('校验和不符：台账文件已损坏或被修改');
  const cases: LedgerCase[] = [];
  const seen = new Set<string>();
  const schema = meta.version === 1 ? LegacyLedgerCaseSchema : LedgerCaseSchema;
  for (let i = 0; i < rawCases.length; i++) {
    const r = schema.safeParse(rawCases[i]);
    if (!r.success) {
      const issue = r.error.issues[0];
      return fail(`第 ${i + 1} 条案件记录无效（字段 ${issue?.path.join('.') ?? ''}：${issue?.message ?? ''}）`);
    }
    // An id written with an older folding refolds to the one the current folding computes.
    const id = caseIdentity(r.data);
    if (id === null || refoldIdentity(r.data.id) !== id) return fail(`第 ${i + 1} 条案件记录的标识与其文号或案件编号不符`);
    const c = upgradeLegacyCase({
      ...r.data,
      id,
      decisionNo: r.data.decisionNo === null ? null : foldDecisionNo(r.data.decisionNo) || null,
      partyNameNorm: normalizePartyName(r.data.partyName),
    });
    if (seen.has(c.id)) return fail(`案件“${c.id}”在文件中出现了多次`);
    seen.add(c.id);
    cases.push(c);
  }
  return { ok: true, file: { ...meta, format: LEDGER_FILE_FORMAT, version: LEDGER_FILE_VERSION, cases } };
}

export interface MergeConflict {
  /** id of my record (theirs may differ when linked by case number) */
  id: string;
  mine: LedgerCase;
  theirs: LedgerCase;
  /** content fields that differ (FIELD_TITLES has their Chinese names) */
  differences: ContentField[];
}

export interface MergePlan {
  /** unit of the incoming file, when planned from a file */
  source: string | null;
  /** cases not in my ledger */
  add: LedgerCase[];
  /** cases I have with identical content */
  same: LedgerCase[];
  /** the same case with different content: the user chooses */
  conflicts: MergeConflict[];
  /** incoming cases that are the same case as another incoming one already planned: left out */
  skipped: LedgerCase[];
}

const sameValue = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;

/** Content fields in which two records of a case differ (bookkeeping fields are not compared). */
export function caseDifferences(a: LedgerCase, b: LedgerCase): ContentField[] {
  return CONTENT_FIELDS.filter((f) => !sameValue(a[f], b[f]));
}

/** Incoming cases as they would be stored: origin names the unit they came from. */
function relabel(incoming: LedgerFile | readonly LedgerCase[]): { source: string | null; cases: LedgerCase[] } {
  if (!('cases' in incoming)) return { source: null, cases: [...incoming] };
  return {
    source: incoming.unit,
    cases: incoming.cases.map((c) => (c.origin === 'local' ? { ...c, origin: incoming.unit } : c)),
  };
}

/**
 * Compares incoming cases with mine by case identity (and by case number for a case recorded before its
 * decision number, see sameCaseByCaseNo): new ones are added, identical ones skipped, different ones
 * listed for the user. Pure.
 */
export function planMerge(existing: Iterable<LedgerCase>, incoming: LedgerFile | readonly LedgerCase[]): MergePlan {
  const { source, cases } = relabel(incoming);
  const mine = latestPerCase(existing);
  const byCaseNo = new Map<string, LedgerCase[]>();
  for (const c of mine.values()) {
    const k = foldCaseNo(c.caseNo);
    if (k) byCaseNo.set(k, [...(byCaseNo.get(k) ?? []), c]);
  }
  const plan: MergePlan = { source, add: [], same: [], conflicts: [], skipped: [] };
  const claimed = new Set<string>();
  for (const theirs of latestPerCase(cases).values()) {
    const match =
      mine.get(theirs.id) ?? byCaseNo.get(foldCaseNo(theirs.caseNo))?.find((c) => sameCaseByCaseNo(c, theirs));
    if (match && claimed.has(match.id)) {
      plan.skipped.push(theirs);
      continue;
    }
    if (!match) {
      plan.add.push(theirs);
      continue;
    }
    claimed.add(match.id);
    const differences = caseDifferences(match, theirs);
    if (differences.length === 0) plan.same.push(theirs);
    else plan.conflicts.push({ id: match.id, mine: match, theirs, differences });
  }
  return plan;
}

/** planMerge against the database, reading only the records the incoming cases could match. */
export async function planMergeFromDb(db: CreditDb, incoming: LedgerFile | readonly LedgerCase[]): Promise<MergePlan> {
  const { cases } = relabel(incoming);
  const ids = new Set<string>();
  for (const c of cases) {
    ids.add(c.id);
    const caseNo = foldCaseNo(c.caseNo);
    if (caseNo) ids.add(`case:${caseNo}`);
  }
  const existing = await db.transaction('r', db.cases, async () => {
    const found = (await db.cases.bulkGet([...ids])).filter((c): c is LedgerCase => c !== undefined);
    // A case-number-only incoming case may be a record of mine that has its decision number by now.
    const unnumbered = cases.filter((c) => !c.decisionNo && c.caseNo);
    const codes = [...new Set(unnumbered.map((c) => c.uscc).filter((u): u is string => !!u))];
    const names = [...new Set(unnumbered.filter((c) => !c.uscc).map((c) => c.partyNameNorm).filter(Boolean))];
    if (codes.length) found.push(...(await db.cases.where('uscc').anyOf(codes).toArray()));
    if (names.length) found.push(...(await db.cases.where('partyNameNorm').anyOf(names).toArray()));
    return found;
  });
  return planMerge(existing, incoming);
}

/**
 * Carries out a plan in one transaction: adds the new cases, and for each conflict keeps mine or stores
 * theirs as `choices` say. Refused (nothing written) while a conflict has no choice, or when the ledger
 * changed since the plan was made.
 */
export async function applyMerge(
  db: CreditDb,
  plan: MergePlan,
  choices: Record<string, 'mine' | 'theirs'> = {},
): Promise<{ added: number; replaced: number; kept: number }> {
  const open = plan.conflicts.filter((c) => choices[c.id] !== 'mine' && choices[c.id] !== 'theirs');
  if (open.length) throw new LedgerError('unresolved', `还有 ${open.length} 处冲突未选择保留哪一份`);
  const stale = () => new LedgerError('stale', '台账在比对之后有了变化，请重新比对后再合并');
  return db.transaction('rw', db.cases, async () => {
    const addNow = await db.cases.bulkGet(plan.add.map((c) => c.id));
    if (addNow.some((c) => c !== undefined)) throw stale();
    const mineNow = await db.cases.bulkGet(plan.conflicts.map((c) => c.id));
    plan.conflicts.forEach((c, i) => {
      if (mineNow[i]?.revision !== c.mine.revision) throw stale();
    });
    await db.cases.bulkAdd(plan.add);
    let replaced = 0;
    for (const c of plan.conflicts) {
      if (choices[c.id] !== 'theirs') continue;
      if (c.theirs.id !== c.mine.id) {
        if (await db.cases.get(c.theirs.id)) throw stale();
        await db.cases.delete(c.mine.id);
      }
      // Revision above both, so "latest record of a case" stays meaningful after the merge.
      await db.cases.put({ ...c.theirs, revision: Math.max(c.mine.revision, c.theirs.revision) + 1 });
      replaced++;
    }
    return { added: plan.add.length, replaced, kept: plan.conflicts.length - replaced };
  });
}

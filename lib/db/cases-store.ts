import { rowOf, upgradeLegacyCase, type LedgerCase, type LedgerEntry } from './case';
import { factKeysOf, factsOf, type TallyFact } from './cases';
import type { CreditDb } from './schema';
import { tallyMonthsOf, updateTallyMonths } from './tally-months';

/*
 * Every write of ledger cases goes through these, inside a read-write transaction over ledgerTables: a case, its
 * history, its tally facts and the running tallies change together or not at all.
 */

/** The tables a write of cases changes: open a read-write transaction over these around storeCases/removeCases. */
export const ledgerTables = (db: CreditDb) => [db.cases, db.histories, db.tallyFacts, db.tallyMonths];

/** The tally facts the cases with these ids contribute now. */
async function currentFacts(db: CreditDb, ids: readonly string[]): Promise<TallyFact[]> {
  return (await db.tallyFacts.bulkGet(factKeysOf(ids))).filter((f): f is TallyFact => f !== undefined);
}

/** Cases with their histories, by id (undefined where there is no such case). */
export async function readEntries(db: CreditDb, ids: readonly string[]): Promise<(LedgerEntry | undefined)[]> {
  const [rows, histories] = await Promise.all([db.cases.bulkGet([...ids]), db.histories.bulkGet([...ids])]);
  return rows.map((r, i) => (r ? upgradeLegacyCase(r, histories[i]?.revisions) : undefined));
}

/** One case with its history, or undefined. */
export async function readEntry(db: CreditDb, id: string): Promise<LedgerEntry | undefined> {
  return (await readEntries(db, [id]))[0];
}

/** Rows already read, with their histories. */
export async function withHistories(db: CreditDb, rows: readonly LedgerCase[]): Promise<LedgerEntry[]> {
  const histories = await db.histories.bulkGet(rows.map((r) => r.id));
  return rows.map((r, i) => upgradeLegacyCase(r, histories[i]?.revisions));
}

/** Stores cases (new or replacing the rows with their ids; of one id given twice, the last), their histories, facts and tallies. */
export async function storeCases(db: CreditDb, entries: readonly LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const latest = [...new Map(entries.map((e) => [e.id, e])).values()];
  const ids = latest.map((r) => r.id);
  const before = await currentFacts(db, ids);
  const after = latest.flatMap(factsOf);
  await db.cases.bulkPut(latest.map(rowOf));
  await db.histories.bulkPut(latest.map((e) => ({ caseId: e.id, revisions: e.history })));
  await db.tallyFacts.bulkDelete(factKeysOf(ids));
  await db.tallyFacts.bulkPut(after);
  await updateTallyMonths(db.tallyMonths, before, after);
}

/** Deletes cases, their histories, their facts, and takes them out of the tallies. */
export async function removeCases(db: CreditDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const before = await currentFacts(db, unique);
  await db.cases.bulkDelete(unique);
  await db.histories.bulkDelete(unique);
  await db.tallyFacts.bulkDelete(factKeysOf(unique));
  await updateTallyMonths(db.tallyMonths, before, []);
}

/** Rebuilds every tally fact and the tallies from the cases (after a restore): the cases are read once, page by page. */
export async function rebuildTallyFacts(db: CreditDb): Promise<void> {
  await db.tallyFacts.clear();
  await db.tallyMonths.clear();
  const facts: TallyFact[] = [];
  let last: string | undefined;
  for (;;) {
    const page = await (last === undefined ? db.cases.orderBy(':id') : db.cases.where(':id').above(last)).limit(5_000).toArray();
    if (page.length === 0) break;
    const pageFacts = page.flatMap(factsOf);
    await db.tallyFacts.bulkAdd(pageFacts);
    facts.push(...pageFacts);
    last = page[page.length - 1]!.id;
  }
  await db.tallyMonths.bulkAdd(tallyMonthsOf(facts));
}

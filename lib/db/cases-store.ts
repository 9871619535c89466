import { rowOf, upgradeLegacyCase, type LedgerCase, type LedgerEntry } from './case';
import { factKeysOf, factsOf } from './cases';
import type { CreditDb } from './schema';

/*
 * Every write of ledger cases goes through these, inside a read-write transaction over `cases`, `histories`
 * and `tallyFacts`: a case, its history and its tally facts change together or not at all.
 */

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

/** Stores cases (new or replacing the rows with their ids), their histories and their facts. */
export async function storeCases(db: CreditDb, entries: readonly LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const ids = entries.map((r) => r.id);
  await db.cases.bulkPut(entries.map(rowOf));
  await db.histories.bulkPut(entries.map((e) => ({ caseId: e.id, revisions: e.history })));
  await db.tallyFacts.bulkDelete(factKeysOf(ids));
  await db.tallyFacts.bulkPut(entries.flatMap(factsOf));
}

/** Deletes cases, their histories and their facts. */
export async function removeCases(db: CreditDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.cases.bulkDelete([...ids]);
  await db.histories.bulkDelete([...ids]);
  await db.tallyFacts.bulkDelete(factKeysOf(ids));
}

/** Rebuilds every tally fact from the cases (after a restore): the cases are read once, page by page. */
export async function rebuildTallyFacts(db: CreditDb): Promise<void> {
  await db.tallyFacts.clear();
  let last: string | undefined;
  for (;;) {
    const page = await (last === undefined ? db.cases.orderBy(':id') : db.cases.where(':id').above(last)).limit(5_000).toArray();
    if (page.length === 0) return;
    await db.tallyFacts.bulkAdd(page.flatMap(factsOf));
    last = page[page.length - 1]!.id;
  }
}

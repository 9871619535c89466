import type { LedgerCase } from './case';
import { factKeysOf, factsOf } from './cases';
import type { CreditDb } from './schema';

/*
 * Every write of ledger cases goes through these, inside a read-write transaction over `cases` and
 * `tallyFacts`: a case and its tally facts change together or not at all.
 */

/** Stores cases (new or replacing the rows with their ids) and their facts. */
export async function storeCases(db: CreditDb, rows: readonly LedgerCase[]): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);
  await db.cases.bulkPut([...rows]);
  await db.tallyFacts.bulkDelete(factKeysOf(ids));
  await db.tallyFacts.bulkPut(rows.flatMap(factsOf));
}

/** Deletes cases and their facts. */
export async function removeCases(db: CreditDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.cases.bulkDelete([...ids]);
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

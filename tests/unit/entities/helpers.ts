import { type CreditDb, openDb } from '../../../lib/db';
import type { CsvRecord } from '../../../lib/io/csv';
import { checkCreditCode, makeValidUscc, orgCodeCheckChar } from '../../../lib/party';

let dbCounter = 0;
/** A fresh database per test (fake-indexeddb keeps them all in memory). */
export function freshDb(): CreditDb {
  return openDb(`test-${process.pid}-${++dbCounter}-${Math.random().toString(36).slice(2)}`);
}

/** A valid unified social credit code (GB 32100 and its GB 11714 inner check) numbered `i`. */
export function code(i: number, head = '91430100'): string {
  const org8 = String(i).padStart(8, '0');
  const c = makeValidUscc(head + org8 + orgCodeCheckChar(org8));
  if (!checkCreditCode(c).ok) throw new Error(`fixture code ${c} invalid`);
  return c;
}

/** Records numbered from line 2 (line 1 is the header). */
export function records(rows: readonly (readonly string[])[], firstLine = 2): CsvRecord[] {
  return rows.map((cells, i) => ({ line: firstLine + i, cells: [...cells] }));
}

export async function* stream(recs: readonly CsvRecord[]): AsyncGenerator<CsvRecord> {
  for (const r of recs) yield r;
}

/** Everything stored about lists, to compare before and after a failed import. */
export async function snapshot(db: CreditDb) {
  return {
    lists: await db.lists.orderBy('id').toArray(),
    chunks: await db.entityChunks.toArray(),
    indexes: await db.listIndexes.toArray(),
  };
}

export const SERIOUS_HEADERS = ['企业名称', '统一社会信用代码', '列入日期', '列入原因', '作出决定机关', '移出日期'];
export const PENALTY_HEADERS = ['当事人名称', '统一社会信用代码', '行政处罚决定书文号', '作出决定的日期', '是否信用修复'];

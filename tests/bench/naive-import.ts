import Dexie, { type Table } from 'dexie';
import type { ListKind } from '../../lib/db';
import { ROW_SCHEMAS, detectMapping, kindFields } from '../../lib/entities';
import type { CsvRecord } from '../../lib/io/csv';
import { checkCreditCode, normalizePartyName } from '../../lib/party';

/**
 * The naive baseline the import benchmark compares against, measured in the same run: the same rows stored
 * the obvious way — one record per row, `bulkPut` in batches, with the indexes a lookup by code or name
 * needs. By default each row gets the same validation as importList (a like-for-like import); with
 * `validate: false` only the storage is measured (raw cells, trimmed code, normalised name).
 */

export interface NaiveRow {
  id?: number;
  listId: string;
  code: string;
  nameNorm: string;
  line: number;
  row: Record<string, unknown>;
}

export class NaiveDb extends Dexie {
  rows!: Table<NaiveRow, number>;
  constructor(name = 'naive-import-baseline') {
    super(name);
    this.version(1).stores({ rows: '++id, listId, code, nameNorm' });
  }
}

export interface NaiveResult {
  rows: number;
  imported: number;
  seconds: number;
  rowsPerSecond: number;
}

export async function naiveImportBaseline(
  db: NaiveDb,
  rows: AsyncIterable<CsvRecord | readonly CsvRecord[]>,
  opts: { kind: ListKind; headers: readonly string[]; batchSize?: number; validate?: boolean },
): Promise<NaiveResult> {
  const { kind } = opts;
  const mapping = detectMapping(kind, opts.headers).mapping;
  const fields = kindFields(kind);
  const schema = ROW_SCHEMAS[kind];
  const batchSize = opts.batchSize ?? 1000;
  const listId = `naive-${Date.now()}`;
  const started = performance.now();
  let batch: NaiveRow[] = [];
  let count = 0;
  let imported = 0;
  for await (const item of rows) {
    for (const rec of (Array.isArray(item) ? item : [item]) as readonly CsvRecord[]) {
      count++;
      const raw: Record<string, string> = {};
      for (const f of fields) {
        const col = mapping[f];
        raw[f] = col === undefined ? '' : (rec.cells[col] ?? '').trim();
      }
      let record: NaiveRow;
      if (opts.validate === false) {
        const code = (raw.code ?? '').toUpperCase();
        record = { listId, code, nameNorm: normalizePartyName(raw.name ?? ''), line: rec.line, row: { cells: rec.cells } };
      } else {
        const parsed = schema.safeParse(raw);
        if (!parsed.success) continue;
        const data = parsed.data as unknown as Record<string, unknown> & { name: string; code: string };
        const code = data.code === '' ? '' : checkCreditCode(data.code).normalized;
        record = { listId, code, nameNorm: normalizePartyName(data.name), line: rec.line, row: data };
      }
      batch.push(record);
      imported++;
      if (batch.length >= batchSize) {
        await db.rows.bulkPut(batch);
        batch = [];
      }
    }
  }
  if (batch.length) await db.rows.bulkPut(batch);
  const seconds = (performance.now() - started) / 1000;
  return { rows: count, imported, seconds, rowsPerSecond: Math.round(count / seconds) };
}

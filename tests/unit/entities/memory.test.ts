import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { messageCode } from '../../../lib/messages';
import { type CreditDb, openDb } from '../../../lib/db';
import { type LookupQuery, importList, lookupParty, removeList, warmLookups } from '../../../lib/entities';
import {
  applyMerge,
  createBackup,
  deleteCases,
  exportLedgerFile,
  parseLedgerFile,
  planMergeFromDb,
  recordCase,
  restoreBackup,
} from '../../../lib/ledger';
import { FakeStorage } from '../ledger/backup-fakes';
import { makeCase } from '../ledger/helpers';
import { PENALTY_HEADERS, SERIOUS_HEADERS, code, freshDb, records, stream } from './helpers';

const AT = '2023-06-01';
const tuning = { chunkChars: 2000, largeBuckets: 16 };
const partyName = (i: number) => `第${i}号食品有限公司`;
const WHO = { unit: '某县市场监督管理局', recorder: '张三' };

async function importSerious(db: CreditDb, parties: readonly number[]): Promise<string> {
  const rows = parties.map((i) => [partyName(i), i % 3 === 0 ? '' : code(i), '2023-01-01', '', '', '']);
  const r = await importList(db, {
    kind: 'serious',
    name: '严重违法失信名单',
    source: 's.csv',
    headers: SERIOUS_HEADERS,
    rows: stream(records(rows)),
    tuning,
  });
  return r.list.id;
}

async function importPenalties(db: CreditDb, parties: readonly number[]): Promise<string> {
  const rows = parties.flatMap((i) => [1, 2].map((n) => [partyName(i), code(i), `湘罚〔2022〕${i * 10 + n}号`, '2022-05-01', '否']));
  const r = await importList(db, {
    kind: 'penalty-history',
    name: '处罚记录',
    source: 'p.csv',
    headers: PENALTY_HEADERS,
    rows: stream(records(rows)),
    tuning,
  });
  return r.list.id;
}

/** Parties 0 … 59 by code, by name and by both; the codes of 1000 and 1001 are on no list. */
const QUERIES: LookupQuery[] = [0, 1, 2, 5, 12, 30, 31, 44, 59, 1000, 1001].flatMap((i) => [
  { uscc: code(i), at: AT },
  { name: partyName(i), at: AT },
  { uscc: code(i), name: partyName(i), at: AT },
]);

/** What a connection with nothing in memory answers: IndexedDB only. */
async function fromDisk(db: CreditDb): Promise<unknown[]> {
  const cold = openDb(db.name);
  try {
    const out: unknown[] = [];
    for (const q of QUERIES) out.push(await lookupParty(cold, q));
    return out;
  } finally {
    cold.close();
  }
}

async function answers(db: CreditDb): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of QUERIES) out.push(await lookupParty(db, q));
  return out;
}

/** The answers of `db` (memory built before the change) right after it, and once memory is loaded again, equal those from disk. */
async function expectSameAsDisk(db: CreditDb, what: string): Promise<void> {
  const disk = await fromDisk(db);
  expect(await answers(db), `${what}, memory built before`).toEqual(disk);
  await warmLookups(db);
  expect(await answers(db), `${what}, memory loaded again`).toEqual(disk);
}

/** Counts the IndexedDB transactions `db` opens on the lists' or the ledger's stores. */
function countReads(db: CreditDb): { n: number } {
  const idb = db.backendDB();
  const open = idb.transaction.bind(idb);
  const count = { n: 0 };
  idb.transaction = ((stores: string | string[], ...rest: [IDBTransactionMode?]) => {
    const names = typeof stores === 'string' ? [stores] : [...stores];
    if (names.some((s) => s === 'entityChunks' || s === 'cases' || s === 'lists')) count.n++;
    return open(stores, ...rest);
  }) as typeof idb.transaction;
  return count;
}

const onList = async (db: CreditDb, i: number) => (await lookupParty(db, { uscc: code(i), at: AT })).seriousList.onList;

describe('lookups answered from memory', () => {
  it('answer as IndexedDB does across imports, removals, ledger records, merges, deletions and restores', async () => {
    const db = freshDb();
    await warmLookups(db);
    await expectSameAsDisk(db, 'no list');
    const serious = await importSerious(db, [0, 1, 2, 5, 12]);
    await expectSameAsDisk(db, 'serious list imported');
    await importPenalties(db, [1, 2, 30, 31]);
    await expectSameAsDisk(db, 'penalty history imported');
    const backup = await createBackup({ db, storageLocal: {} });

    await recordCase(db, {
      decisionNo: '湘市监处〔2023〕7号',
      partyName: partyName(44),
      uscc: code(44),
      decisionDate: '2023-03-01',
      ...WHO,
    });
    await recordCase(db, { decisionNo: '湘市监处〔2023〕8号', partyName: partyName(59), decisionDate: '2023-03-02', ...WHO });
    await expectSameAsDisk(db, 'cases recorded');

    const incoming = [makeCase({ decisionNo: '湘市监处〔2023〕9号', partyName: partyName(1001), uscc: code(1001), unit: '某市局' })];
    const parsed = await parseLedgerFile(await exportLedgerFile(incoming, '某市局'));
    if (!parsed.ok) throw new Error(messageCode(parsed.error));
    await applyMerge(db, await planMergeFromDb(db, parsed.file), {}, WHO);
    await expectSameAsDisk(db, 'ledger merged');

    await deleteCases(db, [incoming[0]!.id]);
    await expectSameAsDisk(db, 'case deleted');

    await removeList(db, serious);
    await expectSameAsDisk(db, 'serious list removed');
    await importSerious(db, [12, 30, 1000]);
    await expectSameAsDisk(db, 'another serious list imported');

    await restoreBackup(db, backup, { storage: new FakeStorage().view() });
    await expectSameAsDisk(db, 'backup restored');
    db.close();
  });

  it('never flag from a list removed after memory was loaded, even when another connection removed it', async () => {
    const db = freshDb();
    const id = await importSerious(db, [1, 2]);
    await warmLookups(db);
    expect(await onList(db, 1)).toBe(true);
    const other = openDb(db.name);
    await removeList(other, id);
    other.close();
    expect(await onList(db, 1)).toBe(false);
    expect(await onList(db, 2)).toBe(false);
    db.close();
  });

  it('find a party from a list imported by another connection after memory was loaded', async () => {
    const db = freshDb();
    await importSerious(db, [1]);
    await warmLookups(db);
    expect(await onList(db, 2)).toBe(false);
    const other = openDb(db.name);
    await importSerious(other, [2]);
    other.close();
    expect(await onList(db, 2)).toBe(true);
    db.close();
  });

  it('count a case recorded after memory was loaded', async () => {
    const db = freshDb();
    await importPenalties(db, [1]);
    await warmLookups(db);
    const count = async () => (await lookupParty(db, { uscc: code(7), at: AT })).repeatOffender.count;
    expect(await count()).toBe(0);
    await recordCase(db, { decisionNo: '湘市监处〔2023〕1号', partyName: partyName(7), uscc: code(7), decisionDate: '2023-02-01', ...WHO });
    expect(await count()).toBe(1);
    db.close();
  });

  it('answer a party on no list and in no case without opening IndexedDB, and read for one that is listed', async () => {
    const db = freshDb();
    await importSerious(db, [1, 2]);
    await recordCase(db, { decisionNo: '湘市监处〔2023〕1号', partyName: partyName(7), uscc: code(7), decisionDate: '2023-02-01', ...WHO });
    await warmLookups(db);
    const reads = countReads(db);
    const none = await lookupParty(db, { uscc: code(1000), name: partyName(1000), at: AT });
    expect(none.matchedBy).toBeNull();
    expect(reads.n).toBe(0);
    expect(await onList(db, 1)).toBe(true);
    expect(reads.n).toBe(1);
    expect((await lookupParty(db, { uscc: code(7), at: AT })).repeatOffender.count).toBe(1);
    expect(reads.n).toBe(2);
    db.close();
  });
});

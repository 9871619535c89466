import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  CreditDb,
  DB_VERSIONS,
  type LedgerCase,
  upgradeLegacyCase,
  type ListMeta,
  openDb,
  purgePendingLists,
} from '../../../lib/db';

let n = 0;
const dbName = () => `schema-test-${++n}-${Math.random().toString(36).slice(2)}`;

const list = (id: string, status: ListMeta['status'] = 'active'): ListMeta => ({
  id,
  kind: 'serious',
  name: '测试名单',
  source: 'a.csv',
  importedAt: '2024-01-01T00:00:00.000Z',
  rowCount: 1,
  invalidCount: 0,
  flaggedCount: 0,
  status,
  columnMapping: { name: 0 },
  bucketCount: 1,
  chunkCount: 1,
  heartbeatAt: 0,
});

const ledgerCase = (id: string, over: Partial<LedgerCase> = {}): LedgerCase =>
  upgradeLegacyCase({
  id,
  decisionNo: id,
  caseNo: null,
  partyName: '某公司',
  partyNameNorm: '某公司',
  uscc: null,
  domain: 'food',
  domainSource: 'item',
  verdict: 'must-list',
  packId: 'order44-2021',
  packVersion: '1',
  citations: ['order44-2021/art2/2'],
  unlisted: 'no',
  listingDecision: 'yes',
  listingDate: '2024-03-01',
  exposureDate: null,
  repeatPublicityDate: null,
  decisionDate: '2024-02-20',
  creditRepaired: false,
  unit: '某县局',
  recorder: '张三',
  origin: 'local',
  createdAt: '2024-02-20T00:00:00.000Z',
  updatedAt: '2024-02-20T00:00:00.000Z',
  revision: 1,
  ...over,
  });

describe('openDb', () => {
  it('creates the four tables with the ledger indexes', async () => {
    const db = openDb(dbName());
    await db.open();
    expect(db.tables.map((t) => t.name).sort()).toEqual(['cases', 'entityChunks', 'lists', 'meta']);
    const caseIndexes = db.cases.schema.indexes.map((i) => i.name).sort();
    expect(caseIndexes).toEqual(
      [
        'decisionDate',
        'domain',
        'exposureDate',
        'listingDate',
        'origin',
        'partyNameNorm',
        'repeatPublicityDate',
        'unit',
        'updatedAt',
        'uscc',
      ].sort(),
    );
    expect(db.cases.schema.primKey.name).toBe('id');
    expect(db.verno).toBe(DB_VERSIONS[DB_VERSIONS.length - 1]!.version);
    db.close();
  });

  it('keeps data across reopening, and purge and open are idempotent', async () => {
    const name = dbName();
    const db = openDb(name);
    await db.lists.put(list('a'));
    await db.entityChunks.put({ listId: 'a', bucket: 0, chunk: 0, text: '\nc1\tx\n' });
    await db.cases.put(ledgerCase('渝万州市监处字〔2023〕497号'));
    await db.meta.put({ key: 'settings', value: { unit: '某县局' } });
    db.close();

    for (let i = 0; i < 2; i++) {
      const again = openDb(name);
      expect(await purgePendingLists(again)).toEqual([]);
      expect(await again.lists.toArray()).toEqual([list('a')]);
      expect(await again.entityChunks.count()).toBe(1);
      expect((await again.cases.where('listingDate').between('2024-01-01', '2024-12-31', true, true).toArray()).map((c) => c.id)).toEqual([
        '渝万州市监处字〔2023〕497号',
      ]);
      expect(await again.meta.get('settings')).toEqual({ key: 'settings', value: { unit: '某县局' } });
      again.close();
    }
  });

  it('upgrades a database created by an earlier schema with its data', async () => {
    const name = dbName();
    const old = new CreditDb(name, DB_VERSIONS.slice(0, 1));
    await old.cases.put(ledgerCase('A'));
    old.close();
    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSIONS[DB_VERSIONS.length - 1]!.version);
    expect((await db.cases.get('A'))?.partyName).toBe('某公司');
    db.close();
  });

  it('runs the upgrade function of a newer version and closes politely for it', async () => {
    const name = dbName();
    const db = openDb(name);
    await db.cases.bulkPut([ledgerCase('A'), ledgerCase('B', { unit: '' })]);
    const newer = new CreditDb(name, [
      ...DB_VERSIONS,
      {
        version: 99,
        stores: {},
        upgrade: (tx) =>
          tx
            .table('cases')
            .toCollection()
            .modify((c: LedgerCase) => {
              if (c.unit === '') c.unit = '未填写';
            }),
      },
    ]);
    // Opening the newer schema is not blocked by the open connection, which closes itself.
    await newer.open();
    expect(db.isOpen()).toBe(false);
    expect((await newer.cases.get('B'))?.unit).toBe('未填写');
    expect((await newer.cases.get('A'))?.unit).toBe('某县局');
    newer.close();
  });
});

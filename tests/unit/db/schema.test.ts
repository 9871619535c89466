import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  CreditDb,
  DB_VERSIONS,
  type LedgerCase,
  type LedgerEntry,
  readEntry,
  upgradeLegacyCase,
  type ListMeta,
  openDb,
  purgePendingLists,
  factsOf,
  rowOf,
  tallyMonthsOf,
  type TallyMonth,
} from '../../../lib/db';
import { LedgerEntrySchema, createBackup, inspectBackup, tallyTable, tallyTableFromDb } from '../../../lib/ledger';

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
  it('creates the tables with the ledger indexes', async () => {
    const db = openDb(dbName());
    await db.open();
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'cases',
      'entityChunks',
      'histories',
      'listIndexes',
      'lists',
      'meta',
      'restoreJournal',
      'restoreRows',
      'tallyFacts',
      'tallyMonths',
    ]);
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

  it('version 2 refolds identities, combines the duplicates that reveals with their history, and builds the tally facts', async () => {
    const name = dbName();
    const old = new CreditDb(name, DB_VERSIONS.slice(0, 1));
    const legacy = (id: string, over: Partial<LedgerCase>) => {
      const { history: _h, dateUnits: _d, ...row } = ledgerCase(id, over) as LedgerEntry;
      return row;
    };
    await old.cases.bulkPut([
      // one case recorded twice: the second time its number carried a soft hyphen, so version 1 kept two ids
      legacy('渝万州市监处字〔2023〕497号', {
        listingDate: '2024-03-01',
        exposureDate: null,
        unit: '甲县局',
        updatedAt: '2024-03-01T00:00:00.000Z',
      }),
      legacy('渝万州市监处字〔2023〕49\u00ad7号', {
        listingDate: null,
        exposureDate: '2024-04-02',
        unit: '乙县局',
        recorder: '李四',
        updatedAt: '2024-04-02T00:00:00.000Z',
      }),
      // a case number in a bracket style version 1 did not fold
      { ...legacy('x', { decisionNo: null, caseNo: 'AJ【2023】7号', listingDate: '2024-05-05' }), id: 'case:AJ【2023】7号' },
      legacy('单独的案件〔2024〕1号', { partyName: '\u202b某公司\u202c' }),
    ] as never[]);
    old.close();

    const db = openDb(name);
    await db.open();
    const all = await db.cases.toArray();
    expect(all.map((c) => c.id).sort()).toEqual(['case:AJ〔2023〕7号', '单独的案件〔2024〕1号', '渝万州市监处字〔2023〕497号'].sort());
    const combined = (await readEntry(db, '渝万州市监处字〔2023〕497号'))!;
    expect(combined).toMatchObject({ listingDate: '2024-03-01', exposureDate: '2024-04-02', revision: 2, unit: '甲县局' });
    expect(combined.dateUnits).toEqual({ listingDate: '甲县局', exposureDate: '乙县局', repeatPublicityDate: '' });
    // both old records' answers stay in the history, with who recorded them
    expect(combined.history.map((h) => [h.kind, h.unit])).toEqual([
      ['upgrade', '甲县局'],
      ['upgrade', '乙县局'],
      ['upgrade', ''],
    ]);
    expect(combined.history.at(-1)!.changes).toEqual([
      { field: 'listingDate', from: null, to: '2024-03-01', by: { unit: '甲县局', recorder: '张三', at: '2024-03-01T00:00:00.000Z' } },
    ]);
    expect((await db.cases.get('单独的案件〔2024〕1号'))!.partyNameNorm).toBe('某公司');
    const facts = await db.tallyFacts.toArray();
    expect(facts.map((f) => [f.caseId, f.metric, f.unit]).sort()).toEqual(
      [
        ['case:AJ〔2023〕7号', 'listed', '某县局'],
        ['单独的案件〔2024〕1号', 'listed', '某县局'],
        ['渝万州市监处字〔2023〕497号', 'exposed', '乙县局'],
        ['渝万州市监处字〔2023〕497号', 'listed', '甲县局'],
      ].sort(),
    );
    db.close();
  });

  it('version 2 drops the control characters version 1 kept, so the upgraded ledger can be backed up and restored', async () => {
    const name = dbName();
    const old = new CreditDb(name, DB_VERSIONS.slice(0, 1));
    const {
      history: _h,
      dateUnits: _d,
      ...row
    } = ledgerCase('渝万州市监处字〔2023〕498号', {
      partyName: '某某\u0001食品有限公司',
      partyNameNorm: '某某\u0001食品有限公司',
      caseNo: 'AJ\u0002-1',
      citations: ['order44-2021/art2/1\u0003'],
      unit: '甲县局\u0004',
      recorder: '张\u007f三',
      listingDate: '2024-03-01',
    }) as LedgerEntry;
    await old.cases.put(row as never);
    old.close();

    const db = openDb(name);
    const entry = (await readEntry(db, '渝万州市监处字〔2023〕498号'))!;
    expect(entry).toMatchObject({
      partyName: '某某食品有限公司',
      partyNameNorm: '某某食品有限公司',
      caseNo: 'AJ-1',
      unit: '甲县局',
      recorder: '张三',
    });
    expect(LedgerEntrySchema.safeParse(entry).error?.issues).toBeUndefined();
    await expect(inspectBackup(await createBackup({ db, storageLocal: {} }))).resolves.toBeDefined();
    db.close();
  });

  it('version 4 builds the running tallies from the facts version 3 kept, and the table reads the same', async () => {
    const name = dbName();
    const old = new CreditDb(name, DB_VERSIONS.slice(0, 3));
    const cases = [
      ledgerCase('A', {
        listingDate: '2023-06-30',
        exposureDate: '2023-07-01',
        repeatPublicityDate: '2023-07-31',
        uscc: '91310000MA1FL8XQ3B',
      }),
      ledgerCase('B', { domain: 'drug', listingDate: '2023-07-15', repeatPublicityDate: '2023-07-02', unit: '乙县局' }),
      ledgerCase('C', { domain: 'other', listingDate: null, exposureDate: '2024-01-31', repeatPublicityDate: '2023-12-31' }),
      ledgerCase('D', { listingDate: '2023-07-15', dateUnits: { listingDate: '丙县局', exposureDate: '', repeatPublicityDate: '' } }),
    ];
    // as version 3 stored them: cases, histories and facts, no tallies
    await old.cases.bulkPut(cases.map((c) => rowOf(c as LedgerEntry)));
    await old.tallyFacts.bulkPut(cases.flatMap(factsOf));
    old.close();

    const db = openDb(name);
    await db.open();
    const months = await db.tallyMonths.toArray();
    expect(months.map((m) => [m.unit, m.month]).sort()).toEqual(
      [
        ['某县局', '2023-06'],
        ['某县局', '2023-07'],
        ['乙县局', '2023-07'],
        ['某县局', '2023-12'],
        ['某县局', '2024-01'],
        ['丙县局', '2023-07'],
      ].sort(),
    );
    const parsed = (ms: TallyMonth[]) => ms.map((m) => ({ ...m, publicity: JSON.parse(m.publicity) as unknown }));
    expect(parsed(months)).toEqual(expect.arrayContaining(parsed(tallyMonthsOf(cases.flatMap(factsOf)))));
    for (const unit of [null, '某县局', '乙县局', '丙县局'])
      for (const period of [
        { from: '2023-07-01', to: '2023-07-31' },
        { from: '2023-06-30', to: '2023-07-15' },
        { from: '1900-01-01', to: '2199-12-31' },
      ])
        expect(await tallyTableFromDb(db, { ...period, unit })).toEqual(tallyTable(cases, { ...period, unit }));
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

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CreditDb, DB_VERSIONS, ledgerTables, storeCases, type EntityChunk, type LedgerCase, type ListMeta } from '../../../lib/db';
import {
  BACKUP_ITERATIONS,
  BackupError,
  applyMerge,
  createBackup,
  deleteCases,
  dismissUndos,
  eraseAll,
  exportLedgerFile,
  inspectBackup,
  parseLedgerFile,
  pendingUndos,
  planMergeFromDb,
  readBackupHeader,
  recordCase,
  recoverInterruptedRestore,
  restoreBackup,
  tallyTable,
  tallyTableFromDb,
  undoDelete,
  updateCase,
  type RestoreEnv,
} from '../../../lib/ledger';
import { bundledPacks } from '../../../lib/rules';
import { restorableSnapshot } from '../../../lib/settings/snapshot';
import { FakeLocks, FakeStorage, Killed, killedAt, stateOf } from './backup-fakes';
import { entryOf, makeCase } from './helpers';
import { zhError, zhWords } from '../words';

let dbCount = 0;
const dbName = () => `backup-test-${Date.now()}-${++dbCount}`;

const list = (id: string, over: Partial<ListMeta> = {}): ListMeta => ({
  id,
  kind: 'serious',
  name: `名单${id}`,
  source: 'serious.xlsx',
  importedAt: '2023-07-01T00:00:00.000Z',
  rowCount: 3,
  invalidCount: 0,
  flaggedCount: 1,
  status: 'active',
  columnMapping: { partyName: 0, uscc: 1 },
  bucketCount: 97,
  chunkCount: 1,
  heartbeatAt: 1688169600000,
  ...over,
});

/** Enough rows for several pages and several frames. */
async function populate(db: CreditDb, chunks = 6_000): Promise<void> {
  await db.lists.bulkAdd([list('L1'), list('L2')]);
  const rows: EntityChunk[] = Array.from({ length: chunks }, (_, i) => ({
    listId: i % 2 ? 'L1' : 'L2',
    bucket: i % 97,
    chunk: i,
    text: `${i}\t某某公司${i}\t${(i * 7919).toString(36).repeat(40)}`,
  }));
  await db.entityChunks.bulkAdd(rows);
  await db.transaction('rw', ledgerTables(db), () =>
    storeCases(db, [makeCase({ listingDate: '2023-07-02' }), makeCase({ decisionNo: null, caseNo: 'AJ-1', exposureDate: '2023-07-03' })]),
  );
  await db.meta.bulkAdd([
    { key: 'schema-note', value: { at: new Date('2023-07-01T08:00:00Z'), bytes: new Uint8Array([0, 1, 254, 255]) } },
    { key: 'plain', value: ['x', 1, null, { nested: true }] },
  ]);
}

/** A storage.local as the extension writes it. */
const storageLocal = {
  sites: [{ origin: 'https://zfba.example.gov.cn', pattern: 'https://zfba.example.gov.cn/*', enabledAt: '2023-07-01T00:00:00.000Z' }],
  profiles: {
    'https://zfba.example.gov.cn': {
      version: 1,
      origin: 'https://zfba.example.gov.cn',
      name: '执法办案系统',
      pins: [{ key: 'partyName', selector: '#dsr' }],
      updatedAt: '2023-07-01T00:00:00.000Z',
    },
  },
  settings: { unitName: '某县市场监督管理局', recorderName: '张三', province: 'shanghai', lowerAmountFine: null },
  rulePacks: [structuredClone(bundledPacks[0])],
  'overlay:https://zfba.example.gov.cn': { collapsed: true, right: 20, top: 80 },
};

/** What this machine holds before a restore: its own data and its own managed-policy mirror. */
const MACHINE = { managed: { policy: { unitName: '本机管理员设置' }, errors: [] } };

async function targetWith(storage: FakeStorage, name = dbName()): Promise<CreditDb> {
  const target = new CreditDb(name);
  const mine = makeCase({ decisionNo: '原市监处罚〔2023〕1号', partyName: '原有数据', listingDate: '2023-06-01' });
  await target.transaction('rw', ledgerTables(target), () => storeCases(target, [mine]));
  await target.lists.add(list('OLD'));
  for (const [k, v] of Object.entries({ settings: { unitName: '原单位', recorderName: '原记录人' }, extra: 1, ...MACHINE }))
    storage.data.set(k, v);
  return target;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(BackupError);
    expect(zhError(e)).toMatch(/[\u4e00-\u9fff]/);
    return (e as BackupError).code;
  }
  throw new Error('expected a BackupError');
}

const bytes = async (b: Blob) => new Uint8Array(await b.arrayBuffer());

describe('backup and restore', () => {
  it('round-trips every table and the storage.local snapshot, keeping this machine’s policy mirror', async () => {
    const source = new CreditDb(dbName());
    await populate(source);
    const file = await createBackup({ db: source, storageLocal }, { now: new Date('2023-12-01T00:00:00Z') });
    expect(file).toBeInstanceOf(Blob);
    expect(readBackupHeader(await bytes(file.slice(0, 65536)))).toMatchObject({
      format: 'credit-case-assistant/backup',
      version: 1,
      encryption: null,
    });

    const storage = new FakeStorage();
    const target = await targetWith(storage);
    const inspected = await inspectBackup(file, undefined, target);
    expect(inspected.summary.tables).toEqual([
      { name: 'lists', rows: 2, current: 1 },
      { name: 'entityChunks', rows: 6000, current: 0 },
      { name: 'cases', rows: 2, current: 1 },
      { name: 'meta', rows: 2, current: 0 },
      { name: 'histories', rows: 2, current: 1 },
    ]);
    // the inspection keeps counts, not rows
    expect(Object.keys(inspected).sort()).toEqual(['header', 'rowBytes', 'storageLocal', 'summary']);

    await restoreBackup(target, file, { storage: storage.view(), inspected });
    const after = await stateOf(target, storage);
    const before = await stateOf(source, new FakeStorage(Infinity, { ...storageLocal, ...MACHINE }));
    expect(after).toEqual(before);
    const note = after.meta.find((m) => m.key === 'schema-note')!.value as { at: Date; bytes: Uint8Array };
    expect(note.at).toBeInstanceOf(Date);
    expect([...note.bytes]).toEqual([0, 1, 254, 255]);
    // the tally facts are rebuilt, and agree with a recount
    const period = { from: '2023-01-01', to: '2023-12-31' };
    expect(await tallyTableFromDb(target, period)).toEqual(tallyTable(after.cases as LedgerCase[], period));
  });

  it('gives back every case as the ledger holds it: edits, merges, pack versions, undo entries kept and dismissed', async () => {
    const source = new CreditDb(dbName());
    const who = { unit: '甲县局', recorder: '张三' };
    const a = await recordCase(source, {
      decisionNo: '测〔2023〕1号',
      partyName: '甲公司',
      packId: 'order44-2021',
      packVersion: '1.2.0',
      ...who,
    });
    await updateCase(source, a.id, { listingDate: '2023-07-03', cleared: ['packVersion'], ...who });
    const b = await recordCase(source, { caseNo: 'AJ-2', partyName: '乙公司', repeatPublicityDate: '2023-07-04', ...who });
    const c = await recordCase(source, { decisionNo: '测〔2023〕3号', partyName: '丙公司', exposureDate: '2023-07-05', ...who });
    await dismissUndos(source, [await deleteCases(source, [b.id])]);
    await deleteCases(source, [c.id]);
    const theirs = [
      makeCase({ decisionNo: '测〔2023〕1号', partyName: '甲公司', exposureDate: '2023-08-01', unit: '乙县局' }),
      makeCase({ unit: '乙县局' }),
    ];
    const parsed = await parseLedgerFile(await exportLedgerFile(theirs, '乙县局'));
    if (!parsed.ok) throw new Error('unreadable ledger file');
    const plan = await planMergeFromDb(source, parsed.file);
    await applyMerge(source, plan, Object.fromEntries(plan.conflicts.map((m) => [m.id, 'theirs' as const])), who);

    const storage = new FakeStorage();
    const target = await targetWith(storage);
    await restoreBackup(target, await createBackup({ db: source, storageLocal: {} }), { storage: storage.view() });
    const { storage: _s, ...restored } = await stateOf(target, storage);
    const { storage: _t, ...original } = await stateOf(source, new FakeStorage());
    expect(restored).toEqual(original);
    // and what the 台账 does with them still works: the kept deletion is undone, the dismissed one stays kept
    expect((await pendingUndos(target)).map((u) => u.caseIds)).toEqual([[c.id]]);
    expect(await undoDelete(target, (await pendingUndos(target))[0]!.token)).toEqual({ restored: 1, skipped: [] });
    expect(await entryOf(target, a.id)).toEqual(await entryOf(source, a.id));
  });

  it('round-trips an encrypted file (600,000 iterations by default), opens one of 310,000, and rejects a wrong or missing passphrase without changing anything', async () => {
    const source = new CreditDb(dbName());
    await populate(source, 50);
    const file = await createBackup({ db: source, storageLocal }, { passphrase: '正确的口令 horse' });
    const header = readBackupHeader(await bytes(file));
    expect(header.encryption).toMatchObject({
      cipher: 'AES-GCM',
      keyBits: 256,
      kdf: 'PBKDF2',
      hash: 'SHA-256',
      iterations: BACKUP_ITERATIONS,
    });
    expect(BACKUP_ITERATIONS).toBe(600_000);
    expect(new TextDecoder().decode(await bytes(file))).not.toContain('某某公司');

    const storage = new FakeStorage();
    const target = await targetWith(storage);
    const before = await stateOf(target, storage);
    expect(await codeOf(restoreBackup(target, file, { storage: storage.view(), passphrase: '错误的口令' }))).toBe('wrong-passphrase');
    expect(await codeOf(restoreBackup(target, file, { storage: storage.view() }))).toBe('passphrase-required');
    expect(await stateOf(target, storage)).toEqual(before);

    await restoreBackup(target, file, { storage: storage.view(), passphrase: '正确的口令 horse' });
    expect((await stateOf(target, storage)).cases).toEqual(await source.cases.toArray());

    const older = await createBackup({ db: source, storageLocal }, { passphrase: 'pw', iterations: 310_000 });
    expect(readBackupHeader(await bytes(older)).encryption!.iterations).toBe(310_000);
    expect((await inspectBackup(older, 'pw')).summary.tables.find((t) => t.name === 'cases')!.rows).toBe(2);
  });

  it('rejects a truncated file, at any cut, and changes nothing', async () => {
    const source = new CreditDb(dbName());
    await populate(source);
    const file = await bytes(await createBackup({ db: source, storageLocal }));
    const storage = new FakeStorage();
    const target = await targetWith(storage);
    const before = await stateOf(target, storage);
    const headerEnd = file.indexOf(0x0a) + 1;
    const firstFrameEnd = headerEnd + 5 + new DataView(file.buffer, file.byteOffset + headerEnd, 4).getUint32(0);
    expect(firstFrameEnd).toBeLessThan(file.length);
    for (const cut of [file.length - 7, firstFrameEnd, headerEnd + 3]) {
      expect(await codeOf(restoreBackup(target, file.slice(0, cut), { storage: storage.view() }))).toBe('truncated');
    }
    expect(await codeOf(restoreBackup(target, file.slice(0, 10), { storage: storage.view() }))).toBe('not-backup');
    expect(await stateOf(target, storage)).toEqual(before);
  });

  it('rejects altered bytes and an altered header of an encrypted file', async () => {
    const source = new CreditDb(dbName());
    await populate(source, 20);
    const plain = await bytes(await createBackup({ db: source, storageLocal }));
    const flipped = plain.slice();
    flipped[flipped.length - 40] = flipped[flipped.length - 40]! ^ 0x01;
    expect(await codeOf(inspectBackup(flipped))).toBe('corrupt');

    const sealed = await bytes(await createBackup({ db: source, storageLocal }, { passphrase: 'pw' }));
    const text = new TextDecoder('latin1').decode(sealed);
    const at = text.indexOf('"createdAt":"') + '"createdAt":"'.length;
    const tampered = sealed.slice();
    tampered[at] = tampered[at] === 0x31 ? 0x32 : 0x31; // a digit of the year
    expect(await codeOf(inspectBackup(tampered, 'pw'))).toBe('corrupt');
  });

  it('validates list metadata and cases strictly, before anything changes', async () => {
    const storage = new FakeStorage();
    const target = await targetWith(storage);
    const before = await stateOf(target, storage);
    const backupOf = async (fill: (db: CreditDb) => Promise<unknown>, local: Record<string, unknown> = storageLocal) => {
      const db = new CreditDb(dbName());
      await fill(db);
      return createBackup({ db, storageLocal: local });
    };
    const refused = async (file: Blob) => {
      const code = await codeOf(restoreBackup(target, file, { storage: storage.view() }));
      expect(await stateOf(target, storage)).toEqual(before);
      return code;
    };
    // nonsense list metadata: a negative count, markup in the name, an import time that is no date
    for (const bad of [{ rowCount: -3 }, { name: '<img src=x onerror=alert(1)>' }, { importedAt: '昨天' }, { kind: 'other' as never }]) {
      expect(await refused(await backupOf((db) => db.lists.add(list('L9', bad))))).toBe('invalid');
    }
    // a chunk of a list the backup does not hold
    expect(await refused(await backupOf((db) => db.entityChunks.add({ listId: 'nowhere', bucket: 0, chunk: 0, text: 'x' })))).toBe(
      'invalid',
    );
    // a case whose id is not its identity, a case with an over-long party name
    const c = makeCase();
    expect(await refused(await backupOf((db) => db.cases.add({ ...c, id: '别的文号〔2023〕1号' })))).toBe('invalid');
    expect(await refused(await backupOf((db) => db.cases.add({ ...c, partyName: '某'.repeat(201) })))).toBe('invalid');
    // a history of no case in the file
    expect(await refused(await backupOf((db) => db.histories.add({ caseId: '无此案〔2023〕1号', revisions: c.history })))).toBe('invalid');
    // an undo entry holding something that is not a case
    expect(
      await refused(
        await backupOf((db) => db.meta.add({ key: 'ledger-undo:x', value: { deletedAt: '2023-01-01T00:00:00.000Z', rows: [{ id: 1 }] } })),
      ),
    ).toBe('invalid');
  });

  it('restores the ledger of a backup holding damaged settings, setting them aside and keeping this machine’s, and says so', async () => {
    const source = new CreditDb(dbName());
    await populate(source, 10);
    const good = storageLocal.sites[0]!;
    const damaged = {
      ...storageLocal,
      // settings that are not settings, an enabled system and a site profile that are no address, a broken pack
      settings: { unitName: 'x'.repeat(1000), recorderName: '张三' },
      sites: [good, { origin: 'javascript:alert(1)', pattern: 'x', enabledAt: 'y' }],
      profiles: { ...storageLocal.profiles, 'javascript:alert(1)': {} },
      rulePacks: [{ ...structuredClone(bundledPacks[0]), id: '' }, storageLocal.rulePacks[0]],
      'overlay:https://zfba.example.gov.cn': { collapsed: 'yes', right: 5 },
    };
    const storage = new FakeStorage();
    const target = await targetWith(storage);
    const file = await createBackup({ db: source, storageLocal: damaged });
    const inspected = await inspectBackup(file, undefined, target);
    const told = ['sites', 'profiles', 'settings', 'rulePacks', 'overlay:https://zfba.example.gov.cn'];
    expect(inspected.summary.leftOut.map(zhWords)).toEqual(told.map((k) => expect.stringContaining(k)));
    const { summary } = await restoreBackup(target, file, { storage: storage.view(), inspected });
    expect(summary.leftOut).toEqual(inspected.summary.leftOut);
    const after = await stateOf(target, storage);
    const { storage: _s, ...ledger } = await stateOf(source, new FakeStorage());
    const { storage: _t, ...restored } = after;
    expect(restored).toEqual(ledger);
    // the sound part of each value; this machine's unit name in place of the damaged one
    expect(storage.data.get('settings')).toEqual({ unitName: '原单位', recorderName: '张三' });
    expect(storage.data.get('sites')).toEqual([good]);
    expect(storage.data.get('profiles')).toEqual(storageLocal.profiles);
    expect(storage.data.get('rulePacks')).toEqual([storageLocal.rulePacks[0]]);
    expect(storage.data.get('overlay:https://zfba.example.gov.cn')).toEqual({ right: 5 });
    expect(storage.data.get('managed')).toEqual(MACHINE.managed);

    // a value with nothing sound in it: this machine's is kept whole
    const again = new FakeStorage();
    const other = await targetWith(again);
    await restoreBackup(other, await createBackup({ db: source, storageLocal: { settings: '设置' } }), { storage: again.view() });
    expect(again.data.get('settings')).toEqual({ unitName: '原单位', recorderName: '原记录人' });
    expect(await other.cases.count()).toBe(await source.cases.count());
  });

  it('leaves out of a new backup what this machine holds damaged, so that the ledger can always be restored', async () => {
    const source = new CreditDb(dbName());
    await populate(source, 10);
    const brokenPack = { ...structuredClone(bundledPacks[0]), id: '' };
    const damaged = {
      ...storageLocal,
      // settings an older version saved, a pack that no longer parses beside a good one, a bad overlay place
      settings: { unitName: 'x'.repeat(1000), recorderName: '张三' },
      rulePacks: [brokenPack, storageLocal.rulePacks[0]],
      'overlay:https://zfba.example.gov.cn': { collapsed: 'yes' },
    };
    const storage = new FakeStorage();
    const target = await targetWith(storage);
    const { snapshot, leftOut } = restorableSnapshot(damaged);
    expect(leftOut.map(zhWords)).toEqual([
      expect.stringContaining('settings'),
      expect.stringContaining('rulePacks'),
      expect.stringContaining('overlay:https://zfba.example.gov.cn'),
    ]);
    await restoreBackup(target, await createBackup({ db: source, storageLocal: snapshot }), { storage: storage.view() });
    expect(await target.cases.count()).toBe(await source.cases.count());
    expect(storage.data.get('rulePacks')).toEqual([storageLocal.rulePacks[0]]);
    expect(storage.data.get('sites')).toEqual(storageLocal.sites);
    // what is sound in a damaged value is kept: the recorder, but not the over-long unit; no place but the default
    expect(storage.data.get('settings')).toEqual({ recorderName: '张三' });
    expect(storage.data.get('overlay:https://zfba.example.gov.cn')).toEqual({});
  });

  it('refuses what does not fit: storage.local’s quota, or IndexedDB’s free space', async () => {
    const source = new CreditDb(dbName());
    await populate(source, 200);
    const big = { ...storageLocal, notes: 'x'.repeat(200_000) };
    const file = await createBackup({ db: source, storageLocal: big });
    const storage = new FakeStorage(100_000);
    const target = await targetWith(storage);
    const before = await stateOf(target, storage);
    expect(await codeOf(restoreBackup(target, file, { storage: storage.view(), storageQuota: 100_000 }))).toBe('no-space');
    const small = await createBackup({ db: source, storageLocal });
    const env: RestoreEnv = {
      storage: storage.view(),
      storageQuota: 100_000,
      estimate: async () => ({ quota: 1_000_000, usage: 990_000 }),
    };
    const e = await restoreBackup(target, small, env).catch((x: unknown) => x as BackupError);
    expect((e as BackupError).code).toBe('no-space');
    expect(zhError(e)).toMatch(/本机数据未改变：恢复约需 .* MB 空间/);
    expect(await stateOf(target, storage)).toEqual(before);
  });

  it('refuses a backup from a newer database version', async () => {
    const newer = new CreditDb(dbName(), [...DB_VERSIONS, { version: 99, stores: { extra: 'id' } }]);
    await newer.cases.add(makeCase());
    const file = await createBackup({ db: newer, storageLocal: {} });
    const target = new CreditDb(dbName());
    expect(await codeOf(restoreBackup(target, file, { storage: new FakeStorage().view() }))).toBe('incompatible');
    expect(await target.cases.count()).toBe(0);
  });

  it('restores a backup of version 1 (cases without history, older folding) into the current format', async () => {
    const old = new CreditDb(dbName(), DB_VERSIONS.slice(0, 1));
    const legacy = (over: Partial<LedgerCase>) => {
      const { history: _h, dateUnits: _d, ...row } = makeCase(over);
      return row;
    };
    await old.cases.bulkAdd([
      legacy({ decisionNo: '旧市监处罚〔2022〕8号', listingDate: '2022-05-01', unit: '甲' }),
      {
        ...legacy({ decisionNo: '旧市监处罚〔2022〕\u200b8号', exposureDate: '2022-06-01', unit: '乙' }),
        id: '旧市监处罚〔2022〕\u200b8号',
      },
    ] as never[]);
    const file = await createBackup({ db: old, storageLocal: {} });
    const target = new CreditDb(dbName());
    await restoreBackup(target, file, { storage: new FakeStorage().view() });
    const cases = await target.cases.toArray();
    expect(cases.map((c) => c.id)).toEqual(['旧市监处罚〔2022〕8号']);
    expect(cases[0]).toMatchObject({ listingDate: '2022-05-01', exposureDate: '2022-06-01' });
    expect((await entryOf(target, cases[0]!.id))!.history.map((h) => h.unit)).toEqual(['甲', '乙', '']);
    const t = await tallyTableFromDb(target, { from: '2022-01-01', to: '2022-12-31' });
    expect([t.rows.at(-1)!.listed, t.rows.at(-1)!.exposed]).toEqual([1, 1]);
  });

  it('keeps the keys of a table whose primary key lies outside its rows', async () => {
    const versions = [...DB_VERSIONS, { version: 3, stores: { notes: '++', tags: '' } }];
    const source = new CreditDb(dbName(), versions);
    await source.table('notes').bulkAdd(Array.from({ length: 450 }, (_, i) => ({ n: i, when: new Date(Date.UTC(2023, 0, 1 + i)) })));
    await source.table('tags').bulkAdd([{ t: 'b' }, { t: 'a' }], ['key-b', ['compound', 1]] as never[]);
    const file = await createBackup({ db: source, storageLocal: {} });
    const target = new CreditDb(dbName(), versions);
    await target.table('notes').add({ n: -1 });
    await restoreBackup(target, file, { storage: new FakeStorage().view() });
    for (const name of ['notes', 'tags']) {
      const keysOf = async (db: CreditDb) => db.table(name).toCollection().primaryKeys();
      expect(await keysOf(target)).toEqual(await keysOf(source));
      expect(await target.table(name).toArray()).toEqual(await source.table(name).toArray());
    }
    expect(await target.table('notes').count()).toBe(450);
  });

  it('rejects an empty passphrase or too few iterations when creating', async () => {
    const db = new CreditDb(dbName());
    const refused = (opts: { passphrase: string; iterations?: number }) =>
      createBackup({ db, storageLocal: {} }, opts).then(() => '', zhError);
    expect(await refused({ passphrase: '  ' })).toMatch(/口令不能为空/);
    expect(await refused({ passphrase: 'x', iterations: 1000 })).toMatch(/迭代次数/);
  });

  it('refuses to start while another page restores (lock held, or a fresh journal without locks)', async () => {
    const source = new CreditDb(dbName());
    await populate(source, 10);
    const file = await createBackup({ db: source, storageLocal });
    const storage = new FakeStorage();
    const target = await targetWith(storage);
    const locks = new FakeLocks();
    const release = locks.hold('credit-case-assistant/restore');
    expect(await codeOf(restoreBackup(target, file, { storage: storage.view(), locks }))).toBe('busy');
    expect(await recoverInterruptedRestore(target, { storage: storage.view(), locks })).toBe('busy');
    release();
    await target.restoreJournal.put({
      id: 'restore',
      token: 't',
      phase: 'staging',
      heartbeatAt: Date.now(),
      databaseVersion: 2,
      tables: {},
      storageLocal: {},
      previous: {},
    });
    expect(await codeOf(eraseAll(target, { storage: storage.view() }))).toBe('busy');
    // the same journal, its page gone: cleared out of the way
    await restoreBackup(target, file, { storage: storage.view(), now: () => Date.now() + 10 * 60_000 });
    expect(await target.restoreJournal.count()).toBe(0);
    expect(await target.cases.count()).toBe(2);
  });
});

describe('restore and erase are all or nothing: a fault at each step', () => {
  /** A source backup, and the state a clean restore of it gives. */
  async function fixture() {
    const source = new CreditDb(dbName());
    await populate(source, 30);
    const file = await createBackup({ db: source, storageLocal });
    const storage = new FakeStorage();
    const target = await targetWith(storage);
    const old = await stateOf(target, storage);
    await restoreBackup(target, file, { storage: storage.view() });
    const fresh = await stateOf(target, storage);
    target.close();
    return { file, old, fresh };
  }

  /** The steps a restore goes through, by name. */
  async function stepsOf(run: (env: RestoreEnv) => Promise<unknown>): Promise<string[]> {
    const steps: string[] = [];
    await run({ storage: new FakeStorage().view(), step: (n) => void steps.push(n) });
    return steps;
  }

  it('an error at any step (quota, I/O) leaves the old state whole, and says so', async () => {
    const { file, old } = await fixture();
    const steps = await stepsOf(async (env) => restoreBackup(new CreditDb(dbName()), file, env));
    expect(steps).toEqual(
      expect.arrayContaining([
        'validate',
        'journal',
        'stage',
        'staged',
        'switching',
        'storage-remove',
        'storage-set',
        'switch',
        'switch:cases',
      ]),
    );
    for (let k = 1; k <= steps.length; k++) {
      const storage = new FakeStorage();
      const target = await targetWith(storage);
      let n = 0;
      const e = await restoreBackup(target, file, {
        storage: storage.view(),
        step: (name) => {
          if (++n === k) throw new Error(`disk full at ${name}`);
        },
      }).catch((x: unknown) => x);
      expect(e, `fault at ${steps[k - 1]}`).toBeInstanceOf(BackupError);
      expect(zhError(e)).toMatch(/本机数据未改变/);
      expect(await stateOf(target, storage), `fault at ${steps[k - 1]}`).toEqual(old);
      expect(await recoverInterruptedRestore(target, { storage: storage.view() })).toBe('none');
      target.close();
    }
  });

  it('storage.local refusing a write (its quota) half-way through leaves the old state whole', async () => {
    const { file, old } = await fixture();
    for (const failing of ['remove', 'set'] as const) {
      const storage = new FakeStorage();
      const target = await targetWith(storage);
      // the restore's first write of that kind is refused; the roll-back's go through
      let refused = false;
      const env = {
        storage: storage.view((op) => {
          if (op !== failing || refused) return null;
          refused = true;
          return new Error('QUOTA_BYTES quota exceeded');
        }),
      };
      expect(await codeOf(restoreBackup(target, file, env))).toBe('restore-failed');
      expect(await stateOf(target, storage)).toEqual(old);
      target.close();
    }
  });

  it('a page killed at any step leaves a state the next start makes old or new, whole', async () => {
    const { file, old, fresh } = await fixture();
    const steps = await stepsOf(async (env) => restoreBackup(new CreditDb(dbName()), file, env));
    const outcomes: string[] = [];
    for (let k = 1; k <= steps.length; k++) {
      const storage = new FakeStorage();
      const name = dbName();
      const first = await targetWith(storage, name);
      const env = killedAt(storage, first, k);
      const e = await restoreBackup(first, file, env).catch((x: unknown) => x);
      expect(e).toBeDefined();
      // the next start: a new page, the same database and storage
      const next = new CreditDb(name);
      const recovered = await recoverInterruptedRestore(next, { storage: storage.view(), now: () => Date.now() + 10 * 60_000 });
      const state = await stateOf(next, storage);
      const whole =
        JSON.stringify(state) === JSON.stringify(old) ? 'old' : JSON.stringify(state) === JSON.stringify(fresh) ? 'new' : 'mixed';
      outcomes.push(`${steps[k - 1]}:${recovered}:${whole}`);
      expect(whole, `killed at ${steps[k - 1]}`).not.toBe('mixed');
      next.close();
    }
    // killed before storage.local was touched: rolled back; after: finished
    expect(outcomes.find((o) => o.startsWith('stage:'))).toMatch(/:old$/);
    expect(outcomes.find((o) => o.startsWith('storage-set:'))).toBe('storage-set:finished:new');
    expect(outcomes.find((o) => o.startsWith('switch:cases:'))).toBe('switch:cases:finished:new');
  });

  it('erase: an error or a kill at any step leaves everything or nothing', async () => {
    const storage0 = new FakeStorage();
    const probe = await targetWith(storage0);
    const old = await stateOf(probe, storage0);
    await eraseAll(probe, { storage: storage0.view() });
    const erased = await stateOf(probe, storage0);
    expect(erased.cases).toEqual([]);
    expect(erased.storage).toEqual(MACHINE);
    const steps: string[] = [];
    await eraseAll(probe, { storage: storage0.view(), step: (n) => void steps.push(n) });
    for (let k = 1; k <= steps.length; k++) {
      for (const kill of [false, true]) {
        const storage = new FakeStorage();
        const db = await targetWith(storage);
        const name = db.name;
        const env: RestoreEnv = kill
          ? killedAt(storage, db, k)
          : {
              storage: storage.view(),
              step: (() => {
                let n = 0;
                return (s: string) => {
                  if (++n === k) throw new Error(`fault at ${s}`);
                };
              })(),
            };
        await eraseAll(db, env).catch((e: unknown) =>
          expect(e instanceof BackupError || e instanceof Killed || e instanceof Error).toBe(true),
        );
        const next = kill ? new CreditDb(name) : db;
        await recoverInterruptedRestore(next, { storage: storage.view(), now: () => Date.now() + 10 * 60_000 });
        const state = await stateOf(next, storage);
        expect(
          [old, erased].some((s) => JSON.stringify(s) === JSON.stringify(state)),
          `${kill ? 'kill' : 'fault'} at ${steps[k - 1]}`,
        ).toBe(true);
        next.close();
      }
    }
  });

  it('recording while the restore is staged: the restore still replaces everything, and the tallies follow', async () => {
    const { file, fresh } = await fixture();
    const storage = new FakeStorage();
    const target = await targetWith(storage);
    await restoreBackup(target, file, {
      storage: storage.view(),
      step: async (name) => {
        if (name === 'staged')
          await recordCase(target, {
            decisionNo: '新市监处罚〔2024〕1号',
            partyName: '甲',
            listingDate: '2024-01-01',
            unit: '甲',
            recorder: '乙',
          });
      },
    });
    const state = await stateOf(target, storage);
    expect(state.cases).toEqual(fresh.cases);
    expect(state.tallyFacts).toEqual(fresh.tallyFacts);
    expect(state.tallyMonths).toEqual(fresh.tallyMonths);
  });
});

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CreditDb, DB_VERSIONS, type EntityChunk, type ListMeta } from '../../../lib/db';
import {
  BackupError,
  createBackup,
  eraseAll,
  inspectBackup,
  readBackupHeader,
  restoreBackup,
} from '../../../lib/ledger';
import { freshDb, makeCase } from './helpers';

const list = (id: string): ListMeta => ({
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
  bucketCount: 4,
  chunkCount: 1,
  heartbeatAt: 1688169600000,
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
  await db.cases.bulkAdd([makeCase({ listingDate: '2023-07-02' }), makeCase({ decisionNo: null, caseNo: 'AJ-1' })]);
  await db.meta.bulkAdd([
    { key: 'schema-note', value: { at: new Date('2023-07-01T08:00:00Z'), bytes: new Uint8Array([0, 1, 254, 255]) } },
    { key: 'plain', value: ['x', 1, null, { nested: true }] },
  ]);
}

async function snapshot(db: CreditDb) {
  return {
    lists: await db.lists.toArray(),
    entityChunks: await db.entityChunks.toArray(),
    cases: await db.cases.toArray(),
    meta: await db.meta.toArray(),
  };
}

const storageLocal = {
  sites: ['https://zfba.example.gov.cn/*'],
  siteProfiles: { 'zfba.example.gov.cn': { fields: { partyName: '#dsr' } } },
  settings: { unit: '某县市场监督管理局', recorder: '张三', province: 'HA' },
  rulePacks: [{ id: 'order44-2021', version: '1.0.0' }],
};

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(BackupError);
    expect((e as Error).message).toMatch(/[\u4e00-\u9fff]/);
    return (e as BackupError).code;
  }
  throw new Error('expected a BackupError');
}

describe('backup and restore', () => {
  it('round-trips every table and the storage.local snapshot (plain file)', async () => {
    const source = freshDb();
    await populate(source);
    const file = await createBackup({ db: source, storageLocal }, { now: new Date('2023-12-01T00:00:00Z') });
    expect(readBackupHeader(file)).toMatchObject({ format: 'credit-case-assistant/backup', version: 1, encryption: null });

    const target = freshDb();
    await target.cases.add(makeCase({ partyName: '将被替换' }));
    await target.lists.add(list('OLD'));
    const inspected = await inspectBackup(file, undefined, target);
    expect(inspected.summary.tables).toEqual([
      { name: 'lists', rows: 2, current: 1 },
      { name: 'entityChunks', rows: 6000, current: 0 },
      { name: 'cases', rows: 2, current: 1 },
      { name: 'meta', rows: 2, current: 0 },
    ]);
    expect(inspected.summary.storageLocalKeys).toEqual(['sites', 'siteProfiles', 'settings', 'rulePacks']);

    const restored = await restoreBackup(target, inspected);
    expect(restored.storageLocal).toEqual(storageLocal);
    const after = await snapshot(target);
    expect(after).toEqual(await snapshot(source));
    const note = after.meta.find((m) => m.key === 'schema-note')!.value as { at: Date; bytes: Uint8Array };
    expect(note.at).toBeInstanceOf(Date);
    expect([...note.bytes]).toEqual([0, 1, 254, 255]);
  });

  it('round-trips an encrypted file and rejects a wrong or missing passphrase without changing anything', async () => {
    const source = freshDb();
    await populate(source, 50);
    const file = await createBackup({ db: source, storageLocal }, { passphrase: '正确的口令 horse' });
    const header = readBackupHeader(file);
    expect(header.encryption).toMatchObject({ cipher: 'AES-GCM', keyBits: 256, kdf: 'PBKDF2', hash: 'SHA-256' });
    expect(header.encryption!.iterations).toBeGreaterThanOrEqual(310_000);
    expect(new TextDecoder().decode(file)).not.toContain('某某公司');

    const target = freshDb();
    await target.cases.add(makeCase({ partyName: '原有数据' }));
    const before = await snapshot(target);
    expect(await codeOf(restoreBackup(target, file, '错误的口令'))).toBe('wrong-passphrase');
    expect(await codeOf(restoreBackup(target, file))).toBe('passphrase-required');
    expect(await snapshot(target)).toEqual(before);

    const { storageLocal: back } = await restoreBackup(target, file, '正确的口令 horse');
    expect(back).toEqual(storageLocal);
    expect(await snapshot(target)).toEqual(await snapshot(source));
  });

  it('rejects a truncated file, at any cut, and changes nothing', async () => {
    const source = freshDb();
    await populate(source);
    const file = await createBackup({ db: source, storageLocal });
    const target = freshDb();
    await target.cases.add(makeCase({ partyName: '原有数据' }));
    const before = await snapshot(target);
    // A cut inside a frame, and a cut exactly after the first frame (a whole-frame loss).
    const headerEnd = file.indexOf(0x0a) + 1;
    const firstFrameEnd = headerEnd + 5 + new DataView(file.buffer, file.byteOffset + headerEnd, 4).getUint32(0);
    expect(firstFrameEnd).toBeLessThan(file.length);
    for (const cut of [file.length - 7, firstFrameEnd, headerEnd + 3]) {
      expect(await codeOf(restoreBackup(target, file.slice(0, cut)))).toBe('truncated');
    }
    expect(await codeOf(restoreBackup(target, file.slice(0, 10)))).toBe('not-backup');
    expect(await snapshot(target)).toEqual(before);
  });

  it('rejects altered bytes and an altered header of an encrypted file', async () => {
    const source = freshDb();
    await populate(source, 20);
    const plain = await createBackup({ db: source, storageLocal });
    const flipped = plain.slice();
    flipped[flipped.length - 40] = flipped[flipped.length - 40]! ^ 0x01;
    expect(await codeOf(inspectBackup(flipped))).toBe('corrupt');

    const sealed = await createBackup({ db: source, storageLocal }, { passphrase: 'pw' });
    const text = new TextDecoder('latin1').decode(sealed);
    const at = text.indexOf('"createdAt":"') + '"createdAt":"'.length;
    const tampered = sealed.slice();
    tampered[at] = tampered[at] === 0x31 ? 0x32 : 0x31; // a digit of the year
    expect(await codeOf(inspectBackup(tampered, 'pw'))).toBe('corrupt');
  });

  it('refuses a backup from a newer database version', async () => {
    const newer = new CreditDb(`ledger-newer-${Date.now()}`, [...DB_VERSIONS, { version: 99, stores: { extra: 'id' } }]);
    await newer.cases.add(makeCase());
    const file = await createBackup({ db: newer, storageLocal: {} });
    const target = freshDb();
    expect(await codeOf(restoreBackup(target, file))).toBe('incompatible');
    expect(await target.cases.count()).toBe(0);
  });

  it('keeps the keys of a table whose primary key lies outside its rows', async () => {
    const versions = [...DB_VERSIONS, { version: 2, stores: { notes: '++', tags: '' } }];
    const source = new CreditDb(`ledger-outbound-${Date.now()}`, versions);
    await source.table('notes').bulkAdd(Array.from({ length: 450 }, (_, i) => ({ n: i, when: new Date(Date.UTC(2023, 0, 1 + i)) })));
    await source.table('tags').bulkAdd([{ t: 'b' }, { t: 'a' }], ['key-b', ['compound', 1]] as never[]);
    const file = await createBackup({ db: source, storageLocal: {} });
    const target = new CreditDb(`ledger-outbound-target-${Date.now()}`, versions);
    await target.table('notes').add({ n: -1 });
    await restoreBackup(target, file);
    for (const name of ['notes', 'tags']) {
      const keysOf = async (db: CreditDb) => db.table(name).toCollection().primaryKeys();
      expect(await keysOf(target)).toEqual(await keysOf(source));
      expect(await target.table(name).toArray()).toEqual(await source.table(name).toArray());
    }
    expect(await target.table('notes').count()).toBe(450);
  });

  it('rejects a weak or empty passphrase setting when creating', async () => {
    const db = freshDb();
    await expect(createBackup({ db, storageLocal: {} }, { passphrase: '  ' })).rejects.toThrow(/口令不能为空/);
    await expect(createBackup({ db, storageLocal: {} }, { passphrase: 'x', iterations: 1000 })).rejects.toThrow(/迭代次数/);
  });

  it('eraseAll empties every table', async () => {
    const db = freshDb();
    await populate(db, 10);
    await eraseAll(db);
    for (const t of db.tables) expect(await t.count()).toBe(0);
  });
});

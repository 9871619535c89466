import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  PENDING_STALE_MS,
  StagingError,
  activateList,
  createPendingList,
  deleteList,
  heartbeat,
  openDb,
  purgePendingLists,
  writeChunks,
} from '../../../lib/db';

let n = 0;
const fresh = () => openDb(`staging-test-${++n}-${Math.random().toString(36).slice(2)}`);

const init = (id: string, kind: 'serious' | 'risk' = 'serious') => ({
  id,
  kind,
  name: id,
  source: `${id}.csv`,
  importedAt: '2024-01-01T00:00:00.000Z',
  rowCount: 0,
  invalidCount: 0,
  flaggedCount: 0,
  columnMapping: {},
});

const counts = { rowCount: 1, invalidCount: 0, flaggedCount: 0, bucketCount: 2, chunkCount: 1 };

async function stage(db: ReturnType<typeof fresh>, id: string, kind: 'serious' | 'risk' = 'serious') {
  await createPendingList(db, init(id, kind));
  await writeChunks(
    db,
    id,
    [
      { listId: id, bucket: 0, chunk: 0, text: `\nc${id}\t1\n` },
      { listId: id, bucket: 1, chunk: 0, text: `\nn${id}\t1\n` },
    ],
    { bucketCount: 2, chunkCount: 1 },
  );
}

describe('staged lists', () => {
  it('a list is pending until activated, then active with its counts', async () => {
    const db = fresh();
    await stage(db, 'a');
    expect((await db.lists.get('a'))?.status).toBe('pending');
    const active = await activateList(db, 'a', counts);
    expect(active).toMatchObject({ status: 'active', rowCount: 1, bucketCount: 2, chunkCount: 1 });
    expect(await db.lists.where('status').equals('active').primaryKeys()).toEqual(['a']);
  });

  it('replacing deletes the old list and its chunks in the activating transaction', async () => {
    const db = fresh();
    await stage(db, 'old');
    await activateList(db, 'old', counts);
    await stage(db, 'new');
    await activateList(db, 'new', counts, 'old');
    expect(await db.lists.toCollection().primaryKeys()).toEqual(['new']);
    expect((await db.entityChunks.toArray()).map((c) => c.listId)).toEqual(['new', 'new']);
  });

  it('refuses to replace a list of another kind, leaving both as they were', async () => {
    const db = fresh();
    await stage(db, 'risk', 'risk');
    await activateList(db, 'risk', counts);
    await stage(db, 'serious');
    await expect(activateList(db, 'serious', counts, 'risk')).rejects.toBeInstanceOf(StagingError);
    expect((await db.lists.get('risk'))?.status).toBe('active');
    expect((await db.lists.get('serious'))?.status).toBe('pending');
  });

  it('purges abandoned pending lists and orphan chunks, not live imports or active lists', async () => {
    const db = fresh();
    await stage(db, 'active');
    await activateList(db, 'active', counts);
    await stage(db, 'abandoned');
    await db.lists.update('abandoned', { heartbeatAt: Date.now() - PENDING_STALE_MS - 1 });
    await stage(db, 'live');
    await db.entityChunks.put({ listId: 'orphan', bucket: 3, chunk: 0, text: '\ncx\t1\n' });

    const purged = await purgePendingLists(db);
    expect(purged.sort()).toEqual(['abandoned', 'orphan']);
    expect((await db.lists.toCollection().primaryKeys()).sort()).toEqual(['active', 'live']);
    expect([...new Set((await db.entityChunks.toArray()).map((c) => c.listId))].sort()).toEqual(['active', 'live']);
    expect(await purgePendingLists(db)).toEqual([]);
  });

  it('an import whose pending list was purged cannot activate or beat', async () => {
    const db = fresh();
    await stage(db, 'gone');
    await purgePendingLists(db, { staleAfterMs: 0 });
    await expect(heartbeat(db, 'gone')).rejects.toMatchObject({ code: 'interrupted' });
    await expect(activateList(db, 'gone', counts)).rejects.toMatchObject({ code: 'interrupted' });
    expect(await db.lists.count()).toBe(0);
  });

  it('deleteList removes metadata and chunks together', async () => {
    const db = fresh();
    await stage(db, 'a');
    await activateList(db, 'a', counts);
    await stage(db, 'b');
    await activateList(db, 'b', counts);
    expect(await deleteList(db, 'a')).toBe(true);
    expect(await deleteList(db, 'a')).toBe(false);
    expect(await db.lists.toCollection().primaryKeys()).toEqual(['b']);
    expect(await db.entityChunks.count()).toBe(2);
  });
});

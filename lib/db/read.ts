import Dexie from 'dexie';
import type { CreditDb, EntityChunk, LedgerCase, ListKeyIndexRow, ListMeta } from './schema';

/** Chunks of one list to read: one record when `chunk` is known, else every chunk of the bucket. */
export interface ChunkRef {
  listId: string;
  bucket: number;
  chunk: number | null;
}

export interface LookupReads {
  chunks: readonly ChunkRef[];
  /** ledger cases by credit code */
  casesByUscc: readonly string[];
  /** ledger cases by normalised party name */
  casesByName: readonly string[];
}

export interface LookupReadResult {
  /** every list's metadata, read in the same transaction as the chunks */
  lists: ListMeta[];
  /** per chunk reference, the chunks found */
  chunks: EntityChunk[][];
  casesByUscc: LedgerCase[][];
  casesByName: LedgerCase[][];
}

/**
 * Every read of one party lookup in one read-only transaction, all requests issued at once. Raw IndexedDB
 * on Dexie's connection: a lookup is a handful of small reads, and Dexie's per-request bookkeeping would be
 * most of its time (the content script waits on it).
 */
export async function readForLookup(db: CreditDb, reads: LookupReads): Promise<LookupReadResult> {
  if (!db.isOpen()) await db.open();
  const idb = db.backendDB();
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['lists', 'entityChunks', 'cases'], 'readonly');
    const out: LookupReadResult = {
      lists: [],
      chunks: reads.chunks.map(() => []),
      casesByUscc: reads.casesByUscc.map(() => []),
      casesByName: reads.casesByName.map(() => []),
    };
    const get = <T>(req: IDBRequest<unknown[]>, put: (v: T[]) => void) => {
      req.onsuccess = () => put(req.result as T[]);
    };
    get<ListMeta>(tx.objectStore('lists').getAll(), (v) => (out.lists = v));
    const chunks = tx.objectStore('entityChunks');
    reads.chunks.forEach((c, i) => {
      if (c.chunk === null) {
        const range = IDBKeyRange.bound([c.listId, c.bucket, -Infinity], [c.listId, c.bucket, Infinity]);
        get<EntityChunk>(chunks.getAll(range), (v) => (out.chunks[i] = v));
      } else {
        const req = chunks.get([c.listId, c.bucket, c.chunk]);
        req.onsuccess = () => (out.chunks[i] = req.result ? [req.result as EntityChunk] : []);
      }
    });
    const cases = tx.objectStore('cases');
    reads.casesByUscc.forEach((code, i) => get<LedgerCase>(cases.index('uscc').getAll(code), (v) => (out.casesByUscc[i] = v)));
    reads.casesByName.forEach((name, i) => get<LedgerCase>(cases.index('partyNameNorm').getAll(name), (v) => (out.casesByName[i] = v)));
    tx.oncomplete = () => resolve(out);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB read failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB read aborted'));
  });
}

/** The stored key indexes of these lists (undefined where there is none). */
export function readListIndexes(db: CreditDb, listIds: readonly string[]): Promise<(ListKeyIndexRow | undefined)[]> {
  return db.listIndexes.bulkGet([...listIds]);
}

/**
 * Stores a list's key index if the list is still there with that status and the counts the index names (an
 * import cancelled or a list removed meanwhile gets none). True when stored.
 */
export function storeListIndex(db: CreditDb, row: ListKeyIndexRow, status: ListMeta['status']): Promise<boolean> {
  return db.transaction('rw', db.lists, db.listIndexes, async () => {
    const list = await db.lists.get(row.listId);
    if (!list || list.status !== status || list.bucketCount !== row.bucketCount || list.chunkCount !== row.chunkCount) return false;
    // a pending list's rows are counted when it is activated
    if (status === 'active' && list.rowCount !== row.rowCount) return false;
    await db.listIndexes.put(row);
    return true;
  });
}

/** Deletes the key indexes whose list is gone (removed, replaced, purged, cleared by a restore). */
export function removeStrayListIndexes(db: CreditDb): Promise<number> {
  return db.transaction('rw', db.lists, db.listIndexes, async () => {
    const lists = new Set(await db.lists.toCollection().primaryKeys());
    const stray = (await db.listIndexes.toCollection().primaryKeys()).filter((id) => !lists.has(id));
    await db.listIndexes.bulkDelete(stray);
    return stray.length;
  });
}

/** Every chunk of a list, a page per short read transaction. */
export async function* listChunkPages(db: CreditDb, listId: string, pageSize = 64): AsyncGenerator<EntityChunk[]> {
  let lower: [string, number, number] | [string, number] = [listId, Dexie.minKey as number];
  let inclusive = true;
  for (;;) {
    const page: EntityChunk[] = await db.entityChunks
      .where(':id')
      .between(lower, [listId, Dexie.maxKey], inclusive, true)
      .limit(pageSize)
      .toArray();
    if (page.length) yield page;
    const last = page[page.length - 1];
    if (page.length < pageSize || !last) return;
    lower = [listId, last.bucket, last.chunk];
    inclusive = false;
  }
}

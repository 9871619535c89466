import type { CreditDb, EntityChunk, LedgerCase, ListMeta } from './schema';

/** The chunks of one bucket of one list. */
export interface BucketRef {
  listId: string;
  bucket: number;
}

export interface LookupReads {
  buckets: readonly BucketRef[];
  /** ledger cases by credit code */
  casesByUscc: readonly string[];
  /** ledger cases by normalised party name */
  casesByName: readonly string[];
}

export interface LookupReadResult {
  /** every list's metadata, read in the same transaction as the chunks */
  lists: ListMeta[];
  /** per bucket asked, its chunks */
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
      chunks: reads.buckets.map(() => []),
      casesByUscc: reads.casesByUscc.map(() => []),
      casesByName: reads.casesByName.map(() => []),
    };
    const get = <T>(req: IDBRequest<unknown[]>, put: (v: T[]) => void) => {
      req.onsuccess = () => put(req.result as T[]);
    };
    get<ListMeta>(tx.objectStore('lists').getAll(), (v) => (out.lists = v));
    const chunks = tx.objectStore('entityChunks');
    reads.buckets.forEach((b, i) => {
      const range = IDBKeyRange.bound([b.listId, b.bucket, -Infinity], [b.listId, b.bucket, Infinity]);
      get<EntityChunk>(chunks.getAll(range), (v) => (out.chunks[i] = v));
    });
    const cases = tx.objectStore('cases');
    reads.casesByUscc.forEach((code, i) => get<LedgerCase>(cases.index('uscc').getAll(code), (v) => (out.casesByUscc[i] = v)));
    reads.casesByName.forEach((name, i) =>
      get<LedgerCase>(cases.index('partyNameNorm').getAll(name), (v) => (out.casesByName[i] = v)),
    );
    tx.oncomplete = () => resolve(out);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB read failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB read aborted'));
  });
}

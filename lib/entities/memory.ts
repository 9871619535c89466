import Dexie, { type ObservabilitySet } from 'dexie';
import type { CreditDb, ListMeta } from '../db';
import { readListIndexes, removeStrayListIndexes, storeListIndex } from '../db';
import { type KeyIndex, buildKeyIndexFromChunks, chunksOf, fits, keyIndexRow } from './key-index';
import { codeKey, hashKey, nameKey } from './layout';

/*
 * What a database's lookups keep in memory (in the extension: the service worker's): the active lists, the key
 * index of each, and the hashes of the ledger's keys (every case's credit code and normalised name). A lookup
 * whose keys are in no index and not among the ledger's hashes (the common case: a party on no list, never
 * recorded) is answered without reading IndexedDB. Any other reads what the indexes point to, and the list set
 * in the same transaction; a hash shared by another key only costs a read that finds nothing.
 *
 * Memory is trusted only while nothing was written since it was read. Every committed write to the lists' or the
 * ledger's tables, in this context or another (the dashboard, its import worker, a restore), reaches every context
 * through Dexie's `storagemutated` event (another context's by BroadcastChannel, as soon as the writer's
 * transaction completes) and makes that part stale: lookups then read IndexedDB as they did before the memory
 * existed, and the part is read again in the background.
 */

export interface LookupMemory {
  /** active lists as last read, by id */
  lists: ListMeta[] | null;
  /** writes to the lists' tables seen so far */
  listWrites: number;
  /** `listWrites` when `lists` was read (−1: never): the list set is current while the two agree */
  listsReadAt: number;
  /** key indexes in memory, by list identity (id and counts: a list replaced under its id is another list) */
  indexes: Map<string, KeyIndex>;
  /** lists whose index could not be loaded or built: bucket reads for them, no retry in this session */
  failed: Set<string>;
  loading: Promise<void> | null;
  /** sorted hashes of the ledger's lookup keys (codeKey of each uscc, nameKey of each normalised name) */
  ledger: Uint32Array | null;
  ledgerWrites: number;
  ledgerReadAt: number;
  ledgerLoading: Promise<void> | null;
}

const LIST_TABLES = new Set(['lists', 'entityChunks', 'listIndexes']);
const LEDGER_TABLES = new Set(['cases']);

const memories = new WeakMap<CreditDb, LookupMemory>();

export function memoryOf(db: CreditDb): LookupMemory {
  let m = memories.get(db);
  if (!m) {
    m = {
      lists: null,
      listWrites: 0,
      listsReadAt: -1,
      indexes: new Map(),
      failed: new Set(),
      loading: null,
      ledger: null,
      ledgerWrites: 0,
      ledgerReadAt: -1,
      ledgerLoading: null,
    };
    memories.set(db, m);
    watchWrites(db.name, m);
  }
  return m;
}

/** Counts the committed writes to `dbName`'s tables; the listener goes once the memory is collected. */
function watchWrites(dbName: string, memory: LookupMemory): void {
  const ref = new WeakRef(memory);
  const prefix = `idb://${dbName}/`;
  const onWrite = (parts: ObservabilitySet): void => {
    const m = ref.deref();
    if (!m) return Dexie.on.storagemutated.unsubscribe(onWrite);
    for (const part of Object.keys(parts)) {
      // `all`: Dexie's word for "anything may have changed" (a page back from the back-forward cache)
      const table = part === 'all' ? null : part.startsWith(prefix) ? part.slice(prefix.length).split('/')[0]! : undefined;
      if (table === undefined) continue;
      if (table === null || LIST_TABLES.has(table)) m.listWrites++;
      if (table === null || LEDGER_TABLES.has(table)) m.ledgerWrites++;
    }
  };
  Dexie.on.storagemutated.subscribe(onWrite);
}

/** The identity a key index is kept under: a list with other counts under the same id is not the one indexed. */
function identity(l: ListMeta): string {
  return `${l.id}\u0000${l.bucketCount}\u0000${l.chunkCount}\u0000${l.rowCount}\u0000${l.importedAt}`;
}

function indexOf(m: LookupMemory, list: ListMeta): KeyIndex | undefined {
  return m.indexes.get(identity(list));
}

/** The active lists, when no write to them has been seen since they were read; else null. */
export function currentLists(m: LookupMemory): ListMeta[] | null {
  return m.lists !== null && m.listsReadAt === m.listWrites ? m.lists : null;
}

/** Records the active lists read in a transaction that began when `listWrites` was `writesBefore`. */
export function listsRead(db: CreditDb, m: LookupMemory, lists: ListMeta[], writesBefore: number): void {
  m.lists = lists;
  // a write seen meanwhile may or may not be in what was read: not trusted until read again
  m.listsReadAt = m.listWrites === writesBefore ? writesBefore : -1;
  startLoading(db, lists);
}

/**
 * Whether the ledger may hold cases under `key` (a codeKey or nameKey): false only when the ledger's hashes are
 * current and none matches.
 */
export function ledgerMayHold(m: LookupMemory, key: string): boolean {
  const hashes = m.ledger;
  if (hashes === null || m.ledgerReadAt !== m.ledgerWrites) return true;
  const h = hashKey(key);
  let lo = 0;
  let hi = hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hashes[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  return lo < hashes.length && hashes[lo] === h;
}

/** Chunks of `list` that may hold `hash`: null when the list's index is not in memory (read the whole bucket). */
export function chunksInMemory(m: LookupMemory, list: ListMeta, hash: number): number[] | null {
  const index = indexOf(m, list);
  return index ? chunksOf(index, hash) : null;
}

/** Starts loading what is not in memory yet: the indexes of `lists`, and the ledger's hashes. */
function startLoading(db: CreditDb, lists: readonly ListMeta[]): void {
  const m = memoryOf(db);
  if (!m.ledgerLoading && (m.ledger === null || m.ledgerReadAt !== m.ledgerWrites))
    m.ledgerLoading = loadLedger(db, m)
      .catch(() => undefined)
      .finally(() => {
        m.ledgerLoading = null;
      });
  if (m.loading || lists.every((l) => m.indexes.has(identity(l)) || m.failed.has(identity(l)))) return;
  m.loading = loadIndexes(db, m, lists)
    .catch(() => undefined)
    .finally(() => {
      m.loading = null;
    });
}

async function loadLedger(db: CreditDb, m: LookupMemory): Promise<void> {
  const before = m.ledgerWrites;
  const [codes, names] = await db.transaction('r', db.cases, () =>
    Promise.all([db.cases.orderBy('uscc').uniqueKeys(), db.cases.orderBy('partyNameNorm').uniqueKeys()]),
  );
  const hashes = new Uint32Array(codes.length + names.length);
  codes.forEach((c, i) => (hashes[i] = hashKey(codeKey(String(c)))));
  names.forEach((n, i) => (hashes[codes.length + i] = hashKey(nameKey(String(n)))));
  hashes.sort();
  m.ledger = hashes;
  m.ledgerReadAt = m.ledgerWrites === before ? before : -1;
}

async function loadIndexes(db: CreditDb, m: LookupMemory, lists: readonly ListMeta[]): Promise<void> {
  const active = new Set(lists.map(identity));
  for (const id of m.indexes.keys()) if (!active.has(id)) m.indexes.delete(id);
  const missing = lists.filter((l) => !m.indexes.has(identity(l)) && !m.failed.has(identity(l)));
  if (missing.length === 0) return;
  // indexes whose list is gone (removed, replaced, cleared) are dropped, so none outlives its list for long
  await removeStrayListIndexes(db);
  const rows = await readListIndexes(
    db,
    missing.map((l) => l.id),
  );
  const rebuild: ListMeta[] = [];
  missing.forEach((l, i) => {
    const row = rows[i];
    if (fits(row, l)) m.indexes.set(identity(l), { hashes: row.hashes, chunks: row.chunks });
    else rebuild.push(l);
  });
  for (const l of rebuild) {
    try {
      const index = await buildKeyIndexFromChunks(db, l.id);
      if (await storeListIndex(db, keyIndexRow(l, index), 'active')) m.indexes.set(identity(l), index);
    } catch {
      m.failed.add(identity(l));
    }
  }
}

/** Active lists, in id order. */
export function activeLists(all: readonly ListMeta[]): ListMeta[] {
  return all.filter((l) => l.status === 'active' && l.bucketCount > 0).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * Loads into memory what lookups keep there (the active lists, their key indexes, the ledger's hashes) and
 * resolves when done. Lookups do this on their own without waiting for it (reading IndexedDB meanwhile); call it
 * to warm up ahead, e.g. as the service worker wakes.
 */
export async function warmLookups(db: CreditDb): Promise<void> {
  const m = memoryOf(db);
  // a few rounds: writes meanwhile make a round's reads stale; lookups catch up on their own after that
  for (let round = 0; round < 4; round++) {
    while (m.loading || m.ledgerLoading) await Promise.all([m.loading, m.ledgerLoading]);
    const before = m.listWrites;
    listsRead(db, m, activeLists(await db.lists.toArray()), before);
    if (!m.loading && !m.ledgerLoading) return;
  }
}

/** Bytes held in memory for lookups: the key indexes and the ledger's hashes. */
export function lookupMemoryBytes(db: CreditDb): number {
  const m = memoryOf(db);
  let bytes = m.ledger?.byteLength ?? 0;
  for (const index of m.indexes.values()) bytes += index.hashes.byteLength + index.chunks.byteLength;
  return bytes;
}

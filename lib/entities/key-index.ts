import type { CreditDb, ListKeyIndexRow, ListMeta } from '../db';
import { listChunkPages, readListIndexes, removeStrayListIndexes, storeListIndex } from '../db';
import { hashKeyAt } from './layout';

/*
 * Key index of a list: the FNV-1a hash of every entry key beside the chunk that holds
 * the entry, sorted by hash. A lookup hashes its key, finds the chunks in memory and reads exactly those
 * records; a key in no list costs no chunk read at all. A hash shared by another key only costs a read that
 * finds nothing, so the index never changes an answer. Built at import from the hashes the chunk buffer already
 * computes; a list without one (imported before indexes existed, restored from a backup) gets it rebuilt from
 * its chunks, and lookups read whole buckets meanwhile.
 */

/** Layout of a stored index; a row of another format is rebuilt. */
const KEY_INDEX_FORMAT = 1;

export interface KeyIndex {
  hashes: Uint32Array;
  chunks: Uint8Array | Uint16Array | Uint32Array;
}

/** Hash and chunk packed into one exact double (hash · 2²¹ + chunk) so that one numeric sort orders both. */
const CHUNK_SPAN = 2 ** 21;

/** Collects (key hash, chunk) pairs, in any order and with repeats. */
export class KeyIndexBuilder {
  private pairs = new Float64Array(1 << 12);
  private n = 0;

  get size(): number {
    return this.n;
  }

  add(hash: number, chunk: number): void {
    if (chunk >= CHUNK_SPAN) throw new RangeError('too many chunks for a key index');
    if (this.n === this.pairs.length) {
      const next = new Float64Array(this.n * 2);
      next.set(this.pairs);
      this.pairs = next;
    }
    this.pairs[this.n++] = hash * CHUNK_SPAN + chunk;
  }

  /** The hashes of one flush's entries (consecutive repeats, one party's rows, are added once). */
  addFlush(hashes: Uint32Array, count: number, chunk: number): void {
    for (let i = 0; i < count; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) this.add(hashes[i]!, chunk);
  }

  build(): KeyIndex {
    const sorted = this.pairs.subarray(0, this.n).sort();
    let m = 0;
    let maxChunk = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (i > 0 && sorted[i] === sorted[i - 1]) continue;
      sorted[m++] = sorted[i]!;
      maxChunk = Math.max(maxChunk, sorted[i]! % CHUNK_SPAN);
    }
    const hashes = new Uint32Array(m);
    const chunks = maxChunk < 1 << 8 ? new Uint8Array(m) : maxChunk < 1 << 16 ? new Uint16Array(m) : new Uint32Array(m);
    for (let i = 0; i < m; i++) {
      const v = sorted[i]!;
      const c = v % CHUNK_SPAN;
      hashes[i] = (v - c) / CHUNK_SPAN;
      chunks[i] = c;
    }
    this.pairs = new Float64Array(0);
    this.n = 0;
    return { hashes, chunks };
  }
}

/** The chunks that may hold entries with this key hash (none: the key is in no entry of the list). */
export function chunksOf(index: KeyIndex, hash: number): number[] {
  const { hashes } = index;
  let lo = 0;
  let hi = hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hashes[mid]! < hash) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < hashes.length && hashes[i] === hash; i++) out.push(index.chunks[i]!);
  return out;
}

/** The stored form of a list's index; it names the list's final counts, which a lookup checks. */
export function keyIndexRow(list: Pick<ListMeta, 'id' | 'bucketCount' | 'chunkCount' | 'rowCount'>, index: KeyIndex): ListKeyIndexRow {
  return {
    listId: list.id,
    format: KEY_INDEX_FORMAT,
    bucketCount: list.bucketCount,
    chunkCount: list.chunkCount,
    rowCount: list.rowCount,
    hashes: index.hashes,
    chunks: index.chunks,
  };
}

function fits(row: ListKeyIndexRow | undefined, list: ListMeta): row is ListKeyIndexRow {
  return (
    row !== undefined &&
    row.format === KEY_INDEX_FORMAT &&
    row.bucketCount === list.bucketCount &&
    row.chunkCount === list.chunkCount &&
    row.rowCount === list.rowCount &&
    row.hashes instanceof Uint32Array &&
    ArrayBuffer.isView(row.chunks) &&
    row.chunks.length === row.hashes.length
  );
}

/** The key index of a list, from its chunks (lists imported before indexes existed, restored lists). */
async function buildKeyIndexFromChunks(db: CreditDb, listId: string): Promise<KeyIndex> {
  const builder = new KeyIndexBuilder();
  for await (const page of listChunkPages(db, listId)) {
    for (const { chunk, text } of page) {
      // entries are `\n<key>\t<payload>`: hash each key where it lies, without cutting strings
      for (let i = 0; i < text.length - 1;) {
        const tab = text.indexOf('\t', i + 1);
        if (tab < 0) break;
        builder.add(hashKeyAt(text, i + 1, tab), chunk);
        const end = text.indexOf('\n', tab);
        if (end < 0) break;
        i = end;
      }
    }
  }
  return builder.build();
}

/** What a database's lookups keep in memory: the active lists last read and the key indexes loaded. */
export interface WarmLists {
  /** active lists as last read, by id */
  lists: ListMeta[] | null;
  indexes: Map<string, KeyIndex>;
  loading: Promise<void> | null;
  /** lists whose index could not be loaded or built: bucket reads for them, no retry in this session */
  failed: Set<string>;
}

const warm = new WeakMap<CreditDb, WarmLists>();

export function warmListsOf(db: CreditDb): WarmLists {
  let w = warm.get(db);
  if (!w) {
    w = { lists: null, indexes: new Map(), loading: null, failed: new Set() };
    warm.set(db, w);
  }
  return w;
}

/** Starts loading the indexes of `lists` that are not in memory yet, unless a load is running. */
export function startLoading(db: CreditDb, lists: readonly ListMeta[]): void {
  const w = warmListsOf(db);
  if (w.loading || lists.every((l) => w.indexes.has(l.id) || w.failed.has(l.id))) return;
  w.loading = load(db, w, lists)
    .catch(() => undefined)
    .finally(() => {
      w.loading = null;
    });
}

async function load(db: CreditDb, w: WarmLists, lists: readonly ListMeta[]): Promise<void> {
  const active = new Set(lists.map((l) => l.id));
  for (const id of w.indexes.keys()) if (!active.has(id)) w.indexes.delete(id);
  const missing = lists.filter((l) => !w.indexes.has(l.id) && !w.failed.has(l.id));
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
    if (fits(row, l)) w.indexes.set(l.id, { hashes: row.hashes, chunks: row.chunks });
    else rebuild.push(l);
  });
  for (const l of rebuild) {
    try {
      const index = await buildKeyIndexFromChunks(db, l.id);
      if (await storeListIndex(db, keyIndexRow(l, index), 'active')) w.indexes.set(l.id, index);
    } catch {
      w.failed.add(l.id);
    }
  }
}

/**
 * Loads (or builds) the key index of every active list into memory and resolves when done. Lookups do this on
 * their own, without waiting for it (they read whole buckets until it is done); call it to warm up ahead.
 */
export async function warmLookups(db: CreditDb): Promise<void> {
  const w = warmListsOf(db);
  for (;;) {
    while (w.loading) await w.loading;
    const lists = (await db.lists.toArray())
      .filter((l) => l.status === 'active' && l.bucketCount > 0)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    w.lists = lists;
    startLoading(db, lists);
    if (!w.loading) return;
  }
}

import type { CreditDb, ListKeyIndexRow, ListMeta } from '../db';
import { listChunkPages } from '../db';
import { hashKeyAt } from './layout';

/*
 * Key index of a list: the FNV-1a hash of every entry key beside the chunk that holds
 * the entry, sorted by hash. A lookup hashes its key, finds the chunks in memory and reads exactly those
 * records; a key in no list costs no chunk read at all. A hash shared by another key only costs a read that
 * finds nothing, so the index never changes an answer. Built at import from the hashes the chunk buffer already
 * computes; a list without one (imported before indexes existed, restored from a backup) gets it rebuilt from
 * its chunks, and lookups read whole buckets meanwhile. Lookups hold the indexes in memory (memory.ts).
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

export function fits(row: ListKeyIndexRow | undefined, list: ListMeta): row is ListKeyIndexRow {
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
export async function buildKeyIndexFromChunks(db: CreditDb, listId: string): Promise<KeyIndex> {
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

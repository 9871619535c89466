import type { EntityChunk, ListKind } from '../db/schema';
import type { KeyIndexBuilder } from './key-index';
import { type EntityRow, KIND_FIELDS } from './kinds';

/*
 * Storage layout of list rows (explained in README.md). Every row gives up to two entries, one keyed by its
 * credit code ('c' + code) and one by its normalised name ('n' + name). An entry is one text line
 * `\n<key>\t<payload>`. A code entry's payload is the packed row without the code (the key holds it); a name
 * entry's payload is `=<code>` when the row has a code (the row itself lives under the code), else the
 * packed row. Entries are spread over `bucketCount` buckets by a hash of the key; each flush of an import
 * writes one chunk record per non-empty bucket holding that bucket's lines as one string. A lookup reads the
 * chunks of one bucket (one key range) and finds its key with indexOf.
 */

const SEP = 0x1f; // between packed fields
const NL = 0x0a;
const TAB = 0x09;
const SPACE = 0x20;
const EQ = 0x3d;
const FIELD_SEP = '\x1f';

/** Buckets of a list that fills at least one flush. */
export const LARGE_LIST_BUCKETS = 4096;
/** Characters of entry text buffered before a flush (held as UTF-16: twice as many bytes). */
export const DEFAULT_CHUNK_CHARS = 24_000_000;
/** A small list aims at buckets of about this many characters. */
const SMALL_BUCKET_CHARS = 16_384;

export const CODE_PREFIX = 'c';
export const NAME_PREFIX = 'n';

export function codeKey(code: string): string {
  return CODE_PREFIX + code;
}
export function nameKey(nameNorm: string): string {
  return NAME_PREFIX + nameNorm;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units. */
export function hashKey(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** FNV-1a of `text[start, end)`: the hash of a key lying in a chunk's text, without cutting it out. */
export function hashKeyAt(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Bucket of a key; bucketCount is a power of two. */
export function bucketOf(key: string, bucketCount: number): number {
  return hashKey(key) & (bucketCount - 1);
}

/**
 * Bucket count of a list, decided at its first flush: a list that filled the buffer gets the large count;
 * one that ended first gets just enough buckets for small chunks (1 for a few hundred rows).
 */
export function chooseBucketCount(bufferedChars: number, streamEnded: boolean, large = LARGE_LIST_BUCKETS): number {
  if (!streamEnded) return large;
  let b = 1;
  while (b < large && b * SMALL_BUCKET_CHARS < bufferedChars) b *= 2;
  return b;
}

export function unpackRow<K extends ListKind>(kind: K, key: string, payload: string): EntityRow<K> {
  const parts = payload.split(FIELD_SEP);
  const row: Record<string, unknown> = {
    kind,
    line: Number(parts[0]),
    name: parts[1] ?? '',
    code: key.startsWith(CODE_PREFIX) ? key.slice(1) : '',
    codeOk: parts[2] === '1',
  };
  KIND_FIELDS[kind].forEach(([field, type], i) => {
    const v = parts[i + 3] ?? '';
    row[field] = type === 'bool' ? v === '1' : type === 'date?' || type === 'section' ? v || null : v;
  });
  return row as unknown as EntityRow<K>;
}

/** Payloads of every entry with exactly this key in a chunk text. */
export function findEntries(text: string, key: string, out: string[] = []): string[] {
  const needle = '\n' + key + '\t';
  for (let i = text.indexOf(needle); i >= 0;) {
    const start = i + needle.length;
    const end = text.indexOf('\n', start);
    out.push(text.slice(start, end));
    i = text.indexOf(needle, end);
  }
  return out;
}

/** Every entry of a chunk text, in order. */
export function* chunkEntries(text: string): Generator<{ key: string; payload: string }> {
  for (let i = 0; i < text.length - 1;) {
    const tab = text.indexOf('\t', i + 1);
    const end = text.indexOf('\n', tab);
    if (tab < 0 || end < 0) return;
    yield { key: text.slice(i + 1, tab), payload: text.slice(tab + 1, end) };
    i = end;
  }
}

const decoder = new TextDecoder('utf-16le');

/**
 * Entries buffered between flushes as UTF-16 code units in one typed array (no string per entry: a million
 * small strings would cost the garbage collector more than the import itself), with each entry's start and
 * key hash. The bucket count may not be known until the first flush.
 */
export class ChunkBuffer {
  private buf: Uint16Array;
  /** one bucket's text at a time, on its way to a string */
  private scratch = new Uint16Array(1 << 16);
  private pos = 0;
  private starts = new Uint32Array(1 << 16);
  private hashes = new Uint32Array(1 << 16);
  private count = 0;
  private hash = 0;

  /** Starts small and grows by doubling, but not past `maxChars` (the flush size plus a row's slack). */
  constructor(
    capacityChars = 1 << 20,
    private readonly maxChars = Infinity,
  ) {
    this.buf = new Uint16Array(capacityChars);
  }

  get chars(): number {
    return this.pos;
  }

  get size(): number {
    return this.count;
  }

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint16Array(Math.max(Math.min(this.buf.length * 2, this.maxChars), this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** Starts an entry: `\n`, the key prefix and key (hashed), `\t`. */
  begin(prefix: string, key: string): void {
    if (this.count === this.starts.length) {
      const s = new Uint32Array(this.count * 2);
      s.set(this.starts);
      this.starts = s;
      const h = new Uint32Array(this.count * 2);
      h.set(this.hashes);
      this.hashes = h;
    }
    this.reserve(key.length + 3);
    this.starts[this.count] = this.pos;
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = NL;
    const c0 = prefix.charCodeAt(0);
    buf[p++] = c0;
    let h = Math.imul(FNV_OFFSET ^ c0, FNV_PRIME);
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      buf[p++] = c;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    buf[p++] = TAB;
    this.pos = p;
    this.hash = h >>> 0;
  }

  /** Appends text to the current entry; control characters (line breaks in a cell) become spaces. */
  text(s: string): void {
    this.reserve(s.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      buf[p++] = c < SPACE ? SPACE : c;
    }
    this.pos = p;
  }

  sep(): void {
    this.reserve(1);
    this.buf[this.pos++] = SEP;
  }

  /** Finishes the current entry. */
  end(): void {
    this.hashes[this.count++] = this.hash;
  }

  /** The packed row after `begin`: line, name, code check, then the kind's fields (the code is in the key). */
  row(kind: ListKind, line: number, codeOk: boolean, data: Record<string, unknown> & { name: string }): void {
    this.text(String(line));
    this.sep();
    this.text(data.name);
    this.sep();
    this.text(codeOk ? '1' : '0');
    for (const [field, type] of KIND_FIELDS[kind]) {
      this.sep();
      const v = data[field];
      if (type === 'bool') this.text(v ? '1' : '0');
      else if (v !== null && v !== undefined) this.text(String(v));
    }
  }

  /** A name entry pointing at the row under a code. */
  ref(code: string): void {
    this.reserve(1);
    this.buf[this.pos++] = EQ;
    this.text(code);
  }

  /**
   * The chunk records of this flush (one per non-empty bucket), and empties the buffer; the entries' key
   * hashes go to `index` with this chunk number.
   */
  drain(listId: string, chunk: number, bucketCount: number, index?: KeyIndexBuilder): EntityChunk[] {
    const mask = bucketCount - 1;
    const n = this.count;
    const { buf, starts, hashes } = this;
    index?.addFlush(hashes, n, chunk);
    const endOf = (i: number) => (i + 1 < n ? starts[i + 1]! : this.pos);
    // Entry numbers grouped by bucket (a counting sort), so each bucket's text is copied out in one go.
    const first = new Uint32Array(bucketCount + 1);
    for (let i = 0; i < n; i++) first[(hashes[i]! & mask) + 1]!++;
    for (let b = 1; b <= bucketCount; b++) first[b]! += first[b - 1]!;
    const next = first.slice(0, bucketCount);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[next[hashes[i]! & mask]!++] = i;

    const chunks: EntityChunk[] = [];
    for (let b = 0; b < bucketCount; b++) {
      const from = first[b]!;
      const to = first[b + 1]!;
      if (from === to) continue;
      let len = 1;
      for (let k = from; k < to; k++) len += endOf(order[k]!) - starts[order[k]!]!;
      if (this.scratch.length < len) this.scratch = new Uint16Array(Math.max(len, this.scratch.length * 2));
      const out = this.scratch;
      let o = 0;
      for (let k = from; k < to; k++) {
        const i = order[k]!;
        for (let p = starts[i]!, end = endOf(i); p < end; p++) out[o++] = buf[p]!;
      }
      out[o++] = NL;
      chunks.push({ listId, bucket: b, chunk, text: decoder.decode(out.subarray(0, o)) });
    }
    this.pos = 0;
    this.count = 0;
    return chunks;
  }
}

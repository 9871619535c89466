import { Inflate } from 'fflate';
import type { RandomAccess } from './bytes';
import { userMessage, type MessageFamily } from '../messages';
import { invalidWorkbook, IoError, throwIfAborted } from './errors';

// Reading a zip from its central directory: only the entries asked for are read and inflated, in
// slices, so neither the file nor an entry has to sit in memory whole (a large sheet can inflate
// to more than a JavaScript string may hold).

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Shared cap on inflated bytes for one read of a file (zip-bomb guard). */
export class InflateBudget {
  used = 0;
  constructor(
    readonly maxBytes: number,
    /** Highest inflated/compressed ratio accepted once an entry passes RATIO_FLOOR bytes. */
    readonly maxRatio: number,
  ) {}
}

/** Below this many inflated bytes an entry is not judged by its ratio (small repetitive XML is fine). */
const RATIO_FLOOR = 16 << 20;
const MAX_ENTRIES = 100_000;
const MAX_DIRECTORY = 64 << 20;
/** Compressed bytes handed to the inflater at once: bounds each inflated piece (deflate tops out near 1:1032). */
const PUSH_BYTES = 16 << 10;
const READ_BYTES = 256 << 10;

const invalid = (detail: MessageFamily<'ioError_zip_'>, cause?: unknown, ...subs: string[]): IoError =>
  invalidWorkbook(userMessage(`ioError_zip_${detail}`, ...subs), cause);

const tooLarge = (): IoError => new IoError('xlsx-too-large');

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}
function u64(b: Uint8Array, at: number): number {
  return u32(b, at) + u32(b, at + 4) * 2 ** 32;
}

const utf8 = new TextDecoder('utf-8');

/** Entry names are folded (lower case, forward slashes, no leading slash): OPC part names ignore case. */
export function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

export async function readZipDirectory(ra: RandomAccess): Promise<Map<string, ZipEntry>> {
  const tailLength = Math.min(ra.size, 22 + 0xffff);
  const tail = await ra.read(ra.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 5 && tail[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid('noDirectory');
  let count = u16(tail, eocd + 10);
  let dirSize = u32(tail, eocd + 12);
  let dirOffset = u32(tail, eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locatorAt = ra.size - tailLength + eocd - 20;
    if (locatorAt < 0) throw invalid('directoryCorrupt');
    const locator = await ra.read(locatorAt, 20);
    if (u32(locator, 0) !== 0x07064b50) throw invalid('directoryCorrupt');
    const rec = await ra.read(u64(locator, 8), 56);
    if (rec.length < 56 || u32(rec, 0) !== 0x06064b50) throw invalid('directoryCorrupt');
    count = u64(rec, 32);
    dirSize = u64(rec, 40);
    dirOffset = u64(rec, 48);
  }
  if (count > MAX_ENTRIES || dirSize > MAX_DIRECTORY) throw tooLarge();
  if (dirOffset + dirSize > ra.size) throw invalid('directoryOutside');
  const dir = await ra.read(dirOffset, dirSize);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let k = 0; k < count; k++) {
    if (at + 46 > dir.length || u32(dir, at) !== 0x02014b50) throw invalid('directoryCorrupt');
    const flags = u16(dir, at + 8);
    const method = u16(dir, at + 10);
    let compressedSize = u32(dir, at + 20);
    let size = u32(dir, at + 24);
    const nameLength = u16(dir, at + 28);
    const extraLength = u16(dir, at + 30);
    const commentLength = u16(dir, at + 32);
    let localOffset = u32(dir, at + 42);
    const name = utf8.decode(dir.subarray(at + 46, at + 46 + nameLength));
    // ZIP64: the real values of fields set to 0xFFFFFFFF follow, in order, in extra field 0x0001.
    let x = at + 46 + nameLength;
    const extraEnd = x + extraLength;
    while (x + 4 <= extraEnd) {
      const id = u16(dir, x);
      const len = u16(dir, x + 2);
      if (id === 1) {
        let y = x + 4;
        if (size === 0xffffffff) {
          size = u64(dir, y);
          y += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(dir, y);
          y += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(dir, y);
      }
      x += 4 + len;
    }
    entries.set(partKey(name), { name, method, flags, compressedSize, size, localOffset });
    at = extraEnd + commentLength;
  }
  return entries;
}

/**
 * The inflated bytes of one entry, in pieces. Every piece counts against `budget`; the declared size
 * is checked before anything is inflated, the real size as it comes (declared sizes can lie).
 */
export async function* entryBytes(
  ra: RandomAccess,
  entry: ZipEntry,
  budget: InflateBudget,
  opts: { signal?: AbortSignal; onRead?: (compressedBytes: number) => void } = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  if (entry.flags & 1) throw invalid('encrypted');
  if (entry.method !== 0 && entry.method !== 8) throw invalid('method', undefined, String(entry.method));
  if (budget.used + entry.size > budget.maxBytes) throw tooLarge();
  if (entry.size > RATIO_FLOOR && entry.size > entry.compressedSize * budget.maxRatio) throw tooLarge();
  const header = await ra.read(entry.localOffset, 30);
  if (header.length < 30 || u32(header, 0) !== 0x04034b50) throw invalid('entryCorrupt');
  const start = entry.localOffset + 30 + u16(header, 26) + u16(header, 28);
  const end = start + entry.compressedSize;
  if (end > ra.size) throw invalid('entryOutside');

  let produced = 0;
  const count = (n: number, consumed: number): void => {
    produced += n;
    budget.used += n;
    if (budget.used > budget.maxBytes) throw tooLarge();
    if (produced > RATIO_FLOOR && produced > consumed * budget.maxRatio) throw tooLarge();
  };
  const out: Uint8Array[] = [];
  const inflater = entry.method === 8 ? new Inflate((piece) => out.push(piece)) : undefined;
  let consumed = 0;
  let at = start;
  while (at < end) {
    throwIfAborted(opts.signal);
    const slice = await ra.read(at, Math.min(READ_BYTES, end - at));
    if (slice.length === 0) throw invalid('truncated');
    at += slice.length;
    if (!inflater) {
      consumed += slice.length;
      count(slice.length, consumed);
      opts.onRead?.(slice.length);
      yield slice;
      continue;
    }
    for (let p = 0; p < slice.length; p += PUSH_BYTES) {
      const piece = slice.subarray(p, p + PUSH_BYTES);
      consumed += piece.length;
      try {
        inflater.push(piece, at === end && p + PUSH_BYTES >= slice.length);
      } catch (e) {
        throw invalid('dataCorrupt', e);
      }
      const pieces = out.splice(0);
      for (const o of pieces) {
        count(o.length, consumed);
        if (o.length) yield o;
      }
    }
    opts.onRead?.(slice.length);
  }
}

/** A whole entry as text (for the small parts: relationships, workbook, styles). */
export async function entryText(ra: RandomAccess, entry: ZipEntry, budget: InflateBudget, signal?: AbortSignal): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const piece of entryBytes(ra, entry, budget, { signal })) text += decoder.decode(piece, { stream: true });
  return text + decoder.decode();
}

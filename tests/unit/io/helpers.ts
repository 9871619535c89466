import type { CsvRecord } from '../../../lib/io';

export const utf8 = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s);

export function hex(s: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(s.trim().split(/\s+/), (b) => parseInt(b, 16));
}

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The bytes as an async iterable of `size`-byte chunks (1 puts every boundary everywhere). */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export const cellsOf = (records: CsvRecord[]): string[][] => records.map((r) => r.cells);

/** The error an async action fails with (the test fails if it does not). */
export async function failure(action: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await action();
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected a failure');
}

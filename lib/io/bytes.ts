import { IoError, throwIfAborted } from './errors';

/** Anything a file's bytes can come from: a File/Blob, a web stream, a Node stream or a buffer. */
export type ByteSource = Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Uint8Array;

/** Chunks handed to decoders are cut to this size so one huge source chunk never becomes one huge string. */
const MAX_CHUNK_BYTES = 1 << 20;

export function isBlob(x: unknown): x is Blob {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Blob).slice === 'function' &&
    typeof (x as Blob).arrayBuffer === 'function' &&
    typeof (x as Blob).size === 'number'
  );
}

function isReadableStream(x: unknown): x is ReadableStream<Uint8Array> {
  return typeof x === 'object' && x !== null && typeof (x as ReadableStream).getReader === 'function';
}

/** Total size when the source knows it (Blob, buffer). */
export function sourceSize(source: ByteSource): number | undefined {
  if (source instanceof Uint8Array) return source.length;
  if (isBlob(source)) return source.size;
  return undefined;
}

function wrapReadError(e: unknown): unknown {
  if (e instanceof IoError) return e;
  if (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError') {
    return new IoError('aborted', undefined, { cause: e });
  }
  return new IoError('read-failed', undefined, { cause: e });
}

async function* rawChunks(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield source;
  } else if (isBlob(source)) {
    for (let at = 0; at < source.size; at += MAX_CHUNK_BYTES) {
      yield new Uint8Array(await source.slice(at, at + MAX_CHUNK_BYTES).arrayBuffer());
    }
  } else if (isReadableStream(source)) {
    const reader = source.getReader();
    let done = false;
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) {
          done = true;
          return;
        }
        yield r.value;
      }
    } finally {
      // Stop the producer when the consumer leaves early (error, abort, break).
      if (!done) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  } else {
    yield* source;
  }
}

/**
 * The source's bytes as chunks of at most MAX_CHUNK_BYTES, checking `signal` before each chunk.
 * Read failures become IoError 'read-failed' (or 'aborted').
 */
export async function* byteChunks(source: ByteSource, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  throwIfAborted(signal);
  const it = rawChunks(source)[Symbol.asyncIterator]();
  try {
    for (;;) {
      let r: IteratorResult<Uint8Array>;
      try {
        r = await it.next();
      } catch (e) {
        throw wrapReadError(e);
      }
      if (r.done) return;
      throwIfAborted(signal);
      const chunk = r.value;
      if (!(chunk instanceof Uint8Array)) throw new IoError('read-failed');
      if (chunk.length <= MAX_CHUNK_BYTES) {
        if (chunk.length > 0) yield chunk;
        continue;
      }
      for (let at = 0; at < chunk.length; at += MAX_CHUNK_BYTES) yield chunk.subarray(at, at + MAX_CHUNK_BYTES);
    }
  } finally {
    await it.return?.(undefined);
  }
}

/** Read the whole source into one buffer, refusing more than `maxBytes`. */
export async function readAllBytes(
  source: ByteSource,
  opts: { maxBytes: number; tooLarge: () => IoError; signal?: AbortSignal },
): Promise<Uint8Array> {
  if (source instanceof Uint8Array) {
    if (source.length > opts.maxBytes) throw opts.tooLarge();
    return source;
  }
  if (isBlob(source)) {
    if (source.size > opts.maxBytes) throw opts.tooLarge();
    throwIfAborted(opts.signal);
    try {
      return new Uint8Array(await source.arrayBuffer());
    } catch (e) {
      throw wrapReadError(e);
    }
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of byteChunks(source, opts.signal)) {
    total += chunk.length;
    if (total > opts.maxBytes) throw opts.tooLarge();
    parts.push(chunk.slice());
  }
  return concatBytes(parts, total);
}

export function concatBytes(parts: readonly Uint8Array[], total?: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(total ?? parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Random access to a file's bytes without loading it all (used by the zip reader). */
export interface RandomAccess {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function randomAccess(source: Blob | Uint8Array): RandomAccess {
  if (source instanceof Uint8Array) {
    return { size: source.length, read: async (o, n) => source.subarray(o, o + n) };
  }
  return {
    size: source.size,
    read: async (o, n) => {
      try {
        return new Uint8Array(await source.slice(o, o + n).arrayBuffer());
      } catch (e) {
        throw wrapReadError(e);
      }
    },
  };
}

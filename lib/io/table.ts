import { byteChunks, isBlob, readAllBytes, type ByteSource } from './bytes';
import { readCsvBatches, type CsvRecord, type ReadCsvOptions } from './csv';
import { userMessage } from '../messages';
import { IoError } from './errors';
import { flattenBatches } from './iter';
import { DEFAULT_MAX_UNCOMPRESSED, isOleMagic, isZipMagic, readXlsxBatches, type ReadXlsxOptions } from './xlsx-read';

/** A file to read as a table: a File (or any Blob with a name), or a name beside any byte source. */
export type TableFile = ({ name: string } & ByteSource) | { name: string; source: ByteSource };

export type ReadTableOptions = ReadCsvOptions & ReadXlsxOptions;

export type TableKind = 'csv' | 'xlsx';

const HEAD_BYTES = 512;

function sourceOf(file: TableFile): ByteSource {
  return 'source' in file && !isBlob(file) ? file.source : (file as ByteSource);
}

/** The first bytes, and a source that still yields everything (streams cannot be rewound). */
async function peek(
  source: ByteSource,
  signal?: AbortSignal,
): Promise<{ head: Uint8Array; source: ByteSource; close: () => Promise<unknown> }> {
  const close = async (): Promise<void> => undefined;
  if (source instanceof Uint8Array) return { head: source.subarray(0, HEAD_BYTES), source, close };
  if (isBlob(source)) {
    try {
      return { head: new Uint8Array(await source.slice(0, HEAD_BYTES).arrayBuffer()), source, close };
    } catch (e) {
      throw new IoError('read-failed', undefined, { cause: e });
    }
  }
  const it = byteChunks(source, signal);
  const taken: Uint8Array[] = [];
  let size = 0;
  while (size < HEAD_BYTES) {
    const r = await it.next();
    if (r.done) break;
    taken.push(r.value);
    size += r.value.length;
  }
  const head = new Uint8Array(Math.min(size, HEAD_BYTES));
  let at = 0;
  for (const t of taken) {
    if (at >= head.length) break;
    const part = t.subarray(0, head.length - at);
    head.set(part, at);
    at += part.length;
  }
  async function* rest(): AsyncGenerator<Uint8Array> {
    yield* taken;
    yield* it;
  }
  return { head, source: rest(), close: () => it.return(undefined) };
}

const MARKUP = /^(?:\uFEFF|\xEF\xBB\xBF)?\s*<(?:!doctype|html|table|\?xml|meta|head|body)/i;

/**
 * Which reader a file needs, from its first bytes (a zip is XLSX, whatever its name) and its name.
 * Throws IoError 'unsupported' for legacy .xls, web-page or XML "Excel" exports; 'xlsx-invalid' for
 * a file named .xlsx that is not a zip.
 */
export function tableKind(head: Uint8Array, name: string): TableKind {
  if (isZipMagic(head)) return 'xlsx';
  if (isOleMagic(head)) throw new IoError('unsupported');
  const ascii = String.fromCharCode(...head.subarray(0, 64));
  if (MARKUP.test(ascii)) {
    throw new IoError('unsupported', userMessage('ioError_markupTable'));
  }
  if (/\.xls[xm]$/i.test(name) && head.length > 0) throw new IoError('xlsx-invalid');
  return 'csv';
}

/** Read a CSV or XLSX file as batches of records; see readTable. */
export async function* readTableBatches(file: TableFile, opts: ReadTableOptions = {}): AsyncGenerator<CsvRecord[], void, undefined> {
  const { head, source, close } = await peek(sourceOf(file), opts.signal);
  let kind: TableKind;
  try {
    if (head.length === 0) throw new IoError('empty');
    kind = tableKind(head, file.name);
  } catch (e) {
    await close();
    throw e;
  }
  if (kind === 'csv') {
    yield* readCsvBatches(source, opts);
    return;
  }
  const bytes =
    source instanceof Uint8Array || isBlob(source)
      ? source
      : await readAllBytes(source, {
          maxBytes: opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED,
          tooLarge: () => new IoError('xlsx-too-large'),
          signal: opts.signal,
        });
  yield* readXlsxBatches(bytes, opts);
}

/**
 * Read a table file record by record, CSV (any of the usual encodings and delimiters) or XLSX,
 * chosen by magic bytes and name. Every failure is an IoError with a message for the user.
 */
export function readTable(file: TableFile, opts: ReadTableOptions = {}): AsyncGenerator<CsvRecord, void, undefined> {
  return flattenBatches(readTableBatches(file, opts), opts.signal);
}

// List files are read and imported off the dashboard's thread: a million-row import parses, validates and
// packs rows for seconds, and the page must keep drawing its progress bar. The worker opens its own
// connection to the extension's database (a worker is a separate context; Dexie works there).
import '../../lib/jitless';
import { type ListKind, StagingError, openDb } from '../../lib/db';
import { type ColumnMapping, ImportError, type ImportResult, type InvalidRow, importList } from '../../lib/entities';
import { errorMessage } from '../../lib/errors';
import { type CsvRecord, emptyStats, isIoError, readTableBatches } from '../../lib/io';
import type { UserMessage } from '../../lib/messages';

/** Records the preview shows (title rows and the header included). */
export const PREVIEW_RECORDS = 30;

export type ListsWorkerRequest =
  | { type: 'preview'; file: File }
  | {
      type: 'import';
      file: File;
      kind: ListKind;
      name: string;
      /** physical line of the header row: records up to it are not data */
      headerLine: number;
      headers: string[];
      mapping: ColumnMapping;
      dataDate?: string;
      replaceListId?: string;
    }
  | { type: 'cancel' };

export interface ImportProgressEvent {
  type: 'progress';
  rows: number;
  invalid: number;
  rowsPerSecond: number;
  bytesRead: number | null;
  totalBytes: number;
}

export type ListsWorkerEvent =
  | { type: 'preview'; records: CsvRecord[] }
  | ImportProgressEvent
  | { type: 'done'; result: ImportResult; seconds: number }
  | { type: 'cancelled' }
  /**
   * `complete`: a message that already says the lists are unchanged (lib/entities); `file`: a message about the
   * file (lib/io); `unexpected`: anything else (a storage problem worded, or a raw error text).
   */
  | { type: 'error'; message: UserMessage; source: 'complete' | 'file' | 'unexpected'; invalid: InvalidRow[]; invalidCount: number };

const scope = self as unknown as {
  postMessage(event: ListsWorkerEvent): void;
  onmessage: ((e: MessageEvent<ListsWorkerRequest>) => void) | null;
};
let controller: AbortController | null = null;

function post(event: ListsWorkerEvent): void {
  scope.postMessage(event);
}

function failure(e: unknown): ListsWorkerEvent {
  if (e instanceof ImportError) {
    return { type: 'error', message: e.userMessage, source: 'complete', invalid: e.invalid.slice(0, 200), invalidCount: e.invalidCount };
  }
  const source = e instanceof StagingError ? 'complete' : isIoError(e) ? 'file' : 'unexpected';
  return { type: 'error', message: errorMessage(e), source, invalid: [], invalidCount: 0 };
}

async function preview(file: File, signal: AbortSignal): Promise<void> {
  const records: CsvRecord[] = [];
  const batches = readTableBatches(file, { signal });
  try {
    for await (const batch of batches) {
      for (const r of batch) {
        if (records.length < PREVIEW_RECORDS) records.push(r);
      }
      if (records.length >= PREVIEW_RECORDS) break;
    }
  } finally {
    await batches.return(undefined);
  }
  post({ type: 'preview', records });
}

async function runImport(req: Extract<ListsWorkerRequest, { type: 'import' }>, signal: AbortSignal): Promise<void> {
  const db = openDb();
  let bytesRead = 0;
  const totalBytes = req.file.size;
  const started = performance.now();
  try {
    // Empty lines come through as records so that the report counts them among the skipped rows.
    const readStats = emptyStats('csv');
    const batches = readTableBatches(req.file, {
      signal,
      skipEmptyLines: false,
      stats: readStats,
      onProgress: (read) => (bytesRead = read),
    });
    const result = await importList(db, {
      kind: req.kind,
      name: req.name,
      source: req.file.name,
      rows: batches,
      headerLine: req.headerLine,
      readStats,
      headers: req.headers,
      mapping: req.mapping,
      ...(req.dataDate ? { dataDate: req.dataDate } : {}),
      ...(req.replaceListId ? { replaceListId: req.replaceListId } : {}),
      signal,
      bytesRead: () => bytesRead,
      onProgress: (p) =>
        post({
          type: 'progress',
          rows: p.rows,
          invalid: p.invalid,
          rowsPerSecond: p.rowsPerSecond,
          bytesRead: p.bytes ?? null,
          totalBytes,
        }),
    });
    post({ type: 'done', result, seconds: (performance.now() - started) / 1000 });
  } finally {
    db.close();
  }
}

async function start(req: Exclude<ListsWorkerRequest, { type: 'cancel' }>): Promise<void> {
  controller?.abort();
  const ctl = new AbortController();
  controller = ctl;
  try {
    if (req.type === 'preview') await preview(req.file, ctl.signal);
    else await runImport(req, ctl.signal);
  } catch (e) {
    if (ctl.signal.aborted) post({ type: 'cancelled' });
    else post(failure(e));
  } finally {
    if (controller === ctl) controller = null;
  }
}

scope.onmessage = (e: MessageEvent<ListsWorkerRequest>) => {
  if (e.data.type === 'cancel') controller?.abort();
  else void start(e.data);
};

import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { AuditPage, type AuditStatus } from '../../components/dashboard/AuditPage';
import { t } from '../../lib/i18n';
import { download, errorText } from './shared';
import { csvRow } from '../../lib/io';
import { addToSummary, emptySummary, reportCells, reportHeader, type AuditRow, type AuditSummary } from '../../lib/rules/audit';
import { loadImportedPackList } from '../../lib/settings/stored';
import { todayInChina } from '../../lib/text';
import type { AuditWorkerEvent, AuditWorkerRequest } from './audit.worker';

/** Rows reach the table at most this often while an audit runs (filtering 100k rows per batch would stall it). */
const FLUSH_MS = 250;
const EXPORT_CHUNK_CHARS = 1 << 20;

/** The report as the CLI writes it (UTF-8 with BOM, formula-like cells neutralised), built as Blob parts. */
function reportBlob(header: readonly string[], rows: readonly AuditRow[]): Blob {
  const parts: string[] = [`\uFEFF${csvRow(reportHeader({ cells: [...header] }))}\r\n`];
  let chunk = '';
  for (const row of rows) {
    chunk += `${csvRow(reportCells(row))}\r\n`;
    if (chunk.length >= EXPORT_CHUNK_CHARS) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

/** What the page shows of an audit, as it runs. */
interface AuditView {
  setStatus(s: AuditStatus): void;
  setRows(rows: readonly AuditRow[]): void;
  setSummary(s: AuditSummary): void;
  setUnknown(columns: readonly string[]): void;
  setSeriousLists(n: number): void;
  /** the file's header row, for the report */
  setHeader(cells: string[]): void;
}

/**
 * One run's progress: rows reach the table in batches at most every FLUSH_MS, the summary is counted as they
 * come. `isCurrent` says whether this run is still the page's (a newer file replaces it).
 */
function auditProgress(file: File, view: AuditView, isCurrent: () => boolean) {
  const started = performance.now();
  let all: AuditRow[] = [];
  let pending: AuditRow[] = [];
  const live = emptySummary();
  let bytes = { read: 0, total: file.size as number | null };
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    // a run replaced by another (a new file chosen) shows nothing more
    if (!isCurrent()) return;
    if (pending.length > 0) {
      all = all.concat(pending);
      pending = [];
      view.setRows(all);
    }
    view.setSummary({ ...live, counts: { ...live.counts }, unlisted: { ...live.unlisted } });
  };
  const running = (): AuditStatus => ({
    kind: 'running',
    fileName: file.name,
    rows: live.total,
    bytesRead: bytes.read,
    totalBytes: bytes.total,
    rowsPerSecond: live.total / Math.max(0.001, (performance.now() - started) / 1000),
  });
  const schedule = () => {
    timer ??= setTimeout(() => {
      flush();
      if (isCurrent()) view.setStatus(running());
    }, FLUSH_MS);
  };
  return {
    running,
    rows(rows: readonly AuditRow[]) {
      for (const r of rows) addToSummary(live, r);
      pending.push(...rows);
      schedule();
    },
    bytes(read: number, total: number | null) {
      bytes = { read, total };
      schedule();
    },
    /** the run has ended: what is pending is shown, then its end */
    end(next: AuditStatus) {
      flush();
      view.setStatus(next);
    },
    seconds: () => (performance.now() - started) / 1000,
    total: () => live.total,
  };
}

/** Shows one worker event of a run judging as of `at`; `finish` ends the run with a status. */
function onAuditEvent(
  ev: AuditWorkerEvent,
  { file, at }: { file: File; at: string },
  run: ReturnType<typeof auditProgress>,
  view: AuditView,
  finish: (s: AuditStatus) => void,
) {
  switch (ev.type) {
    case 'header':
      view.setHeader(ev.cells);
      view.setUnknown(ev.unknown);
      break;
    case 'lists':
      view.setSeriousLists(ev.serious);
      break;
    case 'bytes':
      run.bytes(ev.read, ev.total ?? null);
      break;
    case 'rows':
      run.rows(ev.rows);
      break;
    case 'done':
      finish({ kind: 'done', fileName: file.name, seconds: run.seconds(), at });
      break;
    case 'cancelled':
      finish({ kind: 'cancelled', fileName: file.name, rows: run.total(), at });
      break;
    case 'error':
      finish({ kind: 'error', fileName: file.name, message: ev.message });
      break;
  }
}

/** The audit of one file at a time in its worker (audit.worker.ts), and what it has found so far. */
function useAudit(at: string) {
  const [status, setStatus] = useState<AuditStatus>({ kind: 'idle' });
  const [rows, setRows] = useState<readonly AuditRow[]>([]);
  const [summary, setSummary] = useState<AuditSummary | null>(null);
  const [unknown, setUnknown] = useState<readonly string[]>([]);
  const [seriousLists, setSeriousLists] = useState<number | null>(null);
  const worker = useRef<Worker | null>(null);
  const header = useRef<string[]>([]);
  const fileName = useRef('');

  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const onFile = useCallback(
    async (file: File) => {
      let importedPacks: unknown[];
      try {
        importedPacks = await loadImportedPackList();
      } catch (e) {
        // no run starts, and an earlier file's results are not left under this file's name
        stop();
        setRows([]);
        setSummary(null);
        return setStatus({ kind: 'error', fileName: file.name, message: t('audit_error_packs', [errorText(e)]) });
      }
      stop();
      const w = new Worker(new URL('./audit.worker.ts', import.meta.url), { type: 'module' });
      worker.current = w;
      fileName.current = file.name;
      header.current = [];
      const setHeader = (cells: string[]) => (header.current = cells);
      const view: AuditView = { setStatus, setRows, setSummary, setUnknown, setSeriousLists, setHeader };
      const isCurrent = () => worker.current === w;
      const run = auditProgress(file, view, isCurrent);
      const finish = (next: AuditStatus) => {
        run.end(next);
        if (isCurrent()) stop();
      };
      setRows([]);
      setSummary(emptySummary());
      setUnknown([]);
      setSeriousLists(null);
      setStatus(run.running());
      w.onmessage = (e: MessageEvent<AuditWorkerEvent>) => {
        if (isCurrent()) onAuditEvent(e.data, { file, at }, run, view, finish);
      };
      w.onerror = (e) => {
        e.preventDefault();
        if (isCurrent()) finish({ kind: 'error', fileName: file.name, message: e.message || t('audit_error_worker') });
      };
      const locale = browser.i18n.getUILanguage();
      const req: AuditWorkerRequest = { type: 'start', file, at, locale, importedPacks };
      w.postMessage(req);
    },
    [at, stop],
  );

  const onCancel = useCallback(() => {
    const req: AuditWorkerRequest = { type: 'cancel' };
    worker.current?.postMessage(req);
  }, []);

  const onExport = useCallback((shown: readonly AuditRow[]) => {
    const base = fileName.current.replace(/\.[^.]+$/, '') || 'cases';
    const blob = reportBlob(header.current, shown);
    download(blob, `${base}.audit.csv`, blob.type);
  }, []);

  return { status, rows, summary, unknown, seriousLists, onFile, onCancel, onExport };
}

/** 批量核查: a case export audited in a worker, its rows shown as they come. */
export function AuditContainer() {
  const [at, setAt] = useState(() => todayInChina());
  const audit = useAudit(at);
  return (
    <AuditPage
      t={t}
      status={audit.status}
      at={at}
      onAt={setAt}
      rows={audit.rows}
      summary={audit.summary}
      unknownColumns={audit.unknown}
      seriousLists={audit.seriousLists}
      onFile={(f) => void audit.onFile(f)}
      onCancel={audit.onCancel}
      onExport={audit.onExport}
    />
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { AuditPage, type AuditStatus } from '../../components/dashboard/AuditPage';
import { t } from '../../lib/i18n';
import { download } from './shared';
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

export function AuditContainer() {
  const [at, setAt] = useState(() => todayInChina());
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
      const importedPacks = await loadImportedPackList();
      stop();
      const w = new Worker(new URL('./audit.worker.ts', import.meta.url), { type: 'module' });
      worker.current = w;
      fileName.current = file.name;
      header.current = [];
      const started = performance.now();
      let all: AuditRow[] = [];
      let pending: AuditRow[] = [];
      const live = emptySummary();
      let bytes = { read: 0, total: file.size as number | null };
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = () => {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        if (pending.length > 0) {
          all = all.concat(pending);
          pending = [];
          setRows(all);
        }
        setSummary({ ...live, counts: { ...live.counts }, unlisted: { ...live.unlisted } });
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
          if (worker.current === w) setStatus(running());
        }, FLUSH_MS);
      };
      const finish = (next: AuditStatus) => {
        flush();
        setStatus(next);
        if (worker.current === w) stop();
      };
      setRows([]);
      setSummary(emptySummary());
      setUnknown([]);
      setSeriousLists(null);
      setStatus(running());
      w.onmessage = (e: MessageEvent<AuditWorkerEvent>) => {
        if (worker.current !== w) return;
        const ev = e.data;
        switch (ev.type) {
          case 'header':
            header.current = ev.cells;
            setUnknown(ev.unknown);
            break;
          case 'lists':
            setSeriousLists(ev.serious);
            break;
          case 'bytes':
            bytes = { read: ev.read, total: ev.total ?? null };
            schedule();
            break;
          case 'rows':
            for (const r of ev.rows) addToSummary(live, r);
            pending.push(...ev.rows);
            schedule();
            break;
          case 'done':
            finish({ kind: 'done', fileName: file.name, seconds: (performance.now() - started) / 1000 });
            break;
          case 'cancelled':
            finish({ kind: 'cancelled', fileName: file.name, rows: live.total });
            break;
          case 'error':
            finish({ kind: 'error', fileName: file.name, message: ev.message });
            break;
        }
      };
      w.onerror = (e) => {
        e.preventDefault();
        if (worker.current === w) finish({ kind: 'error', fileName: file.name, message: e.message || t('audit_error_worker') });
      };
      const req: AuditWorkerRequest = {
        type: 'start',
        file,
        at,
        locale: browser.i18n.getUILanguage(),
        importedPacks,
      };
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

  return (
    <AuditPage
      t={t}
      status={status}
      at={at}
      onAt={setAt}
      rows={rows}
      summary={summary}
      unknownColumns={unknown}
      seriousLists={seriousLists}
      onFile={(f) => void onFile(f)}
      onCancel={onCancel}
      onExport={onExport}
    />
  );
}

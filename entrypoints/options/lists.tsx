import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { type FieldOption, type ImportStatus, kindKey, type WizardProps, type WizardState } from '../../components/dashboard/ImportWizard';
import { ListsPage, type ListsSearch, type SearchHitView } from '../../components/dashboard/ListsPage';
import { type CreditDb, type ListKind, type ListMeta, purgePendingLists } from '../../lib/db';
import {
  type ColumnMapping,
  type FieldName,
  type FlaggedRow,
  type InvalidRow,
  KEY_DOMAIN_SECTION_TITLES,
  REQUIRED_FIELDS,
  type SearchHit,
  detectMapping,
  exportList,
  kindFields,
  listSummaries,
  locateHeader,
  missingColumns,
  removeList,
  searchLists,
  listingYearsAt,
  seriousStatusAt,
} from '../../lib/entities';
import { t } from '../../lib/i18n';
import { joinMessages, wordMessage, userMessage, type MessageKey, type UserMessage } from '../../lib/messages';
import { type CsvRecord, csvRow } from '../../lib/io';
import { addYears, todayInChina } from '../../lib/text';
import { dashboardDb, download, errorText, fileSafe } from './shared';
import { useLive } from './live';
import type { ListsWorkerEvent, ListsWorkerRequest } from './lists.worker';
import { loadEffectivePacks } from '../../lib/settings/stored';

const SEARCH_LIMIT = 50;
const SEARCH_DEBOUNCE_MS = 300;
const CSV_TYPE = 'text/csv;charset=utf-8';

// ── the wizard's state lives at module level: switching dashboard pages unmounts the container, and an
//    import running in its worker must survive that (and show its progress again on return) ──

/** A new list's name until the user types one: its kind and today's date, e.g. 严重违法失信名单 2026-12-03. */
const defaultName = (kind: ListKind): string => `${t(kindKey(kind))} ${todayInChina()}`;

const initialState = (kind: ListKind = 'serious'): WizardState => ({
  kind,
  name: defaultName(kind),
  replaceId: '',
  dataDate: '',
  fileName: null,
  fileSize: null,
  preview: null,
  columns: [],
  status: { kind: 'idle' },
});

let state: WizardState = initialState();
/** the name is the default one (not edited since) */
let autoName = true;
let file: File | null = null;
let worker: Worker | null = null;
const listeners = new Set<() => void>();

function setState(next: Partial<WizardState> | ((s: WizardState) => Partial<WizardState>)): void {
  state = { ...state, ...(typeof next === 'function' ? next(state) : next) };
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function stopWorker(): void {
  worker?.terminate();
  worker = null;
}

function startWorker(req: Exclude<ListsWorkerRequest, { type: 'cancel' }>, onEvent: (e: ListsWorkerEvent) => void): void {
  stopWorker();
  const w = new Worker(new URL('./lists.worker.ts', import.meta.url), { type: 'module' });
  worker = w;
  w.onmessage = (e: MessageEvent<ListsWorkerEvent>) => {
    if (worker === w) onEvent(e.data);
  };
  w.onerror = (e) => {
    e.preventDefault();
    if (worker !== w) return;
    stopWorker();
    const message = e.message ? userMessage('common_error', e.message) : userMessage('import_error_worker');
    onEvent({ type: 'error', message, source: 'unexpected', invalid: [], invalidCount: 0 });
  };
  w.postMessage(req);
}

const baseName = (name: string): string => name.replace(/\.[^.]+$/, '').trim();

/** The default name again, for the current kind and date, unless the user typed one. */
function refreshName(kind: ListKind): Partial<WizardState> {
  if (!autoName && state.name.trim() !== '') return {};
  autoName = true;
  return { name: defaultName(kind) };
}

/** Field per column of the header row, as detected from the titles. */
function detectColumns(kind: ListKind, header: readonly string[]): (FieldName | '')[] {
  const { mapping } = detectMapping(kind, header, state.dataDate ? { dataDate: state.dataDate } : {});
  const columns: (FieldName | '')[] = header.map(() => '');
  for (const [field, col] of Object.entries(mapping) as [FieldName, number][]) columns[col] = field;
  return columns;
}

/** The header record: the first whose titles give every required column, else the first non-blank one. */
function headerIndexFor(kind: ListKind, records: readonly CsvRecord[]): number {
  const found = locateHeader(kind, records, state.dataDate ? { dataDate: state.dataDate } : {});
  if (found) return found.index;
  const first = records.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
  return Math.max(0, first);
}

function mappingOf(columns: readonly (FieldName | '')[]): ColumnMapping {
  const m: ColumnMapping = {};
  columns.forEach((f, i) => {
    if (f) m[f] = i;
  });
  return m;
}

const actions = {
  kind(kind: ListKind) {
    setState(refreshName(kind));
    setState((s) => {
      if (!s.preview) return { kind, replaceId: '' };
      const headerIndex = headerIndexFor(kind, s.preview.records);
      return {
        kind,
        replaceId: '',
        preview: { ...s.preview, headerIndex },
        columns: detectColumns(kind, s.preview.records[headerIndex]?.cells ?? []),
      };
    });
  },
  name(name: string) {
    autoName = false;
    setState({ name });
  },
  file(f: File) {
    file = f;
    setState(refreshName(state.kind));
    setState({ fileName: f.name, fileSize: f.size, preview: null, columns: [], status: { kind: 'reading', fileName: f.name } });
    startWorker({ type: 'preview', file: f }, (e) => {
      if (e.type === 'preview') {
        stopWorker();
        if (e.records.length === 0) {
          setState({ status: { kind: 'unreadable', fileName: f.name, message: t('import_error_noRows') } });
          return;
        }
        const headerIndex = headerIndexFor(state.kind, e.records);
        setState({
          preview: { records: e.records, headerIndex },
          columns: detectColumns(state.kind, e.records[headerIndex]!.cells),
          status: { kind: 'idle' },
        });
      } else if (e.type === 'error') {
        stopWorker();
        setState({ status: { kind: 'unreadable', fileName: f.name, message: wordMessage(e.message, t) } });
      }
    });
  },
  headerRow(index: number) {
    setState((s) => {
      if (!s.preview) return {};
      return { preview: { ...s.preview, headerIndex: index }, columns: detectColumns(s.kind, s.preview.records[index]?.cells ?? []) };
    });
  },
  columnField(column: number, field: FieldName | '') {
    setState((s) => {
      const columns = s.columns.slice();
      while (columns.length <= column) columns.push('');
      // a field comes from one column: choosing it here takes it from the other
      if (field) for (let i = 0; i < columns.length; i++) if (columns[i] === field) columns[i] = '';
      columns[column] = field;
      return { columns };
    });
  },
  start() {
    const s = state;
    const header = s.preview?.records[s.preview.headerIndex];
    if (!file || !header) return;
    const started: ImportStatus = {
      kind: 'running',
      rows: 0,
      invalid: 0,
      rowsPerSecond: 0,
      bytesRead: 0,
      totalBytes: file.size,
      cancelling: false,
    };
    setState({ status: started });
    startWorker(
      {
        type: 'import',
        file,
        kind: s.kind,
        name: s.name.trim(),
        headerLine: header.line,
        headers: header.cells,
        mapping: mappingOf(s.columns),
        ...(s.dataDate ? { dataDate: s.dataDate } : {}),
        ...(s.replaceId ? { replaceListId: s.replaceId } : {}),
      },
      (e) => {
        switch (e.type) {
          case 'progress':
            setState((cur) => ({
              status: {
                kind: 'running',
                rows: e.rows,
                invalid: e.invalid,
                rowsPerSecond: e.rowsPerSecond,
                bytesRead: e.bytesRead,
                totalBytes: e.totalBytes,
                cancelling: cur.status.kind === 'running' && cur.status.cancelling,
              },
            }));
            break;
          case 'done':
            stopWorker();
            file = null;
            autoName = true;
            setState({
              status: { kind: 'done', result: e.result, seconds: e.seconds },
              name: defaultName(state.kind),
              preview: null,
              columns: [],
              replaceId: '',
            });
            break;
          case 'cancelled':
            stopWorker();
            setState({ status: { kind: 'cancelled' } });
            break;
          case 'error':
            stopWorker();
            setState({
              status: {
                kind: 'failed',
                message:
                  e.source === 'complete'
                    ? wordMessage(e.message, t)
                    : t(e.source === 'file' ? 'import_error_file' : 'import_error_unexpected', [wordMessage(e.message, t)]),
                invalid: e.invalid,
                invalidCount: e.invalidCount,
              },
            });
            break;
          case 'preview':
            break;
        }
      },
    );
  },
  cancel() {
    if (state.status.kind !== 'running' || !worker) return;
    const req: ListsWorkerRequest = { type: 'cancel' };
    worker.postMessage(req);
    setState({ status: { ...state.status, cancelling: true } });
  },
  reset() {
    stopWorker();
    file = null;
    autoName = true;
    state = initialState(state.kind);
    setState({});
  },
};

// A closing tab would lose the import (the pending list is cleared at the next start): ask first.
window.addEventListener('beforeunload', (e) => {
  if (state.status.kind === 'running') e.preventDefault();
});

// ── helpers of the container ──

function reportCsv(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return '\uFEFF' + [head, ...rows].map((r) => csvRow(r)).join('\r\n') + '\r\n';
}

/** A row's problems in the user's language, one sentence. */
const rowProblems = (errors: readonly UserMessage[]): string => wordMessage(joinMessages('common_joinClauses', errors), t);

function downloadInvalid(rows: readonly InvalidRow[]): void {
  const name = baseName(state.fileName ?? '') || 'list';
  download(
    reportCsv(
      [t('import_invalid_col_line'), t('import_invalid_col_reason')],
      rows.map((r) => [r.line, rowProblems(r.errors)]),
    ),
    t('import_invalid_fileName', [fileSafe(name)]),
    CSV_TYPE,
  );
}

function downloadFlagged(rows: readonly FlaggedRow[]): void {
  const name = baseName(state.fileName ?? '') || 'list';
  download(
    reportCsv(
      [t('import_invalid_col_line'), t('import_flagged_col_code'), t('import_flagged_col_problem')],
      rows.map((r) => [r.line, r.code, wordMessage(r.reason, t)]),
    ),
    t('import_flagged_fileName', [fileSafe(name)]),
    CSV_TYPE,
  );
}

function fieldOptions(kind: ListKind): FieldOption[] {
  const required = new Set(REQUIRED_FIELDS[kind].flat());
  return kindFields(kind).map((field) => ({ field, label: fieldTitle(kind, field), required: required.has(field) }));
}

// Field titles of their own for kinds where the generic one would be vague (the date of a commitment breach …).
const KIND_FIELD_TITLES: Partial<Record<ListKind, Partial<Record<FieldName, MessageKey>>>> = {
  commitment: { date: 'import_field_date_commitment' },
  risk: { date: 'import_field_date_risk' },
  'penalty-history': { date: 'import_field_date_penalty_history' },
};

/** A list field's title in the interface's language: the kind's own where the generic one would be vague. */
function fieldTitle(kind: ListKind, field: FieldName): string {
  const specific = KIND_FIELD_TITLES[kind]?.[field];
  return t(specific ?? `import_field_${field}`);
}

/** What a found row says today, as a message code and parameters; a listing lasts `years` (the pack in force). */
function hitStatus(hit: SearchHit, today: string, years: number): SearchHitView['status'] {
  const row = hit.row;
  switch (row.kind) {
    case 'serious': {
      const st = seriousStatusAt([{ ...row, listId: hit.listId, listName: hit.listName, matchedBy: hit.matchedBy }], today, years);
      if (st.record) return { code: 'serious_on', params: [row.listingDate, st.record.until] };
      if (row.listingDate > today) return { code: 'serious_future', params: [row.listingDate] };
      const expires = addYears(row.listingDate, years);
      if (row.removalDate !== null && row.removalDate < expires)
        return { code: 'serious_removed', params: [row.listingDate, row.removalDate] };
      return { code: 'serious_expired', params: [row.listingDate, expires] };
    }
    case 'commitment':
      return { code: row.repaired ? 'commitment_repaired' : 'commitment_unrepaired', params: [row.date, row.matter] };
    case 'key-domain':
      return { code: 'key_domain', params: [row.section ? KEY_DOMAIN_SECTION_TITLES[row.section] : '', row.licenceNo] };
    case 'risk':
      return { code: 'risk', params: [row.riskClass, row.date] };
    case 'penalty-history':
      return { code: row.creditRepaired ? 'penalty_repaired' : 'penalty', params: [row.decisionNo, row.date] };
  }
}

/** A found row as the page shows it. */
const hitView = (h: SearchHit, today: string, years: number): SearchHitView => ({
  key: `${h.listId}:${h.row.line}`,
  listName: h.listName,
  kind: h.kind,
  name: h.row.name,
  code: h.row.code,
  codeOk: h.row.codeOk,
  matchedBy: h.matchedBy,
  line: h.row.line,
  status: hitStatus(h, today, years),
});

/** Search over the lists as the user types, once they pause; again when a list comes or goes (`listIds`). */
function useListSearch(db: CreditDb, listIds: string) {
  const [search, setSearch] = useState<ListsSearch>({ query: '', hits: null, busy: false, error: null, limit: SEARCH_LIMIT });
  const searchSeq = useRef(0);

  const runSearch = useCallback(
    (query: string) => {
      const seq = ++searchSeq.current;
      if (query.trim() === '') {
        setSearch((s) => ({ ...s, hits: null, busy: false, error: null }));
        return;
      }
      setSearch((s) => ({ ...s, busy: true, error: null }));
      const today = todayInChina();
      // the listing period of the pack in force, as the overlay and the audit count it
      Promise.all([searchLists(db, query.trim(), SEARCH_LIMIT), loadEffectivePacks()]).then(
        ([hits, packs]) => {
          const years = listingYearsAt(packs, today);
          if (seq === searchSeq.current) setSearch((s) => ({ ...s, hits: hits.map((h) => hitView(h, today, years)), busy: false }));
        },
        (e: unknown) => {
          if (seq === searchSeq.current) setSearch((s) => ({ ...s, hits: null, busy: false, error: errorText(e) }));
        },
      );
    },
    [db],
  );

  useEffect(() => {
    const timer = setTimeout(() => runSearch(search.query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search.query, listIds, runSearch]);

  return { search, onSearch: (query: string) => setSearch((s) => ({ ...s, query })) };
}

/** Exporting and removing a list; `action` is the one running or the last that failed. */
function useListActions(db: CreditDb, lists: readonly ListMeta[] | null) {
  const [action, setAction] = useState<{ listId: string; kind: 'export' | 'remove'; error?: string } | null>(null);

  const onExport = useCallback(
    async (id: string) => {
      const list = lists?.find((l) => l.id === id);
      if (!list) return;
      setAction({ listId: id, kind: 'export' });
      try {
        // ~1 MB pieces: a million-row list would otherwise be two million small strings before the join
        const parts: string[] = [];
        let part = '\uFEFF';
        for await (const row of exportList(db, id)) {
          part += csvRow(row) + '\r\n';
          if (part.length >= 1 << 20) {
            parts.push(part);
            part = '';
          }
        }
        parts.push(part);
        download(parts.join(''), `${fileSafe(list.name)}.csv`, CSV_TYPE);
        setAction(null);
      } catch (e) {
        setAction({ listId: id, kind: 'export', error: t('lists_export_failed', [list.name, errorText(e)]) });
      }
    },
    [db, lists],
  );

  const onRemove = useCallback(
    async (id: string) => {
      const list = lists?.find((l) => l.id === id);
      setAction({ listId: id, kind: 'remove' });
      try {
        await removeList(db, id);
        if (state.replaceId === id) setState({ replaceId: '' });
        setAction(null);
      } catch (e) {
        setAction({ listId: id, kind: 'remove', error: t('lists_remove_failed', [list?.name ?? id, errorText(e)]) });
      }
    },
    [db, lists],
  );

  return { action, onExport, onRemove };
}

/** The wizard's props: its state and what the page derives from it. */
function useWizardProps(wizard: WizardState, lists: readonly ListMeta[] | null): WizardProps {
  const mapping = useMemo(() => mappingOf(wizard.columns), [wizard.columns]);
  const missing = useMemo(
    () => (wizard.preview ? missingColumns(wizard.kind, mapping, wizard.dataDate ? { dataDate: wizard.dataDate } : {}) : []),
    [wizard.preview, wizard.kind, mapping, wizard.dataDate],
  );
  const fields = useMemo(() => fieldOptions(wizard.kind), [wizard.kind]);
  const replaceOptions = useMemo(
    () => (lists ?? []).filter((l) => l.kind === wizard.kind).map((l) => ({ id: l.id, name: l.name, rowCount: l.rowCount })),
    [lists, wizard.kind],
  );
  return {
    t,
    state: wizard,
    fields,
    missing,
    replaceOptions,
    onKind: actions.kind,
    onName: actions.name,
    onReplace: (replaceId) => setState({ replaceId }),
    onDataDate: (dataDate) => setState({ dataDate }),
    onFile: actions.file,
    onHeaderRow: actions.headerRow,
    onColumnField: actions.columnField,
    onStart: actions.start,
    onCancel: actions.cancel,
    onReset: actions.reset,
    onDownloadInvalid: downloadInvalid,
    onDownloadFlagged: downloadFlagged,
  };
}

let purged = false;

/** 名单 page: the import wizard (its work in lists.worker.ts), the imported lists, search, export, removal. */
export function ListsContainer() {
  const db = dashboardDb();
  const wizard = useSyncExternalStore(subscribe, () => state);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (purged) return;
    purged = true;
    // an import cut short in a closed tab or a killed browser left a pending list: never half-active
    void purgePendingLists(db).catch(() => undefined);
  }, [db]);

  const live = useLive(() => listSummaries(db), [db, version]);
  const lists = live.value ?? null;

  // the worker writes through its own connection: read again when an import ends
  const status = wizard.status.kind;
  useEffect(() => {
    if (status === 'done') setVersion((v) => v + 1);
  }, [status]);

  const { search, onSearch } = useListSearch(db, lists?.map((l) => l.id).join() ?? '');
  const { action, onExport, onRemove } = useListActions(db, lists);
  const wizardProps = useWizardProps(wizard, lists);

  return (
    <ListsPage
      t={t}
      wizard={wizardProps}
      lists={lists}
      listsError={live.error}
      action={action}
      onExport={(id) => void onExport(id)}
      onRemove={(id) => void onRemove(id)}
      search={search}
      onSearch={onSearch}
    />
  );
}

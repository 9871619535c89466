import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  EMPTY_FILTERS,
  LedgerPage,
  LedgerTabs,
  type LedgerEdit,
  type LedgerFilters,
  type LedgerTab,
} from '../../components/dashboard/LedgerPage';
import {
  PeriodPicker,
  ScopePicker,
  StatsTablePanel,
  quickPeriod,
  type Period,
  type StatsExportKind,
  type StatsScope,
} from '../../components/dashboard/StatsTablePanel';
import { MergePanel, type MergeChoices, type MergeFileState } from '../../components/dashboard/MergePanel';
import { ChartsPanel } from '../../components/dashboard/Charts';
import { versionStamp, type CreditDb, type LedgerCase } from '../../lib/db';
import { t } from '../../lib/i18n';
import { wordMessage } from '../../lib/messages';
import {
  LedgerError,
  applyMerge,
  caseHistory,
  countingRules,
  deleteCases,
  exportLedgerFile,
  ledgerCharts,
  parseLedgerFile,
  planMergeFromDb,
  queryLedger,
  recordedUnits,
  statsTableCsv,
  statsTableHtml,
  statsTableXlsx,
  tallyTableFromDb,
  updateCase,
  type ContentField,
  type LedgerFile,
  type MergeChoice,
  type LedgerQuery,
  type ClearableField,
  type MergePlan,
  type RecordInput,
  type StatsTable,
} from '../../lib/ledger';
import type { Settings } from '../../lib/settings';
import { todayInChina } from '../../lib/text';
import { dashboardDb, download, errorText, fileSafe } from './shared';
import { useLive } from './live';
import { useEffectiveSettings } from './settings';
import { usePendingUndos, type PendingUndos } from './undo';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/**
 * Opens the print view in a new tab through a Blob URL and prints it from here: the extension's CSP allows
 * no inline script in that page. Resolves false when the browser blocked the new window.
 */
function printHtml(html: string): boolean {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  const w = window.open(url, '_blank');
  if (!w) {
    URL.revokeObjectURL(url);
    return false;
  }
  const started = Date.now();
  const timer = setInterval(() => {
    let loaded: boolean;
    try {
      loaded = w.document.URL === url && w.document.readyState === 'complete';
    } catch {
      clearInterval(timer);
      return;
    }
    if (loaded) {
      clearInterval(timer);
      w.focus();
      w.print();
    } else if (w.closed || Date.now() - started > 15_000) {
      clearInterval(timer);
    }
  }, 100);
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
  return true;
}

const PAGE_SIZE = 50;
const FAR_PAST = '1900-01-01';
const FAR_FUTURE = '2199-12-31';

function toQuery(f: LedgerFilters): LedgerQuery {
  const q: LedgerQuery = { dateField: f.dateField, unlistedOnly: f.unlistedOnly };
  if (f.from || f.to) q.period = { from: f.from || FAR_PAST, to: f.to || FAR_FUTURE };
  if (f.text.trim()) q.text = f.text.trim();
  if (f.domain) q.domain = f.domain;
  if (f.verdict) q.verdict = f.verdict;
  if (f.unit) q.unit = f.unit;
  return q;
}

/**
 * The row editor's answers as a save: what the handler emptied is named in `cleared` (an empty value alone
 * keeps the recorded one), and the editing unit and person from settings say who changed it.
 */
function editPatch(c: LedgerCase, edit: LedgerEdit, author: { unit: string; recorder: string }): RecordInput {
  const cleared: ClearableField[] = [];
  if (c.listingDecision !== null && edit.listingDecision === null) cleared.push('listingDecision');
  for (const f of ['listingDate', 'exposureDate', 'repeatPublicityDate'] as const) {
    if (c[f] !== null && edit[f].trim() === '') cleared.push(f);
  }
  return {
    listingDecision: edit.listingDecision,
    listingDate: edit.listingDate,
    exposureDate: edit.exposureDate,
    repeatPublicityDate: edit.repeatPublicityDate,
    ...(edit.domain !== c.domain ? { domain: edit.domain, domainSource: 'user' as const } : {}),
    cleared,
    unit: author.unit,
    recorder: author.recorder,
  };
}

interface LedgerTableContext {
  db: CreditDb;
  units: readonly string[];
  author: { unit: string; recorder: string };
  /** kept by the container: what this page is undoing stays hidden across a look at another tab */
  undos: PendingUndos;
}

function LedgerTableTab({ db, units, author, undos }: LedgerTableContext) {
  const [filters, setFilters] = useState<LedgerFilters>(EMPTY_FILTERS);
  const [page, setPage] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const query = useDebounced(filters, 200);
  const q = useMemo(() => toQuery(query), [query]);
  const live = useLive(() => queryLedger(db, { ...q, limit: PAGE_SIZE, offset: page * PAGE_SIZE }), [db, q, page]);
  const total = live.value?.total ?? 0;
  useEffect(() => {
    // Deleting the last rows of the last page: step back to a page that has rows.
    if (live.value && page > 0 && page * PAGE_SIZE >= total) setPage(Math.max(0, Math.ceil(total / PAGE_SIZE) - 1));
  }, [live.value, page, total]);

  const onSave = useCallback(
    async (c: LedgerCase, edit: LedgerEdit) => {
      try {
        await updateCase(db, c.id, editPatch(c, edit, author), { expectedRevision: c.revision, expectedVersion: versionStamp(c) });
        setNotice(null);
        return null;
      } catch (e) {
        return errorText(e);
      }
    },
    [db, author],
  );

  const loadHistory = useCallback(async (c: LedgerCase) => caseHistory(db, c.id), [db]);

  return (
    <LedgerPage
      t={t}
      filters={filters}
      onFilters={(f) => {
        setFilters(f);
        setPage(0);
      }}
      units={units}
      rows={live.value?.rows ?? []}
      total={total}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
      loading={live.loading}
      error={actionError ?? live.error ?? undos.error}
      onSave={onSave}
      loadHistory={loadHistory}
      onDelete={(c) => {
        setActionError(null);
        deleteCases(db, [c.id]).then(
          () => setNotice(null),
          (e: unknown) => setActionError(errorText(e)),
        );
      }}
      undo={undos.pending[0] ? { ...undos.pending[0], pending: undos.pending.length } : null}
      onUndo={() => {
        setActionError(null);
        undos.undoNewest()?.then(
          (r) =>
            setNotice(
              r.skipped.length
                ? t('ledger_undoneSkipped', [String(r.restored), String(r.skipped.length)])
                : t('ledger_undone', [String(r.restored)]),
            ),
          (e: unknown) => setActionError(errorText(e)),
        );
      }}
      onDismissUndo={() => {
        setActionError(null);
        undos.dismiss().catch((e: unknown) => setActionError(errorText(e)));
      }}
      notice={notice}
    />
  );
}

interface StatsContext {
  db: CreditDb;
  settings: Settings;
  today: string;
  period: Period;
  setPeriod(p: Period): void;
  scope: StatsScope;
  setScope(s: StatsScope): void;
  units: readonly string[];
}

/** The unit a scope counts, null for all. */
function scopeUnit(scope: StatsScope, settings: Settings): string | null {
  return scope.kind === 'own' ? settings.unitName : scope.kind === 'unit' ? scope.unit : null;
}

const uiLocale = (): 'zh' | 'en' => (browser.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh' : 'en');

function StatsTab({ db, settings, today, period, setPeriod, scope, setScope, units }: StatsContext) {
  const unit = scopeUnit(scope, settings);
  const [unitOverride, setUnitOverride] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const live = useLive<StatsTable>(
    () => tallyTableFromDb(db, { from: period.from, to: period.to, unit }),
    [db, period.from, period.to, unit],
  );
  const printed = unitOverride ?? (scope.kind === 'unit' ? scope.unit : settings.unitName);
  const rules = useMemo(() => countingRules(uiLocale()), []);

  const onExport = async (kind: StatsExportKind) => {
    const table = live.value;
    if (!table) return;
    setExportError(null);
    try {
      const opts = { unitName: printed };
      const base = t('stats_fileName', [fileSafe(printed), table.from, table.to]);
      if (kind === 'xlsx') {
        download(statsTableXlsx(table, opts), `${base}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      } else if (kind === 'csv') {
        download(statsTableCsv(table, opts), `${base}.csv`, 'text/csv;charset=utf-8');
      } else if (!printHtml(statsTableHtml(table, { ...opts, withRules: true }))) {
        setExportError(t('stats_printBlocked'));
      }
    } catch (e) {
      setExportError(errorText(e));
    }
  };

  return (
    <StatsTablePanel
      t={t}
      today={today}
      period={period}
      onPeriod={setPeriod}
      scope={scope}
      onScope={(s) => {
        setScope(s);
        setUnitOverride(null);
      }}
      ownUnit={settings.unitName}
      units={units}
      unitName={printed}
      onUnitName={setUnitOverride}
      table={live.error ? null : (live.value ?? null)}
      loading={live.loading}
      error={live.error}
      rules={rules}
      onExport={onExport}
      exportError={exportError}
    />
  );
}

function ChartsTab({ db, settings, today, period, setPeriod, scope, setScope, units }: StatsContext) {
  const unit = scopeUnit(scope, settings);
  const live = useLive(() => ledgerCharts(db, { from: period.from, to: period.to, unit }), [db, period.from, period.to, unit]);
  return (
    <ChartsPanel
      t={t}
      controls={
        <>
          <PeriodPicker t={t} period={period} onPeriod={setPeriod} today={today} />
          <ScopePicker t={t} scope={scope} onScope={setScope} ownUnit={settings.unitName} units={units} />
        </>
      }
      listings={live.error ? null : (live.value?.listings ?? null)}
      shares={live.error ? null : (live.value?.shares ?? null)}
      loading={live.loading}
      error={live.error}
    />
  );
}

interface QueuedFile {
  name: string;
  file: LedgerFile | null;
}

/** The picked files read and checked: each with its ledger, or null and why not. */
async function readLedgerFiles(picked: readonly File[]): Promise<{ queue: QueuedFile[]; states: MergeFileState[] }> {
  const queue: QueuedFile[] = [];
  const states: MergeFileState[] = [];
  for (const f of picked) {
    let text: string;
    try {
      text = await f.text();
    } catch {
      queue.push({ name: f.name, file: null });
      states.push({ name: f.name, status: 'invalid', error: t('merge_unreadable') });
      continue;
    }
    const r = await parseLedgerFile(text);
    queue.push({ name: f.name, file: r.ok ? r.file : null });
    states.push(
      r.ok
        ? { name: f.name, status: 'waiting', unit: r.file.unit, caseCount: r.file.caseCount }
        : { name: f.name, status: 'invalid', error: wordMessage(r.error, t) },
    );
  }
  return { queue, states };
}

/** One field's choice of a conflict; a choice made for the whole case before becomes the choice of each of its fields. */
function chooseField(choices: MergeChoices, plan: MergePlan | null, id: string, field: ContentField, choice: MergeChoice): MergeChoices {
  const prior = choices[id];
  const perField =
    typeof prior === 'string'
      ? Object.fromEntries((plan?.conflicts.find((x) => x.id === id)?.differences ?? []).map((f) => [f, prior]))
      : prior;
  return { ...choices, [id]: { ...perField, [field]: choice } };
}

/** Merging other units' files one at a time: each planned against the ledger as it is, reviewed, applied or skipped. */
function useMergeQueue(db: CreditDb, settings: Settings) {
  const [files, setFiles] = useState<MergeFileState[]>([]);
  const queue = useRef<QueuedFile[]>([]);
  const [current, setCurrent] = useState<number | null>(null);
  const [plan, setPlan] = useState<MergePlan | null>(null);
  const [choices, setChoices] = useState<MergeChoices>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const setStatus = (i: number, patch: Partial<MergeFileState>) => setFiles((fs) => fs.map((f, j) => (j === i ? { ...f, ...patch } : f)));

  // a plan that answers after other files were chosen, or the queue was cleared, belongs to no file shown
  const planning = useRef(0);

  /** Plans the first readable file from `start` on against the ledger as it is now. */
  const planFrom = async (start: number) => {
    const asked = ++planning.current;
    setPlan(null);
    setChoices({});
    const next = queue.current.findIndex((q, i) => i >= start && q.file !== null);
    if (next < 0) {
      setCurrent(null);
      return;
    }
    setCurrent(next);
    setStatus(next, { status: 'planning' });
    try {
      const planned = await planMergeFromDb(db, queue.current[next]!.file!);
      if (asked !== planning.current) return;
      setPlan(planned);
      setStatus(next, { status: 'ready' });
    } catch (e) {
      if (asked !== planning.current) return;
      setError(errorText(e));
      setStatus(next, { status: 'waiting' });
    }
  };

  const add = async (picked: File[]) => {
    setBusy(true);
    setError(null);
    try {
      const read = await readLedgerFiles(picked);
      planning.current++;
      queue.current = read.queue;
      setFiles(read.states);
      await planFrom(0);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!plan || current === null) return;
    setBusy(true);
    setError(null);
    setStatus(current, { status: 'applying' });
    try {
      const result = await applyMerge(db, plan, choices, { unit: settings.unitName, recorder: settings.recorderName });
      setStatus(current, { status: 'applied', result });
      await planFrom(current + 1);
    } catch (e) {
      setError(errorText(e));
      if (e instanceof LedgerError && e.code === 'stale') await planFrom(current);
      else setStatus(current, { status: 'ready' });
    }
    setBusy(false);
  };

  const skip = () => {
    if (current === null) return;
    setStatus(current, { status: 'skipped' });
    void planFrom(current + 1);
  };

  const clear = () => {
    planning.current++;
    queue.current = [];
    setFiles([]);
    setPlan(null);
    setCurrent(null);
    setError(null);
  };

  return { files, current, plan, choices, setChoices, busy, error, add, apply, skip, clear };
}

function MergeTab({ db, settings, today }: { db: CreditDb; settings: Settings; today: string }) {
  const merge = useMergeQueue(db, settings);
  const [exportError, setExportError] = useState<string | null>(null);
  const { plan } = merge;
  return (
    <MergePanel
      t={t}
      unitName={settings.unitName}
      onExport={(onlyOwn) => {
        setExportError(null);
        exportLedgerFile(db, settings.unitName, onlyOwn ? { onlyUnit: settings.unitName } : {}).then(
          (text) => download(text, `${t('ledger_fileName', [fileSafe(settings.unitName), today])}.json`, 'application/json'),
          (e: unknown) => setExportError(errorText(e)),
        );
      }}
      exportError={exportError}
      onFiles={(fs) => void merge.add(fs)}
      files={merge.files}
      current={merge.current}
      plan={plan}
      choices={merge.choices}
      onChoose={(id, field, choice) => merge.setChoices((c) => chooseField(c, plan, id, field, choice))}
      onChooseAll={(choice) => merge.setChoices(Object.fromEntries((plan?.conflicts ?? []).map((c) => [c.id, choice])))}
      onApply={() => void merge.apply()}
      onSkip={merge.skip}
      onClear={merge.clear}
      busy={merge.busy}
      error={merge.error}
    />
  );
}

/** 台账 page: the ledger, the statistics table, merging and charts, as tabs over one database connection. */
export function LedgerContainer() {
  const db = dashboardDb();
  // the unit in force (an administrator's locks it), as the background records the overlay's cases under
  const { settings, loaded } = useEffectiveSettings();
  const [tab, setTab] = useState<LedgerTab>('ledger');
  const today = todayInChina();
  const [period, setPeriod] = useState<Period>(() => quickPeriod('year', today));
  const [scopeChoice, setScope] = useState<StatsScope | null>(null);
  // Without a unit in settings "本单位" means nothing: count everything.
  const scope: StatsScope =
    scopeChoice && !(scopeChoice.kind === 'own' && !settings.unitName)
      ? scopeChoice
      : settings.unitName
        ? { kind: 'own' }
        : { kind: 'all' };
  const liveUnits = useLive(() => recordedUnits(db), [db]);
  const units = liveUnits.value ?? [];
  const author = useMemo(() => ({ unit: settings.unitName, recorder: settings.recorderName }), [settings.unitName, settings.recorderName]);
  const ctx: StatsContext = { db, settings, today, period, setPeriod, scope, setScope, units };
  const undos = usePendingUndos(db);
  // the unit and recorder go into files, merged entries and the scope: never the defaults shown while loading
  if (!loaded) return null;
  return (
    <LedgerTabs
      t={t}
      tab={tab}
      onTab={setTab}
      panels={{
        // The merge tab stays mounted: a plan being reviewed survives a look at the ledger.
        ledger: tab === 'ledger' && <LedgerTableTab db={db} units={units} author={author} undos={undos} />,
        stats: tab === 'stats' && <StatsTab {...ctx} />,
        merge: <MergeTab db={db} settings={settings} today={today} />,
        charts: tab === 'charts' && <ChartsTab {...ctx} />,
      }}
    />
  );
}

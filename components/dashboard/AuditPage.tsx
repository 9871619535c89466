import { useMemo, useState, type DragEvent } from 'react';
import type { Translate } from '../Overlay';
import type { AuditRow, AuditSummary } from '../../lib/rules/audit';
import { compareVerdicts, VERDICT_LABELS, VERDICTS, type Verdict } from '../../lib/rules/verdicts';
import { MixedText } from './Data';
import { VerdictOptions } from './VerdictOptions';
import { FileChooser, type ChosenFile } from './FileChooser';
import { joinWords } from '../../lib/messages';

/** What the audit is doing, as the container tells it. */
export type AuditStatus =
  | { kind: 'idle' }
  | { kind: 'running'; fileName: string; rows: number; bytesRead: number; totalBytes: number | null; rowsPerSecond: number }
  // `at`: the date the run judged by, which the page's date may no longer be
  | { kind: 'done'; fileName: string; seconds: number; at: string }
  | { kind: 'cancelled'; fileName: string; rows: number; at: string }
  | { kind: 'error'; fileName: string; message: string };

type UnlistedFilter = '' | 'any' | 'yes' | 'possible';
type SortKey = 'line' | 'decisionNo' | 'partyName' | 'verdict' | 'unlisted';
type Sort = { key: SortKey; desc: boolean };

const UNLISTED_RANK: Record<AuditRow['unlisted'], number> = { yes: 0, possible: 1, no: 2 };
const AUDIT_PAGE_SIZE = 100;

const collator = new Intl.Collator('zh-CN', { numeric: true });
const NOWRAP = { whiteSpace: 'nowrap' } as const;

function compareRows(key: SortKey): (a: AuditRow, b: AuditRow) => number {
  switch (key) {
    case 'line':
      return (a, b) => a.line - b.line;
    case 'verdict':
      return (a, b) => compareVerdicts(a.verdict, b.verdict) || a.line - b.line;
    case 'unlisted':
      return (a, b) => UNLISTED_RANK[a.unlisted] - UNLISTED_RANK[b.unlisted] || compareVerdicts(a.verdict, b.verdict) || a.line - b.line;
    default:
      return (a, b) => collator.compare(a[key], b[key]) || a.line - b.line;
  }
}

/** The rows as shown: filtered by verdict and 应列未列, sorted by a column, a page at a time. */
function useAuditView(rows: readonly AuditRow[]) {
  const [unlisted, setUnlisted] = useState<UnlistedFilter>('');
  const [verdict, setVerdict] = useState<Verdict | ''>('');
  const [sort, setSort] = useState<Sort>({ key: 'line', desc: false });
  const [page, setPage] = useState(0);
  const shown = useMemo(() => {
    const out = rows.filter(
      (r) =>
        (verdict === '' || r.verdict === verdict) &&
        (unlisted === '' || (unlisted === 'any' ? r.unlisted !== 'no' : r.unlisted === unlisted)),
    );
    if (sort.key !== 'line' || sort.desc) {
      const cmp = compareRows(sort.key);
      out.sort(sort.desc ? (a, b) => cmp(b, a) : cmp);
    }
    return out;
  }, [rows, verdict, unlisted, sort]);
  const pages = Math.max(1, Math.ceil(shown.length / AUDIT_PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = shown.slice(current * AUDIT_PAGE_SIZE, (current + 1) * AUDIT_PAGE_SIZE);
  const sortBy = (key: SortKey) => {
    setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }));
    setPage(0);
  };
  return { unlisted, setUnlisted, verdict, setVerdict, sort, sortBy, setPage, shown, pages, current, visible };
}

type AuditView = ReturnType<typeof useAuditView>;

/** The file to audit, chosen or dropped, and the date for rows without a decision date. */
function UploadCard({
  t,
  at,
  onAt,
  running,
  chosen,
  take,
}: {
  t: Translate;
  at: string;
  onAt(at: string): void;
  running: boolean;
  chosen: ChosenFile[] | null;
  take(files: ArrayLike<File> | null | undefined): void;
}) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (!running) take(e.dataTransfer.files);
  };
  return (
    <div
      className="card"
      data-testid="audit-upload"
      onDragOver={(e) => {
        e.preventDefault();
        if (!running) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      style={dragging ? { borderColor: 'var(--brand)', borderStyle: 'dashed', background: 'var(--bg)' } : undefined}
    >
      <div className="row">
        <FileChooser
          t={t}
          label={t('audit_chooseFile')}
          testId="audit-file"
          accept=".csv,.txt,.tsv,.xlsx,.xlsm,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={running}
          chosen={chosen}
          onFiles={take}
        />
        <label className="field">
          {t('audit_at')}
          <input
            type="date"
            data-testid="audit-at"
            value={at}
            disabled={running}
            onChange={(e) => e.target.value && onAt(e.target.value)}
          />
        </label>
      </div>
      <p className="hint">{t('audit_dropHint')}</p>
    </div>
  );
}

function SummaryCard({
  t,
  summary,
  seriousLists,
  unknownColumns,
}: {
  t: Translate;
  summary: AuditSummary;
  seriousLists: number | null;
  unknownColumns: readonly string[];
}) {
  return (
    <div className="card" data-testid="audit-summary">
      <div className="row">
        <span>
          {t('audit_summary_total')} <strong data-testid="count-total">{summary.total}</strong>
        </span>
        {VERDICTS.map((v) => (
          <span key={v}>
            <span className={`tag tag-${v}`} style={NOWRAP}>
              {t(VERDICT_LABELS[v].short)}
            </span>{' '}
            <strong data-testid={`count-${v}`}>{summary.counts[v]}</strong>
          </span>
        ))}
      </div>
      <div className="row">
        <span>
          {t('audit_unlisted_yes')} <strong data-testid="count-unlisted-yes">{summary.unlisted.yes}</strong>
        </span>
        <span>
          {t('audit_unlisted_possible')} <strong data-testid="count-unlisted-possible">{summary.unlisted.possible}</strong>
        </span>
      </div>
      {seriousLists !== null ? (
        <p className="hint" data-testid="audit-serious-lists" data-count={seriousLists}>
          {seriousLists > 0 ? t('audit_seriousLists', [String(seriousLists)]) : t('audit_seriousListsNone')}
        </p>
      ) : null}
      {unknownColumns.length > 0 ? (
        <p className="hint">{t('audit_unknownColumns', [joinWords(t, 'common_joinList', unknownColumns)])}</p>
      ) : null}
    </div>
  );
}

/** The filters over the results, and the export of what they leave. */
function ResultFilters({ t, view, onExport }: { t: Translate; view: AuditView; onExport(rows: readonly AuditRow[]): void }) {
  const { unlisted, setUnlisted, verdict, setVerdict, setPage, shown } = view;
  return (
    <div className="row">
      <label>
        {t('audit_filter_unlisted')}{' '}
        <select
          data-testid="filter-unlisted"
          value={unlisted}
          onChange={(e) => {
            setUnlisted(e.target.value as UnlistedFilter);
            setPage(0);
          }}
        >
          <option value="">{t('audit_filter_all')}</option>
          <option value="any">{t('audit_filter_any')}</option>
          <option value="yes">{t('audit_unlisted_yes')}</option>
          <option value="possible">{t('audit_unlisted_possible')}</option>
        </select>
      </label>
      <label>
        {t('audit_filter_verdict')}{' '}
        <select
          data-testid="filter-verdict"
          value={verdict}
          onChange={(e) => {
            setVerdict(e.target.value as Verdict | '');
            setPage(0);
          }}
        >
          <VerdictOptions t={t} all={t('audit_filter_all')} />
        </select>
      </label>
      <button type="button" className="primary" data-testid="audit-export" disabled={shown.length === 0} onClick={() => onExport(shown)}>
        {t('audit_export', [String(shown.length)])}
      </button>
    </div>
  );
}

function SortHeader({ label, column, sort, sortBy }: { label: string; column: SortKey; sort: Sort; sortBy(key: SortKey): void }) {
  return (
    <th aria-sort={sort.key === column ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="link" style={NOWRAP} data-testid={`sort-${column}`} onClick={() => sortBy(column)}>
        {label}
        {sort.key === column ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
}

/** `index`: the row's place among all the rows shown, the header being 1 (one page of them is rendered). */
function ResultRow({ t, r, index }: { t: Translate; r: AuditRow; index: number }) {
  return (
    <tr
      aria-rowindex={index}
      data-verdict={r.verdict}
      data-unlisted={r.unlisted}
      data-line={r.line}
      className={r.unlisted === 'no' ? undefined : `unlisted-${r.unlisted}`}
    >
      <td>{r.line}</td>
      <td lang="zh-CN">{r.decisionNo}</td>
      <td lang="zh-CN">{r.partyName}</td>
      <td>
        <span className={`tag tag-${r.verdict}`} style={NOWRAP}>
          {t(VERDICT_LABELS[r.verdict].short)}
        </span>
      </td>
      <td style={NOWRAP}>{r.unlisted === 'no' ? t('audit_unlisted_no') : t(`audit_unlisted_${r.unlisted}`)}</td>
      <td>
        {r.reasons.map((reason, i) => (
          <div key={i} className={r.error ? 'error' : undefined}>
            <MixedText text={reason} />
          </div>
        ))}
      </td>
      <td>
        {r.citations.map((c) => (
          <div key={c}>
            <code>{c}</code>
          </div>
        ))}
      </td>
    </tr>
  );
}

/** The audited rows of the current page, by sortable columns, with the pager below. */
function ResultsTable({ t, view }: { t: Translate; view: AuditView }) {
  const { sort, sortBy, shown, visible, pages, current, setPage } = view;
  const th = (key: SortKey, label: string) => <SortHeader label={label} column={key} sort={sort} sortBy={sortBy} />;
  return (
    <>
      <table className="grid" data-testid="audit-results" aria-rowcount={shown.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {th('line', t('audit_col_line'))}
            {th('decisionNo', t('audit_col_decisionNo'))}
            {th('partyName', t('audit_col_party'))}
            {th('verdict', t('audit_col_verdict'))}
            {th('unlisted', t('audit_col_unlisted'))}
            <th>{t('audit_col_reasons')}</th>
            <th>{t('audit_col_citations')}</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((r, i) => (
            <ResultRow key={r.line} t={t} r={r} index={current * AUDIT_PAGE_SIZE + i + 2} />
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? <p className="muted">{t('audit_empty')}</p> : null}
      <div className="row" data-testid="audit-pager">
        <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)} data-testid="page-prev">
          {t('audit_prev')}
        </button>
        <span>{t('audit_page', [String(current + 1), String(pages), String(shown.length)])}</span>
        <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)} data-testid="page-next">
          {t('audit_next')}
        </button>
      </div>
    </>
  );
}

export function AuditPage({
  t,
  status,
  at,
  onAt,
  rows,
  summary,
  unknownColumns,
  seriousLists = null,
  onFile,
  onCancel,
  onExport,
}: {
  t: Translate;
  status: AuditStatus;
  /** the date used for rows without a decision date */
  at: string;
  onAt(at: string): void;
  /** the rows audited so far (a new array whenever more arrive) */
  rows: readonly AuditRow[];
  summary: AuditSummary | null;
  unknownColumns: readonly string[];
  /** how many imported serious lists 应列未列 was checked against (null: not known yet) */
  seriousLists?: number | null;
  onFile(file: File): void;
  onCancel(): void;
  /** export these rows (filtered and sorted as shown) */
  onExport(rows: readonly AuditRow[]): void;
}) {
  const view = useAuditView(rows);
  const running = status.kind === 'running';
  // a dropped file is named like a chosen one
  const [chosen, setChosen] = useState<ChosenFile[] | null>(null);
  // the file audited last, audited again on request when the date has changed
  const [audited, setAudited] = useState<File | null>(null);
  const take = (files: ArrayLike<File> | null | undefined) => {
    const file = files?.[0];
    if (file) {
      view.setPage(0);
      setChosen([{ name: file.name, size: file.size }]);
      setAudited(file);
      onFile(file);
    }
  };
  return (
    <section>
      <h2>{t('dash_nav_audit')}</h2>
      <p className="muted">{t('audit_intro')}</p>
      <UploadCard t={t} at={at} onAt={onAt} running={running} chosen={chosen} take={take} />

      <AuditStatusView t={t} status={status} onCancel={onCancel} />
      <StaleResults t={t} status={status} at={at} onRerun={audited ? () => take([audited]) : null} />

      {summary ? <SummaryCard t={t} summary={summary} seriousLists={seriousLists} unknownColumns={unknownColumns} /> : null}

      {rows.length > 0 ? (
        <>
          <ResultFilters t={t} view={view} onExport={onExport} />
          <ResultsTable t={t} view={view} />
        </>
      ) : null}
    </section>
  );
}

/** Results judged as of another date than the one now chosen: said, with a re-run the user asks for. */
function StaleResults({ t, status, at, onRerun }: { t: Translate; status: AuditStatus; at: string; onRerun: (() => void) | null }) {
  if ((status.kind !== 'done' && status.kind !== 'cancelled') || status.at === at) return null;
  return (
    <p className="error row" role="status" data-testid="audit-stale">
      <span>{t('audit_stale', [status.at, at])}</span>
      {onRerun ? (
        <button type="button" data-testid="audit-rerun" onClick={onRerun}>
          {t('audit_rerun')}
        </button>
      ) : null}
    </p>
  );
}

function AuditStatusView({ t, status, onCancel }: { t: Translate; status: AuditStatus; onCancel(): void }) {
  switch (status.kind) {
    case 'idle':
      return null;
    case 'running': {
      const fraction = status.totalBytes ? Math.min(1, status.bytesRead / status.totalBytes) : undefined;
      return (
        <div className="card" data-testid="audit-running" aria-live="polite">
          <progress data-testid="audit-progress" max={1} value={fraction} aria-label={t('audit_progress')} />
          <div className="row">
            <span role="status">
              {t('audit_running', [status.fileName, String(status.rows), String(Math.round(status.rowsPerSecond))])}
              {fraction === undefined ? '' : ` · ${t('audit_readPercent', [String(Math.floor(fraction * 100))])}`}
            </span>
            <button type="button" className="danger" data-testid="audit-cancel" onClick={onCancel}>
              {t('common_cancel')}
            </button>
          </div>
        </div>
      );
    }
    case 'done':
      return (
        <p className="ok" role="status" data-testid="audit-done">
          {t('audit_done', [status.fileName, status.seconds.toFixed(1)])} · {t('audit_ranAt', [status.at])}
        </p>
      );
    case 'cancelled':
      return (
        <p className="error" role="status" data-testid="audit-cancelled">
          {t('audit_cancelled', [status.fileName, String(status.rows)])} · {t('audit_ranAt', [status.at])}
        </p>
      );
    case 'error':
      return (
        <p className="error" role="alert" data-testid="audit-error">
          {t('audit_failed', [status.fileName, status.message])}
        </p>
      );
  }
}

import { useId, type ReactNode } from 'react';
import type { Translate } from '../Overlay';
import type { ListKind } from '../../lib/db/schema';
import { joinMessages, userMessage, wordMessage, type MessageKey, type UserMessage } from '../../lib/messages';
import type { FieldName, FlaggedRow, ImportReport, ImportResult, InvalidRow } from '../../lib/entities';
import type { CsvRecord } from '../../lib/io/csv';
import { MixedText } from './Data';
import { FileChooser } from './FileChooser';

/** The list kinds in the order the wizard offers them. */
const WIZARD_KINDS: readonly ListKind[] = ['serious', 'commitment', 'key-domain', 'risk', 'penalty-history'];

/** Invalid and flagged rows shown on the page; the download holds every row kept. */
const SHOWN_REPORT_ROWS = 20;
/** Data rows of the file shown under the header in the preview. */
const PREVIEW_DATA_ROWS = 10;

const KIND_MESSAGES = {
  serious: 'lists_kind_serious',
  commitment: 'lists_kind_commitment',
  'key-domain': 'lists_kind_key_domain',
  risk: 'lists_kind_risk',
  'penalty-history': 'lists_kind_penalty_history',
} as const satisfies Record<ListKind, MessageKey>;
const KIND_HINTS = {
  serious: 'import_hint_serious',
  commitment: 'import_hint_commitment',
  'key-domain': 'import_hint_key_domain',
  risk: 'import_hint_risk',
  'penalty-history': 'import_hint_penalty_history',
} as const satisfies Record<ListKind, MessageKey>;

export const kindKey = (kind: ListKind): MessageKey => KIND_MESSAGES[kind];

export interface FieldOption {
  field: FieldName;
  /** the column title the field stands for, e.g. 统一社会信用代码 */
  label: string;
  required: boolean;
}

export type ImportStatus =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string }
  | {
      kind: 'running';
      rows: number;
      invalid: number;
      rowsPerSecond: number;
      bytesRead: number | null;
      totalBytes: number;
      cancelling: boolean;
    }
  | { kind: 'done'; result: ImportResult; seconds: number }
  | { kind: 'cancelled' }
  /** the file could not be read before the import (preview) */
  | { kind: 'unreadable'; fileName: string; message: string }
  | { kind: 'failed'; message: string; invalid: InvalidRow[]; invalidCount: number };

export interface WizardState {
  kind: ListKind;
  name: string;
  /** list to replace, '' for a new list */
  replaceId: string;
  /** date the data describes (risk lists whose rows have no date) */
  dataDate: string;
  fileName: string | null;
  fileSize: number | null;
  /** the file's first records; `headerIndex` is the record holding the column titles */
  preview: { records: CsvRecord[]; headerIndex: number } | null;
  /** field chosen for each column of the header row, '' = not imported */
  columns: (FieldName | '')[];
  status: ImportStatus;
}

export interface WizardProps {
  t: Translate;
  state: WizardState;
  fields: readonly FieldOption[];
  /** required columns the current mapping lacks */
  missing: readonly UserMessage[];
  /** lists of the chosen kind that this import may replace */
  replaceOptions: readonly { id: string; name: string; rowCount: number }[];
  onKind(kind: ListKind): void;
  onName(name: string): void;
  onReplace(id: string): void;
  onDataDate(date: string): void;
  onFile(file: File): void;
  onHeaderRow(index: number): void;
  onColumnField(column: number, field: FieldName | ''): void;
  onStart(): void;
  onCancel(): void;
  onReset(): void;
  onDownloadInvalid(rows: readonly InvalidRow[]): void;
  onDownloadFlagged(rows: readonly FlaggedRow[]): void;
}

const num = (n: number): string => n.toLocaleString('zh-CN');

function Count({ testId, label, value }: { testId: string; label: string; value: number }) {
  return (
    <span>
      {label}{' '}
      <strong data-testid={testId} data-count={value}>
        {num(value)}
      </strong>
    </span>
  );
}

/** The 名单导入 wizard: kind and name, file, preview with the column mapping, progress, result. */
export function ImportWizard(p: WizardProps) {
  const { t, state } = p;
  const busy = state.status.kind === 'running' || state.status.kind === 'reading';
  const ready = state.preview !== null && p.missing.length === 0 && state.name.trim() !== '' && !busy;
  return (
    <div className="card" data-testid="import-wizard">
      <h3>{t('import_title')}</h3>
      <div className="row">
        <label className="field">
          {t('import_kind')}
          <select data-testid="import-kind" value={state.kind} disabled={busy} onChange={(e) => p.onKind(e.target.value as ListKind)}>
            {WIZARD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(kindKey(k))}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('import_name')}
          <input
            data-testid="import-name"
            value={state.name}
            disabled={busy}
            maxLength={200}
            size={32}
            onChange={(e) => p.onName(e.target.value)}
          />
        </label>
        <label className="field">
          {t('import_replace')}
          <select data-testid="import-replace" value={state.replaceId} disabled={busy} onChange={(e) => p.onReplace(e.target.value)}>
            <option value="">{t('import_replace_none')}</option>
            {p.replaceOptions.map((o) => (
              <option key={o.id} value={o.id}>
                {t('import_replace_option', [o.name, num(o.rowCount)])}
              </option>
            ))}
          </select>
        </label>
        {state.kind === 'risk' ? (
          <label className="field">
            {t('import_dataDate')}
            <input
              type="date"
              data-testid="import-data-date"
              value={state.dataDate}
              disabled={busy}
              onChange={(e) => p.onDataDate(e.target.value)}
            />
          </label>
        ) : null}
      </div>
      <p className="hint">{t(KIND_HINTS[state.kind])}</p>
      <FilePicker {...p} busy={busy} />
      <p className="hint">{t('import_file_hint')}</p>

      {state.preview && state.status.kind !== 'unreadable' ? <Preview {...p} busy={busy} /> : null}

      {state.preview && state.status.kind !== 'unreadable' ? (
        <div className="row">
          <button type="button" className="primary" data-testid="import-start" disabled={!ready} onClick={p.onStart}>
            {state.replaceId ? t('import_start_replace') : t('import_start')}
          </button>
        </div>
      ) : null}

      <StatusView {...p} />
    </div>
  );
}

function FilePicker(p: WizardProps & { busy: boolean }) {
  const { t, state } = p;
  return (
    <FileChooser
      t={t}
      label={t('import_file')}
      testId="import-file"
      accept=".csv,.txt,.tsv,.xlsx,.xlsm,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      disabled={p.busy}
      chosen={state.fileName === null ? null : [{ name: state.fileName, size: state.fileSize ?? 0 }]}
      onFiles={([file]) => file && p.onFile(file)}
    />
  );
}

/**
 * The field a file column maps to. Named by the column's header cell (labelledBy) when it has one, else by its
 * number.
 */
function ColumnFieldChoice(p: WizardProps & { busy: boolean; column: number; labelledBy: string | null }) {
  const { t, state, column: c, labelledBy } = p;
  const chosen = state.columns[c] ?? '';
  return (
    <th>
      <select
        data-testid="import-map"
        data-col={c}
        data-field={chosen}
        {...(labelledBy ? { 'aria-labelledby': labelledBy } : { 'aria-label': t('import_map_labelNumber', [String(c + 1)]) })}
        value={chosen}
        disabled={p.busy}
        onChange={(e) => p.onColumnField(c, e.target.value as FieldName | '')}
      >
        <option value="">{t('import_map_ignore')}</option>
        {p.fields.map((f) => (
          <option key={f.field} value={f.field}>
            {f.required ? t('import_map_required', [f.label]) : f.label}
          </option>
        ))}
      </select>
    </th>
  );
}

/** Which of the first records holds the column names, with that record's cells beside it. */
function HeaderRowPicker(p: WizardProps & { busy: boolean; describedBy: string }) {
  const { t, describedBy } = p;
  const preview = p.state.preview!;
  const header = preview.records[preview.headerIndex];
  return (
    <div className="row">
      <label>
        {t('import_headerRow')}{' '}
        <select
          data-testid="import-header-row"
          value={preview.headerIndex}
          disabled={p.busy}
          aria-describedby={describedBy}
          onChange={(e) => p.onHeaderRow(Number(e.target.value))}
        >
          {preview.records.slice(0, 10).map((r, i) => (
            <option key={r.line} value={i}>
              {t('import_headerRow_option', [String(r.line)])}
            </option>
          ))}
        </select>
      </label>
      <span className="muted" id={describedBy} data-testid="import-header-cells" lang="zh-CN">
        {header?.cells.filter((c) => c.trim()).join(' | ')}
      </span>
    </div>
  );
}

function Preview(p: WizardProps & { busy: boolean }) {
  const { t, state } = p;
  const id = useId();
  const preview = state.preview!;
  const header = preview.records[preview.headerIndex];
  const width = Math.max(state.columns.length, ...preview.records.map((r) => r.cells.length));
  const data = preview.records.slice(preview.headerIndex + 1, preview.headerIndex + 1 + PREVIEW_DATA_ROWS);
  const cols = Array.from({ length: width }, (_, i) => i);
  // The file's cells are data in their own language: they go into names by reference to elements marked
  // lang="zh-CN", never into an attribute or an <option> beside the interface's words.
  const headerCellId = (c: number) => `${id}-head-${c}`;
  return (
    <div data-testid="import-preview">
      <h4>
        <MixedText text={t('import_preview_title', [state.fileName ?? ''])} />
      </h4>
      <HeaderRowPicker {...p} describedBy={`${id}-header-cells`} />
      <p className="hint">{t('import_mapping_hint')}</p>
      <span hidden id={`${id}-map-label`}>
        {t('import_map_label')}
      </span>
      <div className="table-scroll">
        <table className="grid" data-testid="import-mapping">
          <thead>
            <tr>
              <th>{t('import_col_line')}</th>
              {cols.map((c) => (
                <ColumnFieldChoice
                  key={c}
                  {...p}
                  column={c}
                  labelledBy={header?.cells[c]?.trim() ? `${id}-map-label ${headerCellId(c)}` : null}
                />
              ))}
            </tr>
            <tr>
              <th>{header?.line}</th>
              {cols.map((c) => (
                <th key={c} id={headerCellId(c)} data-testid="import-header-cell" lang="zh-CN">
                  {header?.cells[c] ?? ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                {cols.map((c) => (
                  <td key={c} lang="zh-CN">
                    {r.cells[c] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.length === 0 ? <p className="muted">{t('import_preview_noData')}</p> : null}
      {p.missing.length > 0 ? (
        <p className="error" role="alert" data-testid="import-missing">
          {t('import_missing', [wordMessage(joinMessages('common_joinList', p.missing), t)])}
        </p>
      ) : null}
    </div>
  );
}

function ReportTable({ t, testId, head, rows }: { t: Translate; testId: string; head: [MessageKey, MessageKey]; rows: ReactNode[][] }) {
  return (
    <table className="grid" data-testid={testId}>
      <thead>
        <tr>
          <th>{t(head[0])}</th>
          <th>{t(head[1])}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([line, text], i) => (
          <tr key={i}>
            <td>{line}</td>
            <td>{text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function InvalidRows(p: WizardProps & { rows: readonly InvalidRow[]; count: number }) {
  const { t, rows, count } = p;
  if (count === 0) return null;
  return (
    <div data-testid="import-invalid">
      <h4>{t('import_invalid_title', [num(count)])}</h4>
      <ReportTable
        t={t}
        testId="import-invalid-rows"
        head={['import_col_line', 'import_col_reason']}
        rows={rows
          .slice(0, SHOWN_REPORT_ROWS)
          .map((r) => [r.line, <MixedText text={wordMessage(joinMessages('common_joinClauses', r.errors), t)} />])}
      />
      <div className="row">
        {rows.length > SHOWN_REPORT_ROWS || count > rows.length ? (
          <span className="hint">{t('import_invalid_more', [num(Math.min(SHOWN_REPORT_ROWS, rows.length)), num(count)])}</span>
        ) : null}
        <button type="button" data-testid="import-invalid-download" onClick={() => p.onDownloadInvalid(rows)}>
          {count > rows.length ? t('import_invalid_download_kept', [num(rows.length)]) : t('import_invalid_download')}
        </button>
      </div>
    </div>
  );
}

function Check({ t, ok }: { t: Translate; ok: boolean }) {
  return (
    <strong className={ok ? 'ok' : 'error'} data-testid="import-report-check" data-ok={ok}>
      {ok ? t('import_report_ok') : t('import_report_mismatch')}
    </strong>
  );
}

/** Where every row and line of the file went, each sum with its check. */
function ReportView({ t, report }: { t: Translate; report: ImportReport }) {
  const f = report.file;
  const allOk = report.rowsAddUp && (!f || (f.linesMatch && f.recordsAddUp && f.linesAddUp));
  return (
    <div data-testid="import-report" data-ok={allOk}>
      <h4>{t('import_report_title')}</h4>
      <ul>
        <li data-testid="import-report-rows" data-read={report.rowsRead} data-ok={report.rowsAddUp}>
          {t('import_report_rows', [
            num(report.rowsRead),
            num(report.imported),
            num(report.invalid),
            num(report.skipped),
            num(report.skippedBlank),
            num(report.skippedTitles),
            num(report.skippedHeaders),
          ])}{' '}
          <Check t={t} ok={report.rowsAddUp} />
        </li>
        {f ? (
          <>
            <li data-testid="import-report-lines" data-lines={f.lines} data-reader-lines={f.readerLines} data-ok={f.linesMatch}>
              {f.format === 'csv'
                ? t('import_report_lines_csv', [num(f.lines), num(f.readerLines)])
                : t('import_report_lines_xlsx', [num(f.lines)])}{' '}
              <Check t={t} ok={f.linesMatch} />
            </li>
            <li data-testid="import-report-records" data-ok={f.recordsAddUp && f.linesAddUp}>
              {t(f.format === 'csv' ? 'import_report_records_csv' : 'import_report_records_xlsx', [
                num(f.readerLines),
                num(f.headerRecords),
                num(report.rowsRead),
                num(f.emptyLines),
                num(f.breaksInCells),
              ])}{' '}
              <Check t={t} ok={f.recordsAddUp && f.linesAddUp} />
            </li>
          </>
        ) : null}
      </ul>
      {allOk ? null : (
        <p className="error" role="alert">
          {t('import_report_mismatch_hint')}
        </p>
      )}
    </div>
  );
}

function ImportProgress(p: WizardProps & { status: Extract<ImportStatus, { kind: 'running' }> }) {
  const { t, status: s } = p;
  const fraction = s.bytesRead !== null && s.totalBytes > 0 ? Math.min(1, s.bytesRead / s.totalBytes) : undefined;
  return (
    <div data-testid="import-progress" aria-live="polite">
      <progress max={1} value={fraction} aria-label={t('import_progress')} />
      <div className="row">
        <span role="status" data-testid="import-progress-text" data-rows={s.rows}>
          {t('import_running', [num(s.rows), num(s.invalid), num(s.rowsPerSecond)])}
          {fraction === undefined ? '' : ` · ${t('import_readPercent', [String(Math.floor(fraction * 100))])}`}
        </span>
        <button type="button" className="danger" data-testid="import-cancel" disabled={s.cancelling} onClick={p.onCancel}>
          {s.cancelling ? t('import_cancelling') : t('common_cancel')}
        </button>
      </div>
    </div>
  );
}

/** A finished import: its counts, the checks on what was read, and the rows left out or flagged. */
function ImportDone(p: WizardProps & { status: Extract<ImportStatus, { kind: 'done' }> }) {
  const { t, status: s } = p;
  const r = s.result;
  return (
    <div data-testid="import-result">
      <p className="ok" role="status" data-testid="import-done" data-seconds={s.seconds.toFixed(3)}>
        {r.replacedListId
          ? t('import_done_replaced', [r.list.name, num(r.imported), s.seconds.toFixed(1)])
          : t('import_done', [r.list.name, num(r.imported), s.seconds.toFixed(1)])}
      </p>
      <div className="row">
        <Count testId="import-count-imported" label={t('import_count_imported')} value={r.imported} />
        <Count testId="import-count-invalid" label={t('import_count_invalid')} value={r.invalidCount} />
        <Count testId="import-count-flagged" label={t('import_count_flagged')} value={r.flaggedCount} />
        <Count testId="import-count-skipped" label={t('import_count_skipped')} value={r.skipped} />
      </div>
      <ReportView t={t} report={r.report} />
      <InvalidRows {...p} rows={r.invalid} count={r.invalidCount} />
      {r.flaggedCount > 0 ? (
        <div data-testid="import-flagged">
          <h4>{t('import_flagged_title', [num(r.flaggedCount)])}</h4>
          <ReportTable
            t={t}
            testId="import-flagged-rows"
            head={['import_col_line', 'import_col_codeProblem']}
            rows={r.flagged
              .slice(0, SHOWN_REPORT_ROWS)
              .map((f) => [f.line, <MixedText text={wordMessage(userMessage('import_flagged_row', f.code, f.reason), t)} />])}
          />
          <button type="button" data-testid="import-flagged-download" onClick={() => p.onDownloadFlagged(r.flagged)}>
            {r.flaggedCount > r.flagged.length ? t('import_invalid_download_kept', [num(r.flagged.length)]) : t('import_flagged_download')}
          </button>
        </div>
      ) : null}
      <div className="row">
        <button type="button" data-testid="import-reset" onClick={p.onReset}>
          {t('import_again')}
        </button>
      </div>
    </div>
  );
}

function StatusView(p: WizardProps) {
  const { t, state } = p;
  const s = state.status;
  switch (s.kind) {
    case 'idle':
      return null;
    case 'reading':
      return (
        <p role="status" data-testid="import-reading">
          {t('import_reading', [s.fileName])}
        </p>
      );
    case 'unreadable':
      return (
        <p className="error" role="alert" data-testid="import-error">
          <MixedText text={t('import_unreadable', [s.fileName, s.message])} />
        </p>
      );
    case 'running':
      return <ImportProgress {...p} status={s} />;
    case 'cancelled':
      return (
        <div className="row">
          <p className="error" role="status" data-testid="import-cancelled">
            {t('import_cancelled')}
          </p>
          <button type="button" data-testid="import-reset" onClick={p.onReset}>
            {t('import_again')}
          </button>
        </div>
      );
    case 'failed':
      return (
        <div>
          <p className="error" role="alert" data-testid="import-error">
            <MixedText text={t('import_failed', [s.message])} />
          </p>
          <InvalidRows {...p} rows={s.invalid} count={s.invalidCount} />
        </div>
      );
    case 'done':
      return <ImportDone {...p} status={s} />;
  }
}

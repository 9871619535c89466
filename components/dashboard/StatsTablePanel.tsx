import { useId } from 'react';
import type { Translate } from '../Overlay';
import { formatPeriod } from '../../lib/ledger/export';
import { STATS_HEADERS, STATS_TITLE, type StatsTable } from '../../lib/ledger/tally';
import { Data, richMessage } from './Data';

export interface Period {
  from: string;
  to: string;
}

const QUICK_PERIODS = ['month', 'quarter', 'year', 'campaign'] as const;
export type QuickPeriod = (typeof QUICK_PERIODS)[number];

/** 专项治理行动 period of the SAMR notice (seed 001: 2023年6月至12月). */
const CAMPAIGN_PERIOD: Period = { from: '2023-06-01', to: '2023-12-31' };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** 本月 / 本季度 / 本年 / 专项行动期间, relative to `today` (ISO date, China Standard Time). */
export function quickPeriod(kind: QuickPeriod, today: string): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const span = (m1: number, m2: number): Period => ({ from: `${y}-${pad(m1)}-01`, to: `${y}-${pad(m2)}-${pad(lastDay(y, m2))}` });
  switch (kind) {
    case 'month':
      return span(m, m);
    case 'quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return span(first, first + 2);
    }
    case 'year':
      return span(1, 12);
    case 'campaign':
      return CAMPAIGN_PERIOD;
  }
}

/** Whose cases a table counts: the unit in settings, every unit in the (merged) ledger, or one unit. */
export type StatsScope = { kind: 'own' } | { kind: 'all' } | { kind: 'unit'; unit: string };

export function PeriodPicker({ t, period, onPeriod, today }: { t: Translate; period: Period; onPeriod(p: Period): void; today: string }) {
  const id = useId();
  return (
    <fieldset className="card period-picker">
      <legend>{t('stats_period')}</legend>
      <div className="row">
        <label htmlFor={`${id}-from`}>{t('stats_from')}</label>
        <input
          id={`${id}-from`}
          type="date"
          data-testid="period-from"
          value={period.from}
          required
          onChange={(e) => onPeriod({ ...period, from: e.target.value })}
        />
        <label htmlFor={`${id}-to`}>{t('stats_to')}</label>
        <input
          id={`${id}-to`}
          type="date"
          data-testid="period-to"
          value={period.to}
          required
          onChange={(e) => onPeriod({ ...period, to: e.target.value })}
        />
      </div>
      <div className="row" role="group" aria-label={t('stats_quickPeriods')}>
        {QUICK_PERIODS.map((k) => {
          const p = quickPeriod(k, today);
          const active = p.from === period.from && p.to === period.to;
          return (
            <button key={k} type="button" aria-pressed={active} data-testid={`period-${k}`} onClick={() => onPeriod(p)}>
              {t(`stats_quick_${k}`)}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}

export function ScopePicker({
  t,
  scope,
  onScope,
  ownUnit,
  units,
}: {
  t: Translate;
  scope: StatsScope;
  onScope(s: StatsScope): void;
  ownUnit: string;
  units: readonly string[];
}) {
  const id = useId();
  const firstUnit = units[0] ?? '';
  return (
    <fieldset className="card">
      <legend>{t('stats_scope')}</legend>
      <div className="row">
        <label>
          <input
            type="radio"
            name={`${id}-scope`}
            data-testid="scope-own"
            checked={scope.kind === 'own'}
            disabled={!ownUnit}
            onChange={() => onScope({ kind: 'own' })}
          />{' '}
          {ownUnit ? richMessage(t, 'stats_scope_own', [<Data>{ownUnit}</Data>]) : t('stats_scope_ownUnset')}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-scope`}
            data-testid="scope-all"
            checked={scope.kind === 'all'}
            onChange={() => onScope({ kind: 'all' })}
          />{' '}
          {t('stats_scope_all')}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-scope`}
            data-testid="scope-unit"
            checked={scope.kind === 'unit'}
            disabled={units.length === 0}
            onChange={() => onScope({ kind: 'unit', unit: firstUnit })}
          />{' '}
          {t('stats_scope_unit')}
        </label>
        <label htmlFor={`${id}-unit`} className="sr-only">
          {t('stats_scope_unitPick')}
        </label>
        <select
          id={`${id}-unit`}
          data-testid="scope-unit-select"
          value={scope.kind === 'unit' ? scope.unit : ''}
          disabled={scope.kind !== 'unit'}
          onChange={(e) => onScope({ kind: 'unit', unit: e.target.value })}
        >
          {scope.kind !== 'unit' && <option value="">{t('stats_scope_unitPick')}</option>}
          {units.map((u) => (
            <option key={u} value={u} lang="zh-CN">
              {u}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}

export type StatsExportKind = 'xlsx' | 'csv' | 'print';

export interface StatsTablePanelProps {
  t: Translate;
  today: string;
  period: Period;
  onPeriod(p: Period): void;
  scope: StatsScope;
  onScope(s: StatsScope): void;
  ownUnit: string;
  units: readonly string[];
  /** 填报单位 as printed on the table */
  unitName: string;
  onUnitName(name: string): void;
  table: StatsTable | null;
  loading: boolean;
  error: string | null;
  /** the counting rules (countingRules) in the page's language */
  rules: readonly string[];
  onExport(kind: StatsExportKind): void;
  exportError: string | null;
}

/** The table in the annex's layout (附件), as exported: Chinese whatever the interface language. */
function StatsSheet({ table, unitName, loading }: { table: StatsTable; unitName: string; loading: boolean }) {
  return (
    <div className="stats-sheet" lang="zh-CN">
      <table className="grid stats-table" data-testid="stats-table" aria-busy={loading}>
        {/* The annex's own wording, as exported: Chinese whatever the UI language. */}
        <caption>
          <span className="stats-title">{STATS_TITLE}</span>
          <span className="stats-meta">
            <span data-testid="stats-unit">填报单位：{unitName}</span>
            <span data-testid="stats-time">时间：{formatPeriod(table.from, table.to)}</span>
          </span>
        </caption>
        <thead>
          <tr>
            {STATS_HEADERS.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.key} data-row={r.key} className={r.key === 'total' ? 'total' : undefined}>
              <th scope="row">{r.title}</th>
              <td data-col="listed">{r.listed}</td>
              <td data-col="repeatOffenders">{r.repeatOffenders}</td>
              <td data-col="exposed">{r.exposed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 统计表: period and scope, the table in the annex layout, the counting rules and the exports. */
export function StatsTablePanel(p: StatsTablePanelProps) {
  const { t, table } = p;
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('stats_heading')}</h3>
      <PeriodPicker t={t} period={p.period} onPeriod={p.onPeriod} today={p.today} />
      <ScopePicker t={t} scope={p.scope} onScope={p.onScope} ownUnit={p.ownUnit} units={p.units} />
      <label className="field">
        {t('stats_unitName')}
        <input data-testid="stats-unit-name" value={p.unitName} maxLength={100} onChange={(e) => p.onUnitName(e.target.value)} />
      </label>
      {p.error && (
        <p className="error" role="alert">
          {p.error}
        </p>
      )}
      {p.loading && !table && <p role="status">{t('ledger_loading')}</p>}
      {table && (
        <>
          <StatsSheet table={table} unitName={p.unitName} loading={p.loading} />
          <div className="row no-print">
            <button type="button" className="primary" data-testid="export-xlsx" onClick={() => p.onExport('xlsx')}>
              {t('stats_exportXlsx')}
            </button>
            <button type="button" data-testid="export-csv" onClick={() => p.onExport('csv')}>
              {t('stats_exportCsv')}
            </button>
            <button type="button" data-testid="print" onClick={() => p.onExport('print')}>
              {t('stats_print')}
            </button>
          </div>
          {p.exportError && (
            <p className="error" role="alert">
              {p.exportError}
            </p>
          )}
          <section className="stats-rules" data-testid="counting-rules" aria-labelledby={`${id}-rules`}>
            <h4 id={`${id}-rules`}>{t('stats_rules')}</h4>
            <ol>
              {p.rules.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ol>
          </section>
        </>
      )}
    </section>
  );
}

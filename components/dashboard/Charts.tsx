import { useId, type ReactNode } from 'react';
import type { Translate } from '../Overlay';
import type { Domain } from '../../lib/facts/domain';
import type { MonthlyListings, VerdictShare } from '../../lib/ledger/charts';
import { VERDICT_LABELS, type Verdict } from '../../lib/rules/verdicts';
import { joinWords } from '../../lib/messages';

/* Hand-written SVG charts: each has a <title>/<desc>, a per-mark <title>, and the same numbers as a table. */

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart by hue and the legend. */
const DOMAIN_COLORS: Record<Domain, string> = {
  food: '#0b5cad',
  drug: '#7b2fb5',
  quality: '#a65300',
  consumer: '#c2185b',
  competition: '#2e7d32',
  other: '#5f6b7a',
};

const VERDICT_COLORS: Record<Verdict, string> = {
  'must-list': '#a8071a',
  review: '#874d00',
  'not-required': '#135200',
  insufficient: '#5f6b7a',
};

/** A tick step of 1, 2 or 5 × 10ⁿ giving about `ticks` intervals up to `max`. */
function niceStep(max: number, ticks = 4): number {
  const raw = Math.max(1, max / ticks);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  return Math.max(1, Math.round(step));
}

const monthLabel = (ym: string) => `${Number(ym.slice(5, 7))}`;

function DomainLegend({ t, series }: { t: Translate; series: MonthlyListings['series'] }) {
  return (
    <ul className="chart-legend" aria-label={t('chart_legend')}>
      {series.map((s) => (
        <li key={s.domain}>
          <span className="swatch" style={{ background: DOMAIN_COLORS[s.domain] }} aria-hidden="true" />
          {t(`ledger_domain_${s.domain}`)}
        </li>
      ))}
    </ul>
  );
}

/** The listings chart's numbers as a table: a row a month, a column a domain. */
function ListingsTable({ t, data, totals }: { t: Translate; data: MonthlyListings; totals: readonly number[] }) {
  return (
    <details>
      <summary>{t('chart_asTable')}</summary>
      <div className="table-scroll">
        <table className="grid" data-testid="chart-listings-table">
          <caption className="sr-only">{t('chart_listings_title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart_monthCol')}</th>
              {data.series.map((s) => (
                <th key={s.domain} scope="col">
                  {t(`ledger_domain_${s.domain}`)}
                </th>
              ))}
              <th scope="col">{t('chart_total')}</th>
            </tr>
          </thead>
          <tbody>
            {data.months.map((m, i) => (
              <tr key={m}>
                <th scope="row">{m}</th>
                {data.series.map((s) => (
                  <td key={s.domain}>{s.counts[i] ?? 0}</td>
                ))}
                <td>{totals[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function ListingsChart({ t, data }: { t: Translate; data: MonthlyListings }) {
  const id = useId();
  const totals = data.months.map((_, i) => data.series.reduce((n, s) => n + (s.counts[i] ?? 0), 0));
  const max = Math.max(0, ...totals);
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const left = 44;
  const bottom = 44;
  const height = 240;
  const plot = height - bottom - 12;
  const slot = Math.max(14, Math.min(56, 720 / Math.max(1, data.months.length)));
  const width = left + slot * data.months.length + 12;
  const y = (v: number) => 12 + plot - (v / top) * plot;
  const labelEvery = Math.ceil(data.months.length / 24);
  const grand = totals.reduce((a, b) => a + b, 0);
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return (
    <figure className="chart" data-testid="chart-listings">
      <figcaption id={`${id}-cap`}>{t('chart_listings_title')}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        className="chart-svg"
      >
        <title id={`${id}-t`}>{t('chart_listings_title')}</title>
        <desc id={`${id}-d`}>{t('chart_listings_desc', [String(data.months.length), String(grand)])}</desc>
        {ticks.map((v) => (
          <g key={v} aria-hidden="true">
            <line x1={left} x2={width - 8} y1={y(v)} y2={y(v)} className="chart-grid" />
            <text x={left - 6} y={y(v) + 4} textAnchor="end" className="chart-tick">
              {v}
            </text>
          </g>
        ))}
        {data.months.map((m, i) => {
          let acc = 0;
          const x = left + i * slot + slot * 0.15;
          const w = slot * 0.7;
          return (
            <g key={m}>
              {data.series.map((s) => {
                const n = s.counts[i] ?? 0;
                if (n === 0) return null;
                const y0 = y(acc);
                acc += n;
                const y1 = y(acc);
                return (
                  <rect key={s.domain} x={x} y={y1} width={w} height={y0 - y1} fill={DOMAIN_COLORS[s.domain]} className="chart-bar">
                    <title>{t('chart_listings_bar', [m, t(`ledger_domain_${s.domain}`), String(n)])}</title>
                  </rect>
                );
              })}
              {(i % labelEvery === 0 || m.endsWith('-01')) && (
                <text x={x + w / 2} y={height - bottom + 16} textAnchor="middle" className="chart-tick" aria-hidden="true">
                  {t('chart_month', [monthLabel(m)])}
                </text>
              )}
              {(i === 0 || m.endsWith('-01')) && (
                <text x={x + w / 2} y={height - bottom + 32} textAnchor="middle" className="chart-tick" aria-hidden="true">
                  {m.slice(0, 4)}
                </text>
              )}
            </g>
          );
        })}
        <line x1={left} x2={width - 8} y1={y(0)} y2={y(0)} className="chart-axis" aria-hidden="true" />
      </svg>
      <DomainLegend t={t} series={data.series} />
      <ListingsTable t={t} data={data} totals={totals} />
    </figure>
  );
}

function VerdictChart({ t, shares }: { t: Translate; shares: readonly VerdictShare[] }) {
  const id = useId();
  const total = shares.reduce((n, s) => n + s.count, 0);
  const labelW = 150;
  const barW = 360;
  const rowH = 30;
  const width = labelW + barW + 130;
  const height = rowH * shares.length + 8;
  const pct = (s: VerdictShare) => `${Math.round(s.share * 1000) / 10}%`;
  return (
    <figure className="chart" data-testid="chart-verdicts">
      <figcaption>{t('chart_verdicts_title')}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        className="chart-svg"
      >
        <title id={`${id}-t`}>{t('chart_verdicts_title')}</title>
        <desc id={`${id}-d`}>
          {joinWords(
            t,
            'common_joinClauses',
            shares.map((s) => t('chart_verdicts_part', [t(VERDICT_LABELS[s.verdict].short), String(s.count), pct(s)])),
          )}
        </desc>
        {shares.map((s, i) => {
          const yy = 4 + i * rowH;
          const w = total === 0 ? 0 : Math.max(s.count > 0 ? 2 : 0, s.share * barW);
          const name = t(VERDICT_LABELS[s.verdict].short);
          return (
            <g key={s.verdict}>
              <text x={labelW - 8} y={yy + rowH / 2 + 4} textAnchor="end" className="chart-label" aria-hidden="true">
                {name}
              </text>
              <rect x={labelW} y={yy + 5} width={barW} height={rowH - 10} className="chart-track" aria-hidden="true" />
              <rect x={labelW} y={yy + 5} width={w} height={rowH - 10} fill={VERDICT_COLORS[s.verdict]}>
                <title>{t('chart_verdicts_part', [name, String(s.count), pct(s)])}</title>
              </rect>
              <text x={labelW + barW + 8} y={yy + rowH / 2 + 4} className="chart-label" aria-hidden="true">
                {t('chart_countShare', [String(s.count), pct(s)])}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{t('chart_asTable')}</summary>
        <table className="grid" data-testid="chart-verdicts-table">
          <caption className="sr-only">{t('chart_verdicts_title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ledger_col_verdict')}</th>
              <th scope="col">{t('chart_count')}</th>
              <th scope="col">{t('chart_share')}</th>
            </tr>
          </thead>
          <tbody>
            {shares.map((s) => (
              <tr key={s.verdict} data-verdict={s.verdict}>
                <th scope="row">{t(VERDICT_LABELS[s.verdict].short)}</th>
                <td>{s.count}</td>
                <td>{pct(s)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export interface ChartsPanelProps {
  t: Translate;
  /** period and scope pickers, shared with the statistics table */
  controls: ReactNode;
  listings: MonthlyListings | null;
  shares: readonly VerdictShare[] | null;
  loading: boolean;
  error: string | null;
}

/** 图表: listings per month by domain, and the verdict shares of the recorded cases decided in the period. */
export function ChartsPanel({ t, controls, listings, shares, loading, error }: ChartsPanelProps) {
  return (
    <section aria-labelledby="charts-h">
      <h3 id="charts-h">{t('chart_heading')}</h3>
      {controls}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {loading && !listings && <p role="status">{t('ledger_loading')}</p>}
      {listings && <ListingsChart t={t} data={listings} />}
      {shares && (
        <>
          <VerdictChart t={t} shares={shares} />
          <p className="hint">{t('chart_verdicts_hint')}</p>
        </>
      )}
    </section>
  );
}

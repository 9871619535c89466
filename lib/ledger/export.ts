import { writeCsv, writeXlsx, type XlsxSheet } from '../io';
import { COUNTING_RULES } from './rules-text';
import { STATS_HEADERS, STATS_TITLE, type StatsTable } from './tally';

export interface StatsExportOptions {
  /** 填报单位 as it should be printed. */
  unitName: string;
  /** 时间 as it should be printed; default e.g. `2023年7月1日至2023年11月30日`. */
  periodText?: string;
  /** Printed before the annex title, as seed 000 does (`洛阳市`); default none: the annex title as is. */
  titlePrefix?: string;
}

/** `2023-07-01`, `2023-11-30` → `2023年7月1日至2023年11月30日`. */
export function formatPeriod(from: string, to: string): string {
  const cn = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
  return from === to ? cn(from) : `${cn(from)}至${cn(to)}`;
}

function texts(table: StatsTable, opts: StatsExportOptions) {
  return {
    title: `${opts.titlePrefix?.trim() ?? ''}${STATS_TITLE}`,
    unit: opts.unitName.trim(),
    period: opts.periodText?.trim() || formatPeriod(table.from, table.to),
  };
}

/** The seven data rows (domains in annex order, then 合计) as cells. */
const bodyRows = (table: StatsTable) => table.rows.map((r) => [r.title, r.listed, r.repeatOffenders, r.exposed] as const);

/** Who and what the table counts, for the rules sheet and the print view. */
function scopeLines(table: StatsTable): string[] {
  return [
    `统计期间：${formatPeriod(table.from, table.to)}（含起止日期）`,
    `统计范围：${table.unit ? `${table.unit}记录的列入、曝光和公示日期` : '本机台账中的全部案件（含合并导入的其他单位台账）'}`,
  ];
}

/**
 * The table as an XLSX workbook in the annex layout: A1:D1 the merged title; row 2 `填报单位：…` (A2:B2) and
 * `时间：…` (C2:D2); row 3 the four column headers; rows 4–10 the six domains and 合计; thin borders on the
 * table, widths and heights that fit one A4 portrait page. A second sheet, 统计口径, states the counting rules.
 */
export function statsTableXlsx(table: StatsTable, opts: StatsExportOptions): Uint8Array {
  const t = texts(table, opts);
  const main: XlsxSheet = {
    name: '工作情况表',
    rows: [[t.title], [`填报单位：${t.unit}`, null, `时间：${t.period}`], [...STATS_HEADERS], ...bodyRows(table)],
    merges: ['A1:D1', 'A2:B2', 'C2:D2'],
    colWidths: [26, 20, 28, 18],
    rowHeights: [40, 24, 54, 30, 30, 30, 30, 36, 30, 30],
    styles: [
      { range: 'A1:D1', style: { bold: true, fontSize: 16, align: 'center', verticalAlign: 'center', wrap: true } },
      { range: 'A2:B2', style: { align: 'left', verticalAlign: 'center' } },
      { range: 'C2:D2', style: { align: 'left', verticalAlign: 'center' } },
      { range: 'A3:D10', style: { border: true, align: 'center', verticalAlign: 'center', wrap: true } },
      { range: 'A3:D3', style: { bold: true } },
      { range: 'A10:D10', style: { bold: true } },
    ],
  };
  const rules: XlsxSheet = {
    name: '统计口径',
    rows: [['统计口径'], ...scopeLines(table).map((l) => [l]), ...COUNTING_RULES.map((r) => [r.zh])],
    colWidths: [110],
    styles: [
      { range: 'A1', style: { bold: true, fontSize: 12 } },
      { range: `A2:A${3 + COUNTING_RULES.length}`, style: { wrap: true, verticalAlign: 'top' } },
    ],
  };
  return writeXlsx({ sheets: [main, rules] });
}

/**
 * The table as CSV for Excel (UTF-8 with BOM, CRLF), in the annex's row order. 填报单位 and 时间 are labels
 * beside their values, so an untrusted unit name stands alone in its cell and is neutralised there.
 */
export function statsTableCsv(table: StatsTable, opts: StatsExportOptions): string {
  const t = texts(table, opts);
  return writeCsv([[t.title], ['填报单位：', t.unit, '时间：', t.period], [...STATS_HEADERS], ...bodyRows(table)], { bom: true });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A self-contained HTML page of the table for printing on A4 (no scripts, no external resources; every
 * text escaped). With `withRules`, the counting rules follow the table.
 */
export function statsTableHtml(table: StatsTable, opts: StatsExportOptions & { withRules?: boolean }): string {
  const t = texts(table, opts);
  const head = STATS_HEADERS.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = table.rows
    .map(
      (r) =>
        `<tr${r.key === 'total' ? ' class="total"' : ''}><th scope="row">${escapeHtml(r.title)}</th>` +
        `<td>${r.listed}</td><td>${r.repeatOffenders}</td><td>${r.exposed}</td></tr>`,
    )
    .join('\n');
  const rules = opts.withRules
    ? `<section class="rules"><h2>统计口径</h2><ul>${[...scopeLines(table), ...COUNTING_RULES.map((r) => r.zh)]
        .map((l) => `<li>${escapeHtml(l)}</li>`)
        .join('')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(t.title)}</title>
<style>
@page { size: A4 portrait; margin: 25mm 20mm; }
body { font-family: "FangSong", "仿宋", "STFangsong", "SimSun", serif; font-size: 12pt; color: #000; margin: 0; }
h1 { font-family: "SimHei", "黑体", "STHeiti", sans-serif; font-size: 18pt; font-weight: normal; text-align: center; margin: 0 0 12pt; }
.meta { display: flex; justify-content: space-between; margin: 0 0 6pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; page-break-inside: avoid; }
th, td { border: 0.75pt solid #000; padding: 8pt 4pt; text-align: center; vertical-align: middle; font-weight: normal; }
thead th { font-family: "SimHei", "黑体", sans-serif; }
tr.total th, tr.total td { font-weight: bold; }
col.domain { width: 30%; }
.rules { margin-top: 14pt; font-size: 9pt; }
.rules h2 { font-size: 10pt; margin: 0 0 4pt; }
.rules ul { margin: 0; padding-left: 14pt; }
</style>
</head>
<body>
<h1>${escapeHtml(t.title)}</h1>
<div class="meta"><span>填报单位：${escapeHtml(t.unit)}</span><span>时间：${escapeHtml(t.period)}</span></div>
<table>
<colgroup><col class="domain"><col><col><col></colgroup>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
${rules}
</body>
</html>
`;
}

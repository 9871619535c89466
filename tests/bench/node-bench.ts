/**
 * Node-side benches for `npm run bench`: one JSON line per figure, each beside a baseline measured here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { readXlsx, writeXlsx } from '../../lib/io';
import { auditFile, parseOnly } from '../../lib/rules/audit';
import { bundledPacks, translatorFromMessages, type MessageEntry } from '../../lib/rules';
import { generateCaseExport } from './gen-cases';

function row(section: string, figure: string, value: string, baselineName: string, baseline: string, goal = ''): void {
  console.log(JSON.stringify({ section, figure, value, baselineName, baseline, goal }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function auditThroughput(n: number): Promise<void> {
  const bytes = generateCaseExport(n);
  const file = { name: 'bench.csv', source: bytes };
  const messages = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/zh_CN/messages.json'), 'utf8')) as Record<
    string,
    MessageEntry
  >;
  const t = translatorFromMessages(messages);
  const parse: number[] = [];
  const audit: number[] = [];
  for (let i = 0; i < 3; i++) {
    let t0 = performance.now();
    const rows = await parseOnly(file);
    parse.push(rows / ((performance.now() - t0) / 1000));
    t0 = performance.now();
    const run = await auditFile(file, { at: '2026-11-22', packs: bundledPacks, t });
    let audited = 0;
    for await (const batch of run.rows) audited += batch.length;
    audit.push(audited / ((performance.now() - t0) / 1000));
  }
  const a = median(audit);
  const p = median(parse);
  row(
    `audit ${n.toLocaleString('en')} rows`,
    'cases/s (parse + facts + assessment)',
    a.toFixed(0),
    'parse the file alone, rows/s',
    p.toFixed(0),
    `goal ≥ 25000, or ≥ 0.10 of parse · now ${(a / p).toFixed(2)} of parse`,
  );
}

/** A workbook whose sheet is `sheetXml` (rows only), zipped as office software would. */
function workbook(sheetXml: string): Uint8Array {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const pkg = 'http://schemas.openxmlformats.org/package/2006/relationships';
  return zipSync({
    '_rels/.rels': strToU8(
      `<Relationships xmlns="${pkg}"><Relationship Id="r1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="S" sheetId="1" r:id="r1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="${pkg}"><Relationship Id="r1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet xmlns="${main}"><sheetData>${sheetXml}</sheetData></worksheet>`),
  });
}

async function timeRead(bytes: Uint8Array): Promise<number> {
  const t0 = performance.now();
  try {
    for await (const _ of readXlsx(bytes));
  } catch {
    // a refused file: the time to refuse it is the figure
  }
  return performance.now() - t0;
}

/** Wide-row XLSX files (one cell per row, far to the right) are refused by the cell and column budget. */
async function xlsxBudget(): Promise<void> {
  const list = writeXlsx({
    sheets: [
      {
        name: 'S',
        rows: Array.from({ length: 60_000 }, (_, i) => [`上海测试${i}贸易有限公司`, `91310000MA1FL${i}`, '2024-01-02', '吊销许可证件']),
      },
    ],
  });
  const base = await timeRead(list);
  for (const column of ['XFC', 'AMJ']) {
    let xml = '';
    for (let r = 1; xml.length < 20 << 20; r++) xml += `<row r="${r}"><c r="${column}${r}"><v>1</v></c></row>`;
    const wide = workbook(xml);
    const refused = await timeRead(wide);
    row(
      `XLSX budget, ${(wide.length / 1e6).toFixed(1)} MB`,
      `rows of one cell in column ${column}: refused after`,
      `${refused.toFixed(0)} ms`,
      `a ${(list.length / 1e6).toFixed(1)} MB list XLSX read whole`,
      `${base.toFixed(0)} ms`,
      'goal < 5 s (was minutes)',
    );
  }
}

// `BENCH_ONLY=audit` (or `xlsx`) runs one section alone, e.g. under `node --cpu-prof` on a shared machine.
const only = process.env.BENCH_ONLY;
if (!only || only === 'audit') await auditThroughput(100_000);
if (!only || only === 'xlsx') await xlsxBudget();

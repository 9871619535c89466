// The statistics table as an office opens it: LibreOffice (headless) converts our XLSX to PDF without an
// error, and reads back the same cells; text that starts like a formula stays that text. CI installs Debian's libreoffice-calc-nogui when soffice is missing
// (.ci/run); soffice is found on the PATH, or SOFFICE_PATH names it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, writeXlsx } from '../../../lib/io';
import { statsTableXlsx, tallyTable } from '../../../lib/ledger';
import { makeCase } from '../ledger/helpers';
import { collect } from './helpers';

const SOFFICE =
  process.env.SOFFICE_PATH ??
  (process.env.PATH ?? '')
    .split(delimiter)
    .map((d) => join(d, 'soffice'))
    .find((p) => existsSync(p)) ??
  '/usr/bin/soffice';
const dir = mkdtempSync(join(tmpdir(), 'cca-soffice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs LibreOffice headless with a profile of its own, so parallel runs never share one. */
function soffice(args: string[]): { status: number | null; output: string } {
  if (!existsSync(SOFFICE)) {
    throw new Error(`LibreOffice not found at ${SOFFICE}: install Debian's libreoffice-calc-nogui (see README) or set SOFFICE_PATH`);
  }
  const r = spawnSync(SOFFICE, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', ...args], {
    encoding: 'utf8',
    timeout: 150_000,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe('the statistics-table XLSX in LibreOffice', () => {
  const table = tallyTable(
    [
      makeCase({ domain: 'food', listingDate: '2023-07-03' }),
      makeCase({ domain: 'food', listingDate: '2023-07-04', exposureDate: '2023-07-05' }),
      makeCase({ domain: 'drug', listingDate: '2023-07-06' }),
      makeCase({ domain: 'competition', repeatPublicityDate: '2023-07-07', partyName: '某公司' }),
      makeCase({ domain: 'other', exposureDate: '2023-07-08' }),
    ],
    { from: '2023-07-01', to: '2023-11-30' },
  );
  const xlsx = join(dir, '工作情况表.xlsx');
  writeFileSync(xlsx, statsTableXlsx(table, { unitName: '洛阳市市场监督管理局<script>', titlePrefix: '洛阳市' }));

  it('converts to PDF without an error', () => {
    const r = soffice(['--convert-to', 'pdf', '--outdir', dir, xlsx]);
    expect(r.status, r.output).toBe(0);
    expect(r.output).not.toMatch(/\bError\b|failed to load|source file could not be loaded/i);
    const pdf = readFileSync(join(dir, '工作情况表.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('reads back the cells of the table', async () => {
    const r = soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', join(dir, 'csv'), xlsx]);
    expect(r.status, r.output).toBe(0);
    const back = (await collect(readCsv(readFileSync(join(dir, 'csv', '工作情况表.csv'))))).map((rec) => rec.cells.filter((c) => c !== ''));
    expect(back[0]).toEqual(['洛阳市经营主体严重违法失信行为专项治理行动工作情况表']);
    expect(back[1]).toEqual(['填报单位：洛阳市市场监督管理局<script>', '时间：2023年7月1日至2023年11月30日']);
    const body = back.slice(3).map((cells) => [cells[0], ...cells.slice(1).map(Number)]);
    expect(body).toEqual(table.rows.map((row) => [row.title, row.listed, row.repeatOffenders, row.exposed]));
  }, 180_000);
});

describe('formula-looking text in our XLSX, in LibreOffice', () => {
  const texts = ['=1+1', '+86 731 8888', '-', '@x', '=SUM(1,2)'];
  const xlsx = join(dir, '名单.xlsx');
  writeFileSync(
    xlsx,
    writeXlsx({ sheets: [{ name: '名单', rows: [[...texts, 2]], styles: [{ range: 'A1:F1', style: { border: true } }] }] }),
  );

  it('shows the text as written, without an apostrophe and not evaluated', async () => {
    const r = soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', join(dir, 'text'), xlsx]);
    expect(r.status, r.output).toBe(0);
    const back = await collect(readCsv(readFileSync(join(dir, 'text', '名单.csv'))));
    expect(back.map((rec) => rec.cells)).toEqual([[...texts, '2']]);
  }, 180_000);
});

// The statistics table over 100,000 recorded cases in Chromium's IndexedDB, beside one full read of the ledger
// (issue 9 item 5). In `npm run bench` (scripts/bench.mjs) as one section; alone: `node tests/bench/ledger-bench.mjs`
// (needs no extension build: the table's code is bundled into a plain page).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { startFixtureServer } from '../fixtures/server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
const ms = (x) => `${x.toFixed(3)} ms`;

/** Runs the section in a new page of `context` and reports its rows. */
export async function ledgerBench({ context, report, cases = 100_000 }) {
  const work = mkdtempSync(join(tmpdir(), 'cca-ledger-bench-'));
  await build({
    entryPoints: [join(root, 'tests/bench/ledger-bench-page.ts')],
    bundle: true,
    format: 'iife',
    outfile: join(work, 'ledger-bench.js'),
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  // IndexedDB needs an origin: an empty page served from the work folder
  writeFileSync(join(work, 'index.html'), '<!doctype html><meta charset="utf-8"><title>ledger bench</title>');
  const server = await startFixtureServer({ root: work, port: 0 });
  const page = await context.newPage();
  try {
    await page.goto(new URL('index.html', server.url).href);
    await page.addScriptTag({ path: join(work, 'ledger-bench.js') });
    const lb = await page.evaluate((n) => window.__ledgerBench(n), cases);
    const section = `statistics table ${cases.toLocaleString('en')}`;
    const rows = [
      ['tallyTableFromDb, period = all five years', lb.table, 'one full read of the ledger', lb.fullRead],
      ['tallyTableFromDb, period = one year', lb.yearTable, 'one full read of the ledger', lb.fullRead],
      ['tallyTableFromDb, one unit, all time', lb.unitTable, 'one full read of the ledger', lb.fullRead],
      ['tallyTableFromDb, all time, every case in all three columns', lb.worstTable, 'one full read of that ledger', lb.worstFullRead],
    ];
    for (const [figure, value, baselineName, baseline] of rows)
      report(section, figure, ms(value), baselineName, ms(baseline), `ratio ${ratio(value, baseline)} (goal ≤ 1)`);
  } finally {
    await page.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { chromium } = await import('@playwright/test');
  const { chromiumEnv, chromiumExecutable } = await import('../../scripts/chromium.mjs');
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    env: chromiumEnv(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const rows = [];
  try {
    const context = await browser.newContext();
    await ledgerBench({ context, report: (...r) => rows.push(r) });
  } finally {
    await browser.close();
  }
  for (const [section, figure, value, baselineName, baseline, goal] of rows)
    console.log([section, figure, value, `${baselineName}: ${baseline}`, goal].join(' | '));
}

// The framework matrix's reading table: for each fixture page, how many of the keys a handler sees the overlay
// shows with that value, and whether the verdict and the 应列未列 banner are the expected ones.
// In `npm run bench` (scripts/bench.mjs) as one section; alone: `node tests/bench/reading-table.mjs`
// (needs `npm run build:test` first; installs and bundles the fixtures if stale).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureFrameworkFixtures } from '../fixtures/frameworks/build.mjs';
import { LOGICAL_KEYS, matrixPages, readSettled, score } from '../fixtures/frameworks/matrix.mjs';

const SHORT = {
  decisionNo: 'dNo',
  caseNo: 'cNo',
  partyName: 'name',
  uscc: 'uscc',
  idNumber: 'id',
  partyKind: 'kind',
  legalRep: 'rep',
  address: 'addr',
  violation: 'viol',
  legalBasis: 'basi',
  penalty: 'pen',
  fineAmount: 'fine',
  confiscation: 'conf',
  aggravation: 'aggr',
  decisionDate: 'date',
  authority: 'auth',
  listingDecision: 'list',
  criminalTransfer: 'crim',
  domain: 'dom',
};

/**
 * Reads every matrix page with the extension loaded in `context`; prints the table and adds one row per page
 * (plus a total) through `report(section, figure, value, baselineName, baseline, goal)`.
 */
export async function readingTable({ context, serverUrl, report = () => {}, log = console.log }) {
  await ensureFrameworkFixtures({ log });
  const page = await context.newPage();
  const rows = [];
  for (const p of matrixPages()) {
    await page.goto(new URL(p.url, serverUrl).href);
    if (!p.static) await page.waitForFunction(() => document.documentElement.dataset.fixtureReady === 'true', null, { timeout: 15_000 });
    const read = await readSettled(page, p);
    const s = score(p, read);
    rows.push({ p, read, s });
  }
  await page.close();

  const w = (s, n) => String(s).padEnd(n);
  const keys = LOGICAL_KEYS;
  log(`\nReading table: ✓ read as shown, ✗ missing or wrong, · not on the page`);
  log(`columns: ${keys.map((k) => `${SHORT[k]}=${k}`).join(' ')}`);
  log(`${w('fixture page', 42)}${w('keys', 8)}${w('verdict', 28)}${w('banner', 18)}${keys.map((k) => w(SHORT[k], 4)).join(' ')}`);
  let read = 0;
  let expected = 0;
  let verdicts = 0;
  for (const { p, read: r, s } of rows) {
    read += s.read;
    expected += s.expected;
    if (s.verdictOk) verdicts++;
    const marks = keys.map((k) => w(k in p.fields ? (s.wrong.includes(k) ? '✗' : '✓') : '·', 4)).join(' ');
    const verdict = `${s.verdictOk ? '✓' : '✗'} ${r.verdict ?? 'none'}${s.verdictOk ? '' : ` (${p.verdict})`}`;
    const banner = `${s.unlistedOk ? '✓' : '✗'} ${r.unlisted ?? 'none'}${s.unlistedOk ? '' : ` (${p.unlisted})`}`;
    log(`${w(`${p.fixture}/${p.path}`, 42)}${w(`${s.read}/${s.expected}`, 8)}${w(verdict, 28)}${w(banner, 18)}${marks}`);
    report(
      'reading table',
      `${p.fixture}/${p.path}`,
      `${s.read}/${s.expected} keys`,
      'verdict',
      `${r.verdict ?? 'none'}`,
      s.verdictOk ? 'verdict ✓' : `verdict ✗ (want ${p.verdict})`,
    );
  }
  log(`${w('total', 42)}${w(`${read}/${expected}`, 8)}${verdicts}/${rows.length} verdicts right`);
  report(
    'reading table',
    `all ${rows.length} pages`,
    `${read}/${expected} keys`,
    'verdicts right',
    `${verdicts}/${rows.length}`,
    `${((100 * read) / Math.max(expected, 1)).toFixed(0)}% of keys`,
  );
  return { read, expected, verdicts, pages: rows.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { chromium } = await import('@playwright/test');
  const { chromiumArgs, chromiumEnv, chromiumExecutable } = await import('../../scripts/chromium.mjs');
  const { startFixtureServer } = await import('../fixtures/server.mjs');
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const extensionDir = join(root, '.output/chrome-mv3-test');
  const server = await startFixtureServer({ port: 0 });
  const userDataDir = mkdtempSync(join(tmpdir(), 'cca-reading-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumExecutable(),
    env: chromiumEnv(),
    headless: true,
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
    args: chromiumArgs(extensionDir),
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await sw.evaluate(async () => {
    for (let i = 0; i < 200 && (await chrome.scripting.getRegisteredContentScripts()).length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
  });
  try {
    await readingTable({ context, serverUrl: server.url });
  } finally {
    await context.close();
    await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

// `npm test`: unit tests (Vitest), the test build, e2e tests (Playwright, real Chromium); then ONE summary line
// counting both, which CI reads: `N passed, N failed[, N skipped]`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildTestExtension } from './build-test.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(args, env = {}) {
  const r = spawnSync(npx, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

// 1. unit
const vitestJson = join(out, 'vitest.json');
rmSync(vitestJson, { force: true });
run(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const v = readJson(vitestJson);
if (v) {
  totals.passed += v.numPassedTests ?? 0;
  totals.failed += v.numFailedTests ?? 0;
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  // a file that fails to load has no tests to count: count it as a failure rather than hide it
  for (const f of v.testResults ?? []) if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) totals.failed++;
} else {
  console.error('Vitest wrote no report: counting the unit run as one failure.');
  totals.failed++;
}

// 2. e2e on the test build
const built = buildTestExtension();
if (built !== 0 || !existsSync(join(root, '.output/chrome-mv3-test/manifest.json'))) {
  console.error('The test build failed: e2e tests cannot run.');
  totals.failed++;
} else {
  const pwJson = join(out, 'playwright.json');
  rmSync(pwJson, { force: true });
  run(['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  const p = readJson(pwJson);
  if (p?.stats) {
    totals.passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
    totals.failed += p.stats.unexpected ?? 0;
    totals.skipped += p.stats.skipped ?? 0;
    for (const e of p.errors ?? []) if (e) totals.failed++;
  } else {
    console.error('Playwright wrote no report: counting the e2e run as one failure.');
    totals.failed++;
  }
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);

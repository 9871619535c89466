// `npm test`: the code checks (ESLint, Prettier, knip, tsc: one test each), unit tests (Vitest), the test build, e2e
// tests (Playwright, real Chromium), the Firefox smoke test (firefox-esr), the packages and their checks; then ONE
// summary line counting all of them, which CI reads: `N passed, N failed` (skipped tests are counted and named on the lines above it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildTestExtension } from './build-test.mjs';
import { ensureFrameworkFixtures } from '../tests/fixtures/frameworks/build.mjs';
import { packageAll } from './package.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const totals = { passed: 0, failed: 0, skipped: 0 };
// what failed or was skipped, named again just above the summary line: CI shows only the end of the output
const failures = [];
const skips = [];

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

// the reporters' colour codes
const ESCAPE = String.fromCharCode(27);
const COLOUR = new RegExp(`${ESCAPE}\\[[0-9;]*m`, 'g');

function firstLine(text) {
  return String(text ?? '')
    .replace(COLOUR, '')
    .trim()
    .split('\n')[0]
    .slice(0, 200);
}

/** Names the Playwright tests that failed or were skipped, with the error's first line or the skip's reason. */
function listPlaywright(suite, file = suite.file) {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      const where = `${file ?? spec.file}:${spec.line} › ${spec.title}`;
      if (t.status === 'unexpected') failures.push(`${where}: ${firstLine(t.results?.at(-1)?.error?.message)}`);
      else if (t.status === 'skipped') {
        const why = (t.annotations ?? []).find((a) => a.type === 'skip')?.description;
        skips.push(`${where}${why ? `: ${why}` : ''}`);
      }
    }
  }
  for (const s of suite.suites ?? []) listPlaywright(s, file ?? s.file);
}

/** Adds a Vitest JSON report to the totals; a missing report counts as one failure. */
function countVitest(path, what) {
  const v = readJson(path);
  if (v) {
    totals.passed += v.numPassedTests ?? 0;
    totals.failed += v.numFailedTests ?? 0;
    totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
    // a file that fails to load has no tests to count: count it as a failure rather than hide it
    for (const f of v.testResults ?? []) {
      const file = relative(root, f.name ?? '');
      if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) {
        totals.failed++;
        failures.push(`${file}: did not load: ${firstLine(f.message)}`);
      }
      for (const a of f.assertionResults ?? []) {
        if (a.status === 'failed') failures.push(`${file} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
        else if (a.status === 'pending' || a.status === 'skipped' || a.status === 'todo') skips.push(`${file} › ${a.fullName}`);
      }
    }
  } else {
    console.error(`Vitest wrote no report: counting the ${what} run as one failure.`);
    totals.failed++;
  }
}

// 0. code checks: each is one test, its output shown only when it fails
for (const [name, script] of [
  ['ESLint', 'lint'],
  ['Prettier', 'format:check'],
  ['knip', 'knip'],
  ['tsc', 'typecheck'],
]) {
  const r = spawnSync(npm, ['run', '--silent', script], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status === 0) {
    console.log(`✓ ${name} (npm run ${script})`);
    totals.passed++;
  } else {
    console.error(`✗ ${name} (npm run ${script}) failed:\n${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}`);
    totals.failed++;
  }
}

// 1. unit
const vitestJson = join(out, 'vitest.json');
rmSync(vitestJson, { force: true });
run(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
countVitest(vitestJson, 'unit');

// 2. e2e on the test build, with the framework fixtures installed (`npm ci` in their folder when stale) and bundled
try {
  const f = await ensureFrameworkFixtures();
  console.log(`framework fixtures: install ${(f.installMs / 1000).toFixed(1)} s, bundle ${(f.bundleMs / 1000).toFixed(1)} s (0 = fresh)`);
} catch (e) {
  // the matrix tests then fail on their missing pages; the other e2e tests still run
  console.error(`The framework fixtures could not be prepared: ${String(e)}`);
}
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
    for (const s of p.suites ?? []) listPlaywright(s);
    for (const e of p.errors ?? []) {
      if (!e) continue;
      totals.failed++;
      failures.push(`Playwright: ${firstLine(e.message)}`);
    }
  } else {
    console.error('Playwright wrote no report: counting the e2e run as one failure.');
    totals.failed++;
  }
}

// 3. Firefox: the Firefox test build in Debian's firefox-esr (tests/firefox/smoke.mjs, WebDriver BiDi)
const firefoxJson = join(out, 'firefox.json');
rmSync(firefoxJson, { force: true });
if (buildTestExtension(['-b', 'firefox']) !== 0 || !existsSync(join(root, '.output/firefox-mv3-test/manifest.json'))) {
  console.error('The Firefox test build failed: the Firefox smoke test cannot run.');
  totals.failed++;
} else {
  spawnSync(process.execPath, [join(root, 'tests/firefox/smoke.mjs')], { cwd: root, stdio: 'inherit' });
  const f = readJson(firefoxJson);
  if (f) {
    totals.passed += f.passed ?? 0;
    totals.failed += f.failed ?? 0;
    for (const c of f.checks ?? []) if (!c.ok) failures.push(`Firefox: ${c.name}${c.error ? `: ${firstLine(c.error)}` : ''}`);
  } else {
    console.error('The Firefox smoke test wrote no report: counting it as one failure.');
    totals.failed++;
  }
}

// 4. packages: `npm run package`, then the checks on the zips (names, manifests, Chromium 86 syntax and built-ins)
if (packageAll() !== 0) {
  console.error('Packaging failed: the package checks cannot run.');
  totals.failed++;
} else {
  const packagesJson = join(out, 'packages.json');
  rmSync(packagesJson, { force: true });
  run([
    'vitest',
    'run',
    '--config',
    'tests/packages/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${packagesJson}`,
  ]);
  countVitest(packagesJson, 'package');
}

for (const f of failures) console.log(`✗ ${f}`);
for (const k of skips) console.log(`- skipped: ${k}`);
if (totals.skipped) console.log(`${totals.skipped} skipped`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);

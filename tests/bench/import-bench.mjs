// Party-list import and lookup in real Chromium (issue 4 item 7), called by scripts/bench.mjs with a persistent
// context that has the test build loaded:
//   • 1,000,000 serious-list rows and 1,000,000 penalty-history rows imported through the dashboard's own
//     wizard (file input → worker → lib/entities), timed from the click to the result;
//   • beside them the naive baseline (tests/bench/naive-import.ts: one Dexie record per row, bulkPut, the same
//     indexes, the same reader and validation) on a 50k-row sample of each file, in the same browser;
//   • peak memory, sampled every 100 ms: the JS heaps (V8 used + array buffers + DOM) of the import worker and
//     the dashboard page through CDP Runtime.getHeapUsage, and the RSS of the busiest renderer process (the
//     dashboard tab, its import worker and the service worker share the extension's process; Linux /proc);
//   • the longest main-thread task of the dashboard during an import (its progress must not freeze the page);
//   • lookupParty latency over 10,000 random codes, half of them listed, sent from an extension page to the
//     background through the reader's own transport (its port → background → answer), beside an empty request on
//     a port of the same kind, an empty one-off message, and lookupParty called in the page itself; the first
//     lookup of a fresh reader after the service worker was stopped, beside the first empty request after a stop;
//     and the memory lookups keep, with its load time.
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const extensionDir = join(root, '.output/chrome-mv3-test');

const ROWS = 1_000_000;
const NAIVE_ROWS = 50_000;
const LOOKUPS = 10_000;
/** lookups called in the page itself, to split the latency into lookup and messaging */
const DIRECT_LOOKUPS = 2_000;

// ── deterministic data ──

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** A valid unified social credit code (GB 32100 with the GB 11714 inner check) numbered `i`. */
function benchCode(i) {
  const org8 = String(i).padStart(8, '0');
  let s = 0;
  for (let k = 0; k < 8; k++) s += Number(org8[k]) * ORG_WEIGHTS[k];
  const c = 11 - (s % 11);
  const body = '91310115' + org8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += ALPHABET.indexOf(body[k]) * WEIGHTS[k];
  return body + ALPHABET[(31 - (sum % 31)) % 31];
}

const PLACES = [
  '浦东',
  '闵行',
  '松江',
  '嘉定',
  '青浦',
  '奉贤',
  '金山',
  '宝山',
  '徐汇',
  '静安',
  '长宁',
  '普陀',
  '虹口',
  '杨浦',
  '黄浦',
  '崇明',
];
// 50 distinct characters: a party's number written with them makes its name unique, as real names are
const NAME_CHARS = '鼎丰速健福满汇鑫九亭同鸿运金穗嘉隆新源申安闵江康百味明光融晟晨曦佳禾德永昌盛泰华兴宏达利通瑞祥和润恒';
const TRADES = ['食品', '贸易', '餐饮管理', '商务咨询', '电器制造', '健身', '物流', '科技', '建材', '医药'];
const REASONS = [
  '未取得食品生产许可从事食品生产，受到吊销食品经营许可证的较重行政处罚',
  '收取预付款后关闭经营场所、逃避责任，受到吊销营业执照的较重行政处罚',
  '提交虚假材料取得公司登记，受到吊销营业执照的较重行政处罚',
  '组织虚假交易，受到从重罚款的较重行政处罚',
];

/** The party numbered `i`: the same name and code in every file and in the lookups. */
function benchParty(i) {
  let word = '';
  for (let n = i, k = 0; k < 5; k++, n = Math.floor(n / NAME_CHARS.length)) word += NAME_CHARS[n % NAME_CHARS.length];
  return { name: `上海${PLACES[(i >>> 3) % PLACES.length]}${word}${TRADES[i % TRADES.length]}有限公司`, code: benchCode(i) };
}

const date = (r, from = 2022) =>
  `${from + Math.floor(r() * 3)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;

function writeRows(path, header, n, row) {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, '\uFEFF' + header + '\r\n');
    let buf = '';
    for (let i = 0; i < n; i++) {
      buf += row(i) + '\r\n';
      if (buf.length >= 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
}

/** Serious list: one row per party, parties 0 … n−1. */
export function writeSerious(path, n) {
  const r = prng(7);
  writeRows(path, '企业名称,统一社会信用代码,列入日期,列入原因,作出决定机关,移出日期', n, (i) => {
    const p = benchParty(i);
    return `${p.name},${p.code},${date(r)},${REASONS[i % REASONS.length]},上海市${PLACES[i % PLACES.length]}区市场监督管理局,${i % 50 === 0 ? '2025-06-30' : ''}`;
  });
}

/** Penalty history as a case system exports it: sorted by party, about five decisions each. */
export function writePenalties(path, n) {
  const r = prng(11);
  writeRows(path, '当事人名称,统一社会信用代码,行政处罚决定书文号,作出决定的日期,是否信用修复', n, (i) => {
    const p = benchParty(Math.floor(i / 5));
    const d = date(r, 2021);
    return `${p.name},${p.code},沪${PLACES[i % PLACES.length]}市监处〔${d.slice(0, 4)}〕${100000 + i}号,${d},${i % 13 === 0 ? '是' : '否'}`;
  });
}

// ── memory ──

function rssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const heapBytes = (h) => h.usedSize + (h.embedderHeapUsedSize ?? 0) + (h.backingStorageSize ?? 0);

/**
 * Samples memory until stopped: the JS heaps of `page` and of the workers it starts (CDP, through the
 * page's own session attached to its workers), and the RSS of the browser's renderer processes.
 */
async function memorySampler(context, page) {
  const cdp = await context.newCDPSession(page);
  const workers = new Set();
  const waiting = new Map();
  let seq = 0;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.add(e.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (e) => workers.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    waiting.get(m.id)?.(m.result);
    waiting.delete(m.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const workerHeap = (sessionId) =>
    new Promise((resolve) => {
      const id = ++seq;
      waiting.set(id, (r) => resolve(r ? heapBytes(r) : 0));
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => {
        waiting.delete(id);
        resolve(0);
      });
      setTimeout(() => waiting.has(id) && (waiting.delete(id), resolve(0)), 1000);
    });

  const browserCdp = existsSync('/proc/self/status') ? await context.browser()?.newBrowserCDPSession() : undefined;
  let renderers = [];
  const refresh = async () => {
    if (browserCdp) renderers = (await browserCdp.send('SystemInfo.getProcessInfo')).processInfo.filter((p) => p.type === 'renderer');
  };
  await refresh();
  const peak = { worker: 0, page: 0, js: 0, rss: 0 };
  let stopped = false;
  const loop = (async () => {
    for (let n = 0; !stopped; n++) {
      const [pageHeap, ...workerHeaps] = await Promise.all([
        cdp.send('Runtime.getHeapUsage').then(heapBytes, () => 0),
        ...[...workers].map(workerHeap),
      ]);
      const worker = workerHeaps.reduce((a, b) => a + b, 0);
      peak.worker = Math.max(peak.worker, worker);
      peak.page = Math.max(peak.page, pageHeap);
      peak.js = Math.max(peak.js, worker + pageHeap);
      for (const p of renderers) peak.rss = Math.max(peak.rss, rssKb(p.id) * 1024);
      if (n % 10 === 9) await refresh().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const rssBefore = Math.max(0, ...renderers.map((p) => rssKb(p.id) * 1024));
  return async () => {
    stopped = true;
    await loop;
    await cdp.detach().catch(() => undefined);
    await browserCdp?.detach().catch(() => undefined);
    const mb = (b) => b / (1 << 20);
    return {
      worker: mb(peak.worker),
      page: mb(peak.page),
      js: mb(peak.js),
      rss: browserCdp ? mb(peak.rss) : null,
      rssBefore: mb(rssBefore),
    };
  };
}

// ── the bench ──

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

export async function importThroughDashboard(context, page, { kind, file }) {
  await page.getByTestId('import-kind').selectOption(kind);
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-preview').waitFor();
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  const stopMemory = await memorySampler(context, page);
  const t0 = performance.now();
  await page.getByTestId('import-start').click();
  await page.getByTestId('import-done').or(page.getByTestId('import-error')).waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - t0) / 1000;
  const mem = await stopMemory();
  if (await page.getByTestId('import-error').isVisible())
    throw new Error(`import failed: ${await page.getByTestId('import-error').textContent()}`);
  const imported = Number(await page.getByTestId('import-count-imported').getAttribute('data-count'));
  const longest = await page.evaluate(() => window.__longest);
  await page.getByTestId('import-reset').click();
  return { seconds, imported, mem, longest };
}

/** Lookup queries as a form sends them (code and name): even ones are listed parties, odd ones are not. */
export function lookupQueries(rowsOnList) {
  const r = prng(99);
  return Array.from({ length: LOOKUPS }, (_, k) => {
    const p = benchParty(k % 2 === 0 ? Math.floor(r() * rowsOnList) : 50_000_000 + Math.floor(r() * 1_000_000));
    return { uscc: p.code, name: p.name };
  });
}

export const AT = '2024-12-31';

export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p99: s[Math.floor(s.length * 0.99)] };
}

/** Sequential lookups through the reader's transport in the bench page, beside empty requests (list-bench-page.ts). */
async function lookupAsReader(page, queries) {
  // warm-up: at least 3 s of lookups, for the worker to load what lookups keep in memory after the imports
  const r = await page.evaluate(({ qs, at }) => window.__lookupsAsReader(qs, at, 3000), { qs: queries, at: AT });
  return {
    ...stats(r.times),
    emptyPort: stats(r.emptyPort),
    emptyMessage: stats(r.emptyMessage),
    // even queries are listed parties, odd ones are on no list
    listedParties: stats(r.times.filter((_, k) => k % 2 === 0)),
    unlistedParties: stats(r.times.filter((_, k) => k % 2 === 1)),
    found: r.listed.filter((x, k) => x && k % 2 === 0).length,
    wrong: r.listed.filter((x, k) => x && k % 2 === 1).length,
  };
}

/** Stops the extension's service worker (all of this profile's) and waits until it is gone. */
async function stopServiceWorker(context, page) {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach();
  }
  for (let i = 0; i < 100 && context.serviceWorkers().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
}

/**
 * The first request of a fresh reader after the service worker was stopped, `times` times each: a lookup (the
 * worker starts, opens the database, and loads the lists' key indexes while it answers), and an empty request on a
 * new port (the worker's start alone).
 */
async function lookupAfterStop(context, page, queries, times = 5) {
  const lookup = [];
  const empty = [];
  for (let k = 0; k < times; k++) {
    for (const [out, what] of [
      [lookup, 'lookup'],
      [empty, 'empty'],
    ]) {
      await stopServiceWorker(context, page);
      out.push(await page.evaluate(({ w, q, at }) => window.__firstAfterStop(w, q, at), { w: what, q: queries[k * 2], at: AT }));
    }
  }
  return { lookup: stats(lookup).median, empty: stats(empty).median, times };
}

/**
 * Runs the party-list bench in `context` (the test build loaded) and adds its rows through `report`.
 * Bench-only files (the bench page, the generated lists) are removed afterwards, and so are the lists.
 */
export async function importBench({ context, extensionId, report }) {
  const work = mkdtempSync(join(tmpdir(), 'cca-import-bench-'));
  const pageFile = 'bench-lists.html';
  const scriptFile = 'bench-lists.js';
  try {
    const t0 = performance.now();
    const files = {
      serious: join(work, 'serious-1m.csv'),
      'penalty-history': join(work, 'penalty-1m.csv'),
      seriousSample: join(work, 'serious-sample.csv'),
      penaltySample: join(work, 'penalty-sample.csv'),
    };
    writeSerious(files.serious, ROWS);
    writePenalties(files['penalty-history'], ROWS);
    writeSerious(files.seriousSample, NAIVE_ROWS);
    writePenalties(files.penaltySample, NAIVE_ROWS);
    await build({
      entryPoints: [join(root, 'tests/bench/list-bench-page.ts')],
      bundle: true,
      format: 'iife',
      outfile: join(work, scriptFile),
      logLevel: 'warning',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    console.error(`list bench: data generated in ${fmt((performance.now() - t0) / 1000, 1)} s`);

    const dash = await context.newPage();
    const bench = await context.newPage();
    try {
      await dash.goto(`chrome-extension://${extensionId}/options.html#lists`);
      await dash.getByTestId('import-wizard').waitFor();
      const imports = {};
      for (const kind of ['serious', 'penalty-history'])
        imports[kind] = await importThroughDashboard(context, dash, { kind, file: files[kind] });

      const queries = lookupQueries(ROWS);
      // copied into the build only now (a rebuild of .output meanwhile would have removed it)
      copyFileSync(join(work, scriptFile), join(extensionDir, scriptFile));
      writeFileSync(
        join(extensionDir, pageFile),
        `<!doctype html><meta charset="utf-8"><title>list bench</title><input type="file" id="file"><script src="${scriptFile}"></script>`,
      );
      await bench.goto(`chrome-extension://${extensionId}/${pageFile}`);
      const byReader = await lookupAsReader(bench, queries);
      const cold = await lookupAfterStop(context, bench, queries);
      const memory = await bench.evaluate(() => window.__lookupMemory());
      const direct = stats(
        await bench.evaluate(({ qs, at }) => window.__lookupDirect(qs, at), { qs: queries.slice(0, DIRECT_LOOKUPS), at: AT }),
      );

      // removal of one list through the dashboard; the other goes the same way, untimed
      const rows = dash.getByTestId('list-row');
      const r0 = performance.now();
      await rows.first().getByTestId('list-remove').click();
      await rows.first().getByTestId('list-remove-confirm').click();
      await rows.nth(1).waitFor({ state: 'detached', timeout: 300_000 });
      const removeSeconds = (performance.now() - r0) / 1000;
      await rows.first().getByTestId('list-remove').click();
      await rows.first().getByTestId('list-remove-confirm').click();
      await dash.getByTestId('lists-empty').waitFor({ timeout: 300_000 });

      const naive = {};
      for (const [kind, sample] of [
        ['serious', files.seriousSample],
        ['penalty-history', files.penaltySample],
      ]) {
        await bench.locator('#file').setInputFiles(sample);
        naive[kind] = await bench.evaluate((k) => window.__naiveImport(document.getElementById('file').files[0], k), kind);
      }

      for (const [kind, label] of [
        ['serious', 'serious list'],
        ['penalty-history', 'penalty history'],
      ]) {
        const r = imports[kind];
        const base = naive[kind];
        const rate = r.imported / r.seconds;
        const section = `list import: ${label}`;
        report(section, `${fmt(r.imported)} rows through the dashboard`, `${fmt(r.seconds, 1)} s`, '', '', '');
        report(
          section,
          'rows/s',
          fmt(rate),
          `naive bulkPut (${fmt(base.rows)} rows)`,
          `${fmt(base.rowsPerSecond)} rows/s`,
          `ratio ${(rate / base.rowsPerSecond).toFixed(1)} (goal ≥ 8)`,
        );
        report(
          section,
          'peak JS memory, import worker + page',
          `${fmt(r.mem.js)} MB`,
          'of which the page',
          `${fmt(r.mem.page)} MB`,
          'goal < 500 MB',
        );
        if (r.mem.rss !== null)
          report(
            section,
            'peak RSS, busiest renderer process',
            `${fmt(r.mem.rss)} MB`,
            'before the import',
            `${fmt(r.mem.rssBefore)} MB`,
            '',
          );
        report(section, 'longest dashboard main-thread task', `${fmt(r.longest)} ms`, '', '', 'page responsive: < 200 ms');
      }
      const section = 'lookupParty, 2 lists of 1M';
      report(
        section,
        `median of ${fmt(LOOKUPS)}, page → background → answer (the reader's port)`,
        `${byReader.median.toFixed(2)} ms`,
        'empty request, same kind of port',
        `${byReader.emptyPort.median.toFixed(2)} ms`,
        `goal < 2 ms; listed found ${byReader.found}/${LOOKUPS / 2}, false ${byReader.wrong}`,
      );
      report(
        section,
        'p99, page → background → answer',
        `${byReader.p99.toFixed(2)} ms`,
        'empty request, same kind of port',
        `${byReader.emptyPort.p99.toFixed(2)} ms`,
        'goal < 5 ms',
      );
      report(
        section,
        'empty one-off message round trip: median',
        `${byReader.emptyMessage.median.toFixed(2)} ms`,
        'p99',
        `${byReader.emptyMessage.p99.toFixed(2)} ms`,
        '',
      );
      for (const [who, st] of [
        ['a party on no list', byReader.unlistedParties],
        ['a listed party', byReader.listedParties],
      ])
        report(section, `${who}: median / p99 (${fmt(LOOKUPS / 2)})`, `${st.median.toFixed(2)} ms`, 'p99', `${st.p99.toFixed(2)} ms`, '');
      report(
        section,
        `first lookup, worker stopped (median of ${cold.times})`,
        `${cold.lookup.toFixed(1)} ms`,
        'first empty request after a stop',
        `${cold.empty.toFixed(1)} ms`,
        '',
      );
      report(
        section,
        `median of ${fmt(DIRECT_LOOKUPS)} called in the page (no message)`,
        `${direct.median.toFixed(2)} ms`,
        'p99',
        `${direct.p99.toFixed(2)} ms`,
        '',
      );
      report(
        section,
        'memory kept for lookups (key indexes, ledger hashes)',
        `${fmt(memory.bytes / (1 << 20), 1)} MiB`,
        'time to load it (as the worker wakes)',
        `${fmt(memory.ms)} ms`,
        '',
      );
      report('list removal', 'remove a 1M-row list (dashboard)', `${fmt(removeSeconds, 1)} s`, '', '', '');
    } finally {
      await dash.close();
      await bench.close();
    }
  } finally {
    rmSync(join(extensionDir, pageFile), { force: true });
    rmSync(join(extensionDir, scriptFile), { force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

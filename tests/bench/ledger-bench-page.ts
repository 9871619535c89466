/**
 * Bundled into a bench page by scripts/bench.mjs: the statistics table over 100,000 recorded cases in
 * Chromium's IndexedDB, beside one full read of the ledger table, in the same page and run (issue 9 item 5):
 * the usual mix of cases, and the worst case where every case counts in all three columns.
 */
import { CreditDb, ledgerTables, storeCases, upgradeLegacyCase, type LedgerEntry } from '../../lib/db';
import { DOMAINS } from '../../lib/facts/domain';
import { tallyTableFromDb } from '../../lib/ledger';

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

const iso = (day: number) => new Date(Date.UTC(2021, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

/** `n` cases over five years; `every`: each listed, exposed and publicised (else one in 5, 10 and 50). */
function cases(n: number, every: boolean): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (let i = 0; i < n; i++) {
    const day = i % 1826;
    const listed = every || i % 5 === 0;
    out.push(
      upgradeLegacyCase({
        id: `沪测市监处〔${2021 + Math.floor(day / 365)}〕${i}号`,
        decisionNo: `沪测市监处〔${2021 + Math.floor(day / 365)}〕${i}号`,
        caseNo: null,
        partyName: `上海测试${i % 20_000}商贸有限公司`,
        partyNameNorm: `上海测试${i % 20_000}商贸有限公司`,
        uscc: null,
        domain: DOMAINS[i % DOMAINS.length]!,
        domainSource: 'item',
        verdict: listed ? 'must-list' : 'not-required',
        packId: 'order44-2021',
        packVersion: '1.0.0',
        citations: ['order44-2021/art2/2'],
        unlisted: 'no',
        listingDecision: listed ? 'yes' : 'no',
        listingDate: listed ? iso(day) : null,
        exposureDate: every || i % 10 === 0 ? iso(day + 3) : null,
        repeatPublicityDate: every || i % 50 === 0 ? iso(day + 7) : null,
        decisionDate: iso(day),
        creditRepaired: false,
        unit: `上海市测试${i % 3}区市场监督管理局`,
        recorder: '测试',
        origin: 'local',
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
        revision: 1,
      }),
    );
  }
  return out;
}

async function filled(n: number, every: boolean): Promise<CreditDb> {
  const db = new CreditDb(`ledger-bench-${every ? 'every' : 'mix'}-${Date.now()}`);
  const all = cases(n, every);
  for (let i = 0; i < all.length; i += 10_000) {
    await db.transaction('rw', ledgerTables(db), () => storeCases(db, all.slice(i, i + 10_000)));
  }
  return db;
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

async function run(
  n: number,
): Promise<{ table: number; fullRead: number; yearTable: number; unitTable: number; worstTable: number; worstFullRead: number }> {
  const db = await filled(n, false);
  const table: number[] = [];
  const yearTable: number[] = [];
  const unitTable: number[] = [];
  const fullRead: number[] = [];
  for (let r = 0; r < 5; r++) {
    fullRead.push(await timed(() => db.cases.toArray()));
    // the whole five years: every counted case falls in the period
    table.push(await timed(() => tallyTableFromDb(db, { from: '2021-01-01', to: '2025-12-31' })));
    // one campaign year: the usual question
    yearTable.push(await timed(() => tallyTableFromDb(db, { from: '2023-01-01', to: '2023-12-31' })));
    // one unit's own table over all time
    unitTable.push(await timed(() => tallyTableFromDb(db, { from: '1900-01-01', to: '2199-12-31', unit: '上海市测试1区市场监督管理局' })));
  }
  await db.delete();
  // the worst case: every case listed, exposed and publicised, period = all time
  const worst = await filled(n, true);
  const worstTable: number[] = [];
  const worstFullRead: number[] = [];
  for (let r = 0; r < 3; r++) {
    worstFullRead.push(await timed(() => worst.cases.toArray()));
    worstTable.push(await timed(() => tallyTableFromDb(worst, { from: '1900-01-01', to: '2199-12-31' })));
  }
  await worst.delete();
  return {
    table: median(table),
    fullRead: median(fullRead),
    yearTable: median(yearTable),
    unitTable: median(unitTable),
    worstTable: median(worstTable),
    worstFullRead: median(worstFullRead),
  };
}

(window as unknown as { __ledgerBench: typeof run }).__ledgerBench = run;

/**
 * Bundled into a bench page by scripts/bench.mjs: the statistics table over 100,000 recorded cases in
 * Chromium's IndexedDB, beside one full read of the ledger table, in the same page and run (issue 5 item 8).
 */
import { CreditDb, upgradeLegacyCase, type LedgerCase } from '../../lib/db';
import { DOMAINS } from '../../lib/facts/domain';
import { tallyTableFromDb } from '../../lib/ledger';

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

const iso = (day: number) => new Date(Date.UTC(2021, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

function cases(n: number): LedgerCase[] {
  const out: LedgerCase[] = [];
  for (let i = 0; i < n; i++) {
    // five years of cases; one in five listed, one in ten exposed, one in fifty publicised as repeat offender
    const day = i % 1826;
    out.push(upgradeLegacyCase({
      id: `沪测市监处〔${2021 + Math.floor(day / 365)}〕${i}号`,
      decisionNo: `沪测市监处〔${2021 + Math.floor(day / 365)}〕${i}号`,
      caseNo: null,
      partyName: `上海测试${i % 20_000}商贸有限公司`,
      partyNameNorm: `上海测试${i % 20_000}商贸有限公司`,
      uscc: null,
      domain: DOMAINS[i % DOMAINS.length]!,
      domainSource: 'item',
      verdict: i % 5 === 0 ? 'must-list' : 'not-required',
      packId: 'order44-2021',
      packVersion: '1.0.0',
      citations: ['order44-2021/art2/2'],
      unlisted: 'no',
      listingDecision: i % 5 === 0 ? 'yes' : 'no',
      listingDate: i % 5 === 0 ? iso(day) : null,
      exposureDate: i % 10 === 0 ? iso(day + 3) : null,
      repeatPublicityDate: i % 50 === 0 ? iso(day + 7) : null,
      decisionDate: iso(day),
      creditRepaired: false,
      unit: '上海市测试区市场监督管理局',
      recorder: '测试',
      origin: 'local',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
      revision: 1,
    }));
  }
  return out;
}

async function run(n: number): Promise<{ table: number; fullRead: number; yearTable: number }> {
  const db = new CreditDb(`ledger-bench-${Date.now()}`);
  const all = cases(n);
  for (let i = 0; i < all.length; i += 10_000) await db.cases.bulkPut(all.slice(i, i + 10_000));
  const table: number[] = [];
  const yearTable: number[] = [];
  const fullRead: number[] = [];
  for (let r = 0; r < 5; r++) {
    let t0 = performance.now();
    await db.cases.toArray();
    fullRead.push(performance.now() - t0);
    // the whole five years: the worst case, every listed case falls in the period
    t0 = performance.now();
    await tallyTableFromDb(db, { from: '2021-01-01', to: '2025-12-31' });
    table.push(performance.now() - t0);
    // one campaign year: the usual question
    t0 = performance.now();
    await tallyTableFromDb(db, { from: '2023-01-01', to: '2023-12-31' });
    yearTable.push(performance.now() - t0);
  }
  await db.delete();
  return { table: median(table), fullRead: median(fullRead), yearTable: median(yearTable) };
}

(window as unknown as { __ledgerBench: typeof run }).__ledgerBench = run;

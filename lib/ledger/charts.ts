import type { CreditDb } from '../db';
import { UserError } from '../errors';
import { DOMAINS, DOMAIN_TITLES, type Domain } from '../facts/domain';
import { userMessage } from '../messages';
import { VERDICTS, type Verdict } from '../rules/verdicts';
import { checkTallyOptions, latestPerCase, type TallyCase, type TallyOptions } from './tally';

export interface MonthlyListings {
  /** `YYYY-MM`, every month from the period's first to its last. */
  months: string[];
  /** One series per domain in annex order; `counts[i]` belongs to `months[i]`. */
  series: { domain: Domain; title: string; counts: number[] }[];
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const ym = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    out.push(ym);
    if (ym >= last) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/** Listings (列入严重违法失信名单) per month and domain, counted like the table: by listing date, one per case. */
export function listingsPerMonthByDomain(cases: Iterable<TallyCase>, opts: TallyOptions): MonthlyListings {
  const { from, to, unit } = checkTallyOptions(opts);
  const months = monthsBetween(from, to);
  const index = new Map(months.map((m, i) => [m, i]));
  const series = DOMAINS.map((d) => ({ domain: d, title: DOMAIN_TITLES[d], counts: months.map(() => 0) }));
  for (const c of latestPerCase(cases).values()) {
    // counted like the table: for the unit that recorded the listing date
    if (unit !== null && (c.dateUnits?.listingDate ?? c.unit) !== unit) continue;
    const d = c.listingDate;
    if (!d || d < from || d > to) continue;
    const s = series[Math.max(0, DOMAINS.indexOf(c.domain))]!;
    s.counts[index.get(d.slice(0, 7))!]!++;
  }
  return { months, series };
}

export interface VerdictShare {
  verdict: Verdict;
  count: number;
  /** count / total, 0 when there is nothing. */
  share: number;
}

/**
 * Shares of the four verdicts, in their order (VERDICTS), among recorded or audited cases. Items with an `id` count once per id (the
 * last one given wins); items without one (audit rows) count each.
 */
export function verdictShares(items: Iterable<{ verdict: Verdict; id?: string | null }>): VerdictShare[] {
  const byId = new Map<string, Verdict>();
  const anonymous: Verdict[] = [];
  for (const it of items) {
    if (it.id) byId.set(it.id, it.verdict);
    else anonymous.push(it.verdict);
  }
  const counts = new Map<Verdict, number>(VERDICTS.map((v) => [v, 0]));
  for (const v of [...byId.values(), ...anonymous]) if (counts.has(v)) counts.set(v, counts.get(v)! + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return VERDICTS.map((verdict) => {
    const count = counts.get(verdict)!;
    return { verdict, count, share: total === 0 ? 0 : count / total };
  });
}

/** Charts read at most this many months (ten years): beyond, bars would be too thin to read. */
const MAX_CHART_MONTHS = 120;

export interface LedgerCharts {
  listings: MonthlyListings;
  shares: VerdictShare[];
}

/**
 * The 台账's charts for a period, in one read: listings per month and domain (by listing date, for the unit that
 * recorded it), and the verdict shares of the cases decided in the period (of the unit, when one is given). A
 * period over ten years is refused (`chart_tooLong`).
 */
export async function ledgerCharts(db: CreditDb, opts: TallyOptions): Promise<LedgerCharts> {
  const o = checkTallyOptions(opts);
  if (monthsBetween(o.from, o.to).length > MAX_CHART_MONTHS) throw new UserError(userMessage('chart_tooLong', MAX_CHART_MONTHS));
  const [listed, decided] = await db.transaction('r', db.cases, () =>
    Promise.all([
      db.cases.where('listingDate').between(o.from, o.to, true, true).toArray(),
      db.cases.where('decisionDate').between(o.from, o.to, true, true).toArray(),
    ]),
  );
  return {
    listings: listingsPerMonthByDomain(listed, o),
    shares: verdictShares(decided.filter((c) => o.unit === null || c.unit === o.unit)),
  };
}

import { z } from 'zod';
import { DOMAINS, DOMAIN_TITLES, type Domain } from '../facts/domain';
import { isIsoDate } from '../text';
import { factsOf, type CreditDb, type LedgerCase, type PublicityEntry, type TallyFact } from '../db';
import { UserError } from '../errors';
import { joinMessages, userMessage } from '../messages';
import { countingRules } from './rules-text';

/** Title of the annex table (seed 001 附件; seed 000 附件2 prefixes the city). */
export const STATS_TITLE = '经营主体严重违法失信行为专项治理行动工作情况表';
/** The four column headers, as the annex prints them. */
export const STATS_HEADERS = [
  '监管领域',
  '列入严重违法失信名单（件）',
  '集中公示“屡禁不止、屡罚不改”经营主体户数（户）',
  '宣传曝光典型案例（件）',
] as const;
export const TOTAL_TITLE = '合计';

export type StatsRowKey = Domain | 'total';

export interface StatsRow {
  key: StatsRowKey;
  /** 监管领域 as the annex prints it. */
  title: string;
  /** 列入严重违法失信名单（件） */
  listed: number;
  /** 集中公示“屡禁不止、屡罚不改”经营主体户数（户） */
  repeatOffenders: number;
  /** 宣传曝光典型案例（件） */
  exposed: number;
}

export interface StatsTable {
  from: string;
  to: string;
  /** The recording unit counted, or null for every unit in the ledger (the merged whole). */
  unit: string | null;
  /** Seven rows: the six domains in annex order, then 合计. */
  rows: StatsRow[];
  /** The counting rules (rules-text.ts), in Chinese, for whoever reads the table. */
  notes: string[];
}

/** The fields of a recorded case the table looks at. */
export type TallyCase = Pick<
  LedgerCase,
  'id' | 'domain' | 'listingDate' | 'exposureDate' | 'repeatPublicityDate' | 'uscc' | 'partyNameNorm' | 'unit' | 'revision' | 'updatedAt'
> &
  Partial<Pick<LedgerCase, 'dateUnits'>>;

export interface TallyOptions {
  /** First day of the period, ISO `YYYY-MM-DD` (China Standard Time calendar date), inclusive. */
  from: string;
  /** Last day of the period, inclusive. */
  to: string;
  /** Count only cases recorded by this unit; absent, null or empty: all units. */
  unit?: string | null;
}

const isoDay = z.string().refine(isIsoDate, { message: 'ledgerError_periodDay' });
const TallyOptionsSchema = z
  .object({ from: isoDay, to: isoDay, unit: z.string().nullish() })
  .refine((o) => o.from <= o.to, { message: 'ledgerError_periodOrder' });

/** Validated period and unit; throws a UserError (统计条件有误：…) on bad input. */
export function checkTallyOptions(opts: TallyOptions): { from: string; to: string; unit: string | null } {
  const r = TallyOptionsSchema.safeParse(opts);
  if (!r.success) {
    const problems = r.error.issues.map((i) =>
      userMessage(i.message === 'ledgerError_periodOrder' ? 'ledgerError_periodOrder' : 'ledgerError_periodDay'),
    );
    throw new UserError(userMessage('ledgerError_period', joinMessages('common_joinClauses', problems)));
  }
  const unit = r.data.unit?.trim() || null;
  return { from: r.data.from, to: r.data.to, unit };
}

const rowOf = (d: string): Domain => ((DOMAINS as readonly string[]).includes(d) ? (d as Domain) : 'other');

/** Later record first: higher revision, then later update. */
function newer(a: TallyCase, b: TallyCase): boolean {
  if (a.revision !== b.revision) return a.revision > b.revision;
  return String(a.updatedAt) > String(b.updatedAt);
}

/** One record per case id (the newest), so the same case given twice cannot count twice. */
export function latestPerCase<C extends TallyCase>(cases: Iterable<C>): Map<string, C> {
  const byId = new Map<string, C>();
  for (const c of cases) {
    const seen = byId.get(c.id);
    if (!seen || newer(c, seen)) byId.set(c.id, c);
  }
  return byId;
}

/** The key of a publicised party for 户数 (see partyKeys). */
type Publicised = Required<Pick<TallyFact, 'caseId' | 'date' | 'domain' | 'code' | 'name'>>;

/**
 * The key of a party for 户数: its credit code; without one, the code recorded with the same normalised
 * name when exactly one such code is known; else the normalised name; with neither, the case itself.
 */
function partyKeys(facts: readonly Publicised[]): Map<Publicised, string> {
  const codesByName = new Map<string, Set<string>>();
  for (const f of facts) {
    if (!f.code || !f.name) continue;
    const set = codesByName.get(f.name) ?? new Set<string>();
    set.add(f.code);
    codesByName.set(f.name, set);
  }
  const keys = new Map<Publicised, string>();
  for (const f of facts) {
    const named = f.name ? codesByName.get(f.name) : undefined;
    if (f.code) keys.set(f, `code:${f.code}`);
    else if (named?.size === 1) keys.set(f, `code:${[...named][0]}`);
    else if (f.name) keys.set(f, `name:${f.name}`);
    else keys.set(f, `case:${f.caseId}`);
  }
  return keys;
}

/**
 * The later of two publicity records of a party: by publicity date, ties in annex order. Not by when a record
 * last changed: a merge or an edit of another field must not move a party from one row to another.
 */
function laterPublicity(a: Publicised, b: Publicised): boolean {
  if (a.date !== b.date) return a.date > b.date;
  return DOMAINS.indexOf(a.domain) < DOMAINS.indexOf(b.domain);
}

type Counts = Map<Domain, { listed: number; repeatOffenders: number; exposed: number }>;

const zeroCounts = (): Counts => new Map(DOMAINS.map((d) => [d, { listed: 0, repeatOffenders: 0, exposed: 0 }]));

/**
 * The table from the listings and exposures counted per row and the publicity facts in the period: a party
 * (see partyKeys) counts once, in the row of its latest publicity record (ties: annex order).
 */
function assemble(counts: Counts, publicised: readonly Publicised[], o: { from: string; to: string; unit: string | null }): StatsTable {
  const keys = partyKeys(publicised);
  const latestByParty = new Map<string, Publicised>();
  for (const p of publicised) {
    const key = keys.get(p)!;
    const prior = latestByParty.get(key);
    if (!prior || laterPublicity(p, prior)) latestByParty.set(key, p);
  }
  for (const p of latestByParty.values()) counts.get(p.domain)!.repeatOffenders++;

  const rows: StatsRow[] = DOMAINS.map((d) => ({ key: d, title: DOMAIN_TITLES[d], ...counts.get(d)! }));
  const sum = (f: 'listed' | 'repeatOffenders' | 'exposed') => rows.reduce((n, r) => n + r[f], 0);
  rows.push({
    key: 'total',
    title: TOTAL_TITLE,
    listed: sum('listed'),
    repeatOffenders: sum('repeatOffenders'),
    exposed: sum('exposed'),
  });
  return { ...o, rows, notes: countingRules('zh') };
}

const publicisedOf = (f: TallyFact): Publicised => ({
  caseId: f.caseId,
  date: f.date,
  domain: rowOf(f.domain),
  code: f.code ?? '',
  name: f.name ?? '',
});

/**
 * The 工作情况表 from the tally facts of the cases (lib/db factsOf): each fact is one counted date of one case,
 * credited to the unit that recorded it.
 * - 列入（件）: listing dates in the period, one per case;
 * - 户数（户）: distinct parties publicised as repeat offenders in the period; a party counts in the row of its
 *   latest publicity record (ties: annex order), so it counts once in the rows and once in 合计;
 * - 曝光（件）: exposure dates in the period, one per case.
 * With a unit, only the dates that unit recorded count. 合计 is the sum of the rows, which, by the above,
 * counts no case and no party twice.
 */
export function tallyFromFacts(facts: Iterable<TallyFact>, opts: TallyOptions): StatsTable {
  const o = checkTallyOptions(opts);
  const counts = zeroCounts();
  const seen = new Set<string>();
  const publicised: Publicised[] = [];
  for (const f of facts) {
    if (f.date < o.from || f.date > o.to || (o.unit !== null && f.unit !== o.unit)) continue;
    const key = `${f.metric}\u0000${f.caseId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const row = counts.get(rowOf(f.domain))!;
    if (f.metric === 'listed') row.listed++;
    else if (f.metric === 'exposed') row.exposed++;
    else publicised.push(publicisedOf(f));
  }
  return assemble(counts, publicised, o);
}

/** The 工作情况表 over records in memory (the newest record of each case counts): tallyFromFacts of their facts. */
export function tallyTable(cases: Iterable<TallyCase>, opts: TallyOptions): StatsTable {
  checkTallyOptions(opts);
  const facts: TallyFact[] = [];
  for (const c of latestPerCase(cases).values()) facts.push(...factsOf(c));
  return tallyFromFacts(facts, opts);
}

/**
 * tallyTable over the database, from the running tallies kept beside the cases in the same transactions (lib/db
 * tally-months.ts): the months the period spans are read, one row per unit and month, and the days at its
 * edges told apart inside them. Never a read of the cases, whatever the period.
 */
export async function tallyTableFromDb(db: CreditDb, opts: TallyOptions): Promise<StatsTable> {
  const o = checkTallyOptions(opts);
  const [first, last] = [o.from.slice(0, 7), o.to.slice(0, 7)];
  const months =
    o.unit === null
      ? await db.tallyMonths.where('month').between(first, last, true, true).toArray()
      : await db.tallyMonths.where(':id').between([o.unit, first], [o.unit, last], true, true).toArray();
  const counts = zeroCounts();
  const publicised: Publicised[] = [];
  for (const m of months) {
    const inPeriod = (day: string) => {
      const date = `${m.month}-${day}`;
      return date >= o.from && date <= o.to;
    };
    for (const [day, perRow] of Object.entries(m.days)) {
      if (!inPeriod(day)) continue;
      DOMAINS.forEach((d, i) => {
        const row = counts.get(d)!;
        row.listed += perRow[i]!;
        row.exposed += perRow[DOMAINS.length + i]!;
      });
    }
    for (const [caseId, [day, row, code, name]] of Object.entries(JSON.parse(m.publicity) as Record<string, PublicityEntry>)) {
      if (inPeriod(day)) publicised.push({ caseId, date: `${m.month}-${day}`, domain: DOMAINS[row] ?? 'other', code, name });
    }
  }
  return assemble(counts, publicised, o);
}

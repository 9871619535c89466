import { z } from 'zod';
import { DOMAINS, DOMAIN_TITLES, type Domain } from '../facts/domain';
import { isIsoDate } from '../text';
import { normalizeCode } from '../party';
import type { CreditDb, LedgerCase } from '../db';
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
  | 'id'
  | 'domain'
  | 'listingDate'
  | 'exposureDate'
  | 'repeatPublicityDate'
  | 'uscc'
  | 'partyNameNorm'
  | 'unit'
  | 'revision'
  | 'updatedAt'
>;

export interface TallyOptions {
  /** First day of the period, ISO `YYYY-MM-DD` (China Standard Time calendar date), inclusive. */
  from: string;
  /** Last day of the period, inclusive. */
  to: string;
  /** Count only cases recorded by this unit; absent, null or empty: all units. */
  unit?: string | null;
}

const isoDay = z.string().refine(isIsoDate, { message: '日期应为有效的“年-月-日”（如 2023-07-01）' });
const TallyOptionsSchema = z
  .object({ from: isoDay, to: isoDay, unit: z.string().nullish() })
  .refine((o) => o.from <= o.to, { message: '统计期间的开始日期不能晚于结束日期' });

/** Validated period and unit; throws an Error with a Chinese message on bad input. */
export function checkTallyOptions(opts: TallyOptions): { from: string; to: string; unit: string | null } {
  const r = TallyOptionsSchema.safeParse(opts);
  if (!r.success) throw new Error(`统计条件有误：${r.error.issues.map((i) => i.message).join('；')}`);
  const unit = r.data.unit?.trim() || null;
  return { from: r.data.from, to: r.data.to, unit };
}

const inPeriod = (d: string | null | undefined, from: string, to: string): d is string =>
  typeof d === 'string' && d >= from && d <= to;

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

/** The stored credit code in its normal form (stored codes normally are already). */
const codeOf = (c: TallyCase): string => (!c.uscc ? '' : /^[0-9A-Z]+$/.test(c.uscc) ? c.uscc : normalizeCode(c.uscc));

/**
 * The key of a party for 户数: its credit code; without one, the code recorded with the same normalised
 * name when exactly one such code is known; else the normalised name; with neither, the case itself.
 */
function partyKeys(cases: TallyCase[]): Map<TallyCase, string> {
  const codesByName = new Map<string, Set<string>>();
  for (const c of cases) {
    const code = codeOf(c);
    if (!code || !c.partyNameNorm) continue;
    const set = codesByName.get(c.partyNameNorm) ?? new Set<string>();
    set.add(code);
    codesByName.set(c.partyNameNorm, set);
  }
  const keys = new Map<TallyCase, string>();
  for (const c of cases) {
    const code = codeOf(c);
    const named = c.partyNameNorm ? codesByName.get(c.partyNameNorm) : undefined;
    if (code) keys.set(c, `code:${code}`);
    else if (named?.size === 1) keys.set(c, `code:${[...named][0]}`);
    else if (c.partyNameNorm) keys.set(c, `name:${c.partyNameNorm}`);
    else keys.set(c, `case:${c.id}`);
  }
  return keys;
}

/**
 * The 工作情况表 for a period (DOMAIN.md §8; the rules are in rules-text.ts):
 * - 列入（件）: cases whose listing date is in the period, one per case id;
 * - 户数（户）: distinct parties whose repeat-offender publicity date is in the period; a party counts in
 *   the row of its latest publicity record (ties: annex order), so it counts once in the rows and once in 合计;
 * - 曝光（件）: cases whose exposure date is in the period, one per case id.
 * 合计 is the sum of the rows, which, by the above, counts no case and no party twice.
 */
export function tallyTable(cases: Iterable<TallyCase>, opts: TallyOptions): StatsTable {
  const { from, to, unit } = checkTallyOptions(opts);
  const counts = new Map<Domain, { listed: number; repeatOffenders: number; exposed: number }>(
    DOMAINS.map((d) => [d, { listed: 0, repeatOffenders: 0, exposed: 0 }]),
  );
  const publicised: TallyCase[] = [];
  for (const c of latestPerCase(cases).values()) {
    if (unit !== null && c.unit !== unit) continue;
    const row = counts.get(rowOf(c.domain))!;
    if (inPeriod(c.listingDate, from, to)) row.listed++;
    if (inPeriod(c.exposureDate, from, to)) row.exposed++;
    if (inPeriod(c.repeatPublicityDate, from, to)) publicised.push(c);
  }
  const keys = partyKeys(publicised);
  const latestByParty = new Map<string, TallyCase>();
  for (const c of publicised) {
    const key = keys.get(c)!;
    const seen = latestByParty.get(key);
    if (!seen || laterPublicity(c, seen)) latestByParty.set(key, c);
  }
  for (const c of latestByParty.values()) counts.get(rowOf(c.domain))!.repeatOffenders++;

  const rows: StatsRow[] = DOMAINS.map((d) => ({ key: d, title: DOMAIN_TITLES[d], ...counts.get(d)! }));
  const sum = (f: 'listed' | 'repeatOffenders' | 'exposed') => rows.reduce((n, r) => n + r[f], 0);
  rows.push({
    key: 'total',
    title: TOTAL_TITLE,
    listed: sum('listed'),
    repeatOffenders: sum('repeatOffenders'),
    exposed: sum('exposed'),
  });
  return { from, to, unit, rows, notes: countingRules('zh') };
}

function laterPublicity(a: TallyCase, b: TallyCase): boolean {
  const da = a.repeatPublicityDate ?? '';
  const db = b.repeatPublicityDate ?? '';
  if (da !== db) return da > db;
  if (String(a.updatedAt) !== String(b.updatedAt)) return String(a.updatedAt) > String(b.updatedAt);
  return DOMAINS.indexOf(rowOf(a.domain)) < DOMAINS.indexOf(rowOf(b.domain));
}

/**
 * Up to this share of the table, fetching the matching rows by key is cheaper than reading the table whole
 * (a keyed get costs a few times a row of a full read).
 */
const KEYED_READ_SHARE = 0.1;

const DATE_INDEXES = ['listingDate', 'exposureDate', 'repeatPublicityDate'] as const;

/**
 * tallyTable over the database at about the cost of one full read of the cases table or less. Key-only
 * scans of the three date indexes (each stopped once it passes KEYED_READ_SHARE of the table) find the
 * cases that can count; few of them are fetched by key, each once; many, and the table is read whole in a
 * single pass instead, after at most one cut-short key scan.
 */
export async function tallyTableFromDb(db: CreditDb, opts: TallyOptions): Promise<StatsTable> {
  const { from, to } = checkTallyOptions(opts);
  const rows = await db.transaction('r', db.cases, async () => {
    const cap = Math.floor(KEYED_READ_SHARE * (await db.cases.count()));
    const ids = new Set<string>();
    for (const field of DATE_INDEXES) {
      const keys = await db.cases.where(field).between(from, to, true, true).limit(cap + 1).primaryKeys();
      for (const k of keys) ids.add(k);
      if (ids.size > cap) return db.cases.toArray();
    }
    return (await db.cases.bulkGet([...ids])).filter((c): c is LedgerCase => c !== undefined);
  });
  return tallyTable(rows, opts);
}

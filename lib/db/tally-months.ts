import type { Table } from 'dexie';
import { DOMAINS } from '../facts/domain';
import type { TallyFact } from './cases';

/*
 * The 工作情况表's running tallies: per recording unit and calendar month, written in the same transaction as the
 * cases (cases-store.ts). A table for any period reads the months it spans, a few rows a year per unit, however
 * many cases they hold; days at the period's edges are told apart inside their month.
 */

/** One unit's month of the tally. */
export interface TallyMonth {
  /** the unit the dates count for (TallyFact.unit) */
  unit: string;
  /** `YYYY-MM` */
  month: string;
  /** per day of the month (`01`…`31`): listings per row in annex order, then exposures per row */
  days: Record<string, number[]>;
  /**
   * The month's publicity facts (户数 tells parties apart, so they are kept, not counted), by case id, as one
   * JSON text of PublicityEntries: read back as one string rather than as thousands of objects.
   */
  publicity: string;
}

/** One publicised case in a month: day of the month, row index (annex order), credit code, normalised name. */
export type PublicityEntry = [day: string, row: number, code: string, name: string];

/** A month while it is being changed: publicity as an object. */
interface Draft {
  unit: string;
  month: string;
  days: Record<string, number[]>;
  publicity: Record<string, PublicityEntry>;
}

const ROWS = DOMAINS.length;
const keyText = (unit: string, month: string) => `${unit}\u0000${month}`;
const monthOf = (f: TallyFact) => f.date.slice(0, 7);

const draftOf = (m: TallyMonth): Draft => ({
  ...m,
  days: { ...m.days },
  publicity: JSON.parse(m.publicity) as Record<string, PublicityEntry>,
});

/** Adds (`sign` 1) or takes away (−1) one fact. */
function apply(d: Draft, f: TallyFact, sign: 1 | -1): void {
  const day = f.date.slice(8, 10);
  const row = Math.max(0, (DOMAINS as readonly string[]).indexOf(f.domain));
  if (f.metric === 'publicised') {
    if (sign > 0) d.publicity[f.caseId] = [day, row, f.code ?? '', f.name ?? ''];
    else delete d.publicity[f.caseId];
    return;
  }
  const counts = d.days[day]?.slice() ?? new Array<number>(2 * ROWS).fill(0);
  counts[(f.metric === 'exposed' ? ROWS : 0) + row]! += sign;
  if (counts.every((c) => c === 0)) delete d.days[day];
  else d.days[day] = counts;
}

const isEmpty = (d: Draft) => Object.keys(d.days).length === 0 && Object.keys(d.publicity).length === 0;
const stored = (d: Draft): TallyMonth => ({ unit: d.unit, month: d.month, days: d.days, publicity: JSON.stringify(d.publicity) });

/** The months of these facts, built from nothing (an upgrade, a restore). */
export function tallyMonthsOf(facts: Iterable<TallyFact>): TallyMonth[] {
  const drafts = new Map<string, Draft>();
  for (const f of facts) {
    const key = keyText(f.unit, monthOf(f));
    let d = drafts.get(key);
    if (!d) drafts.set(key, (d = { unit: f.unit, month: monthOf(f), days: {}, publicity: {} }));
    apply(d, f, 1);
  }
  return [...drafts.values()].filter((d) => !isEmpty(d)).map(stored);
}

/**
 * Moves the tallies from the facts `removed` to the facts `added`, inside the caller's read-write transaction
 * over `tallyMonths`: the months they touch are read once and written once; a month left empty is deleted.
 */
export async function updateTallyMonths(
  table: Table<TallyMonth, [string, string]>,
  removed: readonly TallyFact[],
  added: readonly TallyFact[],
): Promise<void> {
  if (removed.length === 0 && added.length === 0) return;
  const keys = new Map<string, [string, string]>();
  for (const f of [...removed, ...added]) keys.set(keyText(f.unit, monthOf(f)), [f.unit, monthOf(f)]);
  const rows = await table.bulkGet([...keys.values()]);
  const drafts = new Map<string, Draft>();
  [...keys.entries()].forEach(([key, [unit, month]], i) => {
    const row = rows[i];
    drafts.set(key, row ? draftOf(row) : { unit, month, days: {}, publicity: {} });
  });
  for (const f of removed) apply(drafts.get(keyText(f.unit, monthOf(f)))!, f, -1);
  for (const f of added) apply(drafts.get(keyText(f.unit, monthOf(f)))!, f, 1);
  const all = [...drafts.values()];
  await table.bulkPut(all.filter((d) => !isEmpty(d)).map(stored));
  await table.bulkDelete(all.filter(isEmpty).map((d): [string, string] => [d.unit, d.month]));
}

import { DOMAINS, type Domain } from '../facts/domain';
import { normalizeCode } from '../party/uscc';
import { normalizePartyName } from '../party/name';
import { foldDecisionNo } from '../text/decisionNo';
import { cleanText } from '../text/fold';
import {
  COUNTED_DATE_FIELDS,
  LEDGER_CONTENT_FIELDS,
  contentOf,
  upgradeLegacyCase,
  type CaseContent,
  type CountedDateField,
  type FieldChange,
  type LedgerCase,
  type LedgerEntry,
  type LedgerRevision,
  type LegacyCase,
} from './case';
import { caseIdentity } from './identity';

/*
 * Pure rules over stored cases that the database itself needs: bringing an old row to the current format and
 * identity folding, combining records an upgrade finds to be one case, and the tally facts kept beside the
 * cases (the 工作情况表 reads those, never the cases).
 */

/** Empty for the purposes of combining: nothing recorded. */
export const isEmptyValue = (v: unknown): boolean => v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Who recorded the current value of `field` in `c`: the last revision that changed it, else the record's unit. */
export function authorOf(c: LedgerEntry, field: CaseContentKey): { unit: string; recorder: string; at: string } {
  for (let i = c.history.length - 1; i >= 0; i--) {
    const rev = c.history[i]!;
    const change = rev.changes.find((x) => x.field === field);
    if (change) return change.by ?? { unit: rev.unit, recorder: rev.recorder, at: rev.at };
  }
  return { unit: c.unit, recorder: c.recorder, at: c.updatedAt };
}
type CaseContentKey = keyof CaseContent;

/** The revisions of several histories, each once (by id), oldest first; equal times keep their order. */
export function unionHistory(histories: readonly (readonly LedgerRevision[])[]): LedgerRevision[] {
  const seen = new Set<string>();
  const out: LedgerRevision[] = [];
  for (const h of histories) {
    for (const r of h) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push(r);
    }
  }
  return out
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => (a.at < b.at ? -1 : a.at > b.at ? 1 : i - j))
    .map(([r]) => r);
}

/** The stored texts of a case (its history aside). */
const TEXT_FIELDS = ['decisionNo', 'caseNo', 'partyName', 'uscc', 'packId', 'packVersion', 'unit', 'recorder', 'origin'] as const;

/** A row with its texts as recording keeps them (cleanText): version 1 stored control characters a page slipped in. */
function withCleanTexts<R extends LedgerEntry | LegacyCase>(row: R): R {
  const out: Record<string, unknown> = { ...row };
  let changed = false;
  for (const f of TEXT_FIELDS) {
    const v = row[f];
    if (typeof v === 'string' && cleanText(v) !== v) [out[f], changed] = [cleanText(v), true];
  }
  if (Array.isArray(row.citations) && row.citations.some((c) => cleanText(c) !== c)) {
    [out.citations, changed] = [[...new Set(row.citations.map(cleanText).filter((c) => c !== ''))], true];
  }
  return changed ? (out as R) : row;
}

/**
 * A row of any format with its identity, decision number and party name in the current folding, its texts
 * without the control characters version 1 kept.
 */
export function currentCase(row: LedgerEntry | LegacyCase): LedgerEntry {
  const c = upgradeLegacyCase(withCleanTexts(row));
  const decisionNo = c.decisionNo === null ? null : foldDecisionNo(c.decisionNo) || null;
  const id = caseIdentity({ decisionNo, caseNo: c.caseNo }) ?? c.id;
  const partyNameNorm = normalizePartyName(c.partyName);
  if (id === c.id && decisionNo === c.decisionNo && partyNameNorm === c.partyNameNorm) return c;
  return { ...c, id, decisionNo, partyNameNorm };
}

/** True when the history shows the field was emptied on purpose (cleared), not merely never recorded. */
export function clearedOnPurpose(c: LedgerEntry, field: CaseContentKey): boolean {
  for (let i = c.history.length - 1; i >= 0; i--) {
    const change = c.history[i]!.changes.find((x) => x.field === field);
    if (change) return isEmptyValue(change.to);
  }
  return false;
}

/**
 * One record from several records of the same case (the same identity once folded the current way). The
 * latest changed record is the base; a field it leaves empty is filled from the latest other record that has
 * a value, credited to whoever recorded that value. Every revision of every record stays in the history, and
 * one `upgrade` revision says what the combination filled in; a value the base holds is never replaced.
 */
export function combineSameCase(records: readonly LedgerEntry[], at: string): LedgerEntry {
  if (records.length === 1) return records[0]!;
  const sorted = [...records].sort((a, b) =>
    a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : b.revision - a.revision,
  );
  return combineOnto(sorted[0]!, sorted.slice(1), at, () => false, records);
}

/**
 * `base` with each field it leaves empty (unless `keepEmpty` says to keep it so) filled from the first of `donors`
 * that has a value, as combineSameCase does; its identity follows a decision number filled in. Who first recorded
 * the case is the earliest created record, ties going to the first in `creationOrder`.
 */
export function combineOnto(
  base: LedgerEntry,
  donors: readonly LedgerEntry[],
  at: string,
  keepEmpty: (field: CaseContentKey) => boolean = () => false,
  creationOrder: readonly LedgerEntry[] = [base, ...donors],
): LedgerEntry {
  const records = [base, ...donors];
  const content = contentOf(base) as Record<keyof CaseContent, unknown>;
  const dateUnits = { ...base.dateUnits };
  const changes: FieldChange[] = [];
  for (const f of LEDGER_CONTENT_FIELDS) {
    if (!isEmptyValue(content[f]) || keepEmpty(f)) continue;
    const donor = donors.find((r) => !isEmptyValue(r[f]));
    if (!donor) continue;
    changes.push({ field: f, from: content[f], to: donor[f], by: authorOf(donor, f) });
    content[f] = donor[f];
    if ((COUNTED_DATE_FIELDS as readonly string[]).includes(f)) dateUnits[f as CountedDateField] = donor.dateUnits[f as CountedDateField];
  }
  const first = [...creationOrder].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))[0]!;
  const revision = Math.max(...records.map((r) => r.revision)) + 1;
  const history = unionHistory(records.map((r) => r.history));
  history.push({
    id: `combine:${base.id}@${at}#${revision}`,
    revision,
    at,
    unit: '',
    recorder: '',
    kind: 'upgrade',
    changes,
  });
  const next = content as CaseContent;
  return {
    ...base,
    ...next,
    id: caseIdentity(next) ?? base.id,
    partyNameNorm: normalizePartyName(next.partyName),
    unit: first.unit,
    recorder: first.recorder,
    createdAt: first.createdAt,
    updatedAt: base.updatedAt > at ? base.updatedAt : at,
    revision,
    dateUnits,
    history,
  };
}

/** Rows of any format as current records, those that fold to one identity combined (combineSameCase). */
export function currentCases(rows: Iterable<LedgerEntry | LegacyCase>, at: string): LedgerEntry[] {
  const byId = new Map<string, LedgerEntry[]>();
  for (const row of rows) {
    const c = currentCase(row);
    const group = byId.get(c.id);
    if (group) group.push(c);
    else byId.set(c.id, [c]);
  }
  return [...byId.values()].map((g) => combineSameCase(g, at));
}

// ------------------------------------------------------------------------------------------- tally facts

/** What the 工作情况表 counts: a listing, a typical case exposed, a repeat offender publicised. */
const TALLY_METRICS = ['listed', 'exposed', 'publicised'] as const;
export type TallyMetric = (typeof TALLY_METRICS)[number];

const METRIC_DATE: Record<TallyMetric, CountedDateField> = {
  listed: 'listingDate',
  exposed: 'exposureDate',
  publicised: 'repeatPublicityDate',
};

/**
 * One counted date of one case, stored beside the case and written in the same transaction: the table reads
 * only these (small, indexed by metric and date), never the cases themselves.
 */
export interface TallyFact {
  caseId: string;
  metric: TallyMetric;
  /** ISO calendar date the metric counts on */
  date: string;
  /** the row of the table */
  domain: Domain;
  /** the unit the date counts for: who recorded it (LedgerCase.dateUnits) */
  unit: string;
  /** publicised only (户数 counts parties): credit code ('' without), normalised name */
  code?: string;
  name?: string;
}

const rowOf = (d: string): Domain => ((DOMAINS as readonly string[]).includes(d) ? (d as Domain) : 'other');

/** The stored credit code in its normal form (stored codes normally are already). */
const codeOf = (uscc: string | null): string => (!uscc ? '' : /^[0-9A-Z]+$/.test(uscc) ? uscc : normalizeCode(uscc));

/** The facts a case contributes: one per counted date it holds. */
export function factsOf(
  c: Pick<LedgerCase, 'id' | 'domain' | 'uscc' | 'partyNameNorm' | CountedDateField> & {
    dateUnits?: LedgerCase['dateUnits'];
    unit?: string;
  },
): TallyFact[] {
  const out: TallyFact[] = [];
  for (const metric of TALLY_METRICS) {
    const field = METRIC_DATE[metric];
    const date = c[field];
    if (!date) continue;
    const fact: TallyFact = { caseId: c.id, metric, date, domain: rowOf(c.domain), unit: c.dateUnits?.[field] ?? c.unit ?? '' };
    if (metric === 'publicised') Object.assign(fact, { code: codeOf(c.uscc), name: c.partyNameNorm });
    out.push(fact);
  }
  return out;
}

/** Primary keys of every fact a case may have. */
export const factKeysOf = (caseIds: readonly string[]): [string, TallyMetric][] =>
  caseIds.flatMap((id) => TALLY_METRICS.map((m) => [id, m] as [string, TallyMetric]));

import type { Domain } from '../facts/domain';
import type { Verdict } from '../rules/verdicts';

/* The shape of a recorded case, without Dexie: pure modules (and the record form) can use it. */

/**
 * Fields of a recorded case that carry the handler's answers: what a re-recording may change, what a merge
 * compares and what the revision history logs. The rest is bookkeeping (id, timestamps, revision, origin,
 * derived fields) or says who recorded (unit, recorder), which is not content: two units recording the same
 * answers recorded the same case.
 */
export const LEDGER_CONTENT_FIELDS = [
  'decisionNo',
  'caseNo',
  'partyName',
  'uscc',
  'domain',
  'domainSource',
  'verdict',
  'packId',
  'packVersion',
  'citations',
  'unlisted',
  'listingDecision',
  'listingDate',
  'exposureDate',
  'repeatPublicityDate',
  'decisionDate',
  'creditRepaired',
] as const;
export type LedgerContentField = (typeof LEDGER_CONTENT_FIELDS)[number];

/** The dates the 工作情况表 counts; each is credited to the unit that recorded its value. */
export const COUNTED_DATE_FIELDS = ['listingDate', 'exposureDate', 'repeatPublicityDate'] as const;
export type CountedDateField = (typeof COUNTED_DATE_FIELDS)[number];

/** One field's change in a revision: its value before and after. */
export interface FieldChange<F extends string = LedgerContentField> {
  field: F;
  from: unknown;
  to: unknown;
  /**
   * Merges only: who recorded the value taken (the other unit's recording), when it is not the author of the
   * revision (who decided the merge).
   */
  by?: { unit: string; recorder: string; at: string };
}

/** Who changed what and when: one entry of a case's revision history (修改记录). */
export interface LedgerRevision {
  /** unique, so that the same revision met again through a merge is kept once */
  id: string;
  /** the record's revision number this change produced, in the ledger where it was made */
  revision: number;
  /** ISO timestamp */
  at: string;
  /** 填报单位 of the author */
  unit: string;
  /** 记录人 */
  recorder: string;
  /**
   * record: 记录本案 from a case page; edit: the 台账 editor; merge: a merge decided in this ledger;
   * upgrade: written when the database or an old file was brought to the current format.
   */
  kind: 'record' | 'edit' | 'merge' | 'upgrade';
  changes: FieldChange[];
  /** merge: the unit whose ledger file was merged */
  source?: string;
}

/** A recorded case of the ledger (lib/ledger writes these). */
export interface LedgerCase {
  /** folded decisionNo, else 'case:' + caseNo */
  id: string;
  decisionNo: string | null;
  caseNo: string | null;
  partyName: string;
  partyNameNorm: string;
  uscc: string | null;
  domain: Domain;
  domainSource: 'item' | 'law' | 'user';
  verdict: Verdict;
  packId: string | null;
  packVersion: string | null;
  citations: string[];
  unlisted: 'yes' | 'possible' | 'no';
  listingDecision: 'yes' | 'no' | null;
  /** ISO date */
  listingDate: string | null;
  /** 宣传曝光典型案例 */
  exposureDate: string | null;
  /** 集中公示屡禁不止 */
  repeatPublicityDate: string | null;
  decisionDate: string | null;
  creditRepaired: boolean;
  /** the unit that first recorded the case (填报单位) */
  unit: string;
  /** who first recorded it (记录人) */
  recorder: string;
  /** 'local' or the unit name of a merged file */
  origin: string;
  createdAt: string;
  updatedAt: string;
  /** counts every stored change; a save based on an older revision is refused */
  revision: number;
  /** the unit that recorded the current value of each counted date, '' while the date is empty */
  dateUnits: Record<CountedDateField, string>;
}

/**
 * A record's state beside its revision number, which alone does not tell it: a case deleted and recorded again
 * starts again at revision 1, so a form opened on the deleted record could save over the new one once it reached
 * the same number. The first save time tells one life of a record from another, the last one each state of it.
 */
export function versionStamp(c: Pick<LedgerCase, 'createdAt' | 'updatedAt'>): string {
  return `${c.createdAt}|${c.updatedAt}`;
}

/** True when `stamp` (versionStamp) was taken from the same life of the record as `c`, in whatever state. */
export function sameLife(stamp: string, c: Pick<LedgerCase, 'createdAt'>): boolean {
  return stamp.slice(0, stamp.indexOf('|')) === c.createdAt;
}

/**
 * A recorded case with its revision history, every change oldest first: what ledger files carry and what
 * recording and merging work on. The database keeps the history in its own table (`histories`), so that the
 * ledger's rows stay light to read.
 */
export interface LedgerEntry extends LedgerCase {
  history: LedgerRevision[];
}

/** A case's revision history as the database keeps it. */
export interface CaseHistory {
  caseId: string;
  revisions: LedgerRevision[];
}

/** The answers of a recorded case. */
export type CaseContent = Pick<LedgerCase, LedgerContentField>;

/** Content of a case not recorded yet. */
export const EMPTY_CONTENT: CaseContent = {
  decisionNo: null,
  caseNo: null,
  partyName: '',
  uscc: null,
  domain: 'other',
  domainSource: 'user',
  verdict: 'insufficient',
  packId: null,
  packVersion: null,
  citations: [],
  unlisted: 'no',
  listingDecision: null,
  listingDate: null,
  exposureDate: null,
  repeatPublicityDate: null,
  decisionDate: null,
  creditRepaired: false,
};

/** Equal stored values (arrays element by element). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** The content of a stored case. */
export function contentOf(c: CaseContent): CaseContent {
  const out = {} as Record<LedgerContentField, unknown>;
  for (const f of LEDGER_CONTENT_FIELDS) out[f] = c[f];
  return out as CaseContent;
}

/** The changes from `before` to `after`; for a new case (`before` null), every field given or not empty. */
export function diffContent(before: CaseContent | null, after: CaseContent, given: Partial<CaseContent> = {}): FieldChange[] {
  const base = before ?? EMPTY_CONTENT;
  const changes: FieldChange[] = [];
  for (const f of LEDGER_CONTENT_FIELDS) {
    const differs = !sameValue(base[f], after[f]);
    if (before === null ? differs || given[f] !== undefined : differs) {
      changes.push({ field: f, from: before === null ? null : base[f], to: after[f] });
    }
  }
  return changes;
}

/** A case as version 1 stored it (and ledger files of version 1 carry it): no history, no date credits. */
export type LegacyCase = Omit<LedgerCase, 'dateUnits'> & Partial<Pick<LedgerEntry, 'history' | 'dateUnits'>>;

/** The revision that stands for everything a record of an older format held, credited to who last changed it. */
function upgradeRevision(row: LegacyCase): LedgerRevision {
  return {
    // derived from the record, so the same old record upgraded in two ledgers gives the same revision
    id: `upgrade:${row.id}@${row.updatedAt}#${row.revision}`,
    revision: row.revision,
    at: row.updatedAt,
    unit: row.unit,
    recorder: row.recorder,
    kind: 'upgrade',
    changes: diffContent(null, contentOf(row)),
  };
}

/**
 * A case of any format as an entry of the current one. A row of version 1 gains `dateUnits` (each counted
 * date counts for its recording unit) and, without a stored history, one `upgrade` revision that holds its
 * answers as they were (earlier changes were not kept before version 2). A current entry is returned as it is.
 */
export function upgradeLegacyCase(row: LegacyCase, history?: readonly LedgerRevision[]): LedgerEntry {
  if (Array.isArray(row.history) && row.dateUnits) return row as LedgerEntry;
  const credit = (d: string | null) => (d ? row.unit : '');
  const dateUnits = row.dateUnits ?? {
    listingDate: credit(row.listingDate),
    exposureDate: credit(row.exposureDate),
    repeatPublicityDate: credit(row.repeatPublicityDate),
  };
  return { ...row, dateUnits, history: history ? [...history] : (row.history ?? [upgradeRevision(row)]) };
}

/** The stored row of an entry: everything but its history. */
export function rowOf(entry: LedgerEntry): LedgerCase {
  const { history: _history, ...row } = entry;
  return row;
}

import { type ChunkRef, type CreditDb, type EntityChunk, type LedgerCase, type ListKind, type ListMeta, readForLookup } from '../db';
import { checkCreditCode, normalizePartyName } from '../party';
import { selectPack } from '../rules/select';
import type { RulePack, Status } from '../rules/schema';
import { addYears, foldDecisionNo, isFoldedDecisionNo } from '../text';
import type { EntityRow, KeyDomainSection, RiskClass } from './kinds';
import { codeKey, findEntries, hashKey, nameKey, unpackRow } from './layout';
import { type LookupMemory, activeLists, chunksInMemory, currentLists, ledgerMayHold, listsRead, memoryOf } from './memory';

/** Rule values that come from the rule pack in force (defaults: Order 44 and the 2023 campaign notices). */
export interface PartyRules {
  /** listing period of the serious list, years (Order 44; DOMAIN.md §2.7 [P]) */
  listingYears: number;
  /** repeat-offender window, years back from the date (DOMAIN.md §4) */
  repeatWindowYears: number;
  /** penalties within the window that make a repeat offender (10次以上: 10 counts) */
  repeatThreshold: number;
  /** the pack entry the repeat-offender numbers come from, and how sure they are */
  repeatRule?: { citation: string; status: Status; pack: string };
}

export const DEFAULT_PARTY_RULES: PartyRules = { listingYears: 3, repeatWindowYears: 3, repeatThreshold: 10 };

const STATUS_RANK: Record<Status, number> = { confirmed: 2, partial: 1, unconfirmed: 0 };

/**
 * The party rules of the pack in force on `at` (DOMAIN.md §4: window and threshold are pack values), or null when
 * no pack is: the repeat-offender rule then does not apply on that date.
 */
export function partyRulesAt(packs: readonly RulePack[], at: string): PartyRules | null {
  const pack = selectPack(packs, at);
  if (!pack) return null;
  const ro = pack.repeatOffender;
  const status = [ro.status, ro.windowYears.status, ro.threshold.status].reduce((a, b) => (STATUS_RANK[b] < STATUS_RANK[a] ? b : a));
  return {
    listingYears: pack.listingPeriodYears.value,
    repeatWindowYears: ro.windowYears.value,
    repeatThreshold: ro.threshold.value,
    repeatRule: { citation: ro.citation, status, pack: `${pack.id}@${pack.version}` },
  };
}

/** Which list a row came from and how it was matched. */
export interface ListRef {
  listId: string;
  listName: string;
  matchedBy: 'code' | 'name';
}
export type Found<K extends ListKind = ListKind> = { [P in K]: EntityRow<P> & ListRef }[K];

export interface SeriousStatus {
  /** on the list at the date: listed, not removed, and less than `listingYears` since listing */
  onList: boolean;
  /** the record that puts the party on the list (the latest listing in force), else null */
  record: (Found<'serious'> & { until: string }) | null;
  /** every matched record, latest listing first */
  records: Found<'serious'>[];
  /**
   * The listing that covers a case decided at the date (not 应列未列): the one in force then, else the earliest
   * made on or after it, as the listing of this very case is dated with the decision or some days after it.
   */
  caseListing: Found<'serious'> | null;
}

interface CommitmentExclusion {
  reason: 'serious-list' | 'false-commitment';
  since: string;
  matter?: string;
}

type DecisionSource = 'history' | 'ledger' | 'form';

/** A penalty decision for repeat-offender counting, from imported history, the ledger or the form. */
export interface PenaltyDecision {
  decisionNo: string;
  date: string | null;
  creditRepaired: boolean;
  /** where it comes from; a lookup's own `decisions` are the form's */
  source?: DecisionSource;
}

interface CountedDecision {
  /** folded */
  decisionNo: string;
  date: string;
  source: DecisionSource;
}

export interface RepeatOffender {
  count: number;
  threshold: number;
  windowYears: number;
  window: { from: string; to: string };
  /** the folded decision numbers counted, sorted */
  decisions: string[];
  /** the decisions counted with their dates, earliest first */
  counted: CountedDecision[];
  /** the open form's own decision is among those counted */
  includesForm: boolean;
  /** the pack entry the window and threshold come from (null: defaults, no pack given) */
  rule: PartyRules['repeatRule'] | null;
  /** false when no pack is in force on the date: the rule does not apply, nothing is flagged */
  applies: boolean;
}

export type PartyWarning =
  /** the name matches records with several different credit codes */
  | { code: 'name-several-codes'; codes: string[] }
  /** the name matches records with other codes than the one given (those records are not applied) */
  | { code: 'name-other-codes'; codes: string[] };

export interface PartyContext {
  at: string;
  query: { uscc: string | null; name: string | null };
  matchedBy: 'code' | 'name' | null;
  /** credit codes whose records were applied */
  codes: string[];
  warnings: PartyWarning[];
  seriousList: SeriousStatus;
  commitmentExcluded: CommitmentExclusion | null;
  /** false commitments dated at or before the date, earliest first */
  falseCommitments: Found<'commitment'>[];
  keyDomain: { sections: KeyDomainSection[]; records: Found<'key-domain'>[] } | null;
  risk: { riskClass: RiskClass; date: string; listId: string; listName: string } | null;
  repeatOffender: RepeatOffender;
}

export interface LookupQuery {
  uscc?: string | null;
  name?: string | null;
  /** ISO date the status is computed at (decision date, or today) */
  at: string;
  /** further decisions to count: the one on the form (counted only once made: a full decision number or a date) */
  decisions?: readonly PenaltyDecision[];
  /** the rule packs in use: the party rules are those of the pack in force on `at` */
  packs?: readonly RulePack[];
  rules?: Partial<PartyRules>;
}

/** A form's decision is made once it has a full decision number or a date; a draft does not count. */
function made(d: PenaltyDecision): boolean {
  return d.date !== null || isFoldedDecisionNo(foldDecisionNo(d.decisionNo));
}

const SOURCE_RANK: Record<DecisionSource, number> = { form: 2, ledger: 1, history: 0 };

/**
 * Repeat-offender count (DOMAIN.md §4): distinct folded decision numbers dated within
 * [at − windowYears, at], both ends inclusive, of decisions none of whose records says credit-repaired. The form's
 * own decision counts once made, on its date, else on `at`.
 */
export function countPenalties(
  decisions: Iterable<PenaltyDecision>,
  at: string,
  rules: Pick<PartyRules, 'repeatWindowYears' | 'repeatThreshold' | 'repeatRule'> = DEFAULT_PARTY_RULES,
): RepeatOffender {
  const from = addYears(at, -rules.repeatWindowYears);
  const inWindow = new Map<string, CountedDecision>();
  const repaired = new Set<string>();
  for (const d of decisions) {
    const no = foldDecisionNo(d.decisionNo);
    if (no === '') continue;
    const source = d.source ?? 'history';
    if (source === 'form' && !made(d)) continue;
    if (d.creditRepaired) repaired.add(no);
    const date = d.date ?? (source === 'form' ? at : null);
    if (date === null || date < from || date > at) continue;
    const seen = inWindow.get(no);
    if (!seen || SOURCE_RANK[source] > SOURCE_RANK[seen.source])
      inWindow.set(no, { decisionNo: no, date: seen && seen.date < date ? seen.date : date, source });
  }
  const counted = [...inWindow.values()]
    .filter((c) => !repaired.has(c.decisionNo))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.decisionNo < b.decisionNo ? -1 : 1));
  return {
    count: counted.length,
    threshold: rules.repeatThreshold,
    windowYears: rules.repeatWindowYears,
    window: { from, to: at },
    decisions: counted.map((c) => c.decisionNo).sort(),
    counted,
    includesForm: counted.some((c) => c.source === 'form'),
    rule: rules.repeatRule ?? null,
    applies: true,
  };
}

/** Serious-list status at a date (DOMAIN.md §2.7: early removal honoured; the listing period ends it). */
export function seriousStatusAt(records: readonly Found<'serious'>[], at: string, listingYears: number): SeriousStatus {
  const sorted = [...records].sort((a, b) => (a.listingDate < b.listingDate ? 1 : a.listingDate > b.listingDate ? -1 : 0));
  for (const r of sorted) {
    const expires = addYears(r.listingDate, listingYears);
    const until = r.removalDate !== null && r.removalDate < expires ? r.removalDate : expires;
    if (r.listingDate <= at && at < until) return { onList: true, record: { ...r, until }, records: sorted, caseListing: r };
  }
  return { onList: false, record: null, records: sorted, caseListing: sorted.filter((r) => r.listingDate >= at).at(-1) ?? null };
}

const MAX_ROUNDS = 4;

function sameLists(a: readonly ListMeta[], b: readonly ListMeta[]): boolean {
  return a.length === b.length && a.every((l, i) => l.id === b[i]!.id && l.bucketCount === b[i]!.bucketCount);
}

type KeyAsked = { key: string; matchedBy: 'code' | 'name' };

interface Gathered {
  lists: ListMeta[];
  /** per key asked, the rows of every list */
  rows: Found[][];
  /** name keys' references to codes */
  refs: string[];
  casesByUscc: LedgerCase[][];
  casesByName: LedgerCase[][];
}

/** Per key, per list: the reads of that key in that list (the chunks its index names, else the whole bucket). */
function planReads(m: LookupMemory, lists: readonly ListMeta[], hashes: readonly number[]): { reads: ChunkRef[]; spans: number[] } {
  const reads: ChunkRef[] = [];
  /** reads[spans[k·lists + i] … spans[k·lists + i + 1]) are those of key k in list i */
  const spans: number[] = [0];
  for (const hash of hashes) {
    for (const l of lists) {
      const bucket = hash & (l.bucketCount - 1);
      const chunks = chunksInMemory(m, l, hash);
      if (chunks === null) reads.push({ listId: l.id, bucket, chunk: null });
      else for (const chunk of chunks) reads.push({ listId: l.id, bucket, chunk });
      spans.push(reads.length);
    }
  }
  return { reads, spans };
}

/** The values of `all` the ledger may hold cases under (all of them unless its hashes in memory say not). */
function ledgerMayHoldAny(m: LookupMemory, all: readonly string[], keyOf: (v: string) => string): string[] {
  return all.filter((v) => ledgerMayHold(m, keyOf(v)));
}

/** `found` (the cases of `asked`) spread back over `all`: none for a value not asked. */
function casesFor(all: readonly string[], asked: readonly string[], found: LedgerCase[][]): LedgerCase[][] {
  return all.map((v) => {
    const i = asked.indexOf(v);
    return i < 0 ? [] : found[i]!;
  });
}

/** The rows of each key in each list, from the chunks read, and the codes name keys refer to. */
function rowsFound(keys: readonly KeyAsked[], lists: readonly ListMeta[], spans: readonly number[], chunks: readonly EntityChunk[][]) {
  const refs: string[] = [];
  const rows = keys.map(({ key, matchedBy }, k) =>
    lists.flatMap((list, i) => {
      const payloads: string[] = [];
      const at = k * lists.length + i;
      for (let r = spans[at]!; r < spans[at + 1]!; r++) for (const c of chunks[r]!) findEntries(c.text, key, payloads);
      const out: Found[] = [];
      for (const p of payloads) {
        if (p.startsWith('=')) refs.push(p.slice(1));
        else out.push({ ...unpackRow(list.kind, key, p), listId: list.id, listName: list.name, matchedBy } as Found);
      }
      return out;
    }),
  );
  return { rows, refs };
}

/**
 * Reads the entries of `keys` in every active list, and ledger cases, in one transaction; or nothing at all when
 * memory is current and says that no list and no case holds any of the keys. The list set is the one last seen,
 * checked against the lists read in that same transaction (read again if it moved). A list whose key index is in
 * memory is read only in the chunks that hold the key; another one in the key's whole bucket, while its index loads.
 */
async function gather(
  db: CreditDb,
  keys: readonly KeyAsked[],
  casesByUscc: readonly string[],
  casesByName: readonly string[],
  expected?: readonly ListMeta[],
): Promise<Gathered> {
  const m = memoryOf(db);
  const current = currentLists(m);
  let lists: readonly ListMeta[] = expected ?? current ?? m.lists ?? [];
  const hashes = keys.map(({ key }) => hashKey(key));
  for (let round = 1; ; round++) {
    const { reads, spans } = planReads(m, lists, hashes);
    const uscc = ledgerMayHoldAny(m, casesByUscc, codeKey);
    const names = ledgerMayHoldAny(m, casesByName, nameKey);
    if (current !== null && lists === current && reads.length + uscc.length + names.length === 0) {
      // a party on no list and in no case: answered from memory
      return {
        lists: current,
        rows: keys.map(() => []),
        refs: [],
        casesByUscc: casesByUscc.map(() => []),
        casesByName: casesByName.map(() => []),
      };
    }
    const writesBefore = m.listWrites;
    const res = await readForLookup(db, { chunks: reads, casesByUscc: uscc, casesByName: names });
    const fresh = activeLists(res.lists);
    listsRead(db, m, fresh, writesBefore);
    if (!sameLists(fresh, lists)) {
      if (expected || round >= MAX_ROUNDS) throw new ListsChanged();
      lists = fresh;
      continue;
    }
    return {
      lists: fresh,
      ...rowsFound(keys, fresh, spans, res.chunks),
      casesByUscc: casesFor(casesByUscc, uscc, res.casesByUscc),
      casesByName: casesFor(casesByName, names, res.casesByName),
    };
  }
}

/** The lists changed between the two reads of a lookup. */
class ListsChanged extends Error {}

/**
 * What the local lists and the ledger say about a party at a date. Matches by credit code first, then by
 * normalised name: a name's records with another code are applied only when no valid code was given.
 * Reads, per active list and key, the chunks its key index names (whole buckets while the index loads); usually
 * one transaction, two when a name leads to codes; none when memory says the party is on no list and in no case.
 */
export async function lookupParty(db: CreditDb, q: LookupQuery): Promise<PartyContext> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lookupOnce(db, q);
    } catch (e) {
      if (!(e instanceof ListsChanged) || attempt >= MAX_ROUNDS) throw e;
    }
  }
}

/** The party rules for the query: the pack in force on its date (null: none is), then the query's own. */
function rulesFor(q: LookupQuery): { rules: PartyRules; fromPack: PartyRules | null } {
  const fromPack = q.packs ? partyRulesAt(q.packs, q.at) : DEFAULT_PARTY_RULES;
  return { rules: { ...DEFAULT_PARTY_RULES, ...fromPack, ...q.rules }, fromPack };
}

/** The query's credit code (normalised, if any), its check, and its normalised name. */
function partyKeys(q: LookupQuery) {
  const check = q.uscc ? checkCreditCode(q.uscc) : null;
  const code = check && check.normalized !== '' ? check.normalized : null;
  const nameNorm = q.name ? normalizePartyName(q.name) || null : null;
  return { check, code, nameNorm };
}

/**
 * The codes whose records apply: the one given, and those the name leads to when no valid code was given.
 * Other codes under the name are warned of.
 */
function codesToApply(code: string | null, codeValid: boolean, nameRefs: readonly string[], casesByName: readonly LedgerCase[]) {
  const otherCodes = new Set<string>(nameRefs);
  for (const c of casesByName) if (c.uscc) otherCodes.add(c.uscc);
  if (code !== null) otherCodes.delete(code);
  const others = [...otherCodes].sort();
  const warnings: PartyWarning[] = [];
  const applied = new Set<string>(code === null ? [] : [code]);
  if (codeValid && others.length) warnings.push({ code: 'name-other-codes', codes: others });
  if (!codeValid) {
    for (const c of others) applied.add(c);
    if (others.length > 1) warnings.push({ code: 'name-several-codes', codes: others });
  }
  return { applied, warnings };
}

/** The ledger's cases of the party: by the code, by the codes applied, and by name unless under another code. */
function partyCases(byCode: readonly LedgerCase[], byApplied: readonly LedgerCase[], byName: readonly LedgerCase[], applied: Set<string>) {
  const caseById = new Map<string, LedgerCase>();
  for (const c of [...byCode, ...byApplied]) caseById.set(c.id, c);
  for (const c of byName) if (!c.uscc || applied.has(c.uscc)) caseById.set(c.id, c);
  return [...caseById.values()];
}

/** Commitment exclusion (DOMAIN.md §2.7): the serious list first, else the earliest unrepaired false commitment. */
function commitmentExclusion(seriousList: SeriousStatus, falseCommitments: readonly Found<'commitment'>[]): CommitmentExclusion | null {
  if (seriousList.record) return { reason: 'serious-list', since: seriousList.record.listingDate };
  const unrepaired = falseCommitments.find((r) => !r.repaired);
  if (!unrepaired) return null;
  return { reason: 'false-commitment', since: unrepaired.date, ...(unrepaired.matter ? { matter: unrepaired.matter } : {}) };
}

/** Every decision to count: imported history, the ledger's cases, and the form's own. */
function decisionsOf(
  history: readonly Found<'penalty-history'>[],
  cases: readonly LedgerCase[],
  form: readonly PenaltyDecision[],
): PenaltyDecision[] {
  return [
    ...history.map((r) => ({ decisionNo: r.decisionNo, date: r.date, creditRepaired: r.creditRepaired, source: 'history' as const })),
    ...cases
      .filter((c) => c.decisionNo)
      .map((c) => ({ decisionNo: c.decisionNo!, date: c.decisionDate, creditRepaired: c.creditRepaired, source: 'ledger' as const })),
    ...form.map((d) => ({ ...d, source: d.source ?? ('form' as const) })),
  ];
}

type PartyFindings = Pick<
  PartyContext,
  'seriousList' | 'commitmentExcluded' | 'falseCommitments' | 'keyDomain' | 'risk' | 'repeatOffender'
>;

/** What the rows and cases found say at the query's date. */
function findingsAt(
  q: LookupQuery,
  rules: PartyRules,
  fromPack: PartyRules | null,
  rows: readonly Found[],
  cases: readonly LedgerCase[],
): PartyFindings {
  const of = <K extends ListKind>(kind: K) => rows.filter((r) => r.kind === kind) as unknown as Found<K>[];
  const seriousList = seriousStatusAt(of('serious'), q.at, rules.listingYears);
  const falseCommitments = of('commitment')
    .filter((r) => r.date <= q.at)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const keyRecords = of('key-domain');
  const sections = [...new Set(keyRecords.map((r) => r.section).filter((s): s is KeyDomainSection => s !== null))].sort();
  const latestRisk = of('risk')
    .filter((r) => r.date <= q.at)
    .reduce<Found<'risk'> | null>((best, r) => (!best || r.date > best.date ? r : best), null);
  const repeatOffender = countPenalties(decisionsOf(of('penalty-history'), cases, q.decisions ?? []), q.at, rules);
  if (fromPack === null) repeatOffender.applies = false;
  return {
    seriousList,
    commitmentExcluded: commitmentExclusion(seriousList, falseCommitments),
    falseCommitments,
    keyDomain: keyRecords.length ? { sections, records: keyRecords } : null,
    risk: latestRisk
      ? { riskClass: latestRisk.riskClass, date: latestRisk.date, listId: latestRisk.listId, listName: latestRisk.listName }
      : null,
    repeatOffender,
  };
}

async function lookupOnce(db: CreditDb, q: LookupQuery): Promise<PartyContext> {
  const { rules, fromPack } = rulesFor(q);
  const { check, code, nameNorm } = partyKeys(q);

  const keys: KeyAsked[] = [];
  if (code !== null) keys.push({ key: codeKey(code), matchedBy: 'code' });
  if (nameNorm !== null) keys.push({ key: nameKey(nameNorm), matchedBy: 'name' });
  const first = await gather(db, keys, code === null ? [] : [code], nameNorm === null ? [] : [nameNorm]);
  const byCode = code === null ? [] : first.rows[0]!;
  const nameOnly = nameNorm === null ? [] : first.rows[keys.length - 1]!;
  const casesByCode = first.casesByUscc[0] ?? [];
  const casesByName = first.casesByName[0] ?? [];

  const { applied, warnings } = codesToApply(code, check?.ok === true, first.refs, casesByName);
  const extra = [...applied].filter((c) => c !== code);
  const second = extra.length
    ? await gather(
        db,
        extra.map((c) => ({ key: codeKey(c), matchedBy: 'name' as const })),
        extra,
        [],
        first.lists,
      )
    : null;

  const cases = partyCases(casesByCode, second?.casesByUscc.flat() ?? [], casesByName, applied);
  const rows = [...byCode, ...nameOnly, ...(second?.rows.flat() ?? [])];
  return {
    at: q.at,
    query: { uscc: code, name: nameNorm },
    matchedBy: byCode.length || casesByCode.length ? 'code' : rows.length || cases.length ? 'name' : null,
    codes: [...applied].sort(),
    warnings,
    ...findingsAt(q, rules, fromPack, rows, cases),
  };
}

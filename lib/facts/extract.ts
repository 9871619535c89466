import type { FieldSnapshot } from '../form/types';
import { checkCreditCode, isIdNumber, normalizePartyName, type CodeCheck, type PartyKind } from '../party';
import {
  foldDecisionNo,
  foldWidth,
  isFoldedDecisionNo,
  normalizeSpace,
  decisionNoYear,
  parseDateInterval,
  parseMoney,
  parseMoneyIn,
  type Money,
  type MoneyUnit,
} from '../text';
import { parseCitations } from './citations';
import { aggravationFromField, aggravationFromText, type AggravationParse } from './discretion';
import { DOMAIN_TITLES, DOMAINS, type Domain } from './domain';
import { mapFields, type FieldMap } from './fields';
import { criminalTransferInText, formKindFrom, parseApprovalMode, parseCriminalTransfer, parseListingDecision } from './flags';
import type { LogicalKey } from './keys';
import { recall, recallAll, type FieldMemo } from './memo';
import { domainFromKeywords, domainFromLaws, repairSectorOf } from './lexicon';
import { confiscationInText, fineBasesIn, fineInText, parsePenalties, type PenaltyParse } from './penalties';
import { PenaltyKind, type CaseFacts, type FactProblem, type LegalCitation, type Penalty } from './schema';

export type FactValues = Partial<Record<LogicalKey, string>>;

/** What the facts are read from: the same for a DOM snapshot and a CSV row. */
export interface FactsInput {
  values: FactValues;
  /** unit of bare numbers per key, e.g. a 罚款金额（万元） column is `wan` */
  units?: Partial<Record<LogicalKey, MoneyUnit>>;
  /** labels or headers as written, where a value's meaning depends on them (`是否从重处罚：是`) */
  labels?: Partial<Record<LogicalKey, string>>;
  headings?: readonly string[];
  readOnlyView?: boolean;
  /** per-text results of the one-field parsers, kept over the rows of a bulk audit */
  memo?: FieldMemo;
}

const PARTY_KIND_WORDS: ReadonlyArray<[PartyKind, RegExp]> = [
  ['individual-business', /个体/],
  ['farmer-coop', /合作社/],
  ['natural-person', /自然人|公民|个人/],
  ['social-org', /社会团体|民办非企业|基金会|社会组织/],
  ['institution', /机关|事业单位/],
  ['enterprise', /企业|公司|法人|合伙|独资/],
  ['other-org', /其他组织/],
];
const DATE_DIGIT = /[0-9〇○零一二三四五六七八九]/;
const DOMAIN_FIELD_WORDS: ReadonlyArray<[Domain, RegExp]> = [
  ['food', /食品/],
  ['drug', /药|医疗器械|化妆品/],
  ['quality', /质量|特种设备/],
  ['consumer', /消费者/],
  ['competition', /竞争|市场秩序/],
  ['other', /其他|其它/],
];

function clean(values: FactValues): FactValues {
  const out: FactValues = {};
  for (const key of Object.keys(values) as LogicalKey[]) {
    const raw = values[key];
    if (typeof raw !== 'string') continue;
    const v = normalizeSpace(raw);
    if (v !== '') out[key] = v;
  }
  return out;
}

function partyKindOf(text: string | undefined): PartyKind | null {
  if (text === undefined) return null;
  for (const [kind, re] of PARTY_KIND_WORDS) if (re.test(text)) return kind;
  return null;
}

function domainOfField(text: string | undefined): Domain | null {
  if (text === undefined) return null;
  const v = foldWidth(text).replace(/\s/g, '');
  const exact = DOMAINS.find((d) => DOMAIN_TITLES[d] === v || d === v);
  if (exact) return exact;
  for (const [domain, re] of DOMAIN_FIELD_WORDS) if (re.test(v)) return domain;
  return null;
}

/** The shared core of extractFacts and extractFactsFromRecord: the facts read step by step. Pure; never throws on text input. */
export function factsFromValues(input: FactsInput): CaseFacts {
  const v = clean(input.values);
  const memo = input.memo;
  const readOnlyView = input.readOnlyView ?? false;
  const problems: FactProblem[] = [];

  const decision = decisionIdentityOf(v, problems);
  const party = partyOf(v, problems);
  const penaltyReading = recall(memo, readPenaltyText, v.penalty ?? '');
  const basisCitations = recall(memo, parseCitations, v.legalBasis ?? '');
  // The text most likely to be a row's own comes last: a new one then adds one entry, not a branch of maps.
  const narrative = recallAll(memo, readNarrative, v.legalBasis ?? '', v.caseCause ?? '', v.penalty ?? '', v.violation ?? '');
  const texts = narrative.texts;
  const sanctions = sanctionsOf(v, input.units ?? {}, penaltyReading, memo, problems);
  const aggravation = aggravationOf(v, input.labels?.aggravation, narrative, sanctions, problems);
  const penaltyText = texts.raw.penalty;
  const penaltyReadable =
    (penaltyText !== '' && (sanctions.penalties.length > 0 || sanctions.noPenalty)) || aggravation?.level === '不予处罚';
  if (penaltyText !== '' && !penaltyReadable) addProblem(problems, v, 'penalty-unrecognised', 'penalty');
  const law = lawAndDomainOf(v, texts, basisCitations, narrative.violated, problems);
  const criminalTransfer = criminalTransferOf(v, narrative.transfer, problems);
  const listingDecision = listingDecisionOf(v, memo, problems);
  const dates = decisionDatesOf(v, decision, memo, problems);
  const { raw, folded } = texts;

  const facts: CaseFacts = {
    formKind: formKindFrom(input.headings ?? [], (key) => v[key] !== undefined),
    readOnlyView,
    decided: decision.complete || dates.present || readOnlyView,
    decisionNo: decision.decisionNo,
    caseNo: decision.caseNo,
    caseId: decision.caseId,
    party,
    penalties: sanctions.penalties,
    penaltyReadable,
    fine: sanctions.fine,
    confiscation: sanctions.confiscation,
    aggravation: aggravation?.level ?? 'unstated',
    aggravationText: aggravation?.text ?? null,
    legalBasis: law.legalBasis,
    violatedProvisions: law.violated,
    violation: v.violation ?? null,
    caseCause: v.caseCause ?? null,
    domain: law.domain,
    domainSource: law.domainSource,
    domainDoubtful: law.domainDoubtful,
    repairSector: repairSectorOf(law.allCitations, `${folded.violation}\n${folded.caseCause}\n${folded.legalBasis}\n${folded.penalty}`),
    criminalTransfer,
    listingDecision,
    decisionDate: dates.decisionDate,
    decisionPeriod: dates.decisionPeriod,
    fineBases: narrative.fineBases,
    authority: v.authority ?? null,
    approvalMode: v.approvalMode === undefined ? null : parseApprovalMode(v.approvalMode, input.labels?.approvalMode),
    fields: v,
    problems,
  };
  lastFolded = { facts, raw, folded };
  return facts;
}

interface DecisionIdentity {
  decisionNo: CaseFacts['decisionNo'];
  /** the decision number is whole (authority, year and serial) */
  complete: boolean;
  caseNo: string | null;
  caseId: string | null;
}

/** The identity of the decision and the case: the folded decision number when whole, else the case number. */
function decisionIdentityOf(v: FactValues, problems: FactProblem[]): DecisionIdentity {
  let decisionNo: CaseFacts['decisionNo'] = null;
  let complete = false;
  if (v.decisionNo !== undefined) {
    decisionNo = { raw: v.decisionNo, folded: foldDecisionNo(v.decisionNo) };
    complete = isFoldedDecisionNo(decisionNo.folded);
    if (!complete) addProblem(problems, v, 'decision-no-incomplete', 'decisionNo');
  }
  const caseNo = v.caseNo ?? null;
  return { decisionNo, complete, caseNo, caseId: (complete && decisionNo ? decisionNo.folded : null) ?? caseNo };
}

// Only these shapes can be a resident identity number (15 digits, or 17 digits and a check character).
const ID_NUMBER_SHAPE = /^(?:\d{15}|\d{17}[\dX])$/;

/** The party: a credit-code field holding an identity number gives the identity number; the kind from the best source. */
function partyOf(v: FactValues, problems: FactProblem[]): CaseFacts['party'] {
  let code = v.uscc ?? null;
  let idNumber = v.idNumber ?? null;
  let codeCheck: CodeCheck | null = null;
  if (code !== null) {
    // One check of the code serves both questions: checkCreditCode normalises as isIdNumber does and already
    // tells an identity number written where a code is expected.
    const check = checkCreditCode(code);
    const personal = check.partyKind === 'natural-person' && check.kind === 'unknown';
    if (personal || (ID_NUMBER_SHAPE.test(check.normalized) && isIdNumber(check.normalized))) {
      idNumber ??= code;
      code = null;
    } else {
      codeCheck = check;
      if (!check.ok) addProblem(problems, v, 'uscc-invalid', 'uscc');
    }
  }
  const kind: PartyKind =
    partyKindOf(v.partyKind) ??
    (codeCheck && codeCheck.partyKind !== 'unknown' ? codeCheck.partyKind : null) ??
    (idNumber !== null && code === null ? 'natural-person' : null) ??
    (v.partyName !== undefined && /公司$/.test(v.partyName) ? 'enterprise' : 'unknown');
  return {
    name: v.partyName ?? null,
    normalizedName: v.partyName === undefined ? null : normalizePartyName(v.partyName),
    code,
    codeCheck,
    idNumber,
    kind,
  };
}

/** What the penalty text alone says, read once per distinct text in a bulk audit. */
interface PenaltyReading {
  parsed: PenaltyParse;
  fine: Money | null;
  confiscation: Money | null;
}

function readPenaltyText(text: string): PenaltyReading {
  const folded = foldWidth(text);
  return {
    parsed: parsePenalties(text, folded),
    fine: fineInText(text, folded),
    confiscation: confiscationInText(text, folded),
  };
}

/** What the narrative texts together say, read once per distinct set of them in a bulk audit. */
interface NarrativeReading {
  texts: { raw: NarrativeTexts; folded: NarrativeTexts };
  fromText: AggravationParse;
  fineBases: CaseFacts['fineBases'];
  violated: LegalCitation[];
  transfer: boolean;
}

function readNarrative(legalBasis: string, caseCause: string, penalty: string, violation: string): NarrativeReading {
  // Width-folded once for every parser (folding keeps positions), in the order aggravationFromText reads them;
  // split back by newline, which no value holds (clean made it a space).
  const joined = `${penalty}\n${legalBasis}\n${violation}\n${caseCause}`;
  const folded = foldWidth(joined);
  const [p, b, v, c] = folded.split('\n') as [string, string, string, string];
  return {
    texts: { raw: { violation, caseCause, legalBasis, penalty }, folded: { violation: v, caseCause: c, legalBasis: b, penalty: p } },
    fromText: aggravationFromText(joined, folded),
    fineBases: fineBasesIn(`${violation}\n${caseCause}\n${penalty}`, `${v}\n${c}\n${p}`),
    violated: parseCitations(`${violation}\n${caseCause}`, `${v}\n${c}`),
    transfer: criminalTransferInText(`${violation}\n${penalty}`, `${v}\n${p}`) !== null,
  };
}

interface Sanctions {
  penalties: Penalty[];
  /** the penalty text says no penalty is imposed */
  noPenalty: boolean;
  fine: Money | null;
  confiscation: Money | null;
}

/** Penalties, the fine and the confiscated gains: the fields first, then the penalty text. */
function sanctionsOf(
  v: FactValues,
  units: Partial<Record<LogicalKey, MoneyUnit>>,
  reading: PenaltyReading,
  memo: FieldMemo | undefined,
  problems: FactProblem[],
): Sanctions {
  const penalties: Penalty[] = [...reading.parsed.penalties];
  let fieldFine: Money | null = null;
  if (v.fineAmount !== undefined) {
    fieldFine = recall(memo, parseMoneyIn[units.fineAmount ?? 'yuan'], v.fineAmount);
    if (fieldFine === null) addProblem(problems, v, 'fine-unparseable', 'fineAmount');
    else if (fieldFine.yuan > 0) addKind(penalties, { kind: PenaltyKind.Fine, text: v.fineAmount });
  }
  const fine = (fieldFine && fieldFine.yuan > 0 ? fieldFine : null) ?? reading.fine;

  let confiscation: Money | null = null;
  if (v.confiscation !== undefined) {
    const named = parsePenalties(v.confiscation).penalties;
    for (const p of named) addKind(penalties, p);
    confiscation = confiscationInText(v.confiscation) ?? parseMoney(v.confiscation, { unit: units.confiscation ?? 'yuan' });
    // A bare amount in this field is the confiscated illegal gains.
    if (named.length === 0 && confiscation !== null && confiscation.yuan > 0) {
      addKind(penalties, { kind: PenaltyKind.ConfiscateGains, text: v.confiscation });
    }
    if (named.length === 0 && confiscation === null) addProblem(problems, v, 'confiscation-unparseable', 'confiscation');
  }
  return { penalties, noPenalty: reading.parsed.noPenalty, fine, confiscation: confiscation ?? reading.confiscation };
}

/** The discretion level (裁量阶次): the field first, then phrases in the texts, then 不予处罚 in the penalty. */
function aggravationOf(
  v: FactValues,
  label: string | undefined,
  narrative: NarrativeReading,
  sanctions: Sanctions,
  problems: FactProblem[],
): AggravationParse | null {
  const fromField = v.aggravation === undefined ? null : aggravationFromField(v.aggravation, label);
  if (fromField?.problem) addProblem(problems, v, fromField.problem, 'aggravation');
  let aggravation = fromField && fromField.level !== 'unstated' ? fromField : null;
  if (aggravation === null) {
    const fromText = narrative.fromText;
    if (fromText.problem) addProblem(problems, v, fromText.problem, 'penalty');
    // 不予处罚 in the texts does not undo a penalty the form imposes.
    if (fromText.level !== 'unstated' && !(fromText.level === '不予处罚' && sanctions.penalties.length > 0)) aggravation = fromText;
  }
  if (aggravation === null && sanctions.noPenalty) aggravation = { level: '不予处罚', text: narrative.texts.raw.penalty };
  return aggravation;
}

interface LawAndDomain {
  legalBasis: LegalCitation[];
  violated: LegalCitation[];
  allCitations: LegalCitation[];
  domain: Domain | null;
  domainSource: CaseFacts['domainSource'];
  domainDoubtful: boolean;
}

/** The provisions applied and violated, and the domain: from the laws cited, else the domain field, else keywords. */
function lawAndDomainOf(
  v: FactValues,
  texts: { raw: NarrativeTexts; folded: NarrativeTexts },
  legalBasis: LegalCitation[],
  violated: LegalCitation[],
  problems: FactProblem[],
): LawAndDomain {
  const { raw } = texts;
  const allCitations = [...legalBasis, ...violated];
  let guess = domainFromLaws(allCitations);
  let domainSource: CaseFacts['domainSource'] = guess.source;
  if (guess.domain === null) {
    const fieldDomain = domainOfField(v.domain);
    if (v.domain !== undefined && fieldDomain === null) addProblem(problems, v, 'domain-unrecognised', 'domain');
    if (fieldDomain !== null) {
      guess = { domain: fieldDomain, source: null, doubtful: false };
      domainSource = 'field';
    } else {
      guess = domainFromKeywords(`${raw.violation}\n${raw.caseCause}\n${raw.legalBasis}\n${raw.penalty}`);
      domainSource = guess.source;
    }
  }
  return { legalBasis, violated, allCitations, domain: guess.domain, domainSource, domainDoubtful: guess.doubtful };
}

/** Transfer to the judicial organs (移送司法机关): the field, else words of it in the texts. */
function criminalTransferOf(v: FactValues, inText: boolean, problems: FactProblem[]): boolean | null {
  if (v.criminalTransfer !== undefined) {
    const transfer = parseCriminalTransfer(v.criminalTransfer);
    if (transfer === null) addProblem(problems, v, 'criminal-transfer-unrecognised', 'criminalTransfer');
    return transfer;
  }
  return inText || null;
}

function listingDecisionOf(v: FactValues, memo: FieldMemo | undefined, problems: FactProblem[]): CaseFacts['listingDecision'] {
  if (v.listingDecision === undefined) return null;
  const decision = recall(memo, parseListingDecision, v.listingDecision);
  if (decision === null) addProblem(problems, v, 'listing-decision-unrecognised', 'listingDecision');
  return decision;
}

interface DecisionDates {
  decisionDate: string | null;
  decisionPeriod: CaseFacts['decisionPeriod'];
  /** a decision date is written, even one that cannot be read (it tells a decided case) */
  present: boolean;
}

/** The decision date; one known only to the month or year is a period; without any date, the decision number's year. */
function decisionDatesOf(v: FactValues, decision: DecisionIdentity, memo: FieldMemo | undefined, problems: FactProblem[]): DecisionDates {
  const dateRead = v.decisionDate === undefined ? null : recall(memo, parseDateInterval, v.decisionDate);
  const decisionDate = dateRead?.precision === 'day' ? dateRead.from : null;
  const partialDate = decisionDate === null ? dateRead : null;
  if (v.decisionDate !== undefined && decisionDate === null && partialDate === null) {
    addProblem(problems, v, 'date-unparseable', 'decisionDate');
  }
  const numberYear =
    decisionDate === null && partialDate === null && decision.complete && decision.decisionNo
      ? decisionNoYear(decision.decisionNo.folded)
      : null;
  const decisionPeriod: CaseFacts['decisionPeriod'] =
    partialDate && partialDate.precision !== 'day'
      ? { from: partialDate.from, to: partialDate.to, precision: partialDate.precision, source: 'date' }
      : numberYear && numberYear.precision !== 'day'
        ? { from: numberYear.from, to: numberYear.to, precision: numberYear.precision, source: 'decision-number' }
        : null;
  const present = decisionDate !== null || (v.decisionDate !== undefined && DATE_DIGIT.test(v.decisionDate));
  return { decisionDate, decisionPeriod, present };
}

/** The narrative texts of a case, '' when absent: the texts the engine matches its signals against. */
export interface NarrativeTexts {
  violation: string;
  caseCause: string;
  legalBasis: string;
  penalty: string;
}

// The width-folded texts of the facts made last, which the engine usually judges next, so that it need not fold
// them again. Kept beside the texts they were folded from: facts changed since, or other facts, are folded
// afresh. One entry rather than a WeakMap of every case: a WeakMap entry per audited row cost more than folding.
let lastFolded: { facts: CaseFacts; raw: NarrativeTexts; folded: NarrativeTexts } | null = null;

/** The narrative texts of `facts`, as read and width-folded (foldWidth keeps positions). */
export function narrativeTexts(facts: CaseFacts): { raw: NarrativeTexts; folded: NarrativeTexts } {
  const raw: NarrativeTexts = {
    violation: facts.violation ?? '',
    caseCause: facts.caseCause ?? '',
    legalBasis: facts.fields.legalBasis ?? '',
    penalty: facts.fields.penalty ?? '',
  };
  const known = lastFolded?.facts === facts ? lastFolded : null;
  if (
    known &&
    known.raw.violation === raw.violation &&
    known.raw.caseCause === raw.caseCause &&
    known.raw.legalBasis === raw.legalBasis &&
    known.raw.penalty === raw.penalty
  ) {
    return { raw: known.raw, folded: known.folded };
  }
  return {
    raw,
    folded: {
      violation: foldWidth(raw.violation),
      caseCause: foldWidth(raw.caseCause),
      legalBasis: foldWidth(raw.legalBasis),
      penalty: foldWidth(raw.penalty),
    },
  };
}

function addProblem(problems: FactProblem[], v: FactValues, code: string, key: LogicalKey): void {
  problems.push({ code, key, value: v[key] ?? '' });
}

/** Adds a penalty unless one of its kind is already there. */
function addKind(penalties: Penalty[], p: Penalty): void {
  if (!penalties.some((q) => q.kind === p.kind)) penalties.push(p);
}

const WAN_LABEL = /万元/;

/** Facts of a form read from a page. */
export function extractFacts(snapshot: FieldSnapshot): CaseFacts {
  return readCase(snapshot).facts;
}

/**
 * Facts of a page together with the fields they came from (locators, labels, empty values included):
 * the overlay shows every recognised field, even one still empty, and positions warnings by them.
 */
export function readCase(snapshot: FieldSnapshot): { facts: CaseFacts; fields: FieldMap } {
  const map = mapFields(snapshot);
  const values: FactValues = {};
  const labels: Partial<Record<LogicalKey, string>> = {};
  const units: Partial<Record<LogicalKey, MoneyUnit>> = {};
  for (const field of Object.values(map)) {
    if (!field) continue;
    values[field.key] = field.value;
    labels[field.key] = field.rawLabel;
    if (WAN_LABEL.test(field.rawLabel) || WAN_LABEL.test(field.label)) units[field.key] = 'wan';
  }
  const facts = factsFromValues({ values, labels, units, headings: snapshot.headings, readOnlyView: snapshot.readOnlyView });
  return { facts, fields: map };
}

/** How a record's values are read: units and labels of its columns, and what a bulk audit recalls across rows. */
export interface RecordOptions {
  units?: Partial<Record<LogicalKey, MoneyUnit>>;
  labels?: Partial<Record<LogicalKey, string>>;
  readOnlyView?: boolean;
  memo?: FieldMemo;
}

/** Facts of a record (a CSV/XLSX row mapped to logical keys); the same facts as a form with the same values. */
export function extractFactsFromRecord(record: FactValues, opts: RecordOptions = {}): CaseFacts {
  return factsFromValues({ values: record, units: opts.units, labels: opts.labels, readOnlyView: opts.readOnlyView, memo: opts.memo });
}

import type { FieldSnapshot } from '../form/types';
import { checkCreditCode, isIdNumber, normalizePartyName, type PartyKind } from '../party';
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
import { aggravationFromField, aggravationFromText } from './discretion';
import { DOMAIN_TITLES, DOMAINS, type Domain } from './domain';
import { mapFields, type FieldMap } from './fields';
import { criminalTransferInText, formKindFrom, parseApprovalMode, parseCriminalTransfer, parseListingDecision } from './flags';
import type { LogicalKey } from './keys';
import { recall, type FieldMemo } from './memo';
import { domainFromKeywords, domainFromLaws, repairSectorOf } from './lexicon';
import { confiscationInText, fineBasesIn, fineInText, parsePenalties } from './penalties';
import { PenaltyKind, type CaseFacts, type FactProblem, type Penalty } from './schema';

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

/** The shared core of extractFacts and extractFactsFromRecord. Pure; never throws on text input. */
export function factsFromValues(input: FactsInput): CaseFacts {
  const v = clean(input.values);
  const units = input.units ?? {};
  const labels = input.labels ?? {};
  const readOnlyView = input.readOnlyView ?? false;
  const memo = input.memo;
  const problems: FactProblem[] = [];

  // Identity of the decision and the case.
  let decisionNo: CaseFacts['decisionNo'] = null;
  let completeNo = false;
  if (v.decisionNo !== undefined) {
    decisionNo = { raw: v.decisionNo, folded: foldDecisionNo(v.decisionNo) };
    completeNo = isFoldedDecisionNo(decisionNo.folded);
    if (!completeNo) addProblem(problems, v, 'decision-no-incomplete', 'decisionNo');
  }
  const caseNo = v.caseNo ?? null;
  const caseId = (completeNo && decisionNo ? decisionNo.folded : null) ?? caseNo;

  // Party.
  let code = v.uscc ?? null;
  let idNumber = v.idNumber ?? null;
  if (code !== null && isIdNumber(code)) {
    idNumber ??= code;
    code = null;
  }
  const codeCheck = code === null ? null : checkCreditCode(code);
  if (codeCheck && !codeCheck.ok) addProblem(problems, v, 'uscc-invalid', 'uscc');
  const kind: PartyKind =
    partyKindOf(v.partyKind) ??
    (codeCheck && codeCheck.partyKind !== 'unknown' ? codeCheck.partyKind : null) ??
    (idNumber !== null && code === null ? 'natural-person' : null) ??
    (v.partyName !== undefined && /公司$/.test(v.partyName) ? 'enterprise' : 'unknown');

  // The narrative texts, each width-folded once for every parser below (folding keeps positions).
  const penaltyText = v.penalty ?? '';
  const basisText = v.legalBasis ?? '';
  const violationText = v.violation ?? '';
  const causeText = v.caseCause ?? '';
  const penaltyFolded = foldWidth(penaltyText);
  const basisFolded = foldWidth(basisText);
  const violationFolded = foldWidth(violationText);
  const causeFolded = foldWidth(causeText);

  // Penalties, fine and confiscation.
  const parsed = recall(memo, parsePenalties, penaltyText, penaltyFolded);
  const penalties: Penalty[] = [...parsed.penalties];
  let fieldFine: Money | null = null;
  if (v.fineAmount !== undefined) {
    fieldFine = recall(memo, parseMoneyIn[units.fineAmount ?? 'yuan'], v.fineAmount);
    if (fieldFine === null) addProblem(problems, v, 'fine-unparseable', 'fineAmount');
    else if (fieldFine.yuan > 0) addKind(penalties, { kind: PenaltyKind.Fine, text: v.fineAmount });
  }
  const fine = (fieldFine && fieldFine.yuan > 0 ? fieldFine : null) ?? recall(memo, fineInText, penaltyText, penaltyFolded);

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
  confiscation ??= recall(memo, confiscationInText, penaltyText, penaltyFolded);

  // Discretion level: the field first, then phrases in the texts.
  const fromField = v.aggravation === undefined ? null : aggravationFromField(v.aggravation, labels.aggravation);
  if (fromField?.problem) addProblem(problems, v, fromField.problem, 'aggravation');
  let aggravation = fromField && fromField.level !== 'unstated' ? fromField : null;
  if (aggravation === null) {
    const fromText = aggravationFromText(
      `${penaltyText}\n${basisText}\n${violationText}\n${causeText}`,
      `${penaltyFolded}\n${basisFolded}\n${violationFolded}\n${causeFolded}`,
    );
    if (fromText.problem) addProblem(problems, v, fromText.problem, 'penalty');
    // 不予处罚 in the texts does not undo a penalty the form imposes.
    if (fromText.level !== 'unstated' && !(fromText.level === '不予处罚' && penalties.length > 0)) aggravation = fromText;
  }
  if (aggravation === null && parsed.noPenalty) aggravation = { level: '不予处罚', text: penaltyText };

  const penaltyReadable = (penaltyText !== '' && (penalties.length > 0 || parsed.noPenalty)) || aggravation?.level === '不予处罚';
  if (penaltyText !== '' && !penaltyReadable) addProblem(problems, v, 'penalty-unrecognised', 'penalty');

  // Legal basis, violation and domain.
  const legalBasis = recall(memo, parseCitations, basisText, basisFolded);
  const violated = parseCitations(`${violationText}\n${causeText}`, `${violationFolded}\n${causeFolded}`);
  const allCitations = [...legalBasis, ...violated];
  const narrative = `${violationText}\n${causeText}\n${basisText}\n${penaltyText}`;
  let guess = domainFromLaws(allCitations);
  let domainSource: CaseFacts['domainSource'] = guess.source;
  if (guess.domain === null) {
    const fieldDomain = domainOfField(v.domain);
    if (v.domain !== undefined && fieldDomain === null) addProblem(problems, v, 'domain-unrecognised', 'domain');
    if (fieldDomain !== null) {
      guess = { domain: fieldDomain, source: null, doubtful: false };
      domainSource = 'field';
    } else {
      guess = domainFromKeywords(narrative);
      domainSource = guess.source;
    }
  }

  // Transfer, listing, dates, approval mode.
  let criminalTransfer: boolean | null = null;
  if (v.criminalTransfer !== undefined) {
    criminalTransfer = parseCriminalTransfer(v.criminalTransfer);
    if (criminalTransfer === null) addProblem(problems, v, 'criminal-transfer-unrecognised', 'criminalTransfer');
  } else if (criminalTransferInText(`${violationText}\n${penaltyText}`, `${violationFolded}\n${penaltyFolded}`)) {
    criminalTransfer = true;
  }
  const listingDecision = v.listingDecision === undefined ? null : recall(memo, parseListingDecision, v.listingDecision);
  if (v.listingDecision !== undefined && listingDecision === null) {
    addProblem(problems, v, 'listing-decision-unrecognised', 'listingDecision');
  }
  // A date known only to the month or year is an interval; without any date, the decision number's year.
  const dateRead = v.decisionDate === undefined ? null : recall(memo, parseDateInterval, v.decisionDate);
  const decisionDate = dateRead?.precision === 'day' ? dateRead.from : null;
  const partialDate = decisionDate === null ? dateRead : null;
  if (v.decisionDate !== undefined && decisionDate === null && partialDate === null) {
    addProblem(problems, v, 'date-unparseable', 'decisionDate');
  }
  const numberYear = decisionDate === null && partialDate === null && completeNo && decisionNo ? decisionNoYear(decisionNo.folded) : null;
  const decisionPeriod: CaseFacts['decisionPeriod'] =
    partialDate && partialDate.precision !== 'day'
      ? { from: partialDate.from, to: partialDate.to, precision: partialDate.precision, source: 'date' }
      : numberYear && numberYear.precision !== 'day'
        ? { from: numberYear.from, to: numberYear.to, precision: numberYear.precision, source: 'decision-number' }
        : null;
  const approvalMode = v.approvalMode === undefined ? null : parseApprovalMode(v.approvalMode, labels.approvalMode);

  const datePresent = decisionDate !== null || (v.decisionDate !== undefined && DATE_DIGIT.test(v.decisionDate));

  const facts: CaseFacts = {
    formKind: formKindFrom(input.headings ?? [], (key) => v[key] !== undefined),
    readOnlyView,
    decided: completeNo || datePresent || readOnlyView,
    decisionNo,
    caseNo,
    caseId,
    party: {
      name: v.partyName ?? null,
      normalizedName: v.partyName === undefined ? null : normalizePartyName(v.partyName),
      code,
      codeCheck,
      idNumber,
      kind,
    },
    penalties,
    penaltyReadable,
    fine,
    confiscation,
    aggravation: aggravation?.level ?? 'unstated',
    aggravationText: aggravation?.text ?? null,
    legalBasis,
    violatedProvisions: violated,
    violation: v.violation ?? null,
    caseCause: v.caseCause ?? null,
    domain: guess.domain,
    domainSource,
    domainDoubtful: guess.doubtful,
    repairSector: repairSectorOf(allCitations, `${violationFolded}\n${causeFolded}\n${basisFolded}\n${penaltyFolded}`),
    criminalTransfer,
    listingDecision,
    decisionDate,
    decisionPeriod,
    fineBases: fineBasesIn(`${violationText}\n${causeText}\n${penaltyText}`, `${violationFolded}\n${causeFolded}\n${penaltyFolded}`),
    authority: v.authority ?? null,
    approvalMode,
    fields: v,
    problems,
  };
  lastFolded = {
    facts,
    raw: { violation: violationText, caseCause: causeText, legalBasis: basisText, penalty: penaltyText },
    folded: { violation: violationFolded, caseCause: causeFolded, legalBasis: basisFolded, penalty: penaltyFolded },
  };
  return facts;
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

/** Facts of a record (a CSV/XLSX row mapped to logical keys); the same facts as a form with the same values. */
export function extractFactsFromRecord(
  record: FactValues,
  opts: {
    units?: Partial<Record<LogicalKey, MoneyUnit>>;
    labels?: Partial<Record<LogicalKey, string>>;
    readOnlyView?: boolean;
    memo?: FieldMemo;
  } = {},
): CaseFacts {
  return factsFromValues({ values: record, ...opts });
}

import type { Domain } from '../facts/domain';
import { narrativeTexts } from '../facts/extract';
import { PENALTY_KIND_TITLES, type CaseFacts, type PenaltyKind } from '../facts/schema';
import type { AssessContext, Assessment, Notice, Reason } from './assessment';
import { fineRanges, fineSigns, signStatus, type FineRanges, type FineSign } from './fines';
import {
  caseText,
  compilePack,
  extendCaseText,
  linesOfCaseText,
  matchItems,
  matchSignals,
  type CaseText,
  type CompiledItem,
  type CompiledPack,
} from './match';
import { packSegments, selectPack } from './select';
import { publicityOf } from './publicity';
import type { RulePack, Status, WordingKind } from './schema';
import { compareVerdicts, type Verdict } from './verdicts';

interface Provision {
  citation: string;
  status: Status;
  title: string;
  wording: string;
  wordingKind: WordingKind;
}

function reasonOf(p: Provision, code: string, params: Reason['params'], evidence: string): Reason {
  return {
    citation: p.citation,
    status: p.status,
    code,
    params,
    title: p.title,
    wording: p.wording,
    wordingKind: p.wordingKind,
    evidence,
  };
}

interface ItemHit {
  compiled: CompiledItem;
  evidence: string;
}

const STRONG: ReadonlySet<Status> = new Set<Status>(['confirmed', 'partial']);
const STATUS_RANK: Record<Status, number> = { confirmed: 2, partial: 1, unconfirmed: 0 };
const weaker = (a: Status, b: Status): Status => (STATUS_RANK[a] <= STATUS_RANK[b] ? a : b);
const NO_LEGAL_REPRESENTATIVE: ReadonlySet<CaseFacts['party']['kind']> = new Set(['natural-person', 'individual-business']);

function kindTitles(kinds: readonly PenaltyKind[]): string {
  return kinds.map((k) => PENALTY_KIND_TITLES[k]).join('、');
}

/** The texts of the penalties of the wanted kinds, as evidence. */
function evidenceOf(facts: CaseFacts, wanted: readonly PenaltyKind[]): string {
  return facts.penalties
    .filter((p) => wanted.includes(p.kind))
    .map((p) => p.text)
    .join('；');
}

function itemReason(h: ItemHit, code: string): Reason {
  return reasonOf(h.compiled.item, code, { article: h.compiled.article, item: h.compiled.item.item }, h.evidence);
}

type Parts = Partial<Pick<Assessment, 'reasons' | 'missing' | 'checklist' | 'related' | 'publicity' | 'domain'>> & {
  /** the decision may predate the pack (a date known only to the month or year): never 应列未列 */
  mayPredate?: boolean;
};

type Head = Pick<Assessment, 'date' | 'dateSource' | 'pack' | 'notices'> & { period: Assessment['period'] };

function assessment(facts: CaseFacts, context: AssessContext, head: Head, verdict: Verdict, parts: Parts): Assessment {
  const flagged = verdict === 'must-list' ? 'yes' : verdict === 'review' ? 'possible' : 'no';
  const unlisted =
    flagged !== 'no' &&
    !parts.mayPredate &&
    facts.decided &&
    facts.listingDecision !== 'yes' &&
    !context.partyOnSeriousList &&
    !context.caseListed
      ? flagged
      : 'no';
  return {
    verdict,
    date: head.date,
    dateSource: head.dateSource,
    ...(head.period ? { period: head.period } : {}),
    pack: head.pack,
    reasons: parts.reasons ?? [],
    unlisted,
    missing: parts.missing ?? [],
    checklist: parts.checklist ?? [],
    notices: head.notices,
    related: parts.related ?? [],
    publicity: parts.publicity ?? null,
    domain: parts.domain ?? facts.domain ?? 'other',
  };
}

/** Reasons when no pack is in force on `date`: the nearest pack says why. */
function notInForce(packs: readonly RulePack[], date: string, shown = date): Reason[] {
  const later = packs.filter((p) => p.effectiveFrom > date).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
  if (later) {
    return [reasonOf(later.effective, 'not-in-force', { date: shown, effectiveFrom: later.effectiveFrom, title: later.shortTitle }, '')];
  }
  const ended = packs
    .filter((p) => p.effectiveTo !== null && p.effectiveTo < date)
    .sort((a, b) => (b.effectiveTo ?? '').localeCompare(a.effectiveTo ?? ''))[0];
  if (ended) {
    return [reasonOf(ended.effective, 'pack-expired', { date: shown, effectiveTo: ended.effectiveTo ?? '', title: ended.shortTitle }, '')];
  }
  return [];
}

/**
 * The verdict on a case (ARCHITECTURE.md "Verdicts"; the first rule that applies wins):
 * 1 not-required when no pack is in force on the decision date (today while there is none);
 * 2 insufficient when the penalty cannot be read (unless it states 从重, or rests on a criminal judgment);
 * 3 must-list for a heavier penalty (Art. 2) and a confirmed/partial item of Arts. 5–10;
 * 4 review for a heavier penalty with only a catch-all, an unconfirmed item or no item; a fine of unstated
 *   discretion with a confirmed/partial item, or with a sign of aggravation; signs of Art. 11; a criminal
 *   transfer or judgment;
 * 5 not-required otherwise.
 * A decision date known only to the month or year is an interval: wholly inside one pack's days it is judged
 * under that pack; wholly before every pack, as before it; across a pack's first day, `review` when the pack
 * would ask for listing, naming the missing day, and never 应列未列. Pure and synchronous.
 */
export function assess(facts: CaseFacts, packs: readonly RulePack[] | RulePack | null, context: AssessContext): Assessment {
  return assessWith(facts, packs, { ...context, fineRanges });
}

/** The rule data read beside the pack: the fine-range table (rules/fine-ranges.json). */
type WithTables = AssessContext & { fineRanges: FineRanges };

/**
 * `assess` with the fine-range table given rather than the bundled one: the reader gets it from the background,
 * validated there, so that no frame carries it in its script.
 */
export function assessWith(facts: CaseFacts, packs: readonly RulePack[] | RulePack | null, context: WithTables): Assessment {
  const list: readonly RulePack[] = packs === null ? [] : Array.isArray(packs) ? packs : [packs as RulePack];
  const period = facts.decisionDate === null ? (facts.decisionPeriod ?? null) : null;
  if (period !== null) return assessOverPeriod(facts, list, context, period);
  const date = facts.decisionDate ?? context.today;
  const dateSource = facts.decisionDate ? 'decision' : 'today';
  const notices: Notice[] = dateSource === 'today' ? [{ code: 'date-from-today', params: { date } }] : [];
  const pack = selectPack(list, date);
  return judge(facts, list, pack, date, context, { date, dateSource, pack: packRef(pack), notices, period: undefined });
}

/**
 * A decision date known only to the month or year: judged per run of days with one pack (or none). When the verdict
 * depends on the missing day, the strongest one, as review, with the pack's first day as reason.
 */
function assessOverPeriod(
  facts: CaseFacts,
  list: readonly RulePack[],
  context: WithTables,
  period: NonNullable<CaseFacts['decisionPeriod']>,
): Assessment {
  const shown = `${period.from}/${period.to}`;
  const notices: Notice[] = [
    {
      code: period.source === 'decision-number' ? 'date-from-decision-number' : 'date-partial',
      params: { from: period.from, to: period.to },
    },
  ];
  const head = (pack: RulePack | null): Head => ({
    date: shown,
    dateSource: 'decision',
    pack: packRef(pack),
    notices: [...notices],
    period: { from: period.from, to: period.to, precision: period.precision, source: period.source },
  });
  const segments = packSegments(list, period);
  const judged = segments.map((s) => judge(facts, list, s.pack, s.to, context, head(s.pack), shown));
  const mayPredate = segments.some((s) => s.pack === null);
  const last = judged[judged.length - 1]!;
  if (judged.every((a) => a.verdict === last.verdict)) {
    return mayPredate ? { ...last, unlisted: 'no' } : last;
  }
  const strongest = judged.reduce((a, b) => (compareVerdicts(b.verdict, a.verdict) < 0 ? b : a));
  const cut = segments.find((s, i) => i > 0 && judged[i]!.verdict !== judged[i - 1]!.verdict) ?? segments[segments.length - 1]!;
  const packAtCut = cut.pack ?? segments.find((s) => s.pack !== null)?.pack ?? null;
  const straddle: Reason[] = packAtCut
    ? [
        reasonOf(
          packAtCut.effective,
          'date-straddles',
          { date: shown, effectiveFrom: packAtCut.effectiveFrom, title: packAtCut.shortTitle, precision: period.precision },
          facts.fields.decisionDate ?? facts.decisionNo?.raw ?? '',
        ),
      ]
    : [];
  const verdict: Verdict = strongest.verdict === 'must-list' || strongest.verdict === 'review' ? 'review' : strongest.verdict;
  return {
    ...strongest,
    verdict,
    unlisted: mayPredate || verdict !== 'review' ? 'no' : strongest.unlisted === 'no' ? 'no' : 'possible',
    reasons: [...straddle, ...strongest.reasons],
    missing: [
      { key: 'decisionDate', code: period.source === 'date' ? 'decision-day-missing' : 'decision-date-empty' },
      ...strongest.missing.filter((m) => m.key !== 'decisionDate'),
    ],
  };
}

/** The evidence of an effective criminal judgment the case rests on (法院生效判决), or null. */
function courtJudgmentIn(
  compiled: CompiledPack,
  text: CaseText,
  original: string,
  citations: readonly CaseFacts['legalBasis'][number][],
  date: string | null,
): string | null {
  return compiled.courtJudgment ? matchSignals(compiled, compiled.courtJudgment, text, original, citations, date) : null;
}

interface ItemsMatched {
  hits: readonly ItemHit[];
  strong: readonly ItemHit[];
  weak: readonly ItemHit[];
  catchalls: readonly ItemHit[];
  citations: readonly unknown[];
}

/** What no confirmed item settles: the unconfirmed items, else the domain's catch-alls, else what is missing. */
function addUnsettled(out: { reasons: Reason[]; missing: Assessment['missing']; notices: Notice[] }, m: ItemsMatched): void {
  out.reasons.push(...m.weak.map((h) => itemReason(h, 'domain-item')));
  if (m.strong.length > 0 || m.weak.length > 0) return;
  out.reasons.push(...m.catchalls.map((h) => itemReason(h, 'domain-catchall')));
  if (m.catchalls.length > 0) return;
  out.notices.push({ code: 'no-domain-item' });
  out.missing.push({ key: 'violation', code: 'violation-unmatched' });
  if (m.citations.length === 0) out.missing.push({ key: 'legalBasis', code: 'legal-basis-empty' });
}

function packRef(pack: RulePack | null): Assessment['pack'] {
  return pack && { id: pack.id, version: pack.version, title: pack.title };
}

/** The judgment of a case under one pack (or none) on one date. `shown` is the date as the reasons state it. */
function judge(
  facts: CaseFacts,
  list: readonly RulePack[],
  pack: RulePack | null,
  date: string,
  context: WithTables,
  head: Head,
  shown = date,
): Assessment {
  caseNotices(facts, context, head.notices);
  if (pack === null) return noPackInForce(facts, list, date, shown, context, head);
  const c = readCase(facts, pack, date, head);
  return penaltyUnreadable(c, context, head) ?? judgeListing(c, context, head);
}

/** Notices whatever the verdict: the party on a serious list (告知承诺制 then does not apply), what could not be read. */
function caseNotices(facts: CaseFacts, context: AssessContext, notices: Notice[]): void {
  if (context.partyOnSeriousList) {
    notices.push({ code: 'party-on-serious-list' });
    if (facts.formKind === 'licensing' || facts.approvalMode === 'commitment') notices.push({ code: 'commitment-not-applicable' });
  }
  for (const p of facts.problems) notices.push({ code: `problem-${p.code}`, params: { key: p.key, value: p.value } });
}

/** Rule 1, not-required (未施行): no pack is in force on the date; the nearest pack says why. */
function noPackInForce(
  facts: CaseFacts,
  list: readonly RulePack[],
  date: string,
  shown: string,
  context: AssessContext,
  head: Head,
): Assessment {
  if (list.length === 0) head.notices.push({ code: 'no-pack' });
  return assessment(facts, context, head, 'not-required', { reasons: notInForce(list, date, shown), mayPredate: true });
}

/** A case read under one pack: its texts, the compiled pack, and the date its laws are read at. */
interface CaseReading {
  facts: CaseFacts;
  pack: RulePack;
  compiled: CompiledPack;
  /** the date that tells a law's versions apart; null when any version before today may have been applied */
  lawDate: string | null;
  /** a decided case without its day: the date is empty, or known only to the month or year */
  missingDate: Assessment['missing'];
  raw: ReturnType<typeof narrativeTexts>['raw'];
  folded: ReturnType<typeof narrativeTexts>['folded'];
  /** the violation, case cause and legal basis as written */
  original: string;
  foldedText: string;
  /** with the penalty too, for the signs that may stand in it (拒不履行, a criminal judgment, 屡罚不改) */
  wholeOriginal: string;
  citations: CaseFacts['legalBasis'];
  /** 从重 stated while the penalty cannot be read: a possibly heavier penalty */
  unnamedAggravation: boolean;
}

function readCase(facts: CaseFacts, pack: RulePack, date: string, head: Head): CaseReading {
  const { raw, folded } = narrativeTexts(facts);
  const original = `${raw.violation}\n${raw.caseCause}\n${raw.legalBasis}`;
  return {
    facts,
    pack,
    compiled: compilePack(pack),
    // The version of a law a decision applied follows its date; a decided case whose date is unknown (judged as of
    // today) may have applied any version before it, so the versions recorded are not told apart.
    lawDate: head.dateSource === 'today' && facts.decided ? null : date,
    missingDate:
      facts.decided && facts.decisionDate === null
        ? [{ key: 'decisionDate', code: head.period?.source === 'date' ? 'decision-day-missing' : 'decision-date-empty' }]
        : [],
    raw,
    folded,
    original,
    foldedText: `${folded.violation}\n${folded.caseCause}\n${folded.legalBasis}`,
    wholeOriginal: `${original}\n${raw.penalty}`,
    citations: [...facts.legalBasis, ...facts.violatedProvisions],
    unnamedAggravation: !facts.penaltyReadable && facts.aggravation === '从重',
  };
}

/**
 * Rule 2, insufficient (信息不足): the penalty cannot be read. 从重 without the penalty named, or a criminal
 * judgment the case rests on, makes an unread penalty judgeable.
 */
function penaltyUnreadable(c: CaseReading, context: AssessContext, head: Head): Assessment | null {
  const { facts, compiled } = c;
  if (facts.penaltyReadable || c.unnamedAggravation) return null;
  const text = caseText(compiled, `${c.foldedText}\n${c.folded.penalty}`);
  if (courtJudgmentIn(compiled, text, c.wholeOriginal, c.citations, c.lawDate) !== null) return null;
  const penaltyText = facts.fields.penalty ?? '';
  return assessment(facts, context, head, 'insufficient', {
    reasons: [reasonOf(c.pack.heavierPenalty, 'penalty-unreadable', {}, penaltyText)],
    missing: [{ key: 'penalty', code: penaltyText === '' ? 'penalty-empty' : 'penalty-unrecognised' }, ...c.missingDate],
  });
}

/** What rules 3–5 weigh: the penalties, the items matched, and the signs beside them. */
interface Findings {
  kinds: PenaltyKind[];
  /** Art. 2 items (较重行政处罚) the penalties satisfy, and those they may satisfy (catch-all, unconfirmed) */
  heavier: Reason[];
  possiblyHeavier: Reason[];
  items: ItemsMatched;
  /** Art. 11 (拒不履行), a criminal transfer (移送司法机关) or judgment: signs that add to a verdict asking for listing */
  signs: Reason[];
  refusal: boolean;
  /** a fine whose discretion level (裁量阶次) the decision does not state */
  fineUnstated: boolean;
  discretion: { aggravating: Reason[]; lighter: Reason[] };
}

function findingsOf(c: CaseReading, table: FineRanges): Findings {
  const { facts, compiled, folded: f } = c;
  const kinds = facts.penalties.map((p) => p.kind);
  const { heavier, possiblyHeavier } = heavierPenalties(c, kinds);
  const folded = caseText(compiled, c.foldedText);
  const items = violationItems(c, folded);
  const whole = extendCaseText(compiled, folded, `\n${f.penalty}`);
  const { signs, refusal } = listingSigns(c, whole);
  const fineUnstated = kinds.includes('Fine') && facts.aggravation === 'unstated';
  // The facts' own words only (the legal basis often quotes the statute: 拒不改正的，处…).
  const discretion = fineUnstated
    ? discretionSigns(
        facts,
        c.pack,
        compiled,
        c.lawDate,
        linesOfCaseText(compiled, whole, `${f.violation}\n${f.caseCause}\n${f.penalty}`),
        `${c.raw.violation}\n${c.raw.caseCause}\n${c.raw.penalty}`,
        c.citations,
        table,
      )
    : { aggravating: [], lighter: [] };
  return { kinds, heavier, possiblyHeavier, items, signs, refusal, fineUnstated, discretion };
}

/** Art. 2: which heavier-penalty items the penalties satisfy, at the status of the wording they are written in. */
function heavierPenalties(c: CaseReading, kinds: readonly PenaltyKind[]): Pick<Findings, 'heavier' | 'possiblyHeavier'> {
  const { facts } = c;
  const art2 = c.pack.heavierPenalty;
  const heavier: Reason[] = [];
  const possiblyHeavier: Reason[] = [];
  for (const item of art2.items) {
    const hit = item.penalties.filter((k) => kinds.includes(k));
    if (hit.length === 0) continue;
    if (item.requiresAggravation && facts.aggravation !== item.requiresAggravation) continue;
    let evidence = evidenceOf(facts, hit);
    if (item.requiresAggravation && facts.aggravationText) evidence += `；${facts.aggravationText}`;
    const params: Reason['params'] = { penalties: kindTitles(hit), item: item.item };
    const reason = reasonOf(item, item.catchall ? 'heavier-penalty-possible' : 'heavier-penalty', params, evidence);
    const variant = writtenAs(c.compiled, item.item, facts, hit);
    if (variant) {
      reason.status = weaker(item.status, variant.status);
      params.writtenAs = variant.title;
    }
    if (item.catchall || reason.status === 'unconfirmed') possiblyHeavier.push(reason);
    else heavier.push(reason);
  }
  if (c.unnamedAggravation) {
    const fineItem = art2.items.find((i) => i.requiresAggravation === '从重');
    if (fineItem) possiblyHeavier.push(reasonOf(fineItem, 'heavier-penalty-unnamed', {}, facts.aggravationText ?? ''));
  }
  return { heavier, possiblyHeavier };
}

/** Arts. 5–10: which violation items (失信行为) the case matches, and the domain's catch-alls when none of its article. */
function violationItems(c: CaseReading, folded: CaseText): ItemsMatched {
  const { facts, compiled } = c;
  const hits: ItemHit[] = matchItems(compiled, folded, c.original, c.citations, c.lawDate);
  const catchalls: ItemHit[] =
    facts.domainSource === null
      ? []
      : compiled.catchalls
          .filter((k) => k.domain === facts.domain && !hits.some((h) => h.compiled.article === k.article))
          .map((k) => ({ compiled: k, evidence: facts.violation ?? facts.caseCause ?? '' }));
  return {
    hits,
    strong: hits.filter((h) => STRONG.has(h.compiled.item.status)),
    weak: hits.filter((h) => !STRONG.has(h.compiled.item.status)),
    catchalls,
    citations: c.citations,
  };
}

/** Art. 11 (拒不履行), a criminal transfer and a criminal judgment. */
function listingSigns(c: CaseReading, whole: CaseText): Pick<Findings, 'signs' | 'refusal'> {
  const { facts, pack, compiled } = c;
  const refusalEvidence = matchSignals(compiled, compiled.refusal, whole, c.wholeOriginal, c.citations, c.lawDate);
  const judgmentEvidence = courtJudgmentIn(compiled, whole, c.wholeOriginal, c.citations, c.lawDate);
  const signs: Reason[] = [];
  if (refusalEvidence !== null) signs.push(reasonOf(pack.refusalToPerform, 'refusal-to-perform', {}, refusalEvidence));
  if (facts.criminalTransfer === true) {
    signs.push(reasonOf(pack.criminalTransfer, 'criminal-transfer', {}, facts.fields.criminalTransfer ?? ''));
  }
  if (judgmentEvidence !== null && pack.courtJudgment) signs.push(reasonOf(pack.courtJudgment, 'court-judgment', {}, judgmentEvidence));
  return { signs, refusal: refusalEvidence !== null };
}

/** A verdict of rules 3–5 with the reasons and missing facts behind it. */
interface Judged {
  verdict: Verdict;
  reasons: Reason[];
  missing: Assessment['missing'];
}

const domainItems = (hits: readonly ItemHit[]): Reason[] => hits.map((h) => itemReason(h, 'domain-item'));

/** Rule 3, must-list (应当列入): a heavier penalty (Art. 2) and a confirmed or partial item of Arts. 5–10. */
function mustList(x: Findings): Judged | null {
  if (x.heavier.length === 0 || x.items.strong.length === 0) return null;
  return { verdict: 'must-list', reasons: [...x.heavier, ...domainItems(x.items.strong)], missing: [] };
}

/** The size of an unstated-level fine shows it was not aggravated (at or below the statutory floor): rule 5. */
const fineShownLighter = (x: Findings): boolean =>
  x.fineUnstated && x.items.strong.length > 0 && x.discretion.aggravating.length === 0 && x.discretion.lighter.length > 0;

/**
 * Rule 4, review (需要研判): a heavier penalty without a settled item; a fine whose discretion level would decide
 * the case; signs of Art. 11, a criminal transfer or judgment.
 */
function review(c: CaseReading, x: Findings, notices: Notice[]): Judged | null {
  if (x.heavier.length > 0 || x.possiblyHeavier.length > 0) return reviewHeavierPenalty(c, x, notices);
  if (fineShownLighter(x)) return null;
  if (x.fineUnstated && (x.items.strong.length > 0 || x.discretion.aggravating.length > 0)) return reviewFineLevel(c, x, notices);
  if (x.signs.length > 0) return { verdict: 'review', reasons: [], missing: [] };
  return null;
}

/** A heavier (or possibly heavier) penalty without a settled item. */
function reviewHeavierPenalty(c: CaseReading, x: Findings, notices: Notice[]): Judged {
  const out: Judged & { notices: Notice[] } = {
    verdict: 'review',
    reasons: [...x.heavier, ...x.possiblyHeavier, ...domainItems(x.items.strong)],
    missing: [],
    notices,
  };
  addUnsettled(out, x.items);
  if (c.unnamedAggravation) out.missing.push({ key: 'penalty', code: 'penalty-kind-unstated' });
  return out;
}

/** A fine of unstated level with a settled item or a sign of aggravation: its level (从重 or not) decides. */
function reviewFineLevel(c: CaseReading, x: Findings, notices: Notice[]): Judged {
  const out: Judged & { notices: Notice[] } = { verdict: 'review', reasons: [], missing: [], notices };
  const fineItem = c.pack.heavierPenalty.items.find((i) => i.requiresAggravation !== undefined);
  if (fineItem) out.reasons.push(reasonOf(fineItem, 'fine-discretion-unstated', {}, evidenceOf(c.facts, ['Fine'])));
  out.reasons.push(...x.discretion.aggravating, ...domainItems(x.items.strong));
  if (x.items.strong.length === 0) addUnsettled(out, x.items);
  out.missing.push({
    key: 'aggravation',
    code: x.discretion.aggravating.length > 0 ? 'aggravation-unstated-signs' : 'aggravation-unstated',
  });
  return out;
}

/** Rule 5, not-required (无需列入): no heavier penalty (a warning, a fine at 一般/从轻/减轻), or a fine shown lighter. */
function notRequired(c: CaseReading, x: Findings): Judged {
  const strong = domainItems(x.items.strong);
  if (fineShownLighter(x)) return { verdict: 'not-required', reasons: [...x.discretion.lighter, ...strong], missing: [] };
  const { facts } = c;
  const none = reasonOf(
    c.pack.heavierPenalty,
    x.kinds.length === 0 ? 'no-penalty' : 'no-heavier-penalty',
    { penalties: kindTitles(x.kinds), aggravation: facts.aggravation },
    facts.fields.penalty ?? '',
  );
  return { verdict: 'not-required', reasons: [none, ...x.discretion.lighter, ...strong], missing: [] };
}

/** Rules 3–5 on a readable case, with the notices, provisions and publicity beside the verdict. */
function judgeListing(c: CaseReading, context: WithTables, head: Head): Assessment {
  const { facts, pack } = c;
  const notices = head.notices;
  const x = findingsOf(c, context.fineRanges);
  const { verdict, reasons, missing } = mustList(x) ?? review(c, x, notices) ?? notRequired(c, x);
  if (verdict !== 'not-required') reasons.push(...x.signs);
  const asking = verdict === 'must-list' || verdict === 'review';
  if (verdict === 'review') missing.push(...c.missingDate);
  uncertaintyNotices(reasons, x.items, notices);
  const domain: Domain =
    x.items.strong[0]?.compiled.domain ??
    x.items.weak[0]?.compiled.domain ??
    x.items.catchalls[0]?.compiled.domain ??
    (x.refusal ? pack.refusalToPerform.domain : null) ??
    facts.domain ??
    'other';
  if (asking) {
    notices.push({ code: 'art12-judgment' });
    if (x.items.hits.length === 0 && facts.domainDoubtful && domain === facts.domain) notices.push({ code: 'domain-doubtful' });
  }
  const related = relatedProvisions(c, x.kinds, verdict);
  const publicity = publicityOf(facts, pack, context.settings?.lowerAmountFine ?? null);
  if (publicity && domain === 'drug' && facts.repairSector === null && publicity.code === 'publicity-long') {
    notices.push({ code: 'repair-sector-doubt' });
  }
  const checklist = asking ? checklistOf(pack).slice() : [];
  return assessment(facts, context, head, verdict, { reasons, missing, checklist, related, publicity, domain });
}

/** What is uncertain in what the reasons cite: an unconfirmed basis, an item or article number in doubt. */
function uncertaintyNotices(reasons: readonly Reason[], items: ItemsMatched, notices: Notice[]): void {
  const unconfirmed: string[] = [];
  for (const r of reasons) if (r.status === 'unconfirmed' && !unconfirmed.includes(r.citation)) unconfirmed.push(r.citation);
  if (unconfirmed.length > 0) notices.push({ code: 'unconfirmed-basis', params: { citations: unconfirmed.join('；') } });
  const numberless: string[] = [];
  const articleless: string[] = [];
  for (const list of [items.hits, items.catchalls]) {
    for (const h of list) {
      const item = h.compiled.item;
      // Only items whose numbers are in doubt matter: most are not, and need no search of the reasons.
      if (item.itemNumberConfirmed !== false && item.articleNumberConfirmed !== false) continue;
      if (!reasons.some((r) => r.citation === item.citation)) continue;
      if (item.itemNumberConfirmed === false) numberless.push(item.citation);
      if (item.articleNumberConfirmed === false) articleless.push(item.citation);
    }
  }
  if (numberless.length > 0) notices.push({ code: 'item-number-unconfirmed', params: { citations: numberless.join('；') } });
  if (articleless.length > 0) notices.push({ code: 'article-number-unconfirmed', params: { citations: articleless.join('；') } });
}

/** Beside the verdict: the legal representative's restriction, and the listing procedure of a must-list case. */
function relatedProvisions(c: CaseReading, kinds: readonly PenaltyKind[], verdict: Verdict): Reason[] {
  const { facts, pack } = c;
  const related: Reason[] = [];
  if (!NO_LEGAL_REPRESENTATIVE.has(facts.party.kind)) {
    for (const r of pack.related) {
      const hit = r.penalties.filter((k) => kinds.includes(k));
      if (hit.length === 0) continue;
      const also = (r.alsoCited ?? []).map((x) => x.source).join('、');
      related.push(
        reasonOf(r, 'legal-rep-restriction', { penalties: kindTitles(hit), source: r.source, alsoCited: also }, evidenceOf(facts, hit)),
      );
    }
  }
  if (verdict === 'must-list') {
    const proc = pack.procedure;
    if (!facts.decided && proc.announceWithPenalty.value) related.push(reasonOf(proc.announceWithPenalty, 'announce-with-penalty', {}, ''));
    if (proc.upperLevelConsent.value) related.push(reasonOf(proc.upperLevelConsent, 'upper-level-consent', {}, ''));
    related.push(
      reasonOf(
        pack.listingPeriodYears,
        'listing-period',
        { years: pack.listingPeriodYears.value, earlyYears: pack.earlyRemovalAfterYears.value },
        '',
      ),
    );
  }
  return related;
}

// The Art. 12 checklist of a pack, the same for every case that asks for listing: built once per pack.
const CHECKLISTS = new WeakMap<RulePack, Assessment['checklist']>();

function checklistOf(pack: RulePack): Assessment['checklist'] {
  let list = CHECKLISTS.get(pack);
  if (!list) {
    const j = pack.judgment;
    list = [...j.factors, j.noIntentException].map((x) => ({
      id: `art${j.article}/${x.id}`,
      citation: j.citation,
      status: x.status,
      text: x.text,
    }));
    CHECKLISTS.set(pack, list);
  }
  return list;
}

/** The other wording an Art. 2 item's penalties are written in (撤销…资格), when every one of them is so written. */
function writtenAs(compiled: CompiledPack, item: number, facts: CaseFacts, hit: readonly PenaltyKind[]) {
  const variants = compiled.writtenAs.get(item) ?? [];
  if (variants.length === 0) return null;
  let found: (typeof variants)[number]['variant'] | null = null;
  for (const p of facts.penalties) {
    if (!hit.includes(p.kind)) continue;
    const v = variants.find((x) => x.re.test(p.text));
    if (!v) return null; // worded as the item itself: its own status holds
    found ??= v.variant;
  }
  return found;
}

/**
 * Signs of the level of a fine the decision does not state: words of the Art. 12 factors in the texts (屡罚不改,
 * 曾因…受到行政处罚), and the size of the fine against the statutory range of the article applied.
 */
function discretionSigns(
  facts: CaseFacts,
  pack: RulePack,
  compiled: CompiledPack,
  date: string | null,
  text: CaseText,
  original: string,
  citations: CaseFacts['legalBasis'],
  table: FineRanges,
): { aggravating: Reason[]; lighter: Reason[] } {
  const aggravating: Reason[] = [];
  for (const { factor, signals } of compiled.factorSigns) {
    const evidence = matchSignals(compiled, signals, text, original, citations, date);
    if (evidence === null) continue;
    const provision = { ...pack.judgment, status: weaker(pack.judgment.status, factor.status) };
    aggravating.push(reasonOf(provision, 'aggravation-sign', { factor: factor.text, factorId: factor.id }, evidence));
  }
  const lighter: Reason[] = [];
  for (const sign of fineSigns(facts, date, table)) {
    const r = fineSignReason(sign, table);
    if (sign.kind === 'top-of-range' || sign.kind === 'serious-branch') aggravating.push(r);
    else lighter.push(r);
  }
  return { aggravating, lighter };
}

function fineSignReason(sign: FineSign, table: FineRanges): Reason {
  const e = sign.entry;
  const where = `${e.law}第${e.article}条${e.paragraph ? `第${e.paragraph}款` : ''}${e.item ? `第（${e.item}）项` : ''}`;
  return reasonOf(
    { ...e, status: signStatus(sign, table) },
    `fine-${sign.kind}`,
    { fine: sign.fine.yuan, min: sign.min, max: sign.max, provision: where, approximate: sign.fine.approximate ? 'yes' : 'no' },
    sign.fine.text,
  );
}

import type { Domain } from '../facts/domain';
import { narrativeTexts } from '../facts/extract';
import { PENALTY_KIND_TITLES, type CaseFacts, type PenaltyKind } from '../facts/schema';
import type { AssessContext, Assessment, Notice, Reason, Verdict } from './assessment';
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
    flagged !== 'no' && !parts.mayPredate && facts.decided && facts.listingDecision !== 'yes' && !context.partyOnSeriousList
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

const VERDICT_RANK: Record<Verdict, number> = { 'not-required': 0, insufficient: 1, review: 2, 'must-list': 3 };

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
  const notices: Notice[] = [];
  const period = facts.decisionDate === null ? (facts.decisionPeriod ?? null) : null;
  if (period === null) {
    const date = facts.decisionDate ?? context.today;
    const dateSource = facts.decisionDate ? 'decision' : 'today';
    if (dateSource === 'today') notices.push({ code: 'date-from-today', params: { date } });
    const pack = selectPack(list, date);
    return judge(facts, list, pack, date, context, { date, dateSource, pack: packRef(pack), notices, period: undefined });
  }

  // A month or a year: judged per run of days with one pack (or none).
  const shown = `${period.from}/${period.to}`;
  notices.push({
    code: period.source === 'decision-number' ? 'date-from-decision-number' : 'date-partial',
    params: { from: period.from, to: period.to },
  });
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
  // The verdict depends on the missing day: the strongest one, as review, with the pack's first day as reason.
  const strongest = judged.reduce((a, b) => (VERDICT_RANK[b.verdict] > VERDICT_RANK[a.verdict] ? b : a));
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
  const notices = head.notices;
  if (context.partyOnSeriousList) {
    notices.push({ code: 'party-on-serious-list' });
    if (facts.formKind === 'licensing' || facts.approvalMode === 'commitment') notices.push({ code: 'commitment-not-applicable' });
  }
  for (const p of facts.problems) notices.push({ code: `problem-${p.code}`, params: { key: p.key, value: p.value } });

  // Rule 1.
  if (pack === null) {
    if (list.length === 0) notices.push({ code: 'no-pack' });
    return assessment(facts, context, head, 'not-required', { reasons: notInForce(list, date, shown), mayPredate: true });
  }

  const art2 = pack.heavierPenalty;
  const compiled = compilePack(pack);
  // The version of a law a decision applied follows its date; a decided case whose date is unknown (judged as of
  // today) may have applied any version before it, so the versions recorded are not told apart.
  const lawDate = head.dateSource === 'today' && facts.decided ? null : date;
  // A decided case without its day: empty, or known only to the month or year of the date written.
  const missingDate =
    facts.decided && facts.decisionDate === null
      ? [{ key: 'decisionDate', code: head.period?.source === 'date' ? 'decision-day-missing' : 'decision-date-empty' }]
      : [];

  const { raw, folded: f } = narrativeTexts(facts);
  const original = `${raw.violation}\n${raw.caseCause}\n${raw.legalBasis}`;
  const foldedText = `${f.violation}\n${f.caseCause}\n${f.legalBasis}`;
  const citations = [...facts.legalBasis, ...facts.violatedProvisions];
  // With the penalty text too, for the signs that may stand in it (拒不履行, a criminal judgment, 屡罚不改).
  const wholeOriginal = `${original}\n${raw.penalty}`;
  // 从重 without the penalty named, or a criminal judgment, makes an unread penalty judgeable.
  const unnamedAggravation = !facts.penaltyReadable && facts.aggravation === '从重';

  // Rule 2.
  if (
    !facts.penaltyReadable &&
    !unnamedAggravation &&
    courtJudgmentIn(compiled, caseText(compiled, `${foldedText}\n${f.penalty}`), wholeOriginal, citations, lawDate) === null
  ) {
    const penaltyText = facts.fields.penalty ?? '';
    return assessment(facts, context, head, 'insufficient', {
      reasons: [reasonOf(art2, 'penalty-unreadable', {}, penaltyText)],
      missing: [{ key: 'penalty', code: penaltyText === '' ? 'penalty-empty' : 'penalty-unrecognised' }, ...missingDate],
    });
  }

  const kinds = facts.penalties.map((p) => p.kind);

  // Art. 2: which heavier-penalty items the penalties satisfy, at the status of the wording they are written in.
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
    const variant = writtenAs(compiled, item.item, facts, hit);
    if (variant) {
      reason.status = weaker(item.status, variant.status);
      params.writtenAs = variant.title;
    }
    if (item.catchall || reason.status === 'unconfirmed') possiblyHeavier.push(reason);
    else heavier.push(reason);
  }
  if (unnamedAggravation) {
    const fineItem = art2.items.find((i) => i.requiresAggravation === '从重');
    if (fineItem) possiblyHeavier.push(reasonOf(fineItem, 'heavier-penalty-unnamed', {}, facts.aggravationText ?? ''));
  }

  // Arts. 5–10: which violation items the case matches.
  const folded = caseText(compiled, foldedText);
  const hits: ItemHit[] = matchItems(compiled, folded, original, citations, lawDate);
  const strong = hits.filter((h) => STRONG.has(h.compiled.item.status));
  const weak = hits.filter((h) => !STRONG.has(h.compiled.item.status));
  const catchalls: ItemHit[] =
    facts.domainSource === null
      ? []
      : compiled.catchalls
          .filter((c) => c.domain === facts.domain && !hits.some((h) => h.compiled.article === c.article))
          .map((c) => ({ compiled: c, evidence: facts.violation ?? facts.caseCause ?? '' }));

  // Art. 11, criminal transfer and judgment: signs that add to any verdict that asks for listing.
  const whole = extendCaseText(compiled, folded, `\n${f.penalty}`);
  const refusalEvidence = matchSignals(compiled, compiled.refusal, whole, wholeOriginal, citations, lawDate);
  const judgmentEvidence = courtJudgmentIn(compiled, whole, wholeOriginal, citations, lawDate);
  const extra: Reason[] = [];
  if (refusalEvidence !== null) extra.push(reasonOf(pack.refusalToPerform, 'refusal-to-perform', {}, refusalEvidence));
  if (facts.criminalTransfer === true) {
    extra.push(reasonOf(pack.criminalTransfer, 'criminal-transfer', {}, facts.fields.criminalTransfer ?? ''));
  }
  if (judgmentEvidence !== null && pack.courtJudgment) extra.push(reasonOf(pack.courtJudgment, 'court-judgment', {}, judgmentEvidence));

  // A fine of unstated level: what the facts and the size of the fine say about it.
  const fineUnstated = kinds.includes('Fine') && facts.aggravation === 'unstated';
  // The facts' own words only (the legal basis often quotes the statute: 拒不改正的，处…).
  const signs = fineUnstated
    ? discretionSigns(
        facts,
        pack,
        compiled,
        lawDate,
        linesOfCaseText(compiled, whole, `${f.violation}\n${f.caseCause}\n${f.penalty}`),
        `${raw.violation}\n${raw.caseCause}\n${raw.penalty}`,
        citations,
        context.fineRanges,
      )
    : { aggravating: [], lighter: [] };

  let verdict: Verdict;
  const reasons: Reason[] = [];
  const missing: Assessment['missing'] = [];
  const items: ItemsMatched = { strong, weak, catchalls, citations };
  const out = { reasons, missing, notices };
  if (heavier.length > 0 && strong.length > 0) {
    // Rule 3.
    verdict = 'must-list';
    reasons.push(...heavier, ...strong.map((h) => itemReason(h, 'domain-item')));
  } else if (heavier.length > 0 || possiblyHeavier.length > 0) {
    // Rule 4: heavier (or possibly heavier) penalty without a settled item.
    verdict = 'review';
    reasons.push(...heavier, ...possiblyHeavier, ...strong.map((h) => itemReason(h, 'domain-item')));
    addUnsettled(out, items);
    if (unnamedAggravation) missing.push({ key: 'penalty', code: 'penalty-kind-unstated' });
  } else if (fineUnstated && strong.length > 0 && signs.aggravating.length === 0 && signs.lighter.length > 0) {
    // Rule 5: the size of the fine shows it was not aggravated (at or below the statutory floor).
    verdict = 'not-required';
    reasons.push(...signs.lighter, ...strong.map((h) => itemReason(h, 'domain-item')));
  } else if (fineUnstated && (strong.length > 0 || signs.aggravating.length > 0)) {
    // Rule 4: a fine whose discretion level would decide the case.
    verdict = 'review';
    const fineItem = art2.items.find((i) => i.requiresAggravation !== undefined);
    if (fineItem) reasons.push(reasonOf(fineItem, 'fine-discretion-unstated', {}, evidenceOf(facts, ['Fine'])));
    reasons.push(...signs.aggravating, ...strong.map((h) => itemReason(h, 'domain-item')));
    if (strong.length === 0) addUnsettled(out, items);
    missing.push({ key: 'aggravation', code: signs.aggravating.length > 0 ? 'aggravation-unstated-signs' : 'aggravation-unstated' });
  } else if (extra.length > 0) {
    // Rule 4: Art. 11, a criminal transfer or judgment.
    verdict = 'review';
  } else {
    // Rule 5.
    verdict = 'not-required';
    const noPenalty = kinds.length === 0;
    reasons.push(
      reasonOf(
        art2,
        noPenalty ? 'no-penalty' : 'no-heavier-penalty',
        { penalties: kindTitles(kinds), aggravation: facts.aggravation },
        facts.fields.penalty ?? '',
      ),
    );
    reasons.push(...signs.lighter);
    reasons.push(...strong.map((h) => itemReason(h, 'domain-item')));
  }
  if (verdict !== 'not-required') reasons.push(...extra);
  const asking = verdict === 'must-list' || verdict === 'review';
  if (verdict === 'review') missing.push(...missingDate);

  // Uncertainty of what was cited.
  const unconfirmed: string[] = [];
  for (const r of reasons) if (r.status === 'unconfirmed' && !unconfirmed.includes(r.citation)) unconfirmed.push(r.citation);
  if (unconfirmed.length > 0) notices.push({ code: 'unconfirmed-basis', params: { citations: unconfirmed.join('；') } });
  const numberless: string[] = [];
  const articleless: string[] = [];
  for (const list of [hits, catchalls]) {
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

  const domain: Domain =
    strong[0]?.compiled.domain ??
    weak[0]?.compiled.domain ??
    catchalls[0]?.compiled.domain ??
    (refusalEvidence !== null ? pack.refusalToPerform.domain : null) ??
    facts.domain ??
    'other';
  if (asking) {
    notices.push({ code: 'art12-judgment' });
    if (hits.length === 0 && facts.domainDoubtful && domain === facts.domain) {
      notices.push({ code: 'domain-doubtful' });
    }
  }

  // Beside the verdict.
  const related: Reason[] = [];
  if (!NO_LEGAL_REPRESENTATIVE.has(facts.party.kind)) {
    for (const r of pack.related) {
      const hit = r.penalties.filter((k) => kinds.includes(k));
      if (hit.length === 0) continue;
      const also = (r.alsoCited ?? []).map((c) => c.source).join('、');
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

  const publicity = publicityOf(facts, pack, context.settings?.lowerAmountFine ?? null);
  if (publicity && domain === 'drug' && facts.repairSector === null && publicity.code === 'publicity-long') {
    notices.push({ code: 'repair-sector-doubt' });
  }

  const checklist = asking ? checklistOf(pack).slice() : [];

  return assessment(facts, context, head, verdict, { reasons, missing, checklist, related, publicity, domain });
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

import type { Domain } from '../facts/domain';
import { narrativeTexts } from '../facts/extract';
import { PENALTY_KIND_TITLES, type CaseFacts, type PenaltyKind } from '../facts/schema';
import type { AssessContext, Assessment, Notice, Reason, Verdict } from './assessment';
import { caseText, compilePack, extendCaseText, matchItems, matchSignals, type CompiledItem } from './match';
import { selectPack } from './select';
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

type Parts = Partial<Pick<Assessment, 'reasons' | 'missing' | 'checklist' | 'related' | 'publicity' | 'domain'>>;

function assessment(
  facts: CaseFacts,
  context: AssessContext,
  head: Pick<Assessment, 'date' | 'dateSource' | 'pack' | 'notices'>,
  verdict: Verdict,
  parts: Parts,
): Assessment {
  const flagged = verdict === 'must-list' ? 'yes' : verdict === 'review' ? 'possible' : 'no';
  const unlisted =
    flagged !== 'no' && facts.decided && facts.listingDecision !== 'yes' && !context.partyOnSeriousList ? flagged : 'no';
  return {
    verdict,
    date: head.date,
    dateSource: head.dateSource,
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
function notInForce(packs: readonly RulePack[], date: string): Reason[] {
  const later = packs.filter((p) => p.effectiveFrom > date).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
  if (later) {
    return [
      reasonOf(later.effective, 'not-in-force', { date, effectiveFrom: later.effectiveFrom, title: later.shortTitle }, ''),
    ];
  }
  const ended = packs
    .filter((p) => p.effectiveTo !== null && p.effectiveTo < date)
    .sort((a, b) => (b.effectiveTo ?? '').localeCompare(a.effectiveTo ?? ''))[0];
  if (ended) {
    return [reasonOf(ended.effective, 'pack-expired', { date, effectiveTo: ended.effectiveTo ?? '', title: ended.shortTitle }, '')];
  }
  return [];
}

/**
 * The verdict on a case (ARCHITECTURE.md "Verdicts"; the first rule that applies wins):
 * 1 not-required when no pack is in force on the decision date (today while there is none);
 * 2 insufficient when the penalty cannot be read;
 * 3 must-list for a heavier penalty (Art. 2) and a confirmed/partial item of Arts. 5–10;
 * 4 review for a heavier penalty with only a catch-all, an unconfirmed item or no item; a fine of unstated
 *   discretion with a confirmed/partial item; signs of Art. 11; a criminal transfer;
 * 5 not-required otherwise. Pure and synchronous.
 */
export function assess(facts: CaseFacts, packs: readonly RulePack[] | RulePack | null, context: AssessContext): Assessment {
  const list: readonly RulePack[] = packs === null ? [] : Array.isArray(packs) ? packs : [packs as RulePack];
  const date = facts.decisionDate ?? context.today;
  const dateSource = facts.decisionDate ? 'decision' : 'today';
  const pack = selectPack(list, date);
  const notices: Notice[] = [];
  if (dateSource === 'today') notices.push({ code: 'date-from-today', params: { date } });
  if (context.partyOnSeriousList) {
    notices.push({ code: 'party-on-serious-list' });
    if (facts.formKind === 'licensing' || facts.approvalMode === 'commitment') notices.push({ code: 'commitment-not-applicable' });
  }
  for (const p of facts.problems) notices.push({ code: `problem-${p.code}`, params: { key: p.key, value: p.value } });

  const head = { date, dateSource, pack: pack && { id: pack.id, version: pack.version, title: pack.title }, notices } as const;

  // Rule 1.
  if (pack === null) {
    if (list.length === 0) notices.push({ code: 'no-pack' });
    return assessment(facts, context, head, 'not-required', { reasons: notInForce(list, date) });
  }

  const art2 = pack.heavierPenalty;
  const missingDate = facts.decided && facts.decisionDate === null ? [{ key: 'decisionDate', code: 'decision-date-empty' }] : [];

  // Rule 2.
  if (!facts.penaltyReadable) {
    const penaltyText = facts.fields.penalty ?? '';
    return assessment(facts, context, head, 'insufficient', {
      reasons: [reasonOf(art2, 'penalty-unreadable', {}, penaltyText)],
      missing: [{ key: 'penalty', code: penaltyText === '' ? 'penalty-empty' : 'penalty-unrecognised' }, ...missingDate],
    });
  }

  const kinds = facts.penalties.map((p) => p.kind);

  // Art. 2: which heavier-penalty items the penalties satisfy.
  const heavier: Reason[] = [];
  const possiblyHeavier: Reason[] = [];
  for (const item of art2.items) {
    const hit = item.penalties.filter((k) => kinds.includes(k));
    if (hit.length === 0) continue;
    if (item.requiresAggravation && facts.aggravation !== item.requiresAggravation) continue;
    let evidence = evidenceOf(facts, hit);
    if (item.requiresAggravation && facts.aggravationText) evidence += `；${facts.aggravationText}`;
    const params = { penalties: kindTitles(hit), item: item.item };
    if (item.catchall) possiblyHeavier.push(reasonOf(item, 'heavier-penalty-possible', params, evidence));
    else heavier.push(reasonOf(item, 'heavier-penalty', params, evidence));
  }

  // Arts. 5–10: which violation items the case matches.
  const compiled = compilePack(pack);
  const { raw, folded: f } = narrativeTexts(facts);
  const original = `${raw.violation}\n${raw.caseCause}\n${raw.legalBasis}`;
  const folded = caseText(compiled, `${f.violation}\n${f.caseCause}\n${f.legalBasis}`);
  const citations = [...facts.legalBasis, ...facts.violatedProvisions];
  const hits: ItemHit[] = matchItems(compiled, folded, original, citations);
  const strong = hits.filter((h) => STRONG.has(h.compiled.item.status));
  const weak = hits.filter((h) => !STRONG.has(h.compiled.item.status));
  const catchalls: ItemHit[] =
    facts.domainSource === null
      ? []
      : compiled.catchalls
          .filter((c) => c.domain === facts.domain && !hits.some((h) => h.compiled.article === c.article))
          .map((c) => ({ compiled: c, evidence: facts.violation ?? facts.caseCause ?? '' }));

  // Art. 11 and criminal transfer: signs that add to any verdict that asks for listing.
  const refusalOriginal = `${original}\n${raw.penalty}`;
  const refusalText = extendCaseText(compiled, folded, `\n${f.penalty}`);
  const refusalEvidence = matchSignals(compiled, compiled.refusal, refusalText, refusalOriginal, citations);
  const extra: Reason[] = [];
  if (refusalEvidence !== null) extra.push(reasonOf(pack.refusalToPerform, 'refusal-to-perform', {}, refusalEvidence));
  if (facts.criminalTransfer === true) {
    extra.push(reasonOf(pack.criminalTransfer, 'criminal-transfer', {}, facts.fields.criminalTransfer ?? ''));
  }

  const fineUnstated = kinds.includes('Fine') && facts.aggravation === 'unstated';

  let verdict: Verdict;
  const reasons: Reason[] = [];
  const missing: Assessment['missing'] = [];
  if (heavier.length > 0 && strong.length > 0) {
    // Rule 3.
    verdict = 'must-list';
    reasons.push(...heavier, ...strong.map((h) => itemReason(h, 'domain-item')));
  } else if (heavier.length > 0 || possiblyHeavier.length > 0) {
    // Rule 4: heavier (or possibly heavier) penalty without a settled item.
    verdict = 'review';
    reasons.push(...heavier, ...possiblyHeavier, ...strong.map((h) => itemReason(h, 'domain-item')));
    reasons.push(...weak.map((h) => itemReason(h, 'domain-item')));
    if (strong.length === 0 && weak.length === 0) {
      reasons.push(...catchalls.map((h) => itemReason(h, 'domain-catchall')));
      if (catchalls.length === 0) {
        notices.push({ code: 'no-domain-item' });
        missing.push({ key: 'violation', code: 'violation-unmatched' });
        if (citations.length === 0) missing.push({ key: 'legalBasis', code: 'legal-basis-empty' });
      }
    }
  } else if (fineUnstated && strong.length > 0) {
    // Rule 4: a fine whose discretion level would decide the case.
    verdict = 'review';
    const fineItem = art2.items.find((i) => i.requiresAggravation !== undefined);
    if (fineItem) reasons.push(reasonOf(fineItem, 'fine-discretion-unstated', {}, evidenceOf(facts, ['Fine'])));
    reasons.push(...strong.map((h) => itemReason(h, 'domain-item')));
    missing.push({ key: 'aggravation', code: 'aggravation-unstated' });
  } else if (extra.length > 0) {
    // Rule 4: Art. 11 or a criminal transfer.
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
    reasons.push(...strong.map((h) => itemReason(h, 'domain-item')));
  }
  if (verdict !== 'not-required') reasons.push(...extra);
  const asking = verdict === 'must-list' || verdict === 'review';
  if (verdict === 'review') missing.push(...missingDate);

  // Uncertainty of what was cited.
  const unconfirmed: string[] = [];
  for (const r of reasons) if (r.status === 'unconfirmed') unconfirmed.push(r.citation);
  if (unconfirmed.length > 0) notices.push({ code: 'unconfirmed-basis', params: { citations: unconfirmed.join('；') } });
  const numberless: string[] = [];
  const articleless: string[] = [];
  for (const h of hits.concat(catchalls)) {
    const item = h.compiled.item;
    if (!reasons.some((r) => r.citation === item.citation)) continue;
    if (item.itemNumberConfirmed === false) numberless.push(item.citation);
    if (item.articleNumberConfirmed === false) articleless.push(item.citation);
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

  const j = pack.judgment;
  const checklist = asking
    ? [...j.factors, j.noIntentException].map((f) => ({ id: `art${j.article}/${f.id}`, citation: j.citation, status: f.status, text: f.text }))
    : [];

  return assessment(facts, context, head, verdict, { reasons, missing, checklist, related, publicity, domain });
}

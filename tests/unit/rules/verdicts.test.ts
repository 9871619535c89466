import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseFactsSchema, extractFactsFromRecord, type CaseFacts, type FactValues } from '../../../lib/facts';
import { AGGRAVATIONS, PENALTY_KINDS } from '../../../lib/facts/schema';
import { assess, AssessmentSchema, bundledPacks, type RulePack } from '../../../lib/rules';
import { citations, judge, PACK, TODAY } from './helpers';

const NO_PERMIT = '当事人未取得食品经营许可从事食品销售活动';
const DECIDED: FactValues = { decisionNo: '渝万州市监处字〔2023〕497号', decisionDate: '2023-07-14' };
const codes = (xs: Array<{ code: string }>) => xs.map((x) => x.code);

describe('issue 3 "done means"', () => {
  it('revoking a food business licence for producing without a permit is must-list; a fine at 一般 is not', () => {
    const base = { violation: NO_PERMIT, legalBasis: '依据《中华人民共和国食品安全法》第一百二十二条第一款' };
    const revoked = judge({ ...base, penalty: '没收违法所得5000元，并处罚款5万元，吊销食品经营许可证' });
    expect(revoked.verdict).toBe('must-list');
    expect(citations(revoked)).toEqual(expect.arrayContaining(['order44-2021/art2/2', 'order44-2021/art5/1']));
    expect(revoked.reasons.find((r) => r.citation === 'order44-2021/art2/2')?.evidence).toBe('吊销食品经营许可证');
    expect(revoked.domain).toBe('food');

    const worded = judge({ penalty: '吊销食品经营许可证', violation: '当事人在无《食品经营许可证》的情况下销售食品' });
    expect(citations(worded)).toEqual(['order44-2021/art2/2', 'order44-2021/art5/1']);

    const fined = judge({ ...base, penalty: '罚款5万元', aggravation: '一般' });
    expect(fined.verdict).toBe('not-required');
    expect(fined.reasons[0]).toMatchObject({ citation: 'order44-2021/art2/0', code: 'no-heavier-penalty' });
  });
});

describe('rule 1: no pack in force', () => {
  it('a decision before 2021-09-01 is not-required because the measure was not in force', () => {
    const a = judge({ penalty: '吊销食品经营许可证', violation: NO_PERMIT, decisionDate: '2021-08-31' });
    expect(a).toMatchObject({ verdict: 'not-required', date: '2021-08-31', dateSource: 'decision', pack: null, unlisted: 'no' });
    expect(a.reasons).toEqual([
      expect.objectContaining({
        citation: 'order44-2021/effective-from',
        code: 'not-in-force',
        params: { date: '2021-08-31', effectiveFrom: '2021-09-01', title: '《办法》' },
      }),
    ]);
  });

  it('a decision on 2021-09-01 is judged', () => {
    const a = judge({ penalty: '吊销食品经营许可证', violation: NO_PERMIT, decisionDate: '2021-09-01' });
    expect(a.verdict).toBe('must-list');
    expect(a.pack).toEqual({ id: PACK.id, version: PACK.version, title: PACK.title });
  });

  it('a form without a decision date is judged at today', () => {
    const before = judge({ penalty: '吊销食品经营许可证', violation: NO_PERMIT }, { today: '2021-08-31' });
    expect(before).toMatchObject({ verdict: 'not-required', date: '2021-08-31', dateSource: 'today' });
    const after = judge({ penalty: '吊销食品经营许可证', violation: NO_PERMIT });
    expect(after).toMatchObject({ verdict: 'must-list', date: TODAY, dateSource: 'today' });
    expect(codes(after.notices)).toContain('date-from-today');
  });

  it('a pack past its effectiveTo no longer applies', () => {
    const ended: RulePack = { ...PACK, effectiveTo: '2025-12-31' };
    const record = { penalty: '吊销食品经营许可证', violation: NO_PERMIT };
    expect(judge({ ...record, decisionDate: '2025-12-31' }, {}, { packs: [ended] }).verdict).toBe('must-list');
    const a = judge({ ...record, decisionDate: '2026-01-01' }, {}, { packs: [ended] });
    expect(a.verdict).toBe('not-required');
    expect(a.reasons[0]).toMatchObject({ code: 'pack-expired', params: { effectiveTo: '2025-12-31' } });
  });

  it('with no pack at all it says so', () => {
    const a = assess(extractFactsFromRecord({ penalty: '警告' }), null, { today: TODAY });
    expect(a.verdict).toBe('not-required');
    expect(codes(a.notices)).toContain('no-pack');
    expect(assess(extractFactsFromRecord({ penalty: '警告' }), PACK, { today: TODAY }).pack?.id).toBe(PACK.id);
  });
});

describe('rule 2: insufficient', () => {
  it('when the penalty is empty or unreadable, naming what to fill in', () => {
    const empty = judge({ violation: NO_PERMIT, ...DECIDED, decisionDate: '' });
    expect(empty.verdict).toBe('insufficient');
    expect(empty.missing).toEqual([
      { key: 'penalty', code: 'penalty-empty' },
      { key: 'decisionDate', code: 'decision-date-empty' },
    ]);
    const unreadable = judge({ penalty: '按有关规定处理', criminalTransfer: '是' });
    expect(unreadable.verdict).toBe('insufficient');
    expect(unreadable.missing).toEqual([{ key: 'penalty', code: 'penalty-unrecognised' }]);
    expect(unreadable.reasons[0]).toMatchObject({ code: 'penalty-unreadable', evidence: '按有关规定处理' });
  });
});

describe('rule 3: must-list', () => {
  it('a fine under 从重 with a confirmed item', () => {
    const a = judge({ penalty: '依法从重处罚，罚款20万元', violation: NO_PERMIT });
    expect(a.verdict).toBe('must-list');
    expect(a.reasons[0]).toMatchObject({ citation: 'order44-2021/art2/1', code: 'heavier-penalty' });
    expect(a.reasons[0]?.evidence).toContain('从重处罚');
  });

  it('closure, suspension and restriction (Art. 2 item 3) with a partial item', () => {
    const a = judge({ penalty: '责令停产停业三个月', violation: '使用非食品原料生产食品' });
    expect(a.verdict).toBe('must-list');
    expect(citations(a)).toEqual(['order44-2021/art2/3', 'order44-2021/art5/5']);
  });

  it('lists the Art. 12 checklist and the notice that the tool does not replace it', () => {
    const a = judge({ penalty: '吊销营业执照', violation: NO_PERMIT });
    expect(codes(a.notices)).toContain('art12-judgment');
    expect(a.checklist.map((c) => c.id)).toEqual(expect.arrayContaining(['art12/malice', 'art12/no-intent']));
    expect(a.checklist.every((c) => c.citation === 'order44-2021/art12/0')).toBe(true);
    expect(a.checklist.find((c) => c.id === 'art12/no-intent')?.status).toBe('unconfirmed');
    expect(a.missing).toEqual([]);
  });
});

describe('rule 4: review', () => {
  it('a heavier penalty with only an unconfirmed item', () => {
    const a = judge({ penalty: '吊销食品经营许可证', violation: '经营病死猪肉' });
    expect(a.verdict).toBe('review');
    expect(a.reasons.find((r) => r.citation === 'order44-2021/art5/8')?.status).toBe('unconfirmed');
  });

  it('a heavier penalty with only a catch-all', () => {
    const a = judge({ penalty: '吊销食品经营许可证', violation: '销售腐败变质食品' });
    expect(a.verdict).toBe('review');
    expect(citations(a)).toContain('order44-2021/art5/catchall');
  });

  it('a heavier penalty with no item, asking for the violation and the basis', () => {
    const a = judge({ penalty: '责令关闭', violation: '当事人违法经营' });
    expect(a.verdict).toBe('review');
    expect(codes(a.notices)).toContain('no-domain-item');
    expect(a.missing).toEqual([
      { key: 'violation', code: 'violation-unmatched' },
      { key: 'legalBasis', code: 'legal-basis-empty' },
    ]);
  });

  it('a fine of unstated discretion with a confirmed item, asking for the level', () => {
    const a = judge({ penalty: '罚款5万元', violation: NO_PERMIT });
    expect(a.verdict).toBe('review');
    expect(a.reasons[0]).toMatchObject({ citation: 'order44-2021/art2/1', code: 'fine-discretion-unstated' });
    expect(a.missing).toEqual([{ key: 'aggravation', code: 'aggravation-unstated' }]);
  });

  it('a penalty that may be heavier under Art. 2 item 4', () => {
    const a = judge({ penalty: '撤销市场主体登记', violation: '提交虚假材料取得营业执照' });
    expect(a.verdict).toBe('review');
    expect(a.reasons[0]).toMatchObject({ citation: 'order44-2021/art2/4', code: 'heavier-penalty-possible' });
  });

  it('a criminal transfer', () => {
    const a = judge({ penalty: '罚款1万元', aggravation: '一般', criminalTransfer: '已移送公安机关' });
    expect(a.verdict).toBe('review');
    expect(a.reasons).toEqual([expect.objectContaining({ citation: 'order44-2021/criminal-transfer', status: 'partial' })]);
  });
});

describe('rule 5: not-required', () => {
  it.each<[string, FactValues]>([
    ['a warning', { penalty: '警告', violation: NO_PERMIT }],
    ['a fine at 一般', { penalty: '罚款5万元', aggravation: '一般', violation: NO_PERMIT }],
    ['a fine at 从轻', { penalty: '依法从轻处罚，罚款2万元', violation: NO_PERMIT }],
    ['a fine at 减轻', { penalty: '罚款1万元', aggravation: '减轻处罚', violation: NO_PERMIT }],
    ['no penalty', { penalty: '不予行政处罚', violation: NO_PERMIT }],
    ['a fine of unstated discretion without a settled item', { penalty: '罚款5万元', violation: '经营病死猪肉' }],
    ['confiscation and a warning', { penalty: '警告，没收违法所得3000元', violation: NO_PERMIT }],
  ])('%s', (_, record) => {
    const a = judge(record);
    expect(a.verdict).toBe('not-required');
    expect(a.reasons[0]?.citation).toBe('order44-2021/art2/0');
    expect(a.checklist).toEqual([]);
    expect(codes(a.notices)).not.toContain('art12-judgment');
  });
});

describe('应列未列', () => {
  const MUST = { penalty: '吊销食品经营许可证', violation: NO_PERMIT };
  const REVIEW = { penalty: '吊销食品经营许可证', violation: '经营病死猪肉' };

  it('a draft never shows it', () => {
    expect(judge(MUST).unlisted).toBe('no');
    expect(judge({ ...MUST, decisionNo: '万州市监处字〔2023〕 号' }).unlisted).toBe('no');
  });

  it('a decided case without a listing decision shows it: yes for must-list, possible for review', () => {
    expect(judge({ ...MUST, ...DECIDED }).unlisted).toBe('yes');
    expect(judge({ ...MUST, decisionNo: DECIDED.decisionNo }).unlisted).toBe('yes');
    expect(judge({ ...MUST, decisionDate: '2023-07-14' }).unlisted).toBe('yes');
    expect(judge({ ...REVIEW, ...DECIDED }).unlisted).toBe('possible');
    expect(judge({ penalty: '警告', ...DECIDED }).unlisted).toBe('no');
  });

  it('a read-only view counts as decided', () => {
    expect(judge(MUST, {}, { readOnlyView: true }).unlisted).toBe('yes');
  });

  it('a listing decision of 是 or a party already listed clears it; 否 does not', () => {
    expect(judge({ ...MUST, ...DECIDED, listingDecision: '是' }).unlisted).toBe('no');
    expect(judge({ ...MUST, ...DECIDED, listingDecision: '否' }).unlisted).toBe('yes');
    expect(judge({ ...MUST, ...DECIDED, listingDecision: '未列入' }).unlisted).toBe('yes');
    const listed = judge({ ...MUST, ...DECIDED }, { partyOnSeriousList: true });
    expect(listed.unlisted).toBe('no');
    expect(codes(listed.notices)).toContain('party-on-serious-list');
  });

  it('a listing made after the decision, for this case, clears it without saying the party was listed at the time', () => {
    const listedLater = judge({ ...MUST, ...DECIDED }, { partyOnSeriousList: false, caseListed: true });
    expect(listedLater.unlisted).toBe('no');
    expect(listedLater.verdict).toBe('must-list');
    expect(codes(listedLater.notices)).not.toContain('party-on-serious-list');
  });
});

describe('related provisions and notices', () => {
  it('the legal-representative restriction after revoking a business licence or closure, for companies', () => {
    const a = judge({ penalty: '吊销营业执照', violation: NO_PERMIT, partyName: '某某食品有限公司' });
    expect(a.related[0]).toMatchObject({
      citation: 'company-law-2023/art178/4',
      code: 'legal-rep-restriction',
      params: {
        penalties: '吊销营业执照',
        source: '《中华人民共和国公司法》（2023年修订）第一百七十八条第一款第（四）项',
        alsoCited: '《中华人民共和国市场主体登记管理条例》第十二条第（四）项',
      },
      evidence: '吊销营业执照',
    });
    expect(judge({ penalty: '责令关闭' }).related.map((r) => r.citation)).toContain('company-law-2023/art178/4');
    expect(judge({ penalty: '吊销食品经营许可证' }).related.map((r) => r.citation)).not.toContain('company-law-2023/art178/4');
    expect(judge({ penalty: '吊销营业执照', partyKind: '个体工商户' }).related).toEqual([]);
  });

  it('the listing procedure beside a must-list verdict', () => {
    const draft = judge({ penalty: '吊销食品经营许可证', violation: NO_PERMIT });
    expect(draft.related.map((r) => r.code)).toEqual(['announce-with-penalty', 'upper-level-consent', 'listing-period']);
    const decided = judge({ penalty: '吊销食品经营许可证', violation: NO_PERMIT, ...DECIDED });
    expect(decided.related.map((r) => r.code)).toEqual(['upper-level-consent', 'listing-period']);
    expect(decided.related[1]).toMatchObject({ params: { years: 3, earlyYears: 1 }, status: 'partial' });
  });

  it('the notification-commitment exclusion on a licensing form of a listed party', () => {
    const facts = extractFactsFromRecord({ partyName: '某公司', approvalMode: '告知承诺制' });
    const a = assess(facts, bundledPacks, { today: TODAY, partyOnSeriousList: true });
    expect(codes(a.notices)).toEqual(expect.arrayContaining(['party-on-serious-list', 'commitment-not-applicable']));
  });

  it('fact problems and uncertain item numbers become notices', () => {
    const a = judge({ penalty: '吊销食品经营许可证', violation: NO_PERMIT, decisionDate: '2023年13月1日' });
    expect(a.notices).toContainEqual({ code: 'problem-date-unparseable', params: { key: 'decisionDate', value: '2023年13月1日' } });
    expect(a.notices).toContainEqual({ code: 'item-number-unconfirmed', params: { citations: 'order44-2021/art5/1' } });
    const art8 = judge({ penalty: '吊销营业执照', violation: '加油站使用作弊的计量器具' });
    expect(codes(art8.notices)).toContain('article-number-unconfirmed');
  });
});

describe('publicity', () => {
  const SHANGHAI = { individual: 5000, organisation: 50000, inclusive: true };
  const GUIZHOU = { individual: 5000, organisation: 50000, inclusive: false };
  const pub = (record: FactValues, lowerAmountFine: typeof SHANGHAI | null = SHANGHAI) =>
    judge(record, { settings: { lowerAmountFine } }).publicity;

  it('a lower-amount fine stops showing after 3 months, by the province threshold', () => {
    expect(pub({ penalty: '罚款5000元', partyKind: '自然人' })).toEqual({
      code: 'publicity-short-fine',
      params: { months: 3, fine: 5000, category: 'individual', comparison: '≤', threshold: 5000 },
    });
    expect(pub({ penalty: '罚款5000元', partyKind: '自然人' }, GUIZHOU)?.code).toBe('publicity-long');
    expect(pub({ penalty: '罚款5万元', partyKind: '企业' })?.code).toBe('publicity-short-fine');
    expect(pub({ penalty: '罚款6万元', partyKind: '企业' })?.code).toBe('publicity-long');
    expect(pub({ penalty: '罚款4000余元', partyKind: '企业' })?.code).toBe('publicity-fine-unknown');
  });

  it('says when the threshold or the party kind is missing', () => {
    expect(pub({ penalty: '罚款5000元', partyKind: '自然人' }, null)?.code).toBe('publicity-threshold-unset');
    expect(pub({ penalty: '罚款5000元' })?.code).toBe('publicity-party-kind-unknown');
  });

  it('other penalties show for 3 years, repairable after 6 months or 1 year in food, drugs, special equipment', () => {
    expect(pub({ penalty: '没收违法所得1万元', legalBasis: '《产品质量法》第五十条' })).toEqual({
      code: 'publicity-long',
      params: { months: 36, repairMonths: 6 },
    });
    expect(pub({ penalty: '没收违法所得1万元', legalBasis: '《食品安全法》第一百二十四条' })?.params.repairMonths).toBe(12);
    expect(pub({ penalty: '吊销食品经营许可证' })).toEqual({ code: 'publicity-long-fixed', params: { months: 36 } });
  });

  it('a warning alone is not published; criticism alone is short; nothing imposed, nothing to say', () => {
    expect(pub({ penalty: '警告' })?.code).toBe('publicity-not-published');
    expect(pub({ penalty: '通报批评' })).toEqual({ code: 'publicity-short', params: { months: 3 } });
    expect(pub({ penalty: '不予行政处罚' })).toBeNull();
  });
});

describe('properties', () => {
  const text = fc.string({ maxLength: 12 });
  const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  const money = fc.record({ yuan: fc.double({ noNaN: true, noDefaultInfinity: true }), approximate: fc.boolean(), text, index: fc.nat() });
  const citation = fc.record({ law: text, article: fc.integer({ min: 1, max: 500 }), text });
  const facts: fc.Arbitrary<CaseFacts> = fc.record({
    formKind: fc.constantFrom('penalty', 'licensing', 'inspection', 'other'),
    readOnlyView: fc.boolean(),
    decided: fc.boolean(),
    decisionNo: nullable(fc.record({ raw: text, folded: text })),
    caseNo: nullable(text),
    caseId: nullable(text),
    party: fc.record({
      name: nullable(text),
      normalizedName: nullable(text),
      code: nullable(text),
      codeCheck: fc.constant(null),
      idNumber: nullable(text),
      kind: fc.constantFrom('enterprise', 'individual-business', 'natural-person', 'unknown'),
    }),
    penalties: fc.array(fc.record({ kind: fc.constantFrom(...PENALTY_KINDS), text }), { maxLength: 4 }),
    penaltyReadable: fc.boolean(),
    fine: nullable(money),
    confiscation: nullable(money),
    aggravation: fc.constantFrom(...AGGRAVATIONS),
    aggravationText: nullable(text),
    legalBasis: fc.array(citation, { maxLength: 3 }),
    violatedProvisions: fc.array(citation, { maxLength: 2 }),
    violation: nullable(fc.oneof(text, fc.constantFrom(NO_PERMIT, '销售假药', '拒不履行行政处罚决定'))),
    caseCause: nullable(text),
    domain: nullable(fc.constantFrom('food', 'drug', 'quality', 'consumer', 'competition', 'other')),
    domainSource: nullable(fc.constantFrom('laws', 'field', 'keywords')),
    domainDoubtful: fc.boolean(),
    repairSector: nullable(fc.constantFrom('food', 'drug', 'special-equipment')),
    criminalTransfer: nullable(fc.boolean()),
    listingDecision: nullable(fc.constantFrom('yes', 'no')),
    decisionDate: nullable(fc.oneof(text, fc.constantFrom('2021-08-31', '2021-09-01', '2024-05-06'))),
    authority: nullable(text),
    approvalMode: nullable(fc.constantFrom('commitment', 'ordinary')),
    fields: fc.constant({}),
    problems: fc.constant([]),
  });
  const lower = nullable(fc.record({ individual: fc.nat(), organisation: fc.nat(), inclusive: fc.boolean() }));

  it('the arbitraries produce valid facts', () => {
    fc.assert(
      fc.property(facts, (f) => void CaseFactsSchema.parse(f)),
      { numRuns: 50 },
    );
  });

  it('assess is total and its result matches the schema', () => {
    fc.assert(
      fc.property(facts, fc.boolean(), lower, (f, listed, lowerAmountFine) => {
        const a = assess(f, bundledPacks, { today: '2024-05-06', partyOnSeriousList: listed, settings: { lowerAmountFine } });
        AssessmentSchema.parse(a);
      }),
      { numRuns: 400 },
    );
  });

  it('a draft never shows 应列未列, and 应列未列 follows the verdict', () => {
    fc.assert(
      fc.property(facts, fc.boolean(), (f, listed) => {
        const a = assess(f, bundledPacks, { today: '2024-05-06', partyOnSeriousList: listed });
        if (!f.decided || listed || f.listingDecision === 'yes') expect(a.unlisted).toBe('no');
        if (a.unlisted === 'yes') expect(a.verdict).toBe('must-list');
        if (a.unlisted === 'possible') expect(a.verdict).toBe('review');
      }),
      { numRuns: 400 },
    );
  });

  it('must-list always rests on a heavier penalty and a confirmed or partial item', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const a = assess(f, bundledPacks, { today: '2024-05-06' });
        if (a.verdict !== 'must-list') return;
        expect(a.reasons.some((r) => r.code === 'heavier-penalty' && r.citation.startsWith('order44-2021/art2/'))).toBe(true);
        expect(a.reasons.some((r) => r.code === 'domain-item' && r.status !== 'unconfirmed')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

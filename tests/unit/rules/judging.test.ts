import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFactsFromRecord, type CaseFacts, type FactValues } from '../../../lib/facts';
import { assess, bundledPacks, type Assessment, type RulePack, type Verdict } from '../../../lib/rules';
import { citations, judge, PACK } from './helpers';

// Issue 11: dates as intervals, discretion from more than one word, penalties as real decisions write them, and
// the paths of a court judgment and of 从重 without the penalty named.

const NO_PERMIT = '当事人未取得食品经营许可从事食品销售活动';
const codes = (xs: Array<{ code: string }>) => xs.map((x) => x.code);
const REVOKED = { penalty: '吊销食品经营许可证', violation: NO_PERMIT };

describe('dates known only to the month or the year', () => {
  it('a month wholly before Order 44 is judged as before it, and never raises 应列未列', () => {
    const a = judge({ ...REVOKED, decisionDate: '2016年10月', decisionNo: '某市监处〔2016〕12号' });
    expect(a).toMatchObject({ verdict: 'not-required', unlisted: 'no', pack: null, date: '2016-10-01/2016-10-31' });
    expect(a.period).toEqual({ from: '2016-10-01', to: '2016-10-31', precision: 'month', source: 'date' });
    expect(a.reasons[0]).toMatchObject({ code: 'not-in-force', citation: 'order44-2021/effective-from' });
    expect(codes(a.notices)).toContain('date-partial');
    expect(codes(a.notices)).not.toContain('date-from-today');
  });

  it('a year across the effective date gives review, names the missing day, and never 应列未列', () => {
    const a = judge({ ...REVOKED, decisionDate: '2021年', decisionNo: '某市监处〔2021〕12号' });
    expect(a).toMatchObject({ verdict: 'review', unlisted: 'no', date: '2021-01-01/2021-12-31' });
    expect(a.reasons[0]).toMatchObject({
      code: 'date-straddles',
      citation: 'order44-2021/effective-from',
      params: { date: '2021-01-01/2021-12-31', effectiveFrom: '2021-09-01', precision: 'year' },
    });
    expect(citations(a)).toEqual(expect.arrayContaining(['order44-2021/art2/2', 'order44-2021/art5/1']));
    expect(a.missing[0]).toEqual({ key: 'decisionDate', code: 'decision-day-missing' });
  });

  it('across the effective date a case no pack would list stays not-required', () => {
    expect(judge({ penalty: '警告', decisionDate: '2021年' }).verdict).toBe('not-required');
  });

  it('a month wholly after the effective date is judged under the pack', () => {
    const a = judge({ ...REVOKED, decisionDate: '2021年9月', decisionNo: '某市监处〔2021〕12号' });
    expect(a).toMatchObject({ verdict: 'must-list', unlisted: 'yes', pack: { id: 'order44-2021' } });
  });

  it('without any date, the year of the decision number dates the decision', () => {
    const old = judge({ ...REVOKED, decisionNo: '某市监处〔2019〕12号' });
    expect(old).toMatchObject({ verdict: 'not-required', unlisted: 'no' });
    expect(codes(old.notices)).toContain('date-from-decision-number');
    expect(judge({ ...REVOKED, decisionNo: '某市监处〔2023〕12号' })).toMatchObject({ verdict: 'must-list', unlisted: 'yes' });
    // A full date always wins over the number's year.
    expect(judge({ ...REVOKED, decisionNo: '某市监处〔2019〕12号', decisionDate: '2022-03-01' }).verdict).toBe('must-list');
  });

  it('between two packs, the verdict of each; review when they differ', () => {
    const ended: RulePack = { ...PACK, effectiveTo: '2026-06-30' };
    const revised: RulePack = { ...PACK, id: 'order44-2026', version: '2.0.0', effectiveFrom: '2026-07-01' };
    const a = judge({ ...REVOKED, decisionDate: '2026年' }, {}, { packs: [ended, revised] });
    expect(a.verdict).toBe('must-list');
    const alone = judge({ ...REVOKED, decisionDate: '2026年' }, {}, { packs: [ended] });
    expect(alone).toMatchObject({ verdict: 'review', unlisted: 'no' });
  });

  it('no decision made before 2021-09-01 raises 应列未列, however it is dated', () => {
    const day = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2021-08-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const written = day.chain((iso) => {
      const [y, m] = iso.split('-').map(Number) as [number, number];
      return fc.constantFrom(iso, `${y}年${m}月`, ...(y < 2021 ? [`${y}年`, `${y}`] : []));
    });
    const penalty = fc.constantFrom('吊销食品经营许可证', '依法从重处罚，罚款20万元', '罚款5万元', '责令停产停业', '撤销气瓶充装资格');
    fc.assert(
      fc.property(written, penalty, fc.boolean(), (decisionDate, p, withNumber) => {
        const record: FactValues = { penalty: p, violation: NO_PERMIT, decisionDate };
        if (withNumber) record.decisionNo = `某市监处〔${decisionDate.slice(0, 4)}〕1号`;
        expect(judge(record, { today: '2026-12-03' }).unlisted).toBe('no');
      }),
      { numRuns: 300 },
    );
  });
});

describe('penalties as written', () => {
  it('撤销/取消 a qualification is Art. 2 item 2 at the status of that wording (partial)', () => {
    const a = judge({ penalty: '撤销当事人气瓶充装资格', violation: NO_PERMIT });
    expect(a.verdict).toBe('must-list');
    expect(a.reasons[0]).toMatchObject({ citation: 'order44-2021/art2/2', status: 'partial', params: { writtenAs: expect.any(String) } });
    expect(a.reasons[0]!.evidence).toBe('撤销当事人气瓶充装资格');
    // 吊销 beside it keeps the item's own status.
    expect(judge({ penalty: '吊销食品经营许可证，撤销…资格', violation: NO_PERMIT }).reasons[0]!.status).toBe('confirmed');
  });

  it('a 罚没 amount under an explicit 从重 is a fine under the aggravated principle', () => {
    const a = judge({ penalty: '依法从重处罚，罚没140余万元', violation: '加油机主板被改动，使用以欺骗消费者为目的的计量器具' });
    expect(a.verdict).toBe('must-list');
    expect(a.reasons[0]).toMatchObject({ citation: 'order44-2021/art2/1', code: 'heavier-penalty' });
    expect(a.reasons[0]!.evidence).toContain('罚没140余万元');
  });

  it('从重 with the penalty not named asks for review and for the penalty, never insufficient', () => {
    const a = judge({ penalty: '对当事人予以从重处罚', violation: '生产、销售不符合强制性国家标准的健身器材' });
    expect(a.verdict).toBe('review');
    expect(a.reasons[0]).toMatchObject({ citation: 'order44-2021/art2/1', code: 'heavier-penalty-unnamed' });
    expect(a.missing).toContainEqual({ key: 'penalty', code: 'penalty-kind-unstated' });
  });

  it('a criminal judgment is a path of its own: review, at its status', () => {
    const a = judge({ penalty: '犯销售有毒、有害食品罪，被人民法院判处有期徒刑二年', partyKind: '自然人' });
    expect(a.verdict).toBe('review');
    expect(a.reasons).toContainEqual(
      expect.objectContaining({ citation: 'order44-2021/court-judgment', status: 'partial', code: 'court-judgment' }),
    );
    expect(judge({ penalty: '罚款1万元', aggravation: '一般', violation: '经查，人民法院生效判决已认定其犯罪事实' }).verdict).toBe(
      'review',
    );
  });
});

describe('a fine of unstated level', () => {
  it('with a sign of aggravation in the facts gives review even on a catch-all, naming the sign and what settles it', () => {
    const a = judge({
      penalty: '依法对当事人处以罚款',
      legalBasis: '《食品安全法》《学校食品安全与营养健康管理规定》',
      violation: '学校食堂未落实食品安全制度；当事人已因同类问题受到行政处罚，存在屡禁不止、屡罚不改情形',
    });
    expect(a.verdict).toBe('review');
    const sign = a.reasons.find((r) => r.code === 'aggravation-sign')!;
    expect(sign).toMatchObject({ citation: 'order44-2021/art12/0', params: { factor: '违法频次' } });
    expect(sign.evidence).toMatch(/屡禁不止|受到行政处罚/);
    expect(citations(a)).toContain('order44-2021/art5/catchall');
    expect(a.missing).toContainEqual({ key: 'aggravation', code: 'aggravation-unstated-signs' });
  });

  it.each([['曾因销售过期食品受到行政处罚'], ['当事人拒不改正'], ['两年内再次销售不合格食品'], ['当事人知而故犯']])(
    '%s is a sign of aggravation',
    (violation) => {
      const a = judge({ penalty: '罚款2万元', legalBasis: '《食品安全法》第一百二十六条', violation });
      expect(a.verdict).toBe('review');
      expect(codes(a.reasons)).toContain('aggravation-sign');
    },
  );

  it('a negated sign is none', () => {
    const a = judge({
      penalty: '罚款2万元',
      legalBasis: '《食品安全法》第一百二十六条第一款',
      violation: '当事人此前未曾因违法行为受到行政处罚',
    });
    expect(a.verdict).toBe('not-required');
  });

  it('at the top of the statutory range gives review; at its floor, not-required even with a settled item', () => {
    const top = judge({
      penalty: '罚款10万元',
      legalBasis: '《食品安全法》第一百二十二条第一款',
      violation: `${NO_PERMIT}，货值金额2000元`,
    });
    expect(top.verdict).toBe('review');
    expect(top.reasons).toContainEqual(expect.objectContaining({ code: 'fine-top-of-range', citation: 'food-safety-law-2021/art122/1' }));
    const floor = judge({
      penalty: '罚款5万元',
      legalBasis: '《食品安全法》第一百二十二条第一款',
      violation: `${NO_PERMIT}，货值金额2000元`,
    });
    expect(floor.verdict).toBe('not-required');
    expect(floor.reasons[0]).toMatchObject({ code: 'fine-at-floor', status: 'confirmed' });
    const below = judge({
      penalty: '罚款2万元',
      legalBasis: '《食品安全法》第一百二十二条第一款',
      violation: `${NO_PERMIT}，货值金额2000元`,
    });
    expect(below.verdict).toBe('not-required');
    expect(codes(below.reasons)).toContain('fine-below-range');
  });

  it('an ordinary fine with no sign stays not-required', () => {
    expect(
      judge({ penalty: '罚款3万元', legalBasis: '《食品安全法》第一百二十六条第一款', violation: '未按规定查验供货者许可证' }).verdict,
    ).toBe('not-required');
  });

  it('a stated level settles it, whatever the signs', () => {
    const a = judge({ penalty: '罚款5万元', aggravation: '一般', legalBasis: '《食品安全法》第一百二十六条第一款', violation: '屡罚不改' });
    expect(a.verdict).toBe('not-required');
  });
});

describe('the verdict never gets weaker when a heavier fact is added', () => {
  const RANK: Record<Verdict, number> = { 'not-required': 0, insufficient: 0, review: 1, 'must-list': 2 };
  const violations = [
    NO_PERMIT,
    '经营病死猪肉',
    '销售腐败变质食品',
    '当事人违法经营',
    '发布保健食品虚假广告',
    '提交虚假材料取得营业执照',
    '',
  ];
  const penalties = ['警告', '罚款5万元', '没收违法所得3000元', '罚款5000元', '通报批评', ''];
  const bases = ['《食品安全法》第一百二十六条第一款', '《食品安全法》第一百二十二条', '《广告法》第五十五条', ''];
  const dates = ['2024-05-06', '2021年', '2016年10月', '', '2021-08-31'];
  const heavier = [
    (r: FactValues): FactValues => ({ ...r, penalty: `${r.penalty ?? ''}，吊销许可证` }),
    (r: FactValues): FactValues => ({ ...r, penalty: `${r.penalty ?? ''}，责令停产停业` }),
    (r: FactValues): FactValues => ({ ...r, penalty: `${r.penalty ?? ''}，撤销其充装资格` }),
    (r: FactValues): FactValues => ({ ...r, aggravation: '从重' }),
    (r: FactValues): FactValues => ({ ...r, violation: `${r.violation ?? ''}；当事人屡罚不改` }),
    (r: FactValues): FactValues => ({ ...r, criminalTransfer: '已移送公安机关' }),
    (r: FactValues): FactValues => ({ ...r, violation: `${r.violation ?? ''}；有履行能力但拒不履行处罚决定` }),
  ];
  const record = fc.record({
    penalty: fc.constantFrom(...penalties),
    violation: fc.constantFrom(...violations),
    legalBasis: fc.constantFrom(...bases),
    decisionDate: fc.constantFrom(...dates),
  });
  const verdictOf = (r: FactValues): Assessment => judge(r, { today: '2026-12-03' });

  it('adding a heavier penalty, 从重, a sign of aggravation, a transfer or a refusal to perform', () => {
    fc.assert(
      fc.property(record, fc.constantFrom(...heavier), (r, add) => {
        const before = verdictOf(r);
        const after = verdictOf(add(r));
        if (before.verdict === 'insufficient') return; // nothing was read yet
        expect(RANK[after.verdict], `${JSON.stringify(r)}: ${before.verdict} → ${after.verdict}`).toBeGreaterThanOrEqual(
          RANK[before.verdict],
        );
      }),
      { numRuns: 500 },
    );
  });

  it('on facts of any shape: a heavier penalty kind or 从重 never weakens the verdict', () => {
    const facts = (r: FactValues): CaseFacts => extractFactsFromRecord(r);
    fc.assert(
      fc.property(
        record,
        fc.constantFrom('RevokePermit', 'SuspendBusiness', 'OrderClosure', 'LowerQualification') as fc.Arbitrary<
          CaseFacts['penalties'][number]['kind']
        >,
        (r, kind) => {
          const f = facts(r);
          const before = assess(f, bundledPacks, { today: '2026-12-03' });
          if (before.verdict === 'insufficient') return;
          const g: CaseFacts = { ...f, penalties: [...f.penalties, { kind, text: '加重' }], penaltyReadable: true };
          const after = assess(g, bundledPacks, { today: '2026-12-03' });
          expect(RANK[after.verdict]).toBeGreaterThanOrEqual(RANK[before.verdict]);
          const h: CaseFacts = { ...f, aggravation: '从重', aggravationText: '从重处罚' };
          expect(RANK[assess(h, bundledPacks, { today: '2026-12-03' }).verdict]).toBeGreaterThanOrEqual(RANK[before.verdict]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('signs of aggravation are read from the facts, not from the statute quoted in the basis', () => {
  it('拒不改正 quoted from 食品安全法 Art. 126 in the basis is no sign', () => {
    const basis = '《食品安全法》第一百二十六条第一款：……责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款';
    expect(judge({ penalty: '罚款2万元', legalBasis: basis, violation: '未按规定查验供货者许可证' }).verdict).toBe('not-required');
    expect(judge({ penalty: '罚款2万元', legalBasis: basis, violation: '经责令改正，当事人拒不改正' }).verdict).toBe('review');
  });
});

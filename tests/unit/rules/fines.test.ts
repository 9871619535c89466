import { describe, expect, it } from 'vitest';
import { extractFactsFromRecord, type FactValues } from '../../../lib/facts';
import { fineRanges, FineRangesSchema, fineSigns, signStatus } from '../../../lib/rules/fines';
import { CITATION_RE } from '../../../lib/rules';

const signs = (record: FactValues, date = '2024-05-06') => fineSigns(extractFactsFromRecord(record), date, fineRanges);
const kinds = (record: FactValues, date?: string) => signs(record, date).map((s) => s.kind);

describe('the fine-range table (rules/fine-ranges.json)', () => {
  it('is valid, cites every entry in the documented grammar, and gives each one the text it comes from', () => {
    expect(FineRangesSchema.safeParse(fineRanges).success).toBe(true);
    expect(fineRanges.topShare).toBe(0.2);
    for (const e of fineRanges.entries) {
      expect(e.citation).toMatch(CITATION_RE);
      expect(e.wordingKind, e.citation).toBe('verbatim');
      expect(fineRanges.sources[e.law]?.read, e.citation).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // The wording is the statute's: it names the amounts or multiples the branches hold.
      expect(e.wording, e.citation).toMatch(/罚款|处罚/);
    }
  });

  it('covers the articles issue 11 names, the most cited first', () => {
    const has = (law: string, article: number) => fineRanges.entries.some((e) => e.law === law && e.article === article);
    for (const a of [122, 123, 124, 125, 126]) expect(has('食品安全法', a), `食品安全法 ${a}`).toBe(true);
    for (const a of [55, 57, 58]) expect(has('广告法', a), `广告法 ${a}`).toBe(true);
    for (const a of [49, 50, 51, 52, 53, 54]) expect(has('产品质量法', a), `产品质量法 ${a}`).toBe(true);
    for (const a of [39, 40, 42]) expect(has('价格法', a), `价格法 ${a}`).toBe(true);
    for (const a of [18, 19, 20, 21, 22, 23, 24]) expect(has('反不正当竞争法', a), `反不正当竞争法 ${a}`).toBe(true);
    for (let a = 74; a <= 90; a++) expect(has('特种设备安全法', a), `特种设备安全法 ${a}`).toBe(true);
    expect(has('计量法实施细则', 48)).toBe(true);
    expect(has('认证认可条例', 66)).toBe(true);
  });

  it('rejects a branch that is neither a fixed range nor a multiple', () => {
    const broken = structuredClone(fineRanges);
    broken.entries[0]!.branches = [{ min: 1 }] as never;
    expect(FineRangesSchema.safeParse(broken).success).toBe(false);
  });
});

describe('fineSigns', () => {
  const FOOD_126 = '《中华人民共和国食品安全法》第一百二十六条第一款';

  it('a fine at the maximum or in the top fifth is a sign of 从重; at the floor it was not aggravated', () => {
    expect(kinds({ penalty: '罚款5万元', legalBasis: FOOD_126 })).toEqual(['top-of-range']);
    expect(kinds({ penalty: '罚款4.2万元', legalBasis: FOOD_126 })).toEqual(['top-of-range']);
    expect(kinds({ penalty: '罚款3万元', legalBasis: FOOD_126 })).toEqual([]);
    expect(kinds({ penalty: '罚款5000元', legalBasis: FOOD_126 })).toEqual(['at-floor']);
    expect(kinds({ penalty: '罚款3000元', legalBasis: FOOD_126 })).toEqual(['below-range']);
    const [sign] = signs({ penalty: '罚款5万元', legalBasis: FOOD_126 });
    expect(sign).toMatchObject({ min: 5000, max: 50000, entry: { citation: 'food-safety-law-2021/art126/1' } });
  });

  it('weighs a range on goods value only when the facts state it', () => {
    const basis = '《食品安全法》第一百二十四条第一款';
    expect(kinds({ penalty: '罚款10万元', legalBasis: basis })).toEqual([]);
    expect(kinds({ penalty: '罚款10万元', legalBasis: basis, violation: '涉案食品货值金额3200元' })).toEqual(['top-of-range']);
    // 货值金额1万元以上: ten to twenty times; 22万 is in the top fifth of 12万–24万, 19万 is not.
    expect(kinds({ penalty: '罚款22万元', legalBasis: basis, violation: '货值金额1.2万元' })).toEqual(['top-of-range']);
    expect(kinds({ penalty: '罚款19万元', legalBasis: basis, violation: '货值金额1.2万元' })).toEqual([]);
    expect(kinds({ penalty: '罚款12万元', legalBasis: basis, violation: '货值金额1.2万元' })).toEqual(['at-floor']);
    expect(kinds({ penalty: '罚款8万元', legalBasis: basis, violation: '货值金额1.2万元' })).toEqual(['below-range']);
  });

  it('a fine only the serious branch allows is a sign of 从重', () => {
    const basis = '《反不正当竞争法》第二十三条';
    expect(kinds({ penalty: '罚款200万元', legalBasis: basis })).toEqual(['serious-branch']);
    expect(kinds({ penalty: '罚款50万元', legalBasis: basis })).toEqual(['top-of-range']);
    expect(kinds({ penalty: '罚款20万元', legalBasis: basis })).toEqual([]);
  });

  it('needs the version of the law in force on the decision date', () => {
    const record = { penalty: '罚款200万元', legalBasis: '《反不正当竞争法》第二十三条' };
    expect(kinds(record, '2025-10-14')).toEqual(['serious-branch']);
    expect(kinds(record, '2025-10-15')).toEqual([]);
    expect(kinds({ penalty: '罚款5万元', legalBasis: FOOD_126 }, '2020-06-01')).toEqual([]);
  });

  it('a citation without its paragraph counts only when every paragraph agrees', () => {
    // 第一百二十二条: ¶1 (no permit, on goods value) and ¶2 (5万–10万); without the paragraph ¶1 is unsettled.
    expect(kinds({ penalty: '罚款10万元', legalBasis: '《食品安全法》第一百二十二条' })).toEqual([]);
    expect(kinds({ penalty: '罚款10万元', legalBasis: '《食品安全法》第一百二十二条第二款' })).toEqual(['top-of-range']);
  });

  it('does not weigh a combined 罚没 amount, nor an approximate amount below the floor', () => {
    expect(kinds({ penalty: '罚没5万元', legalBasis: FOOD_126 })).toEqual([]);
    expect(kinds({ penalty: '罚款3000余元', legalBasis: FOOD_126 })).toEqual([]);
    // …but an approximate amount is a lower bound: 4.5万余元 is in the top fifth whatever it is exactly.
    expect(kinds({ penalty: '罚款4.5万余元', legalBasis: FOOD_126 })).toEqual(['top-of-range']);
  });

  it('uses the confiscated illegal gains as the base when the facts state none', () => {
    const basis = '《价格法》第三十九条';
    expect(kinds({ penalty: '没收违法所得1万元，罚款5万元', legalBasis: basis })).toEqual(['top-of-range']);
    expect(kinds({ penalty: '没收违法所得1万元，罚款2万元', legalBasis: basis })).toEqual([]);
  });
});

describe('fineSigns, floors and duties', () => {
  it('a fine below the floor of every branch is 减轻 even when the base is not stated', () => {
    // 食品安全法 122 ¶1: 5万 floor below 1万 of goods, ten times the goods (≥ 10万) above: 1万 is below both.
    expect(kinds({ penalty: '罚款1万元', legalBasis: '《食品安全法》第一百二十二条第一款' })).toEqual(['below-range']);
    // 药品管理法 116: fifteen times the goods, counted as at least 10万: the floor is 150万.
    expect(kinds({ penalty: '罚款3万元', legalBasis: '《药品管理法》第一百一十六条' })).toEqual(['below-range']);
    expect(kinds({ penalty: '罚款200万元', legalBasis: '《药品管理法》第一百一十六条' })).toEqual([]);
  });

  it('in the bottom fifth of a settled range: not aggravated, at the status of that rule (partial)', () => {
    const [sign] = signs({ penalty: '罚款21万元', legalBasis: '《反不正当竞争法》第二十条第一款' }, '2023-01-05');
    expect(sign).toMatchObject({ kind: 'bottom-of-range', min: 200000, max: 1000000 });
    expect(signStatus(sign!, fineRanges)).toBe('partial');
    expect(fineRanges.bottom.sources.length).toBeGreaterThan(0);
  });

  it('a case citing only the duty breached is weighed against the article that punishes it', () => {
    const record = { penalty: '罚款21万元', violation: '组织刷单，违反《反不正当竞争法》第八条第二款' };
    expect(kinds(record, '2023-01-05')).toEqual(['bottom-of-range']);
    expect(kinds({ penalty: '罚款3万元', violation: '销售假药，违反《药品管理法》第九十八条' })).toEqual(['below-range']);
  });
});

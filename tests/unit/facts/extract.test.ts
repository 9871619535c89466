import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseFactsSchema, extractFacts, extractFactsFromRecord, missingCoreKeys, type FactValues } from '../../../lib/facts';
import { LOGICAL_KEYS, type LogicalKey } from '../../../lib/facts/keys';
import type { FieldSnapshot } from '../../../lib/form/types';
import { makeValidUscc, orgCodeCheckChar } from '../../../lib/party';

const validCode = (head: string): string => makeValidUscc(`${head}500101MA5U0000${orgCodeCheckChar('MA5U0000')}`);
const ENTERPRISE = validCode('91');
const INDIVIDUAL = validCode('92');

const RECORD: FactValues = {
  decisionNo: '渝万州市监处字［2023］497 号',
  partyName: '重庆某某食品有限公司',
  uscc: ENTERPRISE,
  violation: '当事人未取得食品经营许可从事食品销售活动',
  legalBasis: '《中华人民共和国食品安全法》第一百二十二条第一款',
  penalty: '没收违法所得5000元，并处罚款5万元，吊销食品经营许可证',
  decisionDate: '2023年7月14日',
  listingDecision: '否',
};

function snapshotOf(fields: Array<[label: string, value: string]>, extra: Partial<FieldSnapshot> = {}): FieldSnapshot {
  return {
    url: 'http://127.0.0.1/case',
    headings: ['行政处罚决定书'],
    fields: fields.map(([label, value], i) => ({
      label,
      rawLabel: label,
      value,
      kind: 'text',
      locator: `#f${i}`,
      labelSource: 'previous-cell',
      readOnly: false,
    })),
    readOnlyView: false,
    truncated: false,
    ...extra,
  };
}

describe('extractFactsFromRecord', () => {
  const f = extractFactsFromRecord(RECORD);

  it('reads identity, party and decision', () => {
    expect(f.decisionNo).toEqual({ raw: '渝万州市监处字［2023］497 号', folded: '渝万州市监处字〔2023〕497号' });
    expect(f.caseId).toBe('渝万州市监处字〔2023〕497号');
    expect(f.decided).toBe(true);
    expect(f.decisionDate).toBe('2023-07-14');
    expect(f.party).toMatchObject({ name: '重庆某某食品有限公司', code: ENTERPRISE, kind: 'enterprise' });
    expect(f.party.codeCheck?.ok).toBe(true);
    expect(f.listingDecision).toBe('no');
    expect(f.formKind).toBe('penalty');
  });

  it('reads penalties, amounts, citations and domain', () => {
    expect(f.penalties.map((p) => p.kind)).toEqual(['ConfiscateGains', 'Fine', 'RevokePermit']);
    expect(f.penaltyReadable).toBe(true);
    expect(f.fine?.yuan).toBe(50000);
    expect(f.confiscation?.yuan).toBe(5000);
    expect(f.aggravation).toBe('unstated');
    expect(f.legalBasis).toMatchObject([{ law: '食品安全法', article: 122, paragraph: 1 }]);
    expect(f.domain).toBe('food');
    expect(f.domainSource).toBe('laws');
    expect(f.repairSector).toBe('food');
    expect(f.problems).toEqual([]);
    expect(CaseFactsSchema.parse(f)).toEqual(f);
  });

  it('uses the case number as identity when the decision number is an unfilled template', () => {
    const g = extractFactsFromRecord({ decisionNo: '万州市监处字〔2023〕  号', caseNo: ' LA-2023-17 ', penalty: '警告' });
    expect(g.caseId).toBe('LA-2023-17');
    expect(g.decided).toBe(false);
    expect(g.problems.map((p) => p.code)).toContain('decision-no-incomplete');
  });

  it('is decided by a date, or by a read-only view', () => {
    expect(extractFactsFromRecord({ penalty: '警告', decisionDate: '2023-07-14' }).decided).toBe(true);
    expect(extractFactsFromRecord({ penalty: '警告', decisionDate: '    年  月  日' }).decided).toBe(false);
    expect(extractFactsFromRecord({ penalty: '警告' }, { readOnlyView: true }).decided).toBe(true);
    expect(extractFactsFromRecord({ penalty: '警告' }).decided).toBe(false);
  });

  it('reads a fine amount column in 万元', () => {
    const g = extractFactsFromRecord({ penalty: '罚款', fineAmount: '5.5' }, { units: { fineAmount: 'wan' } });
    expect(g.fine?.yuan).toBe(55000);
    expect(extractFactsFromRecord({ penalty: '罚款', fineAmount: '5.5' }).fine?.yuan).toBe(5.5);
  });

  it('adds a fine named only in the amount field', () => {
    const g = extractFactsFromRecord({ penalty: '警告', fineAmount: '3000' });
    expect(g.penalties.map((p) => p.kind)).toEqual(['Warning', 'Fine']);
  });

  it('takes the discretion level from its field before the texts', () => {
    expect(extractFactsFromRecord({ penalty: '依法从重处罚，罚款10万元' }).aggravation).toBe('从重');
    expect(extractFactsFromRecord({ penalty: '依法从重处罚，罚款10万元', aggravation: '一般' }).aggravation).toBe('一般');
    expect(extractFactsFromRecord({ penalty: '不予行政处罚' })).toMatchObject({ aggravation: '不予处罚', penaltyReadable: true });
  });

  it('marks an unreadable or empty penalty', () => {
    expect(extractFactsFromRecord({ penalty: '按有关规定处理' })).toMatchObject({ penaltyReadable: false });
    expect(extractFactsFromRecord({ penalty: '按有关规定处理' }).problems.map((p) => p.code)).toContain('penalty-unrecognised');
    expect(extractFactsFromRecord({ partyName: '某公司' }).penaltyReadable).toBe(false);
  });

  it('routes an identity number given as the code to idNumber', () => {
    const g = extractFactsFromRecord({ partyName: '张三', uscc: '11010519491231002X', penalty: '警告' });
    expect(g.party).toMatchObject({ code: null, idNumber: '11010519491231002X', kind: 'natural-person' });
  });

  it('flags an invalid credit code without failing', () => {
    const g = extractFactsFromRecord({ uscc: '91500101MA5U00000X', penalty: '警告' });
    expect(g.party.codeCheck?.ok).toBe(false);
    expect(g.problems.map((p) => p.code)).toContain('uscc-invalid');
    expect(extractFactsFromRecord({ uscc: INDIVIDUAL, penalty: '警告' }).party.kind).toBe('individual-business');
  });

  it('takes the domain from laws, then the domain field, then keywords', () => {
    expect(extractFactsFromRecord({ legalBasis: '《广告法》第五十五条', violation: '发布食品虚假广告' }).domain).toBe('competition');
    expect(extractFactsFromRecord({ domain: '质量安全', violation: '销售食品' })).toMatchObject({
      domain: 'quality',
      domainSource: 'field',
    });
    expect(extractFactsFromRecord({ violation: '销售不合格食品' })).toMatchObject({ domain: 'food', domainSource: 'keywords' });
    expect(extractFactsFromRecord({ legalBasis: '《行政处罚法》第三十二条' }).domain).toBeNull();
    expect(extractFactsFromRecord({ legalBasis: '《计量法》第二十七条' }).domainDoubtful).toBe(true);
  });

  it('reads criminal transfer from its field or an explicit statement', () => {
    expect(extractFactsFromRecord({ criminalTransfer: '是' }).criminalTransfer).toBe(true);
    expect(extractFactsFromRecord({ violation: '当事人涉嫌犯罪，已移送公安机关' }).criminalTransfer).toBe(true);
    expect(extractFactsFromRecord({ violation: '当事人销售过期食品' }).criminalTransfer).toBeNull();
  });

  it('records unparseable values as problems', () => {
    const g = extractFactsFromRecord({ decisionDate: '2023年13月45日', fineAmount: '若干', listingDecision: '研究中' });
    expect(g.problems.map((p) => p.code).sort()).toEqual(['date-unparseable', 'fine-unparseable', 'listing-decision-unrecognised']);
    expect(g.problems.find((p) => p.code === 'date-unparseable')).toEqual({
      code: 'date-unparseable',
      key: 'decisionDate',
      value: '2023年13月45日',
    });
  });

  it('never throws and always matches its schema', () => {
    const keyArb = fc.constantFrom(...LOGICAL_KEYS);
    fc.assert(
      fc.property(fc.dictionary(keyArb, fc.string({ maxLength: 40 })), fc.boolean(), (record, readOnlyView) => {
        const facts = extractFactsFromRecord(record as Partial<Record<LogicalKey, string>>, { readOnlyView });
        expect(CaseFactsSchema.safeParse(facts).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('extractFacts', () => {
  it('gives the same facts for a form as for a record with the same values', () => {
    const snapshot = snapshotOf(
      [
        ['行政处罚决定书文号', RECORD.decisionNo!],
        ['当事人', RECORD.partyName!],
        ['统一社会信用代码', RECORD.uscc!],
        ['违法事实', RECORD.violation!],
        ['处罚依据', RECORD.legalBasis!],
        ['处罚内容', RECORD.penalty!],
        ['作出决定的日期', RECORD.decisionDate!],
        ['是否列入严重违法失信名单', RECORD.listingDecision!],
      ],
      { headings: [] },
    );
    expect(extractFacts(snapshot)).toEqual(extractFactsFromRecord(RECORD));
  });

  it('uses the headings, the read-only flag and the 万元 label', () => {
    const f = extractFacts(
      snapshotOf(
        [
          ['罚款金额（万元）', '5'],
          ['当事人', '某公司'],
        ],
        { headings: ['行政许可审批表'], readOnlyView: true },
      ),
    );
    expect(f.fine?.yuan).toBe(50000);
    expect(f.readOnlyView).toBe(true);
    expect(f.decided).toBe(true);
    expect(f.formKind).toBe('penalty');
    expect(extractFacts(snapshotOf([['当事人', '某公司']], { headings: ['行政许可审批表'] })).formKind).toBe('licensing');
  });
});

describe('missingCoreKeys', () => {
  it('is empty when every core key of a decision was read', () => {
    expect(missingCoreKeys(extractFactsFromRecord(RECORD))).toEqual([]);
  });

  it('names each core key with no value, in order, a stand-in key counting for its group', () => {
    const draft = extractFacts(
      snapshotOf([
        ['当事人', ''],
        ['身份证件号码', '110105194912310021'],
        ['立案编号', '沪市监案〔2024〕12号'],
        ['罚款金额', '5000'],
        ['处罚依据', '   '],
      ]),
    );
    expect(missingCoreKeys(draft)).toEqual(['partyName', 'penalty', 'legalBasis', 'decisionDate']);
    expect(missingCoreKeys(extractFacts(snapshotOf([['处罚内容', '警告']])))).toEqual([
      'partyName',
      'uscc',
      'decisionNo',
      'legalBasis',
      'decisionDate',
    ]);
  });

  it('asks only for the party on forms that carry no decision', () => {
    const licensing = extractFacts(
      snapshotOf(
        [
          ['申请人', '某公司'],
          ['审批方式', '告知承诺制'],
        ],
        { headings: ['食品经营许可审批'] },
      ),
    );
    expect(licensing.formKind).toBe('licensing');
    expect(missingCoreKeys(licensing)).toEqual(['uscc']);
  });
});

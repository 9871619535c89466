import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confiscationInText, fineInText, parsePenalties } from '../../../lib/facts/penalties';
import { PENALTY_KINDS, type PenaltyKind } from '../../../lib/facts/schema';

const kinds = (text: string): PenaltyKind[] => parsePenalties(text).penalties.map((p) => p.kind);

describe('parsePenalties', () => {
  it('reads a combined penalty and keeps the clause as evidence', () => {
    const r = parsePenalties('没收违法所得5000元，并处罚款5万元，吊销食品经营许可证');
    expect(r.penalties).toEqual([
      { kind: 'ConfiscateGains', text: '没收违法所得5000元' },
      { kind: 'Fine', text: '并处罚款5万元' },
      { kind: 'RevokePermit', text: '吊销食品经营许可证' },
    ]);
    expect(r.noPenalty).toBe(false);
  });

  it.each<[string, PenaltyKind[]]>([
    ['责令停产停业三个月', ['SuspendBusiness']],
    ['警告', ['Warning']],
    ['给予警告，并处罚款人民币伍万元整', ['Warning', 'Fine']],
    ['通报批评', ['PublicCriticism']],
    ['吊销营业执照', ['RevokeLicence']],
    ['吊销《食品生产许可证》和《营业执照》', ['RevokeLicence', 'RevokePermit']],
    ['吊销许可证件、营业执照', ['RevokeLicence', 'RevokePermit']],
    ['降低资质等级', ['LowerQualification']],
    ['暂扣药品经营许可证六个月', ['SuspendPermit']],
    ['限制开展生产经营活动六个月', ['RestrictActivity']],
    ['责令关闭', ['OrderClosure']],
    ['对法定代表人处以罚款，五年内不得从事食品生产经营管理工作', ['Fine', 'RestrictEmployment']],
    ['没收违法生产的食品和用于违法生产的工具、设备', ['ConfiscateProperty']],
    ['没收违法所得和违法经营的假药', ['ConfiscateGains', 'ConfiscateProperty']],
    ['行政拘留十日', ['Detention']],
    ['撤销市场主体登记', ['Other']],
    ['罚没款合计135万余元', ['Fine']],
  ])('%s', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('reads 不予行政处罚 as no penalty', () => {
    expect(parsePenalties('不予行政处罚')).toEqual({ penalties: [], noPenalty: true });
    expect(parsePenalties('依法免予处罚').noPenalty).toBe(true);
  });

  it('does not count negated penalties or payment boilerplate', () => {
    expect(kinds('不予吊销营业执照，给予警告')).toEqual(['Warning']);
    expect(kinds('警告。到期不缴纳罚款的，每日按罚款数额的3%加处罚款')).toEqual(['Warning']);
    expect(kinds('责令改正')).toEqual([]);
    expect(kinds('按规定处理')).toEqual([]);
    expect(parsePenalties('按规定处理').noPenalty).toBe(false);
  });

  it('never throws and only returns known kinds', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        for (const p of parsePenalties(s).penalties) expect(PENALTY_KINDS).toContain(p.kind);
      }),
    );
  });
});

describe('fine and confiscation amounts', () => {
  it('takes the fine from the fine clause, not the confiscation', () => {
    expect(fineInText('没收违法所得5000元，并处罚款5万元，吊销食品经营许可证')?.yuan).toBe(50000);
    expect(confiscationInText('没收违法所得5000元，并处罚款5万元')?.yuan).toBe(5000);
    expect(fineInText('没收违法所得5000元并处罚款5万元')?.yuan).toBe(50000);
    expect(fineInText('罚款人民币伍万元整')?.yuan).toBe(50000);
    expect(fineInText('处货值金额十倍罚款计12.5万元')?.yuan).toBe(125000);
  });

  it('returns null when no amount is imposed as a fine', () => {
    expect(fineInText('警告')).toBeNull();
    expect(fineInText('到期不缴纳罚款的，每日按罚款数额的3%加处罚款')).toBeNull();
    expect(confiscationInText('罚款5万元')).toBeNull();
  });

  it('keeps the position of the amount in the whole text', () => {
    const text = '没收违法所得5000元，并处罚款5万元';
    const fine = fineInText(text)!;
    expect(text.slice(fine.index, fine.index + fine.text.length)).toBe(fine.text);
  });
});

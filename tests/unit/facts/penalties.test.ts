import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakEnumeration, confiscationInText, fineBasesIn, fineInText, parsePenalties } from '../../../lib/facts/penalties';
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
    ['被开出10年禁业罚单；同时，该企业法定代表人也被终身禁业', ['RestrictEmployment']],
    ['对两名当事人实施职业禁入', ['RestrictEmployment']],
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

describe('penalties as real decisions write them (issue 11 item 2)', () => {
  it.each<[string, PenaltyKind[], string]>([
    ['撤销气瓶充装资格', ['RevokePermit'], '撤销气瓶充装资格'],
    ['取消检验资格', ['RevokePermit'], '取消检验资格'],
    ['撤销其检验检测机构资质认定', ['RevokePermit'], '撤销其检验检测机构资质认定'],
    ['罚款5万元，撤销食品生产许可', ['Fine', 'RevokePermit'], '撤销食品生产许可'],
    ['给予停产处罚', ['SuspendBusiness'], '给予停产处罚'],
    ['责令停止生产经营', ['SuspendBusiness'], '责令停止生产经营'],
    ['责令其停止营业三个月', ['SuspendBusiness'], '责令其停止营业三个月'],
    ['资质等级由一级降为二级', ['LowerQualification'], '资质等级由一级降为二级'],
    ['予以降级处理', ['LowerQualification'], '予以降级处理'],
    ['降低其检验机构级别', ['LowerQualification'], '降低其检验机构级别'],
    ['罚没140余万元', ['Fine'], '罚没140余万元'],
    ['依法从重处罚，罚没款合计135万余元', ['Fine'], '罚没款合计135万余元'],
    ['处以135万元以上的罚没', ['Fine'], '处以135万元以上的罚没'],
  ])('%s', (text, expected, evidence) => {
    const penalties = parsePenalties(text).penalties;
    expect(penalties.map((p) => p.kind)).toEqual(expected);
    expect(penalties.map((p) => p.text)).toContain(evidence);
  });

  it('does not read 撤销 of a registration, or a penalty the statute only allows (可以吊销), as a revocation', () => {
    expect(kinds('撤销市场主体登记')).toEqual(['Other']);
    expect(kinds('处二十万元以上一百万元以下的罚款，可以吊销营业执照')).toEqual(['Fine']);
    expect(kinds('不予撤销许可，给予警告')).toEqual(['Warning']);
    expect(kinds('取消评优')).toEqual([]);
  });

  it('reads penalties enumerated 一、二、三、, each item with its own evidence', () => {
    const r = parsePenalties('一、没收违法所得2000元二、罚款3万元三、吊销食品经营许可证');
    expect(r.penalties).toEqual([
      { kind: 'ConfiscateGains', text: '没收违法所得2000元' },
      { kind: 'Fine', text: '罚款3万元' },
      { kind: 'RevokePermit', text: '吊销食品经营许可证' },
    ]);
    expect(fineInText('一、警告；二、罚款5000元')?.yuan).toBe(5000);
    expect(parsePenalties('（一）警告（二）罚款5000元').penalties.map((p) => p.text)).toEqual(['警告', '罚款5000元']);
    expect(parsePenalties('1.警告；2.罚款1.5万元').penalties.map((p) => p.text)).toEqual(['警告', '罚款1.5万元']);
  });

  it('breaks only a run 1, 2, 3… of markers, keeping positions', () => {
    expect(breakEnumeration('一、警告二、罚款')).toBe('；；警告；；罚款');
    expect(breakEnumeration('依据第一、二项')).toBe('依据第一、二项');
    expect(breakEnumeration('罚款1.5万元')).toBe('罚款1.5万元');
    expect(breakEnumeration('二、罚款')).toBe('二、罚款');
    fc.assert(fc.property(fc.string(), (s) => void expect(breakEnumeration(s)).toHaveLength(s.length)));
  });
});

describe('fine amounts as written', () => {
  it('reads 罚没 amounts, 余万元, 万余元, full-width digits and thousands separators', () => {
    expect(fineInText('罚没140余万元')).toMatchObject({ yuan: 1400000, approximate: true });
    expect(fineInText('罚款293.76余万元')).toMatchObject({ yuan: 2937600, approximate: true });
    expect(fineInText('罚没款合计135万余元')).toMatchObject({ yuan: 1350000, approximate: true });
    expect(fineInText('并处罚款５０，０００元')?.yuan).toBe(50000);
    expect(fineInText('罚款50,000元，警告')?.yuan).toBe(50000);
    expect(fineInText('罚款５万元')?.yuan).toBe(50000);
    // A fine of its own wins over the combined 罚没 amount.
    expect(fineInText('没收违法所得1万元，罚款5万元，罚没款合计6万元')?.yuan).toBe(50000);
  });

  it('reads the bases of a statutory fine range from the facts', () => {
    const b = fineBasesIn('经查，当事人销售的产品货值金额共计3200元，违法所得1500元；广告费用为人民币8000元；违法经营额5万余元');
    expect(b['goods-value']?.yuan).toBe(3200);
    expect(b['illegal-gains']?.yuan).toBe(1500);
    expect(b['ad-cost']?.yuan).toBe(8000);
    expect(b.turnover).toMatchObject({ yuan: 50000, approximate: true });
    expect(fineBasesIn('没收违法所得500元')['illegal-gains']).toBeUndefined();
    expect(fineBasesIn('当事人没有违法所得')['illegal-gains']?.yuan).toBe(0);
    expect(fineBasesIn('广告费用无法计算')['ad-cost']?.yuan).toBe(0);
    expect(fineBasesIn('涉案食品货值金额为人民币1.2万元')['goods-value']?.yuan).toBe(12000);
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

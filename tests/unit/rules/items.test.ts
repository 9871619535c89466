import { describe, expect, it } from 'vitest';
import type { FactValues } from '../../../lib/facts';
import { citations, judge, PACK } from './helpers';

// A heavier penalty (Art. 2 item 2) so that a matched item decides between must-list and review.
const HEAVY = '吊销营业执照';

/** Per Arts. 5–10 item: a violation that matches it and a similar one that must not. */
const CASES: Record<string, { yes: FactValues; no: FactValues }> = {
  'order44-2021/art5/1': {
    yes: { violation: '当事人未取得食品经营许可从事餐饮服务' },
    no: { violation: '当事人已取得食品经营许可证，但经营场所卫生条件不符合要求' },
  },
  'order44-2021/art5/2': {
    yes: { violation: '生产的婴幼儿辅助食品营养成分含量不符合食品安全标准' },
    no: { violation: '生产的婴幼儿辅助食品标签不规范' },
  },
  'order44-2021/art5/3': {
    yes: { violation: '销售未经注册的保健食品' },
    no: { violation: '销售已注册的保健食品，但未按规定分区陈列' },
  },
  'order44-2021/art5/4': {
    yes: { violation: '在普通食品标签上声称具有保健功能' },
    no: { violation: '食品标签未标注生产日期' },
  },
  'order44-2021/art5/5': {
    yes: { violation: '使用非食品原料生产食品' },
    no: { violation: '销售超过保质期的食品' },
  },
  'order44-2021/art5/6': {
    yes: { violation: '在食品中添加食品添加剂以外的化学物质' },
    no: { violation: '超范围使用食品添加剂' },
  },
  'order44-2021/art5/7': {
    yes: { violation: '生产的压片糖果中添加西地那非' },
    no: { violation: '压片糖果标签不规范' },
  },
  'order44-2021/art5/8': {
    yes: { violation: '经营病死猪肉' },
    no: { violation: '经营未索证索票的猪肉' },
  },
  'order44-2021/art5/9': {
    yes: { violation: '用回收食品作为原料生产食品' },
    no: { violation: '食品包装回收利用不规范' },
  },
  'order44-2021/art5/10': {
    yes: { violation: '经营国家为防病等特殊需要明令禁止生产经营的食品' },
    no: { violation: '经营标签不全的食品' },
  },
  'order44-2021/art5/11': {
    yes: { violation: '生产的熟肉制品经检验沙门氏菌超标' },
    no: { violation: '生产的熟肉制品标签未标注贮存条件' },
  },
  'order44-2021/art6/1': {
    yes: { violation: '销售假药' },
    no: { violation: '经鉴定不属于假药，当事人未建立药品购进记录' },
  },
  'order44-2021/art6/2': {
    yes: { violation: '未取得药品批准证明文件生产药品' },
    no: { violation: '药品购销记录不完整' },
  },
  'order44-2021/art6/3': {
    yes: { violation: '经营未取得医疗器械注册证的第二类医疗器械' },
    no: { violation: '经营第一类医疗器械未备案' },
  },
  'order44-2021/art6/4': {
    yes: { violation: '在化妆品中非法添加糖皮质激素' },
    no: { violation: '化妆品标签不规范' },
  },
  'order44-2021/art6/5': {
    yes: { violation: '未经许可违法销售麻醉药品' },
    no: { violation: '麻醉药品专柜管理记录填写不完整' },
  },
  'order44-2021/art6/6': {
    yes: { violation: '使用化妆品禁用原料生产化妆品' },
    no: { violation: '化妆品生产记录不完整' },
  },
  'order44-2021/art7/1': {
    yes: { violation: '销售的电热毯不符合保障人体健康和人身、财产安全的国家标准' },
    no: { violation: '销售的产品标识不符合规定' },
  },
  'order44-2021/art7/2': {
    yes: { violation: '在产品中掺杂掺假' },
    no: { violation: '产品标识不清' },
  },
  'order44-2021/art7/3': {
    yes: { violation: '未经许可从事电梯安装活动' },
    no: { violation: '特种设备使用单位未建立安全技术档案' },
  },
  'order44-2021/art7/4': {
    yes: { violation: '对超期未检的气瓶进行充装' },
    no: { violation: '气瓶充装单位未公示充装记录' },
  },
  'order44-2021/art7/5': {
    yes: { violation: '销售未经强制性产品认证的电线电缆' },
    no: { violation: '销售的电线电缆标识不全' },
  },
  'order44-2021/art7/6': {
    yes: { violation: '检验检测机构出具虚假检验检测报告' },
    no: { violation: '检验检测报告未加盖资质认定标志' },
  },
  'order44-2021/art7/7': {
    yes: { violation: '当事人再次销售不合格产品，此前已因同类违法行为被查处' },
    no: { violation: '当事人销售的产品经抽检合格' },
  },
  'order44-2021/art8/1': {
    yes: { violation: '当事人收取会员预付款后关闭经营场所，通过登记的住所无法取得联系' },
    no: { violation: '当事人收取预付款后未按约定提供服务' },
  },
  'order44-2021/art8/2': {
    yes: { violation: '加油站使用作弊的计量器具' },
    no: { violation: '计量器具未按规定检定' },
  },
  'order44-2021/art8/3': {
    yes: { violation: '非法提供消费者个人信息' },
    no: { violation: '未按规定公示投诉电话' },
  },
  'order44-2021/art8/4': {
    yes: { violation: '被责令召回后拒不召回缺陷产品' },
    no: { violation: '主动召回缺陷产品' },
  },
  'order44-2021/art9/1': {
    yes: { violation: '以不正当手段获取权利人的商业秘密' },
    no: { violation: '经查，未发现侵犯商业秘密的行为' },
  },
  'order44-2021/art9/2': {
    yes: { violation: '编造、传播虚假信息，损害竞争对手的商业信誉、商品声誉' },
    no: { violation: '发布比较广告未注明出处' },
  },
  'order44-2021/art9/3': {
    yes: { violation: '组织虚假交易帮助其他经营者刷单' },
    no: { violation: '网店商品价格标示不规范' },
  },
  'order44-2021/art9/4': {
    yes: { violation: '发布保健食品虚假广告，宣称可以治疗糖尿病' },
    no: { violation: '发布房地产虚假广告' },
  },
  'order44-2021/art9/5': {
    yes: { violation: '销售侵犯注册商标专用权的商品' },
    no: { violation: '商标使用不规范' },
  },
  'order44-2021/art9/6': {
    yes: { violation: '代理非正常专利申请' },
    no: { violation: '专利标识标注不规范' },
  },
  'order44-2021/art9/7': {
    yes: { violation: '疫情期间哄抬口罩价格' },
    no: { violation: '未明码标价' },
  },
  'order44-2021/art9/8': {
    yes: { violation: '组织策划传销活动' },
    no: { violation: '经查，当事人的经营行为不属于传销' },
  },
  'order44-2021/art9/9': {
    yes: { violation: '当事人对其商品的功能作虚假或者引人误解的商业宣传' },
    no: { violation: '当事人宣传内容经核实属实' },
  },
  'order44-2021/art9/10': {
    yes: { violation: '当事人不执行政府指导价，超出浮动幅度收费' },
    no: { violation: '当事人按政府指导价收费，但未明码标价' },
  },
  'order44-2021/art10/1': {
    yes: { violation: '未取得危险化学品经营许可证擅自经营' },
    no: { violation: '未取得食品经营许可从事餐饮服务' },
  },
  'order44-2021/art10/2': {
    yes: { violation: '提交虚假材料取得营业执照' },
    no: { violation: '提交虚假材料申请政府补贴' },
  },
  'order44-2021/art10/3': {
    yes: { violation: '拒绝、阻碍执法人员依法进行监督检查' },
    no: { violation: '配合执法人员监督检查' },
  },
};

/** Items matched by the law and article cited alone, and a basis of the same law that must not match. */
const BY_LAW: Array<[string, string, string]> = [
  ['order44-2021/art5/1', '依据《中华人民共和国食品安全法》第一百二十二条第一款', '依据《食品安全法》第一百二十六条'],
  ['order44-2021/art6/1', '依据《中华人民共和国药品管理法》第一百一十六条', '依据《药品管理法》第一百二十六条'],
  ['order44-2021/art6/2', '依据《药品管理法》第一百二十四条第一款第（一）项', '依据《药品管理法》第一百二十六条'],
  ['order44-2021/art6/3', '依据《医疗器械监督管理条例》第八十一条', '依据《医疗器械监督管理条例》第八十九条'],
  ['order44-2021/art7/1', '依据《产品质量法》第四十九条', '依据《产品质量法》第五十四条'],
  ['order44-2021/art7/2', '依据《产品质量法》第五十条', '依据《产品质量法》第五十四条'],
  ['order44-2021/art7/3', '依据《特种设备安全法》第七十四条', '依据《特种设备安全法》第八十三条'],
  ['order44-2021/art8/2', '依据《中华人民共和国计量法》第二十七条', '依据《计量法》第二十六条'],
  ['order44-2021/art8/2', '依据《计量法实施细则》第四十八条', '依据《计量法实施细则》第四十三条'],
  ['order44-2021/art9/1', '依据《中华人民共和国反不正当竞争法》第九条、第二十一条', '依据《反不正当竞争法》第二十二条'],
  ['order44-2021/art9/2', '依据《反不正当竞争法》第十一条', '依据《反不正当竞争法》第十条'],
  ['order44-2021/art9/3', '依据《反不正当竞争法》第八条第二款', '依据《反不正当竞争法》第八条第一款'],
  ['order44-2021/art9/9', '依据《反不正当竞争法》第八条第一款、第二十条', '依据《反不正当竞争法》第十九条'],
  ['order44-2021/art9/10', '依据《中华人民共和国价格法》第三十九条', '依据《价格法》第四十二条'],
  ['order44-2021/art9/8', '依据《禁止传销条例》第二十四条', '依据《直销管理条例》第四十条'],
  ['order44-2021/art10/2', '依据《市场主体登记管理条例》第四十四条', '依据《市场主体登记管理条例》第四十六条'],
];

const items = PACK.violationArticles.flatMap((a) => a.items);

describe('Arts. 5–10 items', () => {
  it('every numbered item of the pack has a case here', () => {
    const numbered = items.filter((i) => i.item !== 'catchall').map((i) => i.citation);
    expect(Object.keys(CASES).sort()).toEqual(numbered.sort());
  });

  describe.each(Object.entries(CASES))('%s', (citation, { yes, no }) => {
    const item = items.find((i) => i.citation === citation)!;
    const strong = item.status !== 'unconfirmed';

    it(`matches (${item.title}) and sets the verdict by its status (${item.status})`, () => {
      const a = judge({ penalty: HEAVY, ...yes });
      expect(citations(a)).toContain(citation);
      expect(a.verdict).toBe(strong ? 'must-list' : 'review');
      const reason = a.reasons.find((r) => r.citation === citation)!;
      expect(reason).toMatchObject({ status: item.status, title: item.title, wording: item.wording, code: 'domain-item' });
      expect(reason.evidence).not.toBe('');
      if (!strong) expect(a.notices.map((n) => n.code)).toContain('unconfirmed-basis');
    });

    it('does not match the similar case', () => {
      expect(citations(judge({ penalty: HEAVY, ...no }))).not.toContain(citation);
    });
  });

  it.each(BY_LAW)('%s is matched by the article cited: %s', (citation, legalBasis, other) => {
    expect(citations(judge({ penalty: HEAVY, legalBasis }))).toContain(citation);
    expect(citations(judge({ penalty: HEAVY, legalBasis: other }))).not.toContain(citation);
  });

  it('a law article defines an item only in the version whose numbering the pack records', () => {
    const basis = '依据《反不正当竞争法》第九条';
    expect(citations(judge({ penalty: HEAVY, legalBasis: basis, decisionDate: '2025-10-14' }))).toContain('order44-2021/art9/1');
    // The 2025 revision (in force 2025-10-15) renumbered the Act: its Art. 9 is not the trade-secret article.
    expect(citations(judge({ penalty: HEAVY, legalBasis: basis, decisionDate: '2025-10-15' }))).not.toContain('order44-2021/art9/1');
  });

  it('fake user reviews are false commercial publicity (反不正当竞争法 Art. 8(1) names 用户评价)', () => {
    expect(citations(judge({ penalty: HEAVY, violation: '通过虚假用户评价宣称普通果冻具有减肥效果' }))).toContain('order44-2021/art9/9');
    expect(citations(judge({ penalty: HEAVY, violation: '以好评返现诱导消费者编造用户评价' }))).toContain('order44-2021/art9/9');
    expect(citations(judge({ penalty: HEAVY, violation: '当事人未建立用户评价管理制度' }))).not.toContain('order44-2021/art9/9');
  });

  it('false advertising needs goods that concern life and health, even when 广告法 is cited', () => {
    const basis = '依据《广告法》第五十五条第一款';
    expect(citations(judge({ penalty: HEAVY, legalBasis: basis, violation: '发布医疗器械虚假广告' }))).toContain('order44-2021/art9/4');
    expect(citations(judge({ penalty: HEAVY, legalBasis: basis, violation: '发布招生虚假广告' }))).not.toContain('order44-2021/art9/4');
  });
});

describe('catch-all items', () => {
  it.each([
    ['order44-2021/art5/catchall', { legalBasis: '《食品安全法》第一百二十四条第一款', violation: '销售腐败变质食品' }],
    ['order44-2021/art7/catchall', { legalBasis: '《产品质量法》第五十四条', violation: '产品标识不符合规定' }],
    ['order44-2021/art9/catchall', { legalBasis: '《反不正当竞争法》第二十二条', violation: '违规开展有奖销售' }],
    ['order44-2021/art10/catchall', { legalBasis: '《市场主体登记管理条例》第四十六条', violation: '未按规定办理变更登记' }],
  ])('%s applies when only the domain is known, and asks for review', (citation, record) => {
    const a = judge({ penalty: HEAVY, ...record });
    expect(a.verdict).toBe('review');
    expect(a.reasons.find((r) => r.citation === citation)).toMatchObject({ code: 'domain-catchall', status: 'partial' });
  });

  it('does not apply when an item of the article matched', () => {
    const a = judge({ penalty: HEAVY, legalBasis: '《食品安全法》第一百二十二条', violation: '未取得食品经营许可' });
    expect(citations(a)).not.toContain('order44-2021/art5/catchall');
  });

  it('does not apply without a known domain', () => {
    expect(citations(judge({ penalty: HEAVY, violation: '当事人违法经营' }))).not.toContain('order44-2021/art10/catchall');
  });
});

describe('Art. 11 (refusal to perform)', () => {
  it('is signalled by refusing or evading a decision', () => {
    const a = judge({ penalty: '罚款2万元', aggravation: '一般', violation: '当事人有履行能力但拒不履行行政处罚决定' });
    expect(a.verdict).toBe('review');
    expect(a.reasons.find((r) => r.citation === 'order44-2021/art11/0')).toMatchObject({
      code: 'refusal-to-perform',
      status: 'unconfirmed',
    });
    expect(a.domain).toBe('other');
  });

  it('is not signalled when the decision was performed', () => {
    const a = judge({ penalty: '罚款2万元', aggravation: '一般', violation: '当事人已履行行政处罚决定' });
    expect(citations(a)).not.toContain('order44-2021/art11/0');
    expect(a.verdict).toBe('not-required');
  });
});

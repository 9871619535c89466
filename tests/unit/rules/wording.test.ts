import { describe, expect, it } from 'vitest';
import { citations, judge } from './helpers';

// Real decisions put the claim and the product some way apart; the demo case 经营标签含有保健功能声称的普通食品 does.
describe('Art. 5 health claims on ordinary food, as decisions actually word them', () => {
  it('matches 保健功能声称 far from 普通食品, with an aggravated fine → must-list', () => {
    const a = judge({
      caseCause: '经营标签含有保健功能声称的普通食品',
      violation: '该产品为普通食品，执行标准为GB 17399，但其标签及直播宣传中标注“辅助降血糖”“调节三高”等保健功能声称。',
      penalty: '没收违法所得人民币18600元，并处罚款人民币210000元',
      aggravation: '从重',
    });
    expect(a.verdict).toBe('must-list');
    expect(citations(a)).toContain('order44-2021/art5/4');
  });

  it('does not match a health food that is registered and labelled as such', () => {
    const a = judge({
      violation: '经营的保健食品已取得注册证书，但贮存条件不符合标签标注要求',
      penalty: '罚款人民币50000元',
      aggravation: '从重',
    });
    expect(citations(a)).not.toContain('order44-2021/art5/4');
  });
});

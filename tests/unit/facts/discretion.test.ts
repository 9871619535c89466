import { describe, expect, it } from 'vitest';
import { aggravationFromField, aggravationFromText } from '../../../lib/facts/discretion';

describe('aggravationFromField', () => {
  it.each([
    ['从重', '从重'],
    ['从重处罚', '从重'],
    ['一般', '一般'],
    ['一般处罚', '一般'],
    ['从轻处罚', '从轻'],
    ['减轻', '减轻'],
    ['不予处罚', '不予处罚'],
    ['不予行政处罚', '不予处罚'],
  ])('%s → %s', (value, level) => {
    expect(aggravationFromField(value).level).toBe(level);
  });

  it('reads yes/no only when the label asks about 从重', () => {
    expect(aggravationFromField('是', '是否从重处罚').level).toBe('从重');
    expect(aggravationFromField('否', '是否从重处罚').level).toBe('一般');
    expect(aggravationFromField('是').level).toBe('unstated');
  });

  it('flags values it cannot read', () => {
    expect(aggravationFromField('较重')).toMatchObject({ level: 'unstated', problem: 'aggravation-unrecognised' });
    expect(aggravationFromField('不从重')).toMatchObject({ level: 'unstated', problem: 'aggravation-unrecognised' });
    expect(aggravationFromField('')).toEqual({ level: 'unstated', text: null });
  });
});

describe('aggravationFromText', () => {
  it.each([
    ['当事人多次违法，依法从重处罚，罚款10万元', '从重'],
    ['按照从重处罚原则处以罚款', '从重'],
    ['鉴于当事人主动消除危害后果，依法从轻处罚', '从轻'],
    ['依法减轻处罚', '减轻'],
    ['按一般情节处以罚款', '一般'],
    ['罚款5万元', 'unstated'],
  ])('%s → %s', (text, level) => {
    expect(aggravationFromText(text).level).toBe(level);
  });

  it.each([
    ['按照从重处罚原则处以罚款20万元', '从重', '按照从重处罚原则'],
    ['本局依照裁量基准，按从重处罚原则处罚', '从重', '按从重处罚原则'],
    ['对当事人顶格处罚', '从重', '顶格处罚'],
    ['处以最高额罚款', '从重', '处以最高'],
    ['依法从重', '从重', '从重'],
    ['当事人积极配合调查，依法从轻', '从轻', '从轻'],
    ['依法予以减轻', '减轻', '减轻'],
    ['违法行为轻微并及时改正，依法不予处罚', '不予处罚', '不予处罚'],
    ['当事人不具有从轻、减轻情形，依法从重处罚', '从重', '从重处罚'],
    ['给予该企业和法定代表人从重从严行政处罚', '从重', '从重从严行政处罚'],
    ['依法从重从快处罚', '从重', '从重从快处罚'],
  ])('finds the level anywhere: %s', (text, level, words) => {
    expect(aggravationFromText(text)).toMatchObject({ level, text: words });
  });

  it('ignores negated phrases', () => {
    expect(aggravationFromText('当事人不具有从重处罚情形，罚款5万元').level).toBe('unstated');
    expect(aggravationFromText('不予从重处罚').level).toBe('unstated');
    expect(aggravationFromText('不予从重从严处罚').level).toBe('unstated');
    expect(aggravationFromText('不予从轻处罚，依法从重处罚').level).toBe('从重');
    expect(aggravationFromText('不予减轻处罚').level).toBe('unstated');
    expect(aggravationFromText('不存在从轻或者减轻处罚的情形').level).toBe('unstated');
    expect(aggravationFromText('不属于不予处罚的情形').level).toBe('unstated');
  });

  it('reports 从重 together with 从轻/减轻 as a conflict', () => {
    expect(aggravationFromText('依法从重处罚……依法从轻处罚')).toMatchObject({
      level: 'unstated',
      problem: 'aggravation-conflict',
    });
  });

  it('returns the words that set the level', () => {
    expect(aggravationFromText('依法从重处罚').text).toBe('从重处罚');
  });
});

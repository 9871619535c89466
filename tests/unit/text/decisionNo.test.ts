import { describe, expect, it } from 'vitest';
import { foldDecisionNo, looksLikeDecisionNo } from '../../../lib/text';

describe('foldDecisionNo', () => {
  it.each([
    '渝万州市监处字〔2023〕497号',
    '渝万州市监处字[2023]497号',
    '渝万州市监处字【2023】497 号',
    '渝万州市监处字（2023）497号',
    '渝万州市监处字(2023)497号',
    '渝万州市监处字［2023］497号',
    '渝万州市监处字{2023}497号',
    '渝万州市监处字﹝2023﹞497号',
    ' 渝万州市监处字 〔２０２３〕４９７号 ',
  ])('%s → the 〔〕 form', (input) => {
    expect(foldDecisionNo(input)).toBe('渝万州市监处字〔2023〕497号');
  });

  it('leaves letter O and 〇 in the year as written', () => {
    expect(foldDecisionNo('卫市监处罚[2O24]7号')).toBe('卫市监处罚〔2O24〕7号');
    expect(foldDecisionNo('卫市监处罚【二〇二四】7号')).toBe('卫市监处罚【二〇二四】7号');
  });

  it('does not touch brackets that hold no year', () => {
    expect(foldDecisionNo('某市监处罚（简）〔2024〕7号')).toBe('某市监处罚(简)〔2024〕7号');
  });
});

describe('looksLikeDecisionNo', () => {
  it.each(['渝万州市监处字〔2023〕497号', '卫市监处罚[2024]7号', '京市监处罚〔2023〕第12号', '（2015）沪工商处字第8号'])(
    'accepts %s',
    (s) => {
      expect(looksLikeDecisionNo(s)).toBe(true);
    },
  );
  it.each(['', '2023年7月14日', '第122条', '91500101MA5U20230X', '某某食品有限公司', '〔2023〕'])('rejects %j', (s) => {
    expect(looksLikeDecisionNo(s)).toBe(false);
  });
});

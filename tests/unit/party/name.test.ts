import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePartyName } from '../../../lib/party';
import { foldWidth, removeSpace } from '../../../lib/text';

describe('normalizePartyName', () => {
  it('makes bracket, width and space variants equal', () => {
    const a = normalizePartyName('某某食品（上海）有限公司');
    expect(a).toBe('某某食品(上海)有限公司');
    for (const v of [
      '某某食品(上海)有限公司 ',
      ' 某某食品 （上海） 有限公司。',
      '某某食品【上海】有限公司',
      '某某食品\u3000(上海)有限公司',
    ]) {
      expect(normalizePartyName(v)).toBe(a);
    }
  });
  it('folds full-width Latin letters and case', () => {
    expect(normalizePartyName('ＡＢＣ便利店')).toBe(normalizePartyName('abc便利店'));
  });
  it('keeps distinct names distinct', () => {
    expect(normalizePartyName('某某食品有限公司')).not.toBe(normalizePartyName('某某食品店'));
    expect(normalizePartyName('某某食品（上海）有限公司')).not.toBe(normalizePartyName('某某食品（北京）有限公司'));
  });
});

describe('normalizePartyName: invisible characters (properties)', () => {
  const INVISIBLES = [
    '\u00ad',
    '\u200b',
    '\u200c',
    '\u200d',
    '\u200e',
    '\u200f',
    '\u202a',
    '\u202b',
    '\u202c',
    '\u202d',
    '\u202e',
    '\u2060',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\ufeff',
    '\u00a0',
    '\u3000',
    '\u2009',
  ];
  const NAMES = ['某某食品（上海）有限公司', '甲县一号餐饮有限公司', 'ABC便利店', '张三水果店', '重庆某某科技有限公司'];

  it('direction marks and other invisible characters anywhere never change the name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLES)), { maxLength: 6 }),
        (name, inserts) => {
          const units = [...name];
          for (const [at, c] of inserts) units.splice(at % (units.length + 1), 0, c);
          expect(normalizePartyName(units.join(''))).toBe(normalizePartyName(name));
        },
      ),
    );
  });

  it('names that differ in a visible character stay different', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES), fc.constantFrom(...INVISIBLES), (a, b, mark) => {
        fc.pre(a !== b);
        expect(normalizePartyName(`${mark}${a}`)).not.toBe(normalizePartyName(b));
      }),
    );
  });
});

describe('normalizePartyName against its definition', () => {
  it('gives what folding, bracket unifying, stop trimming and upper-casing give, names left as they are included', () => {
    const definition = (s: string) =>
      removeSpace(foldWidth(s))
        .replace(/[【〔［[]/g, '(')
        .replace(/[】〕］\]]/g, ')')
        .replace(/[。.]+$/, '')
        .toUpperCase();
    const unit = fc.constantFrom(
      '上',
      '海',
      '公',
      '司',
      '(',
      ')',
      '（',
      '【',
      '〕',
      '[',
      'A',
      'a',
      'ａ',
      '1',
      '１',
      '。',
      '.',
      ' ',
      '\u3000',
      '\u200b',
      'ß',
    );
    fc.assert(fc.property(fc.string({ unit }), (s) => void expect(normalizePartyName(s)).toBe(definition(s))));
    expect(normalizePartyName('上海恒泰营养食品有限公司(浦东分公司)')).toBe('上海恒泰营养食品有限公司(浦东分公司)');
  });
});

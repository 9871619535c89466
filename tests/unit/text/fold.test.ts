import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWidth, normalizeLabel, normalizeSpace, removeInvisible, removeSpace } from '../../../lib/text/fold';

describe('foldWidth', () => {
  it('folds full-width ASCII and the ideographic space', () => {
    expect(foldWidth('ＡＢＣ１２３！～（）：　x')).toBe('ABC123!~(): x');
  });
  it('leaves Chinese text and other punctuation alone', () => {
    expect(foldWidth('当事人〔2023〕、。￥【】')).toBe('当事人〔2023〕、。￥【】');
  });
  it('keeps the length so indices stay valid', () => {
    const s = '罚款５０００元　整';
    expect(foldWidth(s)).toHaveLength(s.length);
  });
});

describe('normalizeSpace / removeSpace', () => {
  it('collapses every kind of whitespace to one space and trims', () => {
    expect(normalizeSpace('  某某\u00a0\u00a0食品\u3000有限\t\n公司  ')).toBe('某某 食品 有限 公司');
  });
  it('removes all whitespace', () => {
    expect(removeSpace(' 住\u3000所 \u00a0(住址)\n')).toBe('住所(住址)');
  });
});

describe('normalizeLabel', () => {
  it.each([
    ['* 当事人名称：', '当事人名称'],
    ['统一社会信用代码（注册号）', '统一社会信用代码注册号'],
    ['住 所（住址）:', '住所住址'],
    ['＊【处罚种类】', '处罚种类'],
    ['罚款金额（万元）；', '罚款金额万元'],
    ['[案件名称]。', '案件名称'],
    ['法定代表人（负责人、经营者）', '法定代表人负责人、经营者'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });
});

// Strings mixing the characters these functions treat specially with ordinary ones.
const SPECIAL = [
  ' ',
  '  ',
  '\u3000',
  '\u00a0',
  '\t',
  '\n',
  '\u200b',
  '\ufeff',
  '\u00ad',
  '\u200e',
  '\u2028',
  '（',
  '）',
  '，',
  'Ａ',
  '１',
  '～',
  '！',
  '\uff5f',
  '\uff00',
  '中',
  'a',
  '1',
  '。',
];
const mixed = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 3 })), { maxLength: 12 }).map((xs) => xs.join(''));

describe('fold functions against their definitions', () => {
  it('foldWidth maps each character on its own', () => {
    const byCharacter = (s: string) =>
      [...s]
        .map((c) => (c === '\u3000' ? ' ' : c >= '\uff01' && c <= '\uff5e' ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : c))
        .join('');
    fc.assert(fc.property(mixed, (s) => void expect(foldWidth(s)).toBe(byCharacter(s))));
  });
  it('normalizeSpace collapses runs and trims, and gives an already normal string back as it is', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const expected = removeInvisible(s).replace(/\s+/g, ' ').trim();
        expect(normalizeSpace(s)).toBe(expected);
        expect(normalizeSpace(expected)).toBe(expected);
      }),
    );
  });
  it('removeSpace removes every space and invisible character', () => {
    fc.assert(fc.property(mixed, (s) => void expect(removeSpace(s)).toBe(removeInvisible(s).replace(/\s/g, ''))));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDecisionNo, foldNumberText, foldWidth, looksLikeDecisionNo, nfkcStable, removeSpace } from '../../../lib/text';

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

describe('foldDecisionNo: one case, one identity (properties)', () => {
  // Every character that shows nothing: soft hyphen, zero-width, word joiner, BOM, direction marks and
  // isolates, variation selectors, and the Unicode spaces (NBSP, narrow and ideographic spaces…).
  const INVISIBLES = [
    '\u00ad',
    '\u034f',
    '\u061c',
    '\u180e',
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
    '\u2061',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\ufe0f',
    '\ufeff',
    '\udb40\udc20',
    ' ',
    '\u00a0',
    '\u1680',
    '\u2000',
    '\u2007',
    '\u2009',
    '\u200a',
    '\u202f',
    '\u205f',
    '\u3000',
    '\t',
  ];
  const BRACKETS: [string, string][] = [
    ['〔', '〕'],
    ['[', ']'],
    ['【', '】'],
    ['(', ')'],
    ['（', '）'],
    ['［', '］'],
    ['{', '}'],
    ['｛', '｝'],
    ['﹝', '﹞'],
    ['〖', '〗'],
    ['〘', '〙'],
    ['〚', '〛'],
    ['《', '》'],
    ['〈', '〉'],
    ['<', '>'],
    ['＜', '＞'],
    ['「', '」'],
    ['『', '』'],
    ['﹙', '﹚'],
    ['︵', '︶'],
    ['︹', '︺'],
    ['⟦', '⟧'],
    ['⦅', '⦆'],
    ['❨', '❩'],
  ];
  const PREFIXES = ['渝万州市监处字', '卫市监处罚', '京市监处罚', '沪市监浦处', '豫洛市监罚字', '粤深市监罚'];
  const number = fc.record({
    prefix: fc.constantFrom(...PREFIXES),
    year: fc.integer({ min: 1990, max: 2035 }),
    serial: fc.integer({ min: 1, max: 99_999 }),
    di: fc.boolean(),
  });
  const written = (n: { prefix: string; year: number; serial: number; di: boolean }, [open, close]: [string, string]) =>
    `${n.prefix}${open}${n.year}${close}${n.di ? '第' : ''}${n.serial}号`;
  const canonical = (n: { prefix: string; year: number; serial: number; di: boolean }) => foldDecisionNo(written(n, ['〔', '〕']));
  /** `s` with `chars` inserted at the given positions. */
  const insertAll = (s: string, inserts: [number, string][]) => {
    const units = [...s];
    for (const [at, c] of inserts) units.splice(at % (units.length + 1), 0, c);
    return units.join('');
  };
  const wide = (s: string, mask: boolean[]) =>
    [...s].map((c, i) => (mask[i % mask.length] && /[0-9]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');

  it('inserting invisible characters and spaces anywhere never changes the identity', () => {
    fc.assert(
      fc.property(number, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLES)), { maxLength: 8 }), (n, inserts) => {
        expect(foldDecisionNo(insertAll(written(n, ['〔', '〕']), inserts))).toBe(canonical(n));
      }),
    );
  });

  it('any bracket style around the year, full-width digits and dash look-alikes never change the identity', () => {
    fc.assert(
      fc.property(number, fc.constantFrom(...BRACKETS), fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), (n, brackets, mask) => {
        expect(foldDecisionNo(wide(written(n, brackets), mask))).toBe(canonical(n));
      }),
    );
    expect(foldDecisionNo('AJ\u20112023\u2013001')).toBe(foldDecisionNo('AJ-2023-001'));
  });

  it('different serial numbers, years or issuers never fold together, however they are written', () => {
    fc.assert(
      fc.property(
        number,
        number,
        fc.constantFrom(...BRACKETS),
        fc.constantFrom(...BRACKETS),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLES)), { maxLength: 4 }),
        (a, b, ba, bb, inserts) => {
          fc.pre(a.prefix !== b.prefix || a.year !== b.year || a.serial !== b.serial);
          expect(foldDecisionNo(insertAll(written(a, ba), inserts))).not.toBe(foldDecisionNo(written(b, bb)));
        },
      ),
    );
  });

  it('is idempotent, so a stored identity refolds to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        expect(foldDecisionNo(foldDecisionNo(s))).toBe(foldDecisionNo(s));
      }),
    );
  });

  it('a soft hyphen inside a recorded number is the same case (issue 10)', () => {
    expect(foldDecisionNo('渝万州市监处字〔2023〕49\u00ad7号')).toBe('渝万州市监处字〔2023〕497号');
    expect(foldDecisionNo('\u202b渝万州市监处字【2023】497号\u202c')).toBe('渝万州市监处字〔2023〕497号');
  });
});

describe('nfkcStable: when foldNumberText may skip NFKC', () => {
  it('every code unit it accepts is its own NFKC form', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (nfkcStable(ch)) expect(ch.normalize('NFKC')).toBe(ch);
    }
  });
  it('a string it accepts is its own NFKC form, so the fold is the same with or without NFKC', () => {
    const accepted = fc.string({
      unit: fc.constantFrom('a', 'Z', '1', '[', '〔', '】', '。', '字', '\u0300', '\u3099', 'ｶ', '﹝', '①', ' '),
    });
    fc.assert(
      fc.property(accepted, (s) => {
        if (nfkcStable(s)) expect(s.normalize('NFKC')).toBe(s);
        expect(foldNumberText(s)).toBe(foldNumberText(s.normalize('NFKC')));
      }),
    );
  });
  it('refuses combining marks, compatibility and full-width forms', () => {
    for (const s of ['e\u0301', 'か\u3099', '①', '２０２３', '﹝2023﹞', '\ufb01', '\uf900']) expect(nfkcStable(s)).toBe(false);
    expect(nfkcStable('渝万州市监处字〔2023〕497号')).toBe(true);
  });
});

describe('foldDecisionNo against its definition', () => {
  it('gives what NFKC, folding, dash and bracket replacing give, numbers already folded included', () => {
    const definition = (s: string) =>
      removeSpace(foldWidth(s.normalize('NFKC')))
        .replace(/[\u2010-\u2015\u2212\u2e3a\u2e3b]/g, '-')
        .replace(/[([{<〔【〖〘〚《〈「『⟦⟨⟪⟬⟮❨❪❬❮❰❲❴⦅⦃⦗‹⁅⸨]([0-9Oo〇○]{4})[)\]}>〕】〗〙〛》〉」』⟧⟩⟫⟭⟯❩❫❭❯❱❳❵⦆⦄⦘›⁆⸩]/g, '〔$1〕');
    const unit = fc.constantFrom(
      '渝',
      '字',
      '号',
      '2',
      '0',
      '3',
      '〔',
      '〕',
      '[',
      ']',
      '【',
      '】',
      '(',
      ')',
      '（',
      '﹝',
      '—',
      '－',
      '-',
      ' ',
      '\u200b',
      '２',
    );
    fc.assert(fc.property(fc.string({ unit, maxLength: 16 }), (s) => void expect(foldDecisionNo(s)).toBe(definition(s))));
    for (const s of ['市监处字〔2023)497号', '市监处字(2023〕497号', '市监处字〔2023〕497号'])
      expect(foldDecisionNo(s)).toBe('市监处字〔2023〕497号');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCitations } from '../../../lib/facts/citations';
import { toChineseNumeral } from './cn-numerals';

const short = (text: string) => parseCitations(text).map(({ law, article, paragraph, item }) => ({ law, article, paragraph, item }));

describe('parseCitations', () => {
  it('reads a full citation with the full law name', () => {
    expect(parseCitations('《中华人民共和国食品安全法》第一百二十二条第一款')).toEqual([
      {
        law: '食品安全法',
        lawFull: '中华人民共和国食品安全法',
        article: 122,
        paragraph: 1,
        text: '《中华人民共和国食品安全法》第一百二十二条第一款',
      },
    ]);
  });

  it('reads Arabic article numbers and short names', () => {
    expect(short('《食品安全法》第122条')).toEqual([{ law: '食品安全法', article: 122, paragraph: undefined, item: undefined }]);
  });

  it('reads items in brackets', () => {
    expect(short('依据《食品安全法》第三十四条第（四）项')).toEqual([{ law: '食品安全法', article: 34, paragraph: undefined, item: 4 }]);
    expect(short('《食品安全法》第一百二十四条第一款第四项')).toEqual([{ law: '食品安全法', article: 124, paragraph: 1, item: 4 }]);
  });

  it('reads several citations in one field', () => {
    expect(short('依据《食品安全法》第一百二十二条第一款、《中华人民共和国行政处罚法》第二十八条第一款之规定')).toEqual([
      { law: '食品安全法', article: 122, paragraph: 1, item: undefined },
      { law: '行政处罚法', article: 28, paragraph: 1, item: undefined },
    ]);
  });

  it('reads lists of articles, paragraphs and items', () => {
    expect(short('《食品安全法》第一百二十二条、第一百二十四条')).toEqual([
      { law: '食品安全法', article: 122, paragraph: undefined, item: undefined },
      { law: '食品安全法', article: 124, paragraph: undefined, item: undefined },
    ]);
    expect(short('《食品安全法》第一百二十四条第一款第（一）、（三）项')).toEqual([
      { law: '食品安全法', article: 124, paragraph: 1, item: 1 },
      { law: '食品安全法', article: 124, paragraph: 1, item: 3 },
    ]);
    expect(short('《产品质量法》第四十九条第一款、第二款')).toEqual([
      { law: '产品质量法', article: 49, paragraph: 1, item: undefined },
      { law: '产品质量法', article: 49, paragraph: 2, item: undefined },
    ]);
  });

  it('attributes articles without 《》 to the law named before them', () => {
    expect(short('违反了《食品安全法》第三十五条第一款的规定，依据该法第一百二十二条第一款')).toEqual([
      { law: '食品安全法', article: 35, paragraph: 1, item: undefined },
      { law: '食品安全法', article: 122, paragraph: 1, item: undefined },
    ]);
  });

  it('recognises a known law name written without 《》', () => {
    expect(short('依据中华人民共和国食品安全法第一百二十二条')).toEqual([
      { law: '食品安全法', article: 122, paragraph: undefined, item: undefined },
    ]);
  });

  it('strips version notes and takes licences in 《》 for what they are', () => {
    expect(short('《中华人民共和国食品安全法（2021年修正）》第一百二十二条')[0]?.law).toBe('食品安全法');
    expect(short('吊销《食品经营许可证》第一条')).toEqual([]);
  });

  it('skips articles whose law is unknown', () => {
    expect(parseCitations('依据第一百二十二条')).toEqual([]);
    expect(parseCitations('')).toEqual([]);
  });

  it('parses back numbers written in Chinese numerals or digits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        fc.boolean(),
        (article, paragraph, item, chinese) => {
          const n = (x: number) => (chinese ? toChineseNumeral(x) : String(x));
          const text =
            `依据《中华人民共和国产品质量法》第${n(article)}条` +
            (paragraph ? `第${n(paragraph)}款` : '') +
            (item ? `第（${n(item)}）项` : '');
          expect(short(text)).toEqual([{ law: '产品质量法', article, paragraph, item }]);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMoney, moneyAt, parseMoney } from '../../../lib/text';

const UPPER = { digits: '零壹贰叁肆伍陆柒捌玖', units: ['', '拾', '佰', '仟'] };
const LOWER = { digits: '零一二三四五六七八九', units: ['', '十', '百', '千'] };

/** Renders a non-negative integer below 10^12 in Chinese numerals (the test's own renderer). */
function renderChinese(n: number, style: typeof UPPER): string {
  if (n === 0) return style.digits[0]!;
  const sections = [n % 1e4, Math.floor(n / 1e4) % 1e4, Math.floor(n / 1e8)];
  const sectionUnits = ['', '万', '亿'];
  let out = '';
  let higherNonZero = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const sec = sections[i]!;
    if (sec === 0) continue;
    if (higherNonZero && sec < 1000) out += style.digits[0];
    let zero = false;
    let started = false;
    for (let p = 3; p >= 0; p--) {
      const d = Math.floor(sec / 10 ** p) % 10;
      if (d === 0) {
        if (started) zero = true;
        continue;
      }
      if (zero) out += style.digits[0];
      zero = false;
      started = true;
      out += style.digits[d]! + style.units[p]!;
    }
    out += sectionUnits[i];
    higherNonZero = true;
  }
  return out;
}

describe('renderChinese (test helper)', () => {
  it('renders the usual forms', () => {
    expect(renderChinese(123456, UPPER)).toBe('壹拾贰万叁仟肆佰伍拾陆');
    expect(renderChinese(50000, UPPER)).toBe('伍万');
    expect(renderChinese(100203, LOWER)).toBe('一十万零二百零三');
    expect(renderChinese(1000000005, LOWER)).toBe('一十亿零五');
  });
});

describe('findMoney', () => {
  it.each([
    ['罚款50000元', 50000, false, '50000元'],
    ['罚款5万元', 50000, false, '5万元'],
    ['5.5万元', 55000, false, '5.5万元'],
    ['违法所得1.2万余元', 12000, true, '1.2万余元'],
    ['处人民币伍万元整罚款', 50000, false, '人民币伍万元整'],
    ['壹拾贰万叁仟肆佰伍拾陆元柒角捌分', 123456.78, false, '壹拾贰万叁仟肆佰伍拾陆元柒角捌分'],
    ['罚没款合计135万余元', 1350000, true, '135万余元'],
    ['罚款50,000元', 50000, false, '50,000元'],
    ['￥50000', 50000, false, '￥50000'],
    ['¥1,234.5', 1234.5, false, '¥1,234.5'],
    ['罚款5000.00元', 5000, false, '5000.00元'],
    ['罚款伍仟元', 5000, false, '伍仟元'],
    ['罚款三千元', 3000, false, '三千元'],
    ['罚款3亿元', 300000000, false, '3亿元'],
    ['罚款2.5亿元', 250000000, false, '2.5亿元'],
    ['货值10余万元', 100000, true, '10余万元'],
    ['１．２万元', 12000, false, '１．２万元'],
    ['罚款人民币 5000 元', 5000, false, '人民币 5000 元'],
    ['违法所得1万2千元', 12000, false, '1万2千元'],
    ['0.1万元', 1000, false, '0.1万元'],
    ['壹佰元零伍分', 100.05, false, '壹佰元零伍分'],
    ['叁万元零柒角', 30000.7, false, '叁万元零柒角'],
    ['罚款伍万元零', 50000, false, '伍万元'],
  ])('%s', (input, yuan, approximate, text) => {
    const [m, ...rest] = findMoney(input);
    expect(rest).toEqual([]);
    expect(m).toEqual({ yuan, approximate, text, index: input.indexOf(text) });
  });

  it('finds several amounts in order, with their positions', () => {
    const s = '没收违法所得3000元，并处罚款5万元，罚没款合计5.3万元。';
    expect(findMoney(s).map((m) => [m.yuan, m.index])).toEqual([
      [3000, s.indexOf('3000元')],
      [50000, s.indexOf('5万元')],
      [53000, s.indexOf('5.3万元')],
    ]);
  });

  it('does not take dates, articles, decision numbers or codes for money', () => {
    const s =
      '依据《食品安全法》第122条第一款，2023年7月14日作出渝万州市监处字〔2023〕497号决定，' +
      '当事人统一社会信用代码91500101MA5U20230X，数万元';
    expect(findMoney(s)).toEqual([]);
  });

  it('rounds to cents', () => {
    expect(findMoney('0.3万元')[0]?.yuan).toBe(3000);
    expect(findMoney('1.1万元')[0]?.yuan).toBe(11000);
    expect(findMoney('1.005元')[0]?.yuan).toBe(1.01);
  });
});

describe('parseMoney', () => {
  it('takes the first amount in text', () => {
    expect(parseMoney('罚款5万元，没收1000元')?.yuan).toBe(50000);
  });
  it('reads a bare number as yuan', () => {
    expect(parseMoney('50000')).toEqual({ yuan: 50000, approximate: false, text: '50000', index: 0 });
    expect(parseMoney(' 5.5 ')).toEqual({ yuan: 5.5, approximate: false, text: '5.5', index: 1 });
    expect(parseMoney('50,000')?.yuan).toBe(50000);
    expect(parseMoney('伍万')?.yuan).toBe(50000);
    expect(parseMoney('5万')?.yuan).toBe(50000);
  });
  it('multiplies bare numbers in a 万元 column, not amounts that name their unit', () => {
    expect(parseMoney('5.5', { unit: 'wan' })?.yuan).toBe(55000);
    expect(parseMoney('0.35', { unit: 'wan' })?.yuan).toBe(3500);
    expect(parseMoney('5万', { unit: 'wan' })?.yuan).toBe(50000);
    expect(parseMoney('3000元', { unit: 'wan' })?.yuan).toBe(3000);
    expect(parseMoney('5.5', { unit: 'yuan' })?.yuan).toBe(5.5);
  });
  it.each(['', '  ', '无', '-', '见附件', '2023年7月14日', '第122条'])('returns null for %j', (s) => {
    expect(parseMoney(s)).toBeNull();
  });
});

describe('money round trip (property)', () => {
  const amount = fc.integer({ min: 1, max: 999_999_999_999 });

  it('Arabic N元 parses back', () => {
    fc.assert(
      fc.property(amount, (n) => {
        expect(findMoney(`罚款${n}元`)[0]?.yuan).toBe(n);
      }),
    );
  });

  it('X万元 parses back when divisible by 10000, also with decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (w) => {
        expect(findMoney(`罚款${w}万元`)[0]?.yuan).toBe(w * 10000);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), (hundreds) => {
        // hundreds of yuan written as 万 with up to two decimals: 123 → 1.23万元 = 12300
        const text = `${Math.floor(hundreds / 100)}.${String(hundreds % 100).padStart(2, '0')}万元`;
        expect(findMoney(text)[0]?.yuan).toBe(hundreds * 100);
      }),
    );
  });

  it('thousands separators parse back', () => {
    fc.assert(
      fc.property(amount, (n) => {
        expect(findMoney(`${n.toLocaleString('en-US')}元`)[0]?.yuan).toBe(n);
      }),
    );
  });

  it('大写 with 元整 and lower-case numerals parse back', () => {
    fc.assert(
      fc.property(amount, (n) => {
        expect(findMoney(`处人民币${renderChinese(n, UPPER)}元整罚款`)[0]?.yuan).toBe(n);
        expect(findMoney(`罚款${renderChinese(n, LOWER)}元`)[0]?.yuan).toBe(n);
      }),
    );
  });

  it('大写 with 角 and 分 parses back to the cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (n, jiao, fen) => {
          const text = `${renderChinese(n, UPPER)}元${UPPER.digits[jiao]}角${UPPER.digits[fen]}分`;
          expect(findMoney(text)[0]?.yuan).toBe((n * 100 + jiao * 10 + fen) / 100);
        },
      ),
    );
  });

  it('余 marks a lower bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (n) => {
        expect(findMoney(`${n}万余元`)[0]).toMatchObject({ yuan: n * 10000, approximate: true });
      }),
    );
  });
});

describe('moneyAt', () => {
  it('reads the amount a text starts with', () => {
    expect(moneyAt('5000元，没收违法所得')).toMatchObject({ yuan: 5000, text: '5000元', index: 0 });
    expect(moneyAt('人民币伍万元整')).toMatchObject({ yuan: 50000, index: 0 });
    expect(moneyAt('１．２万余元')).toMatchObject({ yuan: 12000, approximate: true, text: '１．２万余元' });
    expect(moneyAt('共计5000元')).toBeNull();
    expect(moneyAt('2023年')).toBeNull();
  });

  it('is findMoney’s first amount when it stands at the start (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '人民币',
        '￥',
        '¥',
        'RMB',
        '元',
        '圆',
        '万',
        '亿',
        '千',
        '余',
        '多',
        '角',
        '分',
        '整',
        '零',
        ',',
        '.',
        ' ',
        '，',
        '壹',
        '拾',
        '伍',
        '五',
        '十',
        '百',
        '〇',
        '罚款',
        '１',
        '５',
      ),
      fc.integer({ min: 0, max: 99999 }).map(String),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }).map((xs) => xs.join('')),
        (s) => {
          const first = findMoney(s)[0];
          expect(moneyAt(s)).toEqual(first && first.index === 0 ? first : null);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

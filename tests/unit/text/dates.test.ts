import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  compareIso,
  decisionNoYear,
  parseDateInterval,
  findDates,
  isIsoDate,
  parseDate,
  todayInChina,
} from '../../../lib/text';

const CN = '〇一二三四五六七八九';
const cnYear = (y: number): string => Array.from(String(y), (d) => CN[Number(d)]).join('');
/** 1–31 in Chinese: 十, 十四, 二十, 三十一. */
function cnSmall(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens > 1 ? CN[tens] : '') + (tens > 0 ? '十' : '') + (ones > 0 ? CN[ones] : '');
}
const pad = (n: number): string => String(n).padStart(2, '0');
const fullWidth = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('parseDate', () => {
  it.each([
    ['2023年7月14日', '2023-07-14'],
    ['2023年07月14日', '2023-07-14'],
    ['2023 年 7 月 14 日', '2023-07-14'],
    ['2023-07-14', '2023-07-14'],
    ['2023/7/14', '2023-07-14'],
    ['2023.7.14', '2023-07-14'],
    ['20230714', '2023-07-14'],
    ['二〇二三年七月十四日', '2023-07-14'],
    ['二O二三年十二月三十一日', '2023-12-31'],
    ['二零二四年二月二十九日', '2024-02-29'],
    ['（2023年7月14日）', '2023-07-14'],
    ['作出决定的日期：2023年7月14日。', '2023-07-14'],
    ['２０２３－０７－１４', '2023-07-14'],
    ['2023-07-14 10:30:00', '2023-07-14'],
    ['45121', '2023-07-14'],
    ['45121.5', '2023-07-14'],
  ])('%s → %s', (input, iso) => {
    expect(parseDate(input)).toBe(iso);
  });

  it.each(['2023-02-30', '2023年2月29日', '2023年13月1日', '20231301', '2023-7', '19000', '90000', '', '无', '第122条'])(
    'rejects %j',
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );

  it('does not read dates out of identity or credit codes', () => {
    expect(findDates('身份证号110105194912310021，代码91500101MA5U20230X')).toEqual([]);
  });

  it('finds every date with its position', () => {
    const s = '于2023年7月1日立案，2023-07-14作出决定';
    expect(findDates(s)).toEqual([
      { iso: '2023-07-01', index: s.indexOf('2023年') },
      { iso: '2023-07-14', index: s.indexOf('2023-07-14') },
    ]);
  });
});

describe('date round trip (property)', () => {
  const date = fc
    .record({ y: fc.integer({ min: 1900, max: 2199 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .filter(({ y, m, d }) => d <= new Date(Date.UTC(y, m, 0)).getUTCDate());

  it('every written form parses back to the ISO date', () => {
    fc.assert(
      fc.property(date, ({ y, m, d }) => {
        const iso = `${y}-${pad(m)}-${pad(d)}`;
        const forms = [
          `${y}年${m}月${d}日`,
          `${y}年${pad(m)}月${pad(d)}日`,
          `${cnYear(y)}年${cnSmall(m)}月${cnSmall(d)}日`,
          iso,
          `${y}/${m}/${d}`,
          `${y}.${m}.${d}`,
          `${y}${pad(m)}${pad(d)}`,
          fullWidth(`${y}年${m}月${d}日`),
          `（落款：${y}年${m}月${d}日）`,
        ];
        for (const f of forms) expect(parseDate(f), f).toBe(iso);
      }),
    );
  });

  it('Excel serial numbers parse to the same day', () => {
    const epoch = Date.UTC(1899, 11, 30);
    fc.assert(
      fc.property(fc.integer({ min: 20000, max: 80000 }), (n) => {
        const iso = new Date(epoch + n * 86_400_000).toISOString().slice(0, 10);
        expect(parseDate(String(n))).toBe(iso);
      }),
    );
  });

  it('impossible days are rejected', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
        expect(parseDate(`${y}年${m}月${last + 1}日`)).toBeNull();
        expect(parseDate(`${y}-${pad(m)}-${last}`)).toBe(`${y}-${pad(m)}-${pad(last)}`);
      }),
    );
  });
});

describe('date helpers', () => {
  it('todayInChina uses UTC+8', () => {
    expect(todayInChina(new Date('2023-07-13T15:59:59Z'))).toBe('2023-07-13');
    expect(todayInChina(new Date('2023-07-13T16:00:00Z'))).toBe('2023-07-14');
    expect(todayInChina(new Date('2023-12-31T20:00:00Z'))).toBe('2024-01-01');
  });
  it('addYears and addMonths clamp to the month end', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2023-07-14', 3)).toBe('2026-07-14');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2023-03-15', -3)).toBe('2022-12-15');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
  it('compareIso orders dates', () => {
    expect(compareIso('2021-09-01', '2021-08-31')).toBeGreaterThan(0);
    expect(compareIso('2021-08-31', '2021-09-01')).toBeLessThan(0);
    expect(compareIso('2021-09-01', '2021-09-01')).toBe(0);
  });
  it('isIsoDate accepts only real days in canonical form', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-7-14')).toBe(false);
  });
});

describe('parseDateInterval', () => {
  it.each([
    ['2023年7月14日', '2023-07-14', '2023-07-14', 'day'],
    ['2016年10月', '2016-10-01', '2016-10-31', 'month'],
    ['二〇一六年十月', '2016-10-01', '2016-10-31', 'month'],
    ['2024年2月', '2024-02-01', '2024-02-29', 'month'],
    ['２０２３年２月', '2023-02-01', '2023-02-28', 'month'],
    ['2016-10', '2016-10-01', '2016-10-31', 'month'],
    ['2016/10', '2016-10-01', '2016-10-31', 'month'],
    ['2021年', '2021-01-01', '2021-12-31', 'year'],
    ['2021', '2021-01-01', '2021-12-31', 'year'],
    ['二〇二一年', '2021-01-01', '2021-12-31', 'year'],
  ])('%s → %s … %s', (s, from, to, precision) => {
    expect(parseDateInterval(s)).toEqual({ from, to, precision });
  });

  it('gives null for what names no date, and never a month that does not exist', () => {
    for (const s of ['', '待定', '2023年13月', '2023年2月30日', '13:30', '12号']) expect(parseDateInterval(s), s).toBeNull();
  });

  it('reads the year of a decision number', () => {
    expect(decisionNoYear('渝万州市监处字〔2016〕497号')).toEqual({ from: '2016-01-01', to: '2016-12-31', precision: 'year' });
    expect(decisionNoYear('沪浦市监处1023号')).toBeNull();
  });

  it('every interval is well formed and holds the day parseDate reads', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2100 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const i = parseDateInterval(`${y}年${m}月`)!;
        expect(isIsoDate(i.from) && isIsoDate(i.to) && i.from <= i.to).toBe(true);
        expect(addDays(i.to, 1).slice(8)).toBe('01');
      }),
    );
  });
});

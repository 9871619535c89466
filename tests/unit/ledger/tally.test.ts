import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { zhThrown } from '../words';
import { DOMAINS, DOMAIN_TITLES } from '../../../lib/facts/domain';
import { makeValidUscc } from '../../../lib/party';
import { COUNTING_RULES, countingRules, recordCase, tallyTable, tallyTableFromDb, type StatsTable } from '../../../lib/ledger';
import { freshDb, makeCase, putCases } from './helpers';

const period = { from: '2023-07-01', to: '2023-07-31' };
const row = (t: StatsTable, key: string) => t.rows.find((r) => r.key === key)!;
const total = (t: StatsTable) => row(t, 'total');

describe('tallyTable', () => {
  it('has the seven annex rows in order, 合计 last', () => {
    const t = tallyTable([], period);
    expect(t.rows.map((r) => r.title)).toEqual([
      '食品安全',
      '药品、医疗器械、化妆品',
      '质量安全',
      '侵害消费者权益',
      '破坏公平竞争秩序和扰乱市场秩序',
      '其他',
      '合计',
    ]);
    expect(t.rows.map((r) => r.key)).toEqual([...DOMAINS, 'total']);
    expect(t.rows.slice(0, 6).map((r) => r.title)).toEqual(DOMAINS.map((d) => DOMAIN_TITLES[d]));
    expect(t.notes).toEqual(countingRules('zh'));
  });

  it('counts listings on the first and last day of the period and not the day before or after', () => {
    const t = tallyTable(
      [
        makeCase({ listingDate: '2023-06-30' }),
        makeCase({ listingDate: '2023-07-01' }),
        makeCase({ listingDate: '2023-07-15' }),
        makeCase({ listingDate: '2023-07-31' }),
        makeCase({ listingDate: '2023-08-01' }),
        makeCase({ listingDate: null }),
      ],
      period,
    );
    expect(row(t, 'food').listed).toBe(3);
    expect(total(t).listed).toBe(3);
  });

  it('applies the same inclusive bounds to exposure and repeat-offender publicity dates', () => {
    const t = tallyTable(
      [
        makeCase({ exposureDate: '2023-06-30', repeatPublicityDate: '2023-06-30', uscc: makeValidUscc('91110000MA0000001') }),
        makeCase({ exposureDate: '2023-07-01', repeatPublicityDate: '2023-07-01', uscc: makeValidUscc('91110000MA0000002') }),
        makeCase({ exposureDate: '2023-07-31', repeatPublicityDate: '2023-07-31', uscc: makeValidUscc('91110000MA0000003') }),
        makeCase({ exposureDate: '2023-08-01', repeatPublicityDate: '2023-08-01', uscc: makeValidUscc('91110000MA0000004') }),
      ],
      period,
    );
    expect(total(t).exposed).toBe(2);
    expect(total(t).repeatOffenders).toBe(2);
  });

  it('counts a period of one day', () => {
    const t = tallyTable([makeCase({ listingDate: '2023-07-31' }), makeCase({ listingDate: '2023-07-30' })], {
      from: '2023-07-31',
      to: '2023-07-31',
    });
    expect(total(t).listed).toBe(1);
  });

  it('counts a case once however often it is given (latest revision decides its row)', () => {
    const c = makeCase({ listingDate: '2023-07-10', domain: 'food', exposureDate: '2023-07-11' });
    const later = { ...c, domain: 'drug' as const, revision: 2 };
    const t = tallyTable([c, later, c], period);
    expect(total(t).listed).toBe(1);
    expect(total(t).exposed).toBe(1);
    expect(row(t, 'drug').listed).toBe(1);
    expect(row(t, 'food').listed).toBe(0);
  });

  it('counts distinct parties for 户数: by credit code, else by normalised name', () => {
    const code = makeValidUscc('91110000MA0000011');
    const t = tallyTable(
      [
        makeCase({ uscc: code, partyName: '甲公司', repeatPublicityDate: '2023-07-02' }),
        makeCase({ uscc: code, partyName: '甲公司（更名后）', repeatPublicityDate: '2023-07-03' }),
        makeCase({ uscc: null, partyName: '乙商行', repeatPublicityDate: '2023-07-04' }),
        makeCase({ uscc: null, partyName: ' 乙商行 ', repeatPublicityDate: '2023-07-05' }),
        makeCase({ uscc: null, partyName: '丙商行', repeatPublicityDate: '2023-07-05' }),
      ],
      period,
    );
    expect(total(t).repeatOffenders).toBe(3);
  });

  it('takes a name-only record of a party as the party with that name and a code', () => {
    const code = makeValidUscc('91110000MA0000012');
    const t = tallyTable(
      [
        makeCase({ uscc: code, partyName: '丁公司', repeatPublicityDate: '2023-07-02' }),
        makeCase({ uscc: null, partyName: '丁公司', repeatPublicityDate: '2023-07-03' }),
      ],
      period,
    );
    expect(total(t).repeatOffenders).toBe(1);
  });

  it('counts a party recorded in two domains once: in the row of its latest publicity, and once in 合计', () => {
    const code = makeValidUscc('91110000MA0000013');
    const t = tallyTable(
      [
        makeCase({ uscc: code, domain: 'food', repeatPublicityDate: '2023-07-02' }),
        makeCase({ uscc: code, domain: 'quality', repeatPublicityDate: '2023-07-20' }),
        makeCase({ uscc: makeValidUscc('91110000MA0000014'), domain: 'food', repeatPublicityDate: '2023-07-03' }),
      ],
      period,
    );
    expect(row(t, 'food').repeatOffenders).toBe(1);
    expect(row(t, 'quality').repeatOffenders).toBe(1);
    expect(total(t).repeatOffenders).toBe(2);
    const rule = COUNTING_RULES.find((r) => r.id === 'repeatOffenders')!;
    expect(rule.zh).toContain('最近一次公示');
  });

  it('makes 合计 the sum of the rows for every column', () => {
    const cases = DOMAINS.flatMap((domain, i) =>
      Array.from({ length: i + 1 }, (_, k) =>
        makeCase({
          domain,
          listingDate: '2023-07-05',
          exposureDate: k % 2 ? '2023-07-06' : null,
          repeatPublicityDate: '2023-07-07',
          partyName: `户${domain}${k}`,
        }),
      ),
    );
    const t = tallyTable(cases, period);
    for (const f of ['listed', 'repeatOffenders', 'exposed'] as const) {
      expect(total(t)[f]).toBe(t.rows.slice(0, 6).reduce((n, r) => n + r[f], 0));
    }
    expect(total(t).listed).toBe(21);
    expect(row(t, 'other').listed).toBe(6);
  });

  it('filters by recording unit', () => {
    const t = tallyTable(
      [makeCase({ unit: '甲县局', listingDate: '2023-07-05' }), makeCase({ unit: '乙县局', listingDate: '2023-07-05' })],
      { ...period, unit: '甲县局' },
    );
    expect(total(t).listed).toBe(1);
    expect(t.unit).toBe('甲县局');
  });

  it('refuses a bad period with a Chinese message', () => {
    expect(zhThrown(() => tallyTable([], { from: '2023-08-01', to: '2023-07-01' }))).toMatch(
      /^统计条件有误：统计期间的开始日期不能晚于结束日期$/,
    );
    expect(zhThrown(() => tallyTable([], { from: '2023-02-30', to: '2023-07-01' }))).toMatch(/日期/);
  });
});

describe('tallyTableFromDb', () => {
  it('agrees with tallyTable over the same cases, whether few or most cases fall in the period', async () => {
    const db = freshDb();
    const cases = Array.from({ length: 60 }, (_, i) =>
      makeCase({
        domain: DOMAINS[i % 6],
        listingDate: i % 3 === 0 ? `2023-07-${String((i % 28) + 1).padStart(2, '0')}` : '2023-05-01',
        exposureDate: i % 4 === 0 ? '2023-07-31' : null,
        repeatPublicityDate: i % 5 === 0 ? '2023-07-01' : null,
        partyName: `户${i % 7}`,
      }),
    );
    await putCases(db, cases);
    for (const p of [period, { from: '2023-01-01', to: '2023-12-31' }, { from: '2024-01-01', to: '2024-12-31' }]) {
      expect(await tallyTableFromDb(db, p)).toEqual(tallyTable(cases, p));
    }
    expect(total(await tallyTableFromDb(db, { ...period, unit: '别的局' })).listed).toBe(0);
  });

  it('agrees with tallyTable when only a few of many cases fall in the period', async () => {
    const db = freshDb();
    const outside = Array.from({ length: 200 }, () => makeCase({ listingDate: '2022-03-01', exposureDate: '2022-03-02' }));
    const inside = [
      makeCase({ domain: 'drug', listingDate: '2023-07-01', exposureDate: '2023-07-01' }),
      makeCase({ domain: 'quality', listingDate: '2023-07-31' }),
      makeCase({ domain: 'other', repeatPublicityDate: '2023-07-15', partyName: '己公司' }),
    ];
    await putCases(db, [...outside, ...inside]);
    const t = await tallyTableFromDb(db, period);
    expect(t).toEqual(tallyTable([...outside, ...inside], period));
    expect([total(t).listed, total(t).repeatOffenders, total(t).exposed]).toEqual([2, 1, 1]);
    expect(row(t, 'drug').exposed).toBe(1);
  });

  it('keeps a listing date typed as 23:30 China time in its own day', async () => {
    const db = freshDb();
    await recordCase(db, {
      decisionNo: '测市监处罚〔2023〕900号',
      partyName: '戊公司',
      domain: 'food',
      verdict: 'must-list',
      listingDate: '2023-07-31T23:30:00+08:00',
      unit: '某县局',
      recorder: '张三',
    });
    expect(total(await tallyTableFromDb(db, period)).listed).toBe(1);
    expect(total(await tallyTableFromDb(db, { from: '2023-08-01', to: '2023-08-31' })).listed).toBe(0);
  });
});

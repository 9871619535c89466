import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../lib/errors';
import { caseHistory, ledgerCharts, listingsPerMonthByDomain, recordedUnits, verdictShares } from '../../../lib/ledger';
import { freshDb, makeCase, putCases } from './helpers';

describe('listingsPerMonthByDomain', () => {
  it('counts listings per month and domain inside the period, one per case', () => {
    const c = makeCase({ domain: 'drug', listingDate: '2023-08-31' });
    const r = listingsPerMonthByDomain(
      [
        makeCase({ domain: 'food', listingDate: '2023-06-30' }),
        makeCase({ domain: 'food', listingDate: '2023-07-01' }),
        makeCase({ domain: 'food', listingDate: '2023-07-20' }),
        c,
        c,
        makeCase({ domain: 'other', listingDate: '2023-09-01' }),
      ],
      { from: '2023-07-01', to: '2023-09-15' },
    );
    expect(r.months).toEqual(['2023-07', '2023-08', '2023-09']);
    const of = (d: string) => r.series.find((s) => s.domain === d)!.counts;
    expect(of('food')).toEqual([2, 0, 0]);
    expect(of('drug')).toEqual([0, 1, 0]);
    expect(of('other')).toEqual([0, 0, 1]);
    expect(r.series.map((s) => s.title)[0]).toBe('食品安全');
  });

  it('spans year ends', () => {
    expect(listingsPerMonthByDomain([], { from: '2023-11-15', to: '2024-02-01' }).months).toEqual([
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
    ]);
  });
});

describe('verdictShares', () => {
  it('gives the four shares in the one verdict order, counting a recorded case once', () => {
    const r = verdictShares([
      { id: 'a', verdict: 'review' },
      { id: 'a', verdict: 'must-list' },
      { verdict: 'must-list' },
      { verdict: 'not-required' },
      { verdict: 'not-required' },
    ]);
    expect(r.map((s) => [s.verdict, s.count])).toEqual([
      ['must-list', 2],
      ['review', 0],
      ['insufficient', 0],
      ['not-required', 2],
    ]);
    expect(r[0]!.share).toBeCloseTo(0.5);
    expect(verdictShares([]).every((s) => s.share === 0)).toBe(true);
  });
});

describe('ledgerCharts, recordedUnits and caseHistory (the 台账 page reads the ledger only through these)', () => {
  it('reads the charts of a period and unit from the stored ledger', async () => {
    const db = freshDb();
    await putCases(db, [
      makeCase({ domain: 'food', listingDate: '2023-07-03', decisionDate: '2023-06-20', verdict: 'must-list', unit: '甲县局' }),
      makeCase({ domain: 'drug', listingDate: '2023-08-10', decisionDate: '2023-07-05', verdict: 'review', unit: '乙县局' }),
      makeCase({ decisionDate: '2023-07-09', verdict: 'not-required', unit: '甲县局' }),
      makeCase({ decisionDate: '2024-01-09', verdict: 'must-list', unit: '甲县局' }),
    ]);
    const all = await ledgerCharts(db, { from: '2023-07-01', to: '2023-08-31' });
    expect(all.listings.series.find((s) => s.domain === 'food')!.counts).toEqual([1, 0]);
    expect(all.listings.series.find((s) => s.domain === 'drug')!.counts).toEqual([0, 1]);
    expect(all.shares.map((s) => [s.verdict, s.count])).toEqual([
      ['must-list', 0],
      ['review', 1],
      ['insufficient', 0],
      ['not-required', 1],
    ]);
    const mine = await ledgerCharts(db, { from: '2023-07-01', to: '2023-08-31', unit: '甲县局' });
    expect(mine.listings.series.find((s) => s.domain === 'drug')!.counts).toEqual([0, 0]);
    expect(mine.shares.find((s) => s.verdict === 'review')!.count).toBe(0);
    expect(await recordedUnits(db)).toEqual(['乙县局', '甲县局']);
    db.close();
  });

  it('refuses a period of more than ten years with a message to show, and a period that ends before it starts', async () => {
    const db = freshDb();
    await expect(ledgerCharts(db, { from: '2010-01-01', to: '2020-01-31' })).rejects.toSatisfy(
      (e) => errorMessage(e).key === 'chart_tooLong',
    );
    await expect(ledgerCharts(db, { from: '2011-01-01', to: '2020-12-31' })).resolves.toBeTruthy();
    await expect(ledgerCharts(db, { from: '2020-02-01', to: '2020-01-01' })).rejects.toSatisfy(
      (e) => errorMessage(e).key === 'ledgerError_period',
    );
    db.close();
  });

  it('gives a case’s history, and none for a case not in the ledger', async () => {
    const db = freshDb();
    const c = makeCase();
    await putCases(db, [c]);
    expect((await caseHistory(db, c.id)).length).toBeGreaterThan(0);
    expect(await caseHistory(db, 'no-such-case')).toEqual([]);
    db.close();
  });
});

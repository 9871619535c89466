import { describe, expect, it } from 'vitest';
import { listingsPerMonthByDomain, verdictShares } from '../../../lib/ledger';
import { makeCase } from './helpers';

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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verdictShares } from '../../../lib/ledger';
import { compareVerdicts, isVerdict, VERDICT_LABELS, VERDICTS, type Verdict } from '../../../lib/rules/verdicts';

const locale = (l: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../public/_locales', l, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >;

describe('the verdicts, defined once', () => {
  it('are ordered by what they ask of the handler: 应当列入, 需要研判, 信息不足, 无需列入', () => {
    expect(VERDICTS).toEqual(['must-list', 'review', 'insufficient', 'not-required']);
  });

  it('sort the audit rows and order the charts and filters the same way', () => {
    const shuffled: Verdict[] = ['not-required', 'insufficient', 'must-list', 'review', 'not-required', 'must-list'];
    expect([...shuffled].sort(compareVerdicts)).toEqual([
      'must-list',
      'must-list',
      'review',
      'insufficient',
      'not-required',
      'not-required',
    ]);
    expect(verdictShares(shuffled.map((verdict) => ({ verdict }))).map((s) => s.verdict)).toEqual([...VERDICTS]);
  });

  it('tells a verdict from other values (stored or imported data)', () => {
    for (const v of VERDICTS) expect(isVerdict(v)).toBe(true);
    for (const v of ['must_list', 'Must-list', '', null, 3, 'toString']) expect(isVerdict(v)).toBe(false);
  });

  it('has each of its words in both languages, distinct between verdicts', () => {
    const zh = locale('zh_CN');
    const en = locale('en');
    for (const form of ['name', 'short', 'sentence'] as const) {
      const words = VERDICTS.map((v) => VERDICT_LABELS[v][form]);
      for (const key of words) {
        expect(zh[key]?.message, key).toBeTruthy();
        expect(en[key]?.message, key).toBeTruthy();
      }
      expect(new Set(words.map((k) => zh[k]!.message)).size).toBe(VERDICTS.length);
    }
  });
});

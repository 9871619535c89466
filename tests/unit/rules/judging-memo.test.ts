import { describe, expect, it } from 'vitest';
import type { LegalCitation } from '../../../lib/facts/schema';
import { bundledPacks } from '../../../lib/rules';
import { JudgingMemo } from '../../../lib/rules/judging-memo';
import { compilePack, lawDateClass } from '../../../lib/rules/match';

const pack = compilePack(bundledPacks[0]!);
const cite = (article: number, text = `第${article}条`): LegalCitation => ({ law: '食品安全法', article, text });

describe('JudgingMemo', () => {
  it('reads texts once per class of date, and again for other texts, another class or other citations', () => {
    let calls = 0;
    const read = () => ({ n: ++calls });
    const memo = new JudgingMemo();
    const first = memo.recall(pack, 0, ['a', 'b'], [cite(34)], read);
    expect(memo.recall(pack, 0, ['a', 'b'], [cite(34)], read)).toBe(first);
    expect(memo.recall(pack, 0, ['ab', ''], [cite(34)], read)).not.toBe(first);
    expect(memo.recall(pack, 1, ['a', 'b'], [cite(34)], read)).not.toBe(first);
    expect(memo.recall(pack, 0, ['a', 'b'], [cite(35)], read)).not.toBe(first);
    expect(memo.recall(pack, 0, ['a', 'b'], [cite(34, '第三十四条')], read)).not.toBe(first);
    expect(calls).toBe(5);
  });

  it('starts afresh past its limit, and still answers right', () => {
    let calls = 0;
    const memo = new JudgingMemo(2);
    for (const t of ['a', 'b', 'c', 'a', 'b']) expect(memo.recall(pack, 0, [t], [], () => (calls++, t))).toBe(t);
    expect(calls).toBeGreaterThan(3);
  });
});

describe('lawDateClass', () => {
  it('gives two dates one class exactly when no law-version bound of the pack lies between or on them', () => {
    const bounds = pack.versionBounds;
    expect(bounds.length).toBeGreaterThan(0);
    const bound = bounds[0]!;
    const before = '1990-01-01';
    expect(lawDateClass(pack, before)).toBe(lawDateClass(pack, '1990-06-30'));
    expect(lawDateClass(pack, bound)).not.toBe(lawDateClass(pack, before));
    expect(lawDateClass(pack, bound)).not.toBe(
      lawDateClass(pack, `${bound.slice(0, 8)}${String(Number(bound.slice(8)) + 1).padStart(2, '0')}`),
    );
    expect(lawDateClass(pack, null)).not.toBe(lawDateClass(pack, before));
  });
});

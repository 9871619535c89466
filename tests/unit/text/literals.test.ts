import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiteralIndex, mayMatch, requiredLiterals, type LiteralTable } from '../../../lib/text';

const sorted = (xs: readonly string[] | null): string[] | null => (xs === null ? null : [...xs].sort());

describe('requiredLiterals', () => {
  it('reads literals, optional pieces and alternations', () => {
    expect(sorted(requiredLiterals('罚没?款'))).toEqual(['罚款', '罚没款']);
    expect(sorted(requiredLiterals('病死|毒死|死因不明'))).toEqual(['死因不明', '毒死', '病死']);
    expect(requiredLiterals('(?:婴幼儿|特定人群)[^。；]{0,30}营养成分[^。；]{0,15}不符合')).toEqual(['营养成分']);
    expect(requiredLiterals('警告(?!书)')).toEqual(['警告']);
    expect(requiredLiterals('场\\(厂\\)内')).toEqual(['场(厂)内']);
  });

  it('drops a member that contains another one', () => {
    expect(requiredLiterals('许可|生产许可')).toEqual(['许可']);
  });

  it('gives no guarantee for what can match anything or empty, or syntax it does not know', () => {
    for (const source of ['', 'a*', 'a?', '.', '[^a]+', 'a|', '(?:a|b*)', '\\d+', '(a)\\1', '\\k<x>', 'a{0,3}']) {
      expect(requiredLiterals(source), source).toBeNull();
    }
    expect(requiredLiterals('abc', 'i')).toBeNull();
    expect(requiredLiterals('abc', 'u')).toBeNull();
  });

  // Random patterns over a small alphabet: whenever one matches a random text, the text holds a literal.
  const atom = fc.oneof(fc.constantFrom('a', 'b', '甲', '\\.', '.', '[ab]', '[^a]', '\\d', '\\s', '^', '$', '\\b', '\\u0061', '\\x62'));
  const pattern: fc.Arbitrary<string> = fc.letrec<{ re: string }>((tie) => ({
    re: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      fc.tuple(tie('re'), tie('re')).map(([x, y]) => x + y),
      fc.tuple(tie('re'), tie('re')).map(([x, y]) => `(?:${x}|${y})`),
      fc.tuple(tie('re'), tie('re')).map(([x, y]) => `${x}|${y}`),
      fc.tuple(tie('re'), fc.constantFrom('?', '*', '+', '{2}', '{0,2}', '{1,3}', '+?')).map(([x, q]) => `(?:${x})${q}`),
      tie('re').map((x) => `(${x})`),
      tie('re').map((x) => `(?=${x})`),
      tie('re').map((x) => `(?<!${x})`),
    ),
  })).re;

  it('never rules out a text the pattern matches', () => {
    fc.assert(
      fc.property(pattern, fc.string({ unit: fc.constantFrom('a', 'b', '甲', '.', '1', ' '), maxLength: 12 }), (source, text) => {
        const literals = requiredLiterals(source);
        if (literals !== null) expect(literals.every((l) => l.length > 0)).toBe(true);
        if (new RegExp(source).test(text)) expect(mayMatch(literals, text)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('LiteralIndex', () => {
  const words = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '甲', '乙'), minLength: 1, maxLength: 3 }), { maxLength: 12 });
  const text = fc.string({ unit: fc.constantFrom('a', 'b', '甲', '乙', 'c'), maxLength: 30 });

  it('finds exactly the literals a text contains', () => {
    fc.assert(
      fc.property(words, text, (list, t) => {
        const index = new LiteralIndex();
        const ids = list.map((w) => index.add(w));
        const found = index.scan(t);
        list.forEach((w, i) => expect(index.has(found, ids[i]!), w).toBe(t.includes(w)));
        expect(index.mayMatch(found, ids)).toBe(list.some((w) => t.includes(w)));
      }),
    );
  });

  it('extends a scan to a text that grew at its end', () => {
    fc.assert(
      fc.property(words, text, text, (list, head, tail) => {
        const index = new LiteralIndex();
        const ids = list.map((w) => index.add(w));
        const grown = index.scan(head + tail, { found: index.scan(head), from: head.length });
        ids.forEach((id, i) => expect(index.has(grown, id), list[i]).toBe((head + tail).includes(list[i]!)));
      }),
    );
  });

  it('read back from its table (a prebuilt module), finds what the index it was made from finds', () => {
    fc.assert(
      fc.property(words, words, text, (list, more, t) => {
        const index = new LiteralIndex();
        const ids = list.map((w) => index.add(w));
        const table: LiteralTable = JSON.parse(JSON.stringify(index.toTable()));
        const back = LiteralIndex.fromTable(table);
        expect(back.scan(t).ids).toEqual(index.scan(t).ids);
        // literals added afterwards keep the ids of the first ones, and leave the table as it was
        const moreIds = more.map((w) => back.add(w));
        expect(list.map((w) => back.add(w))).toEqual(ids);
        const found = back.scan(t);
        [...list, ...more].forEach((w, i) => expect(back.has(found, [...ids, ...moreIds][i]!), w).toBe(t.includes(w)));
        expect(LiteralIndex.fromTable(table).toTable()).toEqual(index.toTable());
      }),
    );
  });

  it('gives one id per literal, always allows a pattern without literals and refuses a stale scan', () => {
    const index = new LiteralIndex();
    const a = index.add('吊销');
    expect(index.add('吊销')).toBe(a);
    const b = index.add('没收');
    const found = index.scan('依法吊销营业执照');
    expect(index.mayMatch(found, [a])).toBe(true);
    expect(index.mayMatch(found, [b])).toBe(false);
    expect(index.mayMatch(found, null)).toBe(true);
    index.scan('没收违法所得');
    expect(() => index.has(found, a)).toThrow();
    expect(() => index.add('')).toThrow();
  });
});

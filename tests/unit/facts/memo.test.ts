import { describe, expect, it } from 'vitest';
import { FieldMemo } from '../../../lib/facts';
import { recall, recallAll } from '../../../lib/facts/memo';

describe('FieldMemo', () => {
  it('reads each distinct text once per parser and gives the same result back', () => {
    const calls: string[] = [];
    const length = (text: string) => (calls.push(text), { n: text.length });
    const upper = (text: string, folded?: string) => (calls.push(`upper ${text}`), (folded ?? text).toUpperCase());
    const memo = new FieldMemo();
    const a = memo.recall(length, 'abc');
    expect(memo.recall(length, 'abc')).toBe(a);
    expect(memo.recall(length, 'de')).toEqual({ n: 2 });
    expect(memo.recall(upper, 'abc', 'abc')).toBe('ABC');
    expect(memo.recall(upper, 'abc', 'abc')).toBe('ABC');
    expect(calls).toEqual(['abc', 'de', 'upper abc']);
  });

  it('recalls null and undefined results too', () => {
    let calls = 0;
    const none = () => (calls++, null);
    const memo = new FieldMemo();
    expect(memo.recall(none, 'x')).toBeNull();
    expect(memo.recall(none, 'x')).toBeNull();
    expect(calls).toBe(1);
  });

  it('starts afresh past its limit, and still answers right', () => {
    let calls = 0;
    const twice = (text: string) => (calls++, text + text);
    const memo = new FieldMemo(2);
    for (const s of ['a', 'b', 'c', 'a', 'b', 'c']) expect(memo.recall(twice, s)).toBe(s + s);
    expect(calls).toBeGreaterThan(3);
  });

  it('recall without a memo simply parses', () => {
    let calls = 0;
    const parse = (text: string) => (calls++, text.length);
    expect(recall(undefined, parse, 'abcd')).toBe(4);
    expect(recall(undefined, parse, 'abcd')).toBe(4);
    expect(calls).toBe(2);
  });

  it('reads each distinct set of texts once, told apart by every text and its place', () => {
    const calls: string[][] = [];
    const joined = (...texts: string[]) => (calls.push(texts), { text: texts.join('|') });
    const memo = new FieldMemo();
    const a = recallAll(memo, joined, 'a', 'b', 'c');
    expect(recallAll(memo, joined, 'a', 'b', 'c')).toBe(a);
    expect(recallAll(memo, joined, 'a', 'bc', '').text).toBe('a|bc|');
    expect(recallAll(memo, joined, 'b', 'a', 'c').text).toBe('b|a|c');
    expect(recallAll(memo, joined, 'a', 'b', 'd').text).toBe('a|b|d');
    expect(calls).toHaveLength(4);
    expect(recallAll(undefined, joined, 'a', 'b', 'c')).toEqual(a);
    expect(calls).toHaveLength(5);
  });

  it('recalls sets of texts past its limit by starting afresh, and still answers right', () => {
    let calls = 0;
    const both = (x: string, y: string) => (calls++, `${x}${y}`);
    const memo = new FieldMemo(2);
    for (const [x, y] of [
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['a', '1'],
      ['b', '2'],
    ] as const) {
      expect(memo.recallAll(both, [x, y])).toBe(`${x}${y}`);
    }
    expect(calls).toBeGreaterThan(3);
  });
});

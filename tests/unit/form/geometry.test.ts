import { describe, expect, it } from 'vitest';
import { isLabelAtom, pairByLayout, type TextAtom } from '../../../lib/form/geometry';

// pairByLayout on boxes as a browser would lay them out (the DOM side is tested in real Chromium:
// tests/e2e/geometry.spec.ts). Elements are stand-ins: only their identity matters here.
const el = (name: string): Element => ({ name }) as unknown as Element;
const atom = (text: string, left: number, top: number, width = 80, height = 20): TextAtom => ({
  el: el(text),
  text,
  box: { left, top, right: left + width, bottom: top + height },
});
const box = (left: number, top: number, width = 160, height = 24) => ({ left, top, right: left + width, bottom: top + height });

describe('pairing by layout', () => {
  it('labels a control from the text left of it in its band, or right above it, nearest pairs first', () => {
    const left = atom('当事人', 10, 12);
    const above = atom('决定日期', 300, 0);
    const far = atom('备注', 10, 400);
    const { labels } = pairByLayout(
      [
        { el: el('a'), box: box(100, 10) },
        { el: el('b'), box: box(300, 30) },
      ],
      [left, above, far],
    );
    expect(labels.get(0)).toBe(left);
    expect(labels.get(1)).toBe(above);
  });

  it('pairs text in reading order: label, value, label, value along a band', () => {
    const atoms = [atom('当事人', 0, 0), atom('某某有限公司', 90, 0, 120), atom('裁量阶次', 230, 0), atom('从重', 320, 0)];
    const { pairs } = pairByLayout([], atoms);
    expect(pairs.map(([l, v]) => [l.text, v.text])).toEqual([
      ['当事人', '某某有限公司'],
      ['裁量阶次', '从重'],
    ]);
  });

  it('a column of labels is no column of values: the value sits beside, not below', () => {
    const atoms = [atom('当事人', 0, 0), atom('统一社会信用代码', 0, 24), atom('某公司', 100, 0), atom('91350102MA8C1L5R89', 100, 24, 160)];
    const { pairs } = pairByLayout([], atoms);
    expect(pairs.map(([l, v]) => [l.text, v.text])).toEqual([
      ['当事人', '某公司'],
      ['统一社会信用代码', '91350102MA8C1L5R89'],
    ]);
  });

  it('a label ending in a colon is never taken as a value; text out of reach stays unpaired', () => {
    const { pairs } = pairByLayout([], [atom('当事人', 0, 0), atom('住所：', 90, 0), atom('上海', 900, 0)]);
    expect(pairs).toEqual([]);
  });

  it('label-like text is short Chinese words, not a number, a sentence or a code', () => {
    expect(isLabelAtom('统一社会信用代码：')).toBe(true);
    expect(isLabelAtom('2024-03-18')).toBe(false);
    expect(isLabelAtom('经查，当事人销售过期食品。')).toBe(false);
    expect(isLabelAtom('91350102MA8C1L5R89')).toBe(false);
  });
});

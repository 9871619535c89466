import { describe, expect, it } from 'vitest';
import { choosePlacement } from '../../../entrypoints/reader.content/placement';

const viewport = { width: 1440, height: 900 };
const control = (left: number, right: number, top = 200) => ({ left, right, top, bottom: top + 32 });

describe('first placement of the overlay', () => {
  it('takes the right edge when the form leaves room there', () => {
    expect(choosePlacement([control(240, 700)], viewport)).toEqual({ position: { right: 16, top: 72 }, collapsed: false });
  });

  it('moves to the left edge when the form sits on the right, labels included', () => {
    const p = choosePlacement([control(800, 1400)], viewport);
    expect(p.collapsed).toBe(false);
    expect(p.position.right).toBe(1440 - 16 - 340);
  });

  it('a control whose label would be covered counts as covered', () => {
    // the control starts right of the left slot, but its label (to its left) is under it
    expect(choosePlacement([control(420, 1400)], viewport).collapsed).toBe(true);
  });

  it('collapses to the verdict pill when the form spans the whole width', () => {
    expect(choosePlacement([control(40, 1420)], viewport)).toEqual({ position: { right: 16, top: 72 }, collapsed: true });
  });
});

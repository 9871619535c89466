import { describe, expect, it } from 'vitest';
import { choosePlacement, openingPlacement } from '../../../entrypoints/reader.content/placement';

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

describe('the overlay never opens over the form’s own controls', () => {
  it('a control further down the page, in the panel’s column, is in its way too (it scrolls under it)', () => {
    expect(choosePlacement([control(1100, 1400, 2400)], viewport).position.right).toBe(1440 - 16 - 340);
  });

  it('a control in a header above the panel’s top line is not (scrolling never brings it under)', () => {
    expect(
      choosePlacement(
        [control(1200, 1400, 20)].map((c) => ({ ...c, bottom: 50 })),
        viewport,
      ),
    ).toEqual({
      position: { right: 16, top: 72 },
      collapsed: false,
    });
  });

  it('a remembered open panel that would cover this page’s controls opens as the pill', () => {
    const remembered = { collapsed: false, right: 16, top: 72 };
    expect(openingPlacement(remembered, [control(240, 700)], viewport)).toEqual(remembered);
    expect(openingPlacement(remembered, [control(1045, 1399)], viewport)).toEqual({ collapsed: true, right: 16, top: 72 });
  });

  it('the pill moves where it covers no control, near the top of the window', () => {
    const underPill = { left: 1300, right: 1420, top: 60, bottom: 100 };
    const p = openingPlacement({ collapsed: true, right: 16, top: 72 }, [underPill], viewport);
    expect(p.collapsed).toBe(true);
    const pill = { left: 1440 - p.right - 220, right: 1440 - p.right, top: p.top, bottom: p.top + 40 };
    expect(pill.left < underPill.right && pill.right > underPill.left && pill.top < underPill.bottom && pill.bottom > underPill.top).toBe(
      false,
    );
    expect(p.top).toBeLessThan(300);
    // a whole row of controls across the top: it goes below them
    const row = { left: 0, right: 1440, top: 60, bottom: 100 };
    expect(openingPlacement({ collapsed: true, right: 16, top: 72 }, [row], viewport).top).toBeGreaterThanOrEqual(100);
  });

  it('nothing remembered: the first placement', () => {
    expect(openingPlacement(null, [control(40, 1420)], viewport)).toEqual({ collapsed: true, right: 16, top: 72 });
  });
});

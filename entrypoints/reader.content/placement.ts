import type { OverlayPosition } from '../../components/Overlay';
import type { OverlayPlacement } from '../../lib/messaging/protocol';

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Viewport {
  width: number;
  height: number;
  /** how far the page is scrolled down (px) */
  scrollY?: number;
}

const PANEL_WIDTH = 340;
const MARGIN = 16;
const TOP = 72;
/** room a control's label usually takes to its left (or above it in a table layout) */
const LABEL_ALLOWANCE = 200;
/** the collapsed pill with a verdict and 应列未列 (overlay.css), rounded up */
const PILL = { width: 220, height: 40 };

/**
 * The panel stands fixed in the window, so as the page scrolls every control in its column passes under it: a
 * control (its label included) is in the way of a slot when their columns meet, unless the control sits above the
 * panel's top line in the page (a header's search box), where scrolling never brings it under the panel.
 */
function inTheWay(control: Rect, slot: { left: number; right: number }, scrollY: number): boolean {
  const left = control.left - LABEL_ALLOWANCE;
  return left < slot.right && control.right > slot.left && control.bottom + scrollY > TOP;
}

/**
 * First placement of the panel on a site: the right edge unless that covers a form control or its label, else
 * the left edge, else collapsed to the verdict pill where the pill covers no control (the user can always expand
 * or move it; the choice is remembered per site).
 */
export function choosePlacement(controls: readonly Rect[], viewport: Viewport): { position: OverlayPosition; collapsed: boolean } {
  const scrollY = viewport.scrollY ?? 0;
  const free = (left: number) => !controls.some((c) => inTheWay(c, { left, right: left + PANEL_WIDTH }, scrollY));
  if (free(viewport.width - MARGIN - PANEL_WIDTH)) return { position: { right: MARGIN, top: TOP }, collapsed: false };
  if (free(MARGIN)) return { position: { right: viewport.width - MARGIN - PANEL_WIDTH, top: TOP }, collapsed: false };
  return { position: pillSpot({ right: MARGIN, top: TOP }, controls, viewport), collapsed: true };
}

/**
 * How the overlay opens on this page. A place remembered for the system is kept, except that it never opens over
 * the form's own controls: a remembered open panel that would cover this page's controls opens as the pill, and a
 * pill that would cover one moves to a free corner. Neither change is remembered: the handler's own choice is.
 */
export function openingPlacement(remembered: OverlayPlacement | null, controls: readonly Rect[], viewport: Viewport): OverlayPlacement {
  if (!remembered) {
    const first = choosePlacement(controls, viewport);
    return { ...first.position, collapsed: first.collapsed };
  }
  const scrollY = viewport.scrollY ?? 0;
  const left = viewport.width - remembered.right - PANEL_WIDTH;
  const covers = controls.some((c) => inTheWay(c, { left, right: left + PANEL_WIDTH }, scrollY));
  if (!remembered.collapsed && !covers) return remembered;
  return { ...pillSpot(remembered, controls, viewport), collapsed: true };
}

/**
 * The pill's place: `preferred` if it covers no control in the window, else the first free place near the top of
 * the window, right side first (a frame's window may reach far below what the handler sees of it).
 */
function pillSpot(preferred: OverlayPosition, controls: readonly Rect[], viewport: Viewport): OverlayPosition {
  const left = Math.max(viewport.width - MARGIN - PILL.width, MARGIN);
  const spots: OverlayPosition[] = [preferred];
  for (let top = TOP; top <= TOP + 4 * (PILL.height + 8); top += PILL.height + 8) spots.push({ right: MARGIN, top }, { right: left, top });
  const box = (p: OverlayPosition): Rect => {
    const right = viewport.width - p.right;
    return { left: right - PILL.width, right, top: p.top, bottom: p.top + PILL.height };
  };
  return spots.find((p) => !controls.some((c) => overlaps(c, box(p)))) ?? preferred;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
}

/** Where the page's own controls are (viewport pixels), so that nothing of ours opens over them. */
export function controlRects(doc: Document): Rect[] {
  const rects: Rect[] = [];
  for (const el of doc.querySelectorAll('input:not([type=hidden]), select, textarea, [contenteditable="true"]')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) rects.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    if (rects.length > 2000) break;
  }
  return rects;
}

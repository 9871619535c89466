import type { OverlayPosition } from '../../components/Overlay';

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const PANEL_WIDTH = 340;
const MARGIN = 16;
const TOP = 72;
/** room a control's label usually takes to its left (or above it in a table layout) */
const LABEL_ALLOWANCE = 200;

/**
 * First placement of the panel on a site: the right edge unless that covers a form control or its label, else
 * the left edge, else collapsed to the verdict pill at the right (the user can always expand or move it; the
 * choice is remembered per site).
 */
export function choosePlacement(
  controls: Rect[],
  viewport: { width: number; height: number },
): { position: OverlayPosition; collapsed: boolean } {
  const bottom = viewport.height - MARGIN;
  const rightSlot: Rect = { left: viewport.width - MARGIN - PANEL_WIDTH, right: viewport.width - MARGIN, top: TOP, bottom };
  const leftSlot: Rect = { left: MARGIN, right: MARGIN + PANEL_WIDTH, top: TOP, bottom };
  const withLabels = controls.map((c) => ({ ...c, left: c.left - LABEL_ALLOWANCE, top: c.top - 24 }));
  const free = (slot: Rect) => !withLabels.some((c) => overlaps(c, slot));
  if (free(rightSlot)) return { position: { right: MARGIN, top: TOP }, collapsed: false };
  if (free(leftSlot)) return { position: { right: viewport.width - MARGIN - PANEL_WIDTH, top: TOP }, collapsed: false };
  return { position: { right: MARGIN, top: TOP }, collapsed: true };
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

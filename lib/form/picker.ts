import { CONTROL_SELECTOR, OVERLAY_HOST_TAG, isFieldControl } from './dom';
import { selectorFor } from './locator';
import { itemOf } from './read';
import { itemValue } from './values';
import { containsNode, queryAllOf, rectOf, rootOf, shadowOf, tagOf } from './native';
import { up } from './regions';

export interface PickedField {
  element: Element;
  locator: string;
  /** what to store in a site-profile pin (selectorFor the field, or the first option of a group) */
  selector: string;
  rect: { x: number; y: number; width: number; height: number };
  value: string;
  label: string;
}

type PointRoot = Document | ShadowRoot;

/** The topmost page element at a point, inside open shadow roots, never the overlay or its host. */
function elementAt(root: PointRoot, x: number, y: number, ignoreHost: Element | null): Element | null {
  const fromPoint = (root as { elementsFromPoint?: (x: number, y: number) => Element[] }).elementsFromPoint;
  if (typeof fromPoint !== 'function') return null;
  const hit = fromPoint
    .call(root, x, y)
    .find((e) => rootOf(e) === root && tagOf(e) !== OVERLAY_HOST_TAG && !(ignoreHost && (e === ignoreHost || containsNode(ignoreHost, e))));
  if (!hit) return null;
  const shadow = shadowOf(hit);
  const inner = shadow ? elementAt(shadow, x, y, ignoreHost) : null;
  return inner ?? hit;
}

/** A wrapper (input box with icons, a cell) holding exactly one control stands for it. */
function onlyControl(el: Element): Element | null {
  const controls = Array.from(queryAllOf(el, CONTROL_SELECTOR)).filter(isFieldControl);
  return controls.length === 1 ? controls[0]! : null;
}

/**
 * The field under a point, for the picker: the element hit, climbing to the nearest control, option group,
 * value or label cell, or `label：value` block. The overlay draws the highlight in its own shadow root.
 */
export function fieldAtPoint(doc: Document, x: number, y: number, ignoreHost: Element | null): PickedField | null {
  let a = elementAt(doc, x, y, ignoreHost);
  for (let depth = 0; a && depth < 8; depth++, a = up(a)) {
    if (tagOf(a) === 'body' || tagOf(a) === 'html') return null;
    const it = itemOf(a) ?? itemOf(onlyControl(a) ?? a);
    if (!it) continue;
    const r = rectOf(it.el);
    return {
      element: it.el,
      locator: it.locator,
      selector: selectorFor(it.group?.members[0] ?? it.el),
      rect: { x: r.x, y: r.y, width: r.width, height: r.height },
      value: itemValue(it),
      label: it.rawLabel || it.label,
    };
  }
  return null;
}

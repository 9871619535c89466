// The layout fallback (issue 13): after every DOM heuristic, label-like text left unpaired is paired with the
// nearest displayed value by where the browser drew them — the same row band to its right, or right below it.
// No class names. It runs when the form is planned, never when a value is read.
import { isLabelLike, isRequiredMark, labelText } from './dom';
import type { Probe } from './label';
import { attrOf, childrenOf, firstChildOf, firstNodeOf, nextNodeOf, nextOf, nodeTypeOf, parentOf, rectOf, tagOf } from './native';

/** A box as the browser laid it out (viewport coordinates: all boxes are measured in the same moment). */
interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Text drawn on its own: a label or a value shown as text. */
export interface TextAtom {
  el: Element;
  text: string;
  box: Box;
}

const HAN = /\p{Script=Han}/u;
/** How far a label reaches: to its right within a row band, and below it. */
const MAX_RIGHT = 360;
const MAX_BELOW = 48;
const MAX_ATOMS = 600;

function boxOf(el: Element): Box | null {
  const r = rectOf(el);
  if (r.width <= 0 || r.height <= 0) return null;
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

/** Shares most of the smaller box's height: the same row band. */
function sameBand(a: Box, b: Box): boolean {
  const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return overlap > 0.5 * Math.min(a.bottom - a.top, b.bottom - b.top);
}

function overlapsColumn(a: Box, b: Box): boolean {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0 || Math.abs(a.left - b.left) <= 24;
}

/** Distance from a label to a value that may belong to it, or null when the value is not where a label points. */
function reach(label: Box, value: Box): number | null {
  if (sameBand(label, value) && value.left >= label.right - 6) {
    const dx = Math.max(0, value.left - label.right);
    return dx <= MAX_RIGHT ? dx : null;
  }
  if (value.top >= label.bottom - 4 && overlapsColumn(label, value)) {
    const dy = Math.max(0, value.top - label.bottom);
    // below counts a little more than beside: a label before its value is the commoner layout
    return dy <= MAX_BELOW ? dy * 1.5 + 4 : null;
  }
  return null;
}

export function isLabelAtom(text: string): boolean {
  const norm = labelText(text).norm;
  return norm.length <= 20 && HAN.test(norm) && isLabelLike(norm) && !/\d{3,}/.test(norm);
}

function endsWithColon(s: string): boolean {
  return /[：:]\s*[*＊]?\s*$/.test(s);
}

function hasOwnText(el: Element): boolean {
  for (let c = firstNodeOf(el); c; c = nextNodeOf(c)) if (nodeTypeOf(c) === 3 && (c.nodeValue ?? '').trim() !== '') return true;
  return false;
}

/** Never label or value text: the head, code, media, buttons, column headers of tables, page furniture. */
const SKIP = new Set([
  'head',
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'select',
  'option',
  'textarea',
  'iframe',
  'object',
  'button',
  'canvas',
  'video',
  'audio',
  'img',
  'thead',
  'th',
  'caption',
  'nav',
  'header',
  'footer',
  'aside',
  'menu',
]);
const SKIP_ROLE =
  /^(button|tab|tablist|menu|menubar|menuitem\w*|option|listbox|navigation|toolbar|banner|contentinfo|dialog|tooltip|columnheader|grid|treegrid|tree)$/;

/** Text atoms found under an element, kept while nothing under it changes (plan.ts). */
export type AtomMemo = WeakMap<Element, readonly TextAtom[]>;

const NO_BOX: Box = { left: 0, top: 0, right: 0, bottom: 0 };
const NO_ATOMS: readonly TextAtom[] = [];

/**
 * Text drawn on its own and not yet read as a label or value: the smallest blocks holding only inline
 * content, or their parts where a block shows two or more pieces side by side with nothing between them.
 * `skip` leaves out what is read already; `holdsRead` tells a block holding such a part. Not measured (see
 * `measured`). What is found under an element depends on that element's subtree alone: `memo` keeps it, and
 * an element whose subtree changed must be taken out of it.
 */
export function textAtoms(
  root: ParentNode,
  probe: Probe,
  skip: (el: Element) => boolean,
  holdsRead: (el: Element) => boolean,
  memo?: AtomMemo,
): TextAtom[] {
  const out: TextAtom[] = [];
  const own = (el: Element): void => {
    if (SKIP.has(tagOf(el)) || skip(el)) return;
    const leafish = isLeafish(el);
    const holdsControls = probe.controls(el) > 0;
    if (holdsControls && leafish) return;
    const role = attrOf(el, 'role');
    if (role !== null && SKIP_ROLE.test(role)) return;
    if (!holdsControls && leafish) {
      const text = probe.text(el);
      if (!text || isRequiredMark(text)) return;
      const parts = Array.from(childrenOf(el)).filter((c) => probe.text(c) !== '' && !isRequiredMark(probe.text(c)));
      // a block holding text already read: only its other parts may be atoms
      if (holdsRead(el)) {
        if (!hasOwnText(el)) for (const p of parts) visit(p);
        return;
      }
      if (parts.length >= 2 && !hasOwnText(el)) {
        for (const p of parts) visit(p);
        return;
      }
      out.push({ el, text, box: NO_BOX });
      return;
    }
    for (let c = firstChildOf(el); c; c = nextOf(c)) visit(c);
  };
  const visit = (el: Element): void => {
    const kept = memo?.get(el);
    // past the cap a visit finds nothing: what it found before is cut where the cap falls
    if (kept) for (let i = 0; i < kept.length && out.length < MAX_ATOMS; i++) out.push(kept[i]!);
    if (kept || out.length >= MAX_ATOMS) return;
    const start = out.length;
    own(el);
    if (memo && out.length < MAX_ATOMS) memo.set(el, out.length === start ? NO_ATOMS : out.slice(start));
  };
  for (let c = firstChildOf(root as Element) ?? null; c; c = nextOf(c)) visit(c);
  return out;
}

/** Takes out of `memo` every element a change happened under: what lies under the others is as it was. */
export function forgetChanged(memo: AtomMemo, records: readonly MutationRecord[]): void {
  for (const r of records) {
    const t = r.target;
    for (let a = nodeTypeOf(t) === 1 ? (t as Element) : parentOf(t); a; a = parentOf(a)) memo.delete(a);
  }
}

/** The atoms laid out, with their boxes (hidden text, or text in a document without layout, left out). */
export function measured(atoms: readonly TextAtom[]): TextAtom[] {
  const out: TextAtom[] = [];
  for (const a of atoms) {
    const box = boxOf(a.el);
    if (box) out.push({ ...a, box });
  }
  return out;
}

const INLINE = new Set(
  'span a b i em strong font label small big sup sub u s strike code abbr br img wbr mark q cite time bdi bdo del ins kbd samp var data tt nobr'.split(
    ' ',
  ),
);

/** An element whose children are all inline: it reads as one piece of text. */
function isLeafish(el: Element): boolean {
  for (let c = firstChildOf(el); c; c = nextOf(c)) if (!INLINE.has(tagOf(c))) return false;
  return true;
}

export interface Unlabelled {
  el: Element;
  box: Box;
}

export interface LayoutPairs {
  /** index into `unlabelled` → the atom labelling it */
  labels: Map<number, TextAtom>;
  /** label atom → value atom */
  pairs: Array<[TextAtom, TextAtom]>;
}

/**
 * Pairs by layout. Controls no DOM step labelled get the nearest label-like text before them (left in their
 * band, or above), nearest pairs first. Then each label-like text left, in reading order, gets the nearest
 * text after it that is not itself a label ending in a colon.
 */
export function pairByLayout(unlabelled: readonly Unlabelled[], atoms: readonly TextAtom[]): LayoutPairs {
  const labels = new Map<number, TextAtom>();
  const taken = new Set<TextAtom>();
  const options: Array<{ u: number; a: TextAtom; d: number }> = [];
  const labelAtoms = atoms.filter((a) => isLabelAtom(a.text));
  unlabelled.forEach((u, i) => {
    for (const a of labelAtoms) {
      const d = reach(a.box, u.box);
      if (d !== null) options.push({ u: i, a, d });
    }
  });
  options.sort((x, y) => x.d - y.d);
  for (const o of options) {
    if (labels.has(o.u) || taken.has(o.a)) continue;
    labels.set(o.u, o.a);
    taken.add(o.a);
  }
  const pairs: Array<[TextAtom, TextAtom]> = [];
  for (const l of labelAtoms) {
    if (taken.has(l)) continue;
    let best: TextAtom | null = null;
    let bestD = Infinity;
    for (const v of atoms) {
      if (v === l || taken.has(v) || endsWithColon(v.text)) continue;
      // a label-like text right below another is the next label of a column, not its value, unless it says so
      if (!sameBand(l.box, v.box) && isLabelAtom(v.text) && !endsWithColon(l.text)) continue;
      const d = reach(l.box, v.box);
      if (d !== null && d < bestD) {
        best = v;
        bestD = d;
      }
    }
    if (!best) continue;
    taken.add(l).add(best);
    pairs.push([l, best]);
  }
  return { labels, pairs };
}

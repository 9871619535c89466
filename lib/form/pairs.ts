import { isBlockTag, isLabelLike, isRequiredMark, labelText, signature } from './dom';
import type { Probe } from './label';
import {
  childCountOf,
  classNameOf,
  closestOf,
  firstChildOf,
  firstNodeOf,
  matchesOf,
  nextNodeOf,
  nextOf,
  nodeTypeOf,
  parentOf,
  previousOf,
  queryOf,
  tagOf,
  textContentOf,
} from './native';

const HAN = /\p{Script=Han}/u;
/** Class words of a label part and a value part: a hint only, the structure decides first. */
const LABEL_PART = /label|title|name|key|head|caption|term|tit/i;
const VALUE_PART = /value|content|text|detail|body|desc|data|info|val/i;
/** A value part holding a table or a list is a section of fields, not one value. */
const STRUCTURED = 'table, dl, ul, ol, li';
const CONTAINERS_WITHOUT_FIELDS =
  'nav, header, footer, aside, [role=navigation], [role=menu], [role=menubar], [role=tablist], [role=toolbar]';

/** The children worth reading: those with text or controls, required marks and empty decorations left out. */
function meaningfulChildren(p: Element, probe: Probe): Element[] {
  const out: Element[] = [];
  for (let c = firstChildOf(p); c; c = nextOf(c)) {
    if (probe.controls(c) > 0) out.push(c);
    else {
      const t = probe.text(c);
      if (t && !isRequiredMark(t)) out.push(c);
    }
  }
  return out;
}

function hasBlockChild(el: Element): boolean {
  for (let c = firstChildOf(el); c; c = nextOf(c)) if (isBlockTag(tagOf(c)) && tagOf(c) !== 'br') return true;
  return false;
}

/** Words directly in the element, between its parts: running text split in runs, not two parts. */
function hasOwnText(p: Element): boolean {
  for (let c = firstNodeOf(p); c; c = nextNodeOf(c)) if (nodeTypeOf(c) === 3 && (c.nodeValue ?? '').trim() !== '') return true;
  return false;
}

function isPairShape(p: Element, probe: Probe): boolean {
  const kids = meaningfulChildren(p, probe);
  return kids.length === 2 && probe.controls(p) === 0 && !hasOwnText(p);
}

/**
 * One cell of a list of cells: a sibling of the same tag and class with the same two-part shape, or, where
 * the element is all its parent shows (a cell's title block holding the label and the text under it), a
 * sibling of the parent's of the same tag and class.
 */
function repeated(p: Element, probe: Probe): boolean {
  const sig = signature(p);
  probe.walked?.(p);
  for (const s of [previousOf(p), nextOf(p)]) {
    if (s && signature(s) === sig && isPairShape(s, probe)) return true;
  }
  let a: Element | null = p;
  for (let i = 0; i < 2; i++) {
    const parent: Element | null = parentOf(a);
    if (!parent) return false;
    probe.read?.(parent);
    if (meaningfulChildren(parent, probe).length !== 1) return false;
    a = parent;
    probe.walked?.(a);
    const psig = signature(a);
    for (const s of [previousOf(a), nextOf(a)]) if (s && signature(s) === psig) return true;
  }
  return false;
}

/**
 * A label/value pair made of an element's two parts, whatever their class names (Vant's title/value cells,
 * home-made detail cards): the first part short label-like text, the second a value. Taken when the label
 * ends with a colon, when the same two-part element repeats beside it (a list of cells), or when the parts'
 * class names say label and value. No controls inside; navigation and toolbars are left out.
 */
export function siblingPair(p: Element, probe: Probe): [Element, Element] | null {
  if (childCountOf(p) < 2 || childCountOf(p) > 4 || probe.controls(p) > 0 || hasOwnText(p)) return null;
  const kids = meaningfulChildren(p, probe);
  if (kids.length !== 2) return null;
  const [l, v] = kids as [Element, Element];
  // a label is one piece of text, not a column of lines
  if ((textContentOf(l) ?? '').length > 60 || hasBlockChild(l)) return null;
  const lt = probe.text(l);
  // a `label：value` line is a pair by itself, not the label of the part after it
  if (/[：:]\s*\S/.test(lt)) return null;
  const norm = labelText(lt).norm;
  if (!isLabelLike(norm) || !HAN.test(norm)) return null;
  const vt = probe.text(v);
  if (vt.length > 3000 || /[：:]\s*$/.test(vt) || matchesOf(v, STRUCTURED) || queryOf(v, STRUCTURED) !== null) return null;
  const colon = /[：:]\s*$/.test(lt);
  const hinted = LABEL_PART.test(classNameOf(l)) && VALUE_PART.test(classNameOf(v));
  if (!colon && !hinted && !repeated(p, probe)) return null;
  if (closestOf(p, CONTAINERS_WITHOUT_FIELDS) !== null) return null;
  return [l, v];
}

// Which page mutations leave a reading plan exactly as a full re-plan would make it. Planning reads
// structure, text and position; a change that touches none of what it read, and adds nothing it would
// read, keeps the plan. Anything else (or anything this cannot tell) asks for a new plan.
import { CONTROL_SELECTOR, isBlockTag, isPageMutation, signature, textOf } from './dom';
import { isDecisionBlock } from './document';
import { isLabelAtom } from './geometry';
import { liveProbe, type Probe } from './label';
import { siblingPair } from './pairs';
import { BUTTON_SELECTOR } from './regions';
import { standInOf } from './widget';
import {
  attrOf,
  childNodesOf,
  childrenOf,
  closestOf,
  firstChildOf,
  isConnectedNode,
  matchesOf,
  nextNodeOf,
  nextOf,
  nodeTypeOf,
  parentNodeOf,
  parentOf,
  previousNodeOf,
  queryAllOf,
  queryOf,
  rootOf,
  shadowOf,
  tagOf,
} from './native';

/** What a plan was made from, as far as changes to it matter. */
export interface PlanFacts {
  /**
   * elements the plan's items stand for or read: fields, labels, options, widget parts, document blocks (a
   * spliced plan may still count some that its items no longer read: it then keeps the plan less often, never more)
   */
  claimed: ReadonlySet<Element>;
  /** every ancestor of a claimed element */
  around: ReadonlySet<Element>;
  /** the text of every element planning looked at, as it was then */
  texts: ReadonlyMap<Element, string>;
  /** of those, the ones looked at only for lines, a document or label-like text */
  looseOnly: ReadonlySet<Element>;
  /** the stand-in planned for a field control (null for none), undefined for an element that is no such control */
  standIn(el: Element): Element | null | undefined;
  /** elements whose locator counts their siblings of the same tag */
  positional: ReadonlySet<Element>;
  /** the layout pass labelled or paired something: positions decide, and any change may move them */
  geometry: boolean;
  /** the layout pass ran: new label-like text may pair with what is there */
  layout: boolean;
  /** label-like text lies where the layout pass looks (it paired nothing): a change may move it into a pair */
  labelAtoms: boolean;
  /** the layout pass, run again on the page as it is now, pairs nothing (also brings `labelAtoms` up to date) */
  layoutPairsNothing(): boolean;
  /** the page changed so (every change since the plan is told, before it is weighed) */
  changed(records: readonly MutationRecord[]): void;
  /** the plan holds a rendered document: a block added among its blocks may change it */
  document: boolean;
  /** elements that may be headings */
  headingSelector: string;
  /** whether a text holds `label：value` pairs */
  isLine(text: string): boolean;
}

/** Elements whose mere presence planning looks for: fields, tables, definition lists, labels, headings, buttons, names. */
const STRUCTURAL = [
  CONTROL_SELECTOR,
  'table, thead, tbody, tfoot, tr, td, th, caption, dl, dt, dd, label, fieldset, legend, form, option, optgroup, datalist',
  '[class*="label"], [class*="Label"], [for], [aria-labelledby], [aria-label], [placeholder], [title]',
  BUTTON_SELECTOR,
].join(', ');

/** Containers whose children are cells, rows or options: any child added or removed reshapes them. */
const SHAPED = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'dl', 'select', 'optgroup', 'datalist']);

const LINE_TAGS = new Set(['p', 'li', 'div', 'td', 'dd']);
const TWO_PART_TAGS = new Set(['div', 'li', 'p', 'section', 'span', 'a']);

/** A probe for content just added: it holds no control (that is checked first), its text is read live. */
const BARE: Probe = { controls: () => 0, text: textOf, labelsFor: () => [] };

function hasBlockChild(el: Element): boolean {
  for (let c = firstChildOf(el); c; c = nextOf(c)) if (isBlockTag(tagOf(c)) && tagOf(c) !== 'br') return true;
  return false;
}

class Verdict {
  /** nodes added earlier in this batch: taking one out again leaves the page as it was */
  private readonly added = new Set<Node>();
  /** label-like text appeared where the layout pass may see it: pair by layout again before keeping the plan */
  labelText = false;
  /** something changed that a plan is kept across (not only nodes added and taken out again) */
  changed = false;

  constructor(private readonly f: PlanFacts) {}

  /** True when the record leaves the plan as it is. */
  keeps(r: MutationRecord): boolean {
    if (!isPageMutation(r)) return true;
    if (r.type === 'attributes') return !isConnectedNode(r.target);
    this.changed = true;
    if (r.type === 'characterData') {
      const t = r.target;
      const parent = parentOf(t);
      if (!isConnectedNode(t) || !parent) return !isConnectedNode(t);
      return this.textKeeps(parent) && this.positionKeeps(t, parent, nextNodeOf(t), previousNodeOf(t));
    }
    const p = r.target;
    if (nodeTypeOf(p) !== 1) return false;
    const parent = p as Element;
    if (SHAPED.has(tagOf(parent)) || closestOf(parent, 'select, datalist')) return false;
    for (const n of Array.from(r.removedNodes)) {
      if (this.added.has(n)) continue;
      // eslint-disable-next-line no-restricted-syntax -- the record's siblings, not an element's
      if (!this.nodeKeeps(n, false, parent) || !this.positionKeeps(n, parent, r.nextSibling, r.previousSibling)) return false;
      if (!this.parentKeeps(parent, n)) return false;
    }
    for (const n of Array.from(r.addedNodes)) {
      this.added.add(n);
      // moved on or taken out again within this batch: no trace in the page
      if (parentNodeOf(n) !== parent || !isConnectedNode(n)) continue;
      if (!this.nodeKeeps(n, true, parent) || !this.positionKeeps(n, parent, nextNodeOf(n), previousNodeOf(n))) return false;
      if (!this.parentKeeps(parent, n)) return false;
    }
    return true;
  }

  /** The text of `el` and its ancestors changed: nothing planning read may differ, and no new line or label appear. */
  private textKeeps(el: Element): boolean {
    const f = this.f;
    // the words of a button decide a search bar
    if (f.geometry || closestOf(el, BUTTON_SELECTOR)) return false;
    let lineChain = true;
    for (let a: Element | null = el; a; a = parentOf(a)) {
      const was = f.texts.get(a);
      if (was !== undefined && textOf(a) !== was) {
        // looked at only as a possible line: it still must not be one, nor the decision of a document
        if (!f.looseOnly.has(a) || f.claimed.has(a) || f.document) return false;
        const text = textOf(a);
        if (f.isLine(text) || isDecisionBlock(text)) return false;
        if (f.layout && isLabelAtom(text)) this.labelText = true;
      }
      // an element not read as a line then (it had no text) may be one now
      if (lineChain && was === undefined && LINE_TAGS.has(tagOf(a))) {
        const text = textOf(a);
        if (f.isLine(text) || isDecisionBlock(text)) return false;
      }
      if (hasBlockChild(a)) lineChain = false;
    }
    if (f.layout && !this.labelText) {
      this.labelText = isLabelAtom(textOf(el)) || Array.from(childrenOf(el)).some((c) => isLabelAtom(textOf(c)));
    }
    return true;
  }

  /** A node added (or removed) holds nothing planning would see, or nothing it saw. */
  private nodeKeeps(n: Node, added: boolean, parent: Element): boolean {
    if (nodeTypeOf(n) !== 1) return true;
    const el = n as Element;
    const parentScope = rootOf(parent) as Document | ShadowRoot;
    const f = this.f;
    if (matchesOf(el, STRUCTURAL) || queryOf(el, STRUCTURAL) !== null) return false;
    if (matchesOf(el, f.headingSelector) || queryOf(el, f.headingSelector) !== null) return false;
    for (const e of [el, ...Array.from(queryAllOf(el, '*'))]) {
      if (tagOf(e).includes('-') || shadowOf(e)) return false;
      if (!this.namesKeep(e, parentScope)) return false;
      // text looked at only as a possible line or label may go (its parent's text is weighed after)
      if (f.claimed.has(e) || f.around.has(e) || (f.texts.has(e) && !f.looseOnly.has(e))) return false;
      if (!added) continue;
      if (LINE_TAGS.has(tagOf(e)) && !hasBlockChild(e)) {
        const text = textOf(e);
        if (f.isLine(text) || isDecisionBlock(text) || (f.document && text !== '')) return false;
      }
      if (TWO_PART_TAGS.has(tagOf(e)) && siblingPair(e, BARE) !== null) return false;
      if (f.layout && !this.labelText && isLabelAtom(textOf(e))) this.labelText = true;
    }
    return true;
  }

  /**
   * An id or name another element holds too (locators use only unique ones), or one a label or
   * aria-labelledby points to.
   */
  private namesKeep(e: Element, scope: Document | ShadowRoot): boolean {
    for (const attr of ['id', 'name']) {
      const v = attrOf(e, attr);
      if (v === null) continue;
      const q = v.replace(/["\\]/g, '\\$&');
      const same = Array.from(queryAllOf(scope, `[${attr}="${q}"]`)).filter((o) => o !== e);
      if (same.length > 0) return false;
      if (attr === 'id' && v !== '' && queryOf(scope, `[for="${q}"], [aria-labelledby~="${q}"]`) !== null) return false;
    }
    return true;
  }

  /**
   * Where a node came or went among its siblings: walks for a label before a field pass over what follows,
   * looks for a widget or value go to the element right after, and locators count siblings of a tag.
   */
  private positionKeeps(n: Node, parent: Node, next: Node | null, prev: Node | null): boolean {
    const f = this.f;
    for (let s = next; s; s = nextNodeOf(s)) {
      if (nodeTypeOf(s) === 1 && (f.claimed.has(s as Element) || f.around.has(s as Element) || f.texts.has(s as Element))) return false;
    }
    let before = prev;
    while (before && nodeTypeOf(before) !== 1) before = previousNodeOf(before);
    if (before && !this.nextKeeps(before as Element)) return false;
    if (nodeTypeOf(n) !== 1) return true;
    const el = n as Element;
    const sig = signature(el);
    for (const s of Array.from(childNodesOf(parent))) {
      if (s === n || nodeTypeOf(s) !== 1) continue;
      const e = s as Element;
      if (tagOf(e) === tagOf(el) && f.positional.has(e)) return false;
      // a list of cells: two-part elements beside one of their own kind pair up
      if ((s === before || s === next) && signature(e) === sig) return false;
    }
    return true;
  }

  /**
   * Planning looks right after some elements: after a field control for the widget drawn in its place, after
   * a label for its value, after an option for its words. After a control, that answer must stay the same.
   */
  private nextKeeps(el: Element): boolean {
    const f = this.f;
    if (f.texts.has(el)) return false;
    if (!f.claimed.has(el)) return true;
    const planned = f.standIn(el);
    return planned === null && standInOf(el, liveProbe()) === null && !closestOf(el, 'label');
  }

  /** The parent's own text and shape: read as a line or pair before, or one now. */
  private parentKeeps(parent: Element, n: Node): boolean {
    if (nodeTypeOf(n) === 1 && this.f.texts.has(parent)) return false;
    if (
      TWO_PART_TAGS.has(tagOf(parent)) &&
      isConnectedNode(parent) &&
      siblingPair(parent, liveProbe()) !== null &&
      !this.f.claimed.has(parent)
    ) {
      return false;
    }
    return this.textKeeps(parent);
  }
}

/**
 * True when none of the records changes what a full re-plan would make of the page. `moved`: something was
 * shown, hidden or restyled, or the viewport changed, which never changes the plan's structure but moves what
 * the layout pass pairs by position.
 */
export function keepsPlan(records: readonly MutationRecord[], facts: PlanFacts, moved = false): boolean {
  facts.changed(records);
  const v = new Verdict(facts);
  if (!records.every((r) => v.keeps(r))) return false;
  if (!(facts.layout && (v.labelText || (facts.labelAtoms && (v.changed || moved))))) return true;
  // what the layout pass paired may part or pair otherwise: only a plan it paired nothing in is weighed
  return !facts.geometry && facts.layoutPairsNothing();
}

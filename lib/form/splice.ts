// Planning again only what a change could alter. Each planning step knows the lowest element holding all it
// read (plan.ts `Step`; tests/unit/form/splice.test.ts traces every DOM read to prove it): after nodes were
// added or taken away, the steps whose element holds a changed parent run again, the steps of the new content
// run, and the rest of the plan is kept. Places among siblings that locators name are renumbered, and the
// layout pass runs again over the items. What only a full plan weighs (new or removed tables, buttons,
// headings, option groups, labels pointing by id, ids and names used twice, shadow roots, a rendered
// decision, nodes moved, text or attributes changed) makes this give up, and the page is planned afresh.
import { isDecisionBlock } from './document';
import { isDocument, isFieldControl, isPageMutation } from './dom';
import type { PlanItem } from './items';
import type { LocatorBuilder } from './locator';
import { BUTTON_SELECTOR } from './regions';
import { KeptAncestors, KeptParts, MAX_ANCESTORS_KEPT } from './kept';
import { isListTable, listByContent } from './tables';
import {
  CONTROL_OR_BUTTON,
  HEADING_SELECTOR,
  Pass,
  type Planning,
  type PlanBuilder,
  type Step,
  type Candidates,
  aroundOf,
  candidates,
  claimedBy,
  laidOut,
  place,
  sortOut,
  trivial,
} from './plan';
import {
  attrOf,
  closestOf,
  containsNode,
  firstChildOf,
  isBefore,
  isConnectedNode,
  lastChildOf,
  matchesOf,
  nextOf,
  nodeTypeOf,
  parentNodeOf,
  parentOf,
  previousOf,
  queryAllOf,
  queryOf,
  shadowOf,
  tagOf,
} from './native';

/** Counts of plans spliced: the bench reports how often a change costs one. */
export const plansSpliced = { count: 0 };

/** Content only a full plan weighs: tables and lists, labels pointing by id, option groups, buttons, frames. */
const WHOLE_PAGE = [
  'table, thead, tbody, tfoot, tr, td, th, caption, dl, dt, dd, fieldset, legend, form, iframe, frame, datalist',
  '[for], [aria-labelledby], input[type=radio], input[type=checkbox], [role=radio], [role=checkbox], [role=switch]',
  BUTTON_SELECTOR,
].join(', ');

interface Change {
  /** elements whose children changed, in the page */
  parents: Element[];
  /** the outermost elements added, in the page, in document order */
  added: Element[];
  /** elements taken out that were there when planned, with their parent */
  removed: Array<{ el: Element; parent: Element }>;
}

/** What the records did, when they only added and took away nodes of the page; null otherwise. */
function changeOf(records: readonly MutationRecord[]): Change | null {
  const parents = new Set<Element>();
  const added = new Set<Node>();
  const removed: Change['removed'] = [];
  for (const r of records) {
    if (!isPageMutation(r)) continue;
    if (r.type === 'attributes' && !isConnectedNode(r.target)) continue;
    if (r.type !== 'childList' || nodeTypeOf(r.target) !== 1 || !isConnectedNode(r.target)) return null;
    const parent = r.target as Element;
    parents.add(parent);
    for (const n of Array.from(r.removedNodes)) if (!added.has(n) && nodeTypeOf(n) === 1) removed.push({ el: n as Element, parent });
    for (const n of Array.from(r.addedNodes)) added.add(n);
  }
  // moved rather than taken away: planned afresh
  if (removed.some(({ el }) => isConnectedNode(el))) return null;
  const inAdded = (n: Node): boolean => {
    for (let a = parentNodeOf(n); a; a = parentNodeOf(a)) if (added.has(a)) return true;
    return false;
  };
  const tops = [...added].filter((n): n is Element => nodeTypeOf(n) === 1 && isConnectedNode(n) && !inAdded(n));
  tops.sort((a, b) => (isBefore(a, b) ? -1 : 1));
  return { parents: [...parents].filter((p) => !added.has(p) && !inAdded(p)), added: tops, removed };
}

function plainContent(el: Element): boolean {
  // headings: asked here, plan.ts being still evaluated when this module is
  return (
    !matchesOf(el, WHOLE_PAGE) &&
    queryOf(el, WHOLE_PAGE) === null &&
    !matchesOf(el, HEADING_SELECTOR) &&
    queryOf(el, HEADING_SELECTOR) === null
  );
}

/** The element and those inside it with an id or a name. */
function named(el: Element): Element[] {
  return [el, ...Array.from(queryAllOf(el, '[id], [name]'))];
}

/**
 * Ids and names that came or went (`named` content) are unique (locators name by them) and nothing points to them. Where the
 * locators counted them already, their counts (not yet brought up to date) tell without searching the page.
 */
function namesAlone(els: readonly Element[], doc: Document, present: boolean, loc: LocatorBuilder): boolean {
  for (const e of els) {
    for (const attr of ['id', 'name'] as const) {
      const v = attrOf(e, attr);
      if (v === null) continue;
      const q = v.replace(/["\\]/g, '\\$&');
      // counted before this change is taken in: none besides content added, itself alone for content taken away
      const counts = (attr === 'id' ? loc.ids : loc.names).get(doc);
      const alone = counts ? (counts.get(v) ?? 0) === (present ? 0 : 1) : queryAllOf(doc, `[${attr}="${q}"]`).length === (present ? 1 : 0);
      if (!alone) return false;
      // a label or a field pointing to it by id reads it without finding it first
      if (attr === 'id' && queryOf(doc, `[for="${q}"], [aria-labelledby~="${q}"]`) !== null) return false;
    }
  }
  return true;
}

/** A parent whose children may change alone: numbered, outside tables and lists. */
function parentAlone(parent: Element, b: PlanBuilder): boolean {
  return b.orderOf(parent) >= 0 && closestOf(parent, 'table, dl, select, datalist') === null;
}

/** The element before `el` in document order. */
function previousInOrder(el: Element): Element | null {
  let p = previousOf(el);
  if (!p) return parentOf(el);
  for (let c = lastChildOf(p); c; c = lastChildOf(p)) p = c;
  return p;
}

/**
 * The numbers of the numbered elements nearest before `el` in document order and nearest after its subtree
 * (content a kept plan let in is not numbered).
 */
function neighbours(el: Element, b: PlanBuilder): [number, number] | null {
  let lo = -1;
  for (let p = previousInOrder(el); p && lo < 0; p = previousInOrder(p)) lo = b.orderOf(p);
  let hi = -1;
  for (let a: Element | null = el; a && hi < 0; a = parentOf(a)) {
    for (let n = nextOf(a); n && hi < 0; n = nextOf(n)) hi = b.orderOf(n);
  }
  if (lo < 0) return null;
  return [lo, hi < 0 ? lo + 1 : hi];
}

function lowestHolding(a: Element, b: Element): Element | null {
  for (let x: Element | null = a; x; x = parentOf(x)) if (x === b || containsNode(x, b)) return x;
  return null;
}

/** The steps of a plan by the element each started from, and by the lowest element holding all it read. */
export class StepIndex {
  private readonly byAnchor = new Map<Element, Step[]>();
  private readonly byRegion = new Map<Element, Set<Step>>();
  /** steps that read beyond what was numbered: planned again after every change */
  private readonly loose = new Set<Step>();

  constructor(steps: readonly Step[]) {
    for (const s of steps) this.add(s);
  }

  add(s: Step): void {
    const list = this.byAnchor.get(s.anchor);
    if (list) list.push(s);
    else this.byAnchor.set(s.anchor, [s]);
    this.place(s);
  }

  remove(s: Step): void {
    const list = this.byAnchor.get(s.anchor) ?? [];
    const at = list.indexOf(s);
    if (at < 0) return;
    list.splice(at, 1);
    if (list.length === 0) this.byAnchor.delete(s.anchor);
    this.unplace(s);
  }

  has(anchor: Element, pass: Pass): boolean {
    return this.byAnchor.get(anchor)?.some((s) => s.pass === pass) ?? false;
  }

  /** Steps started from `el` or an element inside it. */
  within(el: Element): Step[] {
    const out: Step[] = [];
    for (const e of [el, ...Array.from(queryAllOf(el, '*'))]) out.push(...(this.byAnchor.get(e) ?? []));
    return out;
  }

  /** Steps whose reading an element of `chain` holds, and those no element holds. */
  holding(chain: ReadonlySet<Element>): Step[] {
    const out = [...this.loose];
    for (const a of chain) out.push(...(this.byRegion.get(a) ?? []));
    return out;
  }

  /** Before a step runs again: its reading is placed anew after. */
  unplace(s: Step): void {
    if (s.region) this.byRegion.get(s.region)?.delete(s);
    else this.loose.delete(s);
  }

  place(s: Step): void {
    s.region = s.outside ? null : lowestHolding(s.loEl, s.hiEl);
    if (!s.region) {
      this.loose.add(s);
      return;
    }
    const set = this.byRegion.get(s.region);
    if (set) set.add(s);
    else this.byRegion.set(s.region, new Set([s]));
  }
}

// ───────────────────────── the builder and locators brought up to date ─────────────────────────

/**
 * Content added since planning, already found plain (`plainContent`: no tables, buttons or headings): numbered
 * between `lo` and `hi` in document order, sorted into the passes' candidates and counted into its ancestors.
 * Null when it holds custom elements or shadow roots, which only a full plan reads.
 */
function collectPart(b: PlanBuilder, el: Element, lo: number, hi: number): Candidates | null {
  const all = [el, ...Array.from(queryAllOf(el, '*'))];
  const step = (hi - lo) / (all.length + 1);
  // numbers too close to tell apart: plan afresh
  if (!(step > Math.abs(hi) * 1e-12)) return null;
  const info = candidates();
  for (let i = 0; i < all.length; i++) {
    const e = all[i]!;
    const tag = tagOf(e);
    if (tag.includes('-') || shadowOf(e)) return null;
    // content taken out earlier and put back, perhaps changed and elsewhere: nothing known of it holds
    forget(b, e);
    b.order.set(e, lo + step * (i + 1));
    if (matchesOf(e, CONTROL_OR_BUTTON) && isFieldControl(e)) info.controls.push(e);
    sortOut(e, tag, info);
  }
  b.countControls(info.controls, el);
  const parent = parentOf(el);
  if (parent && info.controls.length > 0) b.addCount(parent, info.controls.length, b.observed[0]!);
  return info;
}

/** Forgets what planning noted of an element: its counts, text, list table and locator. */
function forget(b: PlanBuilder, el: Element): void {
  b.counts.delete(el);
  b.texts.delete(el);
  b.looseOnly.delete(el);
  b.lists.delete(el);
  for (const m of [b.loc.nths, b.loc.memo, b.loc.placeNamed]) m.delete(el);
  b.loc.positional.delete(el);
}

/** Gives back what a step took (its candidate left the page, or it runs again). */
function drop(b: PlanBuilder, step: Step): void {
  for (const el of step.claims) {
    if (b.used.get(el) === step) b.used.delete(el);
    if (b.grouped.get(el) === step) b.grouped.delete(el);
  }
}

/** What a table step's rows tell of it being a list (`listByContent`): its rows stay as they were while it is kept. */
const tableRows = new WeakMap<Step, boolean | 'before'>();

/**
 * Runs a step again, as the page is now. A table planned before keeps its rows, which read the table alone
 * (nothing in a table is spliced: `parentAlone`): only whether it lists cases, read around it too, is read again.
 */
function rerun(b: PlanBuilder, step: Step, rowsKept = false): void {
  if (rowsKept) {
    const { hi, hiEl, claims, items, anchor } = step;
    Object.assign(step, b.blank(step.pass, anchor), { hi, hiEl, claims, items, region: undefined });
    b.step = step;
    let content = tableRows.get(step);
    if (content === undefined) tableRows.set(step, (content = listByContent(anchor)));
    try {
      b.read(anchor);
      if (isListTable(anchor, b, content)) b.lists.add(anchor);
    } finally {
      b.step = null;
    }
    return;
  }
  drop(b, step);
  Object.assign(step, b.blank(step.pass, step.anchor), { block: undefined, region: undefined });
  b.planStep(step);
}

/** An element came (+1) or went (−1) since the locators counted ids and names. */
function recount(loc: LocatorBuilder, el: Element, scope: Document, d: 1 | -1): void {
  for (const [cache, attr] of [
    [loc.ids, 'id'],
    [loc.names, 'name'],
  ] as const) {
    const v = attrOf(el, attr);
    const m = cache.get(scope);
    if (v === null || !m) continue;
    const n = (m.get(v) ?? 0) + d;
    if (n > 0) m.set(v, n);
    else m.delete(v);
  }
}

/**
 * After children of `parents` came or went: forgets the locators that name a child of theirs by a place it no
 * longer has. True when some were forgotten.
 */
function renumber(loc: LocatorBuilder, parents: readonly Element[]): boolean {
  const moved = new Set<Element>();
  for (const parent of parents) {
    for (let c = firstChildOf(parent); c; c = nextOf(c)) loc.nths.delete(c);
    for (let c = firstChildOf(parent); c; c = nextOf(c)) {
      const was = loc.placeNamed.get(c);
      if (was === undefined) continue;
      const now = loc.nth(c);
      if (now === was) continue;
      moved.add(c);
      loc.placeNamed.set(c, now);
    }
  }
  if (moved.size === 0) return false;
  for (const el of loc.memo.keys()) {
    for (let a: Element | null = el; a; a = parentOf(a)) {
      if (!moved.has(a)) continue;
      loc.memo.delete(el);
      break;
    }
  }
  return true;
}

/** What items read that the layout pass leaves out: when a step's changes, the layout pass looks at all afresh. */
function readsOf(items: readonly PlanItem[]): Element[] {
  const out: Element[] = [];
  for (const it of items) {
    out.push(it.el, it.visEl);
    if (it.labelEl) out.push(it.labelEl);
    if (it.display) out.push(it.display);
  }
  return out;
}

function same(a: readonly Element[], b: readonly Element[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Whether a splice can weigh a step: not one that read beyond what was numbered, planned an option group, a
 * widget's parts or a rendered decision.
 */
function weighable(step: Step): boolean {
  if (step.outside) return false;
  if (step.block && isDecisionBlock(step.block.text)) return false;
  return step.items.every((it) => !it.group && !it.standIn);
}

/** Whether step `x` runs before step `y` in a full plan. */
function runsBefore(b: PlanBuilder, x: Step, y: Step): boolean {
  return x.pass !== y.pass ? x.pass < y.pass : b.orderOf(x.anchor) < b.orderOf(y.anchor);
}

/** Merges items sorted by document order. */
function merged(kept: readonly PlanItem[], fresh: PlanItem[], b: PlanBuilder): PlanItem[] {
  if (fresh.length === 0) return kept.slice();
  fresh.sort((x, y) => b.orderOf(x.el) - b.orderOf(y.el));
  const out: PlanItem[] = [];
  let j = 0;
  for (const it of kept) {
    while (j < fresh.length && b.orderOf(fresh[j]!.el) < b.orderOf(it.el)) out.push(fresh[j++]!);
    out.push(it);
  }
  while (j < fresh.length) out.push(fresh[j++]!);
  return out;
}

function mergedSteps(kept: readonly Step[], fresh: Step[], b: PlanBuilder): Step[] {
  fresh.sort((x, y) => (runsBefore(b, x, y) ? -1 : 1));
  const out: Step[] = [];
  let j = 0;
  for (const s of kept) {
    while (j < fresh.length && runsBefore(b, fresh[j]!, s)) out.push(fresh[j++]!);
    out.push(s);
  }
  while (j < fresh.length) out.push(fresh[j++]!);
  return out;
}

/**
 * Numbers and counts what came and went, and gives the candidates of the new content for each pass; null when
 * some of it is what only a full plan weighs.
 */
function takeIn(change: Change, b: PlanBuilder, doc: Document): Array<[Pass, Element]> | null {
  for (const { el, parent } of change.removed) {
    const ids = named(el);
    if (!plainContent(el) || !namesAlone(ids, doc, false, b.loc)) return null;
    // its controls no longer count in its former ancestors
    const n = b.counts.get(el) ?? 0;
    if (n > 0) b.addCount(parent, -n, b.observed[0]!);
    for (const e of ids) recount(b.loc, e, doc, -1);
    for (const e of [el, ...Array.from(queryAllOf(el, '*'))]) forget(b, e);
  }
  const fresh: Array<[Pass, Element]> = [];
  for (const el of change.added) {
    const ids = named(el);
    const at = plainContent(el) && namesAlone(ids, doc, true, b.loc) ? neighbours(el, b) : null;
    const part = at && collectPart(b, el, at[0], at[1]);
    if (!part) return null;
    for (const e of ids) recount(b.loc, e, doc, 1);
    fresh.push(...byPass(part));
  }
  return fresh;
}

/** Candidates with the pass that looks at each. */
function byPass(c: Candidates): Array<[Pass, Element]> {
  const lists: Array<[Pass, Element[]]> = [
    [Pass.Control, c.controls],
    [Pass.Table, c.tables],
    [Pass.Dd, c.dds],
    [Pass.Labelled, c.labelled],
    [Pass.TwoPart, c.twoPart],
    [Pass.Line, c.lines],
  ];
  return lists.flatMap(([pass, els]) => els.map((el): [Pass, Element] => [pass, el]));
}

/**
 * The planning with the items the steps found now, and the layout pass run over them again. `moved`: what a step
 * run again reads moved inside its element, so what the layout pass found before is looked at all afresh.
 */
function laidOutAgain(p: Planning, stepped: PlanItem[], gone: ReadonlySet<PlanItem>, made: PlanItem[], moved: boolean): Planning {
  const turned = (p.steppedParts ??= new KeptParts(p.stepped, p.headings)).change(gone, made);
  const next: Planning = { ...p, stepped, planned: stepped, parts: undefined };
  if (moved) next.layoutMemo = new WeakMap();
  // text an item read outside what changed (a field's label in a toolbar) is unread now, or the reverse: what the
  // layout pass found around it is not what it was
  for (const el of turned) if (isConnectedNode(el)) for (let a: Element | null = el; a; a = parentOf(a)) next.layoutMemo.delete(a);
  laidOut(next);
  return next;
}

/**
 * The planning of the page after the nodes the records tell were added or taken away, or null when only a
 * full plan can tell. The builder is changed on the way: on null the caller plans afresh.
 */
export function splicePlan(p: Planning, records: readonly MutationRecord[]): Planning | null {
  const { b, root } = p;
  if (!isDocument(root) || b.observed.length !== 1) return null;
  if (b.pendingHosts.length > 0 || p.stepped.some((it) => it.source === 'document')) return null;
  const change = changeOf(records);
  if (!change || !change.parents.every((parent) => parentAlone(parent, b))) return null;
  const fresh = takeIn(change, b, root);
  if (!fresh) return null;
  // the changed parents and their ancestors read otherwise now
  const chain = new Set<Element>();
  for (const parent of change.parents) {
    for (let a: Element | null = parent; a && !chain.has(a); a = parentOf(a)) {
      chain.add(a);
      b.texts.delete(a);
      b.looseOnly.delete(a);
    }
  }
  const steps = (p.steps ??= new StepIndex(b.steps));
  b.later = (by) => b.step !== null && !runsBefore(b, by, b.step);
  const dropped = new Set<Step>();
  for (const { el } of change.removed) for (const st of steps.within(el)) dropped.add(st);
  const stale = steps.holding(chain).filter((st) => !dropped.has(st));
  // steps that read their candidate alone and found nothing were not kept: those of the changed elements run again
  for (const a of chain) {
    const c = candidates();
    sortOut(a, tagOf(a), c);
    for (const [pass] of byPass(c)) if (!steps.has(a, pass)) fresh.push([pass, a]);
  }
  const gone = new Set<PlanItem>();
  for (const s of dropped) {
    // what it took outside the content taken away is free again: a step it kept from taking it may now
    if (s.claims.some((el) => isConnectedNode(el))) return null;
    drop(b, s);
    steps.remove(s);
    for (const it of s.items) gone.add(it);
  }
  for (const s of stale) if (!weighable(s)) return null;
  const ran = fresh.map(([pass, anchor]) => b.blank(pass, anchor));
  const isNew = new Set(ran);
  const inAdded = (el: Element): boolean => change.added.some((y) => containsNode(y, el));
  const made: PlanItem[] = [];
  let moved = false;
  // in the order a full plan runs them: a step leaves alone what one before it took
  stale.sort((x, y) => (runsBefore(b, x, y) ? -1 : 1));
  for (const s of mergedSteps(stale, ran, b)) {
    const { claims, items, block } = s;
    if (!isNew.has(s)) steps.unplace(s);
    // a table found a list (or no longer) reads otherwise for the lines in it
    const list = b.lists.delete(s.anchor);
    rerun(b, s, s.pass === Pass.Table && !isNew.has(s));
    if (b.lists.has(s.anchor) !== list) return null;
    if (!weighable(s)) return null;
    if (isNew.has(s)) {
      // new content takes only its own parts; a candidate that found nothing before takes nothing now
      const own = inAdded(s.anchor);
      if (!s.claims.every((el) => own && inAdded(el))) return null;
    } else {
      if (!same(claims, s.claims)) return null;
      // what the layout pass sees as unread moved inside the step's element: it looks at all of it again
      if (!same(readsOf(items), readsOf(s.items))) moved = true;
      if (block?.text !== s.block?.text && s.block && isDecisionBlock(s.block.text)) return null;
      for (const it of items) gone.add(it);
    }
    if (trivial(s)) steps.remove(s);
    else if (isNew.has(s)) steps.add(s);
    else steps.place(s);
    made.push(...s.items);
  }
  const stepped = merged(gone.size > 0 ? p.stepped.filter((it) => !gone.has(it)) : p.stepped, made, b);
  // locators naming a place among siblings that moved
  if (renumber(b.loc, change.parents)) for (const it of stepped) it.locator = b.loc.locator(it.el);
  const next = laidOutAgain(p, stepped, gone, made, moved);
  // the fields kept stay where they were: their ancestors are not looked up again (content put back may be elsewhere)
  let ancestors = next.ancestors;
  if (!ancestors || ancestors.size > MAX_ANCESTORS_KEPT * next.planned.length) ancestors = next.ancestors = new KeptAncestors();
  for (const s of ran) for (const it of s.items) ancestors.forget(it.el);
  next.placed = place(next.planned, b, root, (els) => ancestors.scopes(els, (el) => b.orderOf(el)));
  // what the last plan was weighed by, with what the new items read (see PlanFacts.claimed)
  if (p.claimed && p.around) {
    const reads = claimedBy([...made, ...next.planned.filter((it) => it.source === 'geometry')]);
    for (const el of reads) p.claimed.add(el);
    aroundOf(reads, p.around);
  }
  plansSpliced.count++;
  return next;
}

// The plan cache: a plan per root, kept while the page changes in no way that could change it.
import { keepsPlan } from './changes';
import { STRUCTURE_ATTRS, isDocument, isPageMutation } from './dom';
import { listenForMoves } from './moves';
import { type Plan, boxOfItem, buildPlan } from './plan';
import type { ReadRoot } from './read';
import { isConnectedNode, nodeTypeOf, ownerDocumentOf, parentNodeOf, parentOf, queryOf, shadowOf, tagOf } from './native';

interface PlanState {
  plan: Plan;
  observers: MutationObserver[];
  /** stops listening for layout moves no mutation shows (fonts, images) */
  unlisten: () => void;
  /** changes seen since the plan was made or last found still good */
  records: MutationRecord[];
  /** something changed since the last read */
  touched: boolean;
  /** something that may show, hide or move changed since the last read (a font or an image arriving moves) */
  showing: boolean;
  /** the viewport at the last read: media queries may show or hide parts at another size */
  viewport: string;
  /** nodes added since the last read (null past MAX_WEIGHED_RECORDS of them): what they hold may show otherwise */
  added: Node[] | null;
}

const plans = new WeakMap<Node, PlanState>();

/** Plans made (first reads and re-plans after a change): the bench reports how often a change costs one. */
export const plansMade = { count: 0 };

/** Attributes that show or hide (CSS classes, inline style): they never change a plan, they change what is seen. */
const SHOWING_ATTRS = ['class', 'style', 'hidden', 'open'];
const SHOWING = new Set(SHOWING_ATTRS);

function hasStyleSheet(nodes: NodeList): boolean {
  for (const n of Array.from(nodes)) {
    if (nodeTypeOf(n) !== 1) continue;
    const el = n as Element;
    if (tagOf(el) === 'style' || tagOf(el) === 'link' || queryOf(el, 'style, link') !== null) return true;
  }
  return false;
}

/**
 * Whether a change may show or hide a field: a class, style or `hidden` changed, or a style sheet came, went
 * or changed. Nodes and text added or removed otherwise leave what is shown as it was: CSS that hides a field
 * because a sibling or a descendant appeared (`+`, `~`, `:has()`, `:empty`) is not followed.
 */
function mayShowOrHide(r: MutationRecord): boolean {
  if (r.type === 'attributes') return SHOWING.has(r.attributeName ?? '');
  if (r.type === 'characterData') return tagOf(parentOf(r.target)) === 'style';
  return (
    (nodeTypeOf(r.target) === 1 && tagOf(r.target as Element) === 'style') || hasStyleSheet(r.addedNodes) || hasStyleSheet(r.removedNodes)
  );
}

function viewOf(root: ReadRoot): (Window & typeof globalThis) | null {
  const doc = isDocument(root) ? root : ownerDocumentOf(root);
  return (doc?.defaultView as (Window & typeof globalThis) | null) ?? null;
}

/** Past this many changes in one batch, planning afresh is cheaper than weighing each. */
const MAX_WEIGHED_RECORDS = 500;

/** Changes seen: a class or style is weighed for what is shown only, never for the plan. */
function note(st: PlanState, records: readonly MutationRecord[]): void {
  for (const r of records) {
    if (!isPageMutation(r)) continue;
    st.touched = true;
    if (!st.showing && mayShowOrHide(r)) st.showing = true;
    if (r.type === 'attributes' && SHOWING.has(r.attributeName ?? '')) continue;
    if (st.records.length <= MAX_WEIGHED_RECORDS) st.records.push(r);
    if (st.added && r.addedNodes.length > 0) {
      st.added.push(...Array.from(r.addedNodes));
      if (st.added.length > MAX_WEIGHED_RECORDS) st.added = null;
    }
  }
}

export interface CachedPlan {
  plan: Plan;
  /** nothing in the page changed since the last read: no node, text or attribute, not even a class */
  quiet: boolean;
  /**
   * The plan is the last read's, nothing that shows or hides changed since (see mayShowOrHide), and the
   * viewport is the same: what was shown then is shown now. Only for a document root, whose observers see
   * every ancestor of what it reads. CSS that shows or hides by state alone (`:hover`, `:checked + …`) or
   * rules inserted without a class changing escape this; pages show and hide fields by classes, styles and
   * nodes.
   */
  shownKept: boolean;
  /**
   * A plan made afresh after nodes were added or taken away, nothing that shows or hides having changed: the
   * last plan, and whether an element was (or lies in) a node added since. What was shown then and not moved
   * is shown now, on the same assumption as `shownKept`.
   */
  previous?: { plan: Plan; moved(el: Element): boolean };
}

/**
 * Whether the plan is stale, and whether only nodes added or taken away made it so (nothing shown or hidden):
 * then the records weighed, every one of them.
 */
function weigh(st: PlanState, viewport: string): { stale: boolean; structural: readonly MutationRecord[] | null } {
  // a field not laid out when planned (a hidden tab) is shown now: its label may lie in the layout
  const laidOut = st.plan.pendingHosts.some((h) => shadowOf(h) !== null) || st.plan.pendingLayout.some((it) => boxOfItem(it) !== null);
  for (const o of st.observers) note(st, o.takeRecords());
  const moved = st.showing || st.viewport !== viewport;
  let stale = laidOut;
  const records = st.records;
  const all = records.length <= MAX_WEIGHED_RECORDS;
  if (!stale && (records.length > 0 || moved)) stale = !all || !keepsPlan(records, st.plan.facts(), moved);
  st.records = [];
  return { stale, structural: stale && !laidOut && !moved && all ? records : null };
}

/** Whether `el` is, or lies in, one of `added` still in the page. */
function movedBy(added: readonly Node[]): (el: Element) => boolean {
  const set = new Set(added.filter((n) => isConnectedNode(n)));
  return (el) => {
    if (set.size === 0) return false;
    for (let n: Node | null = el; n; n = parentNodeOf(n)) if (set.has(n)) return true;
    return false;
  };
}

function stopWatching(st: PlanState): void {
  for (const o of st.observers) o.disconnect();
  st.unlisten();
}

/** Forgets the plan of a root, and stops watching the page for it (the reader stops). */
export function dropPlan(root: ReadRoot): void {
  const st = plans.get(root);
  if (!st) return;
  stopWatching(st);
  plans.delete(root);
}

/**
 * The reading plan of a root, rebuilt only when the page changed in a way that could change it. A
 * MutationObserver per root collects the changes; `takeRecords()` catches those made in the same task. A
 * change none of the plan's reading touched (a clock ticking, a validation message shown under a field, a
 * node added and taken out again) keeps the plan: see changes.ts.
 */
export function planFor(root: ReadRoot): CachedPlan {
  const view = viewOf(root);
  const viewport = view ? `${view.innerWidth}x${view.innerHeight}` : '';
  const st = plans.get(root);
  let previous: CachedPlan['previous'];
  if (st) {
    const { stale, structural } = weigh(st, viewport);
    const quiet = !stale && !st.touched;
    const shownKept = !stale && !st.showing && st.viewport === viewport && isDocument(root);
    if (structural && st.added && isDocument(root)) previous = { plan: st.plan, moved: movedBy(st.added) };
    st.touched = st.showing = false;
    st.viewport = viewport;
    st.added = [];
    if (!stale) return { plan: st.plan, quiet, shownKept };
    // only nodes came and went: planned again where they could change what was read, the rest kept
    const spliced = previous && structural ? st.plan.splice(structural) : null;
    if (spliced) {
      st.plan = spliced;
      return { plan: spliced, quiet: false, shownKept: false, previous };
    }
    stopWatching(st);
  }
  const plan = buildPlan(root);
  plansMade.count++;
  const MO = view?.MutationObserver ?? globalThis.MutationObserver;
  const fresh = { plan, quiet: false, shownKept: false, previous };
  if (!MO) return fresh;
  const state: PlanState = {
    plan,
    observers: [],
    unlisten: () => {},
    records: [],
    touched: false,
    showing: false,
    viewport,
    added: [],
  };
  // positions the layout pass saw move when a font or an image arrives: weighed as a viewport change is
  if (plan.layout && view) {
    state.unlisten = listenForMoves(view.document, plan.observed, () => {
      state.touched = state.showing = true;
    });
  }
  for (const n of plan.observed) {
    const o = new MO((records) => note(state, records));
    o.observe(n, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: [...STRUCTURE_ATTRS, ...SHOWING_ATTRS],
    });
    state.observers.push(o);
  }
  plans.set(root, state);
  return fresh;
}

// The plan cache: a plan per root, kept while the page changes in no way that could change it.
import { keepsPlan } from './changes';
import { STRUCTURE_ATTRS, isDocument } from './dom';
import { type Plan, boxOfItem, buildPlan } from './plan';
import type { ReadRoot } from './read';

interface PlanState {
  plan: Plan;
  observers: MutationObserver[];
  /** changes seen since the plan was made or last found still good */
  records: MutationRecord[];
}

const plans = new WeakMap<Node, PlanState>();

function observerClass(root: ReadRoot): typeof MutationObserver | undefined {
  const doc = isDocument(root) ? root : root.ownerDocument;
  return (doc?.defaultView as (Window & typeof globalThis) | null)?.MutationObserver ?? globalThis.MutationObserver;
}

/** Past this many changes in one batch, planning afresh is cheaper than weighing each. */
const MAX_WEIGHED_RECORDS = 500;

/**
 * The reading plan of a root, rebuilt only when the page changed in a way that could change it. A
 * MutationObserver per root collects the changes; `takeRecords()` catches those made in the same task. A
 * change none of the plan's reading touched (a clock ticking, a validation message shown under a field, a
 * node added and taken out again) keeps the plan: see changes.ts.
 */
export function planFor(root: ReadRoot): Plan {
  const st = plans.get(root);
  if (st) {
    // a field not laid out when planned (a hidden tab) is shown now: its label may lie in the layout
    let stale = st.plan.pendingHosts.some((h) => h.shadowRoot !== null) || st.plan.pendingLayout.some((it) => boxOfItem(it) !== null);
    for (const o of st.observers) for (const r of o.takeRecords()) st.records.push(r);
    if (!stale && st.records.length > 0) stale = st.records.length > MAX_WEIGHED_RECORDS || !keepsPlan(st.records, st.plan.facts());
    st.records = [];
    if (!stale) return st.plan;
    for (const o of st.observers) o.disconnect();
  }
  const plan = buildPlan(root);
  const MO = observerClass(root);
  if (!MO) return plan;
  const state: PlanState = { plan, observers: [], records: [] };
  for (const n of plan.observed) {
    const o = new MO((records) => {
      for (const r of records) if (state.records.length <= MAX_WEIGHED_RECORDS) state.records.push(r);
    });
    o.observe(n, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: STRUCTURE_ATTRS });
    state.observers.push(o);
  }
  plans.set(root, state);
  return plan;
}

import { normalizeSpace } from '../text';
import { choiceGroup, liveSameName } from './choice';
import { OVERLAY_HOST_TAG, editableRootOf, hasLayout, isChoice, isFieldControl, isOption, isVisible, textOf } from './dom';
import { isLabelAtom } from './geometry';
import { type PlanItem, type Ctx, controlItem, groupItem, pairItem } from './items';
import { inferControlLabel, liveProbe } from './label';
import { lineItems, tablePairs, DIV_LABEL_SELECTOR, divPair, dtOf, LINE_SELECTOR, isLineCandidate } from './lines';
import { LocatorBuilder, resolveLocator } from './locator';
import { siblingPair } from './pairs';
import { type Plan, unreadText, planWith, docOf } from './plan';
import { type CachedPlan, planFor } from './plan-cache';
import type { SiteProfile } from './profile';
import { isListTable, rowBelow } from './tables';
import type { FieldSnapshot, SnapshotField } from './types';
import { controlValue, parseLine, itemVisible, toField } from './values';
import { closestOf, matchesOf, nextOf, parentOf, previousOf, queryOf, tagOf } from './native';

export interface ReadOptions {
  /** fields pinned by selector take precedence over heuristics */
  profile?: SiteProfile;
  /** cap on the number of fields returned (default 3000); `truncated` tells when it was hit */
  maxFields?: number;
}

const DEFAULT_MAX_FIELDS = 3000;

export type ReadRoot = Document | Element | ShadowRoot;

const NO_SCOPE: number[] = [];

// ───────────────────────── readForm ─────────────────────────

export interface ReadResult {
  snapshot: FieldSnapshot;
  /** the plan item behind each field (null for a pinned element that is not a field by itself) */
  items: Array<PlanItem | null>;
  /** field index of each field element and group member */
  index: Map<Element, number>;
  /** the root and the open shadow roots read */
  observed: Node[];
}

function headingsOf(doc: Document, plan: Plan, layout: boolean): string[] {
  const out: string[] = [];
  const title = normalizeSpace(doc.title ?? '');
  if (title) out.push(title);
  for (const h of plan.headings) {
    if (out.length >= 30) break;
    const t = textOf(h);
    if (t && t.length <= 100 && !out.includes(t) && isVisible(h, layout)) out.push(t);
  }
  return out;
}

/** A page of values with (almost) no editable controls: a reviewer's read-only view. */
function isReadOnlyView(fields: SnapshotField[]): boolean {
  const ro = fields.filter((f) => f.readOnly).length;
  const editable = fields.length - ro;
  return ro >= 2 && editable <= Math.max(ro >= 6 ? 1 : 0, Math.floor(ro / 10));
}

/** A pinned element that is no field by itself (a `<span>` holding the value) is read as a cell. */
function pinnedExtra(el: Element, key: string): SnapshotField {
  const f = readField(el);
  if (f) return { ...f, labelSource: 'profile', key };
  const label = inferControlLabel(el, liveProbe());
  return {
    label: label?.norm ?? '',
    rawLabel: label?.raw ?? '',
    value: isFieldControl(el) ? controlValue(el) : textOf(el),
    kind: 'cell',
    locator: new LocatorBuilder().locator(el),
    labelSource: 'profile',
    readOnly: true,
    key,
  };
}

/** What the last read of a plan saw: kept while the page stays quiet (plan-cache.ts). */
interface Seen {
  layout: boolean;
  /** per plan item: 1 shown, 0 not, −1 not asked */
  shown: Int8Array;
  headings: string[];
}

const seenOf = new WeakMap<Plan, Seen>();

/**
 * Whether `was` answered for `it` by the CSS of its own elements alone (see itemVisible): a radio's label or a
 * select's stand-in widget may have come or gone with the nodes added.
 */
function sameVisibility(it: PlanItem, was: PlanItem | undefined): was is PlanItem {
  return (
    was !== undefined &&
    was.el === it.el &&
    was.visEl === it.visEl &&
    was.standIn === it.standIn &&
    was.kind === it.kind &&
    !it.group &&
    !was.group &&
    tagOf(it.el) !== 'select' &&
    !isChoice(it.el)
  );
}

/** The visibility the last plan's read found for the fields of the new plan that neither moved nor changed. */
function carried(shown: Int8Array, plan: Plan, previous: NonNullable<CachedPlan['previous']>, layout: boolean): void {
  const last = seenOf.get(previous.plan);
  if (!last || last.layout !== layout) return;
  plan.items.forEach((it, i) => {
    const j = previous.plan.index.get(it.el);
    if (j === undefined || last.shown[j]! < 0) return;
    // the very item a splice kept: planned from elements that neither moved nor changed
    if (previous.plan.items[j] === it) {
      shown[i] = last.shown[j]!;
      return;
    }
    if (!sameVisibility(it, previous.plan.items[j])) return;
    // a control is its own visEl: climbed once
    if (previous.moved(it.el) || (it.visEl !== it.el && previous.moved(it.visEl)) || (it.standIn && previous.moved(it.standIn))) return;
    shown[i] = last.shown[j]!;
  });
}

/** Each planned field's visibility, asked once per plan while nothing shows or hides; headings while nothing changes. */
function seeing({ plan, quiet, shownKept, previous }: CachedPlan, layout: boolean, doc: Document): Seen {
  const last = seenOf.get(plan);
  if (last && last.layout === layout && shownKept) {
    if (!quiet) last.headings = headingsOf(doc, plan, layout);
    return last;
  }
  const seen: Seen = { layout, shown: new Int8Array(plan.items.length).fill(-1), headings: headingsOf(doc, plan, layout) };
  if (previous) carried(seen.shown, plan, previous, layout);
  seenOf.set(plan, seen);
  return seen;
}

function pinsOf(root: ReadRoot, plan: Plan, opts: ReadOptions): { pinned: Map<number, string>; extras: Array<[Element, string]> } {
  const pinned = new Map<number, string>();
  const extras: Array<[Element, string]> = [];
  for (const pin of opts.profile?.pins ?? []) {
    const el = resolveLocator(root, pin.selector);
    if (!el) continue;
    const host = editableRootOf(el) ?? el;
    const i = plan.index.get(host);
    if (i === undefined) {
      if (!extras.some(([e]) => e === el)) extras.push([el, pin.key]);
    } else if (!pinned.has(i)) {
      pinned.set(i, pin.key);
    }
  }
  return { pinned, extras };
}

function placeOf(snapshot: FieldSnapshot, items: Array<PlanItem | null>): void {
  const scopes: number[][] = [];
  const filters: number[] = [];
  items.forEach((it, i) => {
    scopes.push(it?.scope ?? NO_SCOPE);
    if (it?.filter) filters.push(i);
  });
  snapshot.scopes = scopes;
  if (filters.length > 0) snapshot.filters = filters;
}

/** readForm with what the watcher needs to re-read one field fast. */
export function readDetailed(root: ReadRoot, opts: ReadOptions = {}): ReadResult {
  const doc = docOf(root);
  const cached = planFor(root);
  const { plan } = cached;
  const layout = hasLayout(doc);
  const seen = seeing(cached, layout, doc);
  const shown = (it: PlanItem, i: number): boolean => {
    let v = seen.shown[i]!;
    if (v < 0) seen.shown[i] = v = itemVisible(it, layout) ? 1 : 0;
    return v === 1;
  };
  const max = Math.max(0, opts.maxFields ?? DEFAULT_MAX_FIELDS);
  const { pinned, extras } = pinsOf(root, plan, opts);
  const fields: SnapshotField[] = [];
  const items: Array<PlanItem | null> = [];
  const index = new Map<Element, number>();
  let truncated = false;
  plan.items.forEach((it, i) => {
    const key = pinned.get(i);
    if (!key) {
      if (fields.length >= max) {
        truncated ||= shown(it, i);
        return;
      }
      if (!shown(it, i)) return;
    }
    index.set(it.el, fields.length);
    if (it.group) for (const m of it.group.members) index.set(m, fields.length);
    fields.push(toField(it, key));
    items.push(it);
  });
  for (const [el, key] of extras) {
    index.set(el, fields.length);
    fields.push(pinnedExtra(el, key));
    items.push(null);
  }
  const snapshot: FieldSnapshot = {
    url: doc.URL ?? '',
    headings: seen.headings.slice(),
    fields,
    readOnlyView: isReadOnlyView(fields),
    truncated,
  };
  if (plan.placed) placeOf(snapshot, items);
  return { snapshot, items, index, observed: plan.observed };
}

/**
 * Every visible field and read-only label/value pair under `root` (a document, an element or an open shadow
 * root), with its inferred label, value, kind and locator. Open shadow roots are read, frames are not (each
 * frame reads itself). Never changes the page.
 */
export function readForm(root: ReadRoot, opts: ReadOptions = {}): FieldSnapshot {
  return readDetailed(root, opts).snapshot;
}

// ───────────────────────── single re-read ─────────────────────────

function liveCtx(): Ctx {
  return { probe: liveProbe(), loc: new LocatorBuilder(), sameName: liveSameName };
}

/** The plan item of the field `el` is (or belongs to), found from the element alone. */
export function itemOf(el: Element, ctx: Ctx = liveCtx()): PlanItem | null {
  const { probe } = ctx;
  if (closestOf(el, OVERLAY_HOST_TAG)) return null;
  if (tagOf(el) === 'label') {
    const control = (el as HTMLLabelElement).control;
    if (control) return itemOf(control, ctx);
  }
  if (tagOf(el) === 'option') {
    const sel = closestOf(el, 'select');
    if (sel) return itemOf(sel, ctx);
  }
  if (isOption(el)) return groupItem(choiceGroup(el, probe, ctx.sameName), ctx);
  const editable = editableRootOf(el);
  if (editable) return controlItem(editable, ctx);
  if (isFieldControl(el)) return controlItem(el, ctx);
  const option = queryOf(el, 'input[type=radio], input[type=checkbox], [role=radio], [role=checkbox], [role=switch]');
  if (option && isOption(option)) {
    const g = choiceGroup(option, probe, ctx.sameName);
    if (g.element === el) return groupItem(g, ctx);
  }
  if (probe.controls(el) > 0) return null;
  const tag = tagOf(el);
  if (tag === 'td' || tag === 'th') {
    const row = parentOf(el);
    const table = closestOf(row, 'table');
    if (row && table && !isListTable(table)) {
      const below = rowBelow(row);
      const pairs = [...tablePairs(row, probe), ...(below ? tablePairs(below, probe) : [])];
      const pair = pairs.find(([l, v]) => l === el || v === el);
      if (pair) return pairItem(pair[0], pair[1], pair[2], ctx);
    }
  }
  if (tag === 'dd' || tag === 'dt') {
    const dd = tag === 'dd' ? el : tagOf(nextOf(el)) === 'dd' ? nextOf(el) : null;
    const dt = dd ? dtOf(dd) : null;
    if (dd && dt && !parseLine(probe.text(dd))) return pairItem(dt, dd, 'dt-dd', ctx);
  }
  if (matchesOf(el, DIV_LABEL_SELECTOR)) {
    const v = divPair(el, probe);
    if (v) return pairItem(el, v, 'pair', ctx);
  }
  const prev = previousOf(el);
  if (prev && matchesOf(prev, DIV_LABEL_SELECTOR) && divPair(prev, probe) === el) return pairItem(prev, el, 'pair', ctx);
  if (matchesOf(el, LINE_SELECTOR) && isLineCandidate(el, probe)) return lineItems(el, ctx)[0] ?? null;
  const parent = parentOf(el);
  const pair = parent ? siblingPair(parent, probe) : null;
  if (pair && (pair[0] === el || pair[1] === el)) return pairItem(pair[0], pair[1], 'pair', ctx);
  return null;
}

/**
 * Re-reads the single field an element is (a control, a radio/checkbox of a group, a value or label cell, a
 * `label：value` block), or null if it is none. Visibility is not checked: the caller pointed at it.
 */
export function readField(el: Element): SnapshotField | null {
  const it = itemOf(el);
  return it ? toField(it) : null;
}

// ───────────────────────── inspection (diagnosis) ─────────────────────────

export interface FormInspection {
  result: ReadResult;
  /** planned fields not read: not shown, or beyond the cap */
  unread: PlanItem[];
  /** label-like text no field took */
  unpaired: Element[];
  layout: boolean;
}

/** What readForm sees and what it leaves: for 导出诊断 (lib/form/diagnose.ts), never on the reading path. */
export function inspectForm(root: ReadRoot, opts: ReadOptions = {}): FormInspection {
  const result = readDetailed(root, opts);
  const { plan, builder, headings } = planWith(root);
  const read = new Set(result.items.map((it) => it?.el));
  const unread = plan.items.filter((it) => !read.has(it.el));
  const layout = hasLayout(docOf(root));
  const unpaired = unreadText(plan.items, builder, headings, layout)
    .filter((a) => isLabelAtom(a.text))
    .map((a) => a.el);
  return { result, unread, unpaired, layout };
}

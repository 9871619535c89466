// The reading plan of a page: every field with everything that does not depend on values or visibility.
import type { PlanFacts } from './changes';
import { choiceGroup } from './choice';
import { readDocument, type DocumentBlock } from './document';
import {
  OVERLAY_HOST_TAG,
  hasLayout,
  inputType,
  isChoice,
  isDocument,
  isFieldControl,
  isOption,
  labelText,
  scopeOf,
  textOf,
  type Scope,
} from './dom';
import { type AtomMemo, forgetChanged, isLabelAtom, measured, pairByLayout, textAtoms, type TextAtom } from './geometry';
import { type PlanItem, type Ctx, item, controlItem, groupItem, pairItem } from './items';
import type { Probe } from './label';
import { lineItems, tablePairs, divPair, withinUsed, dtOf, isLineCandidate, type Taken } from './lines';
import { LocatorBuilder } from './locator';
import { siblingPair } from './pairs';
import type { ReadRoot } from './read';
import { BUTTON_SELECTOR, filterBars, fieldScopes, listRecordFields, rankedScopes } from './regions';
import { isListTable, rowsOf } from './tables';
import { parseLines, parseLine } from './values';
import type { KeptAncestors, KeptParts } from './kept';
import type { StepIndex } from './splice';
import { widgetParts } from './widget';
import {
  attrOf,
  childCountOf,
  closestOf,
  containsNode,
  hasAttrOf,
  idOf,
  matchesOf,
  nextOf,
  ownerDocumentOf,
  parentOf,
  queryAllOf,
  rectOf,
  shadowOf,
  tagOf,
} from './native';

export interface Plan {
  items: PlanItem[];
  /** item index of each field element and each group member */
  index: Map<Element, number>;
  headings: Element[];
  /** nodes whose mutations make the plan stale: the root and every open shadow root read */
  observed: Node[];
  /** custom elements without a shadow root yet: attaching one (on upgrade) is no mutation */
  pendingHosts: Element[];
  /** unlabelled fields not laid out when planned (a hidden tab): once one is shown the layout pass runs again */
  pendingLayout: PlanItem[];
  /** some field shares containers with others or sits in a search bar (snapshot.scopes/filters are worth making) */
  placed: boolean;
  /** the layout pass ran: a font or an image arriving later may move what it saw */
  layout: boolean;
  /** what it was made from, to tell which later changes leave it as it is (made when first asked) */
  facts: () => PlanFacts;
  /**
   * The plan of the page after nodes were added or taken away (the changes `records` tell), made by planning
   * again only what could read them; null when only planning afresh can tell.
   */
  splice(records: readonly MutationRecord[]): Plan | null;
}

export const HEADING_SELECTOR =
  'h1, h2, h3, legend, caption, .title, .el-card__header, .el-dialog__title, .ant-card-head-title, .ant-modal-title, .panel-title, .page-title, .layui-card-header';
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'legend', 'caption']);
/** Every heading class above says one of these (any case: quirks mode matches classes so) */
const HEADING_CLASS = /title|header/i;

interface ScopeInfo {
  container: Document | Element | ShadowRoot;
  controls: Element[];
  hosts: Array<{ host: Element; info: ScopeInfo }>;
  total: number;
  /** the container's elements each later pass looks at, sorted out in one walk (document order) */
  tables: Element[];
  dds: Element[];
  /** class names holding `label`/`Label` (Element UI, Ant, layui label elements) */
  labelled: Element[];
  /** elements of two to four children: possible label/value parts */
  twoPart: Element[];
  /** possible `label：value` lines and document blocks */
  lines: Element[];
}

/** The passes of planning, in the order they run (a later pass leaves out what an earlier one paired). */
export const Pass = { Control: 0, Table: 1, Dd: 2, Labelled: 3, TwoPart: 4, Line: 5 } as const;
export type Pass = (typeof Pass)[keyof typeof Pass];

/**
 * One planning step: a pass looking at one candidate element. It reads the page only through the probe (or
 * tells it where it looked past it), so the lowest element holding all it read is known: a change outside
 * that element leaves the step as it was (splice.ts).
 */
export interface Step {
  pass: Pass;
  anchor: Element;
  /** document positions of the first and last element read */
  lo: number;
  hi: number;
  loEl: Element;
  hiEl: Element;
  /** read an element planning never numbered (another root): never planned again alone */
  outside: boolean;
  /** the lowest element holding all it read (null: none), once indexed (splice.ts) */
  region?: Element | null;
  items: PlanItem[];
  /** elements it took, that later steps of its kind leave alone */
  claims: Element[];
  /** a line block's text, for the document pass */
  block?: DocumentBlock;
}

/**
 * A step that read its candidate alone and found nothing: not kept, the splice runs it again when its
 * candidate holds a change (splice.ts).
 */
export function trivial(s: Step): boolean {
  return !s.outside && s.loEl === s.anchor && s.hiEl === s.anchor && s.items.length === 0 && s.claims.length === 0 && !s.block;
}

const TWO_PART_TAGS = new Set(['div', 'li', 'p', 'section', 'span', 'a']);
const LINE_TAGS = new Set(['p', 'li', 'div', 'td', 'dd']);

/** The candidates of each pass, in document order. */
export type Candidates = Pick<ScopeInfo, 'controls' | 'tables' | 'dds' | 'labelled' | 'twoPart' | 'lines'>;

export function candidates(): Candidates {
  return { controls: [], tables: [], dds: [], labelled: [], twoPart: [], lines: [] };
}

/** Sorts an element into the passes after the first that look at it, by what it is; gives its class. */
export function sortOut(e: Element, tag: string, info: Candidates): string | null {
  if (tag === 'table') info.tables.push(e);
  else if (tag === 'dd') info.dds.push(e);
  const cls = attrOf(e, 'class');
  if (cls !== null && (cls.includes('label') || cls.includes('Label'))) info.labelled.push(e);
  const kids = childCountOf(e);
  if (kids >= 2 && kids <= 4 && TWO_PART_TAGS.has(tag)) info.twoPart.push(e);
  if (LINE_TAGS.has(tag)) info.lines.push(e);
  return cls;
}

/** Elements that may be controls (isFieldControl is not free) or buttons, found by one selector query. */
export const CONTROL_OR_BUTTON = 'input, select, textarea, iframe, button, a, [contenteditable], [role], [tabindex]';

/** The field controls and the buttons of a container (not of shadow roots inside it), in document order. */
function controlsAndButtons(container: ParentNode): { controls: Element[]; buttons: Element[] } {
  const controls: Element[] = [];
  const buttons: Element[] = [];
  const found = queryAllOf(container, CONTROL_OR_BUTTON);
  for (let i = 0, n = found.length; i < n; i++) {
    const e = found[i]!;
    const tag = tagOf(e);
    const button = tag === 'button' || tag === 'a';
    if (button || matchesOf(e, BUTTON_SELECTOR)) buttons.push(e);
    if (tag === OVERLAY_HOST_TAG) continue;
    // a button or link is a control only when made editable or a widget by an attribute
    const attributed = !button || hasAttrOf(e, 'contenteditable') || hasAttrOf(e, 'role') || hasAttrOf(e, 'tabindex');
    if (attributed && isFieldControl(e)) controls.push(e);
  }
  return { controls, buttons };
}

export class PlanBuilder implements Probe {
  readonly counts = new Map<Element, number>();
  /** text of every element planning looked at */
  readonly texts = new Map<Element, string>();
  /**
   * elements whose text was looked at only to find `label：value` lines, a document or label-like text by
   * layout: a change of it matters only if the new text is one of those
   */
  readonly looseOnly = new Set<Element>();
  private readonly labels = new Map<Scope, Map<string, Element[]>>();
  private readonly names = new Map<Scope, Map<string, HTMLInputElement[]>>();
  readonly loc = new LocatorBuilder();
  /** tables listing cases: never read, not even by layout */
  readonly lists = new Set<Element>();
  readonly observed: Node[] = [];
  /** headings of the page, in document order within each of `observed` */
  readonly headings: Element[][] = [];
  /** buttons (regions.ts BUTTON_SELECTOR) of each of `observed`, in document order */
  readonly buttons: Element[][] = [];
  readonly pendingHosts: Element[] = [];
  /** document order of every element seen, to sort items without compareDocumentPosition */
  readonly order = new Map<Element, number>();
  readonly ctx: Ctx = { probe: this, loc: this.loc, sameName: (i) => this.sameName(i) };
  /** the steps run, in the order run, but those that read their candidate alone and found nothing (`trivial`) */
  readonly steps: Step[] = [];
  /** the step running, told what is read */
  step: Step | null = null;
  /** elements taken by pair steps (label and value parts), and by control steps (options, widget parts) */
  readonly used = new Map<Element, Step>();
  readonly grouped = new Map<Element, Step>();

  controls(el: Element): number {
    this.touch(el);
    return this.counts.get(el) ?? 0;
  }

  /** Position of an element in document order (−1 for one not seen). */
  orderOf(el: Element): number {
    return this.order.get(el) ?? -1;
  }

  text(el: Element): string {
    this.touch(el);
    this.looseOnly.delete(el);
    let t = this.texts.get(el);
    if (t === undefined) {
      t = textOf(el);
      this.texts.set(el, t);
    }
    return t;
  }

  looseText(el: Element): string {
    this.touch(el);
    let t = this.texts.get(el);
    if (t === undefined) {
      t = textOf(el);
      this.texts.set(el, t);
      this.looseOnly.add(el);
    }
    return t;
  }

  /** This probe, reading text loosely (for the layout pass, which only looks for label-like text). */
  readonly loose: Probe = {
    controls: (el) => this.controls(el),
    text: (el) => this.looseText(el),
    labelsFor: (el) => this.labelsFor(el),
  };

  labelsFor(el: Element): Element[] {
    this.touch(el);
    const scope = idOf(el) ? scopeOf(el) : null;
    if (!scope) return [];
    let m = this.labels.get(scope);
    if (!m) {
      m = new Map();
      const labels = queryAllOf(scope, 'label[for]');
      for (let i = 0; i < labels.length; i++) {
        const l = labels[i]!;
        const f = attrOf(l, 'for') ?? '';
        const list = m.get(f);
        if (list) list.push(l);
        else m.set(f, [l]);
      }
      this.labels.set(scope, m);
    }
    return m.get(idOf(el)) ?? [];
  }

  private sameName(input: HTMLInputElement): HTMLInputElement[] {
    const scope = scopeOf(input);
    const name = attrOf(input, 'name');
    if (!scope || !name) return [input];
    let m = this.names.get(scope);
    if (!m) {
      m = new Map();
      const named = queryAllOf(scope, 'input[name]');
      for (let i = 0; i < named.length; i++) {
        const e = named[i]!;
        if (!isChoice(e)) continue;
        const k = `${inputType(e)}\u0000${attrOf(e, 'name')}`;
        const list = m.get(k);
        if (list) list.push(e);
        else m.set(k, [e]);
      }
      this.names.set(scope, m);
    }
    const all = m.get(`${inputType(input)}\u0000${name}`) ?? [input];
    return all.filter((e) => e.form === input.form);
  }

  addCount(from: Element, n: number, stop: Node): void {
    for (let a: Element | null = from; a; a = parentOf(a)) {
      this.counts.set(a, (this.counts.get(a) ?? 0) + n);
      if (a === stop) break;
    }
  }

  /**
   * Adds every control (document order) to its own count and each ancestor's, up to `stop`: the ancestors of the
   * last control are kept as a path, so each element is written once, with the controls met while on the path.
   */
  countControls(controls: readonly Element[], stop: Node): void {
    const path: Element[] = [];
    const since: number[] = [];
    const flush = (depth: number, done: number): void => {
      while (path.length > depth) {
        const a = path.pop()!;
        this.counts.set(a, (this.counts.get(a) ?? 0) + done - since.pop()!);
      }
    };
    controls.forEach((c, i) => {
      const fresh: Element[] = [];
      let depth = 0;
      for (let a: Element | null = c; a; a = parentOf(a)) {
        const at = path.lastIndexOf(a);
        if (at >= 0) {
          depth = at + 1;
          break;
        }
        fresh.push(a);
        if (a === stop) break;
      }
      flush(depth, i);
      for (let k = fresh.length - 1; k >= 0; k--) {
        path.push(fresh[k]!);
        since.push(i);
      }
    });
    flush(0, controls.length);
  }

  /** Phase 1: controls and open shadow roots of a container, and how many controls each element holds. */
  collect(container: Document | Element | ShadowRoot): ScopeInfo {
    this.observed.push(container);
    const headings: Element[] = [];
    this.headings.push(headings);
    const { controls, buttons } = controlsAndButtons(container);
    this.buttons.push(buttons);
    const hosts: ScopeInfo['hosts'] = [];
    const info = { container, controls, hosts, total: 0, tables: [], dds: [], labelled: [], twoPart: [], lines: [] } as ScopeInfo;
    // indexed: iterating a NodeList with for…of costs several times more
    const all = queryAllOf(container, '*');
    for (let i = 0, n = all.length; i < n; i++) {
      const e = all[i]!;
      this.order.set(e, this.order.size);
      const tag = tagOf(e);
      if (tag === OVERLAY_HOST_TAG) continue;
      const sr = shadowOf(e);
      if (sr) hosts.push({ host: e, info: this.collect(sr) });
      else if (tag.includes('-')) this.pendingHosts.push(e);
      const cls = sortOut(e, tag, info);
      if ((HEADING_TAGS.has(tag) || (cls !== null && HEADING_CLASS.test(cls))) && matchesOf(e, HEADING_SELECTOR)) headings.push(e);
    }
    this.countControls(controls, container);
    for (const { host, info: sub } of hosts) if (sub.total > 0) this.addCount(host, sub.total, container);
    info.total = controls.length + hosts.reduce((n, h) => n + h.info.total, 0);
    return info;
  }

  /**
   * A decision rendered as a document among the blocks of text: its fields, from blocks holding no control
   * (a form beside a preview keeps its own fields).
   */
  private documentItems(blocks: DocumentBlock[]): PlanItem[] {
    const fields = readDocument(blocks, textOf);
    const decision = fields[0]?.els[0];
    // a document stands apart from controls: its decision sentence beside inputs is a form's hint
    const box = parentOf(decision);
    if (!decision || !box || this.controls(box) > 0) return [];
    let root: Element = decision;
    for (let p = parentOf(root); p && this.controls(p) === 0; p = parentOf(root)) root = p;
    return fields
      .filter((f) => containsNode(root, f.els[0]!))
      .map((f) => {
        const el = f.els[0]!;
        return item(el, 'line', { raw: f.label, norm: f.label, source: 'document' }, this.ctx, {
          key: f.key,
          read: f.read,
          visEl: el,
          parts: f.els,
        });
      });
  }

  /** Phase 2: the items of a container in document order, shadow-root items at their host's place. */
  items(info: ScopeInfo): PlanItem[] {
    const out: Array<{ el: Element; items: PlanItem[] }> = [];
    const blocks: DocumentBlock[] = [];
    const run = (pass: Pass, anchor: Element): void => {
      const step = this.run(pass, anchor);
      if (!trivial(step)) this.steps.push(step);
      for (const it of step.items) out.push({ el: it.el, items: [it] });
      if (step.block) blocks.push(step.block);
    };
    for (const c of info.controls) run(Pass.Control, c);
    for (const t of info.tables) run(Pass.Table, t);
    for (const dd of info.dds) run(Pass.Dd, dd);
    for (const l of info.labelled) run(Pass.Labelled, l);
    for (const p of info.twoPart) run(Pass.TwoPart, p);
    for (const b of info.lines) run(Pass.Line, b);
    for (const it of this.documentItems(blocks)) out.push({ el: it.el, items: [it] });
    for (const { host, info: sub } of info.hosts) out.push({ el: host, items: this.items(sub) });
    const pos = (e: Element): number => this.order.get(e) ?? -1;
    out.sort((a, b) => pos(a.el) - pos(b.el));
    return out.flatMap((o) => o.items);
  }

  /** A step not run yet. */
  blank(pass: Pass, anchor: Element): Step {
    const at = this.order.get(anchor) ?? -1;
    return { pass, anchor, lo: at, hi: at, loEl: anchor, hiEl: anchor, outside: at < 0, items: [], claims: [] };
  }

  /** Runs one step, noting what it reads. */
  run(pass: Pass, anchor: Element): Step {
    const step = this.blank(pass, anchor);
    this.planStep(step);
    return step;
  }

  planStep(step: Step): void {
    this.step = step;
    try {
      this.plan(step);
    } finally {
      this.step = null;
    }
  }

  private touch(el: Element): void {
    const s = this.step;
    if (s === null) return;
    let at = this.order.get(el);
    // content a kept plan let in unnumbered: what it read lies in its nearest numbered ancestor
    for (let p = parentOf(el); at === undefined && p; p = parentOf(el)) {
      el = p;
      at = this.order.get(el);
    }
    if (at === undefined) s.outside = true;
    else if (at < s.lo) {
      s.lo = at;
      s.loEl = el;
    } else if (at > s.hi) {
      s.hi = at;
      s.hiEl = el;
    }
  }

  walked(el: Element): void {
    // the siblings of a root's top element change only with the root's own children, which no splice weighs
    this.touch(parentOf(el) ?? el);
  }

  read(el: Element): void {
    this.touch(el);
  }

  /** When steps run out of order (splice.ts): whether the step that took an element runs after the one running. */
  later?: (by: Step) => boolean;

  /** An element a step of an earlier pass, or earlier in this one, took. */
  private takenBefore(taken: Map<Element, Step>, el: Element): boolean {
    const by = taken.get(el);
    return by !== undefined && by !== this.step && !this.later?.(by);
  }

  private take(taken: Map<Element, Step>, step: Step, ...els: Element[]): void {
    for (const el of els) {
      if (!taken.has(el)) taken.set(el, step);
      step.claims.push(el);
    }
  }

  /** Elements taken by pair steps before the one running, as `withinUsed` asks. */
  private readonly usedSet: Taken = { has: (el) => this.takenBefore(this.used, el), size: () => this.used.size };

  private plan(step: Step): void {
    const ctx = this.ctx;
    const el = step.anchor;
    const push = (it: PlanItem | null): void => {
      if (it) step.items.push(it);
    };
    switch (step.pass) {
      case Pass.Control: {
        if (this.takenBefore(this.grouped, el)) return;
        if (isOption(el)) {
          const g = choiceGroup(el, this, ctx.sameName);
          this.take(this.grouped, step, ...g.members);
          push(groupItem(g, ctx));
        } else {
          const it = controlItem(el, ctx);
          // the stand-in's own parts (layui's read-only text box) are this field, not fields of their own
          if (it.standIn) this.take(this.grouped, step, ...widgetParts(el, it.standIn, this));
          push(it);
        }
        return;
      }
      case Pass.Table:
        // rows, header rows above values and list columns: all of it is the table's (tablePairs tells nothing more)
        this.read(el);
        if (isListTable(el, this)) {
          this.lists.add(el);
          return;
        }
        for (const row of rowsOf(el)) {
          for (const [l, v, source] of tablePairs(row, this)) {
            this.take(this.used, step, l, v);
            push(pairItem(l, v, source, ctx));
          }
        }
        return;
      case Pass.Dd: {
        this.walked(el);
        const dt = dtOf(el);
        if (!dt || this.usedSet.has(el) || this.controls(el) > 0 || !isLineCandidate(el, this) || parseLine(this.text(el))) return;
        this.take(this.used, step, dt, el);
        push(pairItem(dt, el, 'dt-dd', ctx));
        return;
      }
      case Pass.Labelled: {
        // the text span inside a label element already paired is that label, not a label of its own
        if (this.usedSet.has(el) || withinUsed(el, this.usedSet)) return;
        const v = divPair(el, this);
        if (!v || this.usedSet.has(v)) return;
        this.take(this.used, step, el, v);
        push(pairItem(el, v, 'pair', ctx));
        return;
      }
      case Pass.TwoPart: {
        if (this.usedSet.has(el) || withinUsed(el, this.usedSet)) return;
        const pair = siblingPair(el, this);
        if (!pair || this.usedSet.has(pair[0]) || this.usedSet.has(pair[1])) return;
        this.take(this.used, step, el, pair[0], pair[1]);
        push(pairItem(pair[0], pair[1], 'pair', ctx));
        return;
      }
      case Pass.Line: {
        if (this.usedSet.has(el) || !isLineCandidate(el, this)) return;
        const table = tagOf(el) === 'td' ? closestOf(el, 'table') : null;
        if (table && this.lists.has(table)) return;
        const text = this.looseText(el);
        for (const it of lineItems(el, ctx, text)) push(it);
        if (text) step.block = { el, text };
      }
    }
  }
}

/**
 * Where each field sits on a busy page: records of a list drawn with divs are dropped, fields of a search
 * bar marked, and every field given the containers it shares with others.
 */
export function place(all: PlanItem[], b: PlanBuilder, root: ReadRoot, scopesOf?: (els: Element[]) => number[][]): PlanItem[] {
  const listed = listRecordFields(all.map((it) => ({ el: it.el, label: it.label, readOnly: it.kind === 'cell' || it.kind === 'line' })));
  const items = listed.size > 0 ? all.filter((it) => !listed.has(it.el)) : all;
  const bars = b.observed.flatMap((n, i) => filterBars(n as ParentNode, b.buttons[i]!, (el) => b.controls(el)));
  // a spliced plan places the items it kept again (deleting only what is there keeps the items' shape)
  for (const it of items) {
    if (bars.length > 0 && bars.some((bar) => containsNode(bar, it.el))) it.filter = true;
    else if (it.filter) delete it.filter;
  }
  const els = items.map((it) => it.el);
  // a container's id is its rank among the containers (rankedScopes)
  const scopes = scopesOf?.(els) ?? rankedScopes(fieldScopes(els, isDocument(root) ? null : root, (el) => b.orderOf(el)));
  items.forEach((it, i) => {
    if (scopes[i]!.length > 0) it.scope = scopes[i];
    else if (it.scope) delete it.scope;
  });
  return items;
}

/** Elements an item already reads: its field, label, options, widget parts and document blocks. */
export function claimedBy(items: readonly PlanItem[], claimed = new Set<Element>()): Set<Element> {
  for (const it of items) {
    claimed.add(it.el).add(it.visEl);
    if (it.labelEl) claimed.add(it.labelEl);
    if (it.standIn) claimed.add(it.standIn);
    if (it.display) claimed.add(it.display);
    for (const m of it.group?.members ?? []) {
      claimed.add(m);
      // an option's own words: its label, or the widget's drawing right after it
      const own = closestOf(m, 'label') ?? nextOf(m);
      if (own) claimed.add(own);
      if (isChoice(m)) for (const l of Array.from(m.labels ?? [])) claimed.add(l);
    }
    for (const p of it.parts ?? []) claimed.add(p);
  }
  return claimed;
}

/** Every ancestor of the elements. */
export function aroundOf(els: Iterable<Element>, around = new Set<Element>()): Set<Element> {
  for (const el of els) for (let a = parentOf(el); a && !around.has(a); a = parentOf(a)) around.add(a);
  return around;
}

/** What items read, headings included (a title names the page or a section, not a field), and every ancestor of it. */
export interface ReadParts {
  claimed: Pick<Set<Element>, 'has'>;
  around: Pick<Set<Element>, 'has'>;
}

function readParts(items: readonly PlanItem[], headings: readonly Element[]): ReadParts {
  const claimed = claimedBy(items);
  for (const h of headings) claimed.add(h);
  return { claimed, around: aroundOf(claimed) };
}

/** Text no item reads (titles, case lists and read parts left out), measured or not. */
export function unreadText(
  items: readonly PlanItem[],
  b: PlanBuilder,
  headings: readonly Element[],
  measure: boolean,
  { claimed, around }: ReadParts = readParts(items, headings),
  memo?: AtomMemo,
  probe: Probe = b.loose,
): TextAtom[] {
  const skip = (el: Element): boolean => claimed.has(el) || b.lists.has(el);
  const atoms = b.observed.flatMap((n) => textAtoms(n as ParentNode, probe, skip, (el) => around.has(el), memo));
  return measure ? measured(atoms) : atoms;
}

/** Unlabelled fields watched for being shown: enough for a hidden tab, never a cost on every read. */
const MAX_PENDING_LAYOUT = 50;

function isUnlabelled(it: PlanItem): boolean {
  return (it.kind !== 'cell' && it.kind !== 'line' && !it.label) || it.source === 'placeholder';
}

/**
 * The layout fallback, for a document with a layout engine: controls no DOM step labelled take the nearest
 * label-like text before them, and label-like text left unpaired takes the nearest value after it. Controls
 * not laid out yet (a hidden tab) are kept to try again once shown.
 */
function layoutPass(
  items: PlanItem[],
  b: PlanBuilder,
  headings: readonly Element[],
  memo: AtomMemo,
  parts?: ReadParts,
): { items: PlanItem[]; pending: PlanItem[]; labelAtoms: boolean; paired: boolean } {
  const texts = unreadText(items, b, headings, false, parts, memo);
  // hidden label-like text counts: shown later, it may pair
  const labelAtoms = texts.some((a) => isLabelAtom(a.text));
  const atoms = measured(texts);
  const unlabelled: Array<{ it: PlanItem; el: Element; box: ReturnType<typeof boxOfItem> & object }> = [];
  const pending: PlanItem[] = [];
  for (const it of items) {
    if (!isUnlabelled(it)) continue;
    const box = boxOfItem(it);
    if (box) unlabelled.push({ it, el: it.el, box });
    else if (pending.length < MAX_PENDING_LAYOUT) pending.push(it);
  }
  if (atoms.length === 0) return { items, pending, labelAtoms, paired: false };
  const { labels, pairs } = pairByLayout(unlabelled, atoms);
  const paired = [...labels].length > 0 || pairs.length > 0;
  // labelled copies: the planning steps keep what they found, for the layout pass to run again (splice.ts)
  const labelled = new Map<PlanItem, PlanItem>();
  for (const [i, atom] of labels) {
    const it = unlabelled[i]!.it;
    const label = labelText(atom.text);
    labelled.set(it, { ...it, label: label.norm, rawLabel: label.raw, source: 'geometry', labelEl: atom.el });
  }
  const kept = labelled.size > 0 ? items.map((it) => labelled.get(it) ?? it) : items;
  const added: PlanItem[] = [];
  for (const [l, v] of pairs) {
    const it = pairItem(l.el, v.el, 'geometry', b.ctx);
    if (it) added.push(it);
  }
  if (added.length === 0) return { items: kept, pending, labelAtoms, paired };
  const all = [...kept, ...added];
  all.sort((x, y) => b.orderOf(x.el) - b.orderOf(y.el));
  return { items: all, pending, labelAtoms, paired };
}

/**
 * Whether the layout pass would label or pair nothing, without changing any item. Text is read afresh (what
 * planning cached may have changed since); what lies under elements unchanged since the last look is kept.
 */
function layoutPairsNothing(
  items: PlanItem[],
  b: PlanBuilder,
  headings: readonly Element[],
  parts: ReadParts,
  memo: AtomMemo,
): { nothing: boolean; labelAtoms: boolean } {
  // first without measuring (a change forces the page to be laid out again): a label needs a value or a field
  const texts = unreadText(items, b, headings, false, parts, memo, { ...b.loose, text: textOf });
  if (!texts.some((a) => isLabelAtom(a.text))) return { nothing: true, labelAtoms: false };
  if (texts.length < 2 && !items.some(isUnlabelled)) return { nothing: true, labelAtoms: true };
  const atoms = measured(texts);
  const unlabelled: Array<{ it: PlanItem; el: Element; box: ReturnType<typeof boxOfItem> & object }> = [];
  for (const it of items) {
    const box = isUnlabelled(it) ? boxOfItem(it) : null;
    if (box) unlabelled.push({ it, el: it.el, box });
  }
  const { labels, pairs } = pairByLayout(unlabelled, atoms);
  return { nothing: [...labels].length === 0 && pairs.length === 0, labelAtoms: true };
}

export function boxOfItem(it: PlanItem): { left: number; top: number; right: number; bottom: number } | null {
  const els = it.group
    ? it.group.members.map((m) => (isChoice(m) ? (m.labels?.[0] ?? closestOf(m, 'label') ?? m) : m))
    : [it.standIn ?? it.el];
  let box: { left: number; top: number; right: number; bottom: number } | null = null;
  for (const e of els) {
    const r = rectOf(e);
    if (r.width <= 0 || r.height <= 0) continue;
    box = box
      ? {
          left: Math.min(box.left, r.left),
          top: Math.min(box.top, r.top),
          right: Math.max(box.right, r.right),
          bottom: Math.max(box.bottom, r.bottom),
        }
      : { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  }
  return box;
}

/** What a plan was made from, kept to plan it again in part after nodes came or went (splice.ts). */
export interface Planning {
  root: ReadRoot;
  b: PlanBuilder;
  headings: Element[];
  /** the items the planning steps found, before the layout pass */
  stepped: PlanItem[];
  /** the items as planned, before place() */
  planned: PlanItem[];
  /** the items placed, when the splicer placed them (with the ancestors it keeps) */
  placed?: PlanItem[];
  /** the fields' ancestors, each field's kept while it stays where it is (splice.ts) */
  ancestors?: KeptAncestors;
  /** what the steps' items read, for the layout pass: counted per item by the splicer (splice.ts) */
  steppedParts?: KeptParts;
  pendingLayout: PlanItem[];
  layout: boolean;
  labelAtoms: boolean;
  paired: boolean;
  /** what the layout pass found under elements unchanged since */
  layoutMemo: AtomMemo;
  /** the same, for weighing the plan as it is (layoutPairsNothing): another when the layout pass paired */
  memo: AtomMemo;
  /** what the items read, when already known */
  parts?: ReadParts;
  /** the planning steps, indexed when first spliced (splice.ts) */
  steps?: StepIndex;
  /** what the placed items read and its ancestors, once weighed (PlanFacts) */
  claimed?: Set<Element>;
  around?: Set<Element>;
}

export function planWith(root: ReadRoot): { plan: Plan; builder: PlanBuilder; headings: Element[] } {
  const b = new PlanBuilder();
  const info = b.collect(root);
  const headings = b.headings.flat();
  const stepped = b.items(info);
  const p: Planning = {
    root,
    b,
    headings,
    stepped,
    planned: stepped,
    pendingLayout: [],
    layout: hasLayout(docOf(root)),
    labelAtoms: false,
    paired: false,
    layoutMemo: new WeakMap(),
    memo: new WeakMap(),
  };
  laidOut(p);
  const plan = finish(p);
  return { plan, builder: b, headings };
}

/** Plans a page again in part after nodes came or went (splice.ts), or null when only a full plan can tell. */
export type Splicer = (p: Planning, records: readonly MutationRecord[]) => Planning | null;

/**
 * The splicer, once given: the reader loads it as a part of its own when a page first changes its structure,
 * so that frames whose structure never changes do not carry it. Until then every such change is planned afresh.
 */
const splicing: { splice: Splicer | null; wanted: () => void } = { splice: null, wanted: () => {} };

export function provideSplicer(splice: Splicer): void {
  splicing.splice = splice;
}

/** Tells `wanted` when a change could have been spliced but no splicer was given yet. */
export function whenSplicerWanted(wanted: () => void): void {
  splicing.wanted = wanted;
}

/** Runs the layout pass over what the steps found, where there is a layout engine. */
export function laidOut(p: Planning): void {
  if (!p.layout) return;
  ({
    items: p.planned,
    pending: p.pendingLayout,
    labelAtoms: p.labelAtoms,
    paired: p.paired,
  } = layoutPass(p.stepped, p.b, p.headings, p.layoutMemo, p.steppedParts));
  // labels the layout pass gave are read parts now: the text it found then is no longer all unread
  p.memo = p.paired ? new WeakMap() : p.layoutMemo;
}

/** The plan of what was planned: each field placed and indexed, and what later changes are weighed against. */
function finish(p: Planning): Plan {
  const { b, layout, memo, headings } = p;
  const items = p.placed ?? place(p.planned, b, p.root);
  const index = new Map<Element, number>();
  items.forEach((it, i) => {
    index.set(it.el, i);
    for (const m of it.group?.members ?? []) index.set(m, i);
  });
  const placed = items.some((it) => it.scope !== undefined || it.filter === true);
  let facts: PlanFacts | undefined;
  const factsOf = (): PlanFacts => {
    if (facts) return facts;
    const claimed = (p.claimed ??= claimedBy(items));
    const around = (p.around ??= aroundOf(claimed));
    facts = {
      claimed,
      around,
      texts: b.texts,
      looseOnly: b.looseOnly,
      standIn: (el) => {
        const i = index.get(el);
        const it = i === undefined ? undefined : items[i];
        return it && it.el === el && !it.group && it.kind !== 'cell' && it.kind !== 'line' ? (it.standIn ?? null) : undefined;
      },
      positional: b.loc.positional,
      geometry: p.paired,
      layout,
      labelAtoms: p.labelAtoms,
      layoutPairsNothing() {
        // what the plan reads stays as it is while the plan is kept
        const { nothing, labelAtoms: now } = layoutPairsNothing(p.planned, b, headings, (p.parts ??= readParts(p.planned, headings)), memo);
        this.labelAtoms = p.labelAtoms = now;
        return nothing;
      },
      changed: (records) => {
        forgetChanged(memo, records);
        if (p.layoutMemo !== memo) forgetChanged(p.layoutMemo, records);
      },
      document: items.some((it) => it.source === 'document'),
      headingSelector: HEADING_SELECTOR,
      isLine: (text) => parseLines(text).length > 0,
    };
    return facts;
  };
  return {
    items,
    index,
    headings: headings.slice(0, 60),
    observed: b.observed,
    pendingHosts: b.pendingHosts,
    pendingLayout: p.pendingLayout,
    placed,
    layout,
    facts: factsOf,
    splice(records) {
      if (!splicing.splice) {
        splicing.wanted();
        return null;
      }
      const next = splicing.splice(p, records);
      return next ? finish(next) : null;
    },
  };
}

export function buildPlan(root: ReadRoot): Plan {
  return planWith(root).plan;
}

export function docOf(root: ReadRoot): Document {
  return isDocument(root) ? root : ownerDocumentOf(root);
}

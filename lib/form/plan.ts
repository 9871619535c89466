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
import { lineItems, tablePairs, divPair, withinUsed, dtOf, isLineCandidate } from './lines';
import { LocatorBuilder } from './locator';
import { siblingPair } from './pairs';
import type { ReadRoot } from './read';
import { BUTTON_SELECTOR, filterBars, fieldScopes, listRecordFields } from './regions';
import { isListTable, rowsOf } from './tables';
import { parseLines, parseLine } from './values';
import { widgetParts } from './widget';

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
}

const HEADING_SELECTOR =
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

const TWO_PART_TAGS = new Set(['div', 'li', 'p', 'section', 'span', 'a']);
const LINE_TAGS = new Set(['p', 'li', 'div', 'td', 'dd']);

/** Elements that may be controls (isFieldControl is not free) or buttons, found by one selector query. */
const CONTROL_OR_BUTTON = 'input, select, textarea, iframe, button, a, [contenteditable], [role], [tabindex]';

/** The field controls and the buttons of a container (not of shadow roots inside it), in document order. */
function controlsAndButtons(container: ParentNode): { controls: Element[]; buttons: Element[] } {
  const controls: Element[] = [];
  const buttons: Element[] = [];
  const found = container.querySelectorAll(CONTROL_OR_BUTTON);
  for (let i = 0, n = found.length; i < n; i++) {
    const e = found[i]!;
    const tag = e.localName;
    const button = tag === 'button' || tag === 'a';
    if (button || e.matches(BUTTON_SELECTOR)) buttons.push(e);
    if (tag === OVERLAY_HOST_TAG) continue;
    // a button or link is a control only when made editable or a widget by an attribute
    const attributed = !button || e.hasAttribute('contenteditable') || e.hasAttribute('role') || e.hasAttribute('tabindex');
    if (attributed && isFieldControl(e)) controls.push(e);
  }
  return { controls, buttons };
}

class PlanBuilder implements Probe {
  private readonly counts = new Map<Element, number>();
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
  private readonly order = new Map<Element, number>();
  readonly ctx: Ctx = { probe: this, loc: this.loc, sameName: (i) => this.sameName(i) };

  controls(el: Element): number {
    return this.counts.get(el) ?? 0;
  }

  /** Position of an element in document order (−1 for one not seen). */
  orderOf(el: Element): number {
    return this.order.get(el) ?? -1;
  }

  text(el: Element): string {
    this.looseOnly.delete(el);
    let t = this.texts.get(el);
    if (t === undefined) {
      t = textOf(el);
      this.texts.set(el, t);
    }
    return t;
  }

  looseText(el: Element): string {
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
    const scope = el.id ? scopeOf(el) : null;
    if (!scope) return [];
    let m = this.labels.get(scope);
    if (!m) {
      m = new Map();
      const labels = scope.querySelectorAll('label[for]');
      for (let i = 0; i < labels.length; i++) {
        const l = labels[i]!;
        const f = l.getAttribute('for') ?? '';
        const list = m.get(f);
        if (list) list.push(l);
        else m.set(f, [l]);
      }
      this.labels.set(scope, m);
    }
    return m.get(el.id) ?? [];
  }

  private sameName(input: HTMLInputElement): HTMLInputElement[] {
    const scope = scopeOf(input);
    const name = input.getAttribute('name');
    if (!scope || !name) return [input];
    let m = this.names.get(scope);
    if (!m) {
      m = new Map();
      const named = scope.querySelectorAll('input[name]');
      for (let i = 0; i < named.length; i++) {
        const e = named[i]!;
        if (!isChoice(e)) continue;
        const k = `${inputType(e)}\u0000${e.getAttribute('name')}`;
        const list = m.get(k);
        if (list) list.push(e);
        else m.set(k, [e]);
      }
      this.names.set(scope, m);
    }
    const all = m.get(`${inputType(input)}\u0000${name}`) ?? [input];
    return all.filter((e) => e.form === input.form);
  }

  private addCount(from: Element, n: number, stop: Node): void {
    for (let a: Element | null = from; a; a = a.parentElement) {
      this.counts.set(a, (this.counts.get(a) ?? 0) + n);
      if (a === stop) break;
    }
  }

  /**
   * Adds every control (document order) to its own count and each ancestor's, up to `stop`: the ancestors of the
   * last control are kept as a path, so each element is written once, with the controls met while on the path.
   */
  private countControls(controls: readonly Element[], stop: Node): void {
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
      for (let a: Element | null = c; a; a = a.parentElement) {
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
    const all = container.querySelectorAll('*');
    for (let i = 0, n = all.length; i < n; i++) {
      const e = all[i]!;
      this.order.set(e, this.order.size);
      const tag = e.localName;
      if (tag === OVERLAY_HOST_TAG) continue;
      const sr = e.shadowRoot;
      if (sr) hosts.push({ host: e, info: this.collect(sr) });
      else if (tag.includes('-')) this.pendingHosts.push(e);
      if (tag === 'table') info.tables.push(e);
      else if (tag === 'dd') info.dds.push(e);
      const cls = e.getAttribute('class');
      if (cls !== null && (cls.includes('label') || cls.includes('Label'))) info.labelled.push(e);
      if ((HEADING_TAGS.has(tag) || (cls !== null && HEADING_CLASS.test(cls))) && e.matches(HEADING_SELECTOR)) headings.push(e);
      const kids = e.childElementCount;
      if (kids >= 2 && kids <= 4 && TWO_PART_TAGS.has(tag)) info.twoPart.push(e);
      if (LINE_TAGS.has(tag)) info.lines.push(e);
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
    if (!decision?.parentElement || this.controls(decision.parentElement) > 0) return [];
    let root: Element = decision;
    while (root.parentElement && this.controls(root.parentElement) === 0) root = root.parentElement;
    return fields
      .filter((f) => root.contains(f.els[0]!))
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
    const ctx = this.ctx;
    const out: Array<{ el: Element; items: PlanItem[] }> = [];
    const push = (it: PlanItem | null): void => {
      if (it) out.push({ el: it.el, items: [it] });
    };
    const grouped = new Set<Element>();
    for (const c of info.controls) {
      if (grouped.has(c)) continue;
      if (isOption(c)) {
        const g = choiceGroup(c, this, ctx.sameName);
        for (const m of g.members) grouped.add(m);
        push(groupItem(g, ctx));
      } else {
        const it = controlItem(c, ctx);
        // the stand-in's own parts (layui's read-only text box) are this field, not fields of their own
        if (it.standIn) for (const p of widgetParts(c, it.standIn, this)) grouped.add(p);
        push(it);
      }
    }
    const used = new Set<Element>();
    const listTables = this.lists;
    for (const table of info.tables) {
      if (isListTable(table)) {
        listTables.add(table);
        continue;
      }
      for (const row of rowsOf(table)) {
        for (const [l, v, source] of tablePairs(row, this)) {
          used.add(l).add(v);
          push(pairItem(l, v, source, ctx));
        }
      }
    }
    for (const dd of info.dds) {
      const dt = dtOf(dd);
      if (!dt || used.has(dd) || this.controls(dd) > 0 || !isLineCandidate(dd, this) || parseLine(this.text(dd))) continue;
      used.add(dt).add(dd);
      push(pairItem(dt, dd, 'dt-dd', ctx));
    }
    for (const l of info.labelled) {
      // the text span inside a label element already paired is that label, not a label of its own
      if (used.has(l) || withinUsed(l, used)) continue;
      const v = divPair(l, this);
      if (!v || used.has(v)) continue;
      used.add(l).add(v);
      push(pairItem(l, v, 'pair', ctx));
    }
    for (const p of info.twoPart) {
      if (used.has(p) || withinUsed(p, used)) continue;
      const pair = siblingPair(p, this);
      if (!pair || used.has(pair[0]) || used.has(pair[1])) continue;
      used.add(p).add(pair[0]).add(pair[1]);
      push(pairItem(pair[0], pair[1], 'pair', ctx));
    }
    const blocks: DocumentBlock[] = [];
    for (const b of info.lines) {
      if (used.has(b) || !isLineCandidate(b, this)) continue;
      const table = b.localName === 'td' ? b.closest('table') : null;
      if (table && listTables.has(table)) continue;
      const text = this.looseText(b);
      for (const it of lineItems(b, ctx, text)) push(it);
      if (text) blocks.push({ el: b, text });
    }
    for (const it of this.documentItems(blocks)) push(it);
    for (const { host, info: sub } of info.hosts) out.push({ el: host, items: this.items(sub) });
    const pos = (e: Element): number => this.order.get(e) ?? -1;
    out.sort((a, b) => pos(a.el) - pos(b.el));
    return out.flatMap((o) => o.items);
  }
}

/**
 * Where each field sits on a busy page: records of a list drawn with divs are dropped, fields of a search
 * bar marked, and every field given the containers it shares with others.
 */
function place(all: PlanItem[], b: PlanBuilder, root: ReadRoot): PlanItem[] {
  const listed = listRecordFields(all.map((it) => ({ el: it.el, label: it.label, readOnly: it.kind === 'cell' || it.kind === 'line' })));
  const items = listed.size > 0 ? all.filter((it) => !listed.has(it.el)) : all;
  const bars = b.observed.flatMap((n, i) => filterBars(n as ParentNode, b.buttons[i]!, (el) => b.controls(el)));
  if (bars.length > 0) {
    for (const it of items) if (bars.some((bar) => bar.contains(it.el))) it.filter = true;
  }
  const stop = isDocument(root) ? null : root;
  const scopes = fieldScopes(
    items.map((it) => it.el),
    stop,
    (el) => b.orderOf(el),
  );
  // a container's id is its rank among the containers, not its place among all elements: content added
  // elsewhere leaves the ids as they were
  const rank = new Map([...new Set(scopes.flat())].sort((x, y) => x - y).map((id, i) => [id, i]));
  items.forEach((it, i) => {
    if (scopes[i]!.length > 0) it.scope = scopes[i]!.map((id) => rank.get(id)!);
  });
  return items;
}

/** Elements an item already reads: its field, label, options, widget parts and document blocks. */
function claimedBy(items: readonly PlanItem[]): Set<Element> {
  const claimed = new Set<Element>();
  for (const it of items) {
    claimed.add(it.el).add(it.visEl);
    if (it.labelEl) claimed.add(it.labelEl);
    if (it.standIn) claimed.add(it.standIn);
    if (it.display) claimed.add(it.display);
    for (const m of it.group?.members ?? []) {
      claimed.add(m);
      // an option's own words: its label, or the widget's drawing right after it
      const own = m.closest('label') ?? m.nextElementSibling;
      if (own) claimed.add(own);
      if (isChoice(m)) for (const l of Array.from(m.labels ?? [])) claimed.add(l);
    }
    for (const p of it.parts ?? []) claimed.add(p);
  }
  return claimed;
}

/** What items read, headings included (a title names the page or a section, not a field), and every ancestor of it. */
interface ReadParts {
  claimed: Set<Element>;
  around: Set<Element>;
}

function readParts(items: readonly PlanItem[], headings: readonly Element[]): ReadParts {
  const claimed = claimedBy(items);
  for (const h of headings) claimed.add(h);
  const around = new Set<Element>();
  for (const el of claimed) for (let a = el.parentElement; a && !around.has(a); a = a.parentElement) around.add(a);
  return { claimed, around };
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
): { items: PlanItem[]; pending: PlanItem[]; labelAtoms: boolean; paired: boolean } {
  const texts = unreadText(items, b, headings, false, undefined, memo);
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
  for (const [i, atom] of labels) {
    const it = unlabelled[i]!.it;
    const label = labelText(atom.text);
    Object.assign(it, { label: label.norm, rawLabel: label.raw, source: 'geometry', labelEl: atom.el });
  }
  const added: PlanItem[] = [];
  for (const [l, v] of pairs) {
    const it = pairItem(l.el, v.el, 'geometry', b.ctx);
    if (it) added.push(it);
  }
  if (added.length === 0) return { items, pending, labelAtoms, paired };
  const all = [...items, ...added];
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
    ? it.group.members.map((m) => (isChoice(m) ? (m.labels?.[0] ?? m.closest('label') ?? m) : m))
    : [it.standIn ?? it.el];
  let box: { left: number; top: number; right: number; bottom: number } | null = null;
  for (const e of els) {
    const r = e.getBoundingClientRect();
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

export function planWith(root: ReadRoot): { plan: Plan; builder: PlanBuilder; headings: Element[] } {
  const b = new PlanBuilder();
  const info = b.collect(root);
  const headings = b.headings.flat();
  let planned = b.items(info);
  let pendingLayout: PlanItem[] = [];
  const layout = hasLayout(docOf(root));
  let labelAtoms = false;
  let paired = false;
  let memo: AtomMemo = new WeakMap();
  if (layout) ({ items: planned, pending: pendingLayout, labelAtoms, paired } = layoutPass(planned, b, headings, memo));
  // labels the layout pass gave are read parts now: the text it found then is no longer all unread
  if (paired) memo = new WeakMap();
  const items = place(planned, b, root);
  const index = new Map<Element, number>();
  items.forEach((it, i) => {
    index.set(it.el, i);
    for (const m of it.group?.members ?? []) index.set(m, i);
  });
  const placed = items.some((it) => it.scope !== undefined || it.filter === true);
  let facts: PlanFacts | undefined;
  let parts: ReadParts | undefined;
  const factsOf = (): PlanFacts => {
    if (facts) return facts;
    const claimed = claimedBy(items);
    const around = new Set<Element>();
    for (const el of claimed) for (let a = el.parentElement; a && !around.has(a); a = a.parentElement) around.add(a);
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
      geometry: paired,
      layout,
      labelAtoms,
      layoutPairsNothing() {
        // what the plan reads stays as it is while the plan is kept
        parts ??= readParts(planned, headings);
        const { nothing, labelAtoms: now } = layoutPairsNothing(planned, b, headings, parts, memo);
        this.labelAtoms = now;
        return nothing;
      },
      changed: (records) => forgetChanged(memo, records),
      document: items.some((it) => it.source === 'document'),
      headingSelector: HEADING_SELECTOR,
      isLine: (text) => parseLines(text).length > 0,
    };
    return facts;
  };
  const plan = {
    items,
    index,
    headings: headings.slice(0, 60),
    observed: b.observed,
    pendingHosts: b.pendingHosts,
    pendingLayout,
    placed,
    layout,
    facts: factsOf,
  };
  return { plan, builder: b, headings };
}

export function buildPlan(root: ReadRoot): Plan {
  return planWith(root).plan;
}

export function docOf(root: ReadRoot): Document {
  return isDocument(root) ? root : (root.ownerDocument ?? document);
}

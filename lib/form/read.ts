import { normalizeSpace } from '../text';
import { choiceGroup, groupLabel, groupValue, liveSameName, type ChoiceGroup, type SameName } from './choice';
import {
  CONTROL_SELECTOR,
  OVERLAY_HOST_TAG,
  editableRootOf,
  hasLayout,
  inputType,
  isBlockTag,
  isChoice,
  isDocument,
  isFieldControl,
  isFieldVisible,
  isLabelLike,
  isOption,
  isPageMutation,
  isRequiredMark,
  isShadowRoot,
  isVisible,
  labelText,
  scopeOf,
  textOf,
  type Scope,
} from './dom';
import { cellAt, columnOf, inferControlLabel, inferPickerLabel, liveProbe, optionLabel, rowAbove, type InferredLabel, type Probe } from './label';
import { LocatorBuilder, resolveLocator } from './locator';
import type { SiteProfile } from './profile';
import type { FieldKind, FieldSnapshot, LabelSource, SnapshotField } from './types';
import { readDocument, type DocumentBlock } from './document';
import { isLabelAtom, pairByLayout, textAtoms, type TextAtom } from './geometry';
import { siblingPair } from './pairs';
import { keepsPlan, type PlanFacts } from './changes';
import { filterBars, fieldScopes, listRecordFields } from './regions';
import { cellsOf, isHeaderRow, isListTable, rowBelow, rowsOf } from './tables';
import { displayText, standInOf, widgetParts } from './widget';

export interface ReadOptions {
  /** fields pinned by selector take precedence over heuristics */
  profile?: SiteProfile;
  /** cap on the number of fields returned (default 3000); `truncated` tells when it was hit */
  maxFields?: number;
}

export const DEFAULT_MAX_FIELDS = 3000;

export type ReadRoot = Document | Element | ShadowRoot;

/** One field as planned: everything that does not depend on values or visibility. */
export interface PlanItem {
  /** the element standing for the field: control, group container, value cell, line block */
  el: Element;
  kind: FieldKind;
  label: string;
  rawLabel: string;
  source: LabelSource;
  locator: string;
  /** decides visibility: the label cell of a pair (value cells may be empty and sizeless), else `el` */
  visEl: Element;
  group?: ChoiceGroup;
  /** option labels of a group, aligned with its members */
  options?: readonly string[];
  /** a read-only input driven by a date/select widget: editable all the same */
  widget?: boolean;
  /** inside a fieldset, which may be disabled (checked only then: closest() on every read is not free) */
  inFieldset?: boolean;
  /** the widget element showing the value of the control it hides (layui, chosen, bootstrap-select) */
  standIn?: Element;
  /** the box of a combobox input that shows the chosen text beside an empty search input */
  display?: Element;
  /** the logical key a document reading gave this item (labelSource 'document') */
  key?: string;
  /** reads a document item's value */
  read?: () => string;
  /** a line's pair, when one line holds several `label：value` pairs */
  segment?: number;
  /** the element whose text is the label, where there is one */
  labelEl?: Element;
  /** the blocks a document item is read from */
  parts?: Element[];
  /** containers holding this field among others, outermost first */
  scope?: number[];
  /** inside a search or filter bar */
  filter?: boolean;
}

interface Plan {
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
  /** what it was made from, to tell which later changes leave it as it is (made when first asked) */
  facts: () => PlanFacts;
}

const NO_SCOPE: number[] = [];

// ───────────────────────── values ─────────────────────────

/** The first option of many selects is a prompt, not a value. */
const PROMPT_OPTION = /^(请选择.*|选择.*|[-—]+.*|)$/;

function selectText(s: HTMLSelectElement): string {
  // not selectedOptions: happy-dom keeps a stale copy of it
  const one = s.multiple ? undefined : s.options[s.selectedIndex];
  const picked = s.multiple ? Array.from(s.options).filter((o) => o.selected) : one ? [one] : [];
  return picked
    .filter((o) => !(o.value === '' && PROMPT_OPTION.test(o.text.trim())))
    .map((o) => normalizeSpace(o.text))
    .filter(Boolean)
    .join('、');
}

const COMBOBOX_CHOICE = '.ant-select-selection-item, [class*="single-value"], [class*="multi-value__label"]';

/** Ant Design / react-select comboboxes keep the chosen text beside an empty search input (fast path). */
function comboboxText(input: Element): string {
  if (input.getAttribute('role') !== 'combobox') return '';
  let box = input.parentElement;
  for (let i = 0; box && i < 4; i++, box = box.parentElement) {
    const chosen = box.querySelectorAll(COMBOBOX_CHOICE);
    if (chosen.length > 0) {
      return Array.from(chosen, (c) => c.getAttribute('title') || textOf(c))
        .filter(Boolean)
        .join('、');
    }
  }
  return '';
}

function controlValue(el: Element): string {
  switch (el.localName) {
    case 'select':
      return selectText(el as HTMLSelectElement);
    case 'textarea':
      return (el as HTMLTextAreaElement).value.trim();
    case 'input': {
      const v = (el as HTMLInputElement).value.trim();
      return v || comboboxText(el);
    }
    default:
      return editableRootOf(el) === el ? textOf(el) : displayText(el);
  }
}

/** `label：value` on one line; the label is short and not part of a sentence. */
const LINE = /^([^：:\n]{1,30}?)\s*[：:]\s*(\S[\s\S]*)$/;
const ENUMERATION = /^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、．)）]|[①-⑳])/;
/** Where a second `label：` starts on the same line: after a space, a short label with no sentence inside. */
const NEXT_PAIR = /\s+([^\s：:，,。；;、]{2,12})\s*[：:]\s*(?=\S)/g;

interface LinePair {
  label: string;
  value: string;
}

/**
 * The `label：value` pairs of one line: usually one; a header line of a rendered document may hold two or
 * three (`法定代表人：张三　职务：经理`). A value that is a sentence is never split.
 */
export function parseLines(text: string): LinePair[] {
  if (text.length < 3 || text.length > 3000) return [];
  const m = LINE.exec(text);
  if (!m || m[2]!.startsWith('//')) return [];
  const label = m[1]!.trim();
  // an item of an enumeration (一、… （二）…) is running text, whatever colon it holds
  if (!isLabelLike(labelText(label).norm) || ENUMERATION.test(label)) return [];
  const rest = m[2]!.trim();
  if (isRequiredMark(rest)) return [];
  const out: LinePair[] = [];
  let current = label;
  let from = 0;
  NEXT_PAIR.lastIndex = 0;
  for (let n = NEXT_PAIR.exec(rest); n !== null; n = NEXT_PAIR.exec(rest)) {
    const value = rest.slice(from, n.index).trim();
    if (/[。；;，,]/.test(value) || value.length > 60 || !isLabelLike(labelText(n[1]!).norm) || !/\p{Script=Han}/u.test(n[1]!)) continue;
    out.push({ label: current, value });
    current = n[1]!;
    from = n.index + n[0].length;
  }
  out.push({ label: current, value: rest.slice(from).trim() });
  return out;
}

function parseLine(text: string, segment = 0): LinePair | null {
  return parseLines(text)[segment] ?? null;
}

/** Current value of a planned field. */
export function itemValue(item: PlanItem): string {
  if (item.read) return item.read();
  if (item.group) return groupValue(item.group, item.options ?? []);
  if (item.kind === 'cell') {
    const t = textOf(item.el);
    return isRequiredMark(t) ? '' : t;
  }
  if (item.kind === 'line') return parseLine(textOf(item.el), item.segment)?.value ?? '';
  // what the person sees wins over what the control holds: the widget drawn in place of a control it hides
  if (item.standIn && !shown(item.el)) return displayText(item.standIn) || controlValue(item.el);
  const v = controlValue(item.el);
  if (v) return v;
  // an empty picker input: the chosen text drawn beside it
  if (item.display) return displayText(item.display, item.el);
  return item.standIn ? displayText(item.standIn) : '';
}

/**
 * Whether a control is seen, without measuring: checkVisibility where the engine has it, transparent
 * counting as unseen (bootstrap-select keeps its select at opacity 0). Asked only of controls with a stand-in.
 */
function shown(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check !== 'function') return el.closest('[hidden]') === null;
  return check.call(el, { opacityProperty: true, visibilityProperty: true, checkVisibilityCSS: true });
}

function isDisabled(el: Element, inFieldset: boolean | undefined): boolean {
  return (el as HTMLInputElement).disabled === true || (inFieldset === true && el.closest('fieldset[disabled]') !== null);
}

function ariaOff(el: Element): boolean {
  return el.getAttribute('aria-disabled') === 'true' || el.getAttribute('aria-readonly') === 'true';
}

function itemReadOnly(item: PlanItem): boolean {
  if (item.kind === 'cell' || item.kind === 'line') return true;
  if (item.group) return item.group.members.every((m) => (isChoice(m) ? isDisabled(m, item.inFieldset) : ariaOff(m)));
  if (item.kind === 'contenteditable') return false;
  if (!NATIVE_FIELD.has(item.el.localName)) return ariaOff(item.el);
  return isDisabled(item.el, item.inFieldset) || (!item.widget && (item.el as HTMLInputElement).readOnly === true);
}

const NATIVE_FIELD = new Set(['input', 'select', 'textarea']);

function itemVisible(item: PlanItem, layout: boolean): boolean {
  if (item.group) return item.group.members.some((m) => isFieldVisible(m, layout));
  if (item.kind === 'cell' || item.kind === 'line') return isVisible(item.visEl, layout);
  return isFieldVisible(item.el, layout) || (item.standIn !== undefined && isVisible(item.standIn, layout));
}

function toField(item: PlanItem, key?: string): SnapshotField {
  const f: SnapshotField = {
    label: item.label,
    rawLabel: item.rawLabel,
    value: itemValue(item),
    kind: item.kind,
    locator: item.locator,
    labelSource: key ? 'profile' : item.source,
    readOnly: itemReadOnly(item),
  };
  if (key) f.key = key;
  else if (item.key) f.key = item.key;
  return f;
}

// ───────────────────────── classification (shared by the full read and single re-reads) ─────────────────────────

const DATE_CLASS = /date|laydate|ant-picker(\s|$)/i;
const WIDGET_CLASS = /select|picker|date|cascader|laydate/i;
const SELECT_CLASS = /(^|\s)(el-select|ant-select|layui-form-select)/;

function wrapperClasses(el: Element, levels: number): string {
  let s = typeof el.className === 'string' ? el.className : '';
  let a = el.parentElement;
  for (let i = 0; a && i < levels; i++, a = a.parentElement) s += ' ' + (typeof a.className === 'string' ? a.className : '');
  return s;
}

function controlKind(el: Element): { kind: FieldKind; widget: boolean } {
  if (el.localName === 'select') return { kind: 'select', widget: false };
  if (el.localName === 'textarea') return { kind: 'textarea', widget: false };
  if (el.localName !== 'input') {
    if (editableRootOf(el) === el) return { kind: 'contenteditable', widget: false };
    // a custom widget: a picker of some kind, a date one when it says so
    return { kind: DATE_CLASS.test(wrapperClasses(el, 2)) ? 'date' : 'select', widget: true };
  }
  const t = inputType(el as HTMLInputElement);
  if (/^(date|datetime-local|month|week|time)$/.test(t)) return { kind: 'date', widget: false };
  const classes = wrapperClasses(el, 3);
  const onclick = el.getAttribute('onclick') ?? '';
  const widget = WIDGET_CLASS.test(classes) || /WdatePicker|laydate/.test(onclick);
  if (DATE_CLASS.test(classes) || /WdatePicker|laydate/.test(onclick)) return { kind: 'date', widget };
  if (SELECT_CLASS.test(classes) || el.getAttribute('role') === 'combobox') return { kind: 'select', widget: true };
  return { kind: 'text', widget };
}

interface Ctx {
  probe: Probe;
  loc: LocatorBuilder;
  sameName: SameName;
}

function item(el: Element, kind: FieldKind, label: InferredLabel | null, ctx: Ctx, extra?: Partial<PlanItem>): PlanItem {
  return {
    labelEl: label?.el,
    el,
    kind,
    label: label?.norm ?? '',
    rawLabel: label?.raw ?? '',
    source: label?.source ?? 'placeholder',
    locator: ctx.loc.locator(el),
    visEl: el,
    inFieldset: el.closest('fieldset') !== null,
    ...extra,
  };
}

/**
 * A control inside an open shadow root whose own tree names nothing is labelled like its host, when the host
 * holds only that control (a custom input element in a table cell).
 */
function shadowHostLabel(el: Element, ctx: Ctx): InferredLabel | null {
  const scope = scopeOf(el);
  if (!isShadowRoot(scope) || ctx.probe.controls(scope.host) !== 1) return null;
  return inferControlLabel(scope.host, ctx.probe);
}

/** Inputs whose chosen text a picker shows elsewhere when the input itself is empty. */
function isPickerInput(el: Element, widget: boolean): boolean {
  return el.localName === 'input' && (el.getAttribute('role') === 'combobox' || el.hasAttribute('aria-haspopup') || widget);
}

/**
 * The box around a picker's input that shows its chosen text: the largest of the input's few nearest
 * ancestors holding no other control and not its label.
 */
function displayBox(el: Element, label: InferredLabel | null, probe: Probe): Element | undefined {
  let box: Element | undefined;
  let a = el.parentElement;
  for (let i = 0; a && i < 4; i++, a = a.parentElement) {
    if (probe.controls(a) !== 1 || (label?.el && a.contains(label.el))) break;
    if (!label?.el && label && probe.text(a).includes(label.raw)) break;
    box = a;
  }
  return box;
}

function controlItem(el: Element, ctx: Ctx): PlanItem {
  const { kind, widget } = controlKind(el);
  const extra: Partial<PlanItem> = { widget };
  const standIn = el.localName === 'select' || (el.localName === 'input' && !isChoice(el)) ? standInOf(el, ctx.probe) : null;
  const picker = !standIn && isPickerInput(el, widget) && (el as HTMLInputElement).value === '';
  // the stand-in's own controls belong to this field when looking for its label
  let label = standIn
    ? inferControlLabel(el, ctx.probe, 1 + widgetParts(el, standIn, ctx.probe).length)
    : picker
      ? inferPickerLabel(el, ctx.probe)
      : inferControlLabel(el, ctx.probe);
  if (!label || label.source === 'placeholder') label = shadowHostLabel(el, ctx) ?? label;
  if (standIn) extra.standIn = standIn;
  if (isPickerInput(el, widget)) extra.display = displayBox(el, label, ctx.probe);
  return item(el, kind, label, ctx, extra);
}

function groupItem(g: ChoiceGroup, ctx: Ctx): PlanItem {
  const label = groupLabel(g, ctx.probe);
  return item(g.element, g.type, label, ctx, {
    group: g,
    options: g.members.map((m) => optionLabel(m, ctx.probe)),
    visEl: g.members[0]!,
  });
}

function pairItem(labelEl: Element, valueEl: Element, source: LabelSource, ctx: Ctx): PlanItem | null {
  const label = labelText(ctx.probe.text(labelEl));
  if (!label.norm) return null;
  return item(valueEl, 'cell', { ...label, source, el: labelEl }, ctx, { visEl: labelEl });
}

/** `（必填）`, `请按规范填写`: words for the person filling the form, not a value. */
const HINT = /^([(（].*[)）]|(请|须|必填|选填|如|例).*)$/;

function lineItems(el: Element, ctx: Ctx, text = ctx.probe.text(el)): PlanItem[] {
  const lines = parseLines(text);
  const first = lines[0];
  if (!first) return [];
  // `当事人：（必填）` before a cell or box holding an input is that input's label, not a line
  const next = el.nextElementSibling;
  if (HINT.test(first.value) && next && ctx.probe.controls(next) > 0) return [];
  return lines.map((line, segment) => {
    const label = labelText(line.label);
    return item(el, 'line', { ...label, source: 'line' }, ctx, segment > 0 ? { segment } : {});
  });
}

/** The header row right above a row of values (no th, no controls, as many cells), if there is one. */
function headerAbove(row: Element, probe: Probe): Element | null {
  const above = rowAbove(row);
  if (!above || !isHeaderRow(above)) return null;
  const cells = cellsOf(row);
  if (cells.length !== cellsOf(above).length) return null;
  return cells.some((c) => c.localName === 'th' || probe.controls(c) > 0) ? null : above;
}

type CellPair = [label: Element, value: Element, source: LabelSource];

/** Pairs a row's values belong to: by column under a header row, else label|value cells within the row. */
function tablePairs(row: Element, probe: Probe): CellPair[] {
  const head = headerAbove(row, probe);
  if (head) {
    const labels = cellsOf(head);
    return cellsOf(row).map((v, i): CellPair => [labels[i]!, v, 'cell-above']);
  }
  const pairs = rowPairs(row, probe).map(([l, v]): CellPair => [l, v, 'pair']);
  const above = rowAbove(row);
  if (above && isLabelRow(above, probe)) {
    // a value shown as text among the inputs under a row of labels (a picker's name beside its hidden code)
    for (const v of cellsOf(row)) {
      if (probe.controls(v) > 0 || !probe.text(v) || pairs.some(([l, w]) => l === v || w === v)) continue;
      const l = cellAt(above, columnOf(v));
      if (l && probe.controls(l) === 0) pairs.push([l, v, 'cell-above']);
    }
  }
  return pairs;
}

/** A row of inputs: every cell holds controls or nothing, or more than half hold controls. */
function mostlyControls(row: Element, probe: Probe): boolean {
  const cells = cellsOf(row);
  const n = cells.filter((c) => probe.controls(c) > 0).length;
  return n > 0 && (n * 2 > cells.length || cells.every((c) => probe.controls(c) > 0 || !probe.text(c)));
}

/** A row of labels (no controls, every cell empty or label-like) over a row mostly of inputs. */
function isLabelRow(row: Element, probe: Probe): boolean {
  const cells = cellsOf(row);
  // controls first: the text of a cell holding a field is then never read (changes to it keep the plan)
  if (cells.some((c) => probe.controls(c) > 0)) return false;
  const labelLike = (c: Element): boolean => isLabelLike(labelText(probe.text(c)).norm);
  if (!cells.some(labelLike) || cells.some((c) => probe.text(c) !== '' && !labelLike(c))) return false;
  const below = rowBelow(row);
  return below !== null && mostlyControls(below, probe);
}

function endsWithColon(s: string): boolean {
  return /[：:]\s*$/.test(s);
}

/** Label/value cell pairs of one table row: `<th>label</th><td>value</td>` repeated, rowspan group headers skipped. */
function rowPairs(row: Element, probe: Probe): Array<[Element, Element]> {
  const cells = cellsOf(row);
  if (cells.length < 2 || isHeaderRow(row)) return [];
  // a row of labels above a row mostly of inputs is a header, not pairs
  if (!cells.some((c) => probe.controls(c) > 0) && isLabelRow(row, probe)) return [];
  const out: Array<[Element, Element]> = [];
  for (let i = 0; i < cells.length - 1; ) {
    const l = cells[i]!;
    // a cell holding only the required mark sits between a label and its value
    const v = (i + 2 < cells.length && probe.controls(cells[i + 1]!) === 0 && isRequiredMark(probe.text(cells[i + 1]!)) ? cells[i + 2] : cells[i + 1])!;
    if ((cells.length - i) % 2 === 1 && Number.parseInt(l.getAttribute('rowspan') ?? '1', 10) > 1) {
      i++;
      continue;
    }
    if (probe.controls(l) === 0 && probe.controls(v) === 0 && !(l.localName === 'td' && v.localName === 'th')) {
      const lt = probe.text(l);
      if (isLabelLike(labelText(lt).norm) && !(endsWithColon(lt) && endsWithColon(probe.text(v)))) {
        out.push([l, v]);
        i = cells.indexOf(v) + 1;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** The element itself, or the first sibling after it that is more than a required mark (`*` after a label). */
function pastMarks(el: Element | null, probe: Probe): Element | null {
  let v = el;
  while (v && probe.controls(v) === 0 && isRequiredMark(probe.text(v))) v = v.nextElementSibling;
  return v;
}

/** Class names marking a label element of a div-table pair. */
const DIV_LABEL_SELECTOR = '[class*="label"], [class*="Label"]';
const VALUE_CLASS = /content|value|control|detail|info|text|item/i;

/** A `.xx-label` element followed by a value element holding text only (Element UI, Ant descriptions, layui). */
function divPair(labelEl: Element, probe: Probe): Element | null {
  const v = pastMarks(labelEl.nextElementSibling, probe);
  if (!v || probe.controls(labelEl) > 0 || probe.controls(v) > 0) return null;
  const vClass = typeof v.className === 'string' ? v.className : '';
  if (/label/i.test(vClass) || v.querySelector('table, dl, p, li, [class*="label"], [class*="Label"]')) return null;
  if (!isLabelLike(labelText(probe.text(labelEl)).norm)) return null;
  const text = probe.text(v);
  if (text.length > 3000 || (!text && !VALUE_CLASS.test(vClass))) return null;
  return v;
}

function withinUsed(el: Element, used: ReadonlySet<Element>): boolean {
  let a = el.parentElement;
  for (let i = 0; a && i < 4; i++, a = a.parentElement) if (used.has(a)) return true;
  return false;
}

function dtOf(dd: Element): Element | null {
  for (let p = dd.previousElementSibling; p; p = p.previousElementSibling) {
    if (p.localName === 'dt') return p;
    if (p.localName === 'dd') return null;
  }
  return null;
}

const LINE_SELECTOR = 'p, li, div, td, dd';

function isLineCandidate(el: Element, probe: Probe): boolean {
  if (probe.controls(el) > 0) return false;
  for (const c of Array.from(el.children)) if (isBlockTag(c.localName) && c.localName !== 'br') return false;
  return true;
}

const HEADING_SELECTOR =
  'h1, h2, h3, legend, caption, .title, .el-card__header, .el-dialog__title, .ant-card-head-title, .ant-modal-title, .panel-title, .page-title, .layui-card-header';

// ───────────────────────── full read: plan ─────────────────────────

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
const NATIVE_CONTROL_TAGS = new Set(['input', 'select', 'textarea']);

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
    const scope = scopeOf(el);
    if (!el.id || !scope) return [];
    let m = this.labels.get(scope);
    if (!m) {
      m = new Map();
      for (const l of scope.querySelectorAll('label[for]')) {
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
      for (const e of scope.querySelectorAll('input[name]')) {
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

  /** Phase 1: controls and open shadow roots of a container, and how many controls each element holds. */
  collect(container: Document | Element | ShadowRoot): ScopeInfo {
    this.observed.push(container);
    const controls: Element[] = [];
    const hosts: ScopeInfo['hosts'] = [];
    const info = { container, controls, hosts, total: 0, tables: [], dds: [], labelled: [], twoPart: [], lines: [] } as ScopeInfo;
    for (const e of container.querySelectorAll('*')) {
      this.order.set(e, this.order.size);
      const tag = e.localName;
      if (tag === OVERLAY_HOST_TAG) continue;
      const sr = e.shadowRoot;
      if (sr) hosts.push({ host: e, info: this.collect(sr) });
      else if (tag.includes('-')) this.pendingHosts.push(e);
      // only elements that may be controls are asked (isFieldControl is not free)
      if (NATIVE_CONTROL_TAGS.has(tag) || e.hasAttribute('contenteditable') || e.hasAttribute('role') || e.hasAttribute('tabindex')) {
        if (isFieldControl(e)) controls.push(e);
      }
      if (tag === 'table') info.tables.push(e);
      else if (tag === 'dd') info.dds.push(e);
      const cls = e.getAttribute('class');
      if (cls !== null && (cls.includes('label') || cls.includes('Label'))) info.labelled.push(e);
      const kids = e.childElementCount;
      if (kids >= 2 && kids <= 4 && TWO_PART_TAGS.has(tag)) info.twoPart.push(e);
      if (LINE_TAGS.has(tag)) info.lines.push(e);
    }
    for (const c of controls) this.addCount(c, 1, container);
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
        return item(el, 'line', { raw: f.label, norm: f.label, source: 'document' }, this.ctx, { key: f.key, read: f.read, visEl: el, parts: f.els });
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
  const bars = b.observed.flatMap((n) => filterBars(n as ParentNode, (el) => b.controls(el)));
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

/** Text no item reads (titles, case lists and read parts left out), measured or not. */
function unreadText(items: readonly PlanItem[], b: PlanBuilder, headings: readonly Element[], measure: boolean): TextAtom[] {
  const claimed = claimedBy(items);
  // a title names the page or a section, not a field
  for (const h of headings) claimed.add(h);
  const around = new Set<Element>();
  for (const el of claimed) for (let a = el.parentElement; a && !around.has(a); a = a.parentElement) around.add(a);
  const skip = (el: Element): boolean => claimed.has(el) || b.lists.has(el);
  return b.observed.flatMap((n) => textAtoms(n as ParentNode, b.loose, skip, (el) => around.has(el), measure));
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
): { items: PlanItem[]; pending: PlanItem[]; labelAtoms: boolean; paired: boolean } {
  const atoms = unreadText(items, b, headings, true);
  const labelAtoms = atoms.some((a) => isLabelAtom(a.text));
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

/** Whether the layout pass would label or pair nothing, without changing any item. */
function layoutPairsNothing(items: PlanItem[], b: PlanBuilder, headings: readonly Element[]): { nothing: boolean; labelAtoms: boolean } {
  // first without measuring (a change forces the page to be laid out again): a label needs a value or a field
  const texts = unreadText(items, b, headings, false);
  if (!texts.some((a) => isLabelAtom(a.text))) return { nothing: true, labelAtoms: false };
  if (texts.length < 2 && !items.some(isUnlabelled)) return { nothing: true, labelAtoms: true };
  const atoms = unreadText(items, b, headings, true);
  const unlabelled: Array<{ it: PlanItem; el: Element; box: ReturnType<typeof boxOfItem> & object }> = [];
  for (const it of items) {
    const box = isUnlabelled(it) ? boxOfItem(it) : null;
    if (box) unlabelled.push({ it, el: it.el, box });
  }
  const { labels, pairs } = pairByLayout(unlabelled, atoms);
  return { nothing: [...labels].length === 0 && pairs.length === 0, labelAtoms: true };
}

function boxOfItem(it: PlanItem): { left: number; top: number; right: number; bottom: number } | null {
  const els = it.group ? it.group.members.map((m) => (isChoice(m) ? (m.labels?.[0] ?? m.closest('label') ?? m) : m)) : [it.standIn ?? it.el];
  let box: { left: number; top: number; right: number; bottom: number } | null = null;
  for (const e of els) {
    const r = e.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) continue;
    box = box
      ? { left: Math.min(box.left, r.left), top: Math.min(box.top, r.top), right: Math.max(box.right, r.right), bottom: Math.max(box.bottom, r.bottom) }
      : { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  }
  return box;
}

function planWith(root: ReadRoot): { plan: Plan; builder: PlanBuilder; headings: Element[] } {
  const b = new PlanBuilder();
  const info = b.collect(root);
  const headings: Element[] = [];
  for (const n of b.observed) {
    for (const h of (n as ParentNode).querySelectorAll(HEADING_SELECTOR)) headings.push(h);
  }
  let planned = b.items(info);
  let pendingLayout: PlanItem[] = [];
  const layout = hasLayout(docOf(root));
  let labelAtoms = false;
  let paired = false;
  if (layout) ({ items: planned, pending: pendingLayout, labelAtoms, paired } = layoutPass(planned, b, headings));
  const items = place(planned, b, root);
  const index = new Map<Element, number>();
  items.forEach((it, i) => {
    index.set(it.el, i);
    for (const m of it.group?.members ?? []) index.set(m, i);
  });
  const placed = items.some((it) => it.scope !== undefined || it.filter === true);
  let facts: PlanFacts | undefined;
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
        const { nothing, labelAtoms: now } = layoutPairsNothing(planned, b, headings);
        this.labelAtoms = now;
        return nothing;
      },
      document: items.some((it) => it.source === 'document'),
      headingSelector: HEADING_SELECTOR,
      isLine: (text) => parseLines(text).length > 0,
    };
    return facts;
  };
  const plan = { items, index, headings: headings.slice(0, 60), observed: b.observed, pendingHosts: b.pendingHosts, pendingLayout, placed, facts: factsOf };
  return { plan, builder: b, headings };
}

function buildPlan(root: ReadRoot): Plan {
  return planWith(root).plan;
}

/**
 * Attributes that change labels or the plan's structure. Class and style changes (focus rings, validation
 * states, show/hide) do not: visibility and values are read afresh every time.
 */
const STRUCTURE_ATTRS = [
  'id',
  'name',
  'for',
  'type',
  'colspan',
  'rowspan',
  'contenteditable',
  'role',
  'aria-label',
  'aria-labelledby',
  'placeholder',
  'title',
];

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
function planFor(root: ReadRoot): Plan {
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

function docOf(root: ReadRoot): Document {
  return isDocument(root) ? root : (root.ownerDocument ?? document);
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

/** readForm with what the watcher needs to re-read one field fast. */
export function readDetailed(root: ReadRoot, opts: ReadOptions = {}): ReadResult {
  const doc = docOf(root);
  const plan = planFor(root);
  const layout = hasLayout(doc);
  const max = Math.max(0, opts.maxFields ?? DEFAULT_MAX_FIELDS);
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
  const fields: SnapshotField[] = [];
  const items: Array<PlanItem | null> = [];
  const index = new Map<Element, number>();
  let truncated = false;
  plan.items.forEach((it, i) => {
    const key = pinned.get(i);
    if (!key) {
      if (fields.length >= max) {
        truncated ||= itemVisible(it, layout);
        return;
      }
      if (!itemVisible(it, layout)) return;
    }
    index.set(it.el, fields.length);
    for (const m of it.group?.members ?? []) index.set(m, fields.length);
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
    headings: headingsOf(doc, plan, layout),
    fields,
    readOnlyView: isReadOnlyView(fields),
    truncated,
  };
  if (plan.placed) {
    const scopes: number[][] = [];
    const filters: number[] = [];
    items.forEach((it, i) => {
      scopes.push(it?.scope ?? NO_SCOPE);
      if (it?.filter) filters.push(i);
    });
    snapshot.scopes = scopes;
    if (filters.length > 0) snapshot.filters = filters;
  }
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
  if (el.closest(OVERLAY_HOST_TAG)) return null;
  if (el.localName === 'label') {
    const control = (el as HTMLLabelElement).control;
    if (control) return itemOf(control, ctx);
  }
  if (el.localName === 'option') {
    const sel = el.closest('select');
    if (sel) return itemOf(sel, ctx);
  }
  if (isOption(el)) return groupItem(choiceGroup(el, probe, ctx.sameName), ctx);
  const editable = editableRootOf(el);
  if (editable) return controlItem(editable, ctx);
  if (isFieldControl(el)) return controlItem(el, ctx);
  const option = el.querySelector('input[type=radio], input[type=checkbox], [role=radio], [role=checkbox], [role=switch]');
  if (option && isOption(option)) {
    const g = choiceGroup(option, probe, ctx.sameName);
    if (g.element === el) return groupItem(g, ctx);
  }
  if (probe.controls(el) > 0) return null;
  const tag = el.localName;
  if (tag === 'td' || tag === 'th') {
    const row = el.parentElement;
    const table = row?.closest('table');
    if (row && table && !isListTable(table)) {
      const below = rowBelow(row);
      const pairs = [...tablePairs(row, probe), ...(below ? tablePairs(below, probe) : [])];
      const pair = pairs.find(([l, v]) => l === el || v === el);
      if (pair) return pairItem(pair[0], pair[1], pair[2], ctx);
    }
  }
  if (tag === 'dd' || tag === 'dt') {
    const dd = tag === 'dd' ? el : el.nextElementSibling?.localName === 'dd' ? el.nextElementSibling : null;
    const dt = dd ? dtOf(dd) : null;
    if (dd && dt && !parseLine(probe.text(dd))) return pairItem(dt, dd, 'dt-dd', ctx);
  }
  if (el.matches(DIV_LABEL_SELECTOR)) {
    const v = divPair(el, probe);
    if (v) return pairItem(el, v, 'pair', ctx);
  }
  const prev = el.previousElementSibling;
  if (prev?.matches(DIV_LABEL_SELECTOR) && divPair(prev, probe) === el) return pairItem(prev, el, 'pair', ctx);
  if (el.matches(LINE_SELECTOR) && isLineCandidate(el, probe)) return lineItems(el, ctx)[0] ?? null;
  const parent = el.parentElement;
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

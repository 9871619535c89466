import { normalizeSpace } from '../text';
import type { LabelSource } from './types';
import {
  CONTROL_SELECTOR,
  isChoice,
  isFieldControl,
  isOption,
  isLabelLike,
  isRequiredMark,
  labelText,
  scopeOf,
  stripPlaceholder,
  textOf,
} from './dom';
import {
  attrOf,
  childrenOf,
  closestOf,
  containsNode,
  firstChildOf,
  idOf,
  lastChildOf,
  nextNodeOf,
  nextOf,
  nodeTypeOf,
  parentOf,
  previousNodeOf,
  previousOf,
  queryAllOf,
  tagOf,
} from './native';

export interface InferredLabel {
  raw: string;
  norm: string;
  source: LabelSource;
  /** the element whose text it is, where there is one (not for aria-label, placeholder or title) */
  el?: Element;
}

/**
 * Structural questions label inference asks. A full read answers them from maps built in one pass; a single
 * re-read (watcher, picker) answers them directly from the DOM.
 */
export interface Probe {
  /** field controls in the element's subtree, the element itself included */
  controls(el: Element): number;
  /** textOf, possibly cached */
  text(el: Element): string;
  /** `<label for=…>` elements naming this element's id, in its own document or shadow root */
  labelsFor(el: Element): Element[];
  /**
   * Told when planning looks at an element's place among its siblings, or reads a subtree's structure
   * without asking the probe: what a planning step depends on must be known to re-plan only part of a page
   * (see plan.ts `Step`). Reading one element needs none of it.
   */
  walked?(el: Element): void;
  read?(el: Element): void;
}

/** A probe without precomputation, for reading one element. */
export function liveProbe(): Probe {
  return {
    controls(el) {
      let n = isFieldControl(el) ? 1 : 0;
      for (const c of queryAllOf(el, CONTROL_SELECTOR)) if (isFieldControl(c)) n++;
      return n;
    },
    text: textOf,
    labelsFor(el) {
      const scope = scopeOf(el);
      if (!idOf(el) || !scope) return [];
      return Array.from(queryAllOf(scope, 'label[for]')).filter((l) => attrOf(l, 'for') === idOf(el));
    },
  };
}

/**
 * Field labels on these systems are Chinese; text with no Han character is a widget's own name
 * (Element UI's `aria-label="checkbox-group"`) or an editor toolbar (`B I U`), not a label.
 */
const HAN = /\p{Script=Han}/u;

function make(raw: string, source: LabelSource, el?: Element): InferredLabel | null {
  const t = labelText(raw);
  if (!t.norm || !HAN.test(t.norm)) return null;
  return el ? { raw: t.raw, norm: t.norm, source, el } : { raw: t.raw, norm: t.norm, source };
}

/** A label found by position must look like one; the first text met decides (no skipping past values). */
function positional(raw: string, source: LabelSource, el?: Element): InferredLabel | null {
  const l = make(raw, source, el);
  return l && isLabelLike(l.norm) ? l : null;
}

/** Tags where walking up for a label stops: tables, lists and forms are handled by their own steps. */
const WALK_STOP = new Set([
  'td',
  'th',
  'tr',
  'tbody',
  'thead',
  'tfoot',
  'table',
  'form',
  'body',
  'html',
  'dd',
  'dl',
  'fieldset',
  'li',
  'ul',
  'ol',
]);

const CHOICE_SEPARATOR = /[\s,，、;；]+/;

/**
 * Text of a label. A label wrapping its whole field box (Quasar's q-field) holds the value drawn beside the
 * control too, after the caption, several choices as chips in turn: that is no part of the label. Only a value
 * drawn in elements of its own counts (`<label>姓名 <input value="名"></label>` keeps its 名).
 */
function labelOwnText(l: Element, el: Element, probe: Probe, own?: string): string {
  const full = probe.text(l);
  if (!own || !containsNode(l, el)) return full;
  // the texts drawn inside the label, gathered only once its words end with the value
  let drawn: Set<string> | undefined;
  let t = full;
  for (const part of own.split(CHOICE_SEPARATOR).filter(Boolean).reverse()) {
    t = t.replace(/[\s,，、;；]+$/, '');
    if (!t.endsWith(part)) return full;
    drawn ??= new Set(Array.from(queryAllOf(l, '*'), (e) => probe.text(e)));
    if (!drawn.has(part)) return full;
    t = t.slice(0, -part.length);
  }
  return t;
}

function byLabelFor(el: Element, probe: Probe, own?: string): InferredLabel | null {
  for (const l of probe.labelsFor(el)) {
    const r = make(labelOwnText(l, el, probe, own), 'label-for', l);
    if (r) return r;
  }
  return null;
}

function byAria(el: Element, probe: Probe): InferredLabel | null {
  const ids = attrOf(el, 'aria-labelledby');
  const scope = ids ? scopeOf(el) : null;
  if (ids && scope) {
    const parts: string[] = [];
    let first: Element | undefined;
    for (const id of ids.split(/\s+/)) {
      const target = id ? scope.getElementById(id) : null;
      if (target) parts.push(probe.text(target));
      first ??= target ?? undefined;
    }
    const r = make(parts.join(' '), 'aria', first);
    if (r) return r;
  }
  // an aria-label repeating the text shown names the value, not the field (PrimeVue's Select without a label)
  const aria = attrOf(el, 'aria-label');
  return aria && normalizeSpace(aria) !== normalizeSpace(probe.text(el)) ? make(aria, 'aria') : null;
}

function byEnclosingLabel(el: Element, probe: Probe, own?: string): InferredLabel | null {
  const l = closestOf(parentOf(el), 'label');
  return l ? make(labelOwnText(l, el, probe, own), 'enclosing-label', l) : null;
}

/** A floating label: a `<label>` after its control in a box of just the two (PrimeVue FloatLabel, .form-floating). */
function byFloatingLabel(el: Element, probe: Probe): InferredLabel | null {
  const next = nextOf(el);
  const box = parentOf(el);
  if (!next || tagOf(next) !== 'label' || !box || childrenOf(box).length !== 2) return null;
  return make(probe.text(next), 'enclosing-label', next);
}

/** The table cell holding a field, unless it is a layout cell holding many other controls too. */
function ownCell(el: Element, unit: number, probe: Probe): Element | null {
  const cell = closestOf(el, 'td, th');
  return cell && probe.controls(cell) - unit <= 2 ? cell : null;
}

function byPreviousCell(el: Element, unit: number, probe: Probe): InferredLabel | null {
  const cell = ownCell(el, unit, probe);
  if (cell) probe.walked?.(cell);
  for (let prev = previousOf(cell); prev; prev = previousOf(prev)) {
    if (probe.controls(prev) > 0) return null;
    const text = probe.text(prev);
    if (text && !isRequiredMark(text)) return positional(text, 'previous-cell', prev);
  }
  return null;
}

function colSpan(cell: Element): number {
  const n = Number.parseInt(attrOf(cell, 'colspan') ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1000) : 1;
}

function isCell(el: Element): boolean {
  return tagOf(el) === 'td' || tagOf(el) === 'th';
}

export function columnOf(cell: Element): number {
  let col = 0;
  for (let p = previousOf(cell); p; p = previousOf(p)) if (isCell(p)) col += colSpan(p);
  return col;
}

export function cellAt(row: Element, col: number): Element | null {
  let start = 0;
  for (let c = firstChildOf(row); c; c = nextOf(c)) {
    if (!isCell(c)) continue;
    const span = colSpan(c);
    if (col >= start && col < start + span) return c;
    start += span;
  }
  return null;
}

/** The table of a row (past its tbody, thead or tfoot). */
function tableOf(row: Element): Element {
  const p = parentOf(row) ?? row;
  return /^t(body|head|foot)$/.test(tagOf(p)) ? (parentOf(p) ?? p) : p;
}

/** The row above, crossing from a tbody into the thead before it. */
export function rowAbove(row: Element): Element | null {
  for (let p = previousOf(row); p; p = previousOf(p)) if (tagOf(p) === 'tr') return p;
  const section = parentOf(row);
  if (!section || !/^t(body|head|foot)$/.test(tagOf(section))) return null;
  for (let s = previousOf(section); s; s = previousOf(s)) {
    if (!/^t(body|head|foot)$/.test(tagOf(s))) continue;
    for (let r = lastChildOf(s); r; r = previousOf(r)) if (tagOf(r) === 'tr') return r;
  }
  return null;
}

function byCellAbove(el: Element, unit: number, probe: Probe): InferredLabel | null {
  const cell = ownCell(el, unit, probe);
  const row = parentOf(cell);
  if (!cell || !row || tagOf(row) !== 'tr') return null;
  if (probe.read) probe.read(tableOf(row));
  const above = rowAbove(row);
  const target = above ? cellAt(above, columnOf(cell)) : null;
  if (!target || probe.controls(target) > 0) return null;
  return positional(probe.text(target), 'cell-above', target);
}

const SKIP_SIBLING = new Set(['br', 'img', 'wbr', 'script', 'style', 'template', 'i', 'svg']);

function byPreviousText(el: Element, probe: Probe, own?: string): InferredLabel | null {
  probe.walked?.(el);
  for (let n = previousNodeOf(el); n; n = previousNodeOf(n)) {
    let text: string;
    let owner: Element | undefined;
    if (nodeTypeOf(n) === 3) {
      text = (n.nodeValue ?? '').trim();
    } else if (nodeTypeOf(n) === 1) {
      const e = n as Element;
      if (SKIP_SIBLING.has(tagOf(e))) continue;
      if (probe.controls(e) > 0) return null;
      text = probe.text(e);
      owner = e;
    } else {
      continue;
    }
    // a copy of the field's own value (a textarea's sizing mirror) is no label
    if (own && text === own) continue;
    if (text && !isRequiredMark(text)) return positional(text, 'previous-text', owner);
  }
  return null;
}

/**
 * The "div table" walk: up a few ancestors that hold nothing but this field, looking at their preceding
 * siblings for a short label (Element UI `.el-form-item__label`, Ant Design `.ant-form-item-label`, layui,
 * Bootstrap form groups all fall out of it).
 */
function byDivTable(start: Element, unit: number, probe: Probe, own?: string): InferredLabel | null {
  let a: Element | null = start;
  for (let depth = 0; a && depth < 9; depth++, a = parentOf(a)) {
    if (WALK_STOP.has(tagOf(a)) || probe.controls(a) > unit) return null;
    let k = 0;
    probe.walked?.(a);
    for (let s = previousOf(a); s && k < 3; s = previousOf(s), k++) {
      if (SKIP_SIBLING.has(tagOf(s))) continue;
      if (probe.controls(s) > 0) return null;
      const text = probe.text(s);
      // an editor toolbar (symbols, Latin letters) sits between the field and its label: look past it
      if (text && !HAN.test(text) && !/\d/.test(text)) continue;
      if (own && text === own) continue;
      if (text && !isRequiredMark(text)) return positional(text, 'div-table', s);
    }
  }
  return null;
}

function byDtDd(el: Element, unit: number, probe: Probe): InferredLabel | null {
  const dd = closestOf(el, 'dd');
  if (!dd || probe.controls(dd) - unit > 2) return null;
  probe.walked?.(dd);
  for (let p = previousOf(dd); p; p = previousOf(p)) {
    if (tagOf(p) === 'dt') return make(probe.text(p), 'dt-dd', p);
    if (tagOf(p) === 'dd') return null;
  }
  return null;
}

function byPlaceholder(el: Element): InferredLabel | null {
  const ph = attrOf(el, 'placeholder') ?? attrOf(el, 'aria-placeholder') ?? attrOf(el, 'data-placeholder');
  const fromPh = ph ? make(stripPlaceholder(ph), 'placeholder') : null;
  if (fromPh) return fromPh;
  const title = attrOf(el, 'title');
  return title ? make(title, 'placeholder') : null;
}

/** The value a text box or text area holds as the form is planned, or undefined. */
function ownValue(el: Element): string | undefined {
  if (tagOf(el) !== 'textarea' && (tagOf(el) !== 'input' || isChoice(el))) return undefined;
  const v = normalizeSpace((el as HTMLInputElement).value ?? '');
  return v === '' ? undefined : v;
}

/** Label of a single control, in the order of ARCHITECTURE.md "Reading forms that no one here has seen". */
export function inferControlLabel(el: Element, probe: Probe, unit = 1): InferredLabel | null {
  const own = ownValue(el);
  return (
    byLabelFor(el, probe, own) ??
    byAria(el, probe) ??
    byEnclosingLabel(el, probe, own) ??
    byFloatingLabel(el, probe) ??
    byPreviousCell(el, unit, probe) ??
    byCellAbove(el, unit, probe) ??
    byPreviousText(el, probe, own) ??
    byDivTable(el, unit, probe, own) ??
    byDtDd(el, unit, probe) ??
    byPlaceholder(el)
  );
}

/**
 * Label of a picker whose input is empty while the chosen text is drawn right before it (Element Plus):
 * text found next to the input inside the picker, that is neither a `<label>` nor ends with a colon, is the
 * value shown; the label is looked for from the picker's box outwards instead, if one is there.
 */
export function inferPickerLabel(el: Element, probe: Probe): InferredLabel | null {
  const near = inferControlLabel(el, probe);
  if (!near?.el || (near.source !== 'div-table' && near.source !== 'previous-text')) return near;
  const box = parentOf(near.el);
  if (tagOf(near.el) === 'label' || /[：:]\s*$/.test(near.raw) || !box || !containsNode(box, el)) return near;
  let depth = 0;
  for (let a: Element | null = el; a && a !== box; a = parentOf(a)) depth++;
  if (depth > 3) return near;
  const far = inferControlLabel(box, probe);
  return far && far.source !== 'placeholder' ? far : near;
}

/** Label of a radio or checkbox group: the same order, asked of the group's container instead of an input. */
export function inferGroupLabel(container: Element, anchor: Element, unit: number, probe: Probe): InferredLabel | null {
  let labelled: Element | null = container;
  for (let i = 0; labelled && i < 3; i++, labelled = parentOf(labelled)) {
    if (probe.controls(labelled) > unit) break;
    const aria = byAria(labelled, probe);
    if (aria) return aria;
    if (tagOf(labelled) === 'fieldset') {
      const legend = Array.from(childrenOf(labelled)).find((c) => tagOf(c) === 'legend');
      const r = legend ? make(probe.text(legend), 'enclosing-label', legend) : null;
      if (r) return r;
    }
  }
  return (
    byPreviousCell(container, unit, probe) ??
    byCellAbove(container, unit, probe) ??
    byPreviousText(anchor, probe) ??
    byDivTable(container, unit, probe) ??
    byDtDd(container, unit, probe)
  );
}

/** Words that label an option, not a field (`是` beside a lone checkbox). */
const YES_NO = /^(是|否|有|无|已|未|同意|不同意|确认|选中|勾选|yes|no)$/i;

export function isYesNoWord(norm: string): boolean {
  return YES_NO.test(norm);
}

/**
 * Text of a radio/checkbox option: an ARIA option's own words; a native input's label, else the text right
 * after it (a styled stand-in of a hidden input included), else aria-label/title/value.
 */
export function optionLabel(input: Element, probe: Probe): string {
  if (!isChoice(input)) return probe.text(input) || (attrOf(input, 'aria-label') ?? '').trim();
  const enclosing = closestOf(parentOf(input), 'label');
  for (const l of [...probe.labelsFor(input), ...(enclosing ? [enclosing] : [])]) {
    const t = probe.text(l);
    if (t) return t;
  }
  probe.walked?.(input);
  for (let n = nextNodeOf(input); n; n = nextNodeOf(n)) {
    if (nodeTypeOf(n) === 3) {
      const t = (n.nodeValue ?? '').trim();
      if (t) return t;
    } else if (nodeTypeOf(n) === 1) {
      const e = n as Element;
      if (tagOf(e) === 'br' || isOption(e) || probe.controls(e) > 0) break;
      const t = probe.text(e);
      if (t) return t;
    }
  }
  // Element UI/Ant wrap the input in a span; the option text is the wrapper's next sibling.
  const wrapper = parentOf(input);
  if (wrapper) probe.walked?.(wrapper);
  const wrapperNext = nextOf(wrapper);
  if (wrapperNext && probe.controls(wrapperNext) === 0 && tagOf(parentOf(input)) === 'span') {
    const t = probe.text(wrapperNext);
    if (t) return t;
  }
  // a native input inside the ARIA option drawn for it (Quasar): the option's words
  const aria = closestOf(input, '[role=radio], [role=checkbox], [role=switch]');
  const t = aria ? probe.text(aria) || attrOf(aria, 'aria-label') : '';
  if (t) return t.trim();
  return (attrOf(input, 'aria-label') ?? attrOf(input, 'title') ?? attrOf(input, 'value') ?? '').trim();
}

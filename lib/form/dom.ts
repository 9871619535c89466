import { normalizeLabel, normalizeSpace } from '../text';
import {
  attrOf,
  checkVisibilityOf,
  classNameOf,
  closestOf,
  firstChildOf,
  firstNodeOf,
  nextNodeOf,
  nextOf,
  nodeTypeOf,
  parentOf,
  queryOf,
  rectOf,
  rootOf,
  tagOf,
  textContentOf,
} from './native';

/** Tag name of the extension's overlay host element; the reader never reads inside it. */
export const OVERLAY_HOST_TAG = 'credit-case-assistant';

/**
 * Elements that may be fields; input types below are filtered out afterwards, and so are ARIA options and
 * focusable boxes that are not value widgets (see isWidget).
 */
export const CONTROL_SELECTOR =
  'input, select, textarea, [contenteditable], [role=radio], [role=checkbox], [role=switch], [role=combobox], [role=spinbutton], [role=textbox], [role=searchbox], div[tabindex], span[tabindex]';

const SKIPPED_INPUT_TYPES = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'password', 'file']);

/** Elements whose text is never a label or a value. */
const NO_TEXT = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'select',
  'option',
  'optgroup',
  'datalist',
  'textarea',
  'button',
  'svg',
  'iframe',
  'object',
  OVERLAY_HOST_TAG,
]);

/** Elements that break a line: their text is kept apart from the text around them. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'caption',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Tag and class words: boxes drawn as the same kind (records of a list, cells of a row). */
export function signature(el: Element): string {
  return `${tagOf(el)}.${classNameOf(el)}`;
}

export function isBlockTag(tag: string): boolean {
  return BLOCK_TAGS.has(tag);
}

export type Scope = Document | ShadowRoot;

export function isShadowRoot(n: Node | null | undefined): n is ShadowRoot {
  return !!n && nodeTypeOf(n) === 11 && 'host' in n;
}

export function isDocument(n: Node | null | undefined): n is Document {
  return !!n && nodeTypeOf(n) === 9;
}

/** The document or shadow root an element lives in. */
export function scopeOf(el: Element): Scope | null {
  const r = rootOf(el);
  return isDocument(r) || isShadowRoot(r) ? r : null;
}

function isInput(el: Element): el is HTMLInputElement {
  return tagOf(el) === 'input';
}

export function inputType(el: HTMLInputElement): string {
  return (attrOf(el, 'type') ?? 'text').toLowerCase();
}

export function isChoice(el: Element): el is HTMLInputElement {
  if (!isInput(el)) return false;
  const t = inputType(el);
  return t === 'radio' || t === 'checkbox';
}

const NATIVE_CONTROL = 'input:not([type=hidden]), select, textarea';
const ARIA_CHOICE_ROLE = /^(radio|checkbox|switch)$/;

/** An option drawn without a native input (Vant, many mobile kits): `role=radio|checkbox|switch` with aria-checked. */
function isAriaChoice(el: Element): boolean {
  return !NATIVE_TAGS.has(tagOf(el)) && ARIA_CHOICE_ROLE.test(attrOf(el, 'role') ?? '') && queryOf(el, NATIVE_CONTROL) === null;
}

/** A radio or checkbox option, native or ARIA. */
export function isOption(el: Element): boolean {
  return isChoice(el) || isAriaChoice(el);
}

export function optionType(el: Element): 'radio' | 'checkbox' {
  if (isChoice(el)) return inputType(el) === 'radio' ? 'radio' : 'checkbox';
  return attrOf(el, 'role') === 'radio' ? 'radio' : 'checkbox';
}

export function isChecked(el: Element): boolean {
  return isChoice(el) ? el.checked : attrOf(el, 'aria-checked') === 'true';
}

const NATIVE_TAGS = new Set(['input', 'select', 'textarea', 'button', 'a', 'option']);
// not listbox: on these systems a listbox is the popup list of a select, not the field
const WIDGET_ROLE = /^(combobox|spinbutton|textbox|searchbox)$/;
/** A value box shows a short value, not a panel of content. */
const MAX_WIDGET_TEXT = 120;

/**
 * A custom control with no native control inside: a div or span announced as a combobox/listbox/spinbutton
 * (ARIA), or made focusable (tabindex ≥ 0) to open a picker (Naive UI and View UI selects). Its value is the
 * text it displays. Focusable panels, tabs, buttons and the like are left out, and so is a box inside another.
 */
export function isWidget(el: Element): boolean {
  if (!widgetShape(el)) return false;
  for (let p = parentOf(el); p; p = parentOf(p)) if (widgetShape(p)) return false;
  return true;
}

function widgetShape(el: Element): boolean {
  // focus guards of dialogs (tabindex=0, aria-hidden) hold nothing
  if (NATIVE_TAGS.has(tagOf(el)) || editableAttr(el) !== null || attrOf(el, 'aria-hidden') === 'true') return false;
  const role = attrOf(el, 'role') ?? '';
  if (!WIDGET_ROLE.test(role)) {
    // a role other than a widget's, or no tabindex ≥ 0 on a div/span: not a value box
    if (role !== '' || (tagOf(el) !== 'div' && tagOf(el) !== 'span')) return false;
    const tab = attrOf(el, 'tabindex');
    if (tab === null || tab.trim().startsWith('-') || Number.isNaN(Number.parseInt(tab, 10))) return false;
    if ((textContentOf(el) ?? '').length > MAX_WIDGET_TEXT * 4) return false;
  }
  // a role on the wrapper of a native input (Element UI, Ant) leaves the input to stand for the field
  return queryOf(el, NATIVE_CONTROL) === null;
}

function editableAttr(el: Element): boolean | null {
  const v = attrOf(el, 'contenteditable');
  if (v === null) return null;
  return v.toLowerCase() !== 'false';
}

/** The outermost element of an editable region (a nested editable element is part of its parent's value). */
function isEditableRoot(el: Element): boolean {
  if (editableAttr(el) !== true) return false;
  for (let p = parentOf(el); p; p = parentOf(p)) {
    const v = editableAttr(p);
    if (v !== null) return !v;
  }
  return true;
}

/** The editable region an element belongs to, if any. */
export function editableRootOf(el: Element): Element | null {
  let found: Element | null = null;
  for (let p: Element | null = el; p; p = parentOf(p)) {
    const v = editableAttr(p);
    if (v === false) break;
    if (v === true) found = p;
  }
  return found;
}

/**
 * The body of a same-origin frame being edited (a rich-text editor in iframe mode: TinyMCE, CKEditor 4, UEditor,
 * KindEditor): the frame is a text field of the page around it, labelled there.
 */
export function editedFrameBody(el: Element): HTMLElement | null {
  let doc: Document | null = null;
  try {
    doc = (el as HTMLIFrameElement).contentDocument;
  } catch {
    // a frame of another origin: its own reader reads it
  }
  const body = doc?.body;
  return body && (doc!.designMode === 'on' || editableAttr(body) === true) ? body : null;
}

/** An element that holds a field value a user can edit (or a disabled one that shows it). */
export function isFieldControl(el: Element): boolean {
  switch (tagOf(el)) {
    case 'iframe':
      return editedFrameBody(el) !== null;
    case 'input':
      return !SKIPPED_INPUT_TYPES.has(inputType(el as HTMLInputElement));
    case 'select':
    case 'textarea':
      return true;
    default:
      return isEditableRoot(el) || isAriaChoice(el) || isWidget(el);
  }
}

/**
 * Visible text of an element: script/style/select/button contents and the overlay host are left out, block
 * boundaries and `<br>` become spaces, whitespace is collapsed.
 */
export function textOf(el: Element): string {
  if (firstChildOf(el) === null) return normalizeSpace(textContentOf(el) ?? '');
  const parts: string[] = [];
  const walk = (n: Node): void => {
    for (let c = firstNodeOf(n); c; c = nextNodeOf(c)) {
      if (nodeTypeOf(c) === 3) {
        parts.push(c.nodeValue ?? '');
      } else if (nodeTypeOf(c) === 1) {
        const tag = tagOf(c as Element);
        if (NO_TEXT.has(tag)) continue;
        const block = BLOCK_TAGS.has(tag);
        if (block) parts.push(' ');
        walk(c);
        if (block) parts.push(' ');
      }
    }
  };
  walk(el);
  return normalizeSpace(parts.join(''));
}

/** `*` required marks (`＊`, `※` too), alone or with spaces, carry no label and are never a value. */
export function isRequiredMark(text: string): boolean {
  return /^[*＊※\s]+$/.test(text);
}

const NOT_A_LABEL = /^[\d\s.,:：\-/年月日时分秒元%（）()]+$/;

/**
 * True when a text (already normalised with normalizeLabel) can be a label found by position: short, not a
 * number or date, not a sentence.
 */
export function isLabelLike(norm: string): boolean {
  return norm.length >= 1 && norm.length <= 30 && !NOT_A_LABEL.test(norm) && !/[。，；,;!?！？]/.test(norm);
}

/** A placeholder's words without the instruction around them: `请输入当事人名称` → `当事人名称`. */
export function stripPlaceholder(s: string): string {
  return s
    .replace(/^\s*(请|可)?(输入|选择|填写|填入|录入|选取)\s*/, '')
    .replace(/\s*[(（]?(必填|选填|可选)[)）]?\s*$/, '')
    .trim();
}

interface LabelText {
  raw: string;
  norm: string;
}

export function labelText(raw: string): LabelText {
  const r = normalizeSpace(raw).slice(0, 200);
  return { raw: r, norm: normalizeLabel(r) };
}

/**
 * Whether a document has a layout engine. happy-dom and jsdom report zero-sized boxes for everything while
 * the window has a size; there every element counts as laid out, and only `hidden`/`display:none`/
 * `visibility:hidden` (through checkVisibility or the `hidden` attribute) make it invisible.
 */
/** Documents found laid out once: an engine that lays out keeps doing so (asking again would force a layout). */
const laidOut = new WeakSet<Document>();

export function hasLayout(doc: Document): boolean {
  if (laidOut.has(doc)) return true;
  const de = doc.documentElement;
  const w = doc.defaultView?.innerWidth ?? 0;
  const layout = !(de && de.clientWidth === 0 && de.clientHeight === 0 && w > 0);
  if (layout && de && de.clientWidth > 0) laidOut.add(doc);
  return layout;
}

/**
 * Cheap visibility. Where the engine has `checkVisibility` (Chrome 105+, Firefox 125+) that one native call
 * answers for display:none on any ancestor, visibility:hidden and content-visibility, in about the time of
 * reading a value; nothing relies on offsetParent, so position:fixed elements and shadow roots are fine.
 * Elsewhere a box must exist (getClientRects) and be larger than zero. Without a layout engine (happy-dom,
 * jsdom: every box is empty) only `hidden` and the CSS checkVisibility can see count.
 * A zero-sized element is not detected where checkVisibility exists: measuring every field's box would cost
 * more than the rest of the read (and clipped or off-screen fields escape any box test anyway).
 */
export function isVisible(el: Element, layout: boolean): boolean {
  const css = checkVisibilityOf(el, { checkVisibilityCSS: true, visibilityProperty: true });
  if (css === false) return false;
  // engines without layout may also lack the UA rule [hidden] { display: none }
  if (!layout) return closestOf(el, '[hidden]') === null;
  if (css) return true;
  const r = rectOf(el);
  return r.width > 0 || r.height > 0;
}

/** Class names of widgets that replace a hidden native select (chosen, select2). */
const SELECT_REPLACEMENT = /(^|\s)(chosen-container|select2(-container)?)(\s|$)/;

/**
 * Visibility of a field: radio and checkbox inputs are often hidden behind a styled label, and legacy pages
 * hide a native select behind a chosen/select2 widget — those count as visible when the stand-in is.
 */
export function isFieldVisible(el: Element, layout: boolean): boolean {
  if (isVisible(el, layout)) return true;
  if (isChoice(el)) {
    // a styled label, or a widget's own drawing right after the hidden input (layui)
    const lab = el.labels?.[0] ?? closestOf(el, 'label') ?? drawnOption(el);
    return !!lab && isVisible(lab, layout);
  }
  if (tagOf(el) === 'select') {
    const next = nextOf(el);
    return !!next && SELECT_REPLACEMENT.test(classNameOf(next)) && isVisible(next, layout);
  }
  return false;
}

function drawnOption(input: Element): Element | null {
  const next = nextOf(input);
  return next && !isFieldControl(next) && queryOf(next, CONTROL_SELECTOR) === null ? next : null;
}

function isOverlayNode(n: Node): boolean {
  return nodeTypeOf(n) === 1 && tagOf(n as Element) === OVERLAY_HOST_TAG;
}

/** False for mutations of the extension's own overlay host (inserting it, moving it, its light children). */
export function isPageMutation(r: MutationRecord): boolean {
  const t = r.target;
  const el = nodeTypeOf(t) === 1 ? (t as Element) : parentOf(t);
  if (closestOf(el, OVERLAY_HOST_TAG)) return false;
  if (r.type === 'childList') {
    const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)];
    if (nodes.length > 0 && nodes.every(isOverlayNode)) return false;
  }
  return true;
}

/**
 * Attributes that change labels or the plan's structure. Class and style changes (focus rings, validation
 * states, show/hide) do not: values are read afresh every time, visibility after any of them (plan-cache.ts).
 */
export const STRUCTURE_ATTRS = [
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

/** Attributes whose changes can change what is read: values and visibility, and the structure's. */
export const WATCHED_ATTRS = [
  'value',
  'checked',
  'selected',
  'class',
  'style',
  'hidden',
  'disabled',
  'readonly',
  'open',
  ...STRUCTURE_ATTRS,
];

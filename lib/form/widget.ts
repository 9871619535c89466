import { normalizeSpace } from '../text';
import { CONTROL_SELECTOR, isBlockTag, isChoice, isFieldControl, isRequiredMark, isWidget } from './dom';
import type { Probe } from './label';
import {
  attrOf,
  checkVisibilityOf,
  classNameOf,
  firstNodeOf,
  hasAttrOf,
  nextNodeOf,
  nextOf,
  nodeTypeOf,
  queryAllOf,
  queryOf,
  tagOf,
} from './native';

/** Prompts shown in place of a value: `请选择`, `选择处罚种类`, `-- 请选择 --`, `Select`. */
const PROMPT = /^(请选择.*|请输入.*|选择.*|[-—]+.*|please select.*|select.*|)$/i;

/** Subtrees of a widget that list choices or float over the page: never the displayed value. */
const NOT_DISPLAYED_TAGS = new Set([
  'ul',
  'ol',
  'dl',
  'datalist',
  'template',
  'script',
  'style',
  'noscript',
  'svg',
  'select',
  'option',
  'textarea',
  'iframe',
]);
const NOT_DISPLAYED_ROLES = /^(listbox|menu|option|tooltip|dialog|tree|grid)$/;

/** Shown: not hidden by attribute or inline style, nor by the page's CSS where the engine can tell cheaply. */
function shown(el: Element): boolean {
  if (hasAttrOf(el, 'hidden') || attrOf(el, 'aria-hidden') === 'true') return false;
  const style = (el as HTMLElement).style;
  if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
  return checkVisibilityOf(el, { checkVisibilityCSS: true, visibilityProperty: true }) ?? true;
}

/**
 * The text a custom widget shows as its value: its own words and those of text inputs inside it, without
 * the option lists, popups and hidden parts it carries, a prompt (`请选择`) counting as nothing. A widget is
 * small: asking each of its parts whether it is shown (checkVisibility, no layout) costs little.
 */
export function displayText(el: Element, skip?: Element): string {
  const parts: string[] = [];
  const walk = (n: Node): void => {
    for (let c = firstNodeOf(n); c; c = nextNodeOf(c)) {
      if (nodeTypeOf(c) === 3) {
        parts.push(c.nodeValue ?? '');
        continue;
      }
      if (nodeTypeOf(c) !== 1) continue;
      const e = c as Element;
      if (e === skip || NOT_DISPLAYED_TAGS.has(tagOf(e)) || NOT_DISPLAYED_ROLES.test(attrOf(e, 'role') ?? '')) continue;
      if (!shown(e)) continue;
      if (tagOf(e) === 'input') {
        const input = e as HTMLInputElement;
        const type = (attrOf(input, 'type') ?? 'text').toLowerCase();
        if (type !== 'hidden' && type !== 'radio' && type !== 'checkbox') parts.push(' ', input.value, ' ');
        continue;
      }
      const block = isBlockTag(tagOf(e));
      if (block) parts.push(' ');
      walk(e);
      if (block) parts.push(' ');
    }
  };
  walk(el);
  const text = normalizeSpace(parts.join(''));
  return PROMPT.test(text) || isRequiredMark(text) ? '' : text;
}

/** Class words of widgets that draw a control's value themselves. */
const WIDGET_CLASS = /select|chosen|combo|picker|cascader|dropdown|tree|date/i;

/**
 * The element that shows a native control's value in its place when a widget hides it (layui, chosen,
 * select2, bootstrap-select, Tom Select, a hidden input holding a code beside the text shown for it): the
 * control's next sibling, when it holds nothing but the widget's own parts and carries a widget's marks — a
 * role, a focusable box, a read-only text box, a widget class, or the select's own options listed again.
 * Decided from structure alone; whether the control is hidden is asked when reading.
 */
export function standInOf(control: Element, probe: Probe): Element | null {
  probe.walked?.(control);
  const s = nextOf(control);
  if (!s || tagOf(s) === 'label' || tagOf(s) === 'br' || (isFieldControl(s) && !isWidget(s))) return null;
  const inner = Array.from(queryAllOf(s, CONTROL_SELECTOR)).filter(isFieldControl);
  if (inner.some((c) => tagOf(c) === 'select' || tagOf(c) === 'textarea' || isChoice(c)) || inner.length > 2) return null;
  if (/[：:]\s*$/.test(probe.text(s))) return null;
  // a button draws a select's choice (bootstrap-select); beside a text box it is the box's action
  if (tagOf(s) === 'button') return tagOf(control) === 'select' ? s : null;
  if (hasAttrOf(s, 'role') || queryOf(s, '[role], [tabindex], input[readonly]') !== null) return s;
  if (WIDGET_CLASS.test(classNameOf(s)) || inner.some(isWidget)) return s;
  if (tagOf(control) === 'select') {
    const options = Array.from((control as HTMLSelectElement).options, (o) => normalizeSpace(o.text)).filter((t) => t && !PROMPT.test(t));
    const text = probe.text(s);
    if (options.length > 0 && options.filter((t) => text.includes(t)).length * 2 >= options.length) return s;
  }
  return null;
}

/**
 * The controls that are parts of the widget drawing a control: those of its stand-in, and those of the
 * popup parts after it (a select's search box in its dropdown) — siblings holding no words of their own or
 * marked as a dropdown. Their reading is the control's; they are no fields of their own.
 */
export function widgetParts(control: Element, standIn: Element, probe: Probe): Element[] {
  const out: Element[] = [];
  const add = (e: Element): void => {
    if (isFieldControl(e)) out.push(e);
    for (const c of queryAllOf(e, CONTROL_SELECTOR)) if (isFieldControl(c)) out.push(c);
  };
  add(standIn);
  probe.walked?.(standIn);
  for (let s = nextOf(standIn); s; s = nextOf(s)) {
    if (probe.controls(s) === 0) continue;
    if (probe.text(s) !== '' && !WIDGET_CLASS.test(classNameOf(s)) && !NOT_DISPLAYED_ROLES.test(attrOf(s, 'role') ?? '')) break;
    add(s);
  }
  return out.filter((c) => c !== control);
}

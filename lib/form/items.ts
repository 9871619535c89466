// What a field is: the classification of controls, groups and label/value pairs into plan items, shared by the
// full read and single re-reads.
import { groupLabel, type ChoiceGroup, type SameName } from './choice';
import { editableRootOf, inputType, isChoice, isShadowRoot, labelText, scopeOf } from './dom';
import { inferControlLabel, inferPickerLabel, optionLabel, type InferredLabel, type Probe } from './label';
import { LocatorBuilder } from './locator';
import type { FieldKind, LabelSource } from './types';
import { standInOf, widgetParts } from './widget';
import { attrOf, classNameOf, closestOf, containsNode, hasAttrOf, parentOf, tagOf } from './native';

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

const DATE_CLASS = /date|laydate|ant-picker(\s|$)/i;
const WIDGET_CLASS = /select|picker|date|cascader|laydate/i;
const SELECT_CLASS = /(^|\s)(el-select|ant-select|layui-form-select)/;

function wrapperClasses(el: Element, levels: number): string {
  let s = classNameOf(el);
  let a = parentOf(el);
  for (let i = 0; a && i < levels; i++, a = parentOf(a)) s += ' ' + classNameOf(a);
  return s;
}

function controlKind(el: Element): { kind: FieldKind; widget: boolean } {
  if (tagOf(el) === 'select') return { kind: 'select', widget: false };
  if (tagOf(el) === 'textarea') return { kind: 'textarea', widget: false };
  if (tagOf(el) !== 'input') {
    if (editableRootOf(el) === el || tagOf(el) === 'iframe') return { kind: 'contenteditable', widget: false };
    // a custom widget: a picker of some kind, a date one when it says so
    return { kind: DATE_CLASS.test(wrapperClasses(el, 2)) ? 'date' : 'select', widget: true };
  }
  const t = inputType(el as HTMLInputElement);
  if (/^(date|datetime-local|month|week|time)$/.test(t)) return { kind: 'date', widget: false };
  const classes = wrapperClasses(el, 3);
  const onclick = attrOf(el, 'onclick') ?? '';
  const widget = WIDGET_CLASS.test(classes) || /WdatePicker|laydate/.test(onclick);
  if (DATE_CLASS.test(classes) || /WdatePicker|laydate/.test(onclick)) return { kind: 'date', widget };
  if (SELECT_CLASS.test(classes) || attrOf(el, 'role') === 'combobox') return { kind: 'select', widget: true };
  return { kind: 'text', widget };
}

export interface Ctx {
  probe: Probe;
  loc: LocatorBuilder;
  sameName: SameName;
}

export function item(el: Element, kind: FieldKind, label: InferredLabel | null, ctx: Ctx, extra?: Partial<PlanItem>): PlanItem {
  return {
    labelEl: label?.el,
    el,
    kind,
    label: label?.norm ?? '',
    rawLabel: label?.raw ?? '',
    source: label?.source ?? 'placeholder',
    locator: ctx.loc.locator(el),
    visEl: el,
    inFieldset: closestOf(el, 'fieldset') !== null,
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
  return tagOf(el) === 'input' && (attrOf(el, 'role') === 'combobox' || hasAttrOf(el, 'aria-haspopup') || widget);
}

/**
 * The box around a picker's input that shows its chosen text: the largest of the input's few nearest
 * ancestors holding no other control and not its label.
 */
function displayBox(el: Element, label: InferredLabel | null, probe: Probe): Element | undefined {
  let box: Element | undefined;
  let a = parentOf(el);
  for (let i = 0; a && i < 4; i++, a = parentOf(a)) {
    if (probe.controls(a) !== 1 || (label?.el && containsNode(a, label.el))) break;
    if (!label?.el && label && probe.text(a).includes(label.raw)) break;
    box = a;
  }
  return box;
}

export function controlItem(el: Element, ctx: Ctx): PlanItem {
  const { kind, widget } = controlKind(el);
  const extra: Partial<PlanItem> = { widget };
  const standIn = tagOf(el) === 'select' || (tagOf(el) === 'input' && !isChoice(el)) ? standInOf(el, ctx.probe) : null;
  const pickerInput = isPickerInput(el, widget);
  const picker = !standIn && pickerInput && (el as HTMLInputElement).value === '';
  // the stand-in's own controls belong to this field when looking for its label
  let label = standIn
    ? inferControlLabel(el, ctx.probe, 1 + widgetParts(el, standIn, ctx.probe).length)
    : picker
      ? inferPickerLabel(el, ctx.probe)
      : inferControlLabel(el, ctx.probe);
  if (!label || label.source === 'placeholder') label = shadowHostLabel(el, ctx) ?? label;
  if (standIn) extra.standIn = standIn;
  if (pickerInput) extra.display = displayBox(el, label, ctx.probe);
  return item(el, kind, label, ctx, extra);
}

export function groupItem(g: ChoiceGroup, ctx: Ctx): PlanItem {
  const label = groupLabel(g, ctx.probe);
  return item(g.element, g.type, label, ctx, {
    group: g,
    options: g.members.map((m) => optionLabel(m, ctx.probe)),
    visEl: g.members[0]!,
  });
}

export function pairItem(labelEl: Element, valueEl: Element, source: LabelSource, ctx: Ctx): PlanItem | null {
  const label = labelText(ctx.probe.text(labelEl));
  if (!label.norm) return null;
  return item(valueEl, 'cell', { ...label, source, el: labelEl }, ctx, { visEl: labelEl });
}

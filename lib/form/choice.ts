import { inputType, isChecked, isChoice, isOption, isRequiredMark, labelText, optionType, scopeOf } from './dom';
import { inferGroupLabel, isYesNoWord, optionLabel, type InferredLabel, type Probe } from './label';
import { attrOf, closestOf, containsNode, matchesOf, parentOf, queryAllOf, tagOf } from './native';

/** A radio group, a checkbox group, or a lone checkbox (value 是/否). Options are native inputs or ARIA ones. */
export interface ChoiceGroup {
  members: Element[];
  /** the element standing for the field: the smallest element holding every member (the input of a lone box) */
  element: Element;
  type: 'radio' | 'checkbox';
  single: boolean;
}

/** Containers that hold one group of options (when they hold nothing else). */
const GROUP_CONTAINER =
  '[role=radiogroup], [role=group], .el-radio-group, .el-checkbox-group, .ant-radio-group, .ant-checkbox-group, .layui-input-block, td, th, dd, fieldset';

/** Inputs of the same type and name in the same form and document/shadow root. */
export type SameName = (input: HTMLInputElement) => HTMLInputElement[];

export function liveSameName(input: HTMLInputElement): HTMLInputElement[] {
  const name = attrOf(input, 'name');
  const scope = scopeOf(input);
  if (!name || !scope) return [input];
  const type = inputType(input);
  return Array.from(queryAllOf(scope, 'input[name]')).filter(
    (m): m is HTMLInputElement => isChoice(m) && attrOf(m, 'name') === name && inputType(m) === type && m.form === input.form,
  );
}

function commonAncestor(members: Element[]): Element {
  const first = members[0]!;
  for (let a = parentOf(first); a; a = parentOf(a)) {
    if (members.every((m) => containsNode(a, m))) return a;
  }
  return parentOf(first) ?? first;
}

const OPTION_SELECTOR = 'input, [role=radio], [role=checkbox], [role=switch]';

function optionsIn(a: Element, type: 'radio' | 'checkbox'): Element[] {
  return Array.from(queryAllOf(a, OPTION_SELECTOR)).filter((m) => isOption(m) && optionType(m) === type);
}

/**
 * True when a container holds its options and nothing else worth reading: no text beside the options' own.
 * A row holding a field label and several unrelated checkboxes is no group.
 */
function onlyOptions(a: Element, members: Element[], probe: Probe): boolean {
  let rest = probe.text(a);
  for (const m of members) {
    const t = optionLabel(m, probe);
    if (t) rest = rest.replace(t, '');
  }
  rest = rest.trim();
  return rest === '' || isRequiredMark(rest);
}

/** A checkbox labelled like a field (`是否列入严重违法失信名单`) is a lone yes/no box, not one option of a set. */
function looksLikeField(option: string): boolean {
  return /^是否|[：:]$/.test(option.trim());
}

/**
 * Finds the group an option belongs to: radios by name; else the smallest container holding only such
 * options (by class or role as a fast path; any element for radios, any element holding nothing but its
 * options for checkboxes — groups rendered without `name`); else by name.
 */
export function choiceGroup(option: Element, probe: Probe, sameName: SameName): ChoiceGroup {
  const type = optionType(option);
  const named = isChoice(option) && attrOf(option, 'name') ? sameName(option) : [];
  const around = named.length > 1 ? commonAncestor(named) : null;
  // radios of one name around other fields' labels or controls share a kit's default name: their structure
  // bounds each group
  if (type === 'radio' && around && probe.controls(around) === named.length && onlyOptions(around, named, probe)) {
    return { members: named, element: around, type, single: false };
  }
  let a = parentOf(option);
  // seven levels: a kit may wrap each option five deep, and a grid column around it (Vuetify's v-checkbox)
  for (let i = 0; a && i < 7; i++, a = parentOf(a)) {
    const members = optionsIn(a, type);
    if (members.length > 1 && probe.controls(a) === members.length) {
      const known = matchesOf(a, GROUP_CONTAINER);
      const fieldLike = type === 'checkbox' && members.some((m) => looksLikeField(optionLabel(m, probe)));
      if (known || (!fieldLike && (type === 'radio' || onlyOptions(a, members, probe)))) {
        return { members, element: commonAncestor(members), type, single: false };
      }
    }
    if (probe.controls(a) > members.length || /^(td|th|dd|fieldset)$/.test(tagOf(a))) break;
  }
  if (named.length > 1) return { members: named, element: commonAncestor(named), type, single: false };
  return { members: [option], element: option, type, single: type === 'checkbox' };
}

/** The child of `container` that holds `el` (or `el` itself). */
function childOf(container: Element, el: Element): Element {
  let c = el;
  for (let p = parentOf(c); p && p !== container; p = parentOf(c)) c = p;
  return c;
}

/**
 * Label of a group: from its container (previous cell, div table, …). A lone checkbox is labelled by its own
 * text unless that text is just 是/否, in which case its surroundings label it.
 */
export function groupLabel(g: ChoiceGroup, probe: Probe): InferredLabel | null {
  const first = g.members[0]!;
  if (g.members.length === 1) {
    const own = labelText(optionLabel(first, probe));
    if (own.norm && !isYesNoWord(own.norm)) {
      const labelFor = isChoice(first) && probe.labelsFor(first).length > 0;
      return { raw: own.raw, norm: own.norm, source: labelFor ? 'label-for' : 'enclosing-label' };
    }
    const wrapper = closestOf(parentOf(first), 'label') ?? first;
    const container = parentOf(wrapper) ?? wrapper;
    return inferGroupLabel(container, wrapper, 1, probe);
  }
  return inferGroupLabel(g.element, childOf(g.element, first), g.members.length, probe);
}

/** A wrapper drawn as chosen (`is-checked`, `x-radio-checked`), between an option and its group. */
const DRAWN_CHECKED = /(^|[\s_-])checked(\s|$)/i;

function drawnChecked(m: Element, group: Element): boolean {
  for (let a = parentOf(m); a && a !== group; a = parentOf(a)) if (DRAWN_CHECKED.test(attrOf(a, 'class') ?? '')) return true;
  return false;
}

/** Checked, or inside an ARIA option that says so: a widget may never check the native input it wraps (Quasar). */
function chosen(m: Element, group: Element): boolean {
  let a = parentOf(m);
  for (let i = 0; a && a !== group && i < 3; i++, a = parentOf(a)) {
    const aria = attrOf(a, 'aria-checked');
    if (aria) return aria === 'true' || isChecked(m);
  }
  return isChecked(m);
}

/**
 * Value of a group: the checked radio's label; checked checkbox labels joined with 、; a lone box 是/否. Radios
 * none of which is checked in the DOM, as when the browser unchecked them for a same-named radio of another
 * group, show the one the widget draws as chosen.
 */
export function groupValue(g: ChoiceGroup, options: readonly string[]): string {
  if (g.single) return chosen(g.members[0]!, g.element) ? '是' : '否';
  const picked: string[] = [];
  const checked = g.members.map((m) => chosen(m, g.element));
  const drawn = g.type === 'radio' && !checked.includes(true);
  g.members.forEach((m, i) => {
    if (drawn ? drawnChecked(m, g.element) : checked[i]) picked.push(options[i] ?? '');
  });
  return picked.filter(Boolean).join('、');
}

import { inputType, isChoice, labelText, scopeOf } from './dom';
import { inferGroupLabel, isYesNoWord, optionLabel, type InferredLabel, type Probe } from './label';

/** A radio group, a checkbox group, or a lone checkbox (value 是/否). */
export interface ChoiceGroup {
  members: HTMLInputElement[];
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
  const name = input.getAttribute('name');
  const scope = scopeOf(input);
  if (!name || !scope) return [input];
  const type = inputType(input);
  return Array.from(scope.querySelectorAll('input[name]')).filter(
    (m): m is HTMLInputElement =>
      isChoice(m) && m.getAttribute('name') === name && inputType(m) === type && m.form === input.form,
  );
}

function commonAncestor(members: Element[]): Element {
  const first = members[0]!;
  for (let a = first.parentElement; a; a = a.parentElement) {
    if (members.every((m) => a.contains(m))) return a;
  }
  return first.parentElement ?? first;
}

/** Finds the group an option belongs to: radios by name, else a container holding only such options, else by name. */
export function choiceGroup(input: HTMLInputElement, probe: Probe, sameName: SameName): ChoiceGroup {
  const type = inputType(input) === 'radio' ? 'radio' : 'checkbox';
  const named = input.getAttribute('name') ? sameName(input) : [];
  if (type === 'radio' && named.length > 1) {
    return { members: named, element: commonAncestor(named), type, single: false };
  }
  let a = input.parentElement;
  for (let i = 0; a && i < 5; i++, a = a.parentElement) {
    if (!a.matches(GROUP_CONTAINER)) continue;
    const members = Array.from(a.querySelectorAll('input')).filter(
      (m): m is HTMLInputElement => isChoice(m) && inputType(m) === inputType(input),
    );
    if (members.length > 1 && probe.controls(a) === members.length) {
      return { members, element: commonAncestor(members), type, single: false };
    }
    if (/^(td|th|dd|fieldset)$/.test(a.localName)) break;
  }
  if (named.length > 1) return { members: named, element: commonAncestor(named), type, single: false };
  return { members: [input], element: input, type, single: type === 'checkbox' };
}

/** The child of `container` that holds `el` (or `el` itself). */
function childOf(container: Element, el: Element): Element {
  let c = el;
  while (c.parentElement && c.parentElement !== container) c = c.parentElement;
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
      return { raw: own.raw, norm: own.norm, source: probe.labelsFor(first).length ? 'label-for' : 'enclosing-label' };
    }
    const wrapper = first.parentElement?.closest('label') ?? first;
    const container = wrapper.parentElement ?? wrapper;
    return inferGroupLabel(container, wrapper, 1, probe);
  }
  return inferGroupLabel(g.element, childOf(g.element, first), g.members.length, probe);
}

/** Value of a group: the checked radio's label; checked checkbox labels joined with 、; a lone box 是/否. */
export function groupValue(g: ChoiceGroup, options: readonly string[]): string {
  if (g.single) return g.members[0]!.checked ? '是' : '否';
  const picked: string[] = [];
  g.members.forEach((m, i) => {
    if (m.checked) picked.push(options[i] ?? '');
  });
  return picked.filter(Boolean).join('、');
}

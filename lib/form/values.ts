// What a planned field holds now: its value, whether it is read-only, whether it is shown.
import { normalizeSpace } from '../text';
import { groupValue } from './choice';
import {
  editableRootOf,
  editedFrameBody,
  isChoice,
  isFieldVisible,
  isLabelLike,
  isRequiredMark,
  isVisible,
  labelText,
  textOf,
} from './dom';
import type { PlanItem } from './items';
import type { SnapshotField } from './types';
import { displayText } from './widget';
import { attrOf, checkVisibilityOf, closestOf, parentOf, queryAllOf, tagOf } from './native';

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
  if (attrOf(input, 'role') !== 'combobox') return '';
  let box = parentOf(input);
  for (let i = 0; box && i < 4; i++, box = parentOf(box)) {
    const chosen = queryAllOf(box, COMBOBOX_CHOICE);
    if (chosen.length > 0) {
      return Array.from(chosen, (c) => attrOf(c, 'title') || textOf(c))
        .filter(Boolean)
        .join('、');
    }
  }
  return '';
}

export function controlValue(el: Element): string {
  switch (tagOf(el)) {
    case 'select':
      return selectText(el as HTMLSelectElement);
    case 'textarea':
      return (el as HTMLTextAreaElement).value.trim();
    case 'input': {
      const v = (el as HTMLInputElement).value.trim();
      return v || comboboxText(el);
    }
    case 'iframe': {
      const body = editedFrameBody(el);
      return body ? textOf(body) : '';
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

export function parseLine(text: string, segment = 0): LinePair | null {
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
  const seen = checkVisibilityOf(el, { opacityProperty: true, visibilityProperty: true, checkVisibilityCSS: true });
  return seen ?? closestOf(el, '[hidden]') === null;
}

function isDisabled(el: Element, inFieldset: boolean | undefined): boolean {
  return (el as HTMLInputElement).disabled === true || (inFieldset === true && closestOf(el, 'fieldset[disabled]') !== null);
}

function ariaOff(el: Element): boolean {
  return attrOf(el, 'aria-disabled') === 'true' || attrOf(el, 'aria-readonly') === 'true';
}

function itemReadOnly(item: PlanItem): boolean {
  if (item.kind === 'cell' || item.kind === 'line') return true;
  if (item.group) return item.group.members.every((m) => (isChoice(m) ? isDisabled(m, item.inFieldset) : ariaOff(m)));
  if (item.kind === 'contenteditable') return false;
  if (!NATIVE_FIELD.has(tagOf(item.el))) return ariaOff(item.el);
  return isDisabled(item.el, item.inFieldset) || (!item.widget && (item.el as HTMLInputElement).readOnly === true);
}

const NATIVE_FIELD = new Set(['input', 'select', 'textarea']);

export function itemVisible(item: PlanItem, layout: boolean): boolean {
  if (item.group) return item.group.members.some((m) => isFieldVisible(m, layout));
  if (item.kind === 'cell' || item.kind === 'line') return isVisible(item.visEl, layout);
  return isFieldVisible(item.el, layout) || (item.standIn !== undefined && isVisible(item.standIn, layout));
}

export function toField(item: PlanItem, key?: string): SnapshotField {
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

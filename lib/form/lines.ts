// Label/value pairs of tables, definition lists and div pairs, and `label：value` lines.
import { isBlockTag, isLabelLike, isRequiredMark, labelText } from './dom';
import { type PlanItem, type Ctx, item } from './items';
import { cellAt, columnOf, rowAbove, type Probe } from './label';
import { cellsOf, isHeaderRow, rowBelow } from './tables';
import type { LabelSource } from './types';
import { parseLines } from './values';
import { attrOf, classNameOf, firstChildOf, nextOf, parentOf, previousOf, queryOf, tagOf } from './native';

/** `（必填）`, `请按规范填写`: words for the person filling the form, not a value. */
const HINT = /^([(（].*[)）]|(请|须|必填|选填|如|例).*)$/;

export function lineItems(el: Element, ctx: Ctx, text = ctx.probe.text(el)): PlanItem[] {
  const lines = parseLines(text);
  const first = lines[0];
  if (!first) return [];
  // `当事人：（必填）` before a cell or box holding an input is that input's label, not a line
  ctx.probe.walked?.(el);
  const next = nextOf(el);
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
  return cells.some((c) => tagOf(c) === 'th' || probe.controls(c) > 0) ? null : above;
}

type CellPair = [label: Element, value: Element, source: LabelSource];

/** Pairs a row's values belong to: by column under a header row, else label|value cells within the row. */
export function tablePairs(row: Element, probe: Probe): CellPair[] {
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
  for (let i = 0; i < cells.length - 1;) {
    const l = cells[i]!;
    // a cell holding only the required mark sits between a label and its value
    const v = (
      i + 2 < cells.length && probe.controls(cells[i + 1]!) === 0 && isRequiredMark(probe.text(cells[i + 1]!)) ? cells[i + 2] : cells[i + 1]
    )!;
    if ((cells.length - i) % 2 === 1 && Number.parseInt(attrOf(l, 'rowspan') ?? '1', 10) > 1) {
      i++;
      continue;
    }
    if (probe.controls(l) === 0 && probe.controls(v) === 0 && !(tagOf(l) === 'td' && tagOf(v) === 'th')) {
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
  while (v && probe.controls(v) === 0 && isRequiredMark(probe.text(v))) v = nextOf(v);
  return v;
}

/** Class names marking a label element of a div-table pair. */
export const DIV_LABEL_SELECTOR = '[class*="label"], [class*="Label"]';
const VALUE_CLASS = /content|value|control|detail|info|text|item/i;

/** A `.xx-label` element followed by a value element holding text only (Element UI, Ant descriptions, layui). */
export function divPair(labelEl: Element, probe: Probe): Element | null {
  // the marks and the value after the label are its siblings
  probe.walked?.(labelEl);
  const v = pastMarks(nextOf(labelEl), probe);
  if (!v || probe.controls(labelEl) > 0 || probe.controls(v) > 0) return null;
  const vClass = classNameOf(v);
  if (/label/i.test(vClass) || queryOf(v, 'table, dl, p, li, [class*="label"], [class*="Label"]')) return null;
  if (!isLabelLike(labelText(probe.text(labelEl)).norm)) return null;
  const text = probe.text(v);
  if (text.length > 3000 || (!text && !VALUE_CLASS.test(vClass))) return null;
  return v;
}

/** Elements taken, as far as a pass asks. */
export interface Taken {
  has(el: Element): boolean;
  size(): number;
}

export function withinUsed(el: Element, used: Taken): boolean {
  if (used.size() === 0) return false;
  let a = parentOf(el);
  for (let i = 0; a && i < 4; i++, a = parentOf(a)) if (used.has(a)) return true;
  return false;
}

export function dtOf(dd: Element): Element | null {
  for (let p = previousOf(dd); p; p = previousOf(p)) {
    if (tagOf(p) === 'dt') return p;
    if (tagOf(p) === 'dd') return null;
  }
  return null;
}

export const LINE_SELECTOR = 'p, li, div, td, dd';

export function isLineCandidate(el: Element, probe: Probe): boolean {
  if (probe.controls(el) > 0) return false;
  for (let c = firstChildOf(el); c; c = nextOf(c)) if (isBlockTag(tagOf(c)) && tagOf(c) !== 'br') return false;
  return true;
}

// Where a field sits on a busy page: in one record of a list, in a search bar, or in which container among
// others. Decided once per plan, from structure only.
import { normalizeSpace } from '../text';
import { signature } from './dom';
import { containsNode, matchesOf, nextOf, nodeTypeOf, parentNodeOf, parentOf, queryAllOf, queryOf, tagOf, textContentOf } from './native';

/** The few facts about a planned field this module needs. */
export interface Placed {
  el: Element;
  label: string;
  /** a read-only value (cell, line), not a control */
  readOnly: boolean;
}

/** Ancestors up to `stop`, crossing from an open shadow root to its host. */
function ancestors(el: Element, stop: Node | null): Element[] {
  const out: Element[] = [];
  for (let a = up(el); a && a !== stop; a = up(a)) out.push(a);
  return out;
}

export function up(el: Element): Element | null {
  const parent = parentOf(el);
  if (parent) return parent;
  const p = parentNodeOf(el) as (Node & { host?: Element }) | null;
  return p && nodeTypeOf(p) === 11 && p.host ? p.host : null;
}

/** The lowest common ancestor of `a` and `b` and its children holding each. */
function branches(a: Element, b: Element): [Element, Element, Element] | null {
  const childOn = new Map<Element, Element>();
  let child = a;
  for (let p = parentOf(a); p; child = p, p = parentOf(p)) childOn.set(p, child);
  child = b;
  for (let p = parentOf(b); p; child = p, p = parentOf(p)) {
    const ca = childOn.get(p);
    if (ca) return [p, ca, child];
  }
  return null;
}

/**
 * Read-only fields that are one record among several in a list drawn with divs (cards, mobile cells): the
 * same label read in two siblings of the same tag and class whose read-only fields have mostly the same
 * labels (two or more). A list's records are never this page's case, so these are left out. Editable records
 * (several parties on one form) are kept.
 */
export function listRecordFields(fields: readonly Placed[]): Set<Element> {
  const out = new Set<Element>();
  const byLabel = new Map<string, Placed[]>();
  for (const f of fields) {
    if (!f.readOnly || !f.label) continue;
    const list = byLabel.get(f.label);
    if (list) list.push(f);
    else byLabel.set(f.label, [f]);
  }
  const perElement = new Map<Element, Set<string>>();
  const labelsIn = (el: Element): Set<string> => {
    let set = perElement.get(el);
    if (set === undefined) {
      set = new Set();
      for (const f of fields) if (f.readOnly && f.label && containsNode(el, f.el)) set.add(f.label);
      perElement.set(el, set);
    }
    return set;
  };
  // records of a list show the same fields: most of their labels are shared (a detail table beside the rendered
  // decision, in sibling cards, shares a few)
  const alike = (a: Set<string>, b: Set<string>): boolean => {
    let both = 0;
    for (const l of a) if (b.has(l)) both++;
    return both >= 2 && both * 10 >= 6 * (a.size + b.size - both);
  };
  const records = new Set<Element>();
  for (const list of byLabel.values()) {
    for (let i = 1; i < list.length; i++) {
      const br = branches(list[i - 1]!.el, list[i]!.el);
      if (!br) continue;
      const [, ra, rb] = br;
      if (ra === rb || signature(ra) !== signature(rb)) continue;
      if (!alike(labelsIn(ra), labelsIn(rb))) continue;
      records.add(ra).add(rb);
    }
  }
  if (records.size === 0) return out;
  for (const f of fields) {
    if (!f.readOnly) continue;
    for (const r of records) {
      if (containsNode(r, f.el)) {
        out.add(f.el);
        break;
      }
    }
  }
  return out;
}

const SEARCH_WORD = /^(查询|搜索|检索|筛选|查找|搜)$/;
const SEARCH_TEXT = /查\s*询|搜\s*索|检\s*索|筛\s*选|查\s*找|搜/;
const RESET_WORD = /^(重置|清空|清除|重填)$/;
const INPUT_BUTTON = 'input[type=submit], input[type=button]';
export const BUTTON_SELECTOR = 'button, input[type=submit], input[type=button], input[type=reset], a, [role=button]';
/** A search bar holds a few short inputs; a form with more is the case form, whatever its buttons say. */
const MAX_FILTER_CONTROLS = 12;

function buttonText(b: Element): string {
  const t = tagOf(b) === 'input' ? ((b as HTMLInputElement).value ?? '') : (textContentOf(b) ?? '');
  return normalizeSpace(t).replace(/\s/g, '');
}

/**
 * Search and filter bars: the container a 查询/搜索 button searches with. It holds the controls found first
 * when climbing from the button, up to the largest ancestor holding no more; it is a bar when it holds two
 * or more controls, or a 重置 button too, or a list follows it — a lookup button beside one field of the case
 * form (统一社会信用代码 [查询]) is none. No textarea, few controls.
 */
export function filterBars(root: ParentNode, buttons: readonly Element[], controls: (el: Element) => number): Element[] {
  const bars: Element[] = [];
  let says: boolean | undefined;
  // the page says a search word somewhere or has input buttons: a search button's own text is part of the
  // page's, so the whole text (costly after a change) is read only for an input[type=reset] saying 查询
  const pageSearches = (b: Element): boolean => {
    if (SEARCH_TEXT.test(textContentOf(b) ?? '') || matchesOf(b, INPUT_BUTTON)) return true;
    says ??=
      SEARCH_TEXT.test((((root as Document).documentElement ?? root) as Node).textContent ?? '') || queryOf(root, INPUT_BUTTON) !== null;
    return says;
  };
  for (const b of buttons) {
    if (!SEARCH_WORD.test(buttonText(b)) || !pageSearches(b)) continue;
    let bar: Element | null = null;
    for (let a = parentOf(b); a; a = parentOf(a)) {
      const n = controls(a);
      if (n === 0) continue;
      bar = a;
      for (let p = parentOf(bar); p && controls(p) === n; p = parentOf(bar)) bar = p;
      break;
    }
    if (!bar || bars.includes(bar)) continue;
    const n = controls(bar);
    if (n > MAX_FILTER_CONTROLS || queryOf(bar, 'textarea') !== null) continue;
    const reset = Array.from(queryAllOf(bar, BUTTON_SELECTOR)).some((x) => RESET_WORD.test(buttonText(x)));
    if (n >= 2 || reset || listFollows(bar)) bars.push(bar);
  }
  return bars;
}

function listFollows(bar: Element): boolean {
  let a: Element | null = bar;
  for (let i = 0; a && i < 3; i++, a = parentOf(a)) {
    for (let s = nextOf(a), k = 0; s && k < 3; s = nextOf(s), k++) {
      if (matchesOf(s, 'table, [role=grid], [role=table]') || queryOf(s, 'table, [role=grid], [role=table]')) return true;
    }
  }
  return false;
}

/**
 * For each field's chain of ancestors (innermost first), the containers holding it among other fields, outermost
 * first, as ids: an ancestor is kept where it holds more fields (`count`) than the one kept inside it.
 */
export function keptScopes<A>(chains: ReadonlyArray<readonly A[]>, count: (a: A) => number, id: (a: A) => number): number[][] {
  return chains.map((chain) => {
    const kept: number[] = [];
    let inner = 1;
    for (const a of chain) {
      const n = count(a);
      if (n > inner) {
        kept.push(id(a));
        inner = n;
      }
    }
    return kept.reverse();
  });
}

/**
 * Container ids made ranks among the containers, in place: content added elsewhere leaves a container's rank as it
 * was, where its place among all elements moves.
 */
export function rankedScopes(scopes: number[][]): number[][] {
  // no Array#flat: several times slower in V8
  const ids = new Set<number>();
  for (const scope of scopes) for (const id of scope) ids.add(id);
  const rank = new Map([...ids].sort((x, y) => x - y).map((id, i) => [id, i]));
  for (const scope of scopes) for (let i = 0; i < scope.length; i++) scope[i] = rank.get(scope[i]!)!;
  return scopes;
}

/** The same for fields (`keptScopes`), climbing up to `stop`. `id` numbers elements (document order). */
export function fieldScopes(els: readonly Element[], stop: Node | null, id: (el: Element) => number): number[][] {
  const counts = new Map<Element, number>();
  const chains = els.map((el) => ancestors(el, stop));
  for (const chain of chains) for (const a of chain) counts.set(a, (counts.get(a) ?? 0) + 1);
  return keptScopes(chains, (a) => counts.get(a)!, id);
}

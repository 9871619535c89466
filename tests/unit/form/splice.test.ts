// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { readForm } from '../../../lib/form';
import { LocatorBuilder } from '../../../lib/form/locator';
import { PlanBuilder, planWith, provideSplicer, type Step } from '../../../lib/form/plan';
import { plansMade } from '../../../lib/form/plan-cache';
import { plansSpliced, splicePlan } from '../../../lib/form/splice';
// @ts-expect-error plain ES module without types
import { generateForm } from '../../../scripts/gen-form.mjs';
import { FIXTURE_PAGES, comparable, freshRead, showPage } from './helpers';

// After nodes come or go, reading plans again only the steps that read where they changed (lib/form/splice.ts).
// Whatever it keeps, the read must equal a read by a reader that never saw the page; and each step must have
// read nothing outside the element it is known to depend on, or a change there would go unseen.

provideSplicer(splicePlan);

/** A Vue form as Element UI renders it: no names, so each field is located by its place among its siblings. */
function vueForm(n: number): string {
  const items = Array.from(
    { length: n },
    (_, i) =>
      `<div class="el-form-item"><label class="el-form-item__label">${['当事人名称', '案件编号', '处罚内容'][i % 3]}${i}</label>` +
      `<div class="el-form-item__content"><div class="el-input"><input class="el-input__inner" value="值${i}"></div></div></div>`,
  ).join('');
  return `<h2>行政处罚决定书</h2><form class="el-form">${items}</form>`;
}

function formItem(label: string, value: string): HTMLElement {
  const item = document.createElement('div');
  item.className = 'el-form-item';
  item.innerHTML = `<label class="el-form-item__label">${label}</label><div class="el-form-item__content"><div class="el-input"><input class="el-input__inner" value="${value}"></div></div>`;
  return item;
}

/** Reads after `edit`, and tells whether that read planned the page afresh or spliced the plan. */
function readAfter(edit: () => void): { planned: number; spliced: number } {
  const made = plansMade.count;
  const spliced = plansSpliced.count;
  edit();
  const read = readForm(document);
  const counts = { planned: plansMade.count - made, spliced: plansSpliced.count - spliced };
  expect(comparable(read)).toEqual(comparable(freshRead(document)));
  return counts;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a change of structure plans again only what it could change', () => {
  it('a dependent field shown and hidden in the middle of a form without names', () => {
    document.body.innerHTML = vueForm(30);
    const before = readForm(document);
    const item = formItem('联系地址', '上海市');
    const form = document.querySelector('form')!;
    expect(readAfter(() => form.insertBefore(item, form.children[12]!))).toEqual({ planned: 0, spliced: 1 });
    const shown = readForm(document);
    expect(shown.fields.map((f) => f.label)).toContain('联系地址');
    // the fields after it are located by their new place
    expect(shown.fields.at(-1)!.locator).not.toBe(before.fields.at(-1)!.locator);
    expect(readAfter(() => item.remove())).toEqual({ planned: 0, spliced: 1 });
    expect(comparable(readForm(document))).toEqual(comparable(before));
  });

  it('a field added before a control that took its label from the text before it', () => {
    document.body.innerHTML =
      '<form><div class="row"><span>当事人名称</span><input value="甲"><span>案件编号</span><input value="乙"></div><p>备注</p></form>';
    readForm(document);
    const row = document.querySelector('.row')!;
    const input = document.createElement('input');
    input.value = '丙';
    const r = readAfter(() => row.insertBefore(input, row.children[3]!));
    expect(r.planned + r.spliced).toBe(1);
    // the field after the new one now follows a control, not the label: as a fresh read finds it
    expect(readForm(document).fields).toHaveLength(3);
  });

  it('what only a full plan weighs is planned afresh: an option group, a table, duplicate names', () => {
    document.body.innerHTML = vueForm(8);
    readForm(document);
    const form = document.querySelector('form')!;
    const group = formItem('是否列入严重违法失信名单', '');
    group.querySelector('.el-input')!.innerHTML =
      '<label><input type="radio" name="listed" value="1">是</label><label><input type="radio" name="listed" value="0">否</label>';
    expect(readAfter(() => form.insertBefore(group, form.children[3]!))).toEqual({ planned: 1, spliced: 0 });
    const table = document.createElement('div');
    table.innerHTML = '<table><tr><td>罚款金额</td><td><input value="5000"></td></tr></table>';
    expect(readAfter(() => form.append(table))).toEqual({ planned: 1, spliced: 0 });
    const named = document.createElement('div');
    named.innerHTML = '<label>联系电话</label><input name="listed">';
    expect(readAfter(() => form.append(named))).toEqual({ planned: 1, spliced: 0 });
  });

  it('content whose id or name another element has, or had, is planned afresh', () => {
    document.body.innerHTML =
      '<form><div id="party"><label>当事人名称</label><input id="partyName" name="partyName" value="甲"></div>' +
      '<div><label>案件编号</label><input name="caseNo" value="1"></div><div><label>备注</label><input name="caseNo" value="2"></div></form>';
    readForm(document);
    const form = document.querySelector('form')!;
    const twin = document.createElement('div');
    twin.innerHTML = '<label>联系电话</label><input id="partyName" value="3">';
    expect(readAfter(() => form.append(twin))).toEqual({ planned: 1, spliced: 0 });
    const byName = document.createElement('div');
    byName.innerHTML = '<label>联系地址</label><input name="partyName" value="4">';
    expect(readAfter(() => form.append(byName))).toEqual({ planned: 1, spliced: 0 });
    // one of two fields sharing a name taken away: the other keeps a locator that counted it
    expect(readAfter(() => form.lastElementChild!.previousElementSibling!.previousElementSibling!.remove())).toEqual({
      planned: 1,
      spliced: 0,
    });
    const fresh = document.createElement('div');
    fresh.innerHTML = '<label>联系人</label><input id="contact" name="contact" value="5">';
    expect(readAfter(() => form.append(fresh))).toEqual({ planned: 0, spliced: 1 });
  });

  it('a field taken out and put back in another group is read as it is now', () => {
    const group = (name: string, from: number): string =>
      `<div class="${name}">${Array.from({ length: 3 }, (_, i) => formItem(`字段${from + i}`, `值${from + i}`).outerHTML).join('')}</div>`;
    document.body.innerHTML = `<form>${group('g1', 0)}${group('g2', 3)}</form>`;
    readForm(document);
    const moved = document.querySelector('.g1')!.firstElementChild!;
    expect(readAfter(() => moved.remove())).toEqual({ planned: 0, spliced: 1 });
    expect(readAfter(() => document.querySelector('.g2')!.append(moved))).toEqual({ planned: 0, spliced: 1 });
    expect(readForm(document).fields.find((f) => f.value === '值0')?.label).toBe('字段0');
  });

  it('an element that becomes a label and its value when a part is added is read as one', () => {
    document.body.innerHTML =
      '<form><div class="el-form-item"><label>案件编号</label><input value="x"></div></form><div class="card"><span>当事人名称：</span></div>';
    readForm(document);
    const value = document.createElement('span');
    value.textContent = '上海禾味坊食品有限公司';
    const r = readAfter(() => document.querySelector('.card')!.append(value));
    expect(r.planned + r.spliced).toBe(1);
    expect(readForm(document).fields.find((f) => f.label === '当事人名称')?.kind).toBe('cell');
  });

  it('a label taken away frees its value, which reads as a line of its own again', () => {
    document.body.innerHTML =
      '<form><div class="el-form-item"><label>案件编号</label><input value="x"></div></form>' +
      '<div class="card"><div class="info-label">联系电话</div><div class="value">联系地址：上海市</div></div>';
    readForm(document);
    readAfter(() => document.querySelector('.info-label')!.remove());
    expect(readForm(document).fields.find((f) => f.label === '联系地址')?.value).toBe('上海市');
  });

  it('a field taken away that held the label of another is planned afresh where it read', () => {
    document.body.innerHTML =
      '<form><div class="box"><span>当事人名称</span><div class="x"><input value="甲"></div><input value="乙"></div></form>';
    readForm(document);
    const r = readAfter(() => document.querySelector('.x')!.remove());
    expect(r.planned + r.spliced).toBe(1);
  });

  it('a table whose earlier siblings change is weighed again as a list of cases or not', () => {
    // rows of td cells under a table of headers alone, two siblings before it, are a list's records
    document.body.innerHTML =
      '<form><div class="el-form-item"><label>案件编号</label><input value="x"></div>' +
      '<table><tr><th>项目</th><th>内容</th></tr></table><div class="a">说明</div><div class="b">附注</div>' +
      '<table><tr><td>当事人名称</td><td>上海禾味坊食品有限公司</td></tr><tr><td>处罚决定书文号</td><td>沪市监罚〔2024〕1号</td></tr></table></form>';
    const labels = (): string[] => readForm(document).fields.map((f) => f.label);
    expect(labels()).not.toContain('当事人名称');
    const pushed = document.createElement('div');
    pushed.textContent = '其他';
    // three siblings now lie between: the headers are no longer this table's, and its rows are read as pairs
    readAfter(() => document.querySelector('.b')!.after(pushed));
    expect(labels()).toContain('当事人名称');
    readAfter(() => pushed.remove());
    expect(labels()).not.toContain('当事人名称');
  });

  it('a table keeps its rows through a change beside it, and reads them again after a change inside', () => {
    document.body.innerHTML =
      '<form><table><tr><td>当事人名称</td><td><input value="甲"></td></tr><tr><td>案件编号</td><td><input value="乙"></td></tr></table></form>';
    readForm(document);
    const form = document.querySelector('form')!;
    expect(readAfter(() => form.prepend(formItem('联系地址', '上海市')))).toEqual({ planned: 0, spliced: 1 });
    const mark = document.createElement('span');
    mark.textContent = '（全称）';
    readAfter(() => document.querySelector('td')!.append(mark));
    expect(readForm(document).fields.map((f) => f.label)).toContain('当事人名称全称');
  });

  it('a field added beside the one container holding all others makes the form their common container', () => {
    document.body.innerHTML = `<form><div class="wrap">${vueForm(4)}</div></form>`;
    const before = readForm(document).scopes;
    expect(readAfter(() => document.querySelector('form')!.append(formItem('联系地址', '上海市')))).toEqual({ planned: 0, spliced: 1 });
    expect(readForm(document).scopes).not.toEqual(before);
  });
});

// ───────────────────────── every step reads only within its element ─────────────────────────

type Need = 'subtree' | 'siblings';

/** DOM reads that depend on what lies below a node, or on its place among its siblings. */
const READS: Array<[string, Need]> = [
  ['firstChild', 'subtree'],
  ['lastChild', 'subtree'],
  ['firstElementChild', 'subtree'],
  ['lastElementChild', 'subtree'],
  ['childNodes', 'subtree'],
  ['children', 'subtree'],
  ['childElementCount', 'subtree'],
  ['textContent', 'subtree'],
  ['nextSibling', 'siblings'],
  ['previousSibling', 'siblings'],
  ['nextElementSibling', 'siblings'],
  ['previousElementSibling', 'siblings'],
];
const QUERIES = ['querySelector', 'querySelectorAll'];

function ownerOf(proto: object, name: string): { owner: object; desc: PropertyDescriptor } | null {
  for (let p: object | null = proto; p; p = Object.getPrototypeOf(p)) {
    const desc = Object.getOwnPropertyDescriptor(p, name);
    if (desc) return { owner: p, desc };
  }
  return null;
}

/** Runs `fn` with the DOM reads of each planning step recorded: the node each read needs its step to hold. */
function traced(fn: () => void): Map<Step, Array<[Node, Need, string]>> {
  const log = new Map<Step, Array<[Node, Need, string]>>();
  let current: Step | null = null;
  const restore: Array<() => void> = [];
  const patch = (proto: object, name: string, wrap: (desc: PropertyDescriptor) => PropertyDescriptor): void => {
    const found = ownerOf(proto, name);
    if (!found) return;
    Object.defineProperty(found.owner, name, wrap(found.desc));
    restore.push(() => Object.defineProperty(found.owner, name, found.desc));
  };
  const note = (node: Node, need: Need, what: string): void => {
    if (current) log.get(current)!.push([node, need, what]);
  };
  for (const [name, need] of READS) {
    patch(window.Element.prototype, name, (d) => ({
      ...d,
      get(this: Node) {
        note(this, need, name);
        return d.get!.call(this);
      },
    }));
  }
  for (const name of QUERIES) {
    patch(window.Element.prototype, name, (d) => ({
      ...d,
      value(this: Node, ...args: unknown[]) {
        note(this, 'subtree', name);
        return (d.value as (...a: unknown[]) => unknown).apply(this, args);
      },
    }));
  }
  const builder = PlanBuilder.prototype as unknown as { plan(step: Step): void };
  const plan = builder.plan;
  builder.plan = function (this: unknown, step: Step) {
    const outer = current;
    current = step;
    if (!log.has(step)) log.set(step, []);
    try {
      plan.call(this, step);
    } finally {
      current = outer;
    }
  };
  restore.push(() => (builder.plan = plan));
  // locators name places among siblings on purpose: a splice renames them itself (LocatorBuilder.renumber)
  const loc = LocatorBuilder.prototype as unknown as { locator(el: Element): string };
  const locator = loc.locator;
  loc.locator = function (this: unknown, el: Element) {
    const outer = current;
    current = null;
    try {
      return locator.call(this, el);
    } finally {
      current = outer;
    }
  };
  restore.push(() => (loc.locator = locator));
  try {
    fn();
  } finally {
    for (const r of restore.reverse()) r();
  }
  return log;
}

function lowestHolding(a: Element, b: Element): Element | null {
  for (let x: Element | null = a; x; x = x.parentElement) if (x.contains(b)) return x;
  return null;
}

const STATIC_PAGES: Record<string, string> = {
  ...FIXTURE_PAGES,
  'generated table form': generateForm(30, 'table'),
  'generated div form': generateForm(30, 'div'),
  'Vue form without names': vueForm(20),
};

describe('each planning step reads only within the element it is known to depend on', () => {
  for (const [name, html] of Object.entries(STATIC_PAGES)) {
    it(name, () => {
      showPage(html);
      // every step run, those kept and those that read their candidate alone and found nothing
      const log = traced(() => planWith(document));
      expect(log.size).toBeGreaterThan(0);
      const escapes: string[] = [];
      for (const [s, reads] of log) {
        const region = s.outside ? null : lowestHolding(s.loEl, s.hiEl);
        if (!region) continue;
        for (const [node, need, what] of reads) {
          // a place among siblings is known where the parent is held; what lies below, where the node is (the
          // root's own children change only with records no splice weighs)
          const held = need === 'siblings' ? (node.parentElement ?? node) : node;
          if (held && !region.contains(held)) escapes.push(`pass ${s.pass}, ${what} of <${(held as Element).localName}>`);
        }
      }
      expect(escapes).toEqual([]);
    });
  }
});

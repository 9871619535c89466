// Bundled into the pages of incremental.spec.ts: random edits of the kinds form pages make, each followed by a
// read of the reader that kept its plan and a read of a reader that never saw the page (a fresh copy of the
// module, so a fresh plan cache), compared field by field.
import { readForm } from '../../lib/form/read';
import { plansMade } from '../../lib/form/plan-cache';
import { provideSplicer } from '../../lib/form/plan';
import { plansSpliced, splicePlan } from '../../lib/form/splice';

// as in the reader once the page has changed its structure (the splice part loaded)
provideSplicer(splicePlan);
import type { FieldSnapshot } from '../../lib/form/types';
import { seededRandom } from '../seeded';

type Pick = <T>(xs: readonly T[]) => T;
type Edit = (doc: Document, pick: Pick, rnd: () => number) => void;

const TEXTS = ['请输入当事人名称', '此项为必填项', '12:30:45', '联系电话：13800000000', '备注', '', '查询', '*', '加载中……'];

const controlsOf = (doc: Document): Element[] =>
  Array.from(doc.body.querySelectorAll('input, select, textarea, [contenteditable], [role=combobox]'));
const elementsOf = (doc: Document): Element[] =>
  Array.from(doc.body.querySelectorAll('*')).filter((e) => !e.closest('credit-case-assistant, script, style'));

/** The form item a control sits in: its highest ancestor holding no other control (at most five levels up). */
function itemOf(control: Element): Element {
  let item = control;
  for (let a = control.parentElement, i = 0; a && a !== control.ownerDocument.body && i < 5; a = a.parentElement, i++) {
    if (controlsOf(control.ownerDocument).filter((c) => a!.contains(c)).length > 1) break;
    item = a;
  }
  return item;
}

const items = (doc: Document): Element[] => controlsOf(doc).map(itemOf);

/** Dependent fields shown so far: each gets names of its own. */
let shown = 0;

const EDITS: Record<string, Edit> = {
  typing(doc, pick, rnd) {
    const c = controlsOf(doc).filter((e) => e.localName === 'input' || e.localName === 'textarea');
    if (c.length === 0) return;
    const el = pick(c) as HTMLInputElement;
    if (el.type === 'checkbox' || el.type === 'radio') el.checked = !el.checked;
    else el.value = `值${Math.floor(rnd() * 100)}`;
    // the page's own script follows (a textarea's sizing mirror, a bound copy of the value)
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  },
  'a validation message under a field'(doc, pick) {
    const c = controlsOf(doc);
    if (c.length === 0) return;
    const control = pick(c);
    const msg = doc.createElement('div');
    msg.className = pick(['el-form-item__error', 'ant-form-item-explain', 'error-tip']);
    msg.setAttribute('data-edit', 'message');
    msg.textContent = pick(['请输入正确的案件编号', '当事人名称不能为空', '格式不正确']);
    (control.closest('td') ?? control.parentElement!.parentElement ?? control.parentElement!).append(msg);
  },
  'a validation message goes'(doc, pick) {
    const shown = Array.from(doc.querySelectorAll('[data-edit=message]'));
    if (shown.length > 0) pick(shown).remove();
  },
  'a dependent field shown'(doc, pick) {
    const all = items(doc);
    if (all.length === 0) return;
    const item = pick(all);
    const copy = item.cloneNode(true) as Element;
    copy.setAttribute('data-edit', 'field');
    for (const l of Array.from(copy.querySelectorAll('label, [class*="label"]')))
      if (!l.querySelector('*')) l.textContent = pick(['联系地址', '联系人', '备注']);
    // a field of its own: its own name and id
    for (const e of [copy, ...Array.from(copy.querySelectorAll('[name], [id]'))]) {
      for (const attr of ['name', 'id']) if (e.hasAttribute(attr)) e.setAttribute(attr, `${e.getAttribute(attr)}-${++shown}`);
    }
    item.after(copy);
  },
  'a dependent field hidden'(doc, pick) {
    const shown = Array.from(doc.querySelectorAll('[data-edit=field]'));
    const all = shown.length > 0 ? shown : items(doc);
    if (all.length > 1) pick(all).remove();
  },
  'a label text changes'(doc, pick) {
    const labels = Array.from(doc.body.querySelectorAll('label, [class*="label"], th, dt')).filter((l) => !l.querySelector('*'));
    if (labels.length > 0) pick(labels).textContent = pick(['当事人名称', '案件编号', '处罚内容', '联系地址：', '']);
  },
  'a form item re-rendered'(doc, pick) {
    const all = items(doc);
    if (all.length > 0) {
      const item = pick(all);
      item.replaceWith(item.cloneNode(true));
    }
  },
  'a form item moved'(doc, pick) {
    const all = items(doc);
    if (all.length < 2) return;
    const a = pick(all);
    const b = pick(all);
    if (!a.contains(b) && !b.contains(a)) b.before(a);
  },
  'a field moved into a hidden box'(doc, pick) {
    let box = doc.querySelector('[data-edit=hidden-box]') as HTMLElement | null;
    if (!box) {
      // hidden before it is in the page: no style change is seen, only nodes added
      box = doc.createElement('div');
      box.setAttribute('data-edit', 'hidden-box');
      box.style.display = 'none';
      doc.body.append(box);
    }
    const all = items(doc).filter((i) => !i.contains(box) && !box.contains(i));
    if (all.length > 0) box.append(pick(all));
  },
  'a hidden copy of a field added'(doc, pick) {
    const all = items(doc);
    if (all.length === 0) return;
    const wrap = doc.createElement('div');
    wrap.style.display = 'none';
    wrap.setAttribute('data-edit', 'field');
    wrap.append(pick(all).cloneNode(true));
    pick(all).after(wrap);
  },
  'a text node inserted'(doc, pick) {
    const at = pick(elementsOf(doc));
    const t = doc.createTextNode(pick(TEXTS));
    if (at.parentNode && at !== doc.body) pick([() => at.before(t), () => at.append(t), () => at.after(t)])();
  },
  'a part hidden or shown'(doc, pick) {
    const hidden = doc.querySelector('[data-edit-hidden]') as HTMLElement | null;
    if (hidden) {
      hidden.style.display = '';
      hidden.removeAttribute('data-edit-hidden');
      return;
    }
    const all = [...items(doc), ...elementsOf(doc)] as HTMLElement[];
    if (all.length === 0) return;
    const el = pick(all);
    el.style.display = 'none';
    el.setAttribute('data-edit-hidden', '');
  },
  'a clock ticks'(doc, _pick, rnd) {
    let clock = doc.querySelector('[data-edit=clock]');
    if (!clock) {
      clock = doc.createElement('span');
      clock.setAttribute('data-edit', 'clock');
      doc.body.prepend(clock);
    }
    clock.textContent = `2026-12-04 08:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00`;
  },
  'an element added anywhere'(doc, pick) {
    const el = doc.createElement(pick(['div', 'span', 'p', 'em']));
    el.textContent = pick(TEXTS);
    const at = pick(elementsOf(doc));
    if (at === doc.body || !at.parentNode) at.append(el);
    else pick([() => at.append(el), () => at.before(el)])();
  },
  'an element removed'(doc, pick) {
    const els = elementsOf(doc);
    if (els.length > 1) pick(els).remove();
  },
  'added and taken out again'(doc, pick) {
    const el = doc.createElement('span');
    el.textContent = pick(TEXTS);
    pick(elementsOf(doc)).append(el);
    el.remove();
  },
};

/** The edits made on a page, and where a read after them first parted from a fresh reader's. */
export interface EditRun {
  steps: string[];
  /** re-plans after the edits, and how many of them were spliced */
  plans: number;
  spliced: number;
  mismatch?: { incremental: unknown; fresh: unknown };
}

type Reader = typeof readForm;
declare global {
  interface Window {
    __freshSource: string;
    __freshRead?: Reader;
    __incremental: (seed: number, steps: number) => Promise<EditRun>;
    __readBoth: () => { incremental: Comparable; fresh: Comparable; how: 'planned' | 'spliced' | 'kept' };
  }
}

/** A reader that never saw the page: the module evaluated again, with plan caches of its own. */
function freshRead(): FieldSnapshot {
  new Function(window.__freshSource)();
  return window.__freshRead!(document);
}

type Comparable = Omit<FieldSnapshot, 'url'>;

const comparable = ({ url: _url, ...rest }: FieldSnapshot): Comparable => rest;

/** Where two reads part: the first field (or other part) that differs, each side's. */
function difference(a: FieldSnapshot, b: FieldSnapshot): { incremental: unknown; fresh: unknown } | undefined {
  const ca = comparable(a);
  const cb = comparable(b);
  if (JSON.stringify(ca) === JSON.stringify(cb)) return undefined;
  for (let i = 0; i < Math.max(a.fields.length, b.fields.length); i++) {
    const fa = JSON.stringify(a.fields[i]);
    if (fa !== JSON.stringify(b.fields[i]))
      return { incremental: { field: i, of: a.fields.length, ...a.fields[i] }, fresh: { field: i, of: b.fields.length, ...b.fields[i] } };
  }
  const { fields: _a, ...ra } = ca;
  const { fields: _b, ...rb } = cb;
  return { incremental: ra, fresh: rb };
}

window.__incremental = async (seed, steps) => {
  const rnd = seededRandom(seed);
  const pick: Pick = (xs) => xs[Math.floor(rnd() * xs.length)]!;
  const names = Object.keys(EDITS);
  const done: string[] = [];
  readForm(document);
  const made = plansMade.count;
  const spliced = plansSpliced.count;
  const counts = (): { plans: number; spliced: number } => ({ plans: plansMade.count - made, spliced: plansSpliced.count - spliced });
  for (let step = 0; step < steps; step++) {
    const edit = pick(names);
    done.push(edit);
    EDITS[edit]!(document, pick, rnd);
    // the framework renders what the edit set off
    await new Promise((r) => setTimeout(r, 0));
    const incremental = readForm(document);
    const mismatch = difference(incremental, freshRead());
    if (mismatch) return { steps: done, mismatch, ...counts() };
    // nothing changed since: the same again
    const again = difference(readForm(document), incremental);
    if (again) return { steps: [...done, '(read again)'], mismatch: again, ...counts() };
  }
  return { steps: done, ...counts() };
};

/** A read and a fresh reader's of the page as it is, and how the read came by its plan: for cases built by hand. */
window.__readBoth = () => {
  const made = plansMade.count;
  const spliced = plansSpliced.count;
  const incremental = readForm(document);
  const how = plansSpliced.count > spliced ? 'spliced' : plansMade.count > made ? 'planned' : 'kept';
  return { incremental: comparable(incremental), fresh: comparable(freshRead()), how };
};

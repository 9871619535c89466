// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readForm } from '../../../lib/form';
import { provideSplicer } from '../../../lib/form/plan';
import { splicePlan } from '../../../lib/form/splice';
// @ts-expect-error plain ES module without types
import { generateForm } from '../../../scripts/gen-form.mjs';
import { seededRandom } from '../../seeded';
import { FIXTURE_PAGES, comparable, freshRead, showPage } from './helpers';

// Reading keeps its plan of a page across changes that cannot alter it. Whatever it keeps, a read after any
// change must equal a read of the same page by a reader that never saw it before. Random edits of the kinds
// pages make (typing, validation messages, clocks, fields added and removed, re-rendered parts, nodes added
// and taken out again) are applied to fixture forms, and both reads are compared after each.

// as in the reader once a page has changed its structure: plans spliced where they can be
provideSplicer(splicePlan);

const PAGES: Record<string, string> = {
  ...FIXTURE_PAGES,
  'generated table form': generateForm(24, 'table'),
  'generated div form': generateForm(24, 'div'),
  'detail view with a rendered decision': `<!doctype html><html><head><title>案件详情</title></head><body>
    <div class="header"><span class="clock">2024-01-01 08:00:00</span><span>欢迎，张三</span></div>
    <h2>基本信息</h2>
    <dl><dt>当事人</dt><dd>上海某某食品有限公司</dd><dt>案件编号</dt><dd>3101152024000312</dd></dl>
    <div class="info"><div class="info-label">统一社会信用代码</div><div class="info-value">91310115MA125MLR27</div></div>
    <div class="cell"><span>法定代表人</span><span>李四</span></div>
    <div class="cell"><span>联系电话</span><span>13800000000</span></div>
    <div class="doc">
      <p>沪市监处〔2024〕312号</p>
      <p>当事人：上海某某食品有限公司</p>
      <p>经查，当事人于2023年5月至7月间未取得食品生产许可从事食品生产，违法所得人民币12860元。</p>
      <p>依据《中华人民共和国食品安全法》第一百二十二条第一款的规定，本局决定：</p>
      <p>一、没收违法所得人民币12860元；</p>
      <p>二、罚款人民币354000元。</p>
      <p>上海市某某区市场监督管理局</p>
      <p>2024年3月1日</p>
    </div>
    <div class="search"><input placeholder="请输入案件编号"><button>查询</button></div>
  </body></html>`,
};

const TEXTS = [
  '请输入当事人名称',
  '12:30:45',
  '此项为必填项',
  '联系电话：13800000000',
  '备注',
  '负责人：王五　职务：经理',
  '',
  '查询',
  '*',
  '依据《中华人民共和国行政处罚法》第二十八条的规定，决定：罚款人民币5000元。',
  '加载中……',
];

const TAGS = ['div', 'span', 'p', 'em', 'li', 'b'];

type Edit = (doc: Document, pick: <T>(xs: readonly T[]) => T, rnd: () => number) => void;

const elementsOf = (doc: Document): Element[] => Array.from(doc.body.querySelectorAll('*'));
const controlsOf = (doc: Document): Element[] => Array.from(doc.body.querySelectorAll('input, select, textarea'));
const textNodesOf = (doc: Document): Text[] => {
  const out: Text[] = [];
  const walk = doc.createTreeWalker(doc.body, 4);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) out.push(n as Text);
  return out;
};

function newElement(doc: Document, pick: <T>(xs: readonly T[]) => T): Element {
  const el = doc.createElement(pick(TAGS));
  el.textContent = pick(TEXTS);
  return el;
}

const EDITS: Record<string, Edit> = {
  typing(doc, pick, rnd) {
    const c = controlsOf(doc).filter((e) => e.localName !== 'select');
    if (c.length === 0) return;
    const el = pick(c) as HTMLInputElement;
    if (el.type === 'checkbox' || el.type === 'radio') el.checked = !el.checked;
    else el.value = `值${Math.floor(rnd() * 100)}`;
  },
  'a text changes'(doc, pick) {
    const t = textNodesOf(doc).filter((n) => (n.nodeValue ?? '').trim() !== '');
    if (t.length > 0) pick(t).nodeValue = pick(TEXTS);
  },
  'a clock ticks'(doc, _pick, rnd) {
    let clock = doc.querySelector('.clock');
    if (!clock) {
      clock = doc.createElement('span');
      clock.className = 'clock';
      doc.body.prepend(clock);
    }
    clock.textContent = `2024-01-01 08:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00`;
  },
  'a validation message after a field'(doc, pick) {
    const c = controlsOf(doc);
    if (c.length === 0) return;
    const box = pick(c).parentElement!;
    const msg = doc.createElement('div');
    msg.className = 'el-form-item__error';
    msg.textContent = pick(TEXTS);
    box.append(msg);
  },
  'a validation message goes'(doc) {
    doc.querySelector('.el-form-item__error')?.remove();
  },
  'an element added anywhere'(doc, pick, rnd) {
    const at = pick(elementsOf(doc));
    const el = newElement(doc, pick);
    if (rnd() < 0.5) at.append(el);
    else at.before(el);
  },
  'an element removed'(doc, pick) {
    const els = elementsOf(doc);
    if (els.length > 1) pick(els).remove();
  },
  'an element moved'(doc, pick) {
    const els = elementsOf(doc);
    const a = pick(els);
    const b = pick(els);
    if (!a.contains(b)) b.after(a);
  },
  'a field added'(doc, pick) {
    const at = pick(elementsOf(doc));
    const item = doc.createElement('div');
    item.innerHTML = `<label>${pick(['联系人', '地址', '备注'])}</label><input value="${pick(['甲', '乙', ''])}">`;
    at.append(item);
  },
  'added and taken out again'(doc, pick) {
    const el = newElement(doc, pick);
    pick(elementsOf(doc)).append(el);
    el.remove();
  },
  'a label attribute changes'(doc, pick) {
    const c = controlsOf(doc);
    if (c.length > 0) pick(c).setAttribute('placeholder', pick(['请输入地址', '请选择日期']));
  },
  // what is shown is kept while nothing changes: any change of a class, a style or `hidden` must be seen
  'a part hidden or shown'(doc, pick) {
    const els = elementsOf(doc);
    const el = pick(els);
    el.toggleAttribute('hidden');
  },
  'a class changes'(doc, pick) {
    const hidden = doc.querySelector('[hidden]');
    if (hidden) hidden.removeAttribute('hidden');
    else pick(elementsOf(doc)).classList.toggle('is-error');
  },
  'a part re-rendered'(doc, pick) {
    const els = elementsOf(doc).filter((e) => e.children.length > 0 && e.children.length < 6);
    if (els.length === 0) return;
    const el = pick(els);
    // a framework re-rendering a part: the same markup, new nodes
    const markup = el.innerHTML;
    el.innerHTML = markup;
  },
};

describe('reading after changes equals reading afresh', () => {
  for (const [name, html] of Object.entries(PAGES)) {
    for (const seed of [1, 2]) {
      it(`${name}, edit sequence ${seed}`, () => {
        showPage(html);
        const rnd = seededRandom(seed * 7919 + name.length);
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
        readForm(document);
        const names = Object.keys(EDITS);
        const done: string[] = [];
        for (let step = 0; step < 25; step++) {
          const edit = pick(names);
          done.push(edit);
          EDITS[edit]!(document, pick, rnd);
          const read = readForm(document);
          expect(comparable(read), `after ${done.join(' → ')}`).toEqual(comparable(freshRead(document)));
          // nothing changed since: the same again
          expect(readForm(document)).toEqual(read);
        }
        // a long sequence of reads afresh: on a loaded machine it outlasts the default
      }, 60_000);
    }
  }
});

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { type AtomMemo, forgetChanged, textAtoms } from '../../../lib/form/geometry';
import { textOf } from '../../../lib/form/dom';
import type { Probe } from '../../../lib/form/label';
import { seededRandom } from '../../seeded';

// The layout check after a change reuses the text atoms found under every element nothing changed under. Whatever
// the changes, a walk that reuses them must find exactly what a walk afresh finds.

const probe: Probe = {
  controls: (el) => el.querySelectorAll('input').length + (el.localName === 'input' ? 1 : 0),
  text: textOf,
  labelsFor: () => [],
};
const claimed = new Set<Element>();
const skip = (el: Element): boolean => claimed.has(el);
const holdsRead = (el: Element): boolean => Array.from(claimed).some((c) => el !== c && el.contains(c));

const PAGE = `<div class="clock">08:00:00</div>
  <form>
    <div class="item"><label>当事人名称</label><div class="content"><input value="甲"></div></div>
    <div class="item"><label>案件编号</label><div class="content"><span>3101152024</span></div></div>
    <div class="row"><span>联系电话</span><span>13800000000</span></div>
    <p>备注 <b>无</b></p>
    <div class="help"><em>此项为必填项</em></div>
  </form>
  <ul><li>第一项</li><li>第二项 <i>说明</i></li></ul>`;

const TEXTS = ['请输入正确的案件编号', '12:30:45', '备注', '', '*', '地址：上海市'];
const TAGS = ['div', 'span', 'p', 'b', 'em', 'li'];

type Edit = (pick: <T>(xs: readonly T[]) => T) => void;
const elements = (): Element[] => Array.from(document.body.querySelectorAll('*'));

const EDITS: Edit[] = [
  (pick) => {
    const el = document.createElement(pick(TAGS));
    el.textContent = pick(TEXTS);
    pick([(at: Element) => at.append(el), (at: Element) => at.before(el)])(pick(elements()));
  },
  (pick) => pick(elements()).remove(),
  (pick) => {
    const texts = elements().flatMap((e) => Array.from(e.childNodes).filter((n) => n.nodeType === 3));
    if (texts.length > 0) pick(texts).nodeValue = pick(TEXTS);
  },
  (pick) => {
    const [a, b] = [pick(elements()), pick(elements())];
    if (!a.contains(b)) b.after(a);
  },
  (pick) => pick(elements()).append(document.createTextNode(pick(TEXTS))),
  (pick) => {
    const el = pick(elements());
    el.replaceWith(el.cloneNode(true));
  },
];

const summary = (root: ParentNode, memo?: AtomMemo): Array<[string, string]> =>
  textAtoms(root, probe, skip, holdsRead, memo).map((a) => [a.el.outerHTML, a.text]);

describe('text atoms kept per element', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`equal a walk afresh after every change, edit sequence ${seed}`, () => {
      document.body.innerHTML = PAGE;
      claimed.clear();
      for (const e of document.querySelectorAll('label, input')) claimed.add(e);
      const rnd = seededRandom(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const memo: AtomMemo = new WeakMap();
      const observer = new MutationObserver(() => {});
      observer.observe(document, { subtree: true, childList: true, characterData: true });
      expect(summary(document, memo)).toEqual(summary(document));
      for (let step = 0; step < 40; step++) {
        if (elements().length < 3) document.body.insertAdjacentHTML('beforeend', PAGE);
        pick(EDITS)(pick);
        forgetChanged(memo, observer.takeRecords());
        expect(summary(document, memo), `step ${step}`).toEqual(summary(document));
      }
      observer.disconnect();
    });
  }

  it('must be told of changes: a memo not told keeps what it found', () => {
    document.body.innerHTML = PAGE;
    const memo: AtomMemo = new WeakMap();
    summary(document, memo);
    document.querySelector('.help em')!.textContent = '格式不正确';
    expect(summary(document, memo)).not.toEqual(summary(document));
  });
});

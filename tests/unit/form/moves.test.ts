// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { listenForMoves } from '../../../lib/form/moves';

// What tells the plan cache and the watcher that positions may have moved with no mutation. The reading that
// follows is tested in real Chromium (tests/e2e/layout-moves.spec.ts).

const loaded = (el: Element): void => {
  el.dispatchEvent(new Event('load'));
};

/** A transition of `property` ends on `el` (bubbling, as in a browser). */
const transitioned = (el: Element, property: string): void => {
  const e = new Event('transitionend', { bubbles: true });
  Object.defineProperty(e, 'propertyName', { value: property });
  el.dispatchEvent(e);
};

/** A font set of the document's own: happy-dom has none. */
function fontSet(): EventTarget {
  const fonts = new EventTarget();
  Object.defineProperty(document, 'fonts', { value: fonts, configurable: true });
  return fonts;
}

afterEach(() => {
  delete (document as unknown as Record<string, unknown>).fonts;
  document.body.innerHTML = '';
});

describe('layout moves that come without a DOM change', () => {
  it('an image, a style sheet or an object finishing loading anywhere under the roots read moves, even in a shadow root', () => {
    document.body.innerHTML = `<div><img><link rel="stylesheet"><object></object></div><span class="host"></span>`;
    const shadow = document.querySelector('.host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<p><img></p>`;
    let moves = 0;
    listenForMoves(document, [document, shadow], () => moves++);
    for (const el of document.querySelectorAll('img, link, object')) loaded(el);
    loaded(shadow.querySelector('img')!);
    expect(moves).toBe(4);
  });

  it('a script or an image given both sizes moves nothing', () => {
    document.body.innerHTML = `<script></script><img width="40" height="20"><img width="40">`;
    let moves = 0;
    listenForMoves(document, [document], () => moves++);
    for (const el of document.querySelectorAll('script, img')) loaded(el);
    expect(moves).toBe(1);
  });

  it('a web font of the document finishing loading moves; a failed one leaves what was laid out', () => {
    const fonts = fontSet();
    let moves = 0;
    listenForMoves(document, [document], () => moves++);
    fonts.dispatchEvent(new Event('loadingerror'));
    expect(moves).toBe(0);
    fonts.dispatchEvent(new Event('loadingdone'));
    expect(moves).toBe(1);
  });

  it('a transition of where or how big a box is, or an animation, ending moves; a colour or an opacity fading does not', () => {
    document.body.innerHTML = `<div class="panel"><p>当事人名称</p></div><span class="host"></span>`;
    const shadow = document.querySelector('.host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<div class="drawer"></div>`;
    let moves = 0;
    listenForMoves(document, [document, shadow], () => moves++);
    const panel = document.querySelector('.panel')!;
    for (const property of ['color', 'opacity', 'background-color', 'box-shadow', 'visibility']) transitioned(panel, property);
    expect(moves).toBe(0);
    for (const property of ['height', 'max-height', 'margin-top', 'padding-left', 'transform', 'font-size', 'border-top-width']) {
      transitioned(panel, property);
    }
    expect(moves).toBe(7);
    transitioned(shadow.querySelector('.drawer')!, 'width');
    shadow.querySelector('.drawer')!.dispatchEvent(new Event('animationend', { bubbles: true }));
    expect(moves).toBe(9);
  });

  it("the overlay's own transitions and content move nothing of the page", () => {
    document.body.innerHTML = `<credit-case-assistant></credit-case-assistant>`;
    let moves = 0;
    listenForMoves(document, [document], () => moves++);
    const host = document.querySelector('credit-case-assistant')!;
    transitioned(host, 'transform');
    loaded(host);
    expect(moves).toBe(0);
  });

  it('once stopped, nothing arriving is heard, and the page sees no listener of ours stop its events', () => {
    const fonts = fontSet();
    document.body.innerHTML = `<img>`;
    const img = document.querySelector('img')!;
    let moves = 0;
    let pageHeard = 0;
    img.addEventListener('load', () => pageHeard++);
    const stop = listenForMoves(document, [document], () => moves++);
    loaded(img);
    stop();
    loaded(img);
    fonts.dispatchEvent(new Event('loadingdone'));
    expect(moves).toBe(1);
    expect(pageHeard).toBe(2);
  });

  it('a document without a font set (no layout engine) is listened to for what loads only', () => {
    document.body.innerHTML = `<img>`;
    let moves = 0;
    const stop = listenForMoves(document, [document], () => moves++);
    loaded(document.querySelector('img')!);
    stop();
    expect(moves).toBe(1);
  });
});

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readForm, watchForm, type FieldSnapshot } from '../../../lib/form';
import { field } from './helpers';

/** A table form whose 违法事实 cell holds a frame showing `frame` (happy-dom loads no frame: given as a same-origin page's). */
function pageWithFrame(frame: Document): void {
  document.body.innerHTML = `<table><tr><th>违法事实</th><td><iframe></iframe></td></tr><tr><th>处罚依据</th><td><input value="《产品质量法》第五十四条"></td></tr></table>`;
  Object.defineProperty(document.querySelector('iframe')!, 'contentDocument', { value: frame });
}

describe('frames', () => {
  it('a rich-text editor in a frame (iframe mode) is a field of the page around it, labelled there', () => {
    const frame = document.implementation.createHTMLDocument('');
    frame.body.setAttribute('contenteditable', 'true');
    frame.body.innerHTML = '<p>销售未加贴中文标签的进口洗发水</p><p>货值金额480元。</p>';
    pageWithFrame(frame);
    expect(field(readForm(document), '违法事实')).toMatchObject({
      kind: 'contenteditable',
      value: '销售未加贴中文标签的进口洗发水 货值金额480元。',
    });
  });

  it('a frame not being edited (a preview, an embedded page) is no text field', () => {
    const frame = document.implementation.createHTMLDocument('');
    frame.body.innerHTML = '<p>预览</p>';
    pageWithFrame(frame);
    expect(readForm(document).fields.some((f) => f.kind === 'contenteditable')).toBe(false);
  });

  it('typing in the frame is seen: the page re-reads when the frame body changes', async () => {
    const frame = document.implementation.createHTMLDocument('');
    frame.body.setAttribute('contenteditable', 'true');
    frame.body.innerHTML = '<p>销售未加贴中文标签的进口洗发水</p>';
    pageWithFrame(frame);
    const seen: FieldSnapshot[] = [];
    const w = watchForm(document, (s) => seen.push(s), { debounceMs: 0 });
    frame.body.querySelector('p')!.append('6瓶');
    await new Promise((r) => setTimeout(r, 50));
    w.stop();
    expect(seen.at(-1)?.fields.find((f) => f.label === '违法事实')?.value).toBe('销售未加贴中文标签的进口洗发水6瓶');
  });
});

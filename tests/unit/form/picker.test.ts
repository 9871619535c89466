// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fieldAtPoint, resolveLocator } from '../../../lib/form';

// happy-dom has no elementsFromPoint: each test says what lies under the point, topmost first.
function under(...stack: Element[]): void {
  (document as unknown as { elementsFromPoint: () => Element[] }).elementsFromPoint = () => [
    ...stack,
    document.body,
    document.documentElement,
  ];
}

afterEach(() => {
  delete (document as unknown as { elementsFromPoint?: unknown }).elementsFromPoint;
});

describe('fieldAtPoint', () => {
  it('climbs from the element hit to its field and skips the overlay host', () => {
    document.body.innerHTML = `
      <table><tr><th>当事人</th><td><span id="s">某某公司</span></td></tr></table>
      <div class="el-form-item"><label class="el-form-item__label">案由</label><div class="el-form-item__content"><div class="el-input"><input id="i" value="无照经营"><span class="el-input__suffix"><i id="icon" class="el-icon-circle-close"></i></span></div></div></div>
      <credit-case-assistant id="host"></credit-case-assistant>`;
    const host = document.getElementById('host')!;
    under(host, document.getElementById('s')!);
    const cell = fieldAtPoint(document, 10, 10, host);
    expect(cell).toMatchObject({ label: '当事人', value: '某某公司' });
    expect(resolveLocator(document, cell!.locator)).toBe(document.querySelector('td'));
    under(document.getElementById('i')!, document.getElementById('i')!.parentElement!);
    expect(fieldAtPoint(document, 10, 10, host)).toMatchObject({ label: '案由', value: '无照经营', selector: '#i' });
    // the clear icon inside the input box stands for the input
    under(document.getElementById('icon')!);
    expect(fieldAtPoint(document, 10, 10, host)?.element).toBe(document.getElementById('i'));
  });

  it('picks a whole radio group from one of its labels and proposes its name as the pin', () => {
    document.body.innerHTML = `<table><tr><td>是否列严</td><td id="g">
      <label><input type="radio" name="sflr" value="1">是</label><label><input type="radio" name="sflr" value="0" checked>否</label></td></tr></table>`;
    under(document.querySelector('label')!);
    expect(fieldAtPoint(document, 1, 1, null)).toMatchObject({
      element: document.getElementById('g'),
      label: '是否列严',
      value: '否',
      selector: 'input[name="sflr"]',
    });
  });

  it('returns null where there is no field', () => {
    document.body.innerHTML = `<div><span>页脚</span></div>`;
    under(document.querySelector('span')!);
    expect(fieldAtPoint(document, 1, 1, null)).toBeNull();
  });
});

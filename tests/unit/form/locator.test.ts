// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { locatorOf, readField, readForm, resolveLocator, selectorFor } from '../../../lib/form';

describe('locators', () => {
  it('are unique, resolve back to their field, and prefer stable ids and unique names', () => {
    document.body.innerHTML = `
      <form id="caseForm">
        <table><tr><td>当事人</td><td><input id="dsrmc" value="甲"></td><td>文号</td><td><input name="wh" value="乙"></td></tr>
        <tr><td>案由</td><td><input id="el-id-1024-3" value="丙"></td><td>备注</td><td><input id=":r1:" value="丁"></td></tr>
        <tr><td>罚款</td><td><input id="dup" value="戊"></td><td>没收</td><td><input id="dup" value="己"></td></tr>
        <tr><td>是否列严</td><td><input type="radio" name="lr" checked>是<input type="radio" name="lr">否</td></tr></table>
      </form>
      <div class="view"><p>住所：某地</p><p>经营场所：某处</p></div>
      <div id="wrap"><x-field></x-field></div>`;
    document.querySelector('x-field')!.attachShadow({ mode: 'open' }).innerHTML =
      '<div><span>法定代表人</span><input value="庚"></div><div><span>联系人</span><input value="辛"></div>';
    const s = readForm(document);
    const locators = s.fields.map((f) => f.locator);
    expect(new Set(locators).size).toBe(locators.length);
    for (const f of s.fields) {
      const el = resolveLocator(document, f.locator);
      expect(el, f.locator).not.toBeNull();
      expect(readField(el!)?.value).toBe(f.value);
    }
    expect(locators).toContain('#dsrmc');
    expect(locators).toContain('input[name="wh"]');
    expect(locators.some((l) => l.includes('el-id-1024-3') || l.includes(':r1:') || l.includes('#dup'))).toBe(false);
    expect(s.fields.find((f) => f.value === '庚')!.locator).toBe('#wrap > x-field >>> div:nth-of-type(1) > input');
  });

  it('resolves profile selectors written by hand, and gives null for missing or invalid ones', () => {
    document.body.innerHTML = `<div class="a"><input class="b" value="1"></div><x-h id="h"></x-h>`;
    document.getElementById('h')!.attachShadow({ mode: 'open' }).innerHTML = '<p><input class="c" value="2"></p>';
    expect((resolveLocator(document, 'div.a input.b') as HTMLInputElement).value).toBe('1');
    expect((resolveLocator(document, '#h >>> input.c') as HTMLInputElement).value).toBe('2');
    expect((resolveLocator(document, '#h >>> input') as HTMLInputElement).value).toBe('2');
    expect(resolveLocator(document, '#nothing')).toBeNull();
    expect(resolveLocator(document, 'div[[')).toBeNull();
    expect(resolveLocator(document, '.a >>> input')).toBeNull();
  });

  it('selectorFor pins a radio group by its name and anything else by its locator', () => {
    document.body.innerHTML = `<input type="radio" name="sfys" value="1"><input type="radio" name="sfys" value="0"><section><input value="x"></section>`;
    expect(selectorFor(document.querySelectorAll('input')[1]!)).toBe('input[name="sfys"]');
    const plain = document.querySelector('section input')!;
    expect(selectorFor(plain)).toBe(locatorOf(plain));
    expect(resolveLocator(document, selectorFor(plain))).toBe(plain);
  });
});

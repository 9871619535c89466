// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchForm, type FieldSnapshot, type FormWatch } from '../../../lib/form';

let watch: FormWatch | undefined;
let seen: FieldSnapshot[];

function start(html: string): FormWatch {
  document.body.innerHTML = html;
  seen = [];
  watch = watchForm(document, (s) => seen.push(s));
  return watch;
}

const valueOf = (s: FieldSnapshot, label: string): string | undefined => s.fields.find((f) => f.label === label)?.value;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  watch?.stop();
  watch = undefined;
  vi.useRealTimers();
});

describe('watchForm', () => {
  it('sees a typed value synchronously after the input event', () => {
    const w = start(`<label>当事人<input id="p" value=""></label><label>案由<input value="x"></label>`);
    const input = document.getElementById('p') as HTMLInputElement;
    input.value = '某某公司';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(seen).toHaveLength(1);
    expect(valueOf(seen[0]!, '当事人')).toBe('某某公司');
    expect(w.snapshot()).toBe(seen[0]);
  });

  it('sees a radio change and typing inside an open shadow root', () => {
    start(
      `<table><tr><td>是否列严</td><td><input type="radio" name="r" id="y"><label for="y">是</label><input type="radio" name="r" id="n" checked><label for="n">否</label></td></tr></table><x-h id="h"></x-h>`,
    );
    const sr = document.getElementById('h')!.attachShadow({ mode: 'open' });
    sr.innerHTML = '<label for="f">罚款金额</label><input id="f" value="1">';
    watch!.stop();
    seen = [];
    watch = watchForm(document, (s) => seen.push(s));
    const yes = document.getElementById('y') as HTMLInputElement;
    yes.checked = true;
    yes.dispatchEvent(new Event('change', { bubbles: true }));
    expect(valueOf(seen.at(-1)!, '是否列严')).toBe('是');
    const fine = sr.getElementById('f') as HTMLInputElement;
    fine.value = '5000';
    fine.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    expect(valueOf(seen.at(-1)!, '罚款金额')).toBe('5000');
    expect(seen).toHaveLength(2);
  });

  it('sees a re-render after the debounce, once', async () => {
    start(`<div id="app"><label>案由<input value="x"></label></div>`);
    document.getElementById('app')!.innerHTML = '<label>案由<input value="x"></label><p>当事人：某公司</p>';
    document.getElementById('app')!.insertAdjacentHTML('beforeend', '<p>住所：某地</p>');
    await vi.advanceTimersByTimeAsync(50);
    expect(seen).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.fields.map((f) => f.label)).toEqual(['案由', '当事人', '住所']);
  });

  it('calls nothing when a mutation changes nothing that is read', async () => {
    start(`<label>案由<input value="x"></label><div id="deco"></div>`);
    document.getElementById('deco')!.className = 'highlight';
    document.getElementById('deco')!.appendChild(document.createElement('span'));
    await vi.advanceTimersByTimeAsync(500);
    expect(seen).toHaveLength(0);
    const input = document.querySelector('input')!;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(seen).toHaveLength(0);
  });

  it('ignores the overlay host and events from inside it', async () => {
    start(`<label>案由<input value="x"></label>`);
    const host = document.createElement('credit-case-assistant');
    document.body.appendChild(host);
    const sr = host.attachShadow({ mode: 'open' });
    sr.innerHTML = '<label>当事人<input id="o" value="overlay"></label>';
    host.setAttribute('style', 'position:fixed;top:0');
    await vi.advanceTimersByTimeAsync(500);
    sr.getElementById('o')!.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await vi.advanceTimersByTimeAsync(500);
    expect(seen).toHaveLength(0);
    expect(watch!.snapshot().fields.map((f) => f.label)).toEqual(['案由']);
  });

  it('stops listening after stop()', async () => {
    const w = start(`<label>案由<input id="c" value="x"></label>`);
    w.stop();
    const input = document.getElementById('c') as HTMLInputElement;
    input.value = 'y';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    document.body.insertAdjacentHTML('beforeend', '<p>当事人：某公司</p>');
    await vi.advanceTimersByTimeAsync(500);
    expect(seen).toHaveLength(0);
  });

  it('reads again after an image arrives, which moves the page with no mutation; not once stopped', async () => {
    const w = start(`<label>案由<input id="c" value="x"></label><img>`);
    const input = document.getElementById('c') as HTMLInputElement;
    const img = document.querySelector('img')!;
    // set by the page's script: no event, no mutation; the read after the image arrives sees it
    input.value = 'y';
    img.dispatchEvent(new Event('load'));
    await vi.advanceTimersByTimeAsync(500);
    expect(seen.map((s) => valueOf(s, '案由'))).toEqual(['y']);
    w.stop();
    input.value = 'z';
    img.dispatchEvent(new Event('load'));
    await vi.advanceTimersByTimeAsync(500);
    expect(seen).toHaveLength(1);
  });

  it('keeps re-reading a page that never stops mutating, at most every maxWait', async () => {
    start(`<p id="clock">时间：0</p>`);
    for (let i = 1; i <= 12; i++) {
      document.getElementById('clock')!.textContent = `时间：${i}`;
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.length).toBeLessThanOrEqual(2);
  });
});

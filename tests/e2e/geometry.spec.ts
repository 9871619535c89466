// The layout fallback of the reader (issue 13, item 2) needs real layout: these pages are laid out by Chromium and
// read by a bundle of lib/form, without the extension. Each page has a layout no DOM step can pair.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { launchBare, pageBundle } from './bare';

let browser: Browser;
let bundle: string;

test.beforeAll(async () => {
  bundle = await pageBundle(`import { readForm } from './lib/form';
    window.__read = () => readForm(document).fields.map((f) => ({ label: f.label, value: f.value, source: f.labelSource }));`);
  browser = await launchBare();
});

test.afterAll(async () => {
  await browser.close();
});

interface Read {
  label: string;
  value: string;
  source: string;
}

async function readPage(html: string, before?: (page: Page) => Promise<void>): Promise<{ page: Page; read: () => Promise<Read[]> }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.setContent(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>${html}</body></html>`);
  await before?.(page);
  await page.addScriptTag({ content: bundle });
  return { page, read: () => page.evaluate(() => (window as unknown as { __read: () => Read[] }).__read()) };
}

const pairs = (fields: Read[]): Record<string, string> => Object.fromEntries(fields.map((f) => [f.label, f.value]));

test.describe('pairing by layout, after every DOM heuristic', () => {
  test('a row of labels above a row of inputs, drawn with divs (OA workflow)', async () => {
    const { page, read } = await readPage(`
      <style>.row { display: flex } .row > div { width: 240px; padding: 4px }</style>
      <div class="grid">
        <div class="row"><div>决定书文号</div><div>当事人名称</div><div>决定日期</div></div>
        <div class="row"><div><input value="闽某市监处罚〔2025〕3号"></div><div><input value="福州某某有限公司"></div><div><input value="2025-04-28"></div></div>
      </div>`);
    const fields = await read();
    expect(pairs(fields)).toEqual({ 决定书文号: '闽某市监处罚〔2025〕3号', 当事人名称: '福州某某有限公司', 决定日期: '2025-04-28' });
    expect(fields.every((f) => f.source === 'geometry')).toBe(true);
    await page.close();
  });

  test('a column of labels beside a column of values, each in its own container', async () => {
    const { page, read } = await readPage(`
      <style>.sheet { display: flex; gap: 12px } .sheet > div > div { height: 28px; line-height: 28px }</style>
      <div class="sheet">
        <div class="names"><div>当事人</div><div>统一社会信用代码</div><div>裁量阶次</div></div>
        <div class="texts"><div>福州某某有限公司</div><div>91350102MA8C1L5R89</div><div>从重</div></div>
      </div>`);
    expect(pairs(await read())).toEqual({ 当事人: '福州某某有限公司', 统一社会信用代码: '91350102MA8C1L5R89', 裁量阶次: '从重' });
    await page.close();
  });

  test('a printed form with its labels and boxes placed by coordinates', async () => {
    const { page, read } = await readPage(`
      <style>.p { position: absolute }</style>
      <span class="p" style="left: 40px; top: 60px">当事人</span>
      <span class="p" style="left: 40px; top: 100px">处罚依据</span>
      <input class="p" style="left: 160px; top: 96px" value="《中华人民共和国广告法》第五十五条">
      <input class="p" style="left: 160px; top: 56px" value="某某广告有限公司">`);
    expect(pairs(await read())).toEqual({ 当事人: '某某广告有限公司', 处罚依据: '《中华人民共和国广告法》第五十五条' });
    await page.close();
  });

  test('text too far away is no label', async () => {
    const { page, read } = await readPage(`
      <style>.p { position: absolute; top: 40px }</style>
      <div class="p" style="left: 900px"><input value="无"></div>
      <div class="p" style="left: 20px">备注</div>`);
    const fields = await read();
    expect(fields).toHaveLength(1);
    expect(fields[0]).toMatchObject({ label: '', value: '无' });
    await page.close();
  });

  test('a field in a tab hidden when planned is labelled once the tab is shown', async () => {
    const { page, read } = await readPage(`
      <style>.row { display: flex } .row > div { width: 200px } .tab { display: none } .tab.on { display: block }</style>
      <div class="tab" id="t"><div class="row"><div>罚款金额</div></div><div class="row"><div><input value="50000"></div></div></div>`);
    expect(await read()).toEqual([]);
    await page.evaluate(() => document.getElementById('t')!.classList.add('on'));
    expect(pairs(await read())).toEqual({ 罚款金额: '50000' });
    await page.close();
  });
});

// A <form> answers every property read with its named controls first: `<input name="parentElement">` makes
// `form.parentElement` that input, and after any change inside the form Chromium rebuilds its map of controls on the
// next such read. The reader reads the page's elements through the DOM's prototypes (lib/form/native.ts); these pages
// check both sides of it in Chromium: a form with a control named after every property reads as any other, and a read
// touches no property of the form element itself.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { launchBare, pageBundle } from './bare';

let browser: Browser;
let harness: string;
let fresh: string;

test.beforeAll(async () => {
  harness = await pageBundle(`import './tests/e2e/incremental-page';`);
  fresh = await pageBundle(`import { readForm } from './lib/form/read'; window.__freshRead = readForm;`);
  browser = await launchBare();
});

test.afterAll(async () => {
  await browser?.close();
});

const ITEMS: [string, string][] = [
  ['当事人名称', '上海某某餐饮管理有限公司'],
  ['统一社会信用代码', '91310000MA1FL5LL8E'],
  ['处罚决定书文号', '沪市监处〔2024〕12号'],
  ['处罚种类', '吊销营业执照'],
  ['罚款金额', '50000'],
];
const item = ([label, value]: [string, string]) =>
  `<div class="el-form-item"><label class="el-form-item__label">${label}</label><div class="el-form-item__content"><input class="el-input__inner" value="${value}"></div></div>`;

async function formPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.setContent(
    `<!doctype html><html lang="zh-CN"><body><h1>行政处罚决定书</h1><form class="el-form">${ITEMS.map(item).join('')}</form></body></html>`,
  );
  await page.addScriptTag({ content: harness });
  await page.evaluate((src) => (window.__freshSource = src), fresh);
  return page;
}

const labelsAndValues = (page: Page) =>
  page.evaluate(() => {
    const { incremental, fresh, how } = window.__readBoth();
    return {
      read: incremental.fields.map((f) => `${f.label}=${f.value}`),
      same: JSON.stringify(incremental) === JSON.stringify(fresh),
      how,
    };
  });

// edits made through the prototypes, so that the page's own steps never meet the controls they name
const edit = (page: Page, what: 'add a field' | 'take it away' | 'show a message' | 'hide it' | 'type') =>
  page.evaluate(
    ({ what, html }) => {
      const form = document.querySelector('form')!;
      const insert = Element.prototype.insertAdjacentHTML;
      const items = document.querySelectorAll('.el-form-item');
      if (what === 'add a field') insert.call(items[2]!, 'afterend', html);
      if (what === 'take it away') document.querySelector('.added')!.remove();
      if (what === 'show a message') insert.call(items[1]!.lastElementChild!, 'beforeend', '<div class="el-form-item__error">请输入</div>');
      if (what === 'hide it') document.querySelector('.el-form-item__error')!.remove();
      if (what === 'type') {
        const input = items[0]!.querySelector('input')!;
        input.value = '上海另一家餐饮有限公司';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      return form !== null;
    },
    { what, html: item(['联系地址', '上海市黄浦区']).replace('el-form-item"', 'el-form-item added"') },
  );

test('a form with a control named after every property of the DOM reads as any other, before and after changes', async () => {
  const page = await formPage();
  const plain = await labelsAndValues(page);
  expect(plain.read).toHaveLength(ITEMS.length);
  const named = await page.evaluate(() => {
    const form = document.querySelector('form')!;
    const names = new Set<string>();
    for (let p = Object.getPrototypeOf(form) as object | null; p; p = Object.getPrototypeOf(p) as object | null)
      for (const n of Object.getOwnPropertyNames(p)) names.add(n);
    const hidden = [...names].map((n) => `<input type="hidden" name="${n}" value="x">`).join('');
    Element.prototype.insertAdjacentHTML.call(form, 'beforeend', hidden);
    return names.size;
  });
  expect(named).toBeGreaterThan(200);
  // the hidden controls are not fields: the read is the plain form's
  expect(await labelsAndValues(page)).toMatchObject({ read: plain.read, same: true });
  await edit(page, 'add a field');
  const added = await labelsAndValues(page);
  expect(added.same).toBe(true);
  expect(added.read).toEqual([...plain.read.slice(0, 3), '联系地址=上海市黄浦区', ...plain.read.slice(3)]);
  await edit(page, 'take it away');
  expect((await labelsAndValues(page)).read).toEqual(plain.read);
  await edit(page, 'show a message');
  expect(await labelsAndValues(page)).toMatchObject({ read: plain.read, same: true });
  await edit(page, 'type');
  expect((await labelsAndValues(page)).read[0]).toBe(`${ITEMS[0]![0]}=上海另一家餐饮有限公司`);
  await page.close();
});

test('reading, after any change inside a form, reads no property of the form element itself', async () => {
  const page = await formPage();
  // every getter and method of the form, shadowed on the element itself by one that notes the read
  await page.evaluate(() => {
    const form = document.querySelector('form')!;
    const w = window as unknown as { __formReads: string[]; __noting: boolean };
    w.__formReads = [];
    w.__noting = false;
    const note = (name: string) => {
      if (w.__noting) w.__formReads.push(`${name}: ${new Error().stack?.split('\n')[3]?.trim() ?? ''}`);
    };
    const seen = new Set<string>();
    for (let p = Object.getPrototypeOf(form) as object | null; p; p = Object.getPrototypeOf(p) as object | null) {
      for (const name of Object.getOwnPropertyNames(p)) {
        const d = Object.getOwnPropertyDescriptor(p, name)!;
        if (seen.has(name) || name === 'constructor') continue;
        seen.add(name);
        if (d.get) Object.defineProperty(form, name, { configurable: true, get: () => (note(name), d.get!.call(form)) });
        else if (typeof d.value === 'function')
          Object.defineProperty(form, name, { configurable: true, value: (...a: unknown[]) => (note(name), d.value.apply(form, a)) });
      }
    }
  });
  const readNoting = () =>
    page.evaluate(() => {
      const w = window as unknown as { __formReads: string[]; __noting: boolean };
      w.__noting = true;
      const { how } = window.__readBoth();
      w.__noting = false;
      return { how, reads: w.__formReads.splice(0) };
    });
  const first = await readNoting();
  expect(first.reads, 'the first read').toEqual([]);
  const hows = [first.how];
  for (const what of ['add a field', 'take it away', 'show a message', 'hide it', 'type'] as const) {
    await edit(page, what);
    const { how, reads } = await readNoting();
    expect(reads, `after "${what}"`).toEqual([]);
    hows.push(how);
  }
  // the full plan, a spliced one and a kept one were all among them
  expect(new Set(hows)).toEqual(new Set(['planned', 'spliced', 'kept']));
  await page.close();
});

// Reading keeps its plan of a page across changes that cannot alter it, and re-plans only part of it where it
// can (issue 9, lib/form/splice.ts). Whatever it keeps, a read after any change must equal a read by a reader that never saw the
// page. Real layout matters (the layout pass pairs by position), so this runs in Chromium, on the framework
// fixture pages built from the real packages and on generated forms, with random edits of the kinds such forms
// make: validation messages, dependent fields shown and hidden, labels changed, items re-rendered and moved,
// text inserted, parts hidden, clocks ticking, typing.
import { expect, test, type Browser, type Page } from '@playwright/test';
// @ts-expect-error plain ES module without types
import { generateForm } from '../../scripts/gen-form.mjs';
import { matrixPages } from '../fixtures/frameworks/matrix.mjs';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.mjs';
import { launchBare, pageBundle } from './bare';
import type { EditRun } from './incremental-page';

let browser: Browser;
let harness: string;
let fresh: string;
let server: FixtureServer;

test.beforeAll(async () => {
  harness = await pageBundle(`import './tests/e2e/incremental-page';`);
  fresh = await pageBundle(`import { readForm } from './lib/form/read'; window.__freshRead = readForm;`);
  server = await startFixtureServer({ port: 0 });
  browser = await launchBare();
});

test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const SEEDS = [1, 2, 3, 4, 5];
const STEPS = 30;

/** Runs the edits of every seed; gives how many re-plans were spliced. */
async function check(page: Page, name: string): Promise<number> {
  await page.addScriptTag({ content: harness });
  await page.evaluate((src) => (window.__freshSource = src), fresh);
  let spliced = 0;
  for (const seed of SEEDS) {
    const r: EditRun = await page.evaluate(({ seed, steps }) => window.__incremental(seed, steps), {
      seed: seed * 7919 + name.length,
      steps: STEPS,
    });
    expect(r.mismatch, `${name}, seed ${seed}: after ${r.steps.join(' → ')}`).toBeUndefined();
    spliced += r.spliced;
  }
  return spliced;
}

test('a field taken away frees the text it read elsewhere, which the layout pass reads again', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // the field's label lies in another box than the field: taking the field away changes only the field's box
  await page.setContent(
    '<!doctype html><html lang="zh-CN"><body><form>' +
      '<div class="el-form-item"><label>案件编号</label><input value="2024-001"></div>' +
      '<div class="row" style="display:flex;gap:12px"><div class="head"><span>联系电话</span></div>' +
      '<div class="box"><input value="13800000000"><span>暂无</span></div></div></form></body></html>',
  );
  await page.addScriptTag({ content: harness });
  await page.evaluate((src) => (window.__freshSource = src), fresh);
  const first = await page.evaluate(() => window.__readBoth());
  expect(first.incremental).toEqual(first.fresh);
  const after = await page.evaluate(() => {
    document.querySelector('.box input')!.remove();
    return window.__readBoth();
  });
  expect(after.how).toBe('spliced');
  // its label, read by nothing now, pairs by layout with the text beside it, as a fresh reader finds
  expect(after.incremental).toEqual(after.fresh);
  await page.close();
});

test.describe('reading after changes equals reading afresh, in Chromium', () => {
  for (const layout of ['table', 'div']) {
    test(`generated ${layout} form`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.setContent(generateForm(40, layout));
      // dependent fields shown and hidden are planned alone here: the comparison covers spliced plans
      expect(await check(page, `generated ${layout} form`)).toBeGreaterThan(0);
      await page.close();
    });
  }

  for (const p of matrixPages()) {
    test(`${p.fixture}/${p.path}`, async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(new URL(p.url, server.url).href);
      if (!p.static) await page.waitForFunction(() => document.documentElement.dataset.fixtureReady === 'true', null, { timeout: 15_000 });
      await check(page, `${p.fixture}/${p.path}`);
      await page.close();
    });
  }
});

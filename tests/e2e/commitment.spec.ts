import type { Page } from '@playwright/test';
import cases from '../fixtures/demo/data/cases.json' with { type: 'json' };
import { demoUrl, expandOverlay, expect, test, type DemoCase } from './fixtures';
import { launchIsolated, type Isolated } from './isolated';

/**
 * The 不适用告知承诺制 warning on a licensing form, for a party on the demo serious list. Runs in a browser profile of
 * its own, which imports that list.
 */

const listed = (cases as unknown as DemoCase[]).find((c) => c.id === 'listed-party')!;

test.describe.configure({ mode: 'serial' });

let iso: Isolated;
test.beforeAll(async () => {
  iso = await launchIsolated();
  const page = await iso.context.newPage();
  await page.goto(`chrome-extension://${iso.extensionId}/options.html#lists`);
  await page.getByTestId('import-kind').selectOption('serious');
  await page.getByTestId('import-file').setInputFiles('tests/fixtures/demo/data/serious-list.csv');
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });
  await page.close();
});
test.afterAll(async () => iso.close());

const warning = (page: Page) => page.locator('credit-case-assistant [data-testid="commitment-warning"]');
const mode = (page: Page, label: string) => page.locator('.el-radio', { hasText: label }).first();

test('the warning follows the approval mode, never stands between the handler and the form, and can be dismissed', async ({ server }) => {
  const page = await iso.context.newPage();
  await page.goto(demoUrl(server, 'licensing/apply.html', { case: listed.id }));
  await expect(warning(page)).toBeVisible();
  await expect(page.locator('credit-case-assistant [data-testid="verdict"]')).toHaveCount(0);

  // every control of the form is reachable where the handler points: nothing of ours is on top of it
  const covered = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, textarea, .el-radio, .el-checkbox, button')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > innerHeight) return false;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit?.localName.startsWith('credit-case-assistant') ?? false;
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(covered).toEqual([]);

  // the handler switches the procedure (a real click on the page's own radio, never intercepted) and back
  await mode(page, '一般程序').click();
  await expect(warning(page)).toHaveAttribute('data-chosen', 'false');
  await mode(page, '告知承诺制').click();
  await expect(warning(page)).toHaveAttribute('data-chosen', 'true');

  // dismissed for this page: it stays away while the form changes, and comes back with the next page load
  await page.locator('credit-case-assistant [data-testid="commitment-dismiss"]').click();
  await expect(warning(page)).toHaveCount(0);
  await mode(page, '一般程序').click();
  await expandOverlay(page);
  await expect(page.locator('credit-case-assistant [data-testid="commitment-status"]')).toHaveAttribute('data-status', 'excluded');
  await expect(page.locator('credit-case-assistant [data-testid="party-flag"][data-flag="commitment-excluded"]')).toHaveCount(1);
  await expect(warning(page)).toHaveCount(0);
  await page.reload();
  await expect(warning(page)).toBeVisible();
  await page.close();
});

test('the party is looked up again after the background’s worker stopped under the open page', async ({ server }) => {
  const page = await iso.context.newPage();
  await page.goto(demoUrl(server, 'licensing/apply.html', { case: listed.id }));
  await expect(warning(page)).toBeVisible();

  // the worker is stopped, as browsers stop an idle one: the reader's port to it closes
  const marked = iso.context.serviceWorkers()[0]!;
  await marked.evaluate(() => Object.assign(globalThis, { __beforeStop: true }));
  const cdp = await iso.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();

  // another applicant, on no list: the warning goes; the listed one again: it comes back
  const name = page.locator('input[name="sqrmc"]');
  const code = page.locator('input[name="tyshxydm"]');
  await code.fill('');
  await name.fill('上海青禾餐饮管理有限公司');
  await expect(warning(page)).toHaveCount(0);
  await name.fill(listed.partyName);
  await code.fill(listed.uscc);
  await expect(warning(page)).toBeVisible();
  // the answer came from a worker started afresh, not from the one stopped
  const worker = iso.context.serviceWorkers().at(-1)!;
  expect(await worker.evaluate(() => '__beforeStop' in globalThis)).toBe(false);
  await page.close();
});

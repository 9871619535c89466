import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import cases from '../fixtures/demo/data/cases.json' with { type: 'json' };
import { readXlsx } from '../../lib/io';
import { demoUrl, expandOverlay, expect, overlay, test, type DemoCase } from './fixtures';
import { launchIsolated, type Isolated } from './isolated';

const demo = cases as unknown as DemoCase[];
const byId = (id: string) => demo.find((c) => c.id === id)!;
const UNIT = '上海市浦东新区市场监督管理局';

async function openRecordForm(tab: Page) {
  await expandOverlay(tab);
  await overlay(tab).getByTestId('record').click();
  const form = overlay(tab).getByTestId('record-form');
  await expect(form).toBeVisible();
  return form;
}

async function setUnitAndRecorder(page: Page, base: string) {
  await page.goto(`${base}/options.html#settings`);
  await page.getByTestId('unit-name').fill(UNIT);
  await page.getByTestId('recorder-name').fill('张伟');
  await page.getByTestId('save-settings').click();
  await expect(page.getByRole('status')).toBeVisible();
}

test('a case recorded from two tabs at once is one ledger entry, counted once; the later save is told, not lost', async ({
  page,
  extContext,
  extensionId,
  server,
}) => {
  await setUnitAndRecorder(page, `chrome-extension://${extensionId}`);

  const c = byId('finished-unlisted');
  const tabs = [page, await extContext.newPage()];
  for (const tab of tabs) {
    await tab.goto(demoUrl(server, 'view/case.html', { id: c.id }));
    const form = await openRecordForm(tab);
    await form.getByTestId('record-listing').selectOption('yes');
    await form.getByTestId('record-listing-date').fill('2024-05-20');
    await form.getByTestId('record-exposed').check();
    await form.getByTestId('record-exposure-date').fill('2024-06-01');
  }
  await Promise.all(tabs.map((tab) => overlay(tab).getByTestId('record-submit').click()));
  // one recorded it; the other had opened the form before that, so its save is refused rather than laid over it
  const saved = await Promise.all(
    tabs.map((tab) => overlay(tab).getByTestId('record-message').or(overlay(tab).getByTestId('record-error')).textContent()),
  );
  expect(saved.filter((m) => m === '已记入台账')).toHaveLength(1);
  const later = tabs[saved.findIndex((m) => m !== '已记入台账')]!;
  await expect(overlay(later).getByTestId('record-error')).toContainText('已被修改（现为第 1 版：');
  // what changed, not who changed it: the unit and the recorder never reach the page's frame
  await expect(overlay(later).getByTestId('record-error')).not.toContainText(UNIT);
  await expect(overlay(later).getByTestId('record-error')).not.toContainText('张伟');
  // reloaded, the form holds what the first tab recorded, and saving it again changes nothing
  await overlay(later).getByTestId('record-reload').click();
  await expect(overlay(later).getByTestId('record-recorded')).toBeVisible();
  await expect(overlay(later).getByTestId('record-listing-date')).toHaveValue('2024-05-20');
  await expect(overlay(later).getByTestId('record-changes')).toHaveAttribute('data-count', '0');
  await overlay(later).getByTestId('record-submit').click();
  await expect(overlay(later).getByTestId('record-message')).toHaveText('台账中的本案已是这些内容，未作更改');

  await page.goto(`chrome-extension://${extensionId}/options.html#ledger`);
  await expect(page.getByTestId('ledger-search')).toBeVisible();
  await page.getByTestId('ledger-search').fill(c.partyName);
  await expect(page.getByTestId('ledger-row')).toHaveCount(1);

  await page.getByTestId('tab-stats').click();
  await page.getByTestId('period-from').fill('2024-01-01');
  await page.getByTestId('period-to').fill('2024-12-31');
  await expect(page.getByTestId('stats-table')).toContainText('食品安全');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  const rows: string[][] = [];
  for await (const r of readXlsx(new Uint8Array(readFileSync(await download.path())))) rows[r.line - 1] = r.cells;
  const food = rows.find((r) => r[0] === '食品安全')!;
  const total = rows.find((r) => r[0] === '合计')!;
  expect(food.slice(1, 4).map(Number)).toEqual([1, 0, 1]);
  expect(total.slice(1, 4).map(Number)).toEqual([1, 0, 1]);
  expect(rows.some((r) => r.join('').includes(UNIT))).toBe(true);
  await tabs[1]!.close();
});

test.describe('recording again, and recording the first time', () => {
  test.describe.configure({ mode: 'serial' });
  let iso: Isolated;
  test.beforeAll(async () => {
    iso = await launchIsolated();
  });
  test.afterAll(async () => iso.close());

  test('with no unit or recorder set, the form says so before anything is filled, and 去设置 opens the settings', async ({ server }) => {
    const tab = await iso.context.newPage();
    await tab.goto(demoUrl(server, 'view/case.html', { id: 'finished-listed' }));
    const form = await openRecordForm(tab);
    await expect(form.getByTestId('record-setup')).toContainText('填报单位、记录人');
    await expect(form.locator('> *').first()).toHaveAttribute('data-testid', 'record-setup');
    await expect(form.getByTestId('record-submit')).toBeDisabled();
    const [settings] = await Promise.all([iso.context.waitForEvent('page'), form.getByTestId('record-settings').click()]);
    await expect(settings).toHaveURL(/options\.html#settings$/);
    await expect(settings.getByTestId('unit-name')).toBeVisible();
    await settings.getByTestId('unit-name').fill(UNIT);
    await settings.getByTestId('recorder-name').fill('张伟');
    await settings.getByTestId('save-settings').click();
    await expect(settings.getByRole('status')).toBeVisible();
    await settings.close();
    // the form follows the settings at once
    await expect(form.getByTestId('record-setup')).toHaveCount(0);
    await expect(form.getByTestId('record-submit')).toBeEnabled();
    await tab.close();
  });

  test('recording a case again starts from the ledger and changes only what the handler changes', async ({ server }) => {
    const tab = await iso.context.newPage();
    await tab.goto(demoUrl(server, 'view/case.html', { id: 'finished-listed' }));
    let form = await openRecordForm(tab);
    await form.getByTestId('record-listing').selectOption('yes');
    await form.getByTestId('record-listing-date').fill('2024-04-10');
    await form.getByTestId('record-submit').click();
    await expect(overlay(tab).getByTestId('record-message')).toHaveText('已记入台账');

    // a second recording, only to tick 宣传曝光: the form starts from the ledger (列入 是, 2024-04-10), not the page
    await tab.reload();
    form = await openRecordForm(tab);
    await expect(form.getByTestId('record-recorded')).toBeVisible();
    await expect(form.getByTestId('record-listing')).toHaveValue('yes');
    await expect(form.getByTestId('record-listing-date')).toHaveValue('2024-04-10');
    await form.getByTestId('record-exposed').check();
    await form.getByTestId('record-exposure-date').fill('2024-06-01');
    await expect(form.getByTestId('record-changes').locator('li')).toHaveText(['宣传曝光日期 （空） → 2024-06-01']);
    await form.getByTestId('record-submit').click();
    await expect(overlay(tab).getByTestId('record-message')).toHaveText('已更新台账中的本案：宣传曝光日期 （空） → 2024-06-01');

    // nothing was lost: both answers are in the ledger
    form = await openRecordForm(tab);
    await expect(form.getByTestId('record-listing-date')).toHaveValue('2024-04-10');
    await expect(form.getByTestId('record-exposure-date')).toHaveValue('2024-06-01');
    await tab.close();
  });

  test('the page’s newer facts are shown beside the recorded ones and taken on request', async ({ server }) => {
    const tab = await iso.context.newPage();
    await tab.goto(demoUrl(server, 'spa/decision.html', { case: 'food-fine-aggravated' }));
    let form = await openRecordForm(tab);
    const recordedName = await form.getByTestId('record-partyName').inputValue();
    await form.getByTestId('record-submit').click();
    await expect(overlay(tab).getByTestId('record-message')).toHaveText('已记入台账');

    // the handler corrects the party's name on the system's form
    await overlay(tab).getByTestId('collapse').click();
    await tab.locator('.el-form-item', { hasText: '当事人名称' }).locator('input').first().fill('上海更正后名称食品有限公司');
    form = await openRecordForm(tab);
    await expect(form.getByTestId('record-partyName')).toHaveValue(recordedName);
    await expect(form.locator('[data-testid="record-page-value"][data-field="partyName"]')).toContainText('上海更正后名称食品有限公司');
    await form.locator('[data-testid="use-page"][data-field="partyName"]').click();
    await expect(form.getByTestId('record-changes').locator('li')).toHaveText([`当事人 ${recordedName} → 上海更正后名称食品有限公司`]);
    await tab.close();
  });
});

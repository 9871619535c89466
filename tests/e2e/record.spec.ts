import { readFileSync } from 'node:fs';
import cases from '../fixtures/demo/data/cases.json' with { type: 'json' };
import { readXlsx } from '../../lib/io';
import { demoUrl, expandOverlay, expect, overlay, test, type DemoCase } from './fixtures';

const demo = cases as unknown as DemoCase[];
const UNIT = '上海市浦东新区市场监督管理局';

test('a case recorded from two tabs at once is one ledger entry, counted once in the exported table', async ({ page, extContext, extensionId, server }) => {
  // the reporting unit comes from the settings page
  await page.goto(`chrome-extension://${extensionId}/options.html#settings`);
  await page.getByTestId('unit-name').fill(UNIT);
  await page.getByTestId('recorder-name').fill('张伟');
  await page.getByTestId('save-settings').click();
  await expect(page.getByRole('status')).toBeVisible();

  const c = demo.find((x) => x.id === 'finished-unlisted')!;
  const tabs = [page, await extContext.newPage()];
  for (const tab of tabs) {
    await tab.goto(demoUrl(server, 'view/case.html', { id: c.id }));
    await expandOverlay(tab);
    await overlay(tab).getByTestId('record').click();
    const form = overlay(tab).getByTestId('record-form');
    await expect(form).toBeVisible();
    await form.getByTestId('record-listing').selectOption('yes');
    await form.getByTestId('record-listing-date').fill('2024-05-20');
    await form.getByTestId('record-exposed').check();
    await form.getByTestId('record-exposure-date').fill('2024-06-01');
  }
  await Promise.all(tabs.map((tab) => overlay(tab).getByTestId('record-submit').click()));
  const messages = await Promise.all(tabs.map(async (tab) => {
    await expect(overlay(tab).getByTestId('record-message')).toBeVisible();
    return overlay(tab).getByTestId('record-message').textContent();
  }));
  // one created it, the other updated it
  expect(new Set(messages).size).toBe(2);

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

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { readCsv } from '../../lib/io';
import { generateCaseExport } from '../bench/gen-cases';
import { demoAuditSummary } from './demo-audit';
import { expect, inExtension, test } from './fixtures';

const DEMO = 'tests/fixtures/demo/data';
type Summary = ReturnType<typeof demoAuditSummary>;

async function openAudit(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html#audit`);
  await expect(page.getByTestId('page-audit')).toBeVisible();
}

async function expectCounts(page: Page, s: Summary): Promise<void> {
  await expect(page.getByTestId('count-total')).toHaveText(String(s.total));
  for (const v of ['must-list', 'review', 'not-required', 'insufficient'] as const) {
    await expect(page.getByTestId(`count-${v}`)).toHaveText(String(s.counts[v]));
  }
  await expect(page.getByTestId('count-unlisted-yes')).toHaveText(String(s.unlisted.yes));
  await expect(page.getByTestId('count-unlisted-possible')).toHaveText(String(s.unlisted.possible));
}

test('results say the date they were judged by; a changed date marks them and re-runs only on request', async ({ page, extensionId }) => {
  await openAudit(page, extensionId);
  await page.getByTestId('audit-at').fill('2026-01-05');
  await page.getByTestId('audit-file').setInputFiles(`${DEMO}/cases-export.csv`);
  await expect(page.getByTestId('audit-done')).toContainText('没有决定日期的案件按 2026-01-05 判断');
  await page.getByTestId('audit-at').fill('2026-07-01');
  await expect(page.getByTestId('audit-stale')).toContainText('下列结果按 2026-01-05 判断，日期已改为 2026-07-01');
  await expect(page.getByTestId('audit-done')).toContainText('2026-01-05');
  await page.getByTestId('audit-rerun').click();
  await expect(page.getByTestId('audit-done')).toContainText('没有决定日期的案件按 2026-07-01 判断');
  await expect(page.getByTestId('audit-stale')).toHaveCount(0);
  await expect(page.getByTestId('count-total')).toHaveText('30');
});

test('audits the demo export: counts, the 应列未列 filter, sorting and the exported report', async ({ page, extensionId }) => {
  const expected = demoAuditSummary();
  expect(expected.total).toBe(30);
  await openAudit(page, extensionId);
  await page.getByTestId('audit-file').setInputFiles(`${DEMO}/cases-export.csv`);
  await expect(page.getByTestId('audit-done')).toBeVisible();
  await expectCounts(page, expected);

  const table = page.getByTestId('audit-results');
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(30);
  const first = rows.first();
  await expect(first).toHaveAttribute('data-verdict', 'must-list');
  await expect(first).toHaveAttribute('data-unlisted', 'yes');
  await expect(first).toContainText('沪松市监处〔2024〕871号');
  await expect(first).toContainText('上海金穗营养食品有限公司');
  await expect(first).toContainText('order44-2021/art2/2');
  await expect(first).toContainText('第2条第2项');

  await page.getByTestId('filter-unlisted').selectOption('yes');
  await expect(rows).toHaveCount(expected.unlisted.yes);
  expect(new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-unlisted'))))).toEqual(new Set(['yes']));
  await page.getByTestId('filter-unlisted').selectOption('any');
  await expect(rows).toHaveCount(expected.unlisted.yes + expected.unlisted.possible);
  await expect(table.locator('tbody tr[data-unlisted="no"]')).toHaveCount(0);

  // The export holds the rows shown: the report columns after the input columns, with a BOM.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
  expect(download.suggestedFilename()).toBe('cases-export.audit.csv');
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const report: string[][] = [];
  for await (const r of readCsv(new Uint8Array(bytes))) report.push(r.cells);
  expect(report[0]!.slice(-5)).toEqual(['line', 'verdict', 'unlisted', 'reasons', 'citations']);
  expect(report[0]![0]).toBe('行政处罚决定书文号');
  expect(report).toHaveLength(1 + expected.unlisted.yes + expected.unlisted.possible);
  expect(new Set(report.slice(1).map((r) => r.at(-3)))).toEqual(new Set(['yes', 'possible']));

  await page.getByTestId('filter-unlisted').selectOption('');
  await expect(rows).toHaveCount(30);
  await page.getByTestId('sort-verdict').click();
  await expect(rows.first()).toHaveAttribute('data-verdict', 'must-list');
  await expect(rows.last()).toHaveAttribute('data-verdict', 'not-required');
  await page.getByTestId('sort-verdict').click();
  await expect(rows.first()).toHaveAttribute('data-verdict', 'not-required');
  await page.getByTestId('sort-line').click();
  await expect(rows.first()).toHaveAttribute('data-line', '2');
});

test('the GB18030 copy gives the same counts', async ({ page, extensionId }) => {
  const expected = demoAuditSummary();
  await openAudit(page, extensionId);
  await page.getByTestId('audit-file').setInputFiles(`${DEMO}/cases-export-gbk.csv`);
  await expect(page.getByTestId('audit-done')).toBeVisible();
  await expectCounts(page, expected);
  await expect(page.getByTestId('audit-results').locator('tbody tr').first()).toContainText('上海金穗营养食品有限公司');
});

test('a dropped file is audited; a file without a recognisable header gets a Chinese error', async ({ page, extensionId }) => {
  await openAudit(page, extensionId);
  const drop = async (name: string, text: string) => {
    const dt = await page.evaluateHandle(
      ([n, s]) => {
        const d = new DataTransfer();
        d.items.add(new File([s], n, { type: 'text/csv' }));
        return d;
      },
      [name, text] as const,
    );
    await page.getByTestId('audit-upload').dispatchEvent('drop', { dataTransfer: dt });
  };
  await drop('one.csv', '决定书文号,当事人,处罚内容,决定日期\n沪1〔2024〕3号,丙公司,吊销营业执照,2024-01-02\n');
  await expect(page.getByTestId('audit-done')).toBeVisible();
  await expect(page.getByTestId('count-total')).toHaveText('1');
  await expect(page.getByTestId('audit-results').locator('tbody tr')).toHaveAttribute('data-verdict', 'review');

  await drop('people.csv', '姓名,年龄\n张三,30\n');
  await expect(page.getByTestId('audit-error')).toContainText('行政处罚内容');
  await expect(page.getByTestId('audit-error')).toContainText('people.csv');
  await expect(page.getByTestId('audit-results')).toHaveCount(0);
});

test('a big export is paged, shows progress and can be cancelled', async ({ page, extensionId }) => {
  await openAudit(page, extensionId);
  const big = Buffer.from(generateCaseExport(4000));
  await page.getByTestId('audit-file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: big });
  await expect(page.getByTestId('audit-done')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('count-total')).toHaveText('4000');
  const rows = page.getByTestId('audit-results').locator('tbody tr');
  await expect(rows).toHaveCount(100);
  const lastOnFirst = Number(await rows.last().getAttribute('data-line'));
  await page.getByTestId('page-next').click();
  await expect(page.getByTestId('audit-pager')).toContainText('第 2 / 40 页');
  expect(Number(await rows.first().getAttribute('data-line'))).toBeGreaterThan(lastOnFirst);

  // big enough that no machine audits it before the click (the audit runs at tens of thousands of rows a second)
  const hugeRows = 300_000;
  const huge = join(mkdtempSync(join(tmpdir(), 'cca-audit-')), 'huge.csv');
  writeFileSync(huge, generateCaseExport(hugeRows, 3));
  try {
    await page.getByTestId('audit-file').setInputFiles(huge);
    await expect(page.getByTestId('audit-progress')).toBeVisible();
    await page.getByTestId('audit-cancel').click();
    await expect(page.getByTestId('audit-cancelled')).toBeVisible();
    const audited = Number(await page.getByTestId('count-total').textContent());
    expect(audited).toBeLessThan(hugeRows);
  } finally {
    rmSync(dirname(huge), { recursive: true, force: true });
  }
});

/** Removes every imported list (the context is shared with the other specs of this worker). */
function clearLists(context: BrowserContext): Promise<void> {
  return inExtension(context, async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('credit-case-assistant');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      // what a list leaves behind (lib/db/schema.ts): its row, its entity chunks and its key index
      const stores = ['lists', 'entityChunks', 'listIndexes'].filter((name) => db.objectStoreNames.contains(name));
      if (stores.length === 0) return;
      const tx = db.transaction(stores, 'readwrite');
      for (const name of stores) tx.objectStore(name).clear();
      await new Promise<void>((res, rej) => ((tx.oncomplete = () => res()), (tx.onerror = () => rej(tx.error))));
    } finally {
      db.close();
    }
  });
}

test('the imported serious list clears 应列未列 for a party already on it, as the overlay does', async ({
  page,
  extensionId,
  extContext,
}) => {
  await clearLists(extContext);
  const violation = '未取得食品生产许可从事食品生产';
  const csv = [
    '行政处罚决定书文号,被处罚单位名称,统一社会信用代码,违法的主要事实,行政处罚内容,作出决定的日期',
    // on the demo serious list since 2024-04-15
    `沪浦市监处〔2024〕1023号,上海福满园糕点有限公司,91310115MA19GWPY9W,${violation},吊销食品经营许可证,2024-04-15`,
    `沪浦市监处〔2024〕1001号,上海某某食品有限公司,,${violation},吊销食品经营许可证,2024-04-10`,
  ].join('\n');
  const file = { name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };

  // No list yet: both decided must-list cases are 应列未列, and the page says no list was checked.
  await openAudit(page, extensionId);
  await page.getByTestId('audit-file').setInputFiles(file);
  await expect(page.getByTestId('audit-done')).toBeVisible();
  await expect(page.getByTestId('audit-serious-lists')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('count-unlisted-yes')).toHaveText('2');

  // Import the demo serious list through the lists page.
  await page.goto(`chrome-extension://${extensionId}/options.html#lists`);
  await page.getByTestId('import-kind').selectOption('serious');
  await page.getByTestId('import-file').setInputFiles(`${DEMO}/serious-list.csv`);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });

  await openAudit(page, extensionId);
  await page.getByTestId('audit-file').setInputFiles(file);
  await expect(page.getByTestId('audit-done')).toBeVisible();
  await expect(page.getByTestId('audit-serious-lists')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('count-must-list')).toHaveText('2');
  await expect(page.getByTestId('count-unlisted-yes')).toHaveText('1');
  const rows = page.getByTestId('audit-results').locator('tbody tr');
  await expect(rows.filter({ hasText: '上海福满园糕点有限公司' })).toHaveAttribute('data-unlisted', 'no');
  await expect(rows.filter({ hasText: '上海福满园糕点有限公司' })).toContainText('当事人已在导入的严重违法失信名单');
  await expect(rows.filter({ hasText: '上海某某食品有限公司' })).toHaveAttribute('data-unlisted', 'yes');
  await clearLists(extContext);
});

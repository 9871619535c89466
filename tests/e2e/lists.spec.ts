import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import cases from '../fixtures/demo/data/cases.json' with { type: 'json' };
import { readCsv, writeXlsx } from '../../lib/io';
import { makeValidUscc, orgCodeCheckChar } from '../../lib/party';
// @ts-expect-error plain ESM helper of the demo data
import { encodeGb18030 } from '../fixtures/demo/data/make-gbk.mjs';
import { demoUrl, expandOverlay, expect, inExtension, overlay, test, type DemoCase } from './fixtures';

const DEMO = 'tests/fixtures/demo/data';
const demo = cases as unknown as DemoCase[];
const SERIOUS_HEADER = '企业名称,统一社会信用代码,列入日期,列入原因,作出决定机关,移出日期';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cca-lists-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the database holds about lists: metadata and the number of stored chunks per list. */
interface Stored {
  lists: { id: string; status: string; kind: string; name: string; rowCount: number }[];
  chunks: Record<string, number>;
}

/** Reads the lists straight from IndexedDB in the extension's service worker (no product code involved). */
function stored(context: BrowserContext): Promise<Stored> {
  return inExtension(context, async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('credit-case-assistant');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      if (!db.objectStoreNames.contains('lists')) return { lists: [], chunks: {} };
      const tx = db.transaction(['lists', 'entityChunks'], 'readonly');
      const all = <T>(req: IDBRequest<T>) =>
        new Promise<T>((res, rej) => ((req.onsuccess = () => res(req.result)), (req.onerror = () => rej(req.error))));
      const lists = (await all(tx.objectStore('lists').getAll())) as Stored['lists'];
      const keys = (await all(tx.objectStore('entityChunks').getAllKeys())) as [string, number, number][];
      const chunks: Record<string, number> = {};
      for (const k of keys) chunks[k[0]] = (chunks[k[0]] ?? 0) + 1;
      return {
        lists: lists
          .map((l) => ({ id: l.id, status: l.status, kind: l.kind, name: l.name, rowCount: l.rowCount }))
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
        chunks,
      };
    } finally {
      db.close();
    }
  });
}

/** Removes every list, so the flags of one test never show in another test's overlay. */
function clearLists(context: BrowserContext): Promise<void> {
  return inExtension(context, async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('credit-case-assistant');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      if (!db.objectStoreNames.contains('lists')) return;
      const tx = db.transaction(['lists', 'entityChunks'], 'readwrite');
      tx.objectStore('lists').clear();
      tx.objectStore('entityChunks').clear();
      await new Promise<void>((res, rej) => ((tx.oncomplete = () => res()), (tx.onerror = () => rej(tx.error))));
    } finally {
      db.close();
    }
  });
}

test.afterEach(async ({ extContext }) => clearLists(extContext));

async function openLists(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html#lists`);
  await expect(page.getByTestId('import-wizard')).toBeVisible();
}

/** Chooses kind and file, waits for the preview; the caller starts the import. */
async function choose(page: Page, kind: string, file: string): Promise<void> {
  await page.getByTestId('import-kind').selectOption(kind);
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-preview').or(page.getByTestId('import-error'))).toBeVisible();
}

async function importThrough(page: Page, kind: string, file: string, opts: { name?: string; replace?: string } = {}): Promise<void> {
  await choose(page, kind, file);
  if (opts.name) await page.getByTestId('import-name').fill(opts.name);
  if (opts.replace) await chooseReplace(page, opts.replace);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });
}

async function chooseReplace(page: Page, listName: string): Promise<void> {
  const select = page.getByTestId('import-replace');
  await select.selectOption((await select.locator('option', { hasText: listName }).getAttribute('value'))!);
}

/** A valid unified social credit code numbered `i`. */
function code(i: number): string {
  const org8 = String(i).padStart(8, '0');
  return makeValidUscc('91310000' + org8 + orgCodeCheckChar(org8));
}

/** A serious list of `n` generated rows (valid codes), written straight to disk. */
function bigSeriousList(path: string, n: number): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, SERIOUS_HEADER + '\n');
    let buf = '';
    for (let i = 0; i < n; i++) {
      buf += `上海测试${i}贸易有限公司,${code(i)},2024-0${1 + (i % 9)}-1${i % 10},未取得许可从事经营，受到吊销许可证件的较重行政处罚,上海市某区市场监督管理局,\n`;
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
}

/** A 400,000-row serious list (about 60 MB), written once per worker. */
function bigFile(): string {
  const path = join(dir, 'big-serious.csv');
  if (!existsSync(path)) bigSeriousList(path, 400_000);
  return path;
}

/** Today in China (UTC+8), as the default list name writes it. */
const chinaToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const flag = (page: Page, name: string) => overlay(page).locator(`[data-testid="party-flag"][data-flag="${name}"]`);

test('imported demo lists flag the parties on penalty, licensing and view pages', async ({ page, extensionId, server }) => {
  await openLists(page, extensionId);
  await expect(page.getByTestId('lists-empty')).toBeVisible();

  await choose(page, 'serious', `${DEMO}/serious-list.csv`);
  // the detected mapping is shown per column; the name defaults to the kind and today's date, the chosen file is named
  await expect(page.getByTestId('import-name')).toHaveValue(`严重违法失信名单 ${chinaToday()}`);
  await expect(page.getByTestId('import-file-chosen')).toHaveText(/^已选择：serious-list\.csv（\d+(\.\d)? (B|KB)）$/);
  const map = page.getByTestId('import-map');
  await expect(map.nth(0)).toHaveAttribute('data-field', 'name');
  await expect(map.nth(1)).toHaveAttribute('data-field', 'code');
  await expect(map.nth(2)).toHaveAttribute('data-field', 'listingDate');
  await expect(map.nth(5)).toHaveAttribute('data-field', 'removalDate');
  await page.getByTestId('import-name').fill('演示严重违法失信名单');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await expect(page.getByTestId('import-count-imported')).toHaveAttribute('data-count', '9');
  await expect(page.getByTestId('import-count-invalid')).toHaveAttribute('data-count', '0');

  // the annex layout: a title row above the header, section titles in the first column
  await page.getByTestId('import-reset').click();
  await choose(page, 'key-domain', `${DEMO}/key-domain.csv`);
  await expect(page.getByTestId('import-header-row')).toHaveValue('1');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await expect(page.getByTestId('import-count-imported')).toHaveAttribute('data-count', '11');

  const rows = page.getByTestId('list-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: '演示严重违法失信名单' })).toContainText('serious-list.csv');
  await expect(rows.filter({ hasText: '演示严重违法失信名单' }).getByTestId('list-rows')).toHaveAttribute('data-count', '9');
  await expect(rows.filter({ hasText: `重点领域企业清单 ${chinaToday()}` }).getByTestId('list-rows')).toHaveAttribute('data-count', '11');

  // search by part of a name and by code, with the list and the status at today
  await page.getByTestId('lists-search').fill('鼎丰');
  const hits = page.getByTestId('search-hit');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toHaveAttribute('data-kind', 'serious');
  await expect(hits.first()).toContainText('演示严重违法失信名单');
  await page.getByTestId('lists-search').fill('91310117MA18N8DH5J');
  await expect(hits).toHaveCount(2); // 上海九亭食品: on the serious list and a food producer of the key-domain list
  expect((await hits.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).sort()).toEqual(['key-domain', 'serious']);
  await expect(hits.filter({ hasText: '食品生产企业' })).toHaveCount(1);
  await page.getByTestId('lists-search').fill('上海同福餐饮');
  await expect(hits.first()).toHaveAttribute('data-status', 'serious_removed');

  // the penalty form of a listed party (a draft: its status is taken at today's date)
  const listed = demo.find((c) => c.id === 'listed-party')!;
  const listing = readFileSync(`${DEMO}/serious-list.csv`, 'utf8')
    .split('\n')
    .find((l) => l.includes(listed.uscc))!
    .split(',')[2]!;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const until = `${Number(listing.slice(0, 4)) + 3}${listing.slice(4)}`;
  expect(
    today < until,
    `demo fixture out of date: ${listed.partyName} was listed on ${listing}, so its 3 years end on ${until}, before today (${today}); cases.json still expects it on the serious list`,
  ).toBe(true);
  await page.goto(demoUrl(server, 'spa/decision.html', { case: listed.id }));
  await expandOverlay(page);
  for (const f of listed.expect.flagsWithDemoLists) await expect(flag(page, f)).toHaveCount(1);
  await expect(flag(page, 'serious-list')).toHaveAttribute('data-status', 'confirmed');
  await expect(flag(page, 'commitment-excluded')).toHaveAttribute('data-status', /^(confirmed|partial)$/);
  await expect(flag(page, 'serious-list')).toContainText('演示严重违法失信名单');

  // its licensing application under the notification-commitment procedure
  await page.goto(demoUrl(server, 'licensing/apply.html', { case: listed.id }));
  await expect(page.locator('credit-case-assistant [data-testid="commitment-warning"]')).toBeVisible();
  await expandOverlay(page);
  await expect(flag(page, 'commitment-excluded')).toHaveCount(1);

  // a food producer of the key-domain list, on the read-only view
  const keyDomain = demo.find((c) => c.expect.flagsWithDemoLists.includes('key-domain'))!;
  await page.goto(demoUrl(server, 'view/case.html', { id: keyDomain.id }));
  await expandOverlay(page);
  await expect(flag(page, 'key-domain')).toHaveAttribute('data-status', /^(confirmed|partial)$/);
  await expect(flag(page, 'serious-list')).toHaveCount(0);

  // every demo case shows exactly the flags cases.json expects with the demo lists
  for (const c of demo.filter((x) => x.uscc)) {
    await page.goto(demoUrl(server, 'view/case.html', { id: c.id }));
    await expandOverlay(page);
    const shown = () =>
      overlay(page)
        .locator('[data-testid="party-flag"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-flag')).sort());
    await expect.poll(shown, { message: c.id }).toEqual([...c.expect.flagsWithDemoLists].sort());
  }
});

test('a party found on an imported serious list is not reported as 应列未列', async ({ page, extensionId, server }) => {
  const c = demo.find((x) => x.expect.unlistedOnView === 'yes' && x.decisionDate)!;
  await page.goto(demoUrl(server, 'view/case.html', { id: c.id }));
  await expect(page.locator('credit-case-assistant [data-testid="unlisted"]')).toHaveAttribute('data-level', 'yes');

  // the party was listed on the day of the decision (the listing decision field was simply left at 否)
  const file = join(dir, 'listed-later.csv');
  writeFileSync(file, `\uFEFF${SERIOUS_HEADER}\n${c.partyName},${c.uscc},${c.decisionDate},吊销许可证件,上海市市场监督管理局,\n`);
  await openLists(page, extensionId);
  await importThrough(page, 'serious', file);

  await page.goto(demoUrl(server, 'view/case.html', { id: c.id }));
  await expandOverlay(page);
  await expect(flag(page, 'serious-list')).toHaveCount(1);
  // the flag comes from the lookup, the verdict from the assessment asked again with its answer: this notice is
  // that second assessment's, so 应列未列 is judged by now
  await expect(overlay(page)).toContainText('当事人已在导入的严重违法失信名单中');
  await expect(page.locator('credit-case-assistant [data-testid="unlisted"]')).toHaveCount(0);
});

test('an XLSX of false commitments and a GB18030 CSV of risk classes flag their party', async ({ page, extensionId, server }) => {
  const c = demo.find((x) => x.id === 'food-fine-normal')!;
  const xlsx = join(dir, '承诺不实记录.xlsx');
  writeFileSync(
    xlsx,
    writeXlsx({
      sheets: [
        {
          name: '承诺不实',
          rows: [
            ['当事人名称', '统一社会信用代码', '认定日期', '承诺事项', '是否修复'],
            [c.partyName, c.uscc, '2024-03-01', '食品经营许可（告知承诺）', '否'],
            ['上海已修复餐饮有限公司', code(77), '2024-02-01', '食品经营许可', '是'],
          ],
        },
      ],
    }),
  );
  // a CSV as Chinese Excel saves it, without a date column: the data date is given in the wizard
  const gbk = join(dir, 'risk-gbk.csv');
  writeFileSync(
    gbk,
    encodeGb18030(`企业名称,统一社会信用代码,信用风险分类\r\n${c.partyName},${c.uscc},较高\r\n上海其他有限公司,${code(78)},低\r\n`),
  );
  const dataDate = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);

  await openLists(page, extensionId);
  await importThrough(page, 'commitment', xlsx);
  await expect(page.getByTestId('import-count-imported')).toHaveAttribute('data-count', '2');
  await page.getByTestId('import-reset').click();
  await choose(page, 'risk', gbk);
  await expect(page.getByTestId('import-missing')).toContainText('分类日期');
  await page.getByTestId('import-data-date').fill(dataDate);
  await expect(page.getByTestId('import-missing')).toHaveCount(0);
  await expect(page.getByTestId('import-header-cell').nth(0)).toHaveText('企业名称');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-count-imported')).toHaveAttribute('data-count', '2');

  await page.getByTestId('lists-search').fill(c.uscc);
  await expect(page.getByTestId('search-hit')).toHaveCount(2);
  await expect(page.getByTestId('search-hit').and(page.locator('[data-kind="commitment"]'))).toHaveAttribute(
    'data-status',
    'commitment_unrepaired',
  );
  await expect(page.getByTestId('search-hit').and(page.locator('[data-kind="risk"]'))).toContainText('C');

  await page.goto(demoUrl(server, 'spa/decision.html', { case: c.id }));
  await expandOverlay(page);
  await expect(flag(page, 'commitment-excluded')).toHaveAttribute('data-status', 'partial');
  await expect(flag(page, 'risk-C')).toHaveCount(1);
  await expect(flag(page, 'serious-list')).toHaveCount(0);
});

test('export gives a CSV with BOM that imports again as the same list; removal asks first', async ({ page, extContext, extensionId }) => {
  await openLists(page, extensionId);
  await importThrough(page, 'serious', `${DEMO}/serious-list.csv`);
  const row = page.getByTestId('list-row');
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('list-export').click()]);
  expect(download.suggestedFilename()).toBe(`严重违法失信名单 ${chinaToday()}.csv`);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const exported: string[][] = [];
  for await (const r of readCsv(new Uint8Array(bytes))) exported.push(r.cells);
  expect(exported[0]!.slice(0, 3)).toEqual(['企业名称', '统一社会信用代码', '列入日期']);
  expect(exported).toHaveLength(10);
  expect(exported.map((r) => r[1]).sort()).toContain('91310118MA1J9FNQ53');

  const again = join(dir, 'exported.csv');
  writeFileSync(again, bytes);
  await page.getByTestId('import-reset').click();
  await importThrough(page, 'serious', again);
  await expect(page.getByTestId('import-count-imported')).toHaveAttribute('data-count', '9');
  await expect(row).toHaveCount(2);

  // removal needs a confirmation; cancelling keeps the list
  await row.first().getByTestId('list-remove').click();
  await row.first().getByTestId('list-remove-cancel').click();
  await expect(row).toHaveCount(2);
  await row.first().getByTestId('list-remove').click();
  await row.first().getByTestId('list-remove-confirm').click();
  await expect(row).toHaveCount(1);
  expect((await stored(extContext)).lists).toHaveLength(1);
});

test('the import report accounts for every row and line, and a stray quote is reported at its line', async ({ page, extensionId }) => {
  // a title row, the header, good rows, a blank line, a repeated header, a cell across two lines,
  // an invalid date, and at line 500 a name that opens a quote and never closes it
  const lines = ['严重违法失信名单（第一批）', SERIOUS_HEADER];
  for (let i = 3; i <= 1000; i++) {
    if (i === 500) lines.push(`"上海引号${i}贸易有限公司,${code(i)},2024-03-01,未取得许可从事经营,上海市某区市场监督管理局,`);
    else if (i === 600) lines.push('');
    else if (i === 700) lines.push(SERIOUS_HEADER);
    else if (i === 800) lines.push(`上海换行${i}贸易有限公司,${code(i)},2024-03-01,"未取得许可\r\n从事经营",上海市某区市场监督管理局,`);
    else if (i === 900) lines.push(`上海日期${i}贸易有限公司,${code(i)},2024-02-30,原因,机关,`);
    else lines.push(`上海测试${i}贸易有限公司,${code(i)},2024-03-01,未取得许可从事经营,上海市某区市场监督管理局,`);
  }
  const file = join(dir, 'stray-quote.csv');
  writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);

  await openLists(page, extensionId);
  await expect(page.getByTestId('import-file-chosen')).toHaveText('尚未选择文件');
  await choose(page, 'serious', file);
  await expect(page.getByTestId('import-file-chosen')).toContainText('已选择：stray-quote.csv');
  await expect(page.getByTestId('import-header-row')).toHaveValue('1');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });

  // 1,000 lines in the file and 1,001 physical lines (the cell across two lines): 2 above the data, 998 data rows
  await expect(page.getByTestId('import-count-imported')).toHaveAttribute('data-count', '994');
  await expect(page.getByTestId('import-count-invalid')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('import-count-skipped')).toHaveAttribute('data-count', '2');
  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('data-ok', 'true');
  await expect(report.getByTestId('import-report-rows')).toHaveText(
    '读取数据 998 行 = 导入 994 + 无效 2 + 跳过 2（空行 1、分节标题 0、重复表头 1） ✓ 相符',
  );
  await expect(report.getByTestId('import-report-lines')).toHaveText('文件逐行计数 1,001 行，读取器读到 1,001 行 ✓ 相符');
  await expect(report.getByTestId('import-report-records')).toHaveText(
    '1,001 行 = 表头及以上 2 行 + 数据 998 行 + 读取时略过的空行 0 行 + 单元格内换行 1 行 ✓ 相符',
  );
  const invalidRows = page.getByTestId('import-invalid-rows').locator('tbody tr');
  await expect(invalidRows).toHaveCount(2);
  await expect(invalidRows.nth(0).locator('td').nth(0)).toHaveText('500');
  await expect(invalidRows.nth(0).locator('td').nth(1)).toContainText('引号不成对');
  await expect(invalidRows.nth(1).locator('td').nth(0)).toHaveText('901');
  await expect(invalidRows.nth(1).locator('td').nth(1)).toContainText('列入日期“2024-02-30”不是有效日期');

  // the rows after the stray quote are on the list
  await page.getByTestId('lists-search').fill(code(999));
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
  await page.getByTestId('lists-search').fill('上海引号500');
  await expect(page.getByTestId('lists-search-none')).toBeVisible();
});

test.describe('a malformed file gets a clear Chinese error and changes nothing', () => {
  const malformed: { name: string; make: (path: string) => void; kind?: string; expected: RegExp; at: 'read' | 'preview' | 'import' }[] = [
    { name: 'an empty file', make: (p) => writeFileSync(p, ''), expected: /文件为空/, at: 'read' },
    {
      name: 'binary junk',
      make: (p) => writeFileSync(p, Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919 + 13) % 256))),
      expected: /不是文本表格|无法识别文件编码/,
      at: 'read',
    },
    {
      name: 'a file in the wrong encoding after its first rows',
      make: (p) => {
        const good =
          `${SERIOUS_HEADER}\n` +
          Array.from({ length: 20_000 }, (_, i) => `上海良好${i}有限公司,${code(i)},2024-01-02,原因,机关,\n`).join('');
        // past the first megabyte (so the preview reads fine), bytes that are not UTF-8, as when two exports are pasted together
        writeFileSync(p, Buffer.concat([Buffer.from(good, 'utf8'), Buffer.from([0x82, 0xa0, 0x82, 0xa2, 0x0a, 0xff, 0xfe, 0x0a])]));
      },
      expected: /无法按 UTF-8 解码/,
      at: 'import',
    },
    {
      name: 'missing required columns',
      make: (p) => writeFileSync(p, '\uFEFF甲,乙,丙\n1,2,3\n'),
      expected: /缺少必需的列：企业名称或统一社会信用代码、列入日期/,
      at: 'preview',
    },
    {
      name: 'a 50 MB single line',
      make: (p) => {
        const fd = openSync(p, 'w');
        const block = Buffer.alloc(1 << 20, 'a');
        for (let i = 0; i < 50; i++) writeSync(fd, block);
        closeSync(fd);
      },
      expected: /第 1 行超过 .*文件可能已损坏/,
      at: 'read',
    },
    {
      name: 'a file whose every row is invalid',
      make: (p) =>
        writeFileSync(
          p,
          `${SERIOUS_HEADER}\n上海甲有限公司,${code(1)},不是日期,,,\n,,2024-01-01,,,\n上海乙有限公司,${code(2)},2024-13-45,,,\n`,
        ),
      expected: /全部 3 行数据都无效/,
      at: 'import',
    },
  ];

  for (const m of malformed) {
    test(m.name, async ({ page, extContext, extensionId }) => {
      await openLists(page, extensionId);
      await importThrough(page, 'serious', `${DEMO}/serious-list.csv`);
      const before = await stored(extContext);
      expect(before.lists).toHaveLength(1);

      const file = join(dir, `malformed-${m.name.replace(/\W+/g, '-')}.csv`);
      m.make(file);
      await page.getByTestId('import-reset').click();
      await choose(page, m.kind ?? 'serious', file);
      if (m.at === 'preview') {
        await expect(page.getByTestId('import-missing')).toHaveText(m.expected);
        await expect(page.getByTestId('import-start')).toBeDisabled();
      } else {
        if (m.at === 'import') await page.getByTestId('import-start').click();
        const error = page.getByTestId('import-error');
        await expect(error).toBeVisible({ timeout: 30_000 });
        await expect(error).toHaveText(m.expected);
        await expect(error).toContainText('原有名单未改变');
      }
      if (m.name.includes('every row')) {
        await expect(page.getByTestId('import-invalid-rows').locator('tbody tr')).toHaveCount(3);
        await expect(page.getByTestId('import-invalid-rows')).toContainText('列入日期');
      }
      expect(await stored(extContext)).toEqual(before);
      await expect(page.getByTestId('list-row')).toHaveCount(1);
    });
  }
});

test('cancelling a large import changes nothing; a replacement keeps the old list until the new one is complete', async ({
  page,
  extContext,
  extensionId,
}) => {
  test.setTimeout(120_000);
  const big = bigFile();

  await openLists(page, extensionId);
  await importThrough(page, 'serious', `${DEMO}/serious-list.csv`, { name: '旧名单' });
  const before = await stored(extContext);
  const oldId = before.lists[0]!.id;

  // cancel mid-import
  await page.getByTestId('import-reset').click();
  await choose(page, 'serious', big);
  await page.getByTestId('import-start').click();
  await expect
    .poll(async () => Number(await page.getByTestId('import-progress-text').getAttribute('data-rows')), { timeout: 30_000 })
    .toBeGreaterThan(0);
  // another dashboard page and back: the import went on meanwhile
  await page.getByTestId('nav-sites').click();
  await page.getByTestId('nav-lists').click();
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-cancelled')).toBeVisible({ timeout: 30_000 });
  expect(await stored(extContext)).toEqual(before);

  // replace: while the new list is staged the old one stays active and is the one a lookup finds
  await chooseReplace(page, '旧名单');
  await page.getByTestId('import-start').click();
  await expect.poll(async () => (await stored(extContext)).lists.length, { timeout: 30_000 }).toBe(2);
  const during = await stored(extContext);
  expect(during.lists.find((l) => l.id === oldId)).toMatchObject({ status: 'active', rowCount: 9 });
  expect(during.lists.find((l) => l.id !== oldId)).toMatchObject({ status: 'pending' });
  await expect(page.getByTestId('list-row')).toHaveCount(1);
  await expect(page.getByTestId('list-row')).toHaveAttribute('data-name', '旧名单');

  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 90_000 });
  const after = await stored(extContext);
  expect(after.lists).toHaveLength(1);
  expect(after.lists[0]).toMatchObject({ status: 'active', rowCount: 400_000, name: `严重违法失信名单 ${chinaToday()}` });
  expect(after.chunks[oldId]).toBeUndefined();
  await expect(page.getByTestId('list-row')).toHaveCount(1);
  await expect(page.getByTestId('list-row')).toHaveAttribute('data-name', `严重违法失信名单 ${chinaToday()}`);
});

test('closing the tab mid-import leaves the lists as they were; the staged rows are purged at the next start', async ({
  page,
  extContext,
  extensionId,
}) => {
  test.setTimeout(120_000);
  await openLists(page, extensionId);
  await importThrough(page, 'serious', `${DEMO}/serious-list.csv`);
  const before = await stored(extContext);

  const tab = await extContext.newPage();
  await openLists(tab, extensionId);
  await choose(tab, 'serious', bigFile());
  await tab.getByTestId('import-start').click();
  await expect
    .poll(async () => Number(await tab.getByTestId('import-progress-text').getAttribute('data-rows')), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect.poll(async () => Object.keys((await stored(extContext)).chunks).length, { timeout: 30_000 }).toBe(2);
  await tab.close();

  // what the browser kept: the old list as it was, and a pending list no lookup reads
  const left = await stored(extContext);
  expect(left.lists.filter((l) => l.status === 'active')).toEqual(before.lists);
  expect(left.lists.filter((l) => l.status === 'pending')).toHaveLength(1);
  await page.reload();
  await expect(page.getByTestId('list-row')).toHaveCount(1);
  await page.getByTestId('lists-search').fill('上海测试1贸易');
  await expect(page.getByTestId('lists-search-none')).toBeVisible();

  // two minutes without a heartbeat later, the next start purges the staged rows
  await inExtension(extContext, async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('credit-case-assistant');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction('lists', 'readwrite');
    const lists = tx.objectStore('lists');
    const req = lists.getAll();
    req.onsuccess = () => {
      for (const l of req.result as { status: string; heartbeatAt: number }[]) {
        if (l.status === 'pending') lists.put({ ...l, heartbeatAt: l.heartbeatAt - 10 * 60_000 });
      }
    };
    await new Promise<void>((res, rej) => ((tx.oncomplete = () => res()), (tx.onerror = () => rej(tx.error))));
    db.close();
  });
  await page.reload();
  await expect(page.getByTestId('list-row')).toHaveCount(1);
  await expect.poll(() => stored(extContext)).toEqual(before);
});

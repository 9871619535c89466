import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { upgradeLegacyCase, type LedgerCase, type LedgerEntry, type LegacyCase } from '../../lib/db';
import { readCsv, readXlsx, readXlsxMerges } from '../../lib/io';
import { caseIdentity } from '../../lib/db/identity';
import { exportLedgerFile } from '../../lib/ledger/exchange';
import { normalizePartyName } from '../../lib/party';
import { expect, test } from './fixtures';

const CITY = '某市市场监督管理局';
const COUNTY_A = '甲县市场监督管理局';
const COUNTY_B = '乙县市场监督管理局';
const COUNTY_C = '丙县市场监督管理局';

/** A stored ledger case as lib/ledger writes it. */
function ledgerCase(over: Partial<LedgerCase> & Pick<LedgerCase, 'decisionNo' | 'partyName' | 'unit'>): LedgerEntry {
  const c: LegacyCase = {
    id: '',
    caseNo: null,
    partyNameNorm: normalizePartyName(over.partyName),
    uscc: null,
    domain: 'food',
    domainSource: 'item',
    verdict: 'must-list',
    packId: 'order44-2021',
    packVersion: '1.0.0',
    citations: ['order44-2021/art2/2'],
    unlisted: 'no',
    listingDecision: 'yes',
    listingDate: null,
    exposureDate: null,
    repeatPublicityDate: null,
    decisionDate: '2023-07-01',
    creditRepaired: false,
    recorder: '张三',
    origin: 'local',
    createdAt: '2023-07-01T02:00:00.000Z',
    updatedAt: '2023-07-01T02:00:00.000Z',
    revision: 1,
    ...over,
  };
  return upgradeLegacyCase({ ...c, id: caseIdentity(c)! });
}

const A1 = ledgerCase({
  decisionNo: '甲市监处罚〔2023〕1号',
  partyName: '甲县一号餐饮有限公司',
  unit: COUNTY_A,
  domain: 'food',
  listingDate: '2023-07-10',
});
const A2 = ledgerCase({
  decisionNo: '甲市监处罚〔2023〕2号',
  partyName: '甲县药房有限公司',
  unit: COUNTY_A,
  domain: 'drug',
  listingDate: '2023-08-01',
  exposureDate: '2023-08-05',
});
const S1 = ledgerCase({
  decisionNo: '甲市监处罚〔2023〕3号',
  partyName: '甲县电器制造有限公司',
  uscc: '91410300MA44XXXX0T',
  unit: COUNTY_A,
  domain: 'quality',
  listingDate: '2023-09-01',
  repeatPublicityDate: '2023-09-02',
});
/** must be listed, but no listing decision yet: 应列未列 */
const U1 = ledgerCase({
  decisionNo: '甲市监处罚〔2023〕4号',
  partyName: '甲县未列商贸有限公司',
  unit: COUNTY_A,
  domain: 'other',
  unlisted: 'yes',
  listingDecision: 'no',
});
const B1 = ledgerCase({
  decisionNo: '乙市监处罚〔2023〕1号',
  partyName: '乙县美容有限公司',
  unit: COUNTY_B,
  domain: 'consumer',
  listingDate: '2023-07-20',
});
const B2 = ledgerCase({
  decisionNo: '乙市监处罚〔2023〕2号',
  partyName: '乙县建材有限公司',
  unit: COUNTY_B,
  domain: 'competition',
  listingDate: '2023-10-01',
  exposureDate: '2023-10-01',
});
const C1 = ledgerCase({
  decisionNo: '丙市监处罚〔2023〕1号',
  partyName: '丙县食品有限公司',
  unit: COUNTY_C,
  domain: 'food',
  listingDate: '2023-10-10',
});

async function countyFiles() {
  const now = new Date('2023-11-30T08:00:00Z');
  return {
    a: await exportLedgerFile([A1, A2, S1, U1], COUNTY_A, { now }),
    // B carries S1, merged earlier from A, unchanged
    b: await exportLedgerFile([B1, B2, { ...S1, origin: COUNTY_A }], COUNTY_B, { now }),
    // C carries A2 unchanged and A1 with another listing date and another pack version: two conflicting fields
    c: await exportLedgerFile(
      [C1, A2, { ...A1, listingDate: '2023-07-11', packVersion: '1.1.0', revision: 2, updatedAt: '2023-07-11T02:00:00.000Z' }],
      COUNTY_C,
      { now },
    ),
  };
}

const json = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });

/** A fresh ledger holding 甲县's four cases, merged from its exchange file (the page left on the merge tab). */
async function ledgerOfCountyA(page: Page, extensionId: string): Promise<void> {
  await resetLedger(page, extensionId);
  const files = await countyFiles();
  await page.getByTestId('tab-merge').click();
  await page.getByTestId('merge-files').setInputFiles([json('甲县-台账.json', files.a)]);
  await page.getByTestId('merge-apply').click();
  await expect(page.getByTestId('merge-file')).toHaveAttribute('data-status', 'applied');
}

/** Empties the database tables and sets the unit in settings, then reloads the page. */
async function resetLedger(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html#ledger`);
  await expect(page.getByTestId('ledger-count')).toBeVisible();
  await page.evaluate(
    async ({ unitName }) => {
      await new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('credit-case-assistant');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readwrite');
          for (const n of names) tx.objectStore(n).clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
      const chrome = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome;
      await chrome.storage.local.set({ settings: { unitName, recorderName: '李四' } });
    },
    { unitName: CITY },
  );
  await page.reload();
}

/** A case as stored: its row, its revision history and its tally facts, read straight from IndexedDB. */
async function storedCase(page: Page, id: string): Promise<{ case: unknown; history: unknown; facts: unknown[] }> {
  return page.evaluate(
    (id) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('credit-case-assistant');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['cases', 'histories', 'tallyFacts'], 'readonly');
          const out: { case: unknown; history: unknown; facts: unknown[] } = { case: null, history: null, facts: [] };
          tx.objectStore('cases').get(id).onsuccess = (e) => (out.case = (e.target as IDBRequest).result ?? null);
          tx.objectStore('histories').get(id).onsuccess = (e) => (out.history = (e.target as IDBRequest).result ?? null);
          tx.objectStore('tallyFacts').getAll(IDBKeyRange.bound([id], [id, []])).onsuccess = (e) =>
            (out.facts = (e.target as IDBRequest).result as unknown[]);
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    id,
  );
}

/**
 * Clicks a download button; returns the download and the file name the page gave it. (Chromium reports a
 * non-ASCII name as "download" when its process runs without a UTF-8 locale, so the name is read from the link.)
 */
async function downloadOf(page: Page, testid: string): Promise<{ download: Download; name: string }> {
  await page.evaluate(() => {
    const w = window as unknown as { lastDownloadName?: string };
    w.lastDownloadName = undefined;
    document.addEventListener(
      'click',
      (e) => {
        if (e.target instanceof HTMLAnchorElement && e.target.download) w.lastDownloadName = e.target.download;
      },
      { capture: true },
    );
  });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const name = await page.evaluate(() => (window as unknown as { lastDownloadName?: string }).lastDownloadName ?? '');
  return { download, name };
}

async function bytesOf(download: Download): Promise<Uint8Array> {
  return new Uint8Array(readFileSync(await download.path()));
}

async function xlsxRows(bytes: Uint8Array): Promise<string[][]> {
  const out: string[][] = [];
  for await (const r of readXlsx(bytes)) out[r.line - 1] = r.cells;
  return out;
}

function cell(page: Page, row: string, col: string) {
  return page.locator(`[data-testid="stats-table"] tr[data-row="${row}"] td[data-col="${col}"]`);
}

test.describe('台账, 统计表 and 合并', () => {
  test('three county files merge without double counting; the table exports as XLSX', async ({ page, extensionId }) => {
    await resetLedger(page, extensionId);
    const files = await countyFiles();
    const tampered = files.a.replace('"2023-08-01"', '"2023-08-02"');

    // the tabs follow the arrow keys
    await page.getByTestId('tab-ledger').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('tab-stats')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('tab-stats')).toBeFocused();
    await page.getByTestId('tab-merge').click();
    await page
      .getByTestId('merge-files')
      .setInputFiles([
        json('甲县-台账.json', files.a),
        json('乙县-台账.json', files.b),
        json('丙县-台账.json', files.c),
        json('被改过的台账.json', tampered),
        json('不是台账.json', '{"hello":1}'),
      ]);
    const rows = page.getByTestId('merge-file');
    await expect(rows).toHaveCount(5);
    await expect(rows.nth(3)).toHaveAttribute('data-status', 'invalid');
    await expect(rows.nth(3)).toContainText('校验和不符');
    await expect(rows.nth(4)).toContainText('这不是信用办案助手导出的台账文件');

    // 甲县: everything is new; nothing is written before 合并
    await expect(page.getByTestId('plan-add')).toContainText('4');
    await page.getByTestId('tab-ledger').click();
    await expect(page.getByTestId('ledger-count')).toHaveText('共 0 件');
    await page.getByTestId('tab-merge').click();
    await expect(page.getByTestId('plan-add')).toContainText('4');
    await page.getByTestId('merge-apply').click();

    // 乙县: two new cases, S1 identical
    await expect(page.getByTestId('merge-plan')).toContainText('乙县-台账.json');
    await expect(page.getByTestId('plan-add')).toContainText('2');
    await expect(page.getByTestId('plan-same')).toContainText('1');
    await expect(page.getByTestId('plan-conflicts')).toContainText('0');
    await page.getByTestId('merge-apply').click();

    // 丙县: C1 new, A2 identical, A1 conflicting on two fields, chosen one by one
    await expect(page.getByTestId('merge-plan')).toContainText('丙县-台账.json');
    await expect(page.getByTestId('plan-add')).toContainText('1');
    await expect(page.getByTestId('plan-same')).toContainText('1');
    const conflict = page.getByTestId('conflict');
    await expect(conflict).toHaveCount(1);
    const listing = conflict.locator('tr[data-field="listingDate"]');
    await expect(listing).toContainText('列入日期');
    await expect(listing.locator('td[data-col="mine"]')).toContainText('2023-07-10');
    await expect(listing.locator('td[data-col="mine"]')).toContainText(COUNTY_A);
    await expect(listing.locator('td[data-col="theirs"]')).toContainText('2023-07-11');
    await expect(conflict.locator('tr[data-field]')).toHaveCount(2);
    await expect(page.getByTestId('merge-apply')).toBeDisabled();
    await listing.getByTestId('choose-mine').check();
    await expect(page.getByTestId('merge-apply')).toBeDisabled();
    await conflict.locator('tr[data-field="packVersion"]').getByTestId('choose-theirs').check();
    await page.getByTestId('merge-apply').click();
    await expect(page.getByTestId('merge-plan')).toHaveCount(0);
    await expect(rows.nth(2)).toHaveAttribute('data-status', 'applied');

    // importing 甲县 again changes nothing
    await page.getByTestId('merge-files').setInputFiles([json('甲县-台账.json', files.a)]);
    await expect(page.getByTestId('plan-add')).toContainText('0');
    await expect(page.getByTestId('plan-same')).toContainText('4');
    await page.getByTestId('merge-apply').click();

    // the ledger: 7 distinct cases, the 应列未列 one highlighted, A1's listing date as kept
    await page.getByTestId('tab-ledger').click();
    await expect(page.getByTestId('ledger-count')).toHaveText('共 7 件');
    await expect(page.locator(`tr[data-id="${U1.id}"]`)).toHaveClass(/unlisted-yes/);
    await expect(page.locator(`tr[data-id="${A1.id}"] td[data-col="listing"]`)).toContainText('2023-07-10');
    // its history says who changed what: the pack version taken from 丙县, nothing else
    await page.locator(`tr[data-id="${A1.id}"]`).getByTestId('row-history').click();
    const merged = page.getByTestId('history').getByTestId('revision').first();
    await expect(merged).toHaveAttribute('data-kind', 'merge');
    await expect(merged).toContainText(`合并（来自 ${COUNTY_C}）`);
    await expect(merged).toContainText(CITY);
    await expect(merged.locator('li[data-field]')).toHaveCount(1);
    await expect(merged.locator('li[data-field="packVersion"]')).toContainText('规则包版本：1.0.0 → 1.1.0');
    await page.locator(`tr[data-id="${A1.id}"]`).getByTestId('row-history').click();
    await expect(page.getByTestId('history')).toHaveCount(0);
    await page.getByTestId('ledger-unlisted-only').check();
    await expect(page.getByTestId('ledger-row')).toHaveCount(1);
    await page.getByTestId('ledger-unlisted-only').uncheck();
    await page.getByTestId('ledger-search').fill('乙县');
    await expect(page.getByTestId('ledger-row')).toHaveCount(2);
    await page.getByTestId('ledger-search').fill('');
    await expect(page.getByTestId('ledger-row')).toHaveCount(7);

    // the statistics table over the merged whole, 专项行动期间
    await page.getByTestId('tab-stats').click();
    await page.getByTestId('period-campaign').click();
    await page.getByTestId('scope-all').check();
    const table = page.getByTestId('stats-table');
    await expect(table).toContainText('经营主体严重违法失信行为专项治理行动工作情况表');
    await expect(page.getByTestId('stats-unit')).toHaveText(`填报单位：${CITY}`);
    await expect(page.getByTestId('stats-time')).toHaveText('时间：2023年6月1日至2023年12月31日');
    await expect(table.locator('tbody th')).toHaveText([
      '食品安全',
      '药品、医疗器械、化妆品',
      '质量安全',
      '侵害消费者权益',
      '破坏公平竞争秩序和扰乱市场秩序',
      '其他',
      '合计',
    ]);
    const expected: Record<string, [number, number, number]> = {
      food: [2, 0, 0],
      drug: [1, 0, 1],
      quality: [1, 1, 0],
      consumer: [1, 0, 0],
      competition: [1, 0, 1],
      other: [0, 0, 0],
      total: [6, 1, 2],
    };
    for (const [row, [listed, repeat, exposed]] of Object.entries(expected)) {
      await expect(cell(page, row, 'listed')).toHaveText(String(listed));
      await expect(cell(page, row, 'repeatOffenders')).toHaveText(String(repeat));
      await expect(cell(page, row, 'exposed')).toHaveText(String(exposed));
    }
    await expect(page.getByTestId('counting-rules')).toContainText('同一案件');

    const xlsx = await downloadOf(page, 'export-xlsx');
    expect(xlsx.name).toBe(`工作情况表_${CITY}_2023-06-01_2023-12-31.xlsx`);
    const bytes = await bytesOf(xlsx.download);
    const sheet = await xlsxRows(bytes);
    expect(sheet[0]![0]).toBe('经营主体严重违法失信行为专项治理行动工作情况表');
    expect(sheet[1]![0]).toBe(`填报单位：${CITY}`);
    expect(sheet[1]![2]).toBe('时间：2023年6月1日至2023年12月31日');
    expect(sheet[2]).toEqual([
      '监管领域',
      '列入严重违法失信名单（件）',
      '集中公示“屡禁不止、屡罚不改”经营主体户数（户）',
      '宣传曝光典型案例（件）',
    ]);
    expect(sheet.slice(3, 10).map((r) => [r[0], ...r.slice(1).map(Number)])).toEqual([
      ['食品安全', ...expected.food!],
      ['药品、医疗器械、化妆品', ...expected.drug!],
      ['质量安全', ...expected.quality!],
      ['侵害消费者权益', ...expected.consumer!],
      ['破坏公平竞争秩序和扰乱市场秩序', ...expected.competition!],
      ['其他', ...expected.other!],
      ['合计', ...expected.total!],
    ]);
    expect((await readXlsxMerges(bytes)).sort()).toEqual(['A1:D1', 'A2:B2', 'C2:D2']);

    const csvDownload = await downloadOf(page, 'export-csv');
    expect(csvDownload.name).toBe(`工作情况表_${CITY}_2023-06-01_2023-12-31.csv`);
    const csv = await bytesOf(csvDownload.download);
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvRows: string[][] = [];
    for await (const r of readCsv(csv)) csvRows.push(r.cells);
    expect(csvRows.at(-1)).toEqual(['合计', '6', '1', '2']);

    // 打印 opens the print view (no inline script: the opener prints it)
    const [printView] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('print').click()]);
    await expect(printView.locator('h1')).toHaveText('经营主体严重违法失信行为专项治理行动工作情况表');
    await expect(printView.locator('tr.total')).toHaveText(/合计\s*6\s*1\s*2/);
    await printView.close();

    // one county on its own
    await page.getByTestId('scope-unit').check();
    await page.getByTestId('scope-unit-select').selectOption(COUNTY_A);
    await expect(page.getByTestId('stats-unit')).toHaveText(`填报单位：${COUNTY_A}`);
    await expect(cell(page, 'total', 'listed')).toHaveText('3');
    await expect(cell(page, 'total', 'repeatOffenders')).toHaveText('1');
    await expect(cell(page, 'total', 'exposed')).toHaveText('1');

    // the charts over the same period
    await page.getByTestId('tab-charts').click();
    await expect(page.getByTestId('chart-listings').locator('svg title').first()).toBeAttached();
    await expect(page.getByTestId('chart-verdicts-table').locator('tr[data-verdict="must-list"] td').first()).toHaveText('4');
  });

  test('a row is edited in place, and a deletion can be undone', async ({ page, extensionId }) => {
    await ledgerOfCountyA(page, extensionId);
    await page.getByTestId('tab-ledger').click();
    await expect(page.getByTestId('ledger-count')).toHaveText('共 4 件');

    const row = page.locator(`tr[data-id="${U1.id}"]`);
    await expect(row).toHaveClass(/unlisted-yes/);
    await row.getByTestId('row-edit').click();
    const editor = page.getByTestId('ledger-edit');
    await editor.getByTestId('edit-listingDecision').selectOption('yes');
    await editor.getByTestId('edit-listingDate').fill('2023-13-01');
    await editor.getByTestId('edit-save').click();
    await expect(page.getByTestId('edit-error')).toContainText('不是有效日期');
    await editor.getByTestId('edit-listingDate').fill('2023-11-01');
    await editor.getByTestId('edit-domain').selectOption('consumer');
    await editor.getByTestId('edit-save').click();
    await expect(editor).toHaveCount(0);
    await expect(row.getByTestId('row-edit')).toBeFocused();
    await expect(row.locator('td[data-col="listing"]')).toContainText('2023-11-01');
    await expect(row.locator('td[data-col="domain"]')).toHaveText('侵害消费者权益');
    await expect(row).not.toHaveClass(/unlisted/);

    // who changed the listing date: the history answers
    await row.getByTestId('row-history').click();
    const latest = page.getByTestId('history').getByTestId('revision').first();
    await expect(latest).toHaveAttribute('data-kind', 'edit');
    await expect(latest).toContainText(`${CITY} 李四`);
    await expect(latest.locator('li[data-field="listingDate"]')).toContainText('列入日期：（无） → 2023-11-01');
    await expect(latest.locator('li[data-field="domain"]')).toContainText('监管领域：其他 → 侵害消费者权益');

    // the table counts the edit: the listing date this unit recorded counts for it; the others are 甲县's
    await page.getByTestId('tab-stats').click();
    await page.getByTestId('period-campaign').click();
    await expect(page.getByTestId('scope-own')).toBeChecked();
    await expect(cell(page, 'total', 'listed')).toHaveText('1');
    await page.getByTestId('scope-all').check();
    await expect(cell(page, 'consumer', 'listed')).toHaveText('1');
    await expect(cell(page, 'total', 'listed')).toHaveText('4');

    await page.getByTestId('tab-ledger').click();
    await page.locator(`tr[data-id="${A2.id}"]`).getByTestId('row-delete').click();
    await expect(page.getByTestId('undo-bar')).toBeVisible();
    await expect(page.getByTestId('ledger-count')).toHaveText('共 3 件');
    await expect(page.locator(`tr[data-id="${A2.id}"]`)).toHaveCount(0);
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('ledger-notice')).toContainText('已恢复 1 件');
    await expect(page.getByTestId('ledger-count')).toHaveText('共 4 件');
    await expect(page.locator(`tr[data-id="${A2.id}"] td[data-col="exposure"]`)).toHaveText('2023-08-05');
  });

  test('two deletions in a row stay undoable across a look at the other tabs, newest first', async ({ page, extensionId }) => {
    await ledgerOfCountyA(page, extensionId);
    await page.getByTestId('tab-ledger').click();
    await expect(page.getByTestId('ledger-count')).toHaveText('共 4 件');

    await page.locator(`tr[data-id="${A1.id}"]`).getByTestId('row-delete').click();
    await expect(page.getByTestId('undo-pending')).toContainText('可撤销 1 次删除');
    await page.locator(`tr[data-id="${A2.id}"]`).getByTestId('row-delete').click();
    await expect(page.getByTestId('undo-pending')).toContainText('可撤销 2 次删除');
    await expect(page.getByTestId('ledger-count')).toHaveText('共 2 件');

    // the ledger tab unmounts while another is shown; the pending undos are the container's
    await page.getByTestId('tab-stats').click();
    await expect(page.getByTestId('undo-bar')).toHaveCount(0);
    await page.getByTestId('tab-charts').click();
    await page.getByTestId('tab-ledger').click();
    await expect(page.getByTestId('undo-pending')).toContainText('可撤销 2 次删除');

    // newest first: A2 comes back, then A1
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('ledger-notice')).toContainText('已恢复 1 件');
    await expect(page.locator(`tr[data-id="${A2.id}"]`)).toHaveCount(1);
    await expect(page.locator(`tr[data-id="${A1.id}"]`)).toHaveCount(0);
    await expect(page.getByTestId('undo-pending')).toContainText('可撤销 1 次删除');
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('ledger-count')).toHaveText('共 4 件');
    await expect(page.locator(`tr[data-id="${A1.id}"]`)).toHaveCount(1);
    await expect(page.getByTestId('undo-bar')).toHaveCount(0);
  });

  test('a deletion is offered again after a reload, naming its party and time; 撤销 restores exactly what was deleted', async ({
    page,
    extensionId,
  }) => {
    await ledgerOfCountyA(page, extensionId);
    await page.getByTestId('tab-ledger').click();
    await expect(page.getByTestId('ledger-count')).toHaveText('共 4 件');
    const before = await storedCase(page, A2.id);
    expect(before.case).not.toBeNull();

    await page.locator(`tr[data-id="${A2.id}"]`).getByTestId('row-delete').click();
    await expect(page.getByTestId('undo')).toBeFocused();
    await expect(page.getByTestId('ledger-count')).toHaveText('共 3 件');
    await page.reload();
    await expect(page.getByTestId('ledger-count')).toHaveText('共 3 件');
    await expect(page.getByTestId('undo-bar')).toContainText('已删除 1 件案件');
    await expect(page.getByTestId('undo-what')).toHaveText(
      new RegExp(`^当事人：${A2.partyName}。 删除于 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d。$`),
    );
    await expect(page.getByTestId('undo-pending')).toContainText('可撤销 1 次删除');

    await page.getByTestId('undo').click();
    await expect(page.getByTestId('ledger-notice')).toContainText('已恢复 1 件');
    // the focus goes to the restored row, not to the page's body
    await expect(page.locator(`tr[data-id="${A2.id}"]`).getByTestId('row-edit')).toBeFocused();
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-id'))).toBe(A2.id);
    expect(await storedCase(page, A2.id)).toEqual(before);
    await page.reload();
    await expect(page.getByTestId('ledger-count')).toHaveText('共 4 件');
    await expect(page.getByTestId('undo-bar')).toHaveCount(0);
  });

  test('two dashboard tabs: an undo made in one is no longer offered in the other, nor a dismissed one', async ({ page, extensionId }) => {
    await ledgerOfCountyA(page, extensionId);
    await page.getByTestId('tab-ledger').click();
    await page.locator(`tr[data-id="${A1.id}"]`).getByTestId('row-delete').click();
    await expect(page.getByTestId('undo-pending')).toContainText('可撤销 1 次删除');
    const other = await page.context().newPage();
    try {
      await other.goto(`chrome-extension://${extensionId}/options.html#ledger`);
      await expect(other.getByTestId('undo-what')).toContainText(A1.partyName);
      await other.getByTestId('undo').click();
      await expect(other.getByTestId('ledger-notice')).toContainText('已恢复 1 件');
      await expect(page.getByTestId('undo-bar')).toHaveCount(0);
      await expect(page.getByTestId('ledger-count')).toHaveText('共 4 件');

      // 关闭 in one tab: the other stops offering it; the focus goes to the table, the case stays deleted
      await other.locator(`tr[data-id="${A2.id}"]`).getByTestId('row-delete').click();
      await expect(page.getByTestId('undo-what')).toContainText(A2.partyName);
      await page.getByTestId('undo-dismiss').click();
      await expect(page.getByTestId('undo-bar')).toHaveCount(0);
      await expect(page.getByTestId('ledger-table')).toBeFocused();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('ledger-table');
      await expect(other.getByTestId('undo-bar')).toHaveCount(0);
      await other.reload();
      await expect(other.getByTestId('ledger-count')).toHaveText('共 3 件');
      await expect(other.getByTestId('undo-bar')).toHaveCount(0);
    } finally {
      await other.close();
    }
  });

  test('at office resolutions the 编辑 and 删除 of every row are reachable without scrolling sideways', async ({ page, extensionId }) => {
    await ledgerOfCountyA(page, extensionId);
    for (const [width, height] of [
      [1366, 768],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.getByTestId('tab-ledger').click();
      await expect(page.getByTestId('ledger-row')).toHaveCount(4);
      for (const testid of ['row-edit', 'row-history', 'row-delete']) {
        for (const button of await page.getByTestId(testid).all()) {
          // below the fold is fine (scrolling down); beside it is not
          const box = (await button.boundingBox())!;
          expect(box.x, `${testid} at ${width}×${height}`).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, `${testid} at ${width}×${height}`).toBeLessThanOrEqual(width);
        }
      }
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
    }
  });
});

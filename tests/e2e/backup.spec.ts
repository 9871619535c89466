import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import 'fake-indexeddb/auto';
import { CreditDb, upgradeLegacyCase, type LedgerCase, type LedgerEntry, type LegacyCase } from '../../lib/db';
import { caseIdentity } from '../../lib/db/identity';
import { createBackup } from '../../lib/ledger/backup/create';
import { exportLedgerFile } from '../../lib/ledger/exchange';
import { normalizePartyName } from '../../lib/party';
import { expect, test } from './fixtures';

const UNIT = '某县市场监督管理局';
const PASSPHRASE = '正确的口令 horse battery';

function ledgerCase(n: number, over: Partial<LedgerCase> = {}): LedgerEntry {
  const partyName = `某某商贸有限公司${n}`;
  const c: LegacyCase = {
    id: '',
    decisionNo: `某市监处罚〔2023〕${n}号`,
    caseNo: `AJ-2023-${n}`,
    partyName,
    partyNameNorm: normalizePartyName(partyName),
    uscc: null,
    domain: 'food',
    domainSource: 'item',
    verdict: 'must-list',
    packId: 'order44-2021',
    packVersion: '1.0.0',
    citations: ['order44-2021/art2/2'],
    unlisted: 'no',
    listingDecision: 'yes',
    listingDate: `2023-07-1${n}`,
    exposureDate: null,
    repeatPublicityDate: null,
    decisionDate: '2023-07-01',
    creditRepaired: false,
    unit: UNIT,
    recorder: '张三',
    origin: 'local',
    createdAt: '2023-07-01T02:00:00.000Z',
    updatedAt: '2023-07-01T02:00:00.000Z',
    revision: 1,
    ...over,
  };
  return upgradeLegacyCase({ ...c, id: caseIdentity(c)! });
}

type Chrome = { storage: { local: { get(k: null): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } };

/** Every ledger case, by id, read straight from IndexedDB. */
function readCases(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const req = indexedDB.open('credit-case-assistant');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const all = db.transaction('cases', 'readonly').objectStore('cases').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

function readStorage(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get(null));
}

/** Runs raw IndexedDB work on the extension's database (clear tables, delete a row) in one transaction. */
function writeDb(page: Page, op: { clearAll?: boolean; deleteCase?: string }): Promise<void> {
  return page.evaluate(
    (o) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('credit-case-assistant');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readwrite');
          if (o.clearAll) for (const n of names) tx.objectStore(n).clear();
          if (o.deleteCase) tx.objectStore('cases').delete(o.deleteCase);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    op,
  );
}

test('an encrypted backup survives an erase; a wrong passphrase changes nothing', async ({ page, extensionId }) => {
  const cases = [
    ledgerCase(1),
    ledgerCase(2, { domain: 'drug', exposureDate: '2023-08-01' }),
    ledgerCase(3, { unlisted: 'yes', listingDecision: null, listingDate: null }),
  ];

  // a ledger and settings to back up
  await ledgerFromMerge(page, extensionId, cases);
  const casesBefore = await readCases(page);
  const storageBefore = await readStorage(page);
  expect(casesBefore).toHaveLength(3);

  // create the backup: the passphrase is asked twice
  await page.goto(`chrome-extension://${extensionId}/options.html#backup`);
  await expect(page.getByTestId('backup-encrypt')).toBeChecked();
  await page.getByTestId('backup-pass').fill(PASSPHRASE);
  await page.getByTestId('backup-pass-again').fill(`${PASSPHRASE}x`);
  await expect(page.getByTestId('backup-create')).toBeDisabled();
  await page.getByTestId('backup-pass-again').fill(PASSPHRASE);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-create').click()]);
  await expect(page.getByTestId('backup-create-message')).toContainText('已创建备份');
  const backup = readFileSync(await download.path());
  expect(backup.subarray(0, backup.indexOf(10)).toString('utf8')).toContain('"cipher":"AES-GCM"');
  expect(backup.includes(Buffer.from(cases[0]!.partyName, 'utf8'))).toBe(false);
  const file = { name: '信用办案助手备份.ccabak', mimeType: 'application/octet-stream', buffer: backup };

  // change things after the backup, then try a wrong passphrase: nothing changes
  await writeDb(page, { deleteCase: cases[0]!.id });
  await page.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set({ settings: { unitName: '改过的单位' } }),
  );
  const casesChanged = await readCases(page);
  const storageChanged = await readStorage(page);
  expect(casesChanged).toHaveLength(2);
  await page.getByTestId('restore-file').setInputFiles(file);
  await page.getByTestId('restore-pass').fill('错误的口令');
  await page.getByTestId('restore-inspect').click();
  await expect(page.getByTestId('restore-message')).toContainText('口令不正确');
  await expect(page.getByTestId('restore-message')).toContainText('本机数据未改变');
  await expect(page.getByTestId('restore-review')).toHaveCount(0);
  expect(await readCases(page)).toEqual(casesChanged);
  expect(await readStorage(page)).toEqual(storageChanged);

  // 清除本机数据 needs the typed word
  await expect(page.getByTestId('erase')).toBeDisabled();
  await page.getByTestId('erase-confirm').fill('清楚');
  await expect(page.getByTestId('erase')).toBeDisabled();
  await page.getByTestId('erase-confirm').fill('清除');
  await page.getByTestId('erase').click();
  await expect(page.getByTestId('erase-message')).toContainText('已清除');
  expect(await readCases(page)).toEqual([]);
  expect(await readStorage(page)).toEqual({});

  // restore: review what it replaces, confirm, and everything is back as it was at the backup
  await page.getByTestId('restore-file').setInputFiles(file);
  await page.getByTestId('restore-pass').fill(PASSPHRASE);
  await page.getByTestId('restore-inspect').click();
  const review = page.getByTestId('restore-review');
  await expect(review.locator('tr[data-table="cases"] td[data-col="current"]')).toHaveText('0');
  await expect(review.locator('tr[data-table="cases"] td[data-col="backup"]')).toHaveText('3');
  await expect(page.getByTestId('restore-storage-keys')).toContainText('settings');
  expect(await readCases(page)).toEqual([]);
  await page.getByTestId('restore-confirm').click();
  await expect(page.getByTestId('restore-message')).toContainText('恢复完成');
  expect(await readCases(page)).toEqual(casesBefore);
  expect(await readStorage(page)).toEqual(storageBefore);

  // and the pages see it
  await page.goto(`chrome-extension://${extensionId}/options.html#ledger`);
  await expect(page.getByTestId('ledger-count')).toHaveText('共 3 件');
  await expect(page.locator(`tr[data-id="${cases[2]!.id}"]`)).toHaveClass(/unlisted-yes/);
});

test('a backup made while a stored value is damaged leaves it out, says so, and restores', async ({ page, extensionId }) => {
  await ledgerFromMerge(page, extensionId, [ledgerCase(1)]);
  await page.goto(`chrome-extension://${extensionId}/options.html#backup`);
  // a rule pack that no longer parses and an over-long unit, as an older version may have stored them
  await page.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set({
      rulePacks: [{ id: '', version: 'x' }],
      settings: { unitName: '单'.repeat(1000), recorderName: '张三' },
    }),
  );
  await page.getByTestId('backup-encrypt').uncheck();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-create').click()]);
  await expect(page.getByTestId('backup-create-message')).toContainText('已创建备份');
  await expect(page.getByTestId('backup-create-message')).toContainText('未写入备份');
  await expect(page.getByTestId('backup-create-message')).toContainText('rulePacks');
  const file = { name: '备份.ccabak', mimeType: 'application/octet-stream', buffer: readFileSync(await download.path()) };
  // a plain backup is read as soon as it is picked
  await page.getByTestId('restore-file').setInputFiles(file);
  await page.getByTestId('restore-confirm').click();
  await expect(page.getByTestId('restore-message')).toContainText('恢复完成');
  expect(await readCases(page)).toHaveLength(1);
  expect((await readStorage(page)).settings).toEqual({ recorderName: '张三' });
});

test('a backup with nonsense list metadata is refused before anything changes', async ({ page, extensionId }) => {
  // a plain backup, checksums intact, whose list metadata is nonsense: a negative count, markup, no date
  const source = new CreditDb(`crafted-${Date.now()}`);
  await source.lists.add({
    id: 'L1',
    kind: 'serious',
    name: '<b>名单</b>',
    source: 'x.csv',
    importedAt: '昨天',
    rowCount: -5,
    invalidCount: 0,
    flaggedCount: 0,
    status: 'active',
    columnMapping: {},
    bucketCount: 0,
    chunkCount: 0,
    heartbeatAt: 0,
  });
  await source.cases.add(ledgerCase(9));
  const crafted = Buffer.from(await (await createBackup({ db: source, storageLocal: {} })).arrayBuffer());

  await ledgerFromMerge(page, extensionId, [ledgerCase(1)]);
  const casesBefore = await readCases(page);
  const storageBefore = await readStorage(page);

  await page.goto(`chrome-extension://${extensionId}/options.html#backup`);
  await page
    .getByTestId('restore-file')
    .setInputFiles({ name: '伪造的备份.ccabak', mimeType: 'application/octet-stream', buffer: crafted });
  await expect(page.getByTestId('restore-message')).toContainText('备份中的数据无效');
  await expect(page.getByTestId('restore-message')).toContainText('本机数据未改变');
  await expect(page.getByTestId('restore-review')).toHaveCount(0);
  expect(await readCases(page)).toEqual(casesBefore);
  expect(await readStorage(page)).toEqual(storageBefore);
  // the lists page still works, and shows the lists as they were
  await page.goto(`chrome-extension://${extensionId}/options.html#lists`);
  await expect(page.getByTestId('lists-empty').or(page.getByTestId('list-row').first())).toBeVisible();
  await expect(page.locator('body')).not.toContainText('名单</b>');
});

/** A fresh ledger with this unit's settings, holding `cases` merged from another unit's exchange file. */
async function ledgerFromMerge(page: Page, extensionId: string, cases: Parameters<typeof exportLedgerFile>[0]): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html#ledger`);
  await expect(page.getByTestId('ledger-count')).toBeVisible();
  await writeDb(page, { clearAll: true });
  await page.evaluate(
    (unitName) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set({ settings: { unitName, recorderName: '张三' } }),
    UNIT,
  );
  await page.reload();
  await page.getByTestId('tab-merge').click();
  await page.getByTestId('merge-files').setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from(await exportLedgerFile(cases, '其他单位'), 'utf8'),
  });
  await page.getByTestId('merge-apply').click();
  await expect(page.getByTestId('merge-file')).toHaveAttribute('data-status', 'applied');
}

import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import bundled from '../../rules/order44-2021.json' with { type: 'json' };
import { expect, inExtension, test } from './fixtures';

/** A provincial edition of the bundled pack: its own id (so its own citations), jurisdiction and version. */
function provincialPack(): Record<string, unknown> {
  const text = JSON.stringify(bundled).replaceAll('"order44-2021/', '"zj-order44-2021/');
  return {
    ...JSON.parse(text),
    id: 'zj-order44-2021',
    version: '1.1.0',
    jurisdiction: '浙江',
    title: '浙江省严重违法失信名单管理规则（测试）',
  };
}

const json = (name: string, value: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

async function storedPacks(page: Page): Promise<unknown[]> {
  return page.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
    return ((await api.storage.local.get('rulePacks')).rulePacks ?? []) as unknown[];
  });
}

async function openPacks(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html#packs`);
  await page.evaluate(() =>
    (globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }).chrome.storage.local.remove(
      'rulePacks',
    ),
  );
  await page.reload();
  await expect(page.getByTestId('page-packs')).toBeVisible();
}

// The browser is shared by the worker's later specs: none of them may find a pack imported here.
test.afterEach(async ({ extContext }) => {
  await inExtension(extContext, () => chrome.storage.local.remove('rulePacks'));
});

test('lists the bundled pack and shows its items with status and signals', async ({ page, extensionId }) => {
  await openPacks(page, extensionId);
  const rows = page.getByTestId('pack');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-pack-id', 'order44-2021');
  await expect(rows.first()).toHaveAttribute('data-source', 'bundled');
  await expect(rows.first()).toHaveAttribute('data-active', 'true');
  await expect(rows.first()).toContainText('2021-09-01');
  await expect(rows.first()).toContainText('全国');
  await expect(page.getByTestId('pack-state')).toHaveText('正在使用');

  await rows.first().getByTestId('pack-toggle').click();
  const item = page.locator('[data-testid="pack-item"][data-citation="order44-2021/art5/1"]');
  await expect(item).toHaveAttribute('data-status', 'confirmed');
  await expect(item).toContainText('第5条第1项');
  await expect(item).toContainText('已核实');
  await expect(item).toContainText('食品安全法');
  await expect(page.locator('[data-testid="pack-item"][data-citation="order44-2021/art2/1"]')).toContainText('从重');

  // Item by item with sources: where the wording comes from (read when) and the real listings that cite it.
  await expect(item.getByTestId('pack-source').first()).toContainText('阅读');
  const revoke = page.locator('[data-testid="pack-item"][data-citation="order44-2021/art2/2"]');
  await expect(revoke.getByTestId('pack-written-as')).toHaveAttribute('data-status', 'partial');
  await expect(revoke.getByTestId('pack-listing').first()).toContainText('列入实例');
  await expect(page.getByTestId('pack-court-judgment')).toHaveAttribute('data-status', 'partial');
  // Every pattern says what it catches.
  await expect(item).toContainText('未取得/未办理食品（生产、经营）许可');
  await expect(page.locator('[data-testid="pack-factor"][data-factor="frequency"]')).toContainText('屡禁不止');
});

test('refuses a pack whose pattern would match every case', async ({ page, extensionId }) => {
  await openPacks(page, extensionId);
  const greedy = provincialPack();
  const articles = greedy.violationArticles as Array<{ items: Array<{ signals: { patterns?: unknown[] } }> }>;
  articles[0]!.items[0]!.signals.patterns = [{ pattern: '无证|', catches: '（空分支：匹配任何文本）' }];
  await page.getByTestId('pack-file').setInputFiles(json('greedy.json', greedy));
  await expect(page.getByTestId('pack-error')).toContainText('正则表达式会匹配任何文本');
  await expect(page.getByTestId('pack')).toHaveCount(1);
  expect(await storedPacks(page)).toEqual([]);
});

test('imports a provincial pack; a broken one is rejected with a Chinese reason and changes nothing', async ({ page, extensionId }) => {
  await openPacks(page, extensionId);
  const rows = page.getByTestId('pack');
  const file = page.getByTestId('pack-file');

  await file.setInputFiles(json('zhejiang.json', provincialPack()));
  await expect(page.getByTestId('pack-imported')).toContainText('浙江省严重违法失信名单管理规则（测试）');
  await expect(rows).toHaveCount(2);
  const imported = page.locator('[data-testid="pack"][data-pack-id="zj-order44-2021"]');
  await expect(imported).toHaveAttribute('data-source', 'imported');
  await expect(imported).toContainText('浙江');
  await expect(imported).toContainText('1.1.0');
  // A provincial pack in force takes precedence over the national one.
  await expect(imported).toHaveAttribute('data-active', 'true');
  await expect(page.locator('[data-testid="pack"][data-pack-id="order44-2021"]')).toHaveAttribute('data-active', 'false');
  const before = await storedPacks(page);
  expect(before).toHaveLength(1);

  const broken = provincialPack();
  const articles = broken.violationArticles as Array<{ items: Array<Record<string, unknown>> }>;
  delete articles[0]!.items[0]!.status;
  broken.version = '1.2.0';
  await file.setInputFiles(json('broken.json', broken));
  const error = page.getByTestId('pack-error');
  await expect(error).toContainText('未导入“broken.json”');
  await expect(error).toContainText('违法行为条款第 1 项的各项第 1 项的核实状态：缺少此项');
  await expect(error).not.toContainText('violationArticles');
  await expect(page.getByTestId('pack-file-chosen')).toHaveText(/^已选择：broken\.json（\d+ KB）$/);
  await expect(rows).toHaveCount(2);
  await expect(imported).toHaveAttribute('data-active', 'true');
  expect(await storedPacks(page)).toEqual(before);

  await file.setInputFiles(json('notjson.json', '{ "id": "x", '));
  await expect(error).toContainText('规则包无效：第 1 行第 14 列附近不是有效的 JSON');
  await expect(error).not.toContainText('Unexpected');
  await expect(page.getByTestId('pack-file-chosen')).toHaveText('已选择：notjson.json（13 B）');
  await file.setInputFiles(json('same.json', bundled));
  await expect(error).toContainText('与内置规则包的编号和版本相同');
  await file.setInputFiles(json('again.json', provincialPack()));
  await expect(error).toContainText('已导入过编号和版本相同的规则包');
  await expect(rows).toHaveCount(2);
  expect(await storedPacks(page)).toEqual(before);

  // removal asks first, naming the pack; cancelling keeps it
  await imported.getByTestId('pack-remove').click();
  await expect(imported.getByRole('alertdialog')).toContainText('确定删除导入的规则包');
  await imported.getByTestId('pack-remove-cancel').click();
  expect(await storedPacks(page)).toEqual(before);
  await imported.getByTestId('pack-remove').click();
  await imported.getByTestId('pack-remove-confirm').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-active', 'true');
  expect(await storedPacks(page)).toEqual([]);
});

test('exports the bundled pack as a file that imports once its version is changed', async ({ page, extensionId }) => {
  await openPacks(page, extensionId);
  const bundledRow = page.locator('[data-testid="pack"][data-source="bundled"]');
  await expect(page.getByTestId('pack-file-chosen')).toHaveText('尚未选择文件');
  const [download] = await Promise.all([page.waitForEvent('download'), bundledRow.getByTestId('pack-export').click()]);
  expect(download.suggestedFilename()).toBe(`order44-2021-${bundled.version}.json`);
  const text = (await readFile((await download.path())!)).toString('utf8');
  expect(text.split('\n').length).toBeGreaterThan(100);
  expect(JSON.parse(text)).toEqual(bundled);

  const own = text.replace(`"version": "${bundled.version}"`, '"version": "9.0.0"');
  await page.getByTestId('pack-file').setInputFiles(json('own.json', own));
  await expect(page.getByTestId('pack-imported')).toContainText('9.0.0');
  await expect(page.locator('[data-testid="pack"][data-source="imported"]')).toHaveAttribute('data-version', '9.0.0');
  expect(await storedPacks(page)).toEqual([{ ...bundled, version: '9.0.0' }]);
});

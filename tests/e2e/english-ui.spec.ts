import type { Frame, Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { upgradeLegacyCase, type LegacyCase } from '../../lib/db';
import { caseIdentity } from '../../lib/db/identity';
import { exportLedgerFile } from '../../lib/ledger/exchange';
import { normalizePartyName } from '../../lib/party';
import { startFixtureServer } from '../fixtures/server.mjs';
import { demoUrl, expandOverlay, expect, overlay, test } from './fixtures';
import { launchIsolated, type Isolated } from './isolated';

/**
 * Every user-visible text comes from the locale files: with the browser in English, no visible text of the
 * dashboard, the popup or the overlay holds a Chinese character, except inside elements marked as data
 * (`lang="zh-CN"`: party names, list names, the law's titles and wordings, ledger rows, values read from the
 * page), which stay as they were written.
 */

/**
 * The visible texts (and shown attributes) with Han characters that are not inside an element marked as data: of
 * the page, or of the overlay's shadow root (open in the test build) when `inOverlay`.
 */
async function chineseOutsideData(page: Page | Frame, inOverlay = false): Promise<string[]> {
  return page.evaluate((inOverlay) => {
    const root: Element | ShadowRoot = inOverlay ? document.querySelector('credit-case-assistant')!.shadowRoot! : document.body;
    const han = /\p{Script=Han}/u;
    const found: string[] = [];
    const isData = (el: Element) => (el.closest('[lang]')?.getAttribute('lang') ?? '').toLowerCase().startsWith('zh');
    const where = (el: Element) => {
      const tagged = el.closest('[data-testid]');
      return `${el.tagName.toLowerCase()}${tagged ? ` in [data-testid=${tagged.getAttribute('data-testid')}]` : ''}`;
    };
    const shown = (el: Element) => {
      const box = el.tagName === 'OPTION' ? el.closest('select') : el;
      return box !== null && box.checkVisibility({ visibilityProperty: true });
    };
    if (!inOverlay && han.test(document.title)) found.push(`title: ${document.title}`);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').trim();
      if (el && han.test(text) && shown(el) && !isData(el)) found.push(`${where(el)}: ${text.slice(0, 80)}`);
    }
    for (const el of root.querySelectorAll('[placeholder], [title], [aria-label], [alt], [aria-description]')) {
      for (const a of ['placeholder', 'title', 'aria-label', 'alt', 'aria-description']) {
        const v = el.getAttribute(a);
        if (v && han.test(v) && shown(el) && !isData(el)) found.push(`${where(el)} @${a}: ${v.slice(0, 80)}`);
      }
    }
    // A name or description by reference is read out like an attribute, hidden text included: what it refers
    // to must be our words or data marked as such, and the reference itself holds no Chinese.
    for (const el of root.querySelectorAll('[aria-labelledby], [aria-describedby]')) {
      if (!shown(el)) continue;
      for (const a of ['aria-labelledby', 'aria-describedby']) {
        const refs = el.getAttribute(a) ?? '';
        if (han.test(refs)) found.push(`${where(el)} @${a}: ${refs.slice(0, 80)}`);
        for (const id of refs.split(/\s+/).filter(Boolean)) {
          const target = (inOverlay ? (root as ShadowRoot) : document).getElementById(id);
          if (!target) continue;
          const label = target.getAttribute('aria-label');
          if (label && han.test(label) && !isData(target)) found.push(`${where(el)} @${a} → #${id} @aria-label: ${label.slice(0, 80)}`);
          const texts = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
          for (let n = texts.nextNode(); n; n = texts.nextNode()) {
            const text = (n.textContent ?? '').trim();
            if (n.parentElement && han.test(text) && !isData(n.parentElement))
              found.push(`${where(el)} @${a} → #${id}: ${text.slice(0, 80)}`);
          }
        }
      }
    }
    return found;
  }, inOverlay);
}

/** A ledger file of another unit, as the merge tab reads it. */
async function ledgerFile(): Promise<string> {
  const unit = '甲县市场监督管理局';
  const base: LegacyCase = {
    id: '',
    caseNo: '甲市监立〔2023〕7号',
    decisionNo: '甲市监处罚〔2023〕1号',
    partyName: '甲县一号餐饮有限公司',
    partyNameNorm: normalizePartyName('甲县一号餐饮有限公司'),
    uscc: null,
    domain: 'food',
    domainSource: 'item',
    verdict: 'must-list',
    packId: 'order44-2021',
    packVersion: '1.0.0',
    citations: ['order44-2021/art2/2'],
    unlisted: 'yes',
    listingDecision: 'no',
    listingDate: null,
    exposureDate: null,
    repeatPublicityDate: null,
    decisionDate: '2023-07-01',
    creditRepaired: false,
    recorder: '张三',
    unit,
    origin: 'local',
    createdAt: '2023-07-01T02:00:00.000Z',
    updatedAt: '2023-07-01T02:00:00.000Z',
    revision: 1,
  };
  const second = {
    ...base,
    decisionNo: '甲市监处罚〔2023〕2号',
    partyName: '甲县药房有限公司',
    partyNameNorm: normalizePartyName('甲县药房有限公司'),
    domain: 'drug' as const,
    unlisted: 'no' as const,
    listingDecision: 'yes' as const,
    listingDate: '2023-08-01',
  };
  const cases = [base, second].map((c) => upgradeLegacyCase({ ...c, id: caseIdentity(c)! }));
  return exportLedgerFile(cases, unit, { now: new Date('2023-11-30T08:00:00Z') });
}

let iso: Isolated;
let ext: string;
test.beforeAll(async () => {
  iso = await launchIsolated({ english: true });
  ext = `chrome-extension://${iso.extensionId}`;
});
test.afterAll(async () => iso?.close());

/** Skips (with the reason) when this Chromium did not take English as its UI language. */
async function needEnglish(page: Page | Frame): Promise<void> {
  const lang = await page.evaluate(() =>
    (globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }).chrome.i18n.getUILanguage(),
  );
  test.skip(
    !lang.toLowerCase().startsWith('en'),
    `Chromium reports UI language "${lang}" despite LANGUAGE=en and --lang=en-US: the English UI cannot be checked here`,
  );
}

test('every dashboard page, empty and with content, speaks English outside the data', async ({ server }) => {
  test.setTimeout(180_000);
  const page = await iso.context.newPage();
  await page.goto(`${ext}/options.html#settings`);
  await needEnglish(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const check = async (what: string) => {
    for (const d of await page.locator('details').all()) await d.evaluate((e) => ((e as HTMLDetailsElement).open = true));
    expect.soft(await chineseOutsideData(page), what).toEqual([]);
  };

  for (const p of ['sites', 'profiles', 'settings', 'packs', 'audit', 'lists', 'ledger', 'backup']) {
    await page.goto(`${ext}/options.html#${p}`);
    await expect(page.getByTestId(`page-${p}`)).toBeVisible();
    await check(p);
  }

  await page.goto(`${ext}/options.html#settings`);
  await page.getByTestId('unit-name').fill('某市市场监督管理局');
  await page.getByTestId('recorder-name').fill('张三');
  await page.getByTestId('save-settings').click();
  await expect(page.getByRole('status')).toBeVisible();
  await check('settings, saved');

  // a system enabled, with a profile
  const tab = await iso.context.newPage();
  await tab.goto(demoUrl(server, 'spa/decision.html', { case: 'food-revoke' }));
  await page.goto(`${ext}/options.html#sites`);
  // the systems are read from storage after the page shows
  await expect(page.getByTestId('sites')).toBeVisible();
  await check('sites, with the fixture system');
  await page.goto(`${ext}/options.html#profiles`);
  await page.getByTestId('profile-import').setInputFiles({
    name: '配置.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        version: 1,
        origin: 'http://10.1.2.3:8080',
        name: '执法办案系统',
        pins: [{ key: 'partyName', selector: '#dsr' }],
        updatedAt: '2024-05-01T08:00:00.000Z',
      }),
    ),
  });
  await expect(page.getByTestId('profiles-message')).toBeVisible();
  await check('profiles, one imported');
  await page.getByTestId('profile-delete').click();
  await check('profiles, deletion asked');
  await page.getByTestId('profile-delete-cancel').click();

  await page.goto(`${ext}/options.html#packs`);
  await page.getByTestId('pack-toggle').first().click();
  await expect(page.getByTestId('pack-detail')).toBeVisible();
  await check('packs, items open');
  await page
    .getByTestId('pack-file')
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "x",') });
  await expect(page.getByTestId('pack-error')).toBeVisible();
  await check('packs, a broken pack refused');

  await page.goto(`${ext}/options.html#audit`);
  await page.getByTestId('audit-file').setInputFiles('tests/fixtures/demo/data/cases-export.csv');
  await expect(page.getByTestId('audit-done')).toBeVisible({ timeout: 60_000 });
  await check('audit results');

  await page.goto(`${ext}/options.html#lists`);
  await page.getByTestId('import-kind').selectOption('serious');
  await page.getByTestId('import-file').setInputFiles('tests/fixtures/demo/data/serious-list.csv');
  await expect(page.getByTestId('import-preview')).toBeVisible();
  // the file's words reach names by reference: our words in English, theirs as they are
  await expect(page.getByTestId('import-map').first()).toHaveAccessibleName('Field of the column 企业名称');
  await expect(page.getByTestId('import-header-row')).toHaveAccessibleDescription(/^企业名称 \| 统一社会信用代码/);
  await check('lists, import preview');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });
  await check('lists, imported');

  await page.goto(`${ext}/options.html#ledger`);
  await page.getByTestId('tab-merge').click();
  await page
    .getByTestId('merge-files')
    .setInputFiles([{ name: '甲县-台账.json', mimeType: 'application/json', buffer: Buffer.from(await ledgerFile()) }]);
  await expect(page.getByTestId('merge-plan')).toBeVisible();
  await check('ledger, merge plan');
  await page.getByTestId('merge-apply').click();
  // as in ledger.spec: the plan goes once the file is applied
  await expect(page.getByTestId('merge-plan')).toHaveCount(0);
  await page.getByTestId('tab-ledger').click();
  await expect(page.getByTestId('ledger-row').first()).toBeVisible();
  await check('ledger, rows');
  const row = page.locator('tr[data-testid="ledger-row"]', { hasText: '甲市监处罚〔2023〕1号' });
  await expect(row.getByTestId('row-edit')).toHaveAccessibleName('Edit 甲市监处罚〔2023〕1号');
  await expect(row.getByTestId('row-delete')).toHaveAccessibleName('Delete 甲市监处罚〔2023〕1号');
  await row.getByTestId('row-history').click();
  await expect(page.getByTestId('history')).toHaveAccessibleName('History 甲市监处罚〔2023〕1号');
  await check("ledger, a row's history open");
  await row.getByTestId('row-history').click();
  await row.getByTestId('row-delete').click();
  await expect(page.getByTestId('undo-what')).toBeVisible();
  await check('ledger, a deletion to undo');
  for (const t of ['stats', 'merge', 'charts']) {
    await page.getByTestId(`tab-${t}`).click();
    await expect(page.locator(`#ledger-panel-${t}`)).toBeVisible();
    await check(`ledger ${t}`);
  }
  await page.goto(`${ext}/options.html#backup`);
  await expect(page.getByTestId('page-backup')).toBeVisible();
  await check('backup, with data');
  await tab.close();
  await page.close();
});

test('the popup speaks English', async ({ server }) => {
  const tab = await iso.context.newPage();
  await tab.goto(demoUrl(server, 'spa/decision.html', { case: 'warning-only' }));
  const id = await iso.context
    .serviceWorkers()[0]!
    .evaluate(async () => (await chrome.tabs.query({ url: 'http://127.0.0.1/*' }))[0]?.id ?? -1);
  const popup = await iso.context.newPage();
  await popup.goto(`${ext}/popup.html?tabId=${id}`);
  await needEnglish(popup);
  await expect(popup.getByTestId('analyze')).toBeVisible();
  expect(await chineseOutsideData(popup)).toEqual([]);
  await popup.goto(`${ext}/popup.html`);
  await expect(popup.locator('body')).not.toBeEmpty();
  expect(await chineseOutsideData(popup)).toEqual([]);
  await popup.close();
  await tab.close();
});

test('the overlay speaks English: verdicts, flags, the commitment warning, and the parts opened by a click', async ({ server }) => {
  test.setTimeout(180_000);
  // a profile of its own: a serious list imported, no unit or recorder set (the record form says so)
  const own = await launchIsolated({ english: true });
  const pages = await startFixtureServer({ root: fileURLToPath(new URL('../fixtures/pages/', import.meta.url)), port: 0 });
  try {
    const page = await own.context.newPage();
    await page.goto(`chrome-extension://${own.extensionId}/options.html#lists`);
    await needEnglish(page);
    await page.getByTestId('import-kind').selectOption('serious');
    await page.getByTestId('import-file').setInputFiles('tests/fixtures/demo/data/serious-list.csv');
    await expect(page.getByTestId('import-preview')).toBeVisible();
    await page.getByTestId('import-start').click();
    await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });

    const check = async (what: string) => {
      for (const d of await overlay(page).locator('details').all()) await d.evaluate((e) => ((e as HTMLDetailsElement).open = true));
      expect.soft(await chineseOutsideData(page, true), what).toEqual([]);
    };
    const open = async (path: string, query: Record<string, string>, settled: string) => {
      await page.goto(demoUrl(server, path, query));
      await expandOverlay(page);
      await expect(overlay(page).locator(settled).first()).toBeVisible();
    };

    // every verdict, 应列未列, the party's flags, what is missing
    for (const [path, id, settled] of [
      ['spa/decision.html', 'food-revoke', '[data-testid="reason"]'],
      ['spa/decision.html', 'fine-unstated', '[data-testid="verdict"][data-verdict="review"]'],
      ['spa/decision.html', 'empty-penalty', '[data-testid="missing"]'],
      ['spa/decision.html', 'old-2019', '[data-testid="verdict"]'],
      ['spa/decision.html', 'listed-party', '[data-testid="party-flag"]'],
      ['view/case.html', 'finished-unlisted', '[data-testid="unlisted"]'],
    ] as const) {
      await open(path, path.startsWith('view') ? { id } : { case: id }, settled);
      await check(`${path} ${id}`);
    }

    // the parts a real click brings: the record form, the picker's layer, 导出诊断
    await open('spa/decision.html', { case: 'food-revoke' }, '[data-testid="reason"]');
    await overlay(page).getByTestId('record').click();
    await expect(overlay(page).getByTestId('record-setup')).toBeVisible();
    await check('the record form, with no unit or recorder set');
    await overlay(page).getByTestId('record').click();
    await overlay(page).getByTestId('export-diagnosis').click();
    await expect(overlay(page).getByTestId('diagnosis-save')).toBeVisible();
    await check('导出诊断');
    await overlay(page).getByTestId('pick').click();
    const layer = page.locator('credit-case-assistant [data-testid="picker-layer"]');
    await expect(layer).toBeVisible();
    await check('the picker');
    await page.locator('credit-case-assistant [data-testid="pick-cancel"]').click();
    await expect(layer).toHaveCount(0);
    await overlay(page).getByTestId('collapse').click();
    await expect(overlay(page)).toHaveAttribute('data-collapsed', 'true');
    await check('collapsed');
    await overlay(page).getByTestId('expand').click();

    // a licensing form for a party on the serious list: the commitment status and warning
    await page.goto(demoUrl(server, 'licensing/apply.html', { case: 'listed-party' }));
    await expandOverlay(page);
    await expect(overlay(page).getByTestId('commitment-status')).toBeVisible();
    await expect(page.locator('credit-case-assistant [data-testid="commitment-warning"]')).toBeVisible();
    await check('the commitment warning');

    // a penalty form with core keys the reader could not find
    await page.goto(`${pages.url}missing-keys.html`);
    await expandOverlay(page);
    await expect(overlay(page).getByTestId('missing-keys')).toBeVisible();
    await check('the missing-keys prompt');
  } finally {
    await own.close();
    await pages.close();
  }
});

test('error paths speak English outside the data: a bad list file, a foreign backup, a broken pack, a wrong credit code', async ({
  server,
}) => {
  test.setTimeout(180_000);
  const page = await iso.context.newPage();
  await page.goto(`${ext}/options.html#lists`);
  await needEnglish(page);
  const check = async (what: string, inOverlay = false) => expect.soft(await chineseOutsideData(page, inOverlay), what).toEqual([]);
  const csv = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n') });

  // a workbook that is not one: the reader's reason, with the file's (Chinese) name as data
  await page.getByTestId('import-kind').selectOption('serious');
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: '名单.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 not a zip') });
  await expect(page.getByTestId('import-error')).toBeVisible();
  await expect(page.getByTestId('import-error')).toContainText('not a valid Excel (.xlsx) file');
  await check('lists, an unreadable workbook');

  // rows with a bad date and a wrong credit code: the invalid and the flagged rows, each with its reason
  const head = '企业名称,统一社会信用代码,列入日期,列入原因,作出决定机关';
  await page
    .getByTestId('import-file')
    .setInputFiles(
      csv('有误的名单.csv', [
        head,
        '甲公司,91350100M000100Y43,2023-07-14,原因,机关',
        '乙公司,91350100M000100Y44,2023-07-14,原因,机关',
        '丙公司,,不详,原因,机关',
      ]),
    );
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('import-invalid-rows')).toContainText('“不详” is not a valid date');
  await expect(page.getByTestId('import-flagged-rows')).toContainText('91350100M000100Y44: the check character');
  await check('lists, invalid and flagged rows');

  // a file with every row invalid: nothing imported, the first row's reasons as the example
  await page.getByTestId('import-reset').click();
  await page.getByTestId('import-file').setInputFiles(csv('全部无效.csv', [head, '丁公司,,不详,原因,机关', ',,2023-07-14,原因,机关']));
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-error')).toContainText('all 2 data rows are invalid', { timeout: 30_000 });
  await check('lists, every row invalid');

  // a backup file that is not one, and one cut short
  await page.goto(`${ext}/options.html#backup`);
  await page
    .getByTestId('restore-file')
    .setInputFiles({ name: '备份.ccabak', mimeType: 'application/octet-stream', buffer: Buffer.from('not a backup\n') });
  await expect(page.getByTestId('restore-message')).toContainText('not a Credit Case Assistant backup');
  await check('backup, a foreign file');
  const header = JSON.stringify({ format: 'credit-case-assistant/backup', version: 99 });
  await page
    .getByTestId('restore-file')
    .setInputFiles({ name: 'newer.ccabak', mimeType: 'application/octet-stream', buffer: Buffer.from(`${header}\n`) });
  await expect(page.getByTestId('restore-message')).toContainText('version 99');
  await check('backup, a newer format');

  // a pack that is JSON but not a pack: its problems with the fields they are about
  await page.goto(`${ext}/options.html#packs`);
  await page.getByTestId('pack-file').setInputFiles({
    name: '规则包.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ id: 'x', effectiveFrom: '2021-13-01' })),
  });
  await expect(page.getByTestId('pack-error')).toBeVisible();
  await check('packs, a pack with wrong fields');
  await page.close();

  // the record form: a credit code that fails its check, then one too long to keep
  const tab = await iso.context.newPage();
  await tab.goto(demoUrl(server, 'spa/decision.html', { case: 'food-revoke' }));
  await expandOverlay(tab);
  await expect(overlay(tab).getByTestId('reason').first()).toBeVisible();
  await overlay(tab).getByTestId('record').click();
  const uscc = overlay(tab).getByTestId('record-uscc');
  await uscc.fill('91310115MA125MLR28');
  await expect(overlay(tab).getByTestId('record-uscc-problem')).toHaveText('the check character of the credit code is wrong');
  const chinese = async (what: string) => expect.soft(await chineseOutsideData(tab, true), what).toEqual([]);
  await chinese('the record form, a wrong credit code');
  await uscc.fill('9'.repeat(41));
  await expect(overlay(tab).getByTestId('record-invalid')).toContainText('too long (at most 40 characters)');
  await chinese('the record form, a credit code too long');
  await tab.close();
});

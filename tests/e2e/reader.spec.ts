import { chromium } from '@playwright/test';
import cases from '../fixtures/demo/data/cases.json' with { type: 'json' };
// @ts-expect-error plain ESM helper
import { chromiumEnv, chromiumExecutable } from '../../scripts/chromium.mjs';
import {
  demoUrl,
  expandOverlay,
  expect,
  field,
  frameWith,
  hostState,
  inExtension,
  overlay,
  test,
  verdict,
  type DemoCase,
} from './fixtures';

const demo = cases as unknown as DemoCase[];
const byId = (id: string) => demo.find((c) => c.id === id)!;

test.describe('the reader on every layout family', () => {
  test('modern SPA decision form: one field per key, values as typed on the form', async ({ page, server }) => {
    const c = byId('food-revoke');
    await page.goto(demoUrl(server, 'spa/decision.html', { case: c.id }));
    await expandOverlay(page);
    await expect(field(page, 'partyName')).toHaveText(c.partyName);
    await expect(field(page, 'uscc')).toHaveText(c.uscc);
    await expect(field(page, 'caseNo')).toHaveText(c.caseNo);
    await expect(field(page, 'decisionNo')).toHaveText('');
    await expect(field(page, 'legalBasis')).toHaveText(c.legalBasis);
    await expect(field(page, 'aggravation')).toHaveText('一般');
    // a natural person's identity number is never shown in full
    await expect(field(page, 'idNumber')).toHaveText(/^\d{6}\*+\d{3}[\dX]$/);
    await expect(field(page, 'idNumber')).not.toHaveText(c.idNumber);
    for (const key of ['decisionNo', 'caseNo', 'partyName', 'uscc', 'penalty', 'fineAmount', 'decisionDate']) {
      await expect(field(page, key)).toHaveCount(1);
    }
    await expect(page.locator('credit-case-assistant')).toHaveCount(1);
  });

  test('typing is picked up at once, and a re-rendered part of the SPA is read again', async ({ page, server }) => {
    await page.goto(demoUrl(server, 'spa/decision.html', { case: 'food-revoke' }));
    await expandOverlay(page);
    const party = page.locator('.el-form-item', { hasText: '当事人名称' }).locator('input').first();
    await party.fill('上海新名称餐饮管理有限公司');
    await expect(field(page, 'partyName')).toHaveText('上海新名称餐饮管理有限公司');
    // the fine row is replaced on every keystroke by the SPA: the new node must still be read
    const fine = page.locator('.el-form-item', { hasText: '罚款金额' }).locator('input').first();
    await fine.fill('88000');
    await expect(field(page, 'fineAmount')).toHaveText('88000');
    await fine.pressSequentially('1');
    await expect(field(page, 'fineAmount')).toHaveText('880001');
  });

  test('legacy frameset: the overlay appears only in the frame that holds the form', async ({ page, server }) => {
    const c = byId('food-revoke');
    await page.goto(demoUrl(server, 'legacy/index.html', { case: c.id }));
    const form = await frameWith(page, 'decision_form.html');
    await expandOverlay(form);
    await expect(field(form, 'partyName')).toHaveText(c.partyName);
    await expect(field(form, 'uscc')).toHaveText(c.uscc);
    await expect(field(form, 'aggravation')).toHaveText(/一般/);
    for (const f of page.frames()) {
      if (f !== form) await expect(f.locator('credit-case-assistant')).toHaveCount(0);
    }
  });

  test('read-only case view: values in table cells and label：value lines', async ({ page, server }) => {
    const c = byId('finished-unlisted');
    await page.goto(demoUrl(server, 'view/case.html', { id: c.id }));
    await expandOverlay(page);
    await expect(overlay(page).locator('.cca-badge')).toBeVisible();
    await expect(field(page, 'partyName')).toHaveText(c.partyName);
    await expect(field(page, 'decisionNo')).toHaveText(c.decisionNo);
    await expect(field(page, 'decisionDate')).toHaveText(new RegExp(c.decisionDate.slice(0, 4)));
  });

  test('review form: fields inside an open shadow root and a contenteditable editor', async ({ page, server }) => {
    const c = byId('food-revoke');
    await page.goto(demoUrl(server, 'spa/review.html', { case: c.id }));
    await expandOverlay(page);
    await expect(field(page, 'partyName')).toHaveText(c.partyName);
    await expect(field(page, 'violation')).toContainText('未取得食品生产许可证');
    const editor = page.locator('[contenteditable="true"]').first();
    await editor.click();
    await editor.press('End');
    await editor.pressSequentially('补充事实');
    await expect(field(page, 'violation')).toContainText('补充事实');
  });

  test('licensing form: applicant, code and the approval procedure; the commitment status, and no penalty verdict', async ({
    page,
    server,
  }) => {
    await page.goto(demoUrl(server, 'licensing/apply.html', { case: 'listed-party' }));
    await expandOverlay(page);
    const c = byId('listed-party');
    await expect(field(page, 'partyName')).toHaveText(c.partyName);
    await expect(field(page, 'uscc')).toHaveText(c.uscc);
    await expect(field(page, 'approvalMode')).toHaveCount(1);
    // no list imported in this browser: nothing excludes the procedure
    await expect(overlay(page).getByTestId('commitment-status')).toHaveAttribute('data-status', 'clear');
    await expect(overlay(page).getByTestId('commitment-status')).toContainText('告知承诺制');
    for (const contract of ['verdict', 'reason', 'unlisted', 'missing', 'record', 'missing-keys']) {
      await expect(page.locator(`credit-case-assistant [data-testid="${contract}"]`), contract).toHaveCount(0);
    }
  });

  test('the overlay never opens over the form’s own controls (the demo decision form at 1440×960)', async ({
    page,
    server,
    extContext,
  }) => {
    const url = demoUrl(server, 'spa/decision.html', { case: 'food-revoke' });
    const key = `overlay:${new URL(url).origin}`;
    const inTheWay = () =>
      page.evaluate(() => {
        const host = document
          .querySelector('credit-case-assistant')!
          .shadowRoot!.querySelector('[data-testid="overlay"]')!
          .getBoundingClientRect();
        return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.width > 0 && r.left < host.right && r.right > host.left && r.top < host.bottom && r.bottom > host.top).length;
      });
    await page.setViewportSize({ width: 1440, height: 960 });
    for (const remembered of [null, { collapsed: false, right: 16, top: 72 }]) {
      // first on this system, then with an open panel remembered from a page that had room for it
      await extContext
        .serviceWorkers()[0]!
        .evaluate(async ([k, v]) => (v ? chrome.storage.local.set({ [k as string]: v }) : chrome.storage.local.remove(k as string)), [
          key,
          remembered,
        ] as const);
      await page.goto(url);
      await expect(overlay(page)).toBeVisible();
      // the form leaves no column free for the panel: it opens as the pill, clear of every control
      await expect(overlay(page)).toHaveAttribute('data-collapsed', 'true');
      // measured at its full width: the verdict reaches the pill from the background a moment after it opens
      await expect(verdict(page)).toBeVisible();
      expect(await inTheWay()).toBe(0);
    }
    // the handler may still open it: the choice is theirs, and remembered
    await overlay(page).getByTestId('expand').click();
    await expect(overlay(page)).toHaveAttribute('data-collapsed', 'false');
  });

  // (on a page with room beside its content: on a form that leaves none the panel opens as the pill, see below)
  test('the collapsed state is remembered per site', async ({ page, server }) => {
    await page.goto(demoUrl(server, 'view/case.html', { id: 'warning-only' }));
    await expandOverlay(page);
    await overlay(page).locator('[data-testid="collapse"]').click();
    await expect(overlay(page)).toHaveAttribute('data-collapsed', 'true');
    await page.reload();
    await expect(overlay(page)).toHaveAttribute('data-collapsed', 'true');
    await overlay(page).locator('[data-testid="expand"]').click();
    await expect(overlay(page)).toHaveAttribute('data-collapsed', 'false');
    await page.reload();
    await expect(overlay(page)).toHaveAttribute('data-collapsed', 'false');
  });

  test('page CSS does not reach the overlay and the overlay CSS does not reach the page', async ({ page, server }) => {
    await page.goto(demoUrl(server, 'spa/decision.html', { case: 'food-revoke' }));
    await expandOverlay(page);
    const before = await page
      .locator('.el-form-item__label')
      .first()
      .evaluate((e) => getComputedStyle(e).color);
    await page.addStyleTag({
      content: '* { color: rgb(1, 2, 3) !important; font-size: 40px !important; } dd { display: none !important; }',
    });
    await expect(field(page, 'partyName')).toBeVisible();
    const color = await field(page, 'partyName').evaluate((e) => getComputedStyle(e).color);
    expect(color).not.toBe('rgb(1, 2, 3)');
    await page.evaluate(() => document.querySelectorAll('style').forEach((s) => s.textContent?.includes('rgb(1, 2, 3)') && s.remove()));
    expect(
      await page
        .locator('.el-form-item__label')
        .first()
        .evaluate((e) => getComputedStyle(e).color),
    ).toBe(before);
  });

  test('the picker pins a field to a key in the site profile', async ({ page, server, extContext }) => {
    await page.goto(demoUrl(server, 'spa/decision.html', { case: 'food-revoke' }));
    await expandOverlay(page);
    // assign the 作出处罚决定的机关 input to `address` (deliberately "wrong", to see the pin win)
    await overlay(page).locator('[data-testid="pick-key"]').selectOption('address');
    await overlay(page).locator('[data-testid="pick"]').click();
    // the picker's layer is a part the background injects on demand: a click before it is there lands on the page
    await expect(page.locator('credit-case-assistant [data-testid="picker-layer"]')).toBeVisible();
    const target = page.locator('.el-form-item', { hasText: '案件编号' }).locator('input').first();
    const box = (await target.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(field(page, 'address')).toHaveText(byId('food-revoke').caseNo);
    await page.reload();
    await expandOverlay(page);
    await expect(field(page, 'address')).toHaveText(byId('food-revoke').caseNo);
    await inExtension(extContext, () => chrome.storage.local.remove('profiles'));
    await expect(field(page, 'address')).not.toHaveText(byId('food-revoke').caseNo);
  });
});

test('host form values are byte-identical with and without the overlay, and the host submit still works', async ({ page, server }) => {
  const url = demoUrl(server, 'spa/decision.html', { case: 'food-revoke' });
  const plain = await chromium.launch({
    executablePath: chromiumExecutable(),
    env: chromiumEnv(),
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const plainPage = await plain.newPage({ viewport: { width: 1440, height: 900 } });
  await plainPage.goto(url);
  await plainPage.waitForLoadState('networkidle');
  const without = await hostState(plainPage);
  await plain.close();

  await page.goto(url);
  await expect(overlay(page)).toBeVisible();
  expect(await hostState(page)).toBe(without);

  const party = await page.locator('.el-form-item', { hasText: '当事人名称' }).locator('input').first().inputValue();
  await page.getByRole('button', { name: /保存/ }).first().click();
  await expect(page.locator('#received')).toBeVisible();
  const received = JSON.parse((await page.locator('#received').textContent()) ?? '{}') as Record<string, unknown>;
  expect(Object.values(received)).toContain(party);
});

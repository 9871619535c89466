import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { demoUrl, expect, overlay, test } from './fixtures';
import { launchIsolated, type Isolated } from './isolated';

/**
 * axe-core (WCAG 2 A and AA rules) over the overlay, inside its open shadow root, the popup and every dashboard
 * page, empty and with content: no serious or critical violation. Runs in a browser profile of its own because
 * it records a case and imports a list to get the pages' full states.
 */

async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * axe cannot work out colours inside the overlay's shadow root (it reports them as "incomplete"), so the overlay's
 * text is checked here: WCAG contrast of each text's colour against the backgrounds beneath it, composited.
 */
async function overlayContrastFailures(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('credit-case-assistant')!.shadowRoot!;
    const rgba = (c: string) =>
      (c.match(/[\d.]+/g) ?? ['0', '0', '0', '0']).map(Number).concat(1).slice(0, 4) as [number, number, number, number];
    const over = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i]! * top[3]! + under[i]! * (1 - top[3]!)).concat(1);
    const lum = (c: number[]) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const failures: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      const text = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!text || el.closest('[aria-hidden="true"], .cca-sr') || el.getClientRects().length === 0) continue;
      const layers: number[][] = [];
      for (let e: Element | null = el; e; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
      let bg = [255, 255, 255, 1];
      for (const layer of layers.reverse()) bg = over(layer, bg);
      const style = getComputedStyle(el);
      const fg = over(rgba(style.color), bg);
      const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (l1! + 0.05) / (l2! + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) failures.push(`${el.className || el.tagName} “${text.slice(0, 20)}”: ${ratio.toFixed(2)}`);
    }
    return failures;
  });
}

test.describe.configure({ mode: 'serial' });

let iso: Isolated;
let ext: string;
test.beforeAll(async () => {
  iso = await launchIsolated({ hosts: ['ksb.scjg.internal'] });
  ext = `chrome-extension://${iso.extensionId}`;
  // a unit and a recorder, so that a case can be recorded from the overlay
  const page = await iso.context.newPage();
  await page.goto(`${ext}/options.html#settings`);
  await page.getByTestId('unit-name').fill('某市市场监督管理局');
  await page.getByTestId('recorder-name').fill('李娜');
  await page.getByTestId('save-settings').click();
  await expect(page.getByRole('status')).toBeVisible();
  await page.close();
});
test.afterAll(async () => iso.close());

test('the overlay, expanded with everything open and collapsed', async ({ server }) => {
  test.setTimeout(120_000);
  const page = await iso.context.newPage();
  for (const url of [
    demoUrl(server, 'spa/decision.html', { case: 'food-revoke' }),
    demoUrl(server, 'view/case.html', { id: 'finished-unlisted' }),
  ]) {
    await page.goto(url);
    const ov = overlay(page);
    await expect(ov).toBeVisible();
    if ((await ov.getAttribute('data-collapsed')) === 'true') await ov.getByTestId('expand').click();
    // the verdict and its reasons come from the background a moment after the fields: check them all, open
    await expect(ov.getByTestId('verdict')).toBeVisible();
    for (const d of await ov.locator('details').all()) await d.evaluate((e) => ((e as HTMLDetailsElement).open = true));
    expect(await seriousViolations(page, 'credit-case-assistant')).toEqual([]);
    expect(await overlayContrastFailures(page)).toEqual([]);
  }
  // the record form, then its result
  const ov = overlay(page);
  await ov.getByTestId('record').click();
  await ov.getByTestId('record-listing').selectOption('yes');
  await ov.getByTestId('record-listing-date').fill('2024-05-20');
  expect(await seriousViolations(page, 'credit-case-assistant')).toEqual([]);
  expect(await overlayContrastFailures(page)).toEqual([]);
  await ov.getByTestId('record-submit').click();
  await expect(ov.getByTestId('record-message')).toBeVisible();
  expect(await seriousViolations(page, 'credit-case-assistant')).toEqual([]);
  await ov.getByTestId('collapse').click();
  await expect(ov).toHaveAttribute('data-collapsed', 'true');
  expect(await seriousViolations(page, 'credit-case-assistant')).toEqual([]);
  expect(await overlayContrastFailures(page)).toEqual([]);
  await page.close();
});

test('the popup, on a system and with a managed system awaiting 授权', async ({ server }) => {
  const tab = await iso.context.newPage();
  await tab.goto(demoUrl(server, 'spa/decision.html', { case: 'warning-only' }));
  const id = await iso.context
    .serviceWorkers()[0]!
    .evaluate(async () => (await chrome.tabs.query({ url: 'http://127.0.0.1/*' }))[0]?.id ?? -1);
  const popup = await iso.context.newPage();
  await popup.goto(`${ext}/popup.html?tabId=${id}`);
  await expect(popup.getByTestId('analyze')).toBeVisible();
  expect(await seriousViolations(popup)).toEqual([]);

  const sw = iso.context.serviceWorkers()[0]!;
  await sw.evaluate(
    async (origin) => chrome.storage.local.set({ __managedForTests: { sites: [origin], unitName: '某市市场监督管理局' } }),
    `http://ksb.scjg.internal:${server.port}`,
  );
  // the open popup follows the policy as it arrives
  await expect(popup.getByTestId('authorize')).toBeVisible();
  expect(await seriousViolations(popup)).toEqual([]);
  // the managed state of the dashboard too
  for (const p of ['sites', 'settings']) {
    await popup.goto(`${ext}/options.html#${p}`);
    await expect(popup.getByTestId('managed-badge').first()).toBeVisible();
    expect(await seriousViolations(popup), p).toEqual([]);
  }
  await sw.evaluate(async () => chrome.storage.local.remove('__managedForTests'));
  await popup.close();
  await tab.close();
});

test('every dashboard page', async () => {
  const page = await iso.context.newPage();
  for (const p of ['sites', 'profiles', 'settings', 'packs', 'audit', 'lists', 'ledger', 'backup']) {
    await page.goto(`${ext}/options.html#${p}`);
    await expect(page.getByTestId(`page-${p}`)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    expect(await seriousViolations(page), p).toEqual([]);
  }
  await page.close();
});

test('the dashboard pages with content: pack items, audit results, a list import, the ledger and its tabs', async () => {
  test.setTimeout(150_000);
  const page = await iso.context.newPage();

  await page.goto(`${ext}/options.html#packs`);
  await page.getByTestId('pack-toggle').first().click();
  await expect(page.getByTestId('pack-detail')).toBeVisible();
  expect(await seriousViolations(page), 'packs, items open').toEqual([]);

  await page.goto(`${ext}/options.html#audit`);
  await page.getByTestId('audit-file').setInputFiles('tests/fixtures/demo/data/cases-export.csv');
  await expect(page.getByTestId('audit-done')).toBeVisible();
  expect(await seriousViolations(page), 'audit results').toEqual([]);

  await page.goto(`${ext}/options.html#lists`);
  await page.getByTestId('import-kind').selectOption('serious');
  await page.getByTestId('import-file').setInputFiles('tests/fixtures/demo/data/serious-list.csv');
  await expect(page.getByTestId('import-preview')).toBeVisible();
  expect(await seriousViolations(page), 'lists, import preview').toEqual([]);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });
  expect(await seriousViolations(page), 'lists, imported').toEqual([]);

  // the case recorded from the overlay in the first test
  await page.goto(`${ext}/options.html#ledger`);
  await expect(page.getByTestId('ledger-row').first()).toBeVisible();
  expect(await seriousViolations(page), 'ledger').toEqual([]);
  for (const tab of ['stats', 'merge', 'charts']) {
    await page.getByTestId(`tab-${tab}`).click();
    await expect(page.locator(`#ledger-panel-${tab}`)).toBeVisible();
    expect(await seriousViolations(page), `ledger ${tab}`).toEqual([]);
  }
  await page.close();
});

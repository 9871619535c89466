import type { Page } from '@playwright/test';
import { demoUrl, expect, overlay, test } from './fixtures';
import { launchIsolated, type Isolated } from './isolated';

/**
 * The keyboard alone, and 200% zoom (a 1440×900 window zoomed to 200% lays out as 720×450 CSS pixels). Runs in a
 * browser profile of its own: moving and collapsing the overlay is remembered per system.
 */

/** data-testid (or class) of the element focused inside the overlay's shadow root, or null when focus is elsewhere. */
function focusedInOverlay(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.querySelector('credit-case-assistant')?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    return el ? (el.dataset.testid ?? el.className ?? el.tagName) : null;
  });
}

async function panelBox(page: Page) {
  const box = await overlay(page).boundingBox();
  expect(box).not.toBeNull();
  return box!;
}

test.describe.configure({ mode: 'serial' });

let iso: Isolated;
let ext: string;
test.beforeAll(async () => {
  iso = await launchIsolated();
  ext = `chrome-extension://${iso.extensionId}`;
});
test.afterAll(async () => iso.close());

test('the overlay by keyboard: reach it, expand, open a reason, move the panel, collapse', async ({ server }) => {
  const page = await iso.context.newPage();
  const url = demoUrl(server, 'view/case.html', { id: 'finished-unlisted' });
  const origin = new URL(url).origin;
  // start from the collapsed pill, as on a form that leaves no room for the panel
  await iso.context
    .serviceWorkers()[0]!
    .evaluate(async (o) => chrome.storage.local.set({ [`overlay:${o}`]: { collapsed: true, right: 16, top: 72 } }), origin);
  await page.goto(url);
  await expect(overlay(page)).toHaveAttribute('data-collapsed', 'true');

  // the overlay is the last thing in the page: Shift+Tab from the top of the page reaches it
  await page.locator('body').focus();
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedInOverlay(page)).toBe('expand');
  await page.keyboard.press('Enter');
  await expect(overlay(page)).toHaveAttribute('data-collapsed', 'false');
  // focus follows to the collapse button instead of getting lost with the pill
  await expect.poll(() => focusedInOverlay(page)).toBe('collapse');

  // the first reason: Enter opens its wording, Space closes it
  await page.keyboard.press('Tab');
  const reason = overlay(page).getByTestId('reason').first().locator('details');
  await expect
    .poll(() => page.evaluate(() => document.querySelector('credit-case-assistant')!.shadowRoot!.activeElement?.tagName))
    .toBe('SUMMARY');
  await page.keyboard.press('Enter');
  await expect(reason).toHaveAttribute('open', '');
  await expect(reason.locator('.cca-wording')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(reason).not.toHaveAttribute('open', '');

  // back to the handle; the arrow keys move the panel, and the place is remembered for this system
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedInOverlay(page)).toBe('cca-handle');
  const before = await panelBox(page);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowDown');
  // the panel is drawn at its new place a render later
  await expect
    .poll(async () => {
      const after = await panelBox(page);
      return [Math.round(before.x - after.x), Math.round(after.y - before.y)];
    })
    .toEqual([48, 24]);
  await expect
    .poll(() =>
      iso.context.serviceWorkers()[0]!.evaluate(async (o) => (await chrome.storage.local.get(`overlay:${o}`))[`overlay:${o}`], origin),
    )
    .toMatchObject({ right: 64, top: 96 });

  await page.keyboard.press('Tab');
  await expect.poll(() => focusedInOverlay(page)).toBe('collapse');
  await page.keyboard.press('Enter');
  await expect(overlay(page)).toHaveAttribute('data-collapsed', 'true');
  await expect.poll(() => focusedInOverlay(page)).toBe('expand');
  await page.close();
});

test('the popup by keyboard', async ({ server }) => {
  const url = new URL(demoUrl(server, 'spa/decision.html', { case: 'warning-only' }));
  url.hostname = 'localhost';
  const tab = await iso.context.newPage();
  await tab.goto(url.href);
  await expect(tab.locator('.el-form-item').first()).toBeVisible();
  const id = await iso.context
    .serviceWorkers()[0]!
    .evaluate(async () => (await chrome.tabs.query({ url: 'http://localhost/*' }))[0]?.id ?? -1);
  const popup = await iso.context.newPage();
  await popup.goto(`${ext}/popup.html?tabId=${id}`);
  await expect(popup.getByTestId('popup-status')).toHaveAttribute('data-enabled', 'false');
  // every control in reading order, then 分析本页 with the keyboard alone
  await popup.keyboard.press('Tab');
  await expect(popup.getByTestId('enable')).toBeFocused();
  await popup.keyboard.press('Tab');
  await expect(popup.getByTestId('analyze')).toBeFocused();
  await popup.keyboard.press('Tab');
  await expect(popup.getByTestId('open-dashboard')).toBeFocused();
  await popup.keyboard.press('Shift+Tab');
  await popup.keyboard.press('Enter');
  await expect(popup.getByTestId('popup-message')).toBeVisible();
  await expect(overlay(tab)).toBeVisible();
  await popup.close();
  await tab.close();
});

test('the dashboard navigation by keyboard', async () => {
  const page = await iso.context.newPage();
  await page.goto(`${ext}/options.html#sites`);
  await expect(page.getByTestId('page-sites')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('nav-sites')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('nav-settings')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('page-settings')).toBeVisible();
  await expect(page).toHaveURL(/#settings$/);
  // the chosen page takes the focus: the next Tab is inside it, not back in the navigation
  await expect(page.getByTestId('page-settings')).toBeFocused();
  // the settings form appears once the stored values are read; a Tab before that leaves the page
  await expect(page.getByTestId('unit-name')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('unit-name')).toBeFocused();
  await page.keyboard.type('某市市场监督管理局');
  await page.getByTestId('save-settings').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toBeVisible();
  await page.close();
});

test('at 200% zoom the overlay stays on screen and scrolls, and the dashboard reflows', async ({ server }) => {
  const page = await iso.context.newPage();
  const url = demoUrl(server, 'view/case.html', { id: 'finished-unlisted' });
  // a place chosen in the full-size window: the left edge (right = 1440 − 16 − 340)
  await iso.context
    .serviceWorkers()[0]!
    .evaluate(async (o) => chrome.storage.local.set({ [`overlay:${o}`]: { collapsed: false, right: 1084, top: 72 } }), new URL(url).origin);
  await page.setViewportSize({ width: 720, height: 450 });
  await page.goto(url);
  await expect(overlay(page)).toHaveAttribute('data-collapsed', 'false');
  const box = await panelBox(page);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(720);
  expect(box.y + box.height).toBeLessThanOrEqual(450);
  // the panel's header stays put and its body scrolls down to the last control
  const body = overlay(page).locator('.cca-body');
  // (the verdict and its reasons fill the body a moment after the panel opens)
  await expect.poll(() => body.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  const pick = overlay(page).getByTestId('pick');
  await pick.scrollIntoViewIfNeeded();
  const pickBox = (await pick.boundingBox())!;
  expect(pickBox.y + pickBox.height).toBeLessThanOrEqual(450);
  expect(pickBox.y).toBeGreaterThan((await overlay(page).locator('.cca-head').boundingBox())!.y);
  await expect(overlay(page).getByTestId('collapse')).toBeInViewport();

  for (const p of ['sites', 'profiles', 'settings', 'packs', 'audit', 'lists', 'ledger', 'backup']) {
    await page.goto(`${ext}/options.html#${p}`);
    await expect(page.getByTestId(`page-${p}`)).toBeVisible();
    // nothing wider than the window but what scrolls inside its own box; every page reachable from the navigation
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(720);
    for (const link of await page.locator('nav a').all()) await expect(link).toBeInViewport();
    const heading = page.getByRole('heading', { level: 2 }).first();
    await expect(heading).toBeInViewport();
  }
  await page.close();
});

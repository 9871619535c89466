import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM helper
import { chromiumArgs, chromiumEnv, chromiumExecutable } from '../../scripts/chromium.mjs';
import { EXTENSION_DIR, INTRANET_HOST, expect, expectNoReader, inExtension, overlay, test, waitForReaderRegistration } from './fixtures';

/** The popup's real logic, opened as a page acting on the tab with `url` (Chrome's toolbar popup cannot be driven). */
async function openPopupFor(context: BrowserContext, extensionId: string, url: string): Promise<Page> {
  const id = await context.serviceWorkers()[0]!.evaluate(
    async (u) => {
      const [tab] = await chrome.tabs.query({ url: u });
      return tab?.id ?? -1;
    },
    url.replace(/\?.*$/, '*'),
  );
  expect(id).toBeGreaterThan(0);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${id}`);
  return popup;
}

function onHost(serverUrl: string, host: string, path: string): string {
  const u = new URL(path, serverUrl);
  u.hostname = host;
  return u.href;
}

async function registeredMatches(context: BrowserContext): Promise<string[]> {
  return inExtension(context, async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []));
}

test.describe.configure({ mode: 'serial' });

test('enable and disable through the popup on a system with a port (made-up intranet host name)', async ({
  page,
  server,
  extContext,
  extensionId,
}) => {
  const url = onHost(server.url, INTRANET_HOST, 'spa/decision.html?case=food-revoke');
  // the same page on the fixture server's own origin, where the test build runs the reader
  const control = onHost(server.url, '127.0.0.1', 'spa/decision.html?case=food-revoke');
  await page.goto(url);
  await expect(page.locator('.el-form-item').first()).toBeVisible();
  await expectNoReader(page, control);

  const popup = await openPopupFor(extContext, extensionId, url);
  await expect(popup.getByTestId('popup-status')).toHaveAttribute('data-enabled', 'false');
  await popup.getByTestId('enable').click();
  await expect(popup.getByTestId('popup-status')).toHaveAttribute('data-enabled', 'true');
  // injected into the open tab at once, and registered for the next loads, with the port kept
  await expect(overlay(page)).toBeVisible();
  expect(await registeredMatches(extContext)).toContain(`http://${INTRANET_HOST}:${server.port}/*`);
  await page.reload();
  await expect(overlay(page)).toBeVisible();

  await popup.reload();
  await popup.getByTestId('disable').click();
  await expect(popup.getByTestId('popup-status')).toHaveAttribute('data-enabled', 'false');
  // the test build declares this origin, so the permission itself cannot be released: the popup says so
  await expect(popup.getByTestId('popup-message')).toBeVisible();
  expect(await registeredMatches(extContext)).not.toContain(`http://${INTRANET_HOST}:${server.port}/*`);
  await page.reload();
  await expect(page.locator('.el-form-item').first()).toBeVisible();
  await expectNoReader(page, control);
  await popup.close();
});

test('分析本页 reads a page once without enabling the system', async ({ page, server, extContext, extensionId }) => {
  const url = onHost(server.url, 'localhost', 'view/case.html?id=finished-unlisted');
  const control = onHost(server.url, '127.0.0.1', 'view/case.html?id=finished-unlisted');
  await page.goto(url);
  await expect(page.locator('table').first()).toBeVisible();
  await expectNoReader(page, control);
  const popup = await openPopupFor(extContext, extensionId, url);
  await popup.getByTestId('analyze').click();
  await expect(popup.getByTestId('popup-message')).toBeVisible();
  await expect(overlay(page)).toBeVisible();
  expect((await registeredMatches(extContext)).some((m) => m.includes('localhost'))).toBe(false);
  await page.reload();
  await expect(page.locator('table').first()).toBeVisible();
  await expectNoReader(page, control);
  await popup.close();
});

test('pages the reader cannot run on get a clear word in the popup, and no enable button', async ({ page, extContext, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const id = await extContext
    .serviceWorkers()[0]!
    .evaluate(async () => (await chrome.tabs.query({ url: 'chrome-extension://*/options.html' }))[0]?.id ?? -1);
  const popup = await extContext.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${id}`);
  await expect(popup.getByTestId('popup-status')).toBeVisible();
  await expect(popup.getByTestId('popup-status')).not.toHaveAttribute('data-enabled');
  await expect(popup.getByTestId('enable')).toHaveCount(0);
  await expect(popup.getByTestId('analyze')).toHaveCount(0);
  await popup.close();
});

/** What a restarted browser holds for the site of `url`: registrations, the stored sites, and whether the reader runs in its tab. */
async function afterRestart(context: BrowserContext, url: string): Promise<string> {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return sw.evaluate(
    async (u) => {
      const registered = (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.matches);
      const stored = await chrome.storage.local.get(null);
      const [tab] = await chrome.tabs.query({ url: u });
      const inTab = tab?.id
        ? (
            await chrome.scripting.executeScript({
              target: { tabId: tab.id },
              func: () =>
                `reader ${'__creditCaseAssistantReader' in globalThis}, host ${document.querySelector('credit-case-assistant') !== null}`,
            })
          ).map((r) => r.result)
        : 'no tab';
      return JSON.stringify({ registered, sites: stored.sites, inTab });
    },
    url.replace(/\?.*$/, '*'),
  );
}

/**
 * Enables the demo system from its popup in a profile of its own, closes the browser and starts it again with
 * `args`; `then` gets the restarted browser and the system's page address.
 */
async function enabledThenRestarted(
  server: { url: string },
  args: string[],
  then: (context: BrowserContext, url: string) => Promise<void>,
): Promise<void> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'cca-restart-'));
  const launch = (extra: string[]) =>
    chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumExecutable(),
      env: chromiumEnv(),
      headless: true,
      args: chromiumArgs(EXTENSION_DIR, extra),
    });
  const url = onHost(server.url, 'localhost', 'spa/decision.html?case=warning-only');
  try {
    const first = await launch([]);
    const sw = first.serviceWorkers()[0] ?? (await first.waitForEvent('serviceworker'));
    await waitForReaderRegistration(sw);
    const page = await first.newPage();
    await page.goto(url);
    const popup = await openPopupFor(first, new URL(sw.url()).host, url);
    await popup.getByTestId('enable').click();
    await expect(overlay(page)).toBeVisible();
    await popup.close();
    await first.close();

    const context = await launch(args);
    await (context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker'));
    await then(context, url);
    await context.close();
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

test('an enabled system stays enabled after the browser restarts', async ({ server }) => {
  await enabledThenRestarted(server, [], async (context, url) => {
    const again = await context.newPage();
    await again.goto(url);
    // a restarted browser's worker may take long to start on a busy machine: the reader keeps asking for about 25 s
    await expect(overlay(again))
      .toBeVisible({ timeout: 30_000 })
      .catch(async (e: Error) => {
        // this test has failed rarely, only on loaded machines, and never when watched: say what the browser held
        throw new Error(`${e.message}\n${await afterRestart(context, url)}`);
      });
  });
});

test('a tab the browser restores at start shows the overlay without a reload', async ({ server }) => {
  // the second start restores the tabs of the first, as a handler's browser set to continue where it left off does
  await enabledThenRestarted(server, ['--restore-last-session'], async (context, url) => {
    await expect.poll(() => context.pages().some((p) => p.url() === url), { timeout: 15_000 }).toBe(true);
    const restored = context.pages().find((p) => p.url() === url)!;
    await expect(overlay(restored)).toBeVisible({ timeout: 30_000 });
  });
});

test("the popup knows the test build's 127.0.0.1 is enabled on every port", async ({ page, server, extContext, extensionId }) => {
  const url = new URL('spa/decision.html?case=warning-only', server.url).href;
  await page.goto(url);
  const popup = await openPopupFor(extContext, extensionId, url);
  await expect(popup.getByTestId('popup-status')).toHaveAttribute('data-enabled', 'true');
  await popup.close();
});

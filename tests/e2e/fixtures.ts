import {
  test as base,
  chromium,
  expect,
  type BrowserContext,
  type Frame,
  type Locator,
  type Page,
  type Request,
  type Worker,
} from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// @ts-expect-error plain ESM helper shared with the demo and bench scripts
import { chromiumArgs, chromiumEnv, chromiumExecutable } from '../../scripts/chromium.mjs';
import { startFixtureServer } from '../fixtures/server.mjs';

export const EXTENSION_DIR = resolve('.output/chrome-mv3-test');
/** A made-up intranet host name resolved to the fixture server: never a real private address. */
export const INTRANET_HOST = 'zfba.scjg.internal';

interface WorkerFixtures {
  server: { url: string; port: number; close(): Promise<void> };
  extContext: BrowserContext;
  extensionId: string;
  /** every request the browser made, page and service worker, since the worker started */
  requests: Request[];
}

export const test = base.extend<{ page: Page }, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await startFixtureServer({ port: 0 });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  requests: [async ({}, use) => use([]), { scope: 'worker' }],
  extContext: [
    async ({ requests }, use) => {
      const userDataDir = mkdtempSync(join(tmpdir(), 'cca-e2e-'));
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: chromiumExecutable(),
        env: chromiumEnv(),
        headless: true,
        locale: 'zh-CN',
        viewport: { width: 1440, height: 900 },
        args: chromiumArgs(EXTENSION_DIR, [`--host-resolver-rules=MAP ${INTRANET_HOST} 127.0.0.1`]),
      });
      context.on('request', (r) => requests.push(r));
      const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      await waitForReaderRegistration(sw);
      await use(context);
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  extensionId: [
    async ({ extContext }, use) => {
      const sw = extContext.serviceWorkers()[0] ?? (await extContext.waitForEvent('serviceworker'));
      await use(new URL(sw.url()).host);
    },
    { scope: 'worker' },
  ],
  page: async ({ extContext }, use) => {
    const page = await extContext.newPage();
    await use(page);
    await page.close();
  },
});

export { expect };

/** The test build registers the reader on 127.0.0.1 at install; pages opened before that would see no overlay. */
export async function waitForReaderRegistration(sw: Worker): Promise<void> {
  await sw.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } } }).chrome;
    for (let i = 0; i < 200; i++) {
      if ((await api.scripting.getRegisteredContentScripts()).length > 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the reader was never registered');
  });
}

/** The overlay's shadow content in a page or frame (Playwright pierces open shadow roots). */
export function overlay(target: Page | Frame): Locator {
  return target.locator('credit-case-assistant [data-testid="overlay"]');
}

/**
 * Asserts that the reader did not run in `page`, which has loaded. Absence right after a load proves nothing (the
 * reader injects at document_idle and mounts after a round trip to the background), so the same document is first
 * opened on `controlUrl`, where the reader does run, in a tab started after `page` loaded: once its overlay shows,
 * `page`'s would have shown too. Fails if the control shows no overlay, so a broken reader cannot pass for absent.
 */
export async function expectNoReader(page: Page, controlUrl: string): Promise<void> {
  const control = await page.context().newPage();
  try {
    await control.goto(controlUrl);
    await expect(overlay(control), 'the reader runs on the control page').toBeVisible();
  } finally {
    await control.close();
  }
  await expect(page.locator('credit-case-assistant')).toHaveCount(0);
}

export function field(target: Page | Frame, key: string): Locator {
  return target.locator(`credit-case-assistant [data-testid="field"][data-key="${key}"]`);
}

/** Serialises every form control's value, checked and selected state, and every text node, for byte comparisons. */
export async function hostState(target: Page | Frame): Promise<string> {
  return target.evaluate(() => {
    const parts: string[] = [];
    document.querySelectorAll('input, select, textarea, [contenteditable]').forEach((el, i) => {
      if (el instanceof HTMLInputElement) parts.push(`${i}:${el.name}:${el.type}:${el.value}:${el.checked}`);
      else if (el instanceof HTMLSelectElement) parts.push(`${i}:${el.name}:${el.value}:${el.selectedIndex}`);
      else if (el instanceof HTMLTextAreaElement) parts.push(`${i}:${el.name}:${el.value}`);
      else parts.push(`${i}:ce:${(el as HTMLElement).innerHTML}`);
    });
    const clone = document.body.cloneNode(true) as HTMLElement;
    return parts.join('\n') + '\n' + clone.innerHTML;
  });
}

export interface DemoCase {
  id: string;
  decisionNo: string;
  caseNo: string;
  partyName: string;
  uscc: string;
  idNumber: string;
  legalBasis: string;
  penalty: string;
  decisionDate: string;
  expect: {
    verdict: string;
    unlisted: string;
    unlistedOnView: string;
    citations: string[];
    articles: number[];
    missing?: string[];
    legalRepRestriction: boolean;
    flagsWithDemoLists: string[];
    commitmentWarning?: boolean;
  };
}

/** A page of the demo system, e.g. `demoUrl(server, 'spa/decision.html', { case: 'food-revoke' })`. */
export function demoUrl(server: { url: string }, path: string, query: Record<string, string> = {}): string {
  const u = new URL(path, server.url);
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  return u.href;
}

/** Expands the overlay if its first placement was the collapsed pill (no free room beside the form). */
export async function expandOverlay(target: Page | Frame): Promise<void> {
  const root = overlay(target);
  await expect(root).toBeVisible();
  if ((await root.getAttribute('data-collapsed')) === 'true') {
    await root.locator('[data-testid="expand"]').click();
  }
  await expect(root).toHaveAttribute('data-collapsed', 'false');
}

export function verdict(target: Page | Frame): Locator {
  return target.locator('credit-case-assistant [data-testid="verdict"]');
}

/** The frame of a page whose URL contains `part` (legacy framesets nest the form two frames deep). */
export async function frameWith(page: Page, part: string): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes(part))).toBe(true);
  return page.frames().find((f) => f.url().includes(part))!;
}

/** Runs code in the extension's service worker (the extension origin), e.g. to reset stored state. */
export async function inExtension<T>(context: BrowserContext, fn: () => Promise<T>): Promise<T> {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return sw.evaluate(fn);
}

import { chromium } from '@playwright/test';
import { startFixtureServer } from '/work/main/tests/fixtures/server.mjs';
import { chromiumArgs, chromiumEnv } from '/work/main/scripts/chromium.mjs';
const server = await startFixtureServer({ port: 0 });
const ctx = await chromium.launchPersistentContext('/tmp/cca-d-' + Date.now(), { executablePath: '/usr/bin/chromium', env: chromiumEnv(), headless: true, viewport: { width: 1440, height: 900 }, args: chromiumArgs('/work/main/.output/chrome-mv3-test') });
const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
await sw.evaluate(async () => { for (let i = 0; i < 100 && !(await chrome.scripting.getRegisteredContentScripts()).length; i++) await new Promise(r => setTimeout(r, 50)); });
const page = await ctx.newPage();
await page.goto(new URL(process.argv[2], server.url).href);
await page.waitForTimeout(1500);
for (const f of page.frames()) {
  const n = await f.locator('credit-case-assistant').count();
  if (!n) continue;
  const exp = f.locator('credit-case-assistant [data-testid=expand]');
  if (await exp.count()) await exp.click();
  const rows = await f.locator('credit-case-assistant [data-testid=field]').evaluateAll(els => els.map(e => e.dataset.key + ' = ' + e.textContent.slice(0, 60)));
  console.log(f.url(), await f.locator('credit-case-assistant [data-testid=verdict]').getAttribute('data-verdict'), '\n ' + rows.join('\n '));
}
await ctx.close(); await server.close();

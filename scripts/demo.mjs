// `npm run demo`: build the test build, serve the bundled demo case-handling system on 127.0.0.1 and open
// Chromium with the extension loaded on the demo's start page.
// `npm run demo -- --screenshot <file.png>`: the same, headless, writing a screenshot of the overlay on the
// demo penalty form (for machines without a display).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildTestExtension } from './build-test.mjs';
import { HOW_TO_GET_CHROMIUM, chromiumArgs, chromiumEnv, chromiumExecutable } from './chromium.mjs';
import { startFixtureServer } from '../tests/fixtures/server.mjs';

const args = process.argv.slice(2);
const shotIndex = args.indexOf('--screenshot');
const screenshot = shotIndex >= 0 ? args[shotIndex + 1] : null;
if (shotIndex >= 0 && !screenshot) {
  console.error('用法 / usage: npm run demo -- --screenshot <file.png>');
  process.exit(2);
}
const root = resolve(new URL('..', import.meta.url).pathname);
const extensionDir = join(root, '.output/chrome-mv3-test');

let executablePath;
try {
  executablePath = chromiumExecutable();
} catch (e) {
  console.error(String(e instanceof Error ? e.message : e));
  process.exit(1);
}
const { chromium } = await import('@playwright/test');
if (!executablePath) {
  try {
    executablePath = chromium.executablePath();
    if (!(await import('node:fs')).existsSync(executablePath)) throw new Error('missing');
  } catch {
    console.error(HOW_TO_GET_CHROMIUM);
    process.exit(1);
  }
}
if (!screenshot && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux') {
  console.error('没有图形显示（DISPLAY 未设置）。请在桌面环境运行，或使用 / No display: run it on a desktop, or use:');
  console.error('  npm run demo -- --screenshot demo.png');
  process.exit(1);
}

console.log('构建测试版扩展 / building the test build …');
const built = buildTestExtension();
if (built !== 0) process.exit(built);

const server = await startFixtureServer({ port: Number(process.env.DEMO_PORT ?? 0) });
const userDataDir = mkdtempSync(join(tmpdir(), 'cca-demo-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  env: chromiumEnv(),
  headless: Boolean(screenshot),
  locale: 'zh-CN',
  viewport: screenshot ? { width: 1440, height: 960 } : null,
  args: chromiumArgs(extensionDir),
});
// the reader is registered on 127.0.0.1 when the extension installs: wait for that before opening pages
const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
await sw.evaluate(async () => {
  for (let i = 0; i < 200 && (await chrome.scripting.getRegisteredContentScripts()).length === 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
});
const cleanUp = async () => {
  await context.close().catch(() => {});
  await server.close();
  rmSync(userDataDir, { recursive: true, force: true });
};

if (screenshot) {
  const page = await context.newPage();
  await page.goto(new URL('spa/decision.html?case=food-revoke', server.url).href);
  const verdict = page.locator('credit-case-assistant [data-testid="verdict"]');
  try {
    await verdict.waitFor({ timeout: 20_000 });
  } catch {
    console.error('扩展没有在演示表单上显示面板 / the overlay did not appear on the demo form');
    await page.screenshot({ path: screenshot });
    await cleanUp();
    process.exit(1);
  }
  const expand = page.locator('credit-case-assistant [data-testid="expand"]');
  if (await expand.count()) await expand.click();
  await page.locator('credit-case-assistant [data-testid="reason"]').first().waitFor();
  await page.screenshot({ path: screenshot });
  console.log(`已保存截图 / screenshot written: ${resolve(screenshot)} (verdict: ${await verdict.getAttribute('data-verdict')})`);
  await cleanUp();
} else {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  console.log(`演示系统 / demo system: ${server.url}  — 关闭浏览器即退出 / close the browser to quit.`);
  await new Promise((r) => context.on('close', r));
  await server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

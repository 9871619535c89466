import { chromium } from '@playwright/test';
import { startFixtureServer } from '/work/main/tests/fixtures/server.mjs';
const server = await startFixtureServer({ port: 0 });
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await b.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(new URL(process.argv[2], server.url).href);
await page.waitForTimeout(800);
for (const f of page.frames()) {
  if (process.argv[3] && !f.url().includes(process.argv[3])) continue;
  await f.addScriptTag({ path: '/tmp/dbg.js' });
  console.log(f.url(), JSON.stringify(await f.evaluate(() => window.__dbg()), null, 1));
}
await b.close(); await server.close();

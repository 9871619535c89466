import { chromium } from 'playwright';
const [,, url, out] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage({ viewport: { width: 1280, height: 1000 } });
p.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
p.on('pageerror', (e) => console.log('pageerror', e.message));
await p.goto(url);
await p.waitForTimeout(1500);
console.log('ready', await p.evaluate(() => document.documentElement.dataset.fixtureReady));
console.log(await p.evaluate(() => document.body.innerText));
if (out) { await p.screenshot({ path: out, fullPage: true }); }
const fs = await import('node:fs'); fs.writeFileSync('/tmp/f2-dom.html', await p.content());
await b.close();

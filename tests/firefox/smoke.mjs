// Firefox smoke test: the Firefox test build (.output/firefox-mv3-test, `node scripts/build-test.mjs -b firefox`)
// installed in Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi, on the demo penalty form.
// Prints one line per check and writes test-results/firefox.json `{ passed, failed }`, which scripts/test.mjs
// adds to its summary line. Run alone: `node tests/firefox/smoke.mjs` (after the build).
// Env: FIREFOX_PATH (default /usr/bin/firefox-esr), FIREFOX_BUILD (default .output/firefox-mv3-test).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startFixtureServer } from '../fixtures/server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const EXTENSION_DIR = resolve(root, process.env.FIREFOX_BUILD ?? '.output/firefox-mv3-test');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'credit-case-assistant@scjg.local';
const WAIT_MS = 30_000;
const HOST_TAG = 'credit-case-assistant';

// Firefox stays off the network: no telemetry, updates, safe browsing, captive-portal or connectivity probes,
// prefetching or remote settings (puppeteer's profile sets most of these already; stated here so they hold).
const OFFLINE_PREFS = {
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.update.disabledForTesting': true,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': '',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.search.update': false,
  'browser.region.update.enabled': false,
  'browser.region.network.url': '',
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'media.gmp-manager.updateEnabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
};

const results = [];
async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    results.push({ name, ok: false, error });
    console.log(`  ✘ ${name}\n    ${error}`);
  }
}

function report() {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  mkdirSync(resolve(root, 'test-results'), { recursive: true });
  writeFileSync(resolve(root, 'test-results/firefox.json'), JSON.stringify({ passed, failed, checks: results }, null, 2));
  console.log(`firefox: ${passed} passed, ${failed} failed`);
  return failed;
}

/** Resolves when `selector` matches inside the overlay's open shadow root of a page or frame. */
async function inOverlay(target, selector) {
  await target.waitForFunction(
    (tag, sel) => Boolean(document.querySelector(tag)?.shadowRoot?.querySelector(sel)),
    { timeout: WAIT_MS, polling: 100 },
    HOST_TAG,
    selector,
  );
}

/** An element inside the overlay's open shadow root, as a handle for real input (null when absent). */
async function inOverlayElement(target, selector) {
  const handle = await target.evaluateHandle(
    (tag, sel) => document.querySelector(tag)?.shadowRoot?.querySelector(sel) ?? null,
    HOST_TAG,
    selector,
  );
  return handle.asElement();
}

async function main() {
  if (!existsSync(resolve(EXTENSION_DIR, 'manifest.json'))) {
    results.push({ name: 'the Firefox test build exists', ok: false });
    console.log(`  ✘ no Firefox test build in ${EXTENSION_DIR} (node scripts/build-test.mjs -b firefox)`);
    return report();
  }
  if (!existsSync(FIREFOX)) {
    results.push({ name: 'Firefox is installed', ok: false });
    console.log(`  ✘ ${FIREFOX} not found (apt-get install firefox-esr, or set FIREFOX_PATH)`);
    return report();
  }
  const server = await startFixtureServer({ port: 0 });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    protocol: 'webDriverBiDi',
    headless: true,
    extraPrefsFirefox: OFFLINE_PREFS,
  });
  try {
    console.log(`Firefox smoke test (${await browser.version()}), extension ${EXTENSION_DIR}`);
    await check('the extension installs (temporary add-on, with its Gecko id)', async () => {
      const id = await browser.installExtension(EXTENSION_DIR);
      if (id !== GECKO_ID) throw new Error(`installed as ${id}, expected ${GECKO_ID}`);
    });

    const page = await browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    const form = new URL('spa/decision.html?case=food-revoke', server.url).href;

    await check('the overlay on the demo penalty form says must-list (列严)', async () => {
      // the background registers the reader on install; a page opened before that is reloaded once
      await page.goto(form);
      try {
        await inOverlay(page, '[data-testid="verdict"]');
      } catch {
        await page.reload();
      }
      await inOverlay(page, '[data-testid="verdict"][data-verdict="must-list"]');
    });

    await check('a mistyped credit code raises the uscc-invalid party flag', async () => {
      // a real click (the overlay refuses clicks that a script dispatches)
      const expand = await inOverlayElement(page, '[data-testid="expand"]');
      if (expand) await expand.click();
      await inOverlay(page, '[data-testid="collapse"]');
      const input = await page.waitForSelector('input[name="tyshxydm"]', { timeout: WAIT_MS });
      await input.click({ count: 3 });
      // the demo party's code with a wrong check character
      await input.type('91310115MA125MLR28');
      await inOverlay(page, '[data-testid="party-flag"][data-flag="uscc-invalid"]');
    });

    await check('记录本案 opens the record form, a part the background injects into the frame on demand', async () => {
      const record = await inOverlayElement(page, '[data-testid="record"]');
      if (!record) throw new Error('no 记录本案 button');
      await record.click();
      await inOverlay(page, '[data-testid="record-form"]');
    });

    await check('legacy frameset: the overlay appears in the nested frame holding the form (all frames)', async () => {
      await page.goto(new URL('legacy/index.html?case=food-revoke', server.url).href);
      const frame = await page
        .waitForFrame((f) => f.url().includes('decision_form.html'), { timeout: WAIT_MS })
        .catch(() => {
          throw new Error('the frameset never loaded decision_form.html');
        });
      await inOverlay(frame, '[data-testid="verdict"][data-verdict="must-list"]');
      if (await page.evaluate((tag) => document.querySelector(tag) !== null, HOST_TAG))
        throw new Error('an overlay on the frameset page itself');
    });

    await check('the page made no request anywhere but the fixture server', async () => {
      const away = requested.filter((u) => !u.startsWith(server.url) && !/^(data|blob|moz-extension):/.test(u));
      if (requested.length === 0) throw new Error('no requests seen at all');
      if (away.length > 0) throw new Error(`requests elsewhere: ${away.join(', ')}`);
    });
  } finally {
    await browser.close();
    await server.close();
  }
  return report();
}

main().then(
  (failed) => process.exit(failed > 0 ? 1 : 0),
  (e) => {
    console.error(e);
    results.push({ name: 'the Firefox run', ok: false });
    report();
    process.exit(1);
  },
);

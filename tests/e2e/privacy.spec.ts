import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import cases from '../fixtures/demo/data/cases.json' with { type: 'json' };
import { EXTENSION_DIR, demoUrl, expect, frameWith, overlay, test, type DemoCase } from './fixtures';

test('the extension makes no network request: only the fixture server and the extension itself are ever asked', async ({
  page,
  server,
  extensionId,
  requests,
}) => {
  const demo = cases as unknown as DemoCase[];
  await page.goto(server.url);
  for (const path of ['spa/decision.html', 'spa/review.html', 'licensing/apply.html', 'list/cases.html']) {
    await page.goto(demoUrl(server, path, { case: demo[0]!.id }));
    await expect(overlay(page).or(page.locator('table').first()).first()).toBeVisible();
  }
  await page.goto(demoUrl(server, 'view/case.html', { id: 'finished-unlisted' }));
  await expect(overlay(page)).toBeVisible();
  await page.goto(demoUrl(server, 'legacy/index.html', { case: 'food-revoke' }));
  await expect(overlay(await frameWith(page, 'decision_form.html'))).toBeVisible();
  // typing drives the whole pipeline (facts, rules, party lookups through the background)
  await page.goto(demoUrl(server, 'spa/decision.html', { case: 'listed-party' }));
  await page.locator('.el-form-item', { hasText: '当事人名称' }).locator('input').first().fill('上海某某食品有限公司');
  for (const p of [
    'popup.html',
    'options.html#sites',
    'options.html#settings',
    'options.html#packs',
    'options.html#lists',
    'options.html#ledger',
    'options.html#audit',
    'options.html#backup',
  ]) {
    await page.goto(`chrome-extension://${extensionId}/${p}`);
    await page.waitForLoadState('load');
  }
  const fixtureOrigin = new URL(server.url).origin;
  const offending = requests
    .map((r) => r.url())
    .filter((u) => {
      const { protocol, origin, hostname, port } = new URL(u);
      if (protocol === 'chrome-extension:' || protocol === 'data:' || protocol === 'blob:') return false;
      // the fixture server, under any of the names the tests give it
      return !(origin === fixtureOrigin || (port === String(server.port) && ['localhost', 'zfba.scjg.internal'].includes(hostname)));
    });
  expect(offending).toEqual([]);
  expect(requests.length).toBeGreaterThan(10);
});

test('extension pages may not connect anywhere nor run anything but their own files: the manifest CSP says so and the browser enforces it', async ({
  page,
  server,
  extensionId,
}) => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    content_security_policy: { extension_pages: string };
  };
  expect(manifest.content_security_policy.extension_pages).toMatch(/connect-src 'self'/);
  expect(manifest.content_security_policy.extension_pages).toMatch(/default-src 'self'/);
  expect(manifest.content_security_policy.extension_pages).not.toMatch(/https?:/);
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const outcome = await page.evaluate(async (url) => {
    try {
      await fetch(url);
      return 'connected';
    } catch {
      return 'blocked';
    }
  }, server.url);
  expect(outcome).toBe('blocked');
  // nothing but the extension's own files runs there: an inline script is refused
  const inline = await page.evaluate(async () => {
    const refused = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true }),
    );
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    // an inline script that may run runs as it is inserted; one that may not is reported as refused
    document.head.append(s);
    if ((window as unknown as { __inlineRan?: boolean }).__inlineRan === true) return 'ran';
    return `refused by ${await refused}`;
  });
  expect(inline).toMatch(/^refused by script-src/);
});

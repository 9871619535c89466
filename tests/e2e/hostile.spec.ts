import type { CDPSession, Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startFixtureServer } from '../fixtures/server.mjs';
import { expect, test } from './fixtures';
import { launchIsolated, type Isolated } from './isolated';

/**
 * A hostile host page (tests/fixtures/hostile) tries every attack a page script has on the overlay: it clicks its
 * buttons, drives the picker, reads it, takes its element name, removes its host, floods it with input events,
 * fires WXT's stop event, and asks the background for site management from the reader's own world. Each test
 * says what it proves. Runs in a browser profile of its own: some tests switch on the production host
 * (`__productionHostForTests`), record settings, or check that nothing was stored.
 */

const ROOT = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));
const UNIT = '上海市浦东新区市场监督管理局执法大队';
const RECORDER = '王晓明';
/** How often the reader puts back a host the page removed (MAX_READDS in entrypoints/reader.content/mount.ts). */
const MAX_READDS = 8;

interface HostileLog {
  attachShadow: string | null;
  internalsRoot: unknown;
  constructed: number;
  removals: number;
  /** when each removal happened (performance.now()) */
  removedAt: number[];
  heardStart: string[];
}

test.describe.configure({ mode: 'serial' });

let iso: Isolated;
let server: { url: string; close(): Promise<void> };
test.beforeAll(async () => {
  iso = await launchIsolated();
  server = await startFixtureServer({ root: ROOT, port: 0 });
});
test.afterAll(async () => {
  await iso.close();
  await server.close();
});

const sw = () => iso.context.serviceWorkers()[0]!;
const setStorage = (items: Record<string, unknown>) => sw().evaluate((i) => chrome.storage.local.set(i), items);
const removeStorage = (keys: string[]) => sw().evaluate((k) => chrome.storage.local.remove(k), keys);
const url = (query = '') => `${server.url}index.html${query}`;
const log = (page: Page) => page.evaluate(() => (window as unknown as { hostile: { log: HostileLog } }).hostile.log);
const overlayIn = (page: Page) => page.locator('credit-case-assistant [data-testid="overlay"]');

async function open(query = ''): Promise<Page> {
  const page = await iso.context.newPage();
  await page.goto(url(query));
  return page;
}

async function expanded(page: Page): Promise<void> {
  const ov = overlayIn(page);
  await expect(ov).toBeVisible();
  if ((await ov.getAttribute('data-collapsed')) === 'true') await ov.getByTestId('expand').click();
  await expect(ov).toHaveAttribute('data-collapsed', 'false');
}

/** The overlay as the browser itself sees it, closed shadow roots included (DevTools protocol, not page script). */
async function overlayThroughDevTools(page: Page): Promise<{ tag: string; mode: string; verdict: string | null } | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const html = root.children?.find((n) => n.nodeName === 'HTML');
    const host = html?.children?.find((n) => n.localName?.startsWith('credit-case-assistant'));
    if (!host) return null;
    const shadow = host.shadowRoots?.[0];
    const attr = (n: DomNode, name: string) => {
      const a = n.attributes ?? [];
      const i = a.indexOf(name);
      return i >= 0 ? a[i + 1]! : null;
    };
    const find = (n: DomNode | undefined): DomNode | null => {
      if (!n) return null;
      if (attr(n, 'data-testid') === 'verdict' && attr(n, 'data-verdict')) return n;
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
        const hit = find(c);
        if (hit) return hit;
      }
      return null;
    };
    const verdict = find(shadow);
    return { tag: host.localName!, mode: shadow?.shadowRootType ?? 'none', verdict: verdict ? attr(verdict, 'data-verdict') : null };
  } finally {
    await cdp.detach();
  }
}

interface DomNode {
  nodeName: string;
  localName?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  shadowRootType?: string;
}

/** Runs code in the reader's own world of the page's main frame (the content scripts' isolated world). */
async function inReaderWorld(page: Page, expression: string): Promise<unknown> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    const contexts: Array<{ id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }> = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    await expect.poll(() => contexts.some((c) => c.origin === `chrome-extension://${iso.extensionId}`)).toBe(true);
    const world = contexts.find((c) => c.origin === `chrome-extension://${iso.extensionId}`)!;
    const r = (await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true })) as {
      result: { value: unknown };
    };
    return r.result.value;
  } finally {
    await cdp.detach();
  }
}

/** Cases in the ledger, read in the extension's origin (never creating the database, never holding it open). */
const casesInLedger = () =>
  sw().evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'credit-case-assistant')) return 0;
    return new Promise<number>((resolve, reject) => {
      const req = indexedDB.open('credit-case-assistant');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains('cases')) {
          db.close();
          return resolve(0);
        }
        const count = db.transaction('cases').objectStore('cases').count();
        count.onsuccess = () => {
          db.close();
          resolve(count.result);
        };
        count.onerror = () => reject(count.error);
      };
    });
  });

test('a page script that clicks 记录本案 and 保存 records nothing: only the handler’s clicks open the form and save', async () => {
  await setStorage({ settings: { unitName: UNIT, recorderName: RECORDER } });
  const page = await open();
  await expanded(page);
  const before = await casesInLedger();
  // the test build's shadow root is open: the page reaches the buttons, and its clicks are refused
  const attempt = await page.evaluate(() => (window as unknown as { hostile: { record(): Promise<unknown> } }).hostile.record());
  expect(attempt).toEqual({ reached: true, formOpened: false });
  // 记录本案 toggles the form: the handler's click opens it only if the page's clicks left it closed
  await overlayIn(page).getByTestId('record').click();
  await expect(overlayIn(page).getByTestId('record')).toHaveAttribute('aria-expanded', 'true');
  await expect(overlayIn(page).getByTestId('record-form')).toBeVisible();
  // the page's script clicks 保存 and submits the form
  expect(await page.evaluate(() => (window as unknown as { hostile: { submitRecord(): Promise<boolean> } }).hostile.submitRecord())).toBe(
    true,
  );
  // the handler's own click records it as a new case: had the page's submit recorded it first, this save would
  // be refused as made against an older revision
  await overlayIn(page).getByTestId('record-submit').click();
  await expect(overlayIn(page).getByTestId('record-message')).toHaveText('已记入台账');
  expect(await casesInLedger()).toBe(before + 1);
  await page.close();
});

test('a page script cannot drive the picker, so it cannot change the site profile', async () => {
  await removeStorage(['profiles']);
  const page = await open();
  await expanded(page);
  const attempt = await page.evaluate(() => (window as unknown as { hostile: { pick(): Promise<unknown> } }).hostile.pick());
  expect(attempt).toEqual({ reached: true, pickerOpened: false });
  // the handler's own pick, of another key, after the page's: once it is stored, a pin the page had made would be too
  await overlayIn(page).getByTestId('pick-key').selectOption('caseNo');
  await overlayIn(page).getByTestId('pick').click();
  await expect(page.locator('credit-case-assistant [data-testid="picker-layer"]')).toBeVisible();
  const box = (await page.locator('input[name="ajbh"]').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const pinnedKeys = () =>
    sw().evaluate(async () => {
      const profiles = (await chrome.storage.local.get('profiles')).profiles as
        Record<string, { pins: Array<{ key: string }> }> | undefined;
      return Object.values(profiles ?? {}).flatMap((p) => p.pins.map((pin) => pin.key));
    });
  await expect.poll(pinnedKeys).toEqual(['caseNo']);
  await removeStorage(['profiles']);
  await page.close();
});

test('the unit and the recorder never reach the page’s DOM, even with the record form open', async () => {
  await setStorage({ settings: { unitName: UNIT, recorderName: RECORDER } });
  const page = await open();
  await expanded(page);
  await overlayIn(page).getByTestId('record').click();
  await expect(overlayIn(page).getByTestId('record-form')).toContainText('填报单位和记录人取自管理页的设置');
  const seen = await page.evaluate(() =>
    (window as unknown as { hostile: { readAll(): { text: string; shadowReachable: boolean } } }).hostile.readAll(),
  );
  // the page reads the open shadow root of the test build, and still finds neither name
  expect(seen.shadowReachable).toBe(true);
  expect(seen.text).toContain('记录本案');
  expect(seen.text).not.toContain(UNIT);
  expect(seen.text).not.toContain(RECORDER);
  await page.close();
});

test('the production host: a closed shadow root, so the page reads no verdict, flag or field', async () => {
  await setStorage({ __productionHostForTests: true });
  try {
    const page = await open();
    await expect
      .poll(() => overlayThroughDevTools(page))
      .toMatchObject({ tag: 'credit-case-assistant', mode: 'closed', verdict: 'must-list' });
    const seen = await page.evaluate(() =>
      (
        window as unknown as { hostile: { readAll(): { text: string; shadowReachable: boolean; verdict: string | null } } }
      ).hostile.readAll(),
    );
    expect(seen.shadowReachable).toBe(false);
    expect(seen.verdict).toBeNull();
    expect(seen.text).not.toContain('must-list');
    expect(seen.text).not.toContain('应当列入');
    await page.close();
  } finally {
    await removeStorage(['__productionHostForTests']);
  }
});

test('a page that defines the overlay’s element name: the test build keeps the name, and the page gets nothing', async () => {
  const page = await open('?define=1');
  await expanded(page);
  await expect(page.locator('credit-case-assistant [data-testid="verdict"]').first()).toHaveAttribute('data-verdict', 'must-list');
  const l = await log(page);
  // the page's constructor ran on our host, which already had its shadow root: it could neither replace it nor
  // reach it through ElementInternals
  expect(l.constructed).toBeGreaterThanOrEqual(1);
  expect(l.attachShadow).toBe('refused: NotSupportedError');
  expect(l.internalsRoot).toBeNull();
  await expect(page.locator('credit-case-assistant')).toHaveCount(1);
  await page.close();
});

test('a page that defines the overlay’s element name: production mounts under a suffixed name, closed', async () => {
  await setStorage({ __productionHostForTests: true });
  try {
    const page = await open('?define=1');
    await expect.poll(async () => (await overlayThroughDevTools(page))?.verdict).toBe('must-list');
    const seen = await overlayThroughDevTools(page);
    expect(seen!.tag).toMatch(/^credit-case-assistant-[a-z0-9]+$/);
    expect(seen!.mode).toBe('closed');
    // the page's own element is not our host: its class never ran on it
    expect(
      await page.evaluate(
        () =>
          (window as unknown as { hostile: { host(): Element } }).hostile.host() instanceof customElements.get('credit-case-assistant')!,
      ),
    ).toBe(false);
    await page.close();
  } finally {
    await removeStorage(['__productionHostForTests']);
  }
});

test('a page that removes the host gets it back; one that always removes it does not make it loop', async () => {
  const once = await open('?remove=once');
  await expect.poll(() => log(once).then((l) => l.removals)).toBe(1);
  await expanded(once);
  await expect(once.locator('credit-case-assistant [data-testid="verdict"]').first()).toHaveAttribute('data-verdict', 'must-list');
  await once.close();

  const always = await open('?remove=always');
  // the host comes back MAX_READDS times, each time later than the one before: the page and the reader are not
  // caught in a loop (that no re-add follows the last is pinned with a fake clock in tests/unit/ext/mount.test.ts)
  await expect.poll(() => log(always).then((l) => l.removals), { timeout: 40_000 }).toBe(MAX_READDS + 1);
  const at = (await log(always)).removedAt;
  expect(at).toHaveLength(MAX_READDS + 1);
  const gaps = at.slice(1).map((t, i) => t - at[i]!);
  expect(gaps.at(-1)!).toBeGreaterThan(2 * gaps[0]!);
  await always.close();
});

test('a flood of synthetic input events is read (frameworks fire them), but once per animation frame at most', async () => {
  const page = await open();
  await expanded(page);
  const party = page.locator('credit-case-assistant [data-testid="field"][data-key="partyName"]');
  await expect(party).toHaveText('上海禾味坊食品有限公司');
  // count the overlay's updates of the party name while the page fires 3,000 changing input events
  await page.evaluate(() => {
    const dd = document.querySelector('credit-case-assistant')!.shadowRoot!.querySelector('[data-key="partyName"]')!;
    const w = window as unknown as { renders: number };
    w.renders = 0;
    new MutationObserver((records) => (w.renders += records.length)).observe(dd, { characterData: true, childList: true, subtree: true });
  });
  const flood = await page.evaluate(() =>
    (
      window as unknown as { hostile: { flood(n: number, perTick: number): Promise<{ frames: number; spent: number; last: string }> } }
    ).hostile.flood(3000, 30),
  );
  await expect(party).toHaveText(flood.last);
  const renders = await page.evaluate(() => (window as unknown as { renders: number }).renders);
  expect(renders).toBeGreaterThan(0);
  expect(renders).toBeLessThanOrEqual(flood.frames + 2);
  test.info().annotations.push({
    type: 'flood',
    description: `3000 events, ${flood.frames} frames, ${renders} overlay updates, ${flood.spent.toFixed(0)} ms in dispatch`,
  });
  await page.close();
});

test('WXT’s start event, fired by the page with our extension ID, neither stops nor restarts the reader, and we never send one', async () => {
  const page = await open(`?ext=${iso.extensionId}`);
  await expanded(page);
  // the reader announces itself to no one: the page heard no start event (which would tell it our extension ID)
  expect((await log(page)).heardStart).toEqual([]);
  await page.evaluate(async (id) => {
    (window as unknown as { hostile: { stopReader(id: string): void } }).hostile.stopReader(id);
    // the events are dispatched at once, the message is posted: one posted after it arrives after it, so every
    // listener, the reader's included, has had the start event by then
    const marker = 'after-start-event';
    await new Promise<void>((resolve) => {
      const heard = (e: MessageEvent) => {
        if (e.data !== marker) return;
        window.removeEventListener('message', heard);
        resolve();
      };
      window.addEventListener('message', heard);
      window.postMessage(marker, '*');
    });
  }, iso.extensionId);
  // still reading: a change on the form reaches the overlay
  await page.locator('input[name="dsrmc"]').fill('上海停不下来食品有限公司');
  await expect(page.locator('credit-case-assistant [data-testid="field"][data-key="partyName"]')).toHaveText('上海停不下来食品有限公司');
  await expect(page.locator('credit-case-assistant')).toHaveCount(1);
  await page.close();
});

test('site management is refused to the reader’s own world: only the extension’s pages may enable, disable or analyse', async () => {
  const page = await open();
  await expanded(page);
  const origin = new URL(server.url).origin;
  const asks = [
    { type: 'disableSite', origin },
    { type: 'enableSite', site: { origin: 'http://localhost', pattern: 'http://localhost/*' } },
    { type: 'analyzeTab', tabId: 1 },
  ];
  for (const ask of asks) {
    expect(await inReaderWorld(page, `chrome.runtime.sendMessage(${JSON.stringify(ask)})`), ask.type).toEqual({
      ok: false,
      error: 'forbidden',
    });
  }
  // nothing changed: the reader is still registered on this origin
  expect(await sw().evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []))).toContain(
    'http://127.0.0.1/*',
  );
  // and the same world may read (the reader's own requests are answered)
  expect(await inReaderWorld(page, `chrome.runtime.sendMessage({ type: 'getReaderConfig' }).then((r) => r.ok)`)).toBe(true);
  await page.close();
});

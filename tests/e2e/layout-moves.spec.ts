// The layout pass pairs by position, and positions move with no DOM change: a web font arriving late re-flows
// text, an image without a size takes its height, a transition ends after the page was read mid-way. A reader that
// read the page before must read it after as a reader that never saw it does: a read asked for, and the watcher,
// which must read again by itself. The font and the image are held back until the page has been read once.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import type { FieldSnapshot } from '../../lib/form/types';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.mjs';
import { launchBare, pageBundle } from './bare';

let browser: Browser;
let server: FixtureServer;
let cached: string;
let watched: string;
let fresh: string;

test.beforeAll(async () => {
  // each bundle is a reader of its own, with a plan cache of its own
  cached = await pageBundle(`import { readForm } from './lib/form/read';
    (window.__moves ??= {}).cachedRead = () => readForm(document);`);
  watched = await pageBundle(`import { watchForm } from './lib/form/watch';
    (window.__moves ??= {}).watch = () => { window.__moves.watcher = watchForm(document, () => {}); };`);
  fresh = await pageBundle(`import { readForm } from './lib/form/read'; window.__freshRead = readForm;`);
  server = await startFixtureServer({ root: fileURLToPath(new URL('../fixtures/layout-moves/', import.meta.url)), port: 0 });
  browser = await launchBare();
});

test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

declare global {
  interface Window {
    __moves: {
      cachedRead(): FieldSnapshot;
      watch(): void;
      watcher: { snapshot(): FieldSnapshot };
      freshSource: string;
      fresh(): FieldSnapshot;
      same(a: FieldSnapshot, b: FieldSnapshot): boolean;
      /** the transition ended */
      ended?: boolean;
    };
  }
}

type Held = 'font' | 'image';
type Move = Held | 'transition';
const FILES: Record<Held, string> = { font: '**/narrow.ttf', image: '**/late.svg' };

/** The page with the font and the image held back; `release` lets one of them arrive. */
async function heldPage(): Promise<{ page: Page; release: (h: Held) => void }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const gates = {} as Record<Held, () => void>;
  for (const h of ['font', 'image'] as const) {
    const open = new Promise<void>((r) => (gates[h] = r));
    await page.route(FILES[h], async (route) => {
      await open;
      await route.continue();
    });
  }
  await page.goto(server.url, { waitUntil: 'domcontentloaded' });
  for (const content of [cached, watched]) await page.addScriptTag({ content });
  await page.evaluate((src) => {
    const m = window.__moves;
    m.freshSource = src;
    // a reader that never saw the page: the module evaluated again
    m.fresh = () => {
      new Function(m.freshSource)();
      return window.__freshRead!(document);
    };
    m.same = (a, b) => JSON.stringify({ ...a, url: '' }) === JSON.stringify({ ...b, url: '' });
  }, fresh);
  return { page, release: (h) => gates[h]() };
}

/** Starts the height transition, and reads the page as it starts: the class changed, nothing moved yet. */
async function startTransition(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const m = window.__moves;
    const part = document.querySelector('.transition')!;
    part.addEventListener('transitionend', () => (m.ended = true), { once: true });
    part.classList.add('open');
    return m.same(m.cachedRead(), m.fresh());
  });
}

const labelOf = (s: FieldSnapshot, value: string): string | undefined => s.fields.find((f) => f.value === value)?.label;

const arrived: Record<Move, () => boolean> = {
  font: () => document.fonts.status === 'loaded' && Array.from(document.fonts).every((f) => f.status === 'loaded'),
  image: () => {
    const img = document.querySelector('img')!;
    return img.complete && img.naturalHeight > 0;
  },
  transition: () => window.__moves.ended === true,
};

/** The value of the box each part's label lies beside before it moves, and after. */
const MOVES: Record<Move, { label: string; before: string; after: string }> = {
  font: { label: '当事人名称', before: '沪市监处〔2024〕312号', after: '上海某某食品有限公司' },
  image: { label: '联系地址', before: '上海市某区某路1号', after: '2024-03-01' },
  transition: { label: '联系人', before: '张三', after: '13800000000' },
};

const TITLES: Record<Move, string> = {
  font: 'a web font arriving late',
  image: 'an image without a size arriving late',
  transition: 'a height transition ending',
};

const watcherCaughtUp = (page: Page): Promise<unknown> =>
  page.waitForFunction(() => window.__moves.same(window.__moves.watcher.snapshot(), window.__moves.fresh()), null, { polling: 100 });

for (const moving of ['font', 'image', 'transition'] as const) {
  test(`${TITLES[moving]} moves a label: read again, the page is read as a fresh reader reads it`, async () => {
    const { page, release } = await heldPage();
    const move = MOVES[moving];
    const before = await page.evaluate(() => {
      const m = window.__moves;
      m.watch();
      const read = m.cachedRead();
      return { read, same: m.same(read, m.fresh()) };
    });
    expect(before.same).toBe(true);
    // the layout pass labels the box the label lies beside now
    expect(labelOf(before.read, move.before)).toBe(move.label);

    if (moving === 'transition') expect(await startTransition(page)).toBe(true);
    else release(moving);
    await page.waitForFunction(arrived[moving]);
    const after = await page.evaluate(() => ({ fresh: window.__moves.fresh(), cached: window.__moves.cachedRead() }));
    // the label moved beside the other box: a fresh reader pairs it there
    expect(labelOf(after.fresh, move.after)).toBe(move.label);
    expect(labelOf(after.fresh, move.before)).not.toBe(move.label);
    expect(after.cached).toEqual({ ...after.fresh, url: after.cached.url });
    // the watcher reads again by itself, with no mutation to tell it
    await watcherCaughtUp(page);

    // the rest arrives
    for (const h of ['font', 'image'] as const) if (h !== moving) release(h);
    await page.waitForFunction(() => document.fonts.status === 'loaded' && document.querySelector('img')!.complete);
    expect(await page.evaluate(() => window.__moves.same(window.__moves.cachedRead(), window.__moves.fresh()))).toBe(true);
    await watcherCaughtUp(page);
    await page.close();
  });
}

// The framework matrix (tests/fixtures/frameworks/README.md): one test per fixture page, generated from its
// expected.json. Each asserts first that the page really shows the expected values (a check of the fixture), then
// that the overlay shows every key with that value, the verdict and the 应列未列 banner.
import {
  describe as describeValue,
  matrixPages,
  pageShows,
  readOverlay,
  score,
  shows,
  visibleText,
} from '../fixtures/frameworks/matrix.mjs';
import { expect, test } from './fixtures';

test.describe('the framework matrix: the overlay reads what the handler sees', () => {
  for (const p of matrixPages()) {
    test(`${p.framework} · ${p.title} (${p.url})`, async ({ page, server, requests }) => {
      const first = requests.length;
      await page.goto(new URL(p.url, server.url).href);
      // a static page (an office export) is ready once loaded; the others say when their framework has rendered
      if (!p.static) await expect(page.locator('html')).toHaveAttribute('data-fixture-ready', 'true');

      const text = await visibleText(page);
      for (const [key, value] of Object.entries(p.fields)) {
        expect(pageShows(value, text), `the fixture shows ${key} = ${describeValue(value)}`).toBe(true);
      }

      // everything the fixture needs comes from the fixture server: no CDN
      const outside = requests
        .slice(first)
        .map((r) => r.url())
        .filter((u) => !u.startsWith(server.url) && !/^(data|blob|chrome-extension):/.test(u));
      expect(outside, 'requests that left the fixture server').toEqual([]);

      // the reader reads again on its own schedule after a framework renders, later still on a busy machine: wait
      // until the overlay shows what the page shows (a fixed quiet time would take a slow read for the last one)
      let read = await readOverlay(page);
      await expect.soft
        .poll(
          async () => {
            read = await readOverlay(page, { timeout: 1_000 });
            const s = score(p, read);
            return s.read === s.expected && s.verdictOk && s.unlistedOk;
          },
          { message: 'the overlay settles on what the page shows' },
        )
        .toBe(true);
      expect.soft(read.fields, 'an overlay appears').not.toBeNull();
      for (const [key, value] of Object.entries(p.fields)) {
        const got = read.fields?.[key];
        expect
          .soft(
            shows(key, value, got),
            `${key}: expected ${describeValue(value)}, the overlay shows ${got === undefined ? 'nothing' : JSON.stringify(got)}`,
          )
          .toBe(true);
      }
      expect.soft(read.verdict, 'verdict').toBe(p.verdict);
      expect.soft(read.unlisted ?? 'no', '应列未列 banner (data-level, or no)').toBe(p.unlisted);
    });
  }
});

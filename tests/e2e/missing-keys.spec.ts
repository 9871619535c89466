import { fileURLToPath } from 'node:url';
import { startFixtureServer } from '../fixtures/server.mjs';
import { expect, expandOverlay, field, overlay, test } from './fixtures';
import { launchIsolated } from './isolated';

// A fixture server of its own, so a browser profile of its own (the shared one counts every request it sees).
const ROOT = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));

test('the core keys not read are listed, and 选取 next to one pins it in one click', async () => {
  const server = await startFixtureServer({ root: ROOT, port: 0 });
  const iso = await launchIsolated();
  try {
    const page = await iso.context.newPage();
    await page.goto(`${server.url}missing-keys.html`);
    await expandOverlay(page);
    const missing = overlay(page).getByTestId('missing-keys');
    await expect(missing.locator('li')).toHaveText([/处罚依据/, /决定日期/]);
    await expect(missing.locator('li[data-key="legalBasis"]')).toHaveCount(1);

    await missing.locator('li[data-key="legalBasis"]').getByTestId('pick-missing').click();
    const layer = page.locator('credit-case-assistant [data-testid="picker-layer"]');
    await expect(layer).toBeVisible();
    await expect(layer).toHaveAttribute('aria-label', '处罚依据');
    const target = (await page.locator('input[name="l5"]').boundingBox())!;
    await page.mouse.move(target.x + 10, target.y + target.height / 2);
    await page.mouse.click(target.x + 10, target.y + target.height / 2);

    await expect(field(page, 'legalBasis')).toHaveText('《中华人民共和国食品安全法》第一百二十二条第一款');
    await expect(missing.locator('li')).toHaveText([/决定日期/]);
  } finally {
    await iso.close();
    await server.close();
  }
});

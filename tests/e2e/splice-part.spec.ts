import type { Page } from '@playwright/test';
import { demoUrl, expandOverlay, expect, field, test } from './fixtures';

/**
 * Planning again in part (lib/form/splice.ts) is a part of the reader that the background runs in a frame only
 * once its page changes structure: the reader stays within its budget, and every later change of structure is
 * spliced. Whichever way a change is planned, the overlay shows what the page shows.
 */

/** Evaluates `expression` in the extension's content-script world of the page (the page's own cannot see it). */
async function inReaderWorld(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  const worlds: Array<{ id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }> = [];
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
  await cdp.send('Runtime.enable');
  const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin.startsWith('chrome-extension://'));
  const result = world ? await cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true }) : null;
  await cdp.detach();
  return result?.result.value;
}

/** Replaces the form item holding the party's name with a copy holding `name`, as a SPA re-rendering it does. */
async function renderParty(page: Page, from: string, name: string): Promise<void> {
  await page.evaluate(
    ({ from, name }) => {
      const input = Array.from(document.querySelectorAll('input')).find((i) => i.value === from)!;
      const item = input.closest('.el-form-item') ?? input.parentElement!;
      const copy = item.cloneNode(true) as Element;
      const copied = Array.from(copy.querySelectorAll('input')).find((i) => i.value === from || i.getAttribute('value') === from)!;
      copied.value = name;
      item.replaceWith(copy);
    },
    { from, name },
  );
}

test('a change of structure loads the splice part, and reading stays current through it', async ({ page, server }) => {
  await page.goto(demoUrl(server, 'spa/decision.html', { case: 'food-revoke' }));
  await expandOverlay(page);
  const party = field(page, 'partyName');
  const first = (await party.textContent())!.trim();
  expect(first).not.toBe('');
  expect(await inReaderWorld(page, 'Boolean(globalThis.__creditCaseAssistantParts?.registry?.splice)')).toBe(false);

  await renderParty(page, first, '上海禾味坊食品有限公司第一分公司');
  await expect(party).toHaveText('上海禾味坊食品有限公司第一分公司');
  await expect.poll(() => inReaderWorld(page, 'Boolean(globalThis.__creditCaseAssistantParts?.registry?.splice)')).toBe(true);

  // from now on planned in part
  await renderParty(page, '上海禾味坊食品有限公司第一分公司', '上海禾味坊食品有限公司第二分公司');
  await expect(party).toHaveText('上海禾味坊食品有限公司第二分公司');
});

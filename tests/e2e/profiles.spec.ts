import { readFileSync } from 'node:fs';
import { demoUrl, expandOverlay, expect, field, inExtension, test } from './fixtures';

test('a site profile imported in the dashboard pins a field on the system; a broken one is refused in Chinese', async ({
  page,
  extContext,
  extensionId,
  server,
}) => {
  const origin = new URL(server.url).origin;
  await page.goto(`chrome-extension://${extensionId}/options.html#profiles`);
  const broken = { name: '坏.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 2, "origin": "not a url"}') };
  await page.getByTestId('profile-import').setInputFiles(broken);
  await expect(page.getByTestId('profiles-message')).toHaveText(/导入失败/);
  await expect(page.getByTestId('profile')).toHaveCount(0);

  const profile = {
    version: 1,
    origin,
    name: '演示系统',
    pins: [{ key: 'authority', selector: 'input[name="ajbh"]' }],
    updatedAt: '2026-11-22T00:00:00.000Z',
  };
  await page
    .getByTestId('profile-import')
    .setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(profile)) });
  await expect(page.getByTestId('profile')).toHaveCount(1);
  // the same system again: replacing its profile is asked first, naming it; cancelling keeps the stored one
  const other = { ...profile, name: '另一份配置' };
  const importOther = () =>
    page
      .getByTestId('profile-import')
      .setInputFiles({ name: 'q.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
  const storedName = () =>
    page.evaluate(
      async (o) => ((await chrome.storage.local.get('profiles')).profiles as Record<string, { name: string }>)[o]?.name,
      origin,
    );
  await importOther();
  await expect(page.getByTestId('profile-import-replace')).toContainText(`系统 ${origin} 已有站点配置`);
  await page.getByTestId('profile-import-replace-cancel').click();
  await expect(page.getByTestId('profile-import-replace')).toHaveCount(0);
  expect(await storedName()).toBe('演示系统');
  await importOther();
  await page.getByTestId('profile-import-replace-confirm').click();
  await expect(page.getByTestId('profiles-message')).toHaveText(`已导入 ${origin} 的站点配置`);
  expect(await storedName()).toBe('另一份配置');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('profile-export').click()]);
  expect(JSON.parse(readFileSync(await download.path(), 'utf8'))).toMatchObject({ origin, pins: profile.pins });

  const form = await extContext.newPage();
  try {
    await form.goto(demoUrl(server, 'spa/decision.html', { case: 'food-revoke' }));
    await expandOverlay(form);
    const caseNo = await form.locator('input[name="ajbh"]').inputValue();
    expect(caseNo).not.toBe('');
    await expect(field(form, 'authority')).toHaveText(caseNo);
  } finally {
    await inExtension(extContext, () => chrome.storage.local.remove('profiles'));
    await form.close();
  }
});

test('deleting a site profile is asked inline, naming the system: cancelling keeps it, confirming removes it', async ({
  page,
  extensionId,
}) => {
  const origin = 'http://zfba.scjg.internal:8080';
  const profile = {
    version: 1,
    origin,
    name: '执法办案系统',
    pins: [{ key: 'partyName', selector: '#dsrmc' }],
    updatedAt: '2026-12-01T08:00:00.000Z',
  };
  await page.goto(`chrome-extension://${extensionId}/options.html#profiles`);
  const stored = () => page.evaluate(async () => Object.keys((await chrome.storage.local.get('profiles')).profiles ?? {}));
  try {
    await page.evaluate((p) => chrome.storage.local.set({ profiles: { [p.origin]: p } }), profile);
    await expect(page.getByTestId('profile')).toHaveCount(1);
    // asked in the page, not by window.confirm()
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.getByTestId('profile-delete').click();
    const question = page.getByRole('alertdialog', { name: `确定删除 ${origin} 的站点配置？` });
    await expect(question).toBeVisible();
    await expect(page.getByTestId('profile-delete-cancel')).toBeFocused();
    await page.getByTestId('profile-delete-cancel').click();
    await expect(question).toHaveCount(0);
    await expect(page.getByTestId('profile-delete')).toBeFocused();
    expect(await stored()).toEqual([origin]);

    await page.getByTestId('profile-delete').click();
    await page.getByTestId('profile-delete-confirm').click();
    await expect(page.getByTestId('profile')).toHaveCount(0);
    expect(await stored()).toEqual([]);
    await expect(page.getByRole('heading', { name: '站点配置', level: 2 })).toBeFocused();
    expect(dialogs).toEqual([]);
  } finally {
    await page.evaluate(() => chrome.storage.local.remove('profiles'));
  }
});

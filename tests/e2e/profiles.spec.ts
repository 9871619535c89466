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

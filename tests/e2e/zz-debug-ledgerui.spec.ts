import { expect, test } from './fixtures';
test('dl', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/options.html#ledger`);
  for (const name of ['abc.txt', '工作情况表.xlsx', 'a_某市_2023.xlsx']) {
    const [d] = await Promise.all([page.waitForEvent('download'), page.evaluate((n) => {
      const url = URL.createObjectURL(new Blob(['x'], { type: 'text/plain' }));
      const a = document.createElement('a'); a.href = url; a.download = n; a.hidden = true; document.body.append(a); a.click(); a.remove();
    }, name)]);
    console.log(name, '→', d.suggestedFilename());
  }
  expect(1).toBe(1);
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer } from '../fixtures/server.mjs';
import { expect, expandOverlay, overlay, test } from './fixtures';
import { launchIsolated } from './isolated';

const ROOT = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));

test('导出诊断 saves the form structure with every value masked, and npm run read reads it back', async () => {
  const server = await startFixtureServer({ root: ROOT, port: 0 });
  const iso = await launchIsolated();
  const dir = mkdtempSync(join(tmpdir(), 'cca-diagnosis-'));
  try {
    const page = await iso.context.newPage();
    await page.goto(`${server.url}missing-keys.html`);
    await expandOverlay(page);
    // a script's click does nothing (tests/unit/ext/reader.test.tsx); the handler's loads the part
    await overlay(page).getByTestId('export-diagnosis').click();
    const save = overlay(page).getByTestId('diagnosis-save');
    await expect(save).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    for (const value of ['上海禾味坊食品有限公司', '91310115MA125MLR27', '152024000312号']) expect(text).not.toContain(value);
    // nothing of it went into the page's own DOM
    expect(await page.evaluate(() => document.body.innerHTML.includes('blob:'))).toBe(false);

    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/read.ts', file, '--json', '--at', '2026-12-03'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const reading = JSON.parse(r.stdout);
    expect(Object.keys(reading.keys)).toEqual(expect.arrayContaining(['partyName', 'uscc', 'decisionNo']));
  } finally {
    await iso.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

import { chromium, type BrowserContext } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM helper shared with the demo and bench scripts
import { chromiumArgs, chromiumEnv, chromiumExecutable } from '../../scripts/chromium.mjs';
import { EXTENSION_DIR, INTRANET_HOST, waitForReaderRegistration } from './fixtures';

export interface Isolated {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

/**
 * The test build in a browser profile of its own, for tests that leave state behind (recorded cases, imported
 * lists, a managed policy) which the worker's shared browser must not see.
 */
export async function launchIsolated(opts: { hosts?: string[]; english?: boolean } = {}): Promise<Isolated> {
  // made-up host names resolved to the fixture server (never a real private address)
  const rules = [INTRANET_HOST, ...(opts.hosts ?? [])].map((h) => `MAP ${h} 127.0.0.1`).join(', ');
  const userDataDir = mkdtempSync(join(tmpdir(), 'cca-isolated-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumExecutable(),
    // Chromium on Linux takes its UI language from LANGUAGE; --lang is set too for other systems
    env: chromiumEnv(opts.english ? 'en' : undefined),
    headless: true,
    locale: opts.english ? 'en-US' : 'zh-CN',
    viewport: { width: 1440, height: 900 },
    args: (chromiumArgs(EXTENSION_DIR, [`--host-resolver-rules=${rules}`]) as string[]).map((a) =>
      opts.english && a.startsWith('--lang=') ? '--lang=en-US' : a,
    ),
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await waitForReaderRegistration(sw);
  return {
    context,
    extensionId: new URL(sw.url()).host,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

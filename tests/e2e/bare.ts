// Pages that run lib code directly, without the extension: a bundle of it to add to the page as a script, and a
// Chromium with nothing loaded. Real layout matters to what these specs test (the layout pass pairs by position).
import { build } from 'esbuild';
import { chromium, type Browser } from '@playwright/test';
import { resolve } from 'node:path';
// @ts-expect-error plain ESM helper shared with the demo and bench scripts
import { chromiumEnv, chromiumExecutable } from '../../scripts/chromium.mjs';

/** `contents` (TypeScript importing from the project's root) bundled into one script; each is a reader of its own. */
export async function pageBundle(contents: string): Promise<string> {
  const out = await build({
    stdin: { contents, resolveDir: resolve('.'), loader: 'ts' },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'warning',
  });
  return out.outputFiles[0]!.text;
}

/** Chromium without the extension. */
export function launchBare(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    env: chromiumEnv(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
}

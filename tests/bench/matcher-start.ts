/**
 * The reader's start cost for its text matchers (penalties, discretion levels, criminal transfer), in Chromium:
 * the facts modules as the extension ships them (prebuilt modules as constants) beside the same modules computing
 * them at load, each run once in a fresh page and used once. One JSON line per figure, like node-bench.ts; run
 * alone with `npx tsx tests/bench/matcher-start.ts`.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { chromium } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the demo and bench scripts
import { chromiumExecutable } from '../../scripts/chromium.mjs';
import { PREBUILT_MODULE, prebuiltModuleSource } from '../../scripts/prebuilt';

const ROUNDS = 25;
const ENTRY = `
import { parsePenalties } from './lib/facts/penalties';
import { aggravationFromText } from './lib/facts/discretion';
import { criminalTransferInText } from './lib/facts/flags';
const text = '没收违法所得5000元，并处罚款5万元，吊销食品经营许可证，依法从重处罚，不予移送公安机关';
window.__matched = [parsePenalties(text), aggravationFromText(text), criminalTransferInText(text)];
`;

// The reader never builds a schema (the extension's build drops them, wxt.config.ts pureSchemas): zod is a no-op
// here too, so that only the matchers are timed.
const noZod: Plugin = {
  name: 'no-zod',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod', namespace: 'no-zod' }));
    b.onLoad({ filter: /.*/, namespace: 'no-zod' }, () => ({
      contents: 'const z = new Proxy(function () {}, { get: () => z, apply: () => z }); export { z }; export default z;',
      loader: 'js',
    }));
  },
};

// the extension's build (scripts/prebuilt.ts), for esbuild
const prebuilt: Plugin = {
  name: 'prebuilt',
  setup(b) {
    b.onLoad({ filter: PREBUILT_MODULE }, async (args) => ({ contents: (await prebuiltModuleSource(args.path)).code, loader: 'js' }));
  },
};

async function bundle(plugins: Plugin[]): Promise<string> {
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: fileURLToPath(new URL('../..', import.meta.url)), loader: 'ts' },
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
    logLevel: 'warning',
    plugins,
  });
  return out.outputFiles[0]!.text;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const variants = { built: await bundle([noZod, prebuilt]), atLoad: await bundle([noZod]) };
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ['--no-sandbox', '--disable-gpu'] });
const times: Record<keyof typeof variants, number[]> = { built: [], atLoad: [] };
for (let i = 0; i < ROUNDS; i++) {
  for (const name of ['built', 'atLoad'] as const) {
    const page = await browser.newPage();
    // parse, compile and run of the script, then one use: what a frame pays before its first reading
    const ms = await page.evaluate((code) => {
      const script = document.createElement('script');
      script.textContent = code;
      const t0 = performance.now();
      document.head.append(script);
      return performance.now() - t0;
    }, variants[name]);
    times[name].push(ms);
    await page.close();
  }
}
await browser.close();

const built = median(times.built);
const atLoad = median(times.atLoad);
console.log(
  JSON.stringify({
    section: 'reader start: matchers',
    figure: `patterns compiled at build (${(variants.built.length / 1024).toFixed(1)} KiB min.)`,
    value: `${built.toFixed(3)} ms`,
    baselineName: `compiled at load (${(variants.atLoad.length / 1024).toFixed(1)} KiB min.)`,
    baseline: `${atLoad.toFixed(3)} ms`,
    goal: `ratio ${(built / atLoad).toFixed(2)} (goal < 1)`,
  }),
);

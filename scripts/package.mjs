// `npm run package` → store-ready zips in .output/, one per browser and manifest version (names from
// wxt.config.ts `zip`): Chrome/Edge MV3, the Chromium 86 MV2 build, and Firefox with its sources zip (AMO asks
// for the sources of minified code). Always production builds: the test build's flag is cleared.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PACKAGE_TARGETS = [
  { label: 'Chrome/Edge (MV3)', args: [] },
  { label: 'Chromium 86 cores (MV2)', args: ['--mv2'] },
  { label: 'Firefox (MV3) + sources', args: ['-b', 'firefox'] },
];

export function packageAll() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const env = { ...process.env };
  delete env.WXT_TEST_BUILD;
  for (const t of PACKAGE_TARGETS) {
    console.log(`\n== ${t.label}`);
    const r = spawnSync('npx', ['wxt', 'zip', ...t.args], { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
    if (r.status !== 0) {
      console.error(`Packaging failed: ${t.label}`);
      return r.status ?? 1;
    }
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(packageAll());

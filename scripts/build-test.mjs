// `npm run build:test` → .output/chrome-mv3-test/: the production code with the fixture origins granted at
// install and the reader registered on 127.0.0.1 (see wxt.config.ts). A flag rather than `--mode test`, so the
// bundle is the same production build users get (Vite would switch React to its development build).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function buildTestExtension(extraArgs = []) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const r = spawnSync('npx', ['wxt', 'build', ...extraArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, WXT_TEST_BUILD: '1' },
    shell: process.platform === 'win32',
  });
  return r.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(buildTestExtension(process.argv.slice(2)));

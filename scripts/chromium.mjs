import { existsSync } from 'node:fs';

/**
 * Which Chromium drives the demo, the e2e tests and the bench: $CHROMIUM_PATH, else Debian's /usr/bin/chromium,
 * else Playwright's own build where `npx playwright install chromium` could fetch it.
 * Returns undefined for "Playwright's own"; throws a message saying how to get one when there is none.
 */
export function chromiumExecutable() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} 不存在 (does not exist)`);
    return fromEnv;
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  return undefined;
}

export const HOW_TO_GET_CHROMIUM = [
  '找不到 Chromium。请任选其一 / No Chromium found. Either:',
  '  • Debian/Ubuntu:  sudo apt-get install -y chromium fonts-noto-cjk',
  '  • Playwright:     npx playwright install chromium',
  '  • 已安装的 Chrome/Chromium / an installed browser:  CHROMIUM_PATH=/path/to/chrome npm run demo',
].join('\n');

/** Chromium on Linux takes its UI language, and so the extension's locale, from LANGUAGE rather than --lang. */
export function chromiumEnv(language = 'zh_CN') {
  // LC_ALL keeps Chinese download file names intact when the zh_CN system locale is not installed
  return { ...process.env, LANGUAGE: language, LC_ALL: 'C.UTF-8' };
}

/** Flags that keep Chromium off the network (this product must never talk to anything but the page). */
export function chromiumArgs(extensionDir, extra = []) {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--no-default-browser-check',
    '--lang=zh-CN',
    ...extra,
  ];
}

import { fakeStorage } from '../fake-extension';
import { describe, expect, it } from 'vitest';
import { sitesItem } from '../../../lib/settings/items';
import {
  READER_SCRIPT,
  disableSite,
  frameOrigin,
  framesForReader,
  injectOnLoad,
  loadSites,
  patternMatchesOrigin,
  reconcileSites,
  registerSite,
  requestSitePermission,
  siteForUrl,
  type FrameInfo,
  type LegacyInjection,
  type LegacySitesApi,
} from '../../../lib/sites';

/**
 * A Chromium 86 MV2 browser: optional host permissions granted by a dialog, no scripting API, `tabs.executeScript`
 * per frame (failing for a frame that is gone), and the tab's frames as `webNavigation.getAllFrames` lists them.
 */
async function fakeMv2Browser(
  opts: { granted?: string[]; required?: string[]; dialog?: (origins: string[]) => boolean; frames?: FrameInfo[] } = {},
) {
  await fakeStorage();
  const granted = new Set([...(opts.granted ?? []), ...(opts.required ?? [])]);
  const required = new Set(opts.required ?? []);
  const prompts: string[][] = [];
  const injected: Array<{ tabId: number } & LegacyInjection> = [];
  let frames: FrameInfo[] = opts.frames ?? [];
  const api: LegacySitesApi = {
    permissions: {
      async contains({ origins }) {
        return origins.every((o) => granted.has(o));
      },
      async request({ origins }) {
        if (origins.every((o) => granted.has(o))) return true;
        prompts.push(origins);
        const yes = opts.dialog?.(origins) ?? false;
        if (yes) origins.forEach((o) => granted.add(o));
        return yes;
      },
      async remove({ origins }) {
        if (origins.some((o) => required.has(o))) throw new Error('You cannot remove required permissions.');
        origins.forEach((o) => granted.delete(o));
        return true;
      },
    },
    sites: sitesItem,
    tabs: {
      async executeScript(tabId, details) {
        if (!frames.some((f) => f.frameId === details.frameId)) throw new Error(`No frame with id ${details.frameId} in tab ${tabId}.`);
        injected.push({ tabId, ...details });
        return [];
      },
    },
    webNavigation: {
      async getAllFrames() {
        return frames.map((f) => ({ ...f }));
      },
    },
  };
  return {
    api,
    granted,
    prompts,
    injected,
    setFrames(next: FrameInfo[]) {
      frames = next;
    },
    injectedFrames: () => injected.map((i) => i.frameId),
  };
}

const SYSTEM = 'http://10.1.2.3:8080';
const PATTERN = 'http://10.1.2.3:8080/*';

/** An old JSP frameset: top → menu + main; main holds the form and writes a preview into an about:blank frame. */
const FRAMESET: FrameInfo[] = [
  { frameId: 0, parentFrameId: -1, url: `${SYSTEM}/zfba/index.jsp` },
  { frameId: 1, parentFrameId: 0, url: `${SYSTEM}/zfba/menu.jsp` },
  { frameId: 2, parentFrameId: 0, url: `${SYSTEM}/zfba/main.jsp?case=42` },
  { frameId: 3, parentFrameId: 2, url: 'about:blank' },
  { frameId: 4, parentFrameId: 3, url: 'about:srcdoc' },
  { frameId: 5, parentFrameId: 2, url: 'https://map.example.com/embed' },
];

describe('enabling a system on a Chromium 86 core (MV2)', () => {
  it('asks for that origin only and remembers it; nothing needs registering', async () => {
    const b = await fakeMv2Browser({ dialog: () => true });
    const asked = await requestSitePermission(b.api, `${SYSTEM}/zfba/index.jsp`);
    expect(b.prompts).toEqual([[PATTERN]]);
    if (!asked.ok) throw new Error('not granted');
    await registerSite(b.api, asked.site, new Date('2026-11-22T08:00:00Z'));
    expect(await loadSites({ sites: sitesItem })).toEqual([{ origin: SYSTEM, pattern: PATTERN, enabledAt: '2026-11-22T08:00:00.000Z' }]);
  });

  it('remembers nothing when the user declines', async () => {
    const b = await fakeMv2Browser({ dialog: () => false });
    expect(await requestSitePermission(b.api, `${SYSTEM}/`)).toEqual({ ok: false, error: 'permission-denied' });
    await expect(registerSite(b.api, siteForUrl(`${SYSTEM}/`)!)).rejects.toThrow('permission-denied');
    expect(await loadSites({ sites: sitesItem })).toEqual([]);
  });
});

describe('running the reader as frames load (MV2)', () => {
  async function enabled(frames = FRAMESET) {
    const b = await fakeMv2Browser({ granted: [PATTERN], frames });
    await registerSite(b.api, { origin: SYSTEM, pattern: PATTERN });
    return b;
  }

  it('injects the reader into a frame of an enabled system when its DOM is ready, and only that frame', async () => {
    const b = await enabled();
    expect(await injectOnLoad(b.api, 7, 2, 'frame')).toEqual([2]);
    expect(b.injected).toEqual([{ tabId: 7, file: READER_SCRIPT, frameId: 2, matchAboutBlank: true, runAt: 'document_idle' }]);
  });

  it('on load, reaches the about:blank and srcdoc frames the form page wrote, but not frames with a URL of their own', async () => {
    const b = await enabled();
    expect(await injectOnLoad(b.api, 7, 2, 'blank-children')).toEqual([3, 4]);
    expect(await injectOnLoad(b.api, 7, 0, 'blank-children')).toEqual([]);
  });

  it('leaves frames of other sites alone, even inside an enabled system', async () => {
    const b = await enabled();
    expect(await injectOnLoad(b.api, 7, 5, 'frame')).toEqual([]);
    const other = await fakeMv2Browser({ frames: [{ frameId: 0, parentFrameId: -1, url: 'http://10.9.9.9/' }] });
    expect(await injectOnLoad(other.api, 1, 0, 'frame')).toEqual([]);
    expect(b.injected).toEqual([]);
  });

  it('stops once the system is disabled, and when its permission is withdrawn', async () => {
    const b = await enabled();
    expect(await disableSite(b.api, SYSTEM)).toEqual({ permissionReleased: true });
    expect(await injectOnLoad(b.api, 7, 2, 'frame')).toEqual([]);

    const c = await enabled();
    c.granted.delete(PATTERN);
    expect(await injectOnLoad(c.api, 7, 2, 'frame')).toEqual([]);
    expect(await reconcileSites(c.api)).toEqual([]);
  });

  it('skips a frame that went away before the injection and still serves the others', async () => {
    const b = await enabled();
    const inject = b.api.tabs.executeScript;
    b.api.tabs.executeScript = async (tabId, d) => {
      if (d.frameId === 3) throw new Error('Frame with ID 3 was removed.');
      return inject(tabId, d);
    };
    expect(await injectOnLoad(b.api, 7, 2, 'blank-children')).toEqual([4]);
  });

  it('a port-less pattern (the test build default) covers every port of its host; a pattern with a port only that port', async () => {
    const frames = [{ frameId: 0, parentFrameId: -1, url: 'http://127.0.0.1:41234/spa/decision.html' }];
    const b = await fakeMv2Browser({ required: ['http://127.0.0.1/*'], frames });
    await reconcileSites(b.api, [{ origin: 'http://127.0.0.1', pattern: 'http://127.0.0.1/*' }]);
    expect(await injectOnLoad(b.api, 1, 0, 'frame')).toEqual([0]);

    const c = await enabled([{ frameId: 0, parentFrameId: -1, url: 'http://10.1.2.3:9090/other' }]);
    expect(await injectOnLoad(c.api, 1, 0, 'frame')).toEqual([]);
  });
});

describe('frames and patterns', () => {
  it('an about: frame belongs to the nearest ancestor with a URL', () => {
    expect(frameOrigin(FRAMESET, 4)).toBe(SYSTEM);
    expect(frameOrigin(FRAMESET, 5)).toBe('https://map.example.com');
    expect(frameOrigin([{ frameId: 0, parentFrameId: -1, url: 'about:blank' }], 0)).toBeNull();
    // a cycle in what the browser reported cannot hang the background
    expect(
      frameOrigin(
        [
          { frameId: 1, parentFrameId: 2, url: 'about:blank' },
          { frameId: 2, parentFrameId: 1, url: 'about:blank' },
        ],
        1,
      ),
    ).toBeNull();
  });

  it('a cycle among about: frames cannot hang the walk', () => {
    const cycle = [
      { frameId: 0, parentFrameId: -1, url: `${SYSTEM}/` },
      { frameId: 1, parentFrameId: 2, url: 'about:blank' },
      { frameId: 2, parentFrameId: 1, url: 'about:blank' },
      { frameId: 3, parentFrameId: 0, url: 'about:blank' },
    ];
    expect(framesForReader(cycle, 1, 'blank-children')).toEqual([2]);
    expect(framesForReader(cycle, 0, 'blank-children')).toEqual([3]);
  });

  it('frame scope is that frame if it still exists', () => {
    expect(framesForReader(FRAMESET, 1, 'frame')).toEqual([1]);
    expect(framesForReader(FRAMESET, 99, 'frame')).toEqual([]);
  });

  it('matches scheme, host and port as the browser does', () => {
    expect(patternMatchesOrigin(PATTERN, SYSTEM)).toBe(true);
    expect(patternMatchesOrigin(PATTERN, 'https://10.1.2.3:8080')).toBe(false);
    expect(patternMatchesOrigin(PATTERN, 'http://10.1.2.3')).toBe(false);
    expect(patternMatchesOrigin('http://zfba.scjg.internal/*', 'http://zfba.scjg.internal:8080')).toBe(true);
    expect(patternMatchesOrigin('http://[::1]:8080/*', 'http://[::1]:8080')).toBe(true);
    expect(patternMatchesOrigin('http://*/*', SYSTEM)).toBe(false);
    expect(patternMatchesOrigin(PATTERN, 'not a url')).toBe(false);
  });
});

describe('Firefox: match patterns carry no port', () => {
  it('asks for the host on every port and keeps the origin with its port to show the state', async () => {
    const asked: string[][] = [];
    const res = await requestSitePermission(
      {
        permissions: { contains: async () => false, remove: async () => true, request: async ({ origins }) => (asked.push(origins), true) },
      },
      'http://zfba.scjg.internal:8080/zfba/case/edit.do?id=42',
      { withPort: false },
    );
    expect(asked).toEqual([['http://zfba.scjg.internal/*']]);
    expect(res).toEqual({ ok: true, site: { origin: 'http://zfba.scjg.internal:8080', pattern: 'http://zfba.scjg.internal/*' } });
  });
});

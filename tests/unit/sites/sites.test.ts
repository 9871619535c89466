import { fakeBrowser as extension, fakeStorage } from '../fake-extension';
import { describe, expect, it } from 'vitest';
import { sitesItem } from '../../../lib/settings/items';
import {
  READER_SCRIPT,
  disableSite,
  loadSites,
  reconcileSites,
  registerSite,
  requestSitePermission,
  runReaderInOpenTabs,
  scriptIdFor,
  siteForUrl,
  type RegisteredScript,
  type SitesApi,
} from '../../../lib/sites';

/** A browser with Chrome's permission and scripting semantics; `dialog` answers the permission prompt. */
async function fakeBrowser(opts: { granted?: string[]; required?: string[]; dialog?: (origins: string[]) => boolean } = {}) {
  await fakeStorage();
  const granted = new Set([...(opts.granted ?? []), ...(opts.required ?? [])]);
  const required = new Set(opts.required ?? []);
  const scripts = new Map<string, RegisteredScript>();
  const prompts: string[][] = [];
  const api: SitesApi = {
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
    scripting: {
      async registerContentScripts(list) {
        for (const s of list) {
          if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          scripts.set(s.id, s);
        }
      },
      async unregisterContentScripts(filter) {
        for (const id of filter?.ids ?? [...scripts.keys()]) {
          if (!scripts.delete(id)) throw new Error(`Nonexistent script ID '${id}'`);
        }
      },
      async getRegisteredContentScripts(filter) {
        return [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id));
      },
    },
    sites: sitesItem,
  };
  return { api, granted, scripts, prompts };
}

const INTRANET = 'http://zfba.scjg.internal:8080/zfba/case/edit.do?id=42';

describe('the site of a page', () => {
  it('keeps the port of an intranet system and drops path and query', () => {
    expect(siteForUrl(INTRANET)).toEqual({ origin: 'http://zfba.scjg.internal:8080', pattern: 'http://zfba.scjg.internal:8080/*' });
    expect(siteForUrl('http://10.1.2.3:8080/cfjds.jsp')?.pattern).toBe('http://10.1.2.3:8080/*');
    expect(siteForUrl('https://zfba.example.gov.cn/')?.pattern).toBe('https://zfba.example.gov.cn/*');
  });

  it('omits the port for browsers whose match patterns cannot carry one', () => {
    expect(siteForUrl(INTRANET, { withPort: false })?.pattern).toBe('http://zfba.scjg.internal/*');
  });

  it('refuses pages the reader cannot run on', () => {
    for (const u of ['chrome://extensions', 'file:///C:/case.html', 'about:blank', '', 'not a url']) expect(siteForUrl(u)).toBeNull();
  });
});

describe('enabling a system', () => {
  it('asks Chrome for that origin only, then registers the reader in all frames', async () => {
    const b = await fakeBrowser({ dialog: () => true });
    const asked = await requestSitePermission(b.api, INTRANET);
    expect(asked.ok).toBe(true);
    expect(b.prompts).toEqual([['http://zfba.scjg.internal:8080/*']]);
    if (!asked.ok) return;
    await registerSite(b.api, asked.site, new Date('2026-11-22T08:00:00Z'));
    const script = b.scripts.get(scriptIdFor('http://zfba.scjg.internal:8080'));
    expect(script).toMatchObject({
      matches: ['http://zfba.scjg.internal:8080/*'],
      js: [READER_SCRIPT],
      allFrames: true,
      persistAcrossSessions: true,
    });
    expect(await loadSites({ sites: sitesItem })).toEqual([
      { origin: 'http://zfba.scjg.internal:8080', pattern: 'http://zfba.scjg.internal:8080/*', enabledAt: '2026-11-22T08:00:00.000Z' },
    ]);
  });

  it('registers nothing when the user declines the dialog', async () => {
    const b = await fakeBrowser({ dialog: () => false });
    expect(await requestSitePermission(b.api, INTRANET)).toEqual({ ok: false, error: 'permission-denied' });
    await expect(registerSite(b.api, siteForUrl(INTRANET)!)).rejects.toThrow('permission-denied');
    expect(b.scripts.size).toBe(0);
    expect(await loadSites({ sites: sitesItem })).toEqual([]);
  });

  it('enabling twice keeps one registration and the first date', async () => {
    const b = await fakeBrowser({ granted: ['http://zfba.scjg.internal:8080/*'] });
    const site = siteForUrl(INTRANET)!;
    await registerSite(b.api, site, new Date('2026-01-01T00:00:00Z'));
    await registerSite(b.api, site, new Date('2026-06-01T00:00:00Z'));
    expect(b.scripts.size).toBe(1);
    expect((await loadSites({ sites: sitesItem }))[0]?.enabledAt).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('disabling a system', () => {
  it('unregisters the reader and releases the permission', async () => {
    const b = await fakeBrowser({ granted: ['http://zfba.scjg.internal:8080/*'] });
    await registerSite(b.api, siteForUrl(INTRANET)!);
    expect(await disableSite(b.api, 'http://zfba.scjg.internal:8080')).toEqual({ permissionReleased: true });
    expect(b.scripts.size).toBe(0);
    expect(b.granted.has('http://zfba.scjg.internal:8080/*')).toBe(false);
    expect(await loadSites({ sites: sitesItem })).toEqual([]);
  });

  it('says so when the build itself requires the permission, and still stops the reader', async () => {
    const b = await fakeBrowser({ required: ['http://127.0.0.1/*'] });
    await registerSite(b.api, { origin: 'http://127.0.0.1', pattern: 'http://127.0.0.1/*' });
    expect(await disableSite(b.api, 'http://127.0.0.1')).toEqual({ permissionReleased: false });
    expect(b.scripts.size).toBe(0);
  });
});

describe('at install and at browser start', () => {
  it('registers the defaults of the test build and what was enabled before', async () => {
    const b = await fakeBrowser({ required: ['http://127.0.0.1/*'], granted: ['http://zfba.scjg.internal:8080/*'] });
    await extension.storage.local.set({
      sites: [
        { origin: 'http://zfba.scjg.internal:8080', pattern: 'http://zfba.scjg.internal:8080/*', enabledAt: '2026-01-01T00:00:00.000Z' },
      ],
    });
    const kept = await reconcileSites(b.api, [{ origin: 'http://127.0.0.1', pattern: 'http://127.0.0.1/*' }]);
    expect(kept.map((s) => s.origin)).toEqual(['http://zfba.scjg.internal:8080', 'http://127.0.0.1']);
    expect([...b.scripts.keys()].sort()).toEqual([scriptIdFor('http://127.0.0.1'), scriptIdFor('http://zfba.scjg.internal:8080')].sort());
    // idempotent: a second start changes nothing and throws no duplicate-id error
    await reconcileSites(b.api);
    expect(b.scripts.size).toBe(2);
  });

  it('drops a system whose permission the user withdrew, rather than leaving it half enabled', async () => {
    const b = await fakeBrowser({ granted: ['http://zfba.scjg.internal:8080/*'] });
    await registerSite(b.api, siteForUrl(INTRANET)!);
    b.granted.delete('http://zfba.scjg.internal:8080/*');
    expect(await reconcileSites(b.api)).toEqual([]);
    expect(b.scripts.size).toBe(0);
  });

  it('ignores corrupt stored state instead of failing', async () => {
    const b = await fakeBrowser();
    await extension.storage.local.set({ sites: 'not a list' });
    expect(await loadSites({ sites: sitesItem })).toEqual([]);
    expect(await reconcileSites(b.api)).toEqual([]);
  });
});

describe('the reader in tabs open at start or across an update', () => {
  const enabled = [
    { origin: 'http://zfba.scjg.internal:8080', pattern: 'http://zfba.scjg.internal:8080/*', enabledAt: '2026-12-01T00:00:00.000Z' },
    { origin: 'https://oa.example.gov.cn', pattern: 'https://oa.example.gov.cn/*', enabledAt: '2026-12-01T00:00:00.000Z' },
  ];

  it("runs in every open tab of the enabled systems, asking the browser for those systems' tabs only", async () => {
    await fakeStorage();
    await sitesItem.setValue(enabled);
    const asked: string[][] = [];
    const ran: number[] = [];
    const result = await runReaderInOpenTabs({
      sites: sitesItem,
      queryTabs: async (patterns) => {
        asked.push(patterns);
        return [{ id: 3 }, { id: 7 }, {}];
      },
      runReader: async (id) => {
        ran.push(id);
      },
    });
    expect(asked).toEqual([enabled.map((s) => s.pattern)]);
    expect(ran).toEqual([3, 7]);
    expect(result).toEqual([3, 7]);
  });

  it('a tab that fails (closed meanwhile) does not keep the reader from the others', async () => {
    await fakeStorage();
    await sitesItem.setValue(enabled);
    const result = await runReaderInOpenTabs({
      sites: sitesItem,
      queryTabs: async () => [{ id: 1 }, { id: 2 }, { id: 3 }],
      runReader: async (id) => {
        if (id === 2) throw new Error('No tab with id: 2');
      },
    });
    expect(result).toEqual([1, 3]);
  });

  it('with no system enabled, no tab is looked for', async () => {
    await fakeStorage();
    let asked = false;
    const result = await runReaderInOpenTabs({
      sites: sitesItem,
      queryTabs: async () => {
        asked = true;
        return [{ id: 1 }];
      },
      runReader: async () => undefined,
    });
    expect(asked).toBe(false);
    expect(result).toEqual([]);
  });
});

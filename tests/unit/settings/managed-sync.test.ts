// @vitest-environment happy-dom
import { fakeStorage, type FakeStorageOptions } from '../fake-extension';
import { describe, expect, it } from 'vitest';
import { sitesItem } from '../../../lib/settings/items';
import { STORAGE_KEYS } from '../../../lib/settings/keys';
import { readManagedMirror } from '../../../lib/settings/managed';
import { readPolicy, syncManaged } from '../../../lib/settings/managed-sync';
import { type RegisteredScript, type SitesApi } from '../../../lib/sites';

const { managedMirror: MANAGED_KEY, managedForTests: MANAGED_TEST_KEY, sites: SITES_KEY } = STORAGE_KEYS;

/** A browser with a policy (`managed`: an object, or 'throws' like Firefox without one) and granted origins. */
async function fakeBrowser(opts: FakeStorageOptions & { granted?: string[] } = {}) {
  const granted = new Set(opts.granted ?? []);
  const scripts = new Map<string, RegisteredScript>();
  const storage = await fakeStorage(opts);
  const api: SitesApi = {
    permissions: {
      async contains({ origins }) {
        return origins.every((o) => granted.has(o));
      },
      async request() {
        return false;
      },
      async remove() {
        return false;
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
        for (const id of filter?.ids ?? [...scripts.keys()]) scripts.delete(id);
      },
      async getRegisteredContentScripts(filter) {
        return [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id));
      },
    },
    sites: sitesItem,
  };
  return { api, store: storage.store, scripts, mirrorWrites: () => storage.writesOf(MANAGED_KEY) };
}

const POLICY = { sites: ['http://10.1.2.3:8080', 'http://10.5.5.5:8080', 'gopher://x'], unitName: '某市市场监督管理局' };

describe('applying the policy in the background', () => {
  it('mirrors the valid part with its errors for the readers', async () => {
    const b = await fakeBrowser({ managed: POLICY });
    await syncManaged(b.api);
    const mirror = readManagedMirror(b.store[MANAGED_KEY]);
    expect(mirror.policy).toEqual({ sites: ['http://10.1.2.3:8080', 'http://10.5.5.5:8080'], unitName: '某市市场监督管理局' });
    expect(mirror.errors).toHaveLength(1);
    expect(mirror.errors[0]).toEqual({ code: 'siteInvalid', params: ['3', 'gopher://x'] });
  });

  it('registers managed systems already authorised; the others wait for the user’s 授权', async () => {
    const b = await fakeBrowser({ managed: POLICY, granted: ['http://10.1.2.3:8080/*'] });
    await syncManaged(b.api);
    expect([...b.scripts.values()].map((s) => s.matches)).toEqual([['http://10.1.2.3:8080/*']]);
    expect((b.store[SITES_KEY] as Array<{ origin: string }>).map((s) => s.origin)).toEqual(['http://10.1.2.3:8080']);
  });

  it('writes the mirror only when it changed, so running it again settles', async () => {
    const b = await fakeBrowser({ managed: POLICY });
    await syncManaged(b.api);
    expect(b.mirrorWrites()).toBe(1);
    await syncManaged(b.api);
    expect(b.mirrorWrites()).toBe(1);
  });

  it('treats a browser that throws or has no managed storage as having no policy', async () => {
    for (const managed of ['throws', 'absent'] as const) {
      const b = await fakeBrowser({ managed, local: { [MANAGED_KEY]: { policy: { unitName: '旧策略' }, errors: [] } } });
      await expect(syncManaged(b.api)).resolves.toEqual({ policy: {}, errors: [] });
      expect(readManagedMirror(b.store[MANAGED_KEY]).policy).toEqual({});
    }
  });

  it('reads the injected test policy only in the test build', async () => {
    await fakeBrowser({
      managed: { unitName: '真实策略' },
      local: { [MANAGED_TEST_KEY]: { unitName: '测试策略', sites: ['http://localhost:8080'] } },
    });
    expect(await readPolicy()).toEqual({ unitName: '真实策略' });
    expect(await readPolicy({ testBuild: true })).toEqual({ unitName: '测试策略', sites: ['http://localhost:8080'] });
  });

  it('keeps the build’s default sites next to the managed ones', async () => {
    const b = await fakeBrowser({ managed: POLICY, granted: ['http://127.0.0.1/*', 'http://10.5.5.5:8080/*'] });
    await syncManaged(b.api, { defaults: [{ origin: 'http://127.0.0.1', pattern: 'http://127.0.0.1/*' }] });
    expect([...b.scripts.values()].flatMap((s) => s.matches).sort()).toEqual(['http://10.5.5.5:8080/*', 'http://127.0.0.1/*']);
  });

  it('re-enables the known sites before the browser has loaded its policies, which can take seconds', async () => {
    let load = () => {};
    const policyLoaded = new Promise<void>((r) => (load = r));
    const b = await fakeBrowser({
      managed: { sites: ['http://10.5.5.5:8080'] },
      granted: ['http://10.1.2.3:8080/*', 'http://10.5.5.5:8080/*'],
      local: {
        [SITES_KEY]: [{ origin: 'http://10.1.2.3:8080', pattern: 'http://10.1.2.3:8080/*', enabledAt: '2024-01-01T00:00:00.000Z' }],
      },
      policyLoaded,
    });
    const run = syncManaged(b.api);
    await expect.poll(() => b.scripts.size).toBe(1);
    load();
    await run;
    expect([...b.scripts.values()].flatMap((s) => s.matches).sort()).toEqual(['http://10.1.2.3:8080/*', 'http://10.5.5.5:8080/*']);
  });

  it('writes nothing where there is no policy, and leaves an erased storage empty', async () => {
    const b = await fakeBrowser({ managed: 'throws' });
    await syncManaged(b.api, { mirrorOnly: true });
    expect(b.store).toEqual({});
    await syncManaged(b.api);
    expect(b.store[MANAGED_KEY]).toBeUndefined();
  });

  it('after a restore brings back an old mirror, puts the policy back and re-registers its systems', async () => {
    const b = await fakeBrowser({
      managed: { sites: ['http://10.5.5.5:8080'] },
      granted: ['http://10.5.5.5:8080/*'],
      local: { [MANAGED_KEY]: { policy: { sites: ['http://10.9.9.9:8080'] }, errors: [] } },
    });
    await syncManaged(b.api, { mirrorOnly: true });
    expect(readManagedMirror(b.store[MANAGED_KEY]).policy.sites).toEqual(['http://10.5.5.5:8080']);
    expect([...b.scripts.values()].flatMap((s) => s.matches)).toEqual(['http://10.5.5.5:8080/*']);
  });
});

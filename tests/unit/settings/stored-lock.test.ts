import { fakeStorage } from '../fake-extension';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_KEYS } from '../../../lib/settings/keys';
import { storageLockName } from '../../../lib/settings/lock';
import { pinnedProfile as profile } from './fixtures';

/*
 * Two writers changing one stored value at the same moment: the dashboard and the background, or two dashboard
 * tabs. Each context loads its own copy of the modules; what they share is storage.local and, in a browser, the
 * Web Locks of the extension's origin.
 */

const A = 'http://10.1.2.3:8080';
const B = 'http://10.1.2.4:8080';

type Stored = typeof import('../../../lib/settings/stored');

/** A fresh copy of the stored-value module, as another extension context has it. */
async function context(): Promise<Stored> {
  vi.resetModules();
  return import('../../../lib/settings/stored');
}

/** The browser's lock manager, shared by every context: one holder per name, in request order. */
function fakeLocks() {
  const held = new Map<string, Promise<unknown>>();
  const names: string[] = [];
  const locks = {
    request: (name: string, fn: () => Promise<unknown>) => {
      names.push(name);
      const run = (held.get(name) ?? Promise.resolve()).then(fn);
      held.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
  vi.stubGlobal('navigator', { locks });
  return names;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('two saves of the profiles at the same moment', () => {
  it('in one context: both profiles are kept', async () => {
    const s = await fakeStorage();
    const { saveProfile } = await context();
    await Promise.all([saveProfile(profile(A)), saveProfile(profile(B))]);
    expect(Object.keys(s.store[STORAGE_KEYS.profiles] as object).sort()).toEqual([A, B]);
  });

  it('in two contexts (the dashboard and the background): both are kept, under the profiles’ Web Lock', async () => {
    const names = fakeLocks();
    const s = await fakeStorage({ local: { [STORAGE_KEYS.profiles]: { [A]: profile(A) } } });
    const dashboard = await context();
    const background = await context();
    await Promise.all([dashboard.deleteProfile(A), background.saveProfile(profile(B)), dashboard.saveProfile(profile('http://x.y'))]);
    expect(Object.keys(s.store[STORAGE_KEYS.profiles] as object).sort()).toEqual([B, 'http://x.y']);
    expect(new Set(names)).toEqual(new Set([storageLockName(STORAGE_KEYS.profiles)]));
  });

  it('a pin saved while the dashboard saves another system’s profile keeps both', async () => {
    fakeLocks();
    const s = await fakeStorage({ local: { [STORAGE_KEYS.profiles]: { [A]: profile(A) } } });
    const dashboard = await context();
    const background = await context();
    const pin = (key: string) => (p: ReturnType<typeof profile> | null) => ({ ...p!, pins: [...p!.pins, { key, selector: `#${key}` }] });
    await Promise.all([
      background.updateProfile(A, pin('caseNo')),
      dashboard.saveProfile(profile(B)),
      background.updateProfile(A, pin('uscc')),
    ]);
    const stored = s.store[STORAGE_KEYS.profiles] as Record<string, ReturnType<typeof profile>>;
    expect(Object.keys(stored).sort()).toEqual([A, B]);
    expect(stored[A]!.pins.map((p) => p.key)).toEqual(['partyName', 'caseNo', 'uscc']);
  });

  it('a change that throws writes nothing and lets the next one run', async () => {
    const s = await fakeStorage({ local: { [STORAGE_KEYS.profiles]: { [A]: profile(A) } } });
    const { saveProfile, updateProfile } = await context();
    const refused = updateProfile(A, () => {
      throw new Error('bad-pin');
    });
    await Promise.all([expect(refused).rejects.toThrow('bad-pin'), saveProfile(profile(B))]);
    expect(Object.keys(s.store[STORAGE_KEYS.profiles] as object).sort()).toEqual([A, B]);
  });
});

describe('two imports of rule packs at the same moment', () => {
  it('in two dashboard tabs: both packs are kept', async () => {
    fakeLocks();
    const s = await fakeStorage({ local: { [STORAGE_KEYS.packs]: [{ id: 'p0' }] } });
    const tab1 = await context();
    const tab2 = await context();
    await Promise.all([
      tab1.updateImportedPackList((list) => [...list, { id: 'p1' }]),
      tab2.updateImportedPackList((list) => [...list, { id: 'p2' }]),
      tab2.updateImportedPackList(() => null),
    ]);
    expect(s.store[STORAGE_KEYS.packs]).toEqual([{ id: 'p0' }, { id: 'p1' }, { id: 'p2' }]);
  });
});

describe('two settings pages saving at the same moment', () => {
  const started = { unitName: '甲县局', recorderName: '张三', province: '', lowerAmountFine: null };

  it('in two dashboard tabs opened on the same settings: each keeps the field it changed', async () => {
    const names = fakeLocks();
    const s = await fakeStorage({ local: { [STORAGE_KEYS.settings]: started } });
    const tab1 = await context();
    const tab2 = await context();
    await Promise.all([
      tab1.saveEditedSettings({ started, edited: { ...started, recorderName: '李娜' } }),
      tab2.saveEditedSettings({ started, edited: { ...started, unitName: '某市局' } }),
    ]);
    expect(s.store[STORAGE_KEYS.settings]).toEqual({ ...started, unitName: '某市局', recorderName: '李娜' });
    expect(new Set(names)).toEqual(new Set([storageLockName(STORAGE_KEYS.settings)]));
  });

  it('a field both tabs changed: the later save wins', async () => {
    fakeLocks();
    const s = await fakeStorage({ local: { [STORAGE_KEYS.settings]: started } });
    const tab1 = await context();
    const tab2 = await context();
    await tab1.saveEditedSettings({ started, edited: { ...started, recorderName: '李娜' } });
    await tab2.saveEditedSettings({ started, edited: { ...started, recorderName: '王芳', unitName: '某市局' } });
    expect(s.store[STORAGE_KEYS.settings]).toEqual({ ...started, unitName: '某市局', recorderName: '王芳' });
  });

  it('a field the policy locks keeps the user’s own stored value', async () => {
    const s = await fakeStorage({
      local: { [STORAGE_KEYS.settings]: started, [STORAGE_KEYS.managedMirror]: { policy: { unitName: '某市局' }, errors: [] } },
    });
    const tab = await context();
    await tab.saveEditedSettings({
      started: { ...started, unitName: '某市局' },
      edited: { ...started, unitName: '乙县局', recorderName: '李娜' },
    });
    expect(s.store[STORAGE_KEYS.settings]).toEqual({ ...started, recorderName: '李娜' });
  });
});

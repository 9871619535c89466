import { fakeBrowser } from 'wxt/testing/fake-browser';

/*
 * The browser WXT's storage items (lib/settings/items.ts) run against in unit tests: WXT's in-memory fake.
 * `@wxt-dev/browser` picks its browser object up from this global when it is first imported, so a test file
 * imports this module before anything that reaches lib/settings/items.ts.
 */
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;

const managedArea = fakeBrowser.storage.managed;
let detach = () => {};

export interface FakeStorageOptions {
  /** storage.local as it starts */
  local?: Record<string, unknown>;
  /** the administrator's policy, or a browser that throws on reading it (Firefox without one), or has no such area */
  managed?: Record<string, unknown> | 'throws' | 'absent';
  /** storage.managed answers only once this settles (browsers load policies late) */
  policyLoaded?: Promise<void>;
}

export interface FakeStorage {
  /** storage.local as it is now, kept in step with every write */
  store: Record<string, unknown>;
  /** how many writes changed `key` */
  writesOf(key: string): number;
}

/** Empties the fake's storage and starts it as `opts` says; the previous call's bookkeeping ends. */
export async function fakeStorage(opts: FakeStorageOptions = {}): Promise<FakeStorage> {
  detach();
  const storage = fakeBrowser.storage as { managed?: typeof managedArea };
  storage.managed = managedArea;
  await fakeBrowser.storage.local.clear();
  await managedArea.clear();
  await fakeBrowser.storage.local.set(structuredClone(opts.local ?? {}));
  const managed = opts.managed ?? {};
  if (managed === 'absent') storage.managed = undefined;
  else {
    if (managed !== 'throws') await managedArea.set(structuredClone(managed));
    storage.managed = {
      ...managedArea,
      get: (async (...args: Parameters<typeof managedArea.get>) => {
        await opts.policyLoaded;
        if (managed === 'throws') throw new Error('Managed storage manifest not found');
        return managedArea.get(...args);
      }) as typeof managedArea.get,
    };
  }
  const store: Record<string, unknown> = structuredClone(opts.local ?? {});
  const writes = new Map<string, number>();
  const onChanged = (changes: Record<string, { newValue?: unknown }>) => {
    for (const [key, change] of Object.entries(changes)) {
      writes.set(key, (writes.get(key) ?? 0) + 1);
      if (change.newValue === undefined || change.newValue === null) delete store[key];
      else store[key] = change.newValue;
    }
  };
  fakeBrowser.storage.local.onChanged.addListener(onChanged);
  detach = () => fakeBrowser.storage.local.onChanged.removeListener(onChanged);
  return { store, writesOf: (key) => writes.get(key) ?? 0 };
}

export { fakeBrowser };

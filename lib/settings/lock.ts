/*
 * One writer at a time for a value that is read, changed and written back across awaits (the profiles map, the
 * imported packs): without it, the dashboard and the background (or two dashboard tabs) changing it at once each
 * write what they read, and one change is lost. The Web Locks API holds a lock across every context of the
 * extension (Chromium 69, so the Chromium 86 build too; Firefox 96); where it is missing, a queue holds it within
 * this context only.
 */

const queues = new Map<string, Promise<unknown>>();

/** The lock's name: the extension's own, one per storage key. */
export function storageLockName(key: string): string {
  return `credit-case-assistant:storage:${key}`;
}

/** Runs `fn` holding the lock of storage key `key`; the next holder starts when `fn` settles. */
export async function withStorageLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks) return locks.request(storageLockName(key), () => fn());
  const before = queues.get(key) ?? Promise.resolve();
  const run = before.then(fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  try {
    return await run;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}

/**
 * Runs `fn` holding the locks of every key in `keys`, taken one at a time in sorted order: every holder of several
 * locks takes them in that order, and a holder of one waits for no other, so no two ever wait for each other.
 */
export async function withStorageLocks<T>(keys: Iterable<string>, fn: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  const hold = (i: number): Promise<T> => (i === sorted.length ? fn() : withStorageLock(sorted[i]!, () => hold(i + 1)));
  return hold(0);
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Unwatch } from 'wxt/utils/storage';

/** What the dashboard needs of a storage item (lib/settings/items.ts). */
interface WatchedItem<S> {
  fallback: S;
  getValue(): Promise<S>;
  watch(cb: () => void): Unwatch;
}

/** A storage item as the dashboard holds it: `loaded` is false until the first read answered. */
export interface Stored<T> {
  value: T;
  loaded: boolean;
}

/**
 * A storage item's value, checked (`check` must keep its identity across renders), kept in React state and
 * refreshed when any extension context changes it. Until the first read, `value` is the checked fallback and
 * `loaded` false: a page that acts on the value (saves it, prints it, writes it into the ledger) waits for it.
 */
export function useStoredItem<S, T>(item: WatchedItem<S>, check: (stored: S) => T): Stored<T> {
  const [stored, setStored] = useState<Stored<T>>(() => ({ value: check(item.fallback), loaded: false }));
  // reads may answer out of order: only the latest one asked is shown
  const asked = useRef(0);
  const reload = useCallback(async () => {
    const n = ++asked.current;
    const value = check(await item.getValue());
    if (n === asked.current) setStored({ value, loaded: true });
  }, [item, check]);
  useEffect(() => {
    void reload();
    return item.watch(() => void reload());
  }, [item, reload]);
  return stored;
}

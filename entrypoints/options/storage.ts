import { useCallback, useEffect, useState } from 'react';
import type { Unwatch } from 'wxt/utils/storage';

/** What the dashboard needs of a storage item (lib/settings/items.ts). */
interface WatchedItem<S> {
  fallback: S;
  getValue(): Promise<S>;
  watch(cb: () => void): Unwatch;
}

/**
 * A storage item's value, checked (`check` must keep its identity across renders), kept in React state and
 * refreshed when any extension context changes it.
 */
export function useStoredItem<S, T>(item: WatchedItem<S>, check: (stored: S) => T): [T, () => Promise<void>] {
  const [value, setValue] = useState<T>(() => check(item.fallback));
  const reload = useCallback(async () => setValue(check(await item.getValue())), [item, check]);
  useEffect(() => {
    void reload();
    return item.watch(() => void reload());
  }, [item, reload]);
  return [value, reload];
}

import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

/** A storage.local value kept in React state and refreshed when any extension context changes it. */
export function useStorage<T>(key: string, parse: (raw: unknown) => T): [T, () => Promise<void>] {
  const [value, setValue] = useState<T>(() => parse(undefined));
  const reload = useCallback(async () => setValue(parse((await browser.storage.local.get(key))[key])), [key, parse]);
  useEffect(() => {
    void reload();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && key in changes) void reload();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [key, reload]);
  return [value, reload];
}

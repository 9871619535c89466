import { useMemo, useRef, type DependencyList } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { errorText } from './shared';

export interface Live<T> {
  /**
   * the latest answer; while new dependencies load, and after a failure, the previous one (a page being turned
   * does not go blank)
   */
  value: T | undefined;
  /** the query's failure as the text the page shows (our errors are in Chinese), else null */
  error: string | null;
  /** the answer shown is not yet that of the current dependencies */
  loading: boolean;
}

interface Answer<T> {
  deps: object;
  value: T | undefined;
  error: string | null;
}

/**
 * Dexie's useLiveQuery as the dashboard shows it: re-runs when the tables it read change (in this page or another
 * extension context); a failure becomes a message instead of a throw into the page.
 */
export function useLive<T>(query: () => Promise<T>, deps: DependencyList): Live<T> {
  // one object per dependency list: it tells an answer to these dependencies from one to the previous ones
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's dependency list, as with useMemo
  const current = useMemo(() => ({}), deps);
  const lastValue = useRef<T | undefined>(undefined);
  const answer = useLiveQuery(async (): Promise<Answer<T>> => {
    try {
      const value = await query();
      lastValue.current = value;
      return { deps: current, value, error: null };
    } catch (e) {
      return { deps: current, value: lastValue.current, error: errorText(e) };
    }
  }, [current]);
  return { value: answer?.value, error: answer?.error ?? null, loading: answer?.deps !== current };
}

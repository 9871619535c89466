// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CreditDb } from '../../../lib/db';
import { useLive, type Live } from '../../../entrypoints/options/live';

let n = 0;
let container: HTMLElement | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
});

/** Renders a probe of useLive over `query(key)`, and gives every state it rendered and a way to change the key. */
function mount<T>(query: (key: number) => Promise<T>) {
  const seen: Live<T>[] = [];
  let setKey: (k: number) => void = () => undefined;
  function Probe() {
    const [key, set] = useState(0);
    setKey = set;
    seen.push(useLive(() => query(key), [key]));
    return null;
  }
  container = document.createElement('div');
  document.body.append(container);
  render(<Probe />, container);
  return { seen, setKey: (k: number) => act(() => setKey(k)) };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
  expect(ok()).toBe(true);
};

describe('useLive (the dashboard over useLiveQuery)', () => {
  it('answers, and answers again when a table it read changes', async () => {
    const db = new CreditDb(`live-${++n}`);
    await db.meta.put({ key: 'a', value: 1 });
    const { seen } = mount(async () => (await db.meta.get('a'))?.value);
    expect(seen[0]).toEqual({ value: undefined, error: null, loading: true });
    await until(() => seen.at(-1)!.value === 1);
    expect(seen.at(-1)).toEqual({ value: 1, error: null, loading: false });
    await db.meta.put({ key: 'a', value: 2 });
    await until(() => seen.at(-1)!.value === 2);
    db.close();
  });

  it('keeps the previous answer while new dependencies load: a page being turned never shows empty', async () => {
    const db = new CreditDb(`live-${++n}`);
    await db.meta.bulkPut([
      { key: 'p0', value: ['甲'] },
      { key: 'p1', value: ['乙'] },
    ]);
    const { seen, setKey } = mount(async (page) => (await db.meta.get(`p${page}`))?.value as string[]);
    await until(() => seen.at(-1)!.loading === false);
    const before = seen.length;
    await setKey(1);
    await until(() => seen.at(-1)!.value?.[0] === '乙');
    const turning = seen.slice(before, -1);
    expect(turning.length).toBeGreaterThan(0);
    for (const s of turning) expect(s).toEqual({ value: ['甲'], error: null, loading: true });
    expect(seen.at(-1)!.loading).toBe(false);
    db.close();
  });

  it('shows a failure as its message, keeping the last answer, and does not throw into the page', async () => {
    const db = new CreditDb(`live-${++n}`);
    const { seen, setKey } = mount(async (key) => {
      await db.meta.get('x');
      if (key === 1) throw new Error('统计条件有误：统计期间的开始日期不能晚于结束日期');
      return key;
    });
    await until(() => seen.at(-1)!.loading === false);
    await setKey(1);
    await until(() => seen.at(-1)!.error !== null);
    expect(seen.at(-1)).toEqual({ value: 0, error: '统计条件有误：统计期间的开始日期不能晚于结束日期', loading: false });
    db.close();
  });
});

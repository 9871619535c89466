// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { useStoredItem } from '../../../entrypoints/options/storage';

let container: HTMLElement | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
});

/** A storage item whose reads answer only when the test says so, and whose watchers the test can call. */
function slowItem(fallback: string) {
  let stored = fallback;
  const pending: Array<() => void> = [];
  const watchers = new Set<() => void>();
  return {
    fallback,
    getValue: () => new Promise<string>((resolve) => pending.push(() => resolve(stored))),
    watch: (cb: () => void) => {
      watchers.add(cb);
      return () => void watchers.delete(cb);
    },
    answer: async () => {
      expect(pending.length).toBeGreaterThan(0);
      await act(async () => pending.splice(0).forEach((r) => r()));
    },
    change: (next: string) => {
      stored = next;
      watchers.forEach((cb) => cb());
    },
  };
}

const upper = (s: string) => s.toUpperCase();

function mount(item: ReturnType<typeof slowItem>) {
  const seen: Array<{ value: string; loaded: boolean }> = [];
  function Probe() {
    seen.push(useStoredItem(item, upper));
    return null;
  }
  container = document.createElement('div');
  document.body.append(container);
  act(() => render(<Probe />, container!));
  return seen;
}

describe('useStoredItem', () => {
  it('says it is not loaded while it shows the checked fallback, and loaded once the stored value is read', async () => {
    const item = slowItem('');
    item.change('本单位');
    const seen = mount(item);
    expect(seen.at(-1)).toEqual({ value: '', loaded: false });
    await item.answer();
    expect(seen.at(-1)).toEqual({ value: '本单位', loaded: true });
  });

  it('reads again when another context changes the item', async () => {
    const item = slowItem('a');
    const seen = mount(item);
    await item.answer();
    expect(seen.at(-1)).toEqual({ value: 'A', loaded: true });
    item.change('b');
    await item.answer();
    expect(seen.at(-1)).toEqual({ value: 'B', loaded: true });
  });
});

// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreditDb } from '../../../lib/db';
import { deleteCases, undoDelete } from '../../../lib/ledger';
import { usePendingUndos, type PendingUndos } from '../../../entrypoints/options/undo';
import { freshDb, makeCase, putCases } from '../ledger/helpers';

let container: HTMLElement | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
});

/**
 * The ledger page's shape: a container that holds the pending undos and a tab that comes and goes. Gives the
 * latest hook, and a way to show or hide the tab.
 */
function mount(db: CreditDb) {
  const seen: { undos?: PendingUndos; setTab?: (shown: boolean) => void } = {};
  function Tab({ undos }: { undos: PendingUndos }) {
    return <p data-testid="tab">{undos.pending.length}</p>;
  }
  function Container() {
    const undos = usePendingUndos(db);
    const [shown, setShown] = useState(true);
    seen.undos = undos;
    seen.setTab = setShown;
    return shown ? <Tab undos={undos} /> : null;
  }
  container = document.createElement('div');
  document.body.append(container);
  render(<Container />, container);
  return {
    undos: () => seen.undos!,
    showTab: (shown: boolean) => act(() => seen.setTab!(shown)),
  };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
  expect(ok()).toBe(true);
};

const tokens = (u: PendingUndos) => u.pending.map((p) => p.token);

async function deleteOne(db: CreditDb, id: string, page: ReturnType<typeof mount>): Promise<string> {
  const token = await deleteCases(db, [id]);
  await act(() => page.undos().add({ token, count: 1 }));
  return token;
}

describe("usePendingUndos (the 台账 page's 撤销)", () => {
  it('keeps every deletion undoable, newest first, while the tab is away, and restores them one by one', async () => {
    const db = freshDb();
    const [a, b] = [makeCase(), makeCase()];
    await putCases(db, [a, b]);
    const page = mount(db);
    const first = await deleteOne(db, a.id, page);
    const second = await deleteOne(db, b.id, page);
    await until(() => tokens(page.undos()).length === 2);
    expect(tokens(page.undos())).toEqual([second, first]);

    await page.showTab(false);
    await page.showTab(true);
    expect(container!.textContent).toBe('2');

    await act(async () => {
      expect(await page.undos().undoNewest()).toEqual({ restored: 1, skipped: [] });
    });
    expect(await db.cases.get(b.id)).toBeDefined();
    expect(await db.cases.get(a.id)).toBeUndefined();
    expect(tokens(page.undos())).toEqual([first]);
    await act(async () => {
      expect(await page.undos().undoNewest()).toEqual({ restored: 1, skipped: [] });
    });
    expect(await db.cases.get(a.id)).toBeDefined();
    expect(page.undos().pending).toEqual([]);
    expect(page.undos().undoNewest()).toBeNull();
    db.close();
  });

  it('stops offering a deletion undone in another window, or pushed out by later deletions', async () => {
    const db = freshDb();
    const cases = Array.from({ length: 23 }, () => makeCase());
    await putCases(db, cases);
    const page = mount(db);
    const undoneElsewhere = await deleteOne(db, cases[0]!.id, page);
    const pushedOut = await deleteOne(db, cases[1]!.id, page);
    const kept = await deleteOne(db, cases[2]!.id, page);
    await until(() => tokens(page.undos()).length === 3);

    await undoDelete(db, undoneElsewhere);
    await until(() => tokens(page.undos()).length === 2);
    expect(tokens(page.undos())).toEqual([kept, pushedOut]);

    // another window's deletions: the ledger keeps only the latest ones
    for (const c of cases.slice(3)) await deleteCases(db, [c.id]);
    await until(() => tokens(page.undos()).length === 1);
    expect(tokens(page.undos())).toEqual([kept]);
    db.close();
  });
});

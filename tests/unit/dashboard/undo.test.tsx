// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreditDb } from '../../../lib/db';
import { deleteCases, dismissUndos, undoDelete } from '../../../lib/ledger';
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

let clock = Date.UTC(2026, 0, 1);
/** A deletion a minute after the previous one, as deleteCases keeps it. */
const deleteOne = (db: CreditDb, id: string) => deleteCases(db, [id], { now: new Date((clock += 60_000)) });

describe("usePendingUndos (the 台账 page's 撤销)", () => {
  it('keeps every deletion undoable, newest first, while the tab is away, and restores them one by one', async () => {
    const db = freshDb();
    const [a, b] = [makeCase(), makeCase()];
    await putCases(db, [a, b]);
    const page = mount(db);
    const first = await deleteOne(db, a.id);
    const second = await deleteOne(db, b.id);
    await until(() => tokens(page.undos()).length === 2);
    expect(tokens(page.undos())).toEqual([second, first]);

    await page.showTab(false);
    await page.showTab(true);
    expect(container!.textContent).toBe('2');

    await act(async () => {
      expect(await page.undos().undoNewest()).toMatchObject({ restored: 1, skipped: [], undone: { caseIds: [b.id] } });
    });
    expect(await db.cases.get(b.id)).toBeDefined();
    expect(await db.cases.get(a.id)).toBeUndefined();
    expect(tokens(page.undos())).toEqual([first]);
    await act(async () => {
      expect(await page.undos().undoNewest()).toMatchObject({ restored: 1, skipped: [], undone: { caseIds: [a.id] } });
    });
    expect(await db.cases.get(a.id)).toBeDefined();
    expect(page.undos().pending).toEqual([]);
    expect(page.undos().undoNewest()).toBeNull();
    db.close();
  });

  it('offers after a reload what is still kept, and stops offering what another tab undid or dismissed', async () => {
    const db = freshDb();
    const cases = Array.from({ length: 3 }, () => makeCase());
    await putCases(db, cases);
    const [oldest, middle, newest] = [
      await deleteOne(db, cases[0]!.id),
      await deleteOne(db, cases[1]!.id),
      await deleteOne(db, cases[2]!.id),
    ];
    // a page opened after the deletions: a reload
    const page = mount(db);
    await until(() => tokens(page.undos()).length === 3);
    expect(tokens(page.undos())).toEqual([newest, middle, oldest]);

    // another dashboard tab restores the newest, then closes the notice
    await undoDelete(db, newest);
    await until(() => tokens(page.undos()).length === 2);
    expect(tokens(page.undos())).toEqual([middle, oldest]);
    await dismissUndos(db, [middle]);
    await until(() => tokens(page.undos()).length === 1);
    expect(tokens(page.undos())).toEqual([oldest]);
    db.close();
  });

  it('a 撤销 of a deletion another tab already restored is refused, and restores nothing twice', async () => {
    const db = freshDb();
    const c = makeCase();
    await putCases(db, [c]);
    const token = await deleteOne(db, c.id);
    const page = mount(db);
    await until(() => tokens(page.undos()).length === 1);
    // clicked before this page's live list caught up with the other tab
    const clickedEarly = page.undos().undoNewest;
    await undoDelete(db, token);
    await db.cases.update(c.id, { exposureDate: '2026-12-01' });
    let refused: unknown;
    await act(async () => {
      await clickedEarly()?.catch((e: unknown) => (refused = e));
    });
    expect(refused).toMatchObject({ code: 'undo-expired' });
    expect((await db.cases.get(c.id))!.exposureDate).toBe('2026-12-01');
    db.close();
  });

  it('关闭 stops offering every pending deletion, after a reload too', async () => {
    const db = freshDb();
    const cases = [makeCase(), makeCase()];
    await putCases(db, cases);
    for (const c of cases) await deleteOne(db, c.id);
    const page = mount(db);
    await until(() => tokens(page.undos()).length === 2);
    await act(() => page.undos().dismiss());
    expect(page.undos().pending).toEqual([]);
    render(null, container!);
    container!.remove();
    const again = mount(db);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(again.undos().pending).toEqual([]);
    expect(await db.cases.count()).toBe(0);
    db.close();
  });
});

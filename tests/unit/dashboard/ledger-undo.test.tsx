// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { LedgerUndoOffer } from '../../../components/dashboard/LedgerPage';
import type { LedgerCase } from '../../../lib/db/case';
import { makeCase } from '../ledger/helpers';
import { ledgerPage } from './ledger-page';

let container: HTMLElement | undefined;

/** The 台账 table (ledger-page.tsx), its container kept for the queries below. */
function ledger() {
  const page = ledgerPage();
  container = page.container;
  return page;
}

const offer = (token: string, cases: readonly LedgerCase[], pending = 1): LedgerUndoOffer => ({
  token,
  deletedAt: '2026-12-04T02:30:00.000Z',
  caseIds: cases.map((c) => c.id),
  parties: cases.map((c) => c.partyName),
  pending,
});

const $ = (sel: string) => container!.querySelector<HTMLElement>(sel);
const click = (el: HTMLElement | null) => act(() => el!.click());
const rowButton = (c: LedgerCase, which: 'row-edit' | 'row-delete') =>
  [...container!.querySelectorAll<HTMLElement>('[data-testid="ledger-row"]')]
    .find((r) => r.dataset.id === c.id)!
    .querySelector<HTMLElement>(`[data-testid="${which}"]`);

describe('the undo bar of the 台账', () => {
  it('names what 撤销 would restore and when it was deleted', () => {
    const page = ledger();
    const cases = [makeCase({ partyName: '甲公司' }), makeCase({ partyName: '乙公司' }), makeCase({ partyName: '丙公司' })];
    page.show({ undo: offer('u1', cases.slice(0, 1), 3) });
    expect($('[data-testid="undo-bar"]')!.textContent).toContain('ledger_deleted(1)');
    expect($('[data-testid="undo-what"]')!.textContent).toBe('ledger_undoParties(甲公司) ledger_undoDeletedAt(2026-12-04 10:30)');
    expect($('[data-testid="undo-pending"]')!.textContent).toBe('ledger_undoPending(3)');
    page.show({ undo: offer('u2', [...cases, makeCase({ partyName: '丁公司' })]) });
    expect($('[data-testid="undo-what"]')!.textContent).toContain(
      'ledger_undoPartiesMore(common_joinList(common_joinList(甲公司|乙公司)|丙公司)|4)',
    );
  });
});

describe('the focus around a ledger deletion', () => {
  it('moves to 撤销 after a row is deleted here, and again for the next deletion', () => {
    const [a, b] = [makeCase(), makeCase()];
    const page = ledger();
    page.show({ rows: [a, b], total: 2 });
    click(rowButton(a, 'row-delete'));
    expect(page.clicked).toEqual([`delete ${a.id}`]);
    page.show({ rows: [b], total: 1, undo: offer('u1', [a]) });
    expect(document.activeElement).toBe($('[data-testid="undo"]'));
    click(rowButton(b, 'row-delete'));
    (document.activeElement as HTMLElement).blur();
    page.show({ rows: [], total: 0, undo: offer('u2', [b], 2) });
    expect(document.activeElement).toBe($('[data-testid="undo"]'));
  });

  it('stays where it is when deletions are offered without a click here (a reload, another tab), or the page renders again', () => {
    const filter = document.createElement('input');
    document.body.append(filter);
    filter.focus();
    const page = ledger();
    page.show({ undo: offer('u1', [makeCase()], 2) });
    expect(document.activeElement).toBe(filter);
    page.show({ undo: offer('u1', [makeCase()], 2), notice: 'x' });
    expect(document.activeElement).toBe(filter);
    filter.remove();
  });

  it('after the last 撤销, goes to the restored row once the ledger shows it', () => {
    const [a, b] = [makeCase(), makeCase()];
    const page = ledger();
    page.show({ rows: [b], total: 1, undo: offer('u1', [a]) });
    click($('[data-testid="undo"]'));
    expect(page.clicked).toEqual(['undo']);
    // the offer goes at once; the restored row comes with the ledger's next answer
    page.show({ undo: null });
    expect(document.activeElement).toBe($('[data-testid="ledger-table"]'));
    page.show({ rows: [a, b], total: 2 });
    expect(document.activeElement).toBe(rowButton(a, 'row-edit'));
  });

  it('after a 撤销 with more to undo, stays on 撤销; a restored row not on this page leaves it on the table', () => {
    const [a, b, c] = [makeCase(), makeCase(), makeCase()];
    const page = ledger();
    page.show({ rows: [c], total: 1, undo: offer('u2', [b], 2) });
    click($('[data-testid="undo"]'));
    page.show({ undo: offer('u1', [a]) });
    expect(document.activeElement).toBe($('[data-testid="undo"]'));
    click($('[data-testid="undo"]'));
    page.show({ undo: null });
    // filtered out: the ledger's answer does not show it
    page.show({ rows: [c], total: 1 });
    expect(document.activeElement).toBe($('[data-testid="ledger-table"]'));
    page.show({ rows: [a, c], total: 2 });
    expect(document.activeElement).toBe($('[data-testid="ledger-table"]'));
  });

  it('after 关闭, goes to the table the notice belonged to', () => {
    const page = ledger();
    page.show({ undo: offer('u1', [makeCase()], 2) });
    click($('[data-testid="undo-dismiss"]'));
    expect(page.clicked).toEqual(['dismiss']);
    page.show({ undo: null });
    const table = $('[data-testid="ledger-table"]');
    expect(document.activeElement).toBe(table);
    expect(table!.querySelector('caption')!.textContent).toBe('ledger_caption');
  });
});

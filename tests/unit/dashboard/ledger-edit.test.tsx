// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { LedgerEdit } from '../../../components/dashboard/LedgerPage';
import type { LedgerCase } from '../../../lib/db/case';
import { makeCase } from '../ledger/helpers';
import { ledgerPage } from './ledger-page';

describe('the row editor of the 台账', () => {
  it('saves against the record as it was when opened, not as another tab changed it since', async () => {
    const saved: [LedgerCase, LedgerEdit][] = [];
    const opened = makeCase({ partyName: '甲公司', revision: 2 });
    const { show, container } = ledgerPage({
      rows: [opened],
      total: 1,
      onSave: (c, edit) => {
        saved.push([c, edit]);
        return Promise.resolve('stale');
      },
    });
    act(() => container.querySelector<HTMLElement>('[data-testid="row-edit"]')!.click());
    // the live query brings the record as another tab saved it meanwhile
    const newer = { ...opened, listingDate: '2023-08-01', revision: 3, updatedAt: '2023-08-01T02:00:00.000Z' };
    show({ rows: [newer] });
    await act(async () => {
      container.querySelector<HTMLElement>('[data-testid="edit-save"]')!.click();
      await Promise.resolve();
    });
    expect(saved).toHaveLength(1);
    expect(saved[0]![0]).toBe(opened);
    expect(container.querySelector('[data-testid="edit-error"]')!.textContent).toBe('stale');
  });
});

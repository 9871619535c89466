// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, LedgerPage, type LedgerEdit, type LedgerPageProps } from '../../../components/dashboard/LedgerPage';
import type { LedgerCase } from '../../../lib/db/case';
import { makeCase } from '../ledger/helpers';

const t = (key: string, params?: string[]) => (params?.length ? `${key}(${params.join('|')})` : key);

let container: HTMLElement | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
  container = undefined;
});

describe('the row editor of the 台账', () => {
  it('saves against the record as it was when opened, not as another tab changed it since', async () => {
    container = document.createElement('div');
    document.body.append(container);
    const saved: [LedgerCase, LedgerEdit][] = [];
    const opened = makeCase({ partyName: '甲公司', revision: 2 });
    let props: LedgerPageProps = {
      t,
      filters: EMPTY_FILTERS,
      onFilters: () => undefined,
      units: [],
      rows: [opened],
      total: 1,
      page: 0,
      pageSize: 20,
      onPage: () => undefined,
      loading: false,
      error: null,
      onSave: (c, edit) => {
        saved.push([c, edit]);
        return Promise.resolve('stale');
      },
      onDelete: () => undefined,
      loadHistory: () => Promise.resolve([]),
      undo: null,
      onUndo: () => undefined,
      onDismissUndo: () => undefined,
      notice: null,
    };
    const show = (over: Partial<LedgerPageProps>) => {
      props = { ...props, ...over };
      act(() => render(<LedgerPage {...props} />, container!));
    };
    show({});
    act(() => container!.querySelector<HTMLElement>('[data-testid="row-edit"]')!.click());
    // the live query brings the record as another tab saved it meanwhile
    const newer = { ...opened, listingDate: '2023-08-01', revision: 3, updatedAt: '2023-08-01T02:00:00.000Z' };
    show({ rows: [newer] });
    await act(async () => {
      container!.querySelector<HTMLElement>('[data-testid="edit-save"]')!.click();
      await Promise.resolve();
    });
    expect(saved).toHaveLength(1);
    expect(saved[0]![0]).toBe(opened);
    expect(container!.querySelector('[data-testid="edit-error"]')!.textContent).toBe('stale');
  });
});

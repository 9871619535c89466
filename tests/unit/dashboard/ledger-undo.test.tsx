// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, LedgerPage, type LedgerPageProps } from '../../../components/dashboard/LedgerPage';

const t = (key: string) => key;

let container: HTMLElement | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
});

function show(undo: LedgerPageProps['undo']) {
  const props: LedgerPageProps = {
    t,
    filters: EMPTY_FILTERS,
    onFilters: () => undefined,
    units: [],
    rows: [],
    total: 0,
    page: 0,
    pageSize: 20,
    onPage: () => undefined,
    loading: false,
    error: null,
    onSave: () => Promise.resolve(null),
    onDelete: () => undefined,
    loadHistory: () => Promise.resolve([]),
    undo,
    onUndo: () => undefined,
    onDismissUndo: () => undefined,
    notice: null,
  };
  act(() => render(<LedgerPage {...props} />, container!));
}

const undoButton = () => container!.querySelector<HTMLElement>('[data-testid="undo"]');

describe('after a ledger row is deleted', () => {
  it('focus moves to 撤销, and again for the next deletion', () => {
    container = document.createElement('div');
    document.body.append(container);
    show(null);
    expect(undoButton()).toBeNull();
    show({ count: 1, pending: 1 });
    expect(document.activeElement).toBe(undoButton());
    (document.activeElement as HTMLElement).blur();
    show({ count: 1, pending: 2 });
    expect(document.activeElement).toBe(undoButton());
  });

  it('another render with the same undo (the handler typing in a filter) leaves the focus where it is', () => {
    container = document.createElement('div');
    document.body.append(container);
    const filter = document.createElement('input');
    document.body.append(filter);
    show({ count: 2, pending: 1 });
    filter.focus();
    show({ count: 2, pending: 1 });
    expect(document.activeElement).toBe(filter);
    filter.remove();
  });
});

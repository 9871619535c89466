import { render } from 'preact';
import { act } from 'preact/test-utils';
import { onTestFinished } from 'vitest';
import { EMPTY_FILTERS, LedgerPage, type LedgerPageProps } from '../../../components/dashboard/LedgerPage';

const t = (key: string, params?: string[]) => (params?.length ? `${key}(${params.join('|')})` : key);

/**
 * The 台账 table as its container drives it, in a container of its own that goes when the test ends: `show`
 * renders new props, the delete and undo callbacks are recorded.
 */
export function ledgerPage(initial: Partial<LedgerPageProps> = {}) {
  const container = document.createElement('div');
  document.body.append(container);
  onTestFinished(() => {
    render(null, container);
    container.remove();
  });
  const clicked: string[] = [];
  let props: LedgerPageProps = {
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
    onDelete: (c) => clicked.push(`delete ${c.id}`),
    loadHistory: () => Promise.resolve([]),
    undo: null,
    onUndo: () => clicked.push('undo'),
    onDismissUndo: () => clicked.push('dismiss'),
    notice: null,
    ...initial,
  };
  const show = (over: Partial<LedgerPageProps>) => {
    props = { ...props, ...over };
    act(() => render(<LedgerPage {...props} />, container));
  };
  show({});
  return { show, clicked, container };
}

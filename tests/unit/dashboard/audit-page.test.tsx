// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditPage, type AuditStatus } from '../../../components/dashboard/AuditPage';
import { emptySummary, type AuditRow } from '../../../lib/rules/audit';

const t = (key: string, params?: string[]) => (params?.length ? `${key}(${params.join('|')})` : key);

let container: HTMLElement | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
});

const $ = (id: string) => container!.querySelector<HTMLElement>(`[data-testid="${id}"]`);

function mount() {
  container = document.createElement('div');
  document.body.append(container);
  const audited: File[] = [];
  const show = (status: AuditStatus, at: string, rows: readonly AuditRow[] = []) =>
    act(() =>
      render(
        <AuditPage
          t={t}
          status={status}
          at={at}
          onAt={() => undefined}
          rows={rows}
          summary={emptySummary()}
          unknownColumns={[]}
          onFile={(f) => audited.push(f)}
          onCancel={() => undefined}
          onExport={() => undefined}
        />,
        container!,
      ),
    );
  return { audited, show };
}

describe('results of an audit after its date is changed', () => {
  it('name the date they were judged by, say when the date chosen differs, and re-run only on request', () => {
    const { audited, show } = mount();
    show({ kind: 'idle' }, '2026-01-05');
    const file = new File(['决定书文号\n'], 'cases.csv', { type: 'text/csv' });
    const input = $('audit-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file] });
    act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
    expect(audited).toEqual([file]);

    const done: AuditStatus = { kind: 'done', fileName: 'cases.csv', seconds: 1, at: '2026-01-05' };
    show(done, '2026-01-05');
    expect($('audit-done')!.textContent).toContain('audit_ranAt(2026-01-05)');
    expect($('audit-stale')).toBeNull();

    show(done, '2026-07-01');
    expect($('audit-stale')!.textContent).toContain('audit_stale(2026-01-05|2026-07-01)');
    expect(audited).toEqual([file]);
    act(() => $('audit-rerun')!.click());
    expect(audited).toEqual([file, file]);
  });
});

describe('the results table, a page of many rows', () => {
  it('gives each rendered row its place among all of them, as its row count promises', () => {
    const { show } = mount();
    const rows: AuditRow[] = Array.from({ length: 150 }, (_, i) => ({
      line: i + 2,
      cells: [],
      verdict: 'review',
      unlisted: 'no',
      reasons: [],
      citations: [],
      decisionNo: `罚字〔2026〕${i + 1}号`,
      partyName: '某公司',
    }));
    show({ kind: 'done', fileName: 'cases.csv', seconds: 1, at: '2026-01-05' }, '2026-01-05', rows);
    const table = $('audit-results')!;
    expect(table.getAttribute('aria-rowcount')).toBe('151');
    const indexes = () => [...table.querySelectorAll('tr')].map((tr) => tr.getAttribute('aria-rowindex'));
    expect(indexes().slice(0, 3)).toEqual(['1', '2', '3']);
    act(() => $('page-next')!.click());
    const second = indexes();
    expect(second).toHaveLength(51);
    expect([second[1], second[50]]).toEqual(['102', '151']);
  });
});

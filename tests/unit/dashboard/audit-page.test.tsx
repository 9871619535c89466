// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditPage, type AuditStatus } from '../../../components/dashboard/AuditPage';
import { emptySummary } from '../../../lib/rules/audit';

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
  const show = (status: AuditStatus, at: string) =>
    act(() =>
      render(
        <AuditPage
          t={t}
          status={status}
          at={at}
          onAt={() => undefined}
          rows={[]}
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

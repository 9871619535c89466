// @vitest-environment happy-dom
import { fakeBrowser } from '../fake-extension';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../lib/settings/stored', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../lib/settings/stored')>()),
  loadImportedPackList: () => Promise.reject(new Error('storage read refused')),
}));

// the messages by their keys and substitutions
vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
  (key: string, subs?: string | (string | number)[]) => `${key}(${[subs ?? []].flat().join('|')})`,
);

const { AuditContainer } = await import('../../../entrypoints/options/audit');

let container: HTMLElement | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
});

describe('an audit whose imported rule packs cannot be read', () => {
  it("says so as the run's error instead of staying idle", async () => {
    container = document.createElement('div');
    document.body.append(container);
    act(() => render(<AuditContainer />, container!));
    const input = container.querySelector<HTMLInputElement>('[data-testid="audit-file"]')!;
    Object.defineProperty(input, 'files', { value: [new File(['决定书文号\n'], 'cases.csv', { type: 'text/csv' })] });
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
    });
    const error = container.querySelector('[data-testid="audit-error"]');
    expect(error?.getAttribute('role')).toBe('alert');
    expect(error?.textContent).toContain('storage read refused');
  });
});

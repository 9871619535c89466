// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { PacksPage, type PackRow } from '../../../components/dashboard/PacksPage';

const t = (key: string, params?: string[]) => (params?.length ? `${key}(${params.join('|')})` : key);

let container: HTMLElement | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
});

// a stored pack that no longer validates: removable, nothing else shown of it
const damaged: PackRow = { pack: null, source: 'imported', index: 0, inForce: false, active: false, error: 'bad' };

function mount(removed: number[]) {
  container = document.createElement('div');
  document.body.append(container);
  act(() =>
    render(
      <PacksPage
        t={t}
        packs={[damaged]}
        message={null}
        busy={false}
        onImport={() => undefined}
        onRemove={(i) => removed.push(i)}
        onExport={() => undefined}
      />,
      container!,
    ),
  );
}

const $ = (id: string) => container!.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('removing an imported rule pack', () => {
  it('asks first, inline, and removes nothing when cancelled', () => {
    const removed: number[] = [];
    mount(removed);
    act(() => $('pack-remove')!.click());
    expect(removed).toEqual([]);
    expect(container!.querySelector('[role="alertdialog"]')?.textContent).toContain('packs_remove_confirmInvalid');
    act(() => $('pack-remove-cancel')!.click());
    expect(removed).toEqual([]);
    expect($('pack-remove')).not.toBeNull();
  });

  it('removes the pack once confirmed', () => {
    const removed: number[] = [];
    mount(removed);
    act(() => $('pack-remove')!.click());
    act(() => $('pack-remove-confirm')!.click());
    expect(removed).toEqual([0]);
  });

  it('keeps the keyboard user in place: on 取消 while asked, on 删除 after cancelling, on the list after removing', () => {
    mount([]);
    act(() => $('pack-remove')!.click());
    expect(document.activeElement).toBe($('pack-remove-cancel'));
    act(() => $('pack-remove-cancel')!.click());
    expect(document.activeElement).toBe($('pack-remove'));
    act(() => $('pack-remove')!.click());
    act(() => $('pack-remove-confirm')!.click());
    expect(document.activeElement).toBe($('packs-list'));
  });
});

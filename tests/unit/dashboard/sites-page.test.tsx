// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { SitesPage } from '../../../components/dashboard/SitesPage';

const t = (key: string, params?: string[]) => (params?.length ? `${key}(${params.join('|')})` : key);
const ORIGIN = 'http://zfba.scjg.internal:8080';

let container: HTMLElement | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
});

async function disableWith(onDisable: (origin: string) => Promise<void>) {
  container = document.createElement('div');
  document.body.append(container);
  act(() =>
    render(
      <SitesPage t={t} sites={[{ origin: ORIGIN, enabledAt: '2026-12-01', hasPermission: true }]} onDisable={onDisable} />,
      container!,
    ),
  );
  await act(async () => container!.querySelector('button')!.click());
}

const error = () => container!.querySelector('[data-testid="sites-error"]');

describe('disabling a system', () => {
  it('says why when the background refuses or fails, naming the system', async () => {
    await disableWith(() => Promise.reject(new Error('权限未能释放')));
    expect(error()?.getAttribute('role')).toBe('alert');
    expect(error()?.textContent).toBe(`sites_disableFailed(${ORIGIN}|权限未能释放)`);
  });

  it('shows no error when it is disabled', async () => {
    await disableWith(() => Promise.resolve());
    expect(error()).toBeNull();
  });
});

describe('several systems failing to disable', () => {
  const OTHER = 'http://xyxx.scjg.internal';
  const sites = [
    { origin: ORIGIN, enabledAt: '2026-12-01', hasPermission: true },
    { origin: OTHER, enabledAt: '2026-12-02', hasPermission: true },
  ];
  const page = (onDisable: (origin: string) => Promise<void>, shown = sites) =>
    act(() => render(<SitesPage t={t} sites={shown} onDisable={onDisable} />, container!));
  const disableButton = (origin: string) => container!.querySelector<HTMLElement>(`tr[data-origin="${origin}"] button`)!;
  const errorOf = (origin: string) => container!.querySelector(`tr[data-error-for="${origin}"] [data-testid="sites-error"]`);

  it('shows each failure in the row of its system, tied to its 停用, until that system is tried again', async () => {
    container = document.createElement('div');
    document.body.append(container);
    const outcome = new Map([
      [ORIGIN, '权限未能释放'],
      [OTHER, '后台未响应'],
    ]);
    const onDisable = (o: string) => (outcome.has(o) ? Promise.reject(new Error(outcome.get(o))) : Promise.resolve());
    page(onDisable);
    await act(async () => disableButton(ORIGIN).click());
    await act(async () => disableButton(OTHER).click());
    expect(errorOf(ORIGIN)?.textContent).toBe(`sites_disableFailed(${ORIGIN}|权限未能释放)`);
    expect(errorOf(OTHER)?.textContent).toBe(`sites_disableFailed(${OTHER}|后台未响应)`);
    for (const o of [ORIGIN, OTHER]) {
      expect(errorOf(o)?.getAttribute('role')).toBe('alert');
      expect(disableButton(o).getAttribute('aria-describedby')).toBe(errorOf(o)!.id);
    }

    outcome.delete(OTHER);
    await act(async () => disableButton(OTHER).click());
    expect(errorOf(OTHER)).toBeNull();
    expect(disableButton(OTHER).getAttribute('aria-describedby')).toBeNull();
    expect(errorOf(ORIGIN)).not.toBeNull();
    // disabled from elsewhere: no longer listed, its failure goes with it
    page(onDisable, sites.slice(1));
    page(onDisable);
    expect(errorOf(ORIGIN)).toBeNull();
  });
});

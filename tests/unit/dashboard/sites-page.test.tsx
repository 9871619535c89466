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

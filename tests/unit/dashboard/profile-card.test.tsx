// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ProfilesPage } from '../../../components/dashboard/ProfilesPage';
import type { SiteProfile } from '../../../lib/form/profile';

const t = (key: string) => key;
const ORIGIN = 'http://zfba.scjg.internal:8080';
const KEYS = [
  { key: 'partyName', label: '当事人名称' },
  { key: 'decisionNo', label: '决定书文号' },
];
const v1: SiteProfile = {
  version: 1,
  origin: ORIGIN,
  name: '执法办案系统',
  pins: [{ key: 'partyName', selector: '#dsrmc' }],
  updatedAt: '2026-12-01T08:00:00.000Z',
};
// a pin picked on the page meanwhile, saved by the background
const v2: SiteProfile = { ...v1, pins: [...v1.pins, { key: 'decisionNo', selector: '#jdswh' }], updatedAt: '2026-12-01T09:00:00.000Z' };

let container: HTMLElement | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
});

function mount(saved: SiteProfile[]) {
  container = document.createElement('div');
  document.body.append(container);
  const show = (p: SiteProfile) =>
    act(() =>
      render(
        <ProfilesPage
          t={t}
          profiles={[p]}
          keys={KEYS}
          message={null}
          onSave={(x) => saved.push(x)}
          onDelete={() => undefined}
          onExport={() => undefined}
          onImport={() => undefined}
        />,
        container!,
      ),
    );
  return show;
}

const $ = (sel: string) => container!.querySelector<HTMLElement>(sel);
const button = (text: string) => [...container!.querySelectorAll('button')].find((b) => b.textContent === text)!;
const selectors = () => [...container!.querySelectorAll<HTMLInputElement>('[data-testid="profile"] input')].map((i) => i.value);

describe('a site profile being edited while a pin is saved from the page', () => {
  it('takes the new pin in when nothing is edited', () => {
    const saved: SiteProfile[] = [];
    const show = mount(saved);
    show(v1);
    show(v2);
    expect(selectors()).toContain('#jdswh');
    expect($('[data-testid="profile-changed-elsewhere"]')).toBeNull();
  });

  it('never saves the edits over it: it says so, and loads the latest on request', () => {
    const saved: SiteProfile[] = [];
    const show = mount(saved);
    show(v1);
    act(() => button('profiles_addPin').click());
    show(v2);
    expect($('[data-testid="profile-changed-elsewhere"]')?.getAttribute('role')).toBe('alert');
    const save = button('common_save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    act(() => save.click());
    expect(saved).toEqual([]);
    act(() => $('[data-testid="profile-load-latest"]')!.click());
    expect(selectors()).toContain('#jdswh');
    expect($('[data-testid="profile-changed-elsewhere"]')).toBeNull();
  });
});

describe('importing a profile for a system that already has one', () => {
  function mountReplacing(answers: string[]) {
    container = document.createElement('div');
    document.body.append(container);
    act(() =>
      render(
        <ProfilesPage
          t={(key: string, params?: string[]) => `${key}(${(params ?? []).join('|')})`}
          profiles={[v1]}
          keys={KEYS}
          message={null}
          onSave={() => undefined}
          onDelete={() => undefined}
          onExport={() => undefined}
          onImport={() => undefined}
          replacing={{ origin: ORIGIN }}
          onReplaceConfirm={() => answers.push('replace')}
          onReplaceCancel={() => answers.push('cancel')}
        />,
        container!,
      ),
    );
  }

  it('asks inline, naming the system, before replacing it', () => {
    const answers: string[] = [];
    mountReplacing(answers);
    const question = $('[data-testid="profile-import-replace"]')!;
    expect(question.getAttribute('role')).toBe('alertdialog');
    expect(question.textContent).toContain(`profiles_import_replace(${ORIGIN})`);
    act(() => $('[data-testid="profile-import-replace-cancel"]')!.click());
    act(() => $('[data-testid="profile-import-replace-confirm"]')!.click());
    expect(answers).toEqual(['cancel', 'replace']);
  });
});

describe('deleting a site profile', () => {
  function page(deleted: string[]) {
    container = document.createElement('div');
    document.body.append(container);
    return (profiles: SiteProfile[]) =>
      act(() =>
        render(
          <ProfilesPage
            t={t}
            profiles={profiles}
            keys={KEYS}
            message={null}
            onSave={() => undefined}
            onDelete={(o) => deleted.push(o)}
            onExport={() => undefined}
            onImport={() => undefined}
          />,
          container!,
        ),
      );
  }

  it('is asked inline first, the focus on 取消; cancelling keeps the profile and gives the focus back', () => {
    const deleted: string[] = [];
    page(deleted)([v1]);
    act(() => $('[data-testid="profile-delete"]')!.click());
    const question = $('[data-testid="profile-delete-question"]')!;
    expect(question.getAttribute('role')).toBe('alertdialog');
    expect(question.getAttribute('aria-label')).toBe('profiles_confirmDelete');
    expect(document.activeElement).toBe($('[data-testid="profile-delete-cancel"]'));
    act(() => $('[data-testid="profile-delete-cancel"]')!.click());
    expect(deleted).toEqual([]);
    expect($('[data-testid="profile-delete-question"]')).toBeNull();
    expect(document.activeElement).toBe($('[data-testid="profile-delete"]'));
  });

  it('deletes once confirmed; the focus goes to the heading when the card is gone', () => {
    const deleted: string[] = [];
    const show = page(deleted);
    show([v1]);
    act(() => $('[data-testid="profile-delete"]')!.click());
    act(() => $('[data-testid="profile-delete-confirm"]')!.click());
    expect(deleted).toEqual([ORIGIN]);
    show([]);
    expect(document.activeElement).toBe($('h2'));
  });
});

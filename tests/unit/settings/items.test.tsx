// @vitest-environment happy-dom
import { fakeBrowser, fakeStorage } from '../fake-extension';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { SettingsPage } from '../../../components/dashboard/SettingsPage';
import zhMessages from '../../../public/_locales/zh_CN/messages.json';
import { translatorFromMessages, type MessageEntry } from '../../../lib/rules';
import { DEFAULT_SETTINGS, checkSettings, damagedSettingsLabels, type Settings } from '../../../lib/settings';
import type { SettingsEdit } from '../../../lib/settings/managed';
import { managedMirrorItem, productionHostForTestsItem, sitesItem } from '../../../lib/settings/items';
import { STORAGE_KEYS, metaKey, overlayStateKey } from '../../../lib/settings/keys';
import {
  deleteProfile,
  loadEffectiveSettings,
  loadImportedPacks,
  loadManagedMirror,
  loadOverlayState,
  loadProfile,
  loadSettings,
  saveOverlayState,
  saveProfile,
} from '../../../lib/settings/stored';
import { loadSites } from '../../../lib/sites';

const t = translatorFromMessages(zhMessages as Record<string, MessageEntry>);
const ORIGIN = 'http://zfba.scjg.internal:8080';
const PROFILE = {
  version: 1 as const,
  origin: ORIGIN,
  name: '执法办案系统',
  pins: [{ key: 'partyName', selector: '#dsr' }],
  updatedAt: '2026-11-30T08:00:00.000Z',
};

describe('the managed mirror, version 1 → 2', () => {
  it('drops the Chinese sentences version 1 kept as problems and keeps the rest of the mirror', async () => {
    const s = await fakeStorage({
      local: {
        managed: {
          policy: { unitName: '某市市场监督管理局', sites: ['http://10.1.2.3:8080'] },
          errors: ['未知的管理策略项“foo”，已忽略', { code: 'unknownKey', params: ['bar'] }],
        },
      },
    });
    await managedMirrorItem.migrate();
    expect(s.store[STORAGE_KEYS.managedMirror]).toEqual({
      policy: { unitName: '某市市场监督管理局', sites: ['http://10.1.2.3:8080'] },
      errors: [{ code: 'unknownKey', params: ['bar'] }],
    });
    expect(s.store[metaKey(STORAGE_KEYS.managedMirror)]).toEqual({ v: 2 });
    expect(await loadManagedMirror()).toEqual({
      policy: { unitName: '某市市场监督管理局', sites: ['http://10.1.2.3:8080'] },
      errors: [{ code: 'unknownKey', params: ['bar'] }],
    });
  });

  it('leaves a mirror already in the version 2 shape as it is, and runs once', async () => {
    const mirror = { policy: { unitName: '某市市场监督管理局' }, errors: [{ code: 'province', params: ['shanghai、guizhou'] }] };
    const s = await fakeStorage({ local: { managed: mirror } });
    await managedMirrorItem.migrate();
    expect(s.store[STORAGE_KEYS.managedMirror]).toEqual(mirror);
    const writes = s.writesOf(STORAGE_KEYS.managedMirror);
    await managedMirrorItem.migrate();
    expect(s.writesOf(STORAGE_KEYS.managedMirror)).toBe(writes);
  });

  it('has nothing to migrate where no policy was ever mirrored', async () => {
    const s = await fakeStorage();
    await managedMirrorItem.migrate();
    expect(s.store).toEqual({});
  });
});

describe('what nothing stored reads as', () => {
  it('gives every item its default, and writes nothing', async () => {
    const s = await fakeStorage();
    expect(await loadSettings()).toEqual({ settings: DEFAULT_SETTINGS, invalid: [] });
    expect(await loadEffectiveSettings()).toEqual({ settings: DEFAULT_SETTINGS, locked: [], policy: {} });
    expect(await loadManagedMirror()).toEqual({ policy: {}, errors: [] });
    expect(await loadImportedPacks()).toEqual([]);
    expect(await loadProfile(ORIGIN)).toBeNull();
    expect(await loadOverlayState(ORIGIN)).toBeNull();
    expect(await loadSites({ sites: sitesItem })).toEqual([]);
    expect(await productionHostForTestsItem.getValue()).toBe(false);
    expect(s.store).toEqual({});
  });
});

describe('a damaged stored value', () => {
  it('costs only the damaged settings fields, which are named in Chinese on the settings page', async () => {
    const profiles = { [ORIGIN]: PROFILE };
    const s = await fakeStorage({
      local: {
        settings: { unitName: '某市市场监督管理局', recorderName: 42, province: 'guizhou', lowerAmountFine: '五千元' },
        profiles,
      },
    });
    const { settings, invalid } = await loadSettings();
    expect(settings).toEqual({ unitName: '某市市场监督管理局', recorderName: '', province: 'guizhou', lowerAmountFine: null });
    expect(invalid).toEqual(['recorderName', 'lowerAmountFine']);
    // reading repairs nothing behind the user's back: the stored values, settings included, are as they were
    expect(s.store.profiles).toEqual(profiles);
    expect(s.writesOf(STORAGE_KEYS.settings)).toBe(0);

    const container = document.createElement('div');
    render(<SettingsPage t={t} settings={settings} damaged={damagedSettingsLabels(invalid, t)} onSave={async () => {}} />, container);
    const notice = container.querySelector('[data-testid="settings-damaged"]');
    expect(notice?.getAttribute('role')).toBe('alert');
    expect(notice?.textContent).toContain('已保存的设置中以下项目已损坏，现显示默认值（其他设置未受影响）');
    expect(notice?.textContent).toContain('记录人');
    expect(notice?.textContent).toContain('较低数额罚款标准');
    expect(notice?.textContent).not.toContain('填报单位');
    render(null, container);
  });

  it('that is not settings at all names every field and keeps the other items', async () => {
    await fakeStorage({ local: { settings: 'garbage', rulePacks: 'also garbage', profiles: { [ORIGIN]: PROFILE } } });
    expect((await loadSettings()).invalid).toEqual(['unitName', 'recorderName', 'province', 'lowerAmountFine']);
    expect(await loadImportedPacks()).toEqual([]);
    expect(await loadProfile(ORIGIN)).toEqual(PROFILE);
  });

  it('the settings page says so when the browser refuses to save, instead of nothing', async () => {
    const container = document.createElement('div');
    const refused = () => Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
    render(<SettingsPage t={t} settings={DEFAULT_SETTINGS} onSave={refused} />, container);
    container.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await new Promise((r) => setTimeout(r, 20));
    const failed = container.querySelector('[data-testid="settings-save-failed"]');
    expect(failed?.getAttribute('role')).toBe('alert');
    expect(failed?.textContent).toBe('设置未保存：浏览器拒绝写入（QUOTA_BYTES quota exceeded）。原有设置未改变。');
    expect(container.textContent).not.toContain('已保存');
    render(null, container);
  });

  it('the settings page shows a save made elsewhere at once, keeps what the user is typing, and saves only that', async () => {
    const container = document.createElement('div');
    const saves: SettingsEdit[] = [];
    const onSave = async (edit: SettingsEdit) => void saves.push(edit);
    const page = (settings: Settings) => act(() => render(<SettingsPage t={t} settings={settings} onSave={onSave} />, container));
    const input = (id: string) => container.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
    const first = { ...DEFAULT_SETTINGS, unitName: '甲县局', recorderName: '张三' };
    page(first);
    act(() => {
      input('recorder-name').value = '李娜';
      input('recorder-name').dispatchEvent(new Event('input', { bubbles: true }));
    });
    // another tab saved the unit meanwhile
    const elsewhere = { ...first, unitName: '某市局' };
    page(elsewhere);
    expect([input('unit-name').value, input('recorder-name').value]).toEqual(['某市局', '李娜']);
    act(() => container.querySelector<HTMLFormElement>('form')!.requestSubmit());
    await act(async () => {});
    expect(saves).toEqual([{ started: elsewhere, edited: { ...elsewhere, recorderName: '李娜' } }]);
    render(null, container);
  });

  it('needs no settings page where nothing is damaged', () => {
    expect(checkSettings({ unitName: '某局' }).invalid).toEqual([]);
    expect(damagedSettingsLabels([], t)).toEqual([]);
  });

  it('of an overlay position reads as none', async () => {
    await fakeStorage({ local: { [overlayStateKey(ORIGIN)]: { collapsed: 'yes', right: 16, top: 72 } } });
    expect(await loadOverlayState(ORIGIN)).toBeNull();
    await saveOverlayState(ORIGIN, { collapsed: true, right: 24, top: 90 });
    expect(await loadOverlayState(ORIGIN)).toEqual({ collapsed: true, right: 24, top: 90 });
  });
});

describe('profiles', () => {
  it('are saved and deleted one origin at a time; a damaged entry of another system stays as it was', async () => {
    const other = 'http://10.1.2.3:8080';
    const s = await fakeStorage({ local: { profiles: { [other]: { version: 9 } } } });
    await saveProfile(PROFILE);
    expect(await loadProfile(ORIGIN)).toEqual(PROFILE);
    expect(await loadProfile(other)).toBeNull();
    await deleteProfile(ORIGIN);
    expect(s.store.profiles).toEqual({ [other]: { version: 9 } });
    expect(await fakeBrowser.storage.local.get('profiles')).toEqual({ profiles: { [other]: { version: 9 } } });
  });
});

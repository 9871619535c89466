import 'fake-indexeddb/auto';
import { fakeBrowser, fakeStorage } from '../fake-extension';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreditDb } from '../../../lib/db';
import { createBackup, restoreBackup, type StorageArea } from '../../../lib/ledger';
import { STORAGE_KEYS } from '../../../lib/settings/keys';
import { storageLockName } from '../../../lib/settings/lock';
import { saveEditedSettings, saveProfile } from '../../../lib/settings/stored';
import { pinnedProfile as profile } from '../settings/fixtures';

/*
 * A save in another page (站点配置, 设置) racing with a restore's switch of storage.local: the save runs wholly
 * before the switch or wholly after it. The save is started at a restore step and the step waits until the save
 * either finished or stands waiting for a lock, so the interleaving is fixed, not left to timing.
 */

let dbCount = 0;
const dbName = () => `restore-locks-${Date.now()}-${++dbCount}`;

const BACKED_UP = 'https://zfba.example.gov.cn';
const MINE = 'http://10.1.2.3:8080';
const SAVED = 'http://10.9.9.9';
const settings = (unitName: string, recorderName: string) => ({ unitName, recorderName, province: '', lowerAmountFine: null });

/** navigator.locks shared by every page: one holder per name, in request order; `waiting` says who waits. */
function fakeLocks() {
  const held = new Map<string, Promise<unknown>>();
  let blocked: (name: string) => void = () => {};
  const locks = {
    request: (name: string, fn: () => Promise<unknown>) => {
      const before = held.get(name);
      if (before) blocked(name);
      const run = (before ?? Promise.resolve()).then(fn);
      held.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
  vi.stubGlobal('navigator', { locks });
  /** Settles once a request of `name` has to wait for the lock. */
  const waiting = (name: string) =>
    new Promise<void>((resolve) => {
      blocked = (n) => n === name && resolve();
    });
  return { waiting };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

async function backup(): Promise<Blob> {
  const source = new CreditDb(dbName());
  const file = await createBackup({
    db: source,
    storageLocal: {
      [STORAGE_KEYS.profiles]: { [BACKED_UP]: profile(BACKED_UP) },
      [STORAGE_KEYS.settings]: settings('备份单位', '备份记录人'),
    },
  });
  source.close();
  return file;
}

describe('a save racing with a restore’s switch of storage.local', () => {
  for (const at of ['storage-remove', 'storage-set']) {
    it(`started at ${at}: lands on the restored values, which it neither undoes nor is undone by`, async () => {
      const { waiting } = fakeLocks();
      const s = await fakeStorage({
        local: { [STORAGE_KEYS.profiles]: { [MINE]: profile(MINE) }, [STORAGE_KEYS.settings]: settings('本机单位', '本机记录人') },
      });
      const file = await backup();
      const target = new CreditDb(dbName());
      const saves: Promise<void>[] = [];
      const race = async (save: () => Promise<void>, key: string) => {
        const blocked = waiting(storageLockName(key));
        const p = save();
        saves.push(p);
        await Promise.race([p, blocked]);
      };
      await restoreBackup(target, file, {
        storage: fakeBrowser.storage.local as unknown as StorageArea,
        step: async (name) => {
          if (name !== at) return;
          await race(() => saveProfile(profile(SAVED)), STORAGE_KEYS.profiles);
          const started = settings('本机单位', '本机记录人');
          await race(() => saveEditedSettings({ started, edited: { ...started, recorderName: '新记录人' } }), STORAGE_KEYS.settings);
        },
      });
      await Promise.all(saves);
      // the backup's profiles and settings, with the saves applied over them; nothing of this machine's old values
      expect(Object.keys(s.store[STORAGE_KEYS.profiles] as object).sort()).toEqual([BACKED_UP, SAVED].sort());
      expect(s.store[STORAGE_KEYS.settings]).toEqual(settings('备份单位', '新记录人'));
      target.close();
    });
  }
});

describe('a save made while a restore stages its rows', () => {
  it('is kept when the restore then fails and rolls back', async () => {
    const s = await fakeStorage({
      local: { [STORAGE_KEYS.profiles]: { [MINE]: profile(MINE) }, [STORAGE_KEYS.settings]: settings('本机单位', '本机记录人') },
    });
    const file = await backup();
    const target = new CreditDb(dbName());
    const failed = await restoreBackup(target, file, {
      storage: fakeBrowser.storage.local as unknown as StorageArea,
      step: async (name) => {
        if (name === 'staged') await saveProfile(profile(SAVED));
        // storage.local is switched by now: the roll-back writes it back
        if (name === 'switch') throw new Error('disk full');
      },
    }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(Object.keys(s.store[STORAGE_KEYS.profiles] as object).sort()).toEqual([MINE, SAVED].sort());
    expect(s.store[STORAGE_KEYS.settings]).toEqual(settings('本机单位', '本机记录人'));
    target.close();
  });
});

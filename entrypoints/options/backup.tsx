import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { BackupPage, type BackupMessage, type BackupPageProps, type RestoreState } from '../../components/dashboard/BackupPage';
import { t } from '../../lib/i18n';
import {
  createBackup,
  eraseAll,
  inspectBackup,
  readBackupHeader,
  recoverInterruptedRestore,
  restoreBackup,
  type BackupContents,
  type RestoreEnv,
  type StorageArea,
} from '../../lib/ledger';
import { todayInChina } from '../../lib/text';
import { dashboardDb, download, errorText } from './shared';

/** The header is within the first 64 KiB of a backup (lib/ledger/backup.ts). */
const HEADER_SLICE = 64 * 1024;

/** A failed read or restore: the reason, and that nothing local changed (unless the reason says so already). */
function unchanged(e: unknown): BackupMessage {
  const text = errorText(e);
  return { kind: 'error', text: text.includes('本机数据未改变') ? text : `${text}${t('backup_unchanged')}` };
}

/**
 * What a restore or erase needs of the browser: storage.local with its quota, the IndexedDB space estimate, and
 * navigator.locks (so that the next start can tell a restore still running from one whose page died).
 */
export function restoreEnv(): RestoreEnv {
  const chromeLocal = (globalThis as { chrome?: { storage?: { local?: { QUOTA_BYTES?: number } } } }).chrome?.storage?.local;
  return {
    storage: browser.storage.local as unknown as StorageArea,
    ...(chromeLocal?.QUOTA_BYTES ? { storageQuota: chromeLocal.QUOTA_BYTES } : {}),
    ...(navigator.storage?.estimate ? { estimate: () => navigator.storage.estimate() } : {}),
    ...(navigator.locks ? { locks: navigator.locks } : {}),
  };
}

/** 备份与恢复: wires BackupPage to the database (lib/ledger backup functions) and browser.storage.local. */
export function BackupContainer() {
  const db = dashboardDb();
  const [busy, setBusy] = useState<BackupPageProps['busy']>(null);
  const [createMessage, setCreateMessage] = useState<BackupMessage>(null);
  const [restoreMessage, setRestoreMessage] = useState<BackupMessage>(null);
  const [eraseMessage, setEraseMessage] = useState<BackupMessage>(null);
  const [restore, setRestore] = useState<RestoreState>({ step: 'idle' });
  const file = useRef<File | null>(null);
  const contents = useRef<BackupContents | null>(null);
  const passphrase = useRef<string | undefined>(undefined);

  // A restore or erase whose page closed half-way is finished or undone before anything else here.
  useEffect(() => {
    recoverInterruptedRestore(db, restoreEnv()).then(
      (r) => {
        if (r === 'finished') setRestoreMessage({ kind: 'ok', text: t('backup_recoveredFinished') });
        if (r === 'rolled-back') setRestoreMessage({ kind: 'ok', text: t('backup_recoveredRolledBack') });
      },
      (e: unknown) => setRestoreMessage(unchanged(e)),
    );
  }, [db]);

  const clearMessages = () => {
    setCreateMessage(null);
    setRestoreMessage(null);
    setEraseMessage(null);
  };

  const onCreate = async (secret: string | null) => {
    clearMessages();
    setBusy('create');
    try {
      const storageLocal = await browser.storage.local.get(null);
      const blob = await createBackup({ db, storageLocal }, secret === null ? {} : { passphrase: secret });
      const name = `信用办案助手备份_${todayInChina()}.ccabak`;
      download(blob, name, 'application/octet-stream');
      setCreateMessage({ kind: 'ok', text: t('backup_created', [name, (blob.size / 1024).toFixed(1)]) });
    } catch (e) {
      setCreateMessage({ kind: 'error', text: errorText(e) });
    }
    setBusy(null);
  };

  const inspect = async (f: File, secret?: string) => {
    setBusy('inspect');
    setRestoreMessage(null);
    try {
      passphrase.current = secret;
      contents.current = await inspectBackup(f, secret, db);
      setRestore({ step: 'review', fileName: f.name, summary: contents.current.summary });
    } catch (e) {
      contents.current = null;
      setRestoreMessage(unchanged(e));
    }
    setBusy(null);
  };

  const onPickFile = async (f: File) => {
    clearMessages();
    file.current = f;
    contents.current = null;
    setRestore({ step: 'idle' });
    try {
      const header = readBackupHeader(new Uint8Array(await f.slice(0, HEADER_SLICE).arrayBuffer()));
      if (header.encryption) setRestore({ step: 'passphrase', fileName: f.name });
      else await inspect(f);
    } catch (e) {
      file.current = null;
      setRestoreMessage(unchanged(e));
    }
  };

  const onConfirmRestore = async () => {
    const c = contents.current;
    if (!c || !file.current) return;
    setBusy('restore');
    setRestoreMessage(null);
    try {
      const { summary } = await restoreBackup(db, file.current, { ...restoreEnv(), passphrase: passphrase.current, inspected: c });
      const cases = summary.tables.find((x) => x.name === 'cases')?.rows ?? 0;
      setRestoreMessage({
        kind: 'ok',
        text: t('backup_restored', [summary.createdAt.slice(0, 10), String(cases), String(summary.storageLocalKeys.length)]),
      });
      setRestore({ step: 'idle' });
      contents.current = null;
      file.current = null;
    } catch (e) {
      setRestoreMessage(unchanged(e));
    }
    setBusy(null);
  };

  const onErase = async () => {
    clearMessages();
    setBusy('erase');
    try {
      await eraseAll(db, restoreEnv());
      setEraseMessage({ kind: 'ok', text: t('backup_erased') });
    } catch (e) {
      setEraseMessage({ kind: 'error', text: errorText(e) });
    }
    setBusy(null);
  };

  return (
    <BackupPage
      t={t}
      busy={busy}
      onCreate={(p) => void onCreate(p)}
      createMessage={createMessage}
      restore={restore}
      onPickFile={(f) => void onPickFile(f)}
      onInspect={(p) => {
        if (file.current) void inspect(file.current, p);
      }}
      onConfirmRestore={() => void onConfirmRestore()}
      onCancelRestore={() => {
        file.current = null;
        contents.current = null;
        setRestore({ step: 'idle' });
        setRestoreMessage(null);
      }}
      restoreMessage={restoreMessage}
      onErase={() => void onErase()}
      eraseMessage={eraseMessage}
    />
  );
}

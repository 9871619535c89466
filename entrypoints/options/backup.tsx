import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { BackupPage, type BackupMessage, type BackupPageProps, type RestoreState } from '../../components/dashboard/BackupPage';
import { t } from '../../lib/i18n';
import {
  BACKUP_ERRORS_SAYING_UNCHANGED,
  BackupError,
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
import type { CreditDb } from '../../lib/db';
import { joinMessages, userMessage, wordMessage } from '../../lib/messages';
import { restorableSnapshot } from '../../lib/settings/snapshot';
import { todayInChina } from '../../lib/text';
import { dashboardDb, download, errorText } from './shared';

/** The header is within the first 64 KiB of a backup (lib/ledger/backup.ts). */
const HEADER_SLICE = 64 * 1024;

/** A failed read or restore: the reason, and that nothing local changed (unless the reason says so already). */
function unchanged(e: unknown): BackupMessage {
  const text = errorText(e);
  const saysSo = e instanceof BackupError && BACKUP_ERRORS_SAYING_UNCHANGED.includes(e.code);
  return { kind: 'error', text: saysSo ? text : `${text}${t('backup_unchanged')}` };
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

/**
 * Restoring a backup: pick a file, give its passphrase if it has one, review what it holds, confirm. A restore or
 * erase whose page closed half-way is finished or undone first. `setBusy` tells the page what is running.
 */
function useRestore(db: CreditDb, setBusy: (b: BackupPageProps['busy']) => void) {
  const [message, setMessage] = useState<BackupMessage>(null);
  const [restore, setRestore] = useState<RestoreState>({ step: 'idle' });
  const file = useRef<File | null>(null);
  const contents = useRef<BackupContents | null>(null);
  const passphrase = useRef<string | undefined>(undefined);

  useEffect(() => {
    recoverInterruptedRestore(db, restoreEnv()).then(
      (r) => {
        if (r === 'finished') setMessage({ kind: 'ok', text: t('backup_recoveredFinished') });
        if (r === 'rolled-back') setMessage({ kind: 'ok', text: t('backup_recoveredRolledBack') });
      },
      (e: unknown) => setMessage(unchanged(e)),
    );
  }, [db]);

  const inspect = async (f: File, secret?: string) => {
    setBusy('inspect');
    setMessage(null);
    try {
      passphrase.current = secret;
      contents.current = await inspectBackup(f, secret, db);
      setRestore({ step: 'review', fileName: f.name, summary: contents.current.summary });
    } catch (e) {
      contents.current = null;
      setMessage(unchanged(e));
    }
    setBusy(null);
  };

  const pick = async (f: File) => {
    file.current = f;
    contents.current = null;
    setRestore({ step: 'idle' });
    try {
      const header = readBackupHeader(new Uint8Array(await f.slice(0, HEADER_SLICE).arrayBuffer()));
      if (header.encryption) setRestore({ step: 'passphrase', fileName: f.name });
      else await inspect(f);
    } catch (e) {
      file.current = null;
      setMessage(unchanged(e));
    }
  };

  const confirm = async () => {
    const c = contents.current;
    if (!c || !file.current) return;
    setBusy('restore');
    setMessage(null);
    try {
      const { summary } = await restoreBackup(db, file.current, { ...restoreEnv(), passphrase: passphrase.current, inspected: c });
      const cases = summary.tables.find((x) => x.name === 'cases')?.rows ?? 0;
      const restored = t('backup_restored', [summary.createdAt.slice(0, 10), String(cases), String(summary.storageLocalKeys.length)]);
      const left =
        summary.leftOut.length > 0
          ? wordMessage(userMessage('backup_restoreLeftOut', joinMessages('common_joinClauses', summary.leftOut)), t)
          : '';
      setMessage({ kind: 'ok', text: left ? `${restored} ${left}` : restored });
      setRestore({ step: 'idle' });
      contents.current = null;
      file.current = null;
    } catch (e) {
      setMessage(unchanged(e));
    }
    setBusy(null);
  };

  const cancel = () => {
    file.current = null;
    contents.current = null;
    setRestore({ step: 'idle' });
    setMessage(null);
  };
  const inspectPicked = (secret: string) => {
    if (file.current) void inspect(file.current, secret);
  };

  return { message, setMessage, restore, pick, inspectPicked, confirm, cancel };
}

/** 备份与恢复: wires BackupPage to the database (lib/ledger backup functions) and browser.storage.local. */
export function BackupContainer() {
  const db = dashboardDb();
  const [busy, setBusy] = useState<BackupPageProps['busy']>(null);
  const [createMessage, setCreateMessage] = useState<BackupMessage>(null);
  const [eraseMessage, setEraseMessage] = useState<BackupMessage>(null);
  const restore = useRestore(db, setBusy);

  const clearMessages = () => {
    setCreateMessage(null);
    restore.setMessage(null);
    setEraseMessage(null);
  };

  const onCreate = async (secret: string | null) => {
    clearMessages();
    setBusy('create');
    try {
      // what a restore would refuse is left out, so that the ledger's backup can always be restored
      const { snapshot, leftOut } = restorableSnapshot(await browser.storage.local.get(null));
      const blob = await createBackup({ db, storageLocal: snapshot }, secret === null ? {} : { passphrase: secret });
      const name = `${t('backup_fileName', [todayInChina()])}.ccabak`;
      download(blob, name, 'application/octet-stream');
      const created = t('backup_created', [name, (blob.size / 1024).toFixed(1)]);
      const left = leftOut.length > 0 ? wordMessage(userMessage('backup_leftOut', joinMessages('common_joinClauses', leftOut)), t) : '';
      setCreateMessage({ kind: 'ok', text: left ? `${created} ${left}` : created });
    } catch (e) {
      setCreateMessage({ kind: 'error', text: errorText(e) });
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
      restore={restore.restore}
      onPickFile={(f) => {
        clearMessages();
        void restore.pick(f);
      }}
      onInspect={restore.inspectPicked}
      onConfirmRestore={() => void restore.confirm()}
      onCancelRestore={restore.cancel}
      restoreMessage={restore.message}
      onErase={() => void onErase()}
      eraseMessage={eraseMessage}
    />
  );
}

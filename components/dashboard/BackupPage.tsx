import { useId, useState } from 'react';
import type { Translate } from '../Overlay';
import { joinMessages, joinWords, messageFor, userMessage, wordMessage, type MessageKey } from '../../lib/messages';
import type { BackupSummary } from '../../lib/ledger/backup';
import { FileChooser } from './FileChooser';

const TABLE_NAMES = {
  lists: 'backup_table_lists',
  entityChunks: 'backup_table_entityChunks',
  cases: 'backup_table_cases',
  histories: 'backup_table_histories',
  meta: 'backup_table_meta',
} as const satisfies Record<string, MessageKey>;

export type BackupMessage = { kind: 'ok' | 'error'; text: string } | null;

/** Where a restore stands: a file picked, perhaps a passphrase asked, then its summary to confirm. */
export type RestoreState =
  { step: 'idle' } | { step: 'passphrase'; fileName: string } | { step: 'review'; fileName: string; summary: BackupSummary };

export interface BackupPageProps {
  t: Translate;
  /** the long operation running, if any */
  busy: 'create' | 'inspect' | 'restore' | 'erase' | null;
  onCreate(passphrase: string | null): void;
  createMessage: BackupMessage;
  restore: RestoreState;
  onPickFile(file: File): void;
  onInspect(passphrase: string): void;
  onConfirmRestore(): void;
  onCancelRestore(): void;
  restoreMessage: BackupMessage;
  onErase(): void;
  eraseMessage: BackupMessage;
}

function Message({ m, testid }: { m: BackupMessage; testid: string }) {
  if (!m) return null;
  return (
    <p className={m.kind} role={m.kind === 'error' ? 'alert' : 'status'} data-testid={testid}>
      {m.text}
    </p>
  );
}

function CreateCard({
  t,
  busy,
  disabled,
  onCreate,
  message,
}: {
  t: Translate;
  busy: boolean;
  disabled: boolean;
  onCreate(p: string | null): void;
  message: BackupMessage;
}) {
  const id = useId();
  const [encrypt, setEncrypt] = useState(true);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const mismatch = encrypt && again !== '' && pass !== again;
  const ready = !encrypt || (pass.trim() !== '' && pass === again);
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('backup_createHeading')}</h3>
      <p className="muted">{t('backup_createHint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !disabled) onCreate(encrypt ? pass : null);
        }}
      >
        <label>
          <input type="checkbox" data-testid="backup-encrypt" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />{' '}
          {t('backup_encrypt')}
        </label>
        {encrypt && (
          <>
            <label className="field">
              {t('backup_passphrase')}
              <input
                type="password"
                autoComplete="new-password"
                data-testid="backup-pass"
                value={pass}
                onChange={(e) => setPass(e.target.value)}
              />
            </label>
            <label className="field">
              {t('backup_passphraseAgain')}
              <input
                type="password"
                autoComplete="new-password"
                data-testid="backup-pass-again"
                value={again}
                aria-invalid={mismatch}
                aria-describedby={mismatch ? `${id}-mm` : undefined}
                onChange={(e) => setAgain(e.target.value)}
              />
            </label>
            {mismatch && (
              <p id={`${id}-mm`} className="error">
                {t('backup_mismatch')}
              </p>
            )}
            <p className="hint">{t('backup_passphraseWarning')}</p>
          </>
        )}
        <div className="row">
          <button type="submit" className="primary" data-testid="backup-create" disabled={!ready || disabled}>
            {t('backup_create')}
          </button>
        </div>
      </form>
      {busy && (
        <p role="status">
          <progress aria-label={t('backup_creating')} /> {t('backup_creating')}
        </p>
      )}
      <Message m={message} testid="backup-create-message" />
    </section>
  );
}

function tableName(t: Translate, name: string): string {
  const key = messageFor(TABLE_NAMES, name);
  return key ? t(key) : name;
}

/** A decrypted backup's summary beside what is stored now, before it replaces everything. */
function RestoreReview(
  p: Pick<BackupPageProps, 't' | 'onConfirmRestore' | 'onCancelRestore'> & {
    restore: Extract<RestoreState, { step: 'review' }>;
    disabled: boolean;
  },
) {
  const { t, restore } = p;
  return (
    <div data-testid="restore-review">
      <p>{t('backup_reviewIntro', [restore.fileName, restore.summary.createdAt.slice(0, 10)])}</p>
      <table className="grid">
        <caption>{t('backup_reviewCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('backup_colTable')}</th>
            <th scope="col">{t('backup_colCurrent')}</th>
            <th scope="col">{t('backup_colBackup')}</th>
          </tr>
        </thead>
        <tbody>
          {restore.summary.tables.map((r) => (
            <tr key={r.name} data-table={r.name}>
              <th scope="row">{tableName(t, r.name)}</th>
              <td data-col="current">{r.current ?? '—'}</td>
              <td data-col="backup">{r.rows}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="restore-storage-keys">
        {t('backup_storageKeys', [
          String(restore.summary.storageLocalKeys.length),
          joinWords(t, 'common_joinList', restore.summary.storageLocalKeys) || t('common_none'),
        ])}
      </p>
      {restore.summary.leftOut.length > 0 && (
        <p data-testid="restore-left-out">
          {wordMessage(userMessage('backup_restoreLeftOut', joinMessages('common_joinClauses', restore.summary.leftOut)), t)}
        </p>
      )}
      <p className="error">{t('backup_replaceWarning')}</p>
      <div className="row">
        <button type="button" className="danger" data-testid="restore-confirm" disabled={p.disabled} onClick={p.onConfirmRestore}>
          {t('backup_confirmRestore')}
        </button>
        <button type="button" onClick={p.onCancelRestore} disabled={p.disabled}>
          {t('common_cancel')}
        </button>
      </div>
    </div>
  );
}

function RestoreCard(
  p: Pick<BackupPageProps, 't' | 'restore' | 'onPickFile' | 'onInspect' | 'onConfirmRestore' | 'onCancelRestore'> & {
    busy: 'inspect' | 'restore' | null;
    disabled: boolean;
    message: BackupMessage;
  },
) {
  const { t, restore } = p;
  const id = useId();
  const [pass, setPass] = useState('');
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('backup_restoreHeading')}</h3>
      <p className="muted">{t('backup_restoreHint')}</p>
      <FileChooser
        t={t}
        label={t('backup_pickFile')}
        testId="restore-file"
        accept=".ccabak,application/octet-stream"
        disabled={p.disabled}
        onFiles={([f]) => {
          setPass('');
          if (f) p.onPickFile(f);
        }}
      />
      {restore.step === 'passphrase' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (pass !== '' && !p.disabled) p.onInspect(pass);
          }}
        >
          <p>{t('backup_encryptedFile', [restore.fileName])}</p>
          <label className="field">
            {t('backup_passphrase')}
            <input type="password" autoComplete="off" data-testid="restore-pass" value={pass} onChange={(e) => setPass(e.target.value)} />
          </label>
          <div className="row">
            <button type="submit" className="primary" data-testid="restore-inspect" disabled={pass === '' || p.disabled}>
              {t('backup_inspect')}
            </button>
            <button type="button" onClick={p.onCancelRestore} disabled={p.disabled}>
              {t('common_cancel')}
            </button>
          </div>
        </form>
      )}
      {restore.step === 'review' && (
        <RestoreReview
          t={t}
          restore={restore}
          disabled={p.disabled}
          onConfirmRestore={p.onConfirmRestore}
          onCancelRestore={p.onCancelRestore}
        />
      )}
      {p.busy && (
        <p role="status">
          <progress aria-label={t(p.busy === 'inspect' ? 'backup_inspecting' : 'backup_restoring')} />{' '}
          {t(p.busy === 'inspect' ? 'backup_inspecting' : 'backup_restoring')}
        </p>
      )}
      <Message m={p.message} testid="restore-message" />
    </section>
  );
}

function EraseCard({
  t,
  busy,
  disabled,
  onErase,
  message,
}: {
  t: Translate;
  busy: boolean;
  disabled: boolean;
  onErase(): void;
  message: BackupMessage;
}) {
  const id = useId();
  const [typed, setTyped] = useState('');
  // the word to type before 清除本机数据 is enabled, in the interface's language
  const word = t('backup_eraseWord');
  const ok = typed.trim() === word;
  return (
    <section className="card danger-zone" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('backup_eraseHeading')}</h3>
      <p>{t('backup_eraseHint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ok && !disabled) {
            onErase();
            setTyped('');
          }
        }}
      >
        <label className="field">
          {t('backup_eraseConfirm', [word])}
          <input data-testid="erase-confirm" value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
        </label>
        <button type="submit" className="danger" data-testid="erase" disabled={!ok || disabled}>
          {t('backup_erase')}
        </button>
      </form>
      {busy && (
        <p role="status">
          <progress aria-label={t('backup_erasing')} /> {t('backup_erasing')}
        </p>
      )}
      <Message m={message} testid="erase-message" />
    </section>
  );
}

/** 备份与恢复: create a (possibly encrypted) backup, restore one after review, erase everything local. */
export function BackupPage(p: BackupPageProps) {
  const { t } = p;
  const running = p.busy !== null;
  return (
    <section>
      <h2>{t('dash_nav_backup')}</h2>
      <CreateCard t={t} busy={p.busy === 'create'} disabled={running} onCreate={p.onCreate} message={p.createMessage} />
      <RestoreCard
        t={t}
        restore={p.restore}
        busy={p.busy === 'inspect' || p.busy === 'restore' ? p.busy : null}
        disabled={running}
        onPickFile={p.onPickFile}
        onInspect={p.onInspect}
        onConfirmRestore={p.onConfirmRestore}
        onCancelRestore={p.onCancelRestore}
        message={p.restoreMessage}
      />
      <EraseCard t={t} busy={p.busy === 'erase'} disabled={running} onErase={p.onErase} message={p.eraseMessage} />
    </section>
  );
}

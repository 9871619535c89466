import { useEffect, useRef, useState } from 'react';
import type { Translate } from '../Overlay';
import type { SiteProfile } from '../../lib/form/profile';
import { FileChooser } from './FileChooser';
import { ManagedBadge } from '../ManagedBadge';

export interface ProfilesPageProps {
  t: Translate;
  profiles: SiteProfile[];
  keys: Array<{ key: string; label: string }>;
  message: { kind: 'ok' | 'error'; text: string } | null;
  /** origins whose profile the administrator's policy sets: shown read-only */
  managed?: readonly string[];
  onSave(p: SiteProfile): void;
  onDelete(origin: string): void;
  onExport(p: SiteProfile): void;
  onImport(file: File): void;
  /** an imported profile waiting for the user's word because its system already has one */
  replacing?: { origin: string } | null;
  onReplaceConfirm?(): void;
  onReplaceCancel?(): void;
}

/**
 * Site profiles: per system, fields pinned to a logical key by selector where the label heuristics fail.
 * Pins are usually made with the overlay's picker; here they can be read, corrected, shared and removed.
 */
export function ProfilesPage(props: ProfilesPageProps) {
  const { t, profiles, keys, message, managed = [], onSave, onExport, onImport } = props;
  const { heading, onDelete } = useFocusAfterDelete(profiles, props.onDelete);
  return (
    <section>
      <h2 ref={heading} tabIndex={-1}>
        {t('dash_nav_profiles')}
      </h2>
      <p className="muted">{t('profiles_intro')}</p>
      <div className="row">
        <FileChooser
          t={t}
          label={t('profiles_import')}
          testId="profile-import"
          accept=".json,application/json"
          onFiles={([f]) => f && onImport(f)}
        />
      </div>
      {props.replacing ? <ReplaceQuestion {...props} origin={props.replacing.origin} /> : null}
      {message ? (
        <p className={message.kind} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="profiles-message">
          {message.text}
        </p>
      ) : null}
      {profiles.length === 0 ? <p>{t('profiles_empty')}</p> : null}
      {profiles.map((p) => (
        <ProfileCard
          key={`${managed.includes(p.origin) ? 'managed' : 'user'}:${p.origin}`}
          t={t}
          profile={p}
          keys={keys}
          managed={managed.includes(p.origin)}
          onSave={onSave}
          onDelete={onDelete}
          onExport={onExport}
        />
      ))}
    </section>
  );
}

/** A deleted profile's card goes with the focus in it: the focus goes to the page's heading instead of its body. */
function useFocusAfterDelete(profiles: readonly SiteProfile[], onDelete: (origin: string) => void) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  useEffect(() => {
    if (deleting === null || profiles.some((p) => p.origin === deleting)) return;
    heading.current?.focus();
    setDeleting(null);
  }, [deleting, profiles]);
  return {
    heading,
    onDelete: (origin: string) => {
      setDeleting(origin);
      onDelete(origin);
    },
  };
}

/** An import would replace a system's profile: asked inline, as removing a list is. */
function ReplaceQuestion({ t, origin, onReplaceConfirm, onReplaceCancel }: ProfilesPageProps & { origin: string }) {
  const question = t('profiles_import_replace', [origin]);
  return (
    <p className="row" role="alertdialog" aria-label={question} data-testid="profile-import-replace">
      <span>{question}</span>
      <button type="button" className="danger" data-testid="profile-import-replace-confirm" onClick={onReplaceConfirm}>
        {t('profiles_import_replaceYes')}
      </button>
      <button type="button" data-testid="profile-import-replace-cancel" onClick={onReplaceCancel}>
        {t('common_cancel')}
      </button>
    </p>
  );
}

type Pins = SiteProfile['pins'];

/** the profile's pinned selectors, one row each: which fact, where on the page */
function PinsTable({
  t,
  keys,
  pins,
  setPins,
}: {
  t: Translate;
  keys: Array<{ key: string; label: string }>;
  pins: Pins;
  setPins(pins: Pins): void;
}) {
  const label = (k: string) => keys.find((x) => x.key === k)?.label ?? k;
  return (
    <table className="grid">
      <caption className="muted">{t('profiles_pins')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('profiles_key')}</th>
          <th scope="col">{t('profiles_selector')}</th>
          <th scope="col">
            <span className="sr-only">{t('common_delete')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {pins.map((pin, i) => (
          <tr key={i}>
            <td>
              <select
                aria-label={t('profiles_key')}
                value={pin.key}
                onChange={(e) => setPins(pins.map((p, j) => (j === i ? { ...p, key: e.target.value } : p)))}
              >
                {keys.map((k) => (
                  <option key={k.key} value={k.key}>
                    {k.label}
                  </option>
                ))}
              </select>
            </td>
            <td>
              <input
                aria-label={t('common_labelled', [t('profiles_selector'), label(pin.key)])}
                value={pin.selector}
                size={48}
                onChange={(e) => setPins(pins.map((p, j) => (j === i ? { ...p, selector: e.target.value } : p)))}
              />
            </td>
            <td>
              <button type="button" className="danger" onClick={() => setPins(pins.filter((_, j) => j !== i))}>
                {t('common_delete')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A profile being edited, against the profile as it was when editing started: a pin saved from the page meanwhile
 * is taken in when nothing is edited, and otherwise must not be overwritten (`changedElsewhere`).
 */
function useProfileDraft(profile: SiteProfile) {
  const [base, setBase] = useState(profile);
  const [pins, setPins] = useState(profile.pins);
  const [name, setName] = useState(profile.name);
  const dirty = name !== base.name || JSON.stringify(pins) !== JSON.stringify(base.pins);
  const changedElsewhere = profile.updatedAt !== base.updatedAt;
  const loadLatest = () => {
    setBase(profile);
    setPins(profile.pins);
    setName(profile.name);
  };
  useEffect(() => {
    if (changedElsewhere && !dirty) loadLatest();
  });
  return { base, pins, setPins, name, setName, dirty, changedElsewhere, loadLatest };
}

function ProfileCard({
  t,
  profile,
  keys,
  managed,
  onSave,
  onDelete,
  onExport,
}: {
  t: Translate;
  profile: SiteProfile;
  keys: Array<{ key: string; label: string }>;
  managed: boolean;
  onSave(p: SiteProfile): void;
  onDelete(origin: string): void;
  onExport(p: SiteProfile): void;
}) {
  const { base, pins, setPins, name, setName, dirty, changedElsewhere, loadLatest } = useProfileDraft(profile);
  return (
    <div className="card" data-testid="profile" data-origin={profile.origin} data-managed={managed ? 'true' : undefined}>
      <h3>
        {profile.origin}
        {managed ? (
          <>
            {' '}
            <ManagedBadge t={t} />
          </>
        ) : null}
      </h3>
      <fieldset className="plain" disabled={managed}>
        <label className="field">
          {t('profiles_name')}
          <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        <PinsTable t={t} keys={keys} pins={pins} setPins={setPins} />
      </fieldset>
      {changedElsewhere && dirty ? (
        <p className="error" role="alert" data-testid="profile-changed-elsewhere">
          {t('profiles_changedElsewhere')}{' '}
          <button type="button" data-testid="profile-load-latest" onClick={loadLatest}>
            {t('profiles_loadLatest')}
          </button>
        </p>
      ) : null}
      <div className="row">
        {managed ? null : (
          <>
            <button type="button" onClick={() => setPins([...pins, { key: keys[0]?.key ?? 'partyName', selector: '' }])}>
              {t('profiles_addPin')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={!dirty || changedElsewhere}
              onClick={() => onSave({ ...base, name, pins, updatedAt: new Date().toISOString() })}
            >
              {t('common_save')}
            </button>
          </>
        )}
        <button type="button" data-testid="profile-export" onClick={() => onExport(profile)}>
          {t('common_export')}
        </button>
        {managed ? null : <DeleteAction t={t} origin={profile.origin} onDelete={onDelete} />}
      </div>
      <p className="muted">{t('profiles_updated', [profile.updatedAt.slice(0, 19).replace('T', ' ')])}</p>
    </div>
  );
}

/**
 * 删除配置, asked once more inline as removing a list or a pack is. The question takes the focus on 取消 (the safe
 * answer); an answer gives it back to 删除配置 while the card stays.
 */
function DeleteAction({ t, origin, onDelete }: { t: Translate; origin: string; onDelete(origin: string): void }) {
  const [confirming, setConfirming] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const answered = useRef(false);
  useEffect(() => {
    if (confirming) cancel.current?.focus();
    else if (answered.current) ask.current?.focus();
  }, [confirming]);
  if (!confirming)
    return (
      <button type="button" className="danger" data-testid="profile-delete" ref={ask} onClick={() => setConfirming(true)}>
        {t('profiles_delete')}
      </button>
    );
  const question = t('profiles_confirmDelete', [origin]);
  return (
    <span className="row" role="alertdialog" aria-label={question} data-testid="profile-delete-question">
      <span>{question}</span>
      <button
        type="button"
        className="danger"
        data-testid="profile-delete-confirm"
        onClick={() => {
          answered.current = true;
          setConfirming(false);
          onDelete(origin);
        }}
      >
        {t('profiles_delete_yes')}
      </button>
      <button
        type="button"
        data-testid="profile-delete-cancel"
        ref={cancel}
        onClick={() => {
          answered.current = true;
          setConfirming(false);
        }}
      >
        {t('common_cancel')}
      </button>
    </span>
  );
}

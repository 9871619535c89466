import { useEffect, useState } from 'react';
import type { Translate } from '../Overlay';
import { LOWER_AMOUNT_PRESETS, type Settings } from '../../lib/settings';
import { settingsAfterEdit, type LockedSetting, type SettingsEdit } from '../../lib/settings/managed';
import { ManagedBadge } from '../ManagedBadge';

export interface SettingsPageProps {
  t: Translate;
  settings: Settings;
  /** fields the administrator's policy sets: shown, not editable */
  locked?: readonly LockedSetting[];
  /** parts of the policy that were ignored */
  policyErrors?: readonly string[];
  /** the stored fields that were damaged and show their defaults, by name */
  damaged?: readonly string[];
  /** the draft with the values it started from, so that only what the user changed is saved */
  onSave(edit: SettingsEdit): Promise<void>;
}

function DamagedFields({ t, damaged }: { t: Translate; damaged: readonly string[] }) {
  return (
    <div className="card error" role="alert" data-testid="settings-damaged">
      <p>{t('settings_storedDamaged')}</p>
      <ul>
        {damaged.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
    </div>
  );
}

function PolicyErrors({ t, errors }: { t: Translate; errors: readonly string[] }) {
  return (
    <div className="card" data-testid="policy-errors">
      <p>{t('managed_policyErrors')}</p>
      <ul>
        {errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </div>
  );
}

interface LowerAmountFieldsetProps {
  t: Translate;
  draft: Settings;
  /** the administrator's policy sets the fine */
  locked: boolean;
  set(patch: Partial<Settings>): void;
}

/** 较低数额罚款: the province preset, or custom thresholds */
function LowerAmountFieldset({ t, draft, locked, set }: LowerAmountFieldsetProps) {
  const lower = draft.lowerAmountFine;
  return (
    <fieldset className="card">
      <legend>
        {t('settings_lowerAmount')} {locked ? <ManagedBadge t={t} /> : null}
      </legend>
      <p className="muted">{t('settings_lowerAmountHint')}</p>
      <label className="field">
        {t('settings_province')}
        <select
          data-testid="province"
          value={draft.province}
          disabled={locked}
          onChange={(e) => {
            const preset = LOWER_AMOUNT_PRESETS[e.target.value];
            set({
              province: e.target.value,
              lowerAmountFine:
                preset ?? (e.target.value === 'custom' ? (lower ?? { individual: 5000, organisation: 50000, inclusive: true }) : null),
            });
          }}
        >
          <option value="">{t('settings_provinceUnset')}</option>
          <option value="shanghai">{t('settings_province_shanghai')}</option>
          <option value="guizhou">{t('settings_province_guizhou')}</option>
          <option value="fujian">{t('settings_province_fujian')}</option>
          <option value="custom">{t('settings_province_custom')}</option>
        </select>
      </label>
      {lower ? (
        <div className="row">
          <label className="field">
            {t('settings_individual')}
            <input
              type="number"
              min={0}
              value={lower.individual}
              disabled={locked || draft.province !== 'custom'}
              onChange={(e) => set({ lowerAmountFine: { ...lower, individual: Number(e.target.value) || 0 } })}
            />
          </label>
          <label className="field">
            {t('settings_organisation')}
            <input
              type="number"
              min={0}
              value={lower.organisation}
              disabled={locked || draft.province !== 'custom'}
              onChange={(e) => set({ lowerAmountFine: { ...lower, organisation: Number(e.target.value) || 0 } })}
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={lower.inclusive}
              disabled={locked || draft.province !== 'custom'}
              onChange={(e) => set({ lowerAmountFine: { ...lower, inclusive: e.target.checked } })}
            />{' '}
            {t('settings_inclusive')}
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}

export function SettingsPage({ t, settings, locked = [], policyErrors = [], damaged = [], onSave }: SettingsPageProps) {
  const unitLocked = locked.includes('unitName');
  const fineLocked = locked.includes('lowerAmountFine');
  const [form, setForm] = useState<SettingsEdit>({ started: settings, edited: settings });
  const draft = form.edited;
  const [saved, setSaved] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  // settings saved elsewhere (another tab, a restore) show at once; what the user is typing here stays
  useEffect(
    () => setForm((f) => (f.started === settings ? f : { started: settings, edited: settingsAfterEdit(f, settings, locked) })),
    [settings, locked],
  );
  const set = (patch: Partial<Settings>) => {
    setSaved(false);
    setForm({ ...form, edited: { ...draft, ...patch } });
  };
  return (
    <section>
      <h2>{t('dash_nav_settings')}</h2>
      {damaged.length > 0 ? <DamagedFields t={t} damaged={damaged} /> : null}
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          setFailed(null);
          void onSave(form).then(
            () => setSaved(true),
            (err: unknown) => setFailed(err instanceof Error ? err.message : String(err)),
          );
        }}
      >
        <label className="field">
          <span>
            {t('settings_unit')} {unitLocked ? <ManagedBadge t={t} /> : null}
          </span>
          <input
            data-testid="unit-name"
            value={draft.unitName}
            maxLength={100}
            disabled={unitLocked}
            onChange={(e) => set({ unitName: e.target.value })}
          />
        </label>
        <label className="field">
          {t('settings_recorder')}
          <input
            data-testid="recorder-name"
            value={draft.recorderName}
            maxLength={50}
            onChange={(e) => set({ recorderName: e.target.value })}
          />
        </label>
        <LowerAmountFieldset t={t} draft={draft} locked={fineLocked} set={set} />
        <div className="row">
          <button type="submit" className="primary" data-testid="save-settings">
            {t('common_save')}
          </button>
          {saved ? (
            <span className="ok" role="status">
              {t('common_saved')}
            </span>
          ) : null}
          {failed !== null ? (
            <span className="error" role="alert" data-testid="settings-save-failed">
              {t('settings_saveFailed', [failed])}
            </span>
          ) : null}
        </div>
      </form>
      {policyErrors.length > 0 ? <PolicyErrors t={t} errors={policyErrors} /> : null}
    </section>
  );
}

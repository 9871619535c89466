import { useState } from 'react';
import type { Domain } from '../lib/facts/domain';
import { whenTrusted, type Translate } from './Overlay';

export interface RecordDraft {
  decisionNo: string;
  caseNo: string;
  partyName: string;
  uscc: string;
  domain: Domain;
  listingDecision: 'yes' | 'no' | '';
  listingDate: string;
  exposed: boolean;
  exposureDate: string;
  repeatPublicised: boolean;
  repeatPublicityDate: string;
}

export interface RecordFormProps {
  t: Translate;
  draft: RecordDraft;
  domains: Array<{ value: Domain; label: string }>;
  /** e.g. 应当列入 · order44-2021 v1.0.0 · order44-2021/art2/2, …/art5/1 */
  verdictLine: string;
  /** whether 填报单位 and 记录人 are set in the dashboard (their values never reach the page's frame) */
  recording: { unitSet: boolean; recorderSet: boolean };
  busy: boolean;
  error: string | null;
  onSubmit(d: RecordDraft): void;
  onCancel(): void;
  /** opens 设置 in the dashboard */
  onOpenSettings(): void;
}

/**
 * 记录本案: what goes into the local ledger, pre-filled from the form, editable before it is saved. The unit and
 * the recorder are set in the dashboard, never typed here where the page's key listeners would see them: when
 * they are missing the form says so first and links to 设置. Saving takes a real click.
 */
export function RecordForm({ t, draft, domains, verdictLine, recording, busy, error, onSubmit, onCancel, onOpenSettings }: RecordFormProps) {
  const [d, setD] = useState(draft);
  const set = (patch: Partial<RecordDraft>) => setD({ ...d, ...patch });
  const missing = [...(recording.unitSet ? [] : [t('record_unit')]), ...(recording.recorderSet ? [] : [t('record_recorder')])];
  return (
    <form
      className="cca-record-form"
      data-testid="record-form"
      onSubmit={(e) => e.preventDefault()}
    >
      {missing.length > 0 ? (
        <div className="cca-setup" data-testid="record-setup" role="alert">
          <span>{t(recording.unitSet ? 'record_setupRecorder' : 'record_setupUnit', [missing.join('、')])}</span>
          <button type="button" className="cca-secondary" data-testid="record-settings" onClick={whenTrusted(onOpenSettings)}>
            {t('record_openSettings')}
          </button>
        </div>
      ) : null}
      <p className="cca-small">{verdictLine}</p>
      <label>
        {t('key_decisionNo')}
        <input value={d.decisionNo} onChange={(e) => set({ decisionNo: e.target.value })} />
      </label>
      <label>
        {t('key_caseNo')}
        <input value={d.caseNo} onChange={(e) => set({ caseNo: e.target.value })} />
      </label>
      <label>
        {t('key_partyName')}
        <input value={d.partyName} onChange={(e) => set({ partyName: e.target.value })} />
      </label>
      <label>
        {t('key_uscc')}
        <input value={d.uscc} onChange={(e) => set({ uscc: e.target.value })} />
      </label>
      <label>
        {t('key_domain')}
        <select data-testid="record-domain" value={d.domain} onChange={(e) => set({ domain: e.target.value as Domain })}>
          {domains.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('key_listingDecision')}
        <select
          data-testid="record-listing"
          value={d.listingDecision}
          onChange={(e) => set({ listingDecision: e.target.value as RecordDraft['listingDecision'] })}
        >
          <option value="">{t('record_unknown')}</option>
          <option value="yes">{t('record_yes')}</option>
          <option value="no">{t('record_no')}</option>
        </select>
      </label>
      {d.listingDecision === 'yes' ? (
        <label>
          {t('record_listingDate')}
          <input type="date" data-testid="record-listing-date" value={d.listingDate} onChange={(e) => set({ listingDate: e.target.value })} />
        </label>
      ) : null}
      <label className="cca-check">
        <input type="checkbox" data-testid="record-exposed" checked={d.exposed} onChange={(e) => set({ exposed: e.target.checked })} />
        {t('record_exposed')}
      </label>
      {d.exposed ? (
        <label>
          {t('record_exposureDate')}
          <input type="date" data-testid="record-exposure-date" value={d.exposureDate} onChange={(e) => set({ exposureDate: e.target.value })} />
        </label>
      ) : null}
      <label className="cca-check">
        <input type="checkbox" checked={d.repeatPublicised} onChange={(e) => set({ repeatPublicised: e.target.checked })} />
        {t('record_repeat')}
      </label>
      {d.repeatPublicised ? (
        <label>
          {t('record_repeatDate')}
          <input type="date" value={d.repeatPublicityDate} onChange={(e) => set({ repeatPublicityDate: e.target.value })} />
        </label>
      ) : null}
      {missing.length === 0 ? <p className="cca-small">{t('record_fromSettings')}</p> : null}
      {error ? (
        <p className="cca-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="cca-record">
        <button
          type="submit"
          className="cca-primary"
          data-testid="record-submit"
          disabled={busy || !recording.unitSet}
          onClick={whenTrusted(() => onSubmit(d))}
        >
          {t('record_save')}
        </button>
        <button type="button" className="cca-secondary" onClick={onCancel}>
          {t('common_cancel')}
        </button>
      </div>
    </form>
  );
}

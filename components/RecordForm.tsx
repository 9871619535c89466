import { useState } from 'react';
import type { Translate } from './Overlay';

export interface RecordDraft {
  decisionNo: string;
  caseNo: string;
  partyName: string;
  uscc: string;
  domain: string;
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
  domains: Array<{ value: string; label: string }>;
  /** e.g. 应当列入 · order44-2021 v1.0.0 · order44-2021/art2/2, …/art5/1 */
  verdictLine: string;
  unitLine: string;
  busy: boolean;
  error: string | null;
  onSubmit(d: RecordDraft): void;
  onCancel(): void;
}

/** 记录本案: what goes into the local ledger, pre-filled from the form, editable before it is saved. */
export function RecordForm({ t, draft, domains, verdictLine, unitLine, busy, error, onSubmit, onCancel }: RecordFormProps) {
  const [d, setD] = useState(draft);
  const set = (patch: Partial<RecordDraft>) => setD({ ...d, ...patch });
  return (
    <form
      className="cca-record-form"
      data-testid="record-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(d);
      }}
    >
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
        <select data-testid="record-domain" value={d.domain} onChange={(e) => set({ domain: e.target.value })}>
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
      <p className="cca-small">{unitLine}</p>
      {error ? (
        <p className="cca-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="cca-record">
        <button type="submit" className="cca-primary" data-testid="record-submit" disabled={busy}>
          {t('record_save')}
        </button>
        <button type="button" className="cca-secondary" onClick={onCancel}>
          {t('common_cancel')}
        </button>
      </div>
    </form>
  );
}

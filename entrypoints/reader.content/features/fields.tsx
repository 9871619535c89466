import type { Translate } from '../../../components/Overlay';
import type { FieldMap } from '../../../lib/facts/fields';
import { LOGICAL_KEYS } from '../../../lib/facts/keys';
import { maskIdNumber } from '../../../lib/party/idNumber';
import type { FeatureFactory } from '../feature';

/** Every recognised field with the value read (ARCHITECTURE.md `field`); identity numbers of persons masked. */
export const fieldsFeature: FeatureFactory = ({ t }) => ({
  id: 'fields',
  panel: { fields: (r) => <FieldList key="fields" t={t} fields={overlayFields(r.fields, t)} /> },
});

export interface OverlayField {
  key: string;
  label: string;
  /** as read (identity numbers of natural persons already masked) */
  value: string;
}

/** One row per recognised key, in the contract's key order. */
export function overlayFields(fields: FieldMap, t: Translate): OverlayField[] {
  const out: OverlayField[] = [];
  for (const key of LOGICAL_KEYS) {
    const raw = fields[key]?.value;
    if (raw === undefined) continue;
    const value = key === 'idNumber' ? maskIdNumber(raw.trim()) : raw.trim();
    out.push({ key, label: t(`key_${key}`), value });
  }
  return out;
}

export function FieldList({ t, fields }: { t: Translate; fields: OverlayField[] }) {
  return (
    <details className="cca-fields" open>
      <summary>{t('common_counted', [t('overlay_fields'), String(fields.length)])}</summary>
      {fields.length === 0 ? <p className="cca-small">{t('overlay_noFields')}</p> : null}
      <dl>
        {fields.map((f) => (
          <div className="cca-field-row" key={f.key}>
            <dt>{f.label}</dt>
            <dd data-testid="field" data-key={f.key} lang="zh-CN">
              {f.value}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

import type { Translate } from '../Overlay';
import type { ContentField } from '../../lib/ledger/fields';
import { isVerdict, VERDICT_LABELS } from '../../lib/rules/verdicts';

/* How the 台账 pages print stored values: shared by the ledger table, its history and the merge review. */

/** An ISO timestamp as China Standard Time, `2023-07-01 10:00`. */
export function formatTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A field's value as shown in a conflict or a history: dates, codes and names as stored, enums in words. */
export function fieldText(t: Translate, field: ContentField, v: unknown): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return t('common_none');
  switch (field) {
    case 'domain':
      return t(`ledger_domain_${String(v)}`);
    case 'verdict':
      return isVerdict(v) ? t(VERDICT_LABELS[v].short) : String(v);
    case 'domainSource':
      return t(`merge_domainSource_${String(v)}`);
    case 'unlisted':
      return t(`merge_unlisted_${String(v)}`);
    case 'listingDecision':
    case 'creditRepaired':
      return t(v === 'yes' || v === true ? 'ledger_yes' : 'ledger_no');
    case 'citations':
      return Array.isArray(v) ? v.join('；') : String(v);
    default:
      return String(v);
  }
}

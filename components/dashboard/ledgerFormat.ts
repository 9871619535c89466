import type { Translate } from '../Overlay';
import type { LedgerCase } from '../../lib/db/case';
import type { Domain } from '../../lib/facts/domain';
import type { ContentField } from '../../lib/ledger/fields';
import { isVerdict, VERDICT_LABELS } from '../../lib/rules/verdicts';
import { joinWords, messageFor, type MessageKey } from '../../lib/messages';

const DOMAIN_NAMES = {
  food: 'ledger_domain_food',
  drug: 'ledger_domain_drug',
  quality: 'ledger_domain_quality',
  consumer: 'ledger_domain_consumer',
  competition: 'ledger_domain_competition',
  other: 'ledger_domain_other',
} as const satisfies Record<Domain, MessageKey>;
const DOMAIN_SOURCES = {
  item: 'merge_domainSource_item',
  law: 'merge_domainSource_law',
  user: 'merge_domainSource_user',
} as const satisfies Record<LedgerCase['domainSource'], MessageKey>;
const UNLISTED = {
  yes: 'merge_unlisted_yes',
  possible: 'merge_unlisted_possible',
  no: 'merge_unlisted_no',
} as const satisfies Record<LedgerCase['unlisted'], MessageKey>;

/** A stored value in words through a typed map; a value outside it is shown as stored. */
function worded(t: Translate, keys: Readonly<Record<string, MessageKey>>, v: unknown): string {
  const key = messageFor(keys, v);
  return key ? t(key) : String(v);
}

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
      return worded(t, DOMAIN_NAMES, v);
    case 'verdict':
      return isVerdict(v) ? t(VERDICT_LABELS[v].short) : String(v);
    case 'domainSource':
      return worded(t, DOMAIN_SOURCES, v);
    case 'unlisted':
      return worded(t, UNLISTED, v);
    case 'listingDecision':
    case 'creditRepaired':
      return t(v === 'yes' || v === true ? 'ledger_yes' : 'ledger_no');
    case 'citations':
      return Array.isArray(v) ? joinWords(t, 'common_joinClauses', v.map(String)) : String(v);
    default:
      return String(v);
  }
}

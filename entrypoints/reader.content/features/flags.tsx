import { MixedText } from '../../../components/dashboard/Data';
import { StatusTag, type ItemStatus, type Translate } from '../../../components/Overlay';
import { codeKey, joinWords, messageFor, type MessageKey } from '../../../lib/messages';
import type { PartyAnswer } from '../../../lib/messaging/protocol';
import type { UsccProblem } from '../../../lib/party/uscc';
import type { FeatureFactory } from '../feature';

/** The party's flags from the imported lists and the ledger (serious list, commitment exclusion, risk class …). */
export const partyFlagsFeature: FeatureFactory = ({ t }) => ({
  id: 'party-flags',
  appliesTo: (r) => (r.party?.flags.length ?? 0) > 0,
  panel: { flags: (r) => <PartyFlags key="party-flags" t={t} flags={overlayFlags(r.party, t)} /> },
});

export interface OverlayFlag {
  flag: string;
  status: ItemStatus;
  title: string;
  basis: string;
  date?: string;
  measures: string[];
}

// The substitutions of each basis message, in placeholder order; ids (a key-domain list's sections) in words.
const BASIS_SUBS: Record<string, (p: Record<string, string | number | string[]>, t: Translate) => unknown[]> = {
  'party.serious-list': (p) => [p.listName, p.listingDate, p.until, p.reason, p.authority],
  'party.commitment-excluded.serious-list': (p) => [p.since],
  'party.commitment-excluded.false-commitment': (p) => [p.since, p.matter],
  'party.repeat-offender': (p) => [p.from, p.to, p.count, p.threshold, p.years, p.decisions],
  'party.repeat-offender.with-form': (p) => [p.from, p.to, p.count, p.threshold, p.years, p.decisions],
  'party.key-domain': (p, t) => [
    p.listName,
    (Array.isArray(p.sections) ? p.sections : [p.sections]).map((s) => word(t, SECTIONS, 'keyDomainSection_', String(s))),
  ],
  'party.risk': (p) => [p.listName, p.riskClass, p.date],
  // the background puts a UsccProblem there (lib/entities/flags)
  'party.uscc-invalid': (p, t) => [p.value, t(codeKey('usccProblem_', String(p.reason) as UsccProblem), [asText(p.detail, t)])],
};

// The key-domain sections a list names (data); one outside these shows the key it would have.
const SECTIONS = {
  'food-production': 'keyDomainSection_food_production',
  'special-equipment': 'keyDomainSection_special_equipment',
} as const satisfies Record<string, MessageKey>;

function word(t: Translate, keys: Readonly<Record<string, MessageKey>>, prefix: string, code: string, subs?: string[]): string {
  const key = messageFor(keys, code);
  return key ? t(key, subs) : prefix + code.replace(/[^A-Za-z0-9]+/g, '_');
}
const asText = (v: unknown, t: Translate) => (Array.isArray(v) ? joinWords(t, 'common_joinList', v.map(String)) : String(v ?? ''));

export function overlayFlags(answer: PartyAnswer | null, t: Translate): OverlayFlag[] {
  if (!answer) return [];
  const severalCodes = answer.warnings.find((w) => w.code === 'name-several-codes');
  return answer.flags.map((f) => {
    const subs = (BASIS_SUBS[f.basis.code]?.(f.basis.params, t) ?? []).map((v) => asText(v, t));
    let basis = t(codeKey('flagbasis_', f.basis.code), subs);
    if (f.basis.params.matchedBy === 'name') basis += t('flag_matchedByName');
    if (severalCodes && f.flag !== 'uscc-invalid')
      basis += ' ' + t('flag_severalCodes', [joinWords(t, 'common_joinList', severalCodes.codes)]);
    return {
      flag: f.flag,
      status: f.status,
      title: t(codeKey('flag_', f.flag)),
      basis,
      // a basis that names the date already (a risk class's 分类日期) does not get it twice
      ...(f.date && !basis.includes(f.date) ? { date: f.date } : {}),
      measures: (f.measures ?? []).map((m) => t(codeKey('measure_', m))),
    };
  });
}

export function PartyFlags({ t, flags }: { t: Translate; flags: OverlayFlag[] }) {
  return (
    <ul className="cca-flags" aria-label={t('overlay_flags')}>
      {flags.map((f) => (
        <li key={f.flag} className={`cca-flag flag-${f.flag}`} data-testid="party-flag" data-flag={f.flag} data-status={f.status}>
          <strong>{f.title}</strong>
          <StatusTag t={t} status={f.status} />
          <div className="cca-small">
            <MixedText text={f.basis} />
            {f.date ? ` · ${f.date}` : ''}
          </div>
          {f.measures.length > 0 ? (
            <ul className="cca-measures">
              {f.measures.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

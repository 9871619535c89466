import { MixedText } from '../../../components/dashboard/Data';
import { StatusTag, type ItemStatus, type Translate } from '../../../components/Overlay';
import type { PartyFlag } from '../../../lib/entities/flags';
import { messageFor, type MessageKey } from '../../../lib/messages';
import type { PartyAnswer } from '../../../lib/messaging/protocol';
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
  'party.uscc-invalid': (p) => [p.value, p.reason],
};

// The messages of the codes the lists give; a code outside them shows the key it would have.
const FLAG_TITLES = {
  'serious-list': 'flag_serious_list',
  'commitment-excluded': 'flag_commitment_excluded',
  'repeat-offender': 'flag_repeat_offender',
  'key-domain': 'flag_key_domain',
  'risk-A': 'flag_risk_A',
  'risk-B': 'flag_risk_B',
  'risk-C': 'flag_risk_C',
  'risk-D': 'flag_risk_D',
  'uscc-invalid': 'flag_uscc_invalid',
} as const satisfies Record<PartyFlag['flag'], MessageKey>;
const BASES = {
  'party.serious-list': 'flagbasis_party_serious_list',
  'party.commitment-excluded.serious-list': 'flagbasis_party_commitment_excluded_serious_list',
  'party.commitment-excluded.false-commitment': 'flagbasis_party_commitment_excluded_false_commitment',
  'party.repeat-offender': 'flagbasis_party_repeat_offender',
  'party.repeat-offender.with-form': 'flagbasis_party_repeat_offender_with_form',
  'party.key-domain': 'flagbasis_party_key_domain',
  'party.risk': 'flagbasis_party_risk',
  'party.uscc-invalid': 'flagbasis_party_uscc_invalid',
} as const satisfies Record<string, MessageKey>;
const MEASURES = {
  'permit-review-weighted': 'measure_permit_review_weighted',
  'key-supervision': 'measure_key_supervision',
  'no-notification-commitment': 'measure_no_notification_commitment',
  'no-honours': 'measure_no_honours',
  'other-legal-measures': 'measure_other_legal_measures',
  'repeat-offender-publicity': 'measure_repeat_offender_publicity',
  'credit-repair-stricter': 'measure_credit_repair_stricter',
  'inspection-may-skip': 'measure_inspection_may_skip',
  'inspection-normal-rate': 'measure_inspection_normal_rate',
  'inspection-written-allowed': 'measure_inspection_written_allowed',
  'inspection-raised-rate': 'measure_inspection_raised_rate',
  'inspection-on-site': 'measure_inspection_on_site',
} as const satisfies Record<NonNullable<PartyFlag['measures']>[number], MessageKey>;
const SECTIONS = {
  'food-production': 'keyDomainSection_food_production',
  'special-equipment': 'keyDomainSection_special_equipment',
} as const satisfies Record<string, MessageKey>;

function word(t: Translate, keys: Readonly<Record<string, MessageKey>>, prefix: string, code: string, subs?: string[]): string {
  const key = messageFor(keys, code);
  return key ? t(key, subs) : prefix + code.replace(/[^A-Za-z0-9]+/g, '_');
}
const asText = (v: unknown) => (Array.isArray(v) ? v.join('、') : String(v ?? ''));

export function overlayFlags(answer: PartyAnswer | null, t: Translate): OverlayFlag[] {
  if (!answer) return [];
  const severalCodes = answer.warnings.find((w) => w.code === 'name-several-codes');
  return answer.flags.map((f) => {
    const subs = (BASIS_SUBS[f.basis.code]?.(f.basis.params, t) ?? []).map(asText);
    let basis = word(t, BASES, 'flagbasis_', f.basis.code, subs);
    if (f.basis.params.matchedBy === 'name') basis += t('flag_matchedByName');
    if (severalCodes && f.flag !== 'uscc-invalid') basis += ' ' + t('flag_severalCodes', [severalCodes.codes.join('、')]);
    return {
      flag: f.flag,
      status: f.status,
      title: t(FLAG_TITLES[f.flag]),
      basis,
      // a basis that names the date already (a risk class's 分类日期) does not get it twice
      ...(f.date && !basis.includes(f.date) ? { date: f.date } : {}),
      measures: (f.measures ?? []).map((m) => t(MEASURES[m])),
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

import type { OverlayField, OverlayFlag, OverlayVerdict, Translate } from '../../components/Overlay';
import type { FieldMap } from '../../lib/facts/fields';
import { LOGICAL_KEYS } from '../../lib/facts/keys';
import { maskIdNumber } from '../../lib/party';
import { formatAssessmentText, formatCitation, formatReasonSentence, type Assessment } from '../../lib/rules';

/** One overlay row per recognised key, in the contract's key order; identity numbers of persons masked. */
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

export function overlayVerdict(a: Assessment, t: Translate): OverlayVerdict {
  const text = formatAssessmentText(a, t);
  const reason = (r: Assessment['reasons'][number]) => {
    // an article reads 第2条第2项; a provision without an article number is shown by its citation tag alone
    const where = formatCitation(r.citation, t, a.pack?.id);
    return {
    citation: r.citation,
    status: r.status,
    title: r.title,
    text: where === r.citation ? formatReasonSentence(r, t) : `${where} ${formatReasonSentence(r, t)}`,
    wording: r.wording,
    wordingIsSummary: r.wordingKind === 'summary',
    };
  };
  const pack = a.pack ? `${a.pack.title} v${a.pack.version}` : t('overlay_noPack');
  return {
    verdict: a.verdict,
    reasons: a.reasons.map(reason),
    related: a.related.map(reason),
    missing: a.missing.map((m, i) => ({ key: m.key, text: text.missing[i] ?? m.key })),
    checklist: a.checklist.map((c) => ({ id: c.id, citation: c.citation, status: c.status, text: c.text })),
    notices: text.notices,
    unlisted: a.unlisted,
    publicity: text.publicity,
    basisLine: t(a.dateSource === 'decision' ? 'overlay_basisDecision' : 'overlay_basisToday', [pack, a.date]),
  };
}

export type { OverlayFlag };

/** What the background answers about the party (lib/entities), as the overlay shows it. */
export interface PartyAnswer {
  flags: Array<{
    flag: string;
    status: 'confirmed' | 'partial' | 'unconfirmed';
    basis: { code: string; params: Record<string, string | number | string[]> };
    date?: string;
    measures?: string[];
  }>;
  onSeriousList: boolean;
  warnings: Array<{ code: string; codes: string[] }>;
}

// The substitutions of each basis message, in placeholder order.
const BASIS_SUBS: Record<string, (p: Record<string, string | number | string[]>) => unknown[]> = {
  'party.serious-list': (p) => [p.listName, p.listingDate, p.until, p.reason, p.authority],
  'party.commitment-excluded.serious-list': (p) => [p.since],
  'party.commitment-excluded.false-commitment': (p) => [p.since, p.matter],
  'party.repeat-offender': (p) => [p.from, p.to, p.count, p.threshold, p.years, p.decisions],
  'party.repeat-offender.with-form': (p) => [p.from, p.to, p.count, p.threshold, p.years, p.decisions],
  'party.key-domain': (p) => [p.listName, p.sections],
  'party.risk': (p) => [p.listName, p.riskClass, p.date],
  'party.uscc-invalid': (p) => [p.value, p.reason],
};

const msgKey = (prefix: string, code: string) => prefix + code.replace(/[^A-Za-z0-9]+/g, '_');
const asText = (v: unknown) => (Array.isArray(v) ? v.join('、') : String(v ?? ''));

export function overlayFlags(answer: PartyAnswer | null, t: Translate): OverlayFlag[] {
  if (!answer) return [];
  const severalCodes = answer.warnings.find((w) => w.code === 'name-several-codes');
  return answer.flags.map((f) => {
    const subs = (BASIS_SUBS[f.basis.code]?.(f.basis.params) ?? []).map(asText);
    let basis = t(msgKey('flagbasis_', f.basis.code), subs);
    if (f.basis.params.matchedBy === 'name') basis += t('flag_matchedByName');
    if (severalCodes && f.flag !== 'uscc-invalid') basis += ' ' + t('flag_severalCodes', [severalCodes.codes.join('、')]);
    return {
      flag: f.flag,
      status: f.status,
      title: t(msgKey('flag_', f.flag)),
      basis,
      date: f.date,
      measures: (f.measures ?? []).map((m) => t(msgKey('measure_', m))),
    };
  });
}

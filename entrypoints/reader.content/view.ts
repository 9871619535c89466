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
  const reason = (r: Assessment['reasons'][number]) => ({
    citation: r.citation,
    status: r.status,
    title: r.title,
    text: `${formatCitation(r.citation, t, a.pack?.id)} ${formatReasonSentence(r, t)}`,
    wording: r.wording,
    wordingIsSummary: r.wordingKind === 'summary',
  });
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

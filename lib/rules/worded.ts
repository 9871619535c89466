import type { Assessment } from './assessment';
import { formatAssessmentText, formatCitation, formatReasonSentence, type Translate } from './format';
import type { Status } from './schema';
import type { Verdict } from './verdicts';

/*
 * An assessment worded for the overlay, in the user's language. The background words it with the assessment, so
 * the reader in every frame carries neither the engine nor its phrasing.
 */

export interface WordedReason {
  citation: string;
  status: Status;
  title: string;
  /** the sentence saying why this applies */
  text: string;
  /** the article's wording as recorded in the pack */
  wording: string;
  wordingIsSummary: boolean;
}

export interface WordedAssessment {
  verdict: Verdict;
  reasons: WordedReason[];
  related: WordedReason[];
  missing: Array<{ key: string; text: string }>;
  checklist: Array<{ id: string; citation: string; status: Status; text: string }>;
  notices: string[];
  unlisted: 'yes' | 'possible' | 'no';
  publicity: string | null;
  /** e.g. 《办法》v1.0.0 · 2024-03-15（决定日期） */
  basisLine: string;
}

export function wordAssessment(a: Assessment, t: Translate): WordedAssessment {
  const text = formatAssessmentText(a, t);
  const reason = (r: Assessment['reasons'][number]): WordedReason => {
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

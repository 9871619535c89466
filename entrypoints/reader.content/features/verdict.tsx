import { StatusTag, type ItemStatus, type Translate } from '../../../components/Overlay';
import type { Assessment, Verdict } from '../../../lib/rules/assessment';
import { formatAssessmentText, formatCitation, formatReasonSentence } from '../../../lib/rules/format';
import type { FeatureFactory } from '../feature';

/**
 * The listing verdict (列严判断) of a penalty case: verdict, reasons with their citations, what is missing, the
 * Art. 12 checklist, notices, related provisions, publicity, and 应列未列. On the collapsed pill: the verdict and
 * 应列未列 in short.
 */
export const verdictFeature: FeatureFactory = ({ t }) => {
  // the pill and the panel show the same assessment: word it once
  const worded = new WeakMap<Assessment, OverlayVerdict>();
  const view = (a: Assessment): OverlayVerdict => {
    let v = worded.get(a);
    if (!v) worded.set(a, (v = overlayVerdict(a, t)));
    return v;
  };
  return {
  id: 'verdict',
  appliesTo: (r) => r.assessment !== null,
  pill: (r) => {
    const v = view(r.assessment!);
    return {
      key: 'verdict',
      tone: `verdict-${v.verdict}`,
      label: t(`verdict_${v.verdict}`),
      node: (
        <>
          <span data-testid="verdict" data-verdict={v.verdict}>
            {t(`verdict_short_${v.verdict}`)}
          </span>
          {v.unlisted !== 'no' ? (
            <span className={`cca-pill-unlisted level-${v.unlisted}`} data-testid="unlisted" data-level={v.unlisted}>
              {t(v.unlisted === 'yes' ? 'overlay_unlistedShort' : 'overlay_unlistedPossibleShort')}
            </span>
          ) : null}
        </>
      ),
    };
  },
  panel: { verdict: (r) => <VerdictView key="verdict" t={t} v={view(r.assessment!)} /> },
  };
};

export interface OverlayReason {
  citation: string;
  status: ItemStatus;
  title: string;
  /** the sentence saying why this applies */
  text: string;
  /** the article's wording as recorded in the pack */
  wording: string;
  wordingIsSummary: boolean;
}

export interface OverlayVerdict {
  verdict: Verdict;
  reasons: OverlayReason[];
  related: OverlayReason[];
  missing: Array<{ key: string; text: string }>;
  checklist: Array<{ id: string; citation: string; status: ItemStatus; text: string }>;
  notices: string[];
  unlisted: 'yes' | 'possible' | 'no';
  publicity: string | null;
  /** e.g. 《办法》v1.0.0 · 2024-03-15（决定日期） */
  basisLine: string;
}

export function overlayVerdict(a: Assessment, t: Translate): OverlayVerdict {
  const text = formatAssessmentText(a, t);
  const reason = (r: Assessment['reasons'][number]): OverlayReason => {
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

export function VerdictView({ t, v }: { t: Translate; v: OverlayVerdict }) {
  return (
    <div className="cca-verdict-block">
      {v.unlisted !== 'no' ? (
        <div className={`cca-unlisted level-${v.unlisted}`} data-testid="unlisted" data-level={v.unlisted} role="alert">
          {v.unlisted === 'yes' ? t('overlay_unlistedYes') : t('overlay_unlistedPossible')}
        </div>
      ) : null}
      <div className={`cca-verdict verdict-${v.verdict}`} data-testid="verdict" data-verdict={v.verdict} role="status">
        <span className="cca-small">{t('overlay_verdict')}</span>
        <strong>{t(`verdict_${v.verdict}`)}</strong>
        <span className="cca-small">{v.basisLine}</span>
      </div>
      {v.reasons.length > 0 ? (
        <ul className="cca-reasons">
          {v.reasons.map((r) => (
            <ReasonView key={r.citation + r.text} t={t} r={r} />
          ))}
        </ul>
      ) : null}
      {v.missing.length > 0 ? (
        <div className="cca-missing" data-testid="missing">
          <span>{t('overlay_missing')}</span>
          <ul>
            {v.missing.map((m) => (
              <li key={m.key} data-key={m.key}>
                {m.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {v.checklist.length > 0 ? (
        <details className="cca-checklist" data-testid="checklist">
          <summary>{t('overlay_checklist')}</summary>
          <ul>
            {v.checklist.map((c) => (
              <li key={c.id} data-citation={c.citation}>
                <label>
                  <input type="checkbox" /> {c.text} <StatusTag t={t} status={c.status} />
                </label>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {v.notices.map((n) => (
        <p className="cca-notice" key={n}>
          {n}
        </p>
      ))}
      {v.related.length > 0 ? (
        <ul className="cca-reasons cca-related">
          {v.related.map((r) => (
            <ReasonView key={r.citation} t={t} r={r} related />
          ))}
        </ul>
      ) : null}
      {v.publicity ? <p className="cca-small cca-publicity">{v.publicity}</p> : null}
    </div>
  );
}

function ReasonView({ t, r, related }: { t: Translate; r: OverlayReason; related?: boolean }) {
  return (
    <li className="cca-reason" data-testid={related ? 'related' : 'reason'} data-citation={r.citation} data-status={r.status}>
      <details>
        <summary>
          <span>{r.text}</span> <code className="cca-cite">{r.citation}</code> <StatusTag t={t} status={r.status} />
        </summary>
        <div className="cca-wording">
          <strong>{r.title}</strong>
          <p>{r.wording}</p>
          {r.wordingIsSummary ? <p className="cca-small">{t('overlay_wordingSummary')}</p> : null}
        </div>
      </details>
    </li>
  );
}

import { Data, MixedText } from '../../../components/dashboard/Data';
import { StatusTag, type Translate } from '../../../components/Overlay';
import type { WordedAssessment, WordedReason } from '../../../lib/rules/worded';
import { VERDICT_LABELS } from '../../../lib/rules/verdicts';
import type { FeatureFactory } from '../feature';

/**
 * The listing verdict (列严判断) of a penalty case: verdict, reasons with their citations, what is missing, the
 * Art. 12 checklist, notices, related provisions, publicity, and 应列未列. On the collapsed pill: the verdict and
 * 应列未列 in short.
 */
export const verdictFeature: FeatureFactory = ({ t }) => ({
  id: 'verdict',
  appliesTo: (r) => r.worded !== null,
  pill: (r) => {
    const v = r.worded!;
    return {
      key: 'verdict',
      tone: `verdict-${v.verdict}`,
      label: t(VERDICT_LABELS[v.verdict].name),
      node: (
        <>
          <span data-testid="verdict" data-verdict={v.verdict}>
            {t(VERDICT_LABELS[v.verdict].short)}
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
  panel: { verdict: (r) => <VerdictView key="verdict" t={t} v={r.worded!} /> },
});

export function VerdictView({ t, v }: { t: Translate; v: WordedAssessment }) {
  return (
    <div className="cca-verdict-block">
      {v.unlisted !== 'no' ? (
        <div className={`cca-unlisted level-${v.unlisted}`} data-testid="unlisted" data-level={v.unlisted} role="alert">
          {v.unlisted === 'yes' ? t('overlay_unlistedYes') : t('overlay_unlistedPossible')}
        </div>
      ) : null}
      <div className={`cca-verdict verdict-${v.verdict}`} data-testid="verdict" data-verdict={v.verdict} role="status">
        <span className="cca-small">{t('overlay_verdict')}</span>
        <strong>{t(VERDICT_LABELS[v.verdict].name)}</strong>
        <span className="cca-small">
          <MixedText text={v.basisLine} />
        </span>
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
                <MixedText text={m.text} />
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
                  <input type="checkbox" /> <Data>{c.text}</Data> <StatusTag t={t} status={c.status} />
                </label>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {v.notices.map((n) => (
        <p className="cca-notice" key={n}>
          <MixedText text={n} />
        </p>
      ))}
      {v.related.length > 0 ? (
        <ul className="cca-reasons cca-related">
          {v.related.map((r) => (
            <ReasonView key={r.citation} t={t} r={r} related />
          ))}
        </ul>
      ) : null}
      {v.publicity ? (
        <p className="cca-small cca-publicity">
          <MixedText text={v.publicity} />
        </p>
      ) : null}
    </div>
  );
}

function ReasonView({ t, r, related }: { t: Translate; r: WordedReason; related?: boolean }) {
  return (
    <li className="cca-reason" data-testid={related ? 'related' : 'reason'} data-citation={r.citation} data-status={r.status}>
      <details>
        <summary>
          <span>
            <MixedText text={r.text} />
          </span>{' '}
          <code className="cca-cite">{r.citation}</code> <StatusTag t={t} status={r.status} />
        </summary>
        <div className="cca-wording">
          <strong lang="zh-CN">{r.title}</strong>
          <p lang="zh-CN">{r.wording}</p>
          {r.wordingIsSummary ? <p className="cca-small">{t('overlay_wordingSummary')}</p> : null}
        </div>
      </details>
    </li>
  );
}

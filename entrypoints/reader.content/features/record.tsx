import { whenTrusted, type Translate } from '../../../components/Overlay';
import { DOMAINS } from '../../../lib/facts/domain';
import type { Assessment } from '../../../lib/rules/assessment';
import { VERDICT_LABELS } from '../../../lib/rules/verdicts';
import type { FeatureContext, FeatureFactory, Reading } from '../feature';
import { Part } from '../parts';
import { pageAnswers, recordRequest } from './record-request';
import { recordingOf, recordSession, type RecordSession } from './record-session';
import { joinWords } from '../../../lib/messages';

/**
 * 记录本案: the case, its verdict and the handler's answers (listing, exposure) go into the local ledger through
 * the background, which adds the unit and the recorder from the settings. Opening and saving take a real click.
 * Needs the assessment (a penalty form, or a case with an id); shows the button and, on demand, the record form.
 */
export const recordFeature: FeatureFactory = (ctx) => {
  const session = recordSession(ctx);
  return {
    id: 'record',
    appliesTo: (r) => r.assessment !== null && (r.facts.formKind === 'penalty' || r.facts.caseId !== null),
    panel: { actions: (r) => <RecordActions key="record" ctx={ctx} session={session} r={r} a={r.assessment!} /> },
  };
};

function RecordActions({ ctx, session, r, a }: { ctx: FeatureContext; session: RecordSession; r: Reading; a: Assessment }) {
  const { t } = ctx;
  const { open, recorded, message } = session.state;
  return (
    <div>
      <div className="cca-record">
        <button
          type="button"
          className="cca-primary"
          data-testid="record"
          aria-expanded={open}
          onClick={whenTrusted(() => session.toggle(r.facts))}
        >
          {t('record_button')}
        </button>
        {message ? (
          <span className="cca-small" role="status" data-testid="record-message">
            {message}
          </span>
        ) : r.facts.listingDecision ? (
          <span className="cca-record-suggest">{t('record_suggest')}</span>
        ) : null}
      </div>
      {open && recorded === undefined ? (
        <p className="cca-small" role="status">
          {t('record_loading')}
        </p>
      ) : null}
      {open && recorded !== undefined ? <RecordFormPart ctx={ctx} session={session} r={r} a={a} /> : null}
    </div>
  );
}

function RecordFormPart({ ctx, session, r, a }: { ctx: FeatureContext; session: RecordSession; r: Reading; a: Assessment }) {
  const { t } = ctx;
  const { recorded, busy, error, stale, unset } = session.state;
  return (
    <Part
      // a reloaded record starts the form again; a case recorded again may be back at the same revision
      key={`record-form-${recorded?.revision ?? 0}-${recorded?.version ?? ''}`}
      load={ctx.parts}
      name="record-form"
      props={{
        t,
        recorded: recorded ?? null,
        page: pageAnswers(r.facts, a),
        domains: DOMAINS.map((d) => ({ value: d, label: t(`ledger_domain_${d}`) })),
        verdictLine: verdictLine(a, t),
        recording: recordingOf(r.config.recording, unset),
        busy,
        error,
        stale,
        compose: (answers, cleared) => recordRequest(answers, cleared, r.facts, a),
        onSubmit: (input) => void session.save(input, r.config.recording),
        onCancel: session.close,
        onOpenSettings: () => void ctx.request({ type: 'openDashboard', page: 'settings' }).catch(() => undefined),
        onReload: () => void session.find(r.facts),
      }}
    />
  );
}

/** e.g. 应当列入 · order44-2021 v1.0.0 · order44-2021/art2/2，…/art5/1 */
function verdictLine(a: Assessment, t: Translate): string {
  const pack = a.pack ? `${a.pack.id} v${a.pack.version}` : t('overlay_noPack');
  return `${t(VERDICT_LABELS[a.verdict].name)} · ${pack} · ${joinWords(
    t,
    'common_joinList',
    a.reasons.map((x) => x.citation),
  )}`;
}

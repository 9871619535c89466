import { whenTrusted, type Translate } from '../../../components/Overlay';
import { changeText, type RecordAnswers } from '../../../components/RecordForm';
import { DOMAINS, DOMAIN_TITLES } from '../../../lib/facts/domain';
import type { CaseFacts } from '../../../lib/facts/schema';
import type { ClearableField } from '../../../lib/ledger/fields';
import type { ReaderConfig, RecordedCase, RecordRequest, RefusalDetail } from '../../../lib/messaging/protocol';
import type { Assessment } from '../../../lib/rules/assessment';
import { VERDICT_LABELS } from '../../../lib/rules/verdicts';
import type { FeatureFactory } from '../feature';
import { Part } from '../parts';

/**
 * 记录本案: the case, its verdict and the handler's answers (listing, exposure) go into the local ledger through
 * the background, which adds the unit and the recorder from the settings. A case already recorded opens on the
 * ledger's record (findRecord) and is saved against the revision it opened on, so that nothing recorded is lost to
 * a stale form. Opening and saving take a real click.
 */
export const recordFeature: FeatureFactory = (ctx) => {
  const { t } = ctx;
  const domains = DOMAINS.map((d) => ({ value: d, label: DOMAIN_TITLES[d] }));
  let open = false;
  /** the ledger's record once asked for (undefined: not yet) */
  let recorded: RecordedCase | null | undefined;
  let busy = false;
  let stale = false;
  let error: string | null = null;
  let message: string | null = null;
  /** a save refused for want of 填报单位 or 记录人, against the settings the frame knew then */
  let unset: { known: ReaderConfig['recording']; missing: ('unit' | 'recorder')[] } | null = null;

  const find = async (facts: CaseFacts): Promise<void> => {
    const res = await ctx
      .request({
        type: 'findRecord',
        decisionNo: facts.decisionNo?.raw ?? null,
        caseNo: facts.caseNo,
        uscc: facts.party.code,
        partyName: facts.party.name,
      })
      .catch(() => null);
    // unknown (the background did not answer): start from the page; a save is still checked against the ledger
    recorded = res?.ok ? res.value : null;
    stale = false;
    error = null;
    ctx.refresh();
  };

  const save = async (input: RecordRequest, recording: ReaderConfig['recording']): Promise<void> => {
    busy = true;
    ctx.refresh();
    const res = await ctx.request({ type: 'recordCase', input, baseRevision: recorded?.revision ?? 0 }).catch(() => null);
    busy = false;
    if (!res) {
      error = t('record_failed', [t('record_noAnswer')]);
    } else if (res.ok) {
      open = false;
      error = null;
      const { created, changes } = res.value;
      message = created
        ? t('record_created')
        : changes.length > 0
          ? t('record_updatedChanges', [changes.map((c) => changeText(c, t)).join('；')])
          : t('record_unchanged');
    } else if (res.error === 'unit-missing') {
      // the settings changed since the form opened: it shows which are missing, with 去设置
      unset = { known: recording, missing: res.detail?.missing ?? ['unit', 'recorder'] };
      error = null;
    } else {
      stale = res.error === 'stale';
      error = t('record_failed', [stale ? staleText(res.detail ?? {}, t) : (res.message ?? t('record_refused', [res.error]))]);
    }
    ctx.refresh();
  };

  return {
    id: 'record',
    appliesTo: (r) => r.assessment !== null && (r.facts.formKind === 'penalty' || r.facts.caseId !== null),
    panel: {
      actions: (r) => {
        const a = r.assessment!;
        return (
          <div key="record">
            <div className="cca-record">
              <button
                type="button"
                className="cca-primary"
                data-testid="record"
                aria-expanded={open}
                onClick={whenTrusted(() => {
                  open = !open;
                  recorded = undefined;
                  error = null;
                  message = null;
                  if (open) void find(r.facts);
                  ctx.refresh();
                })}
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
            {open && recorded !== undefined ? (
              <Part
                // a reloaded record starts the form again
                key={`record-form-${recorded?.revision ?? 0}`}
                load={ctx.parts}
                name="record-form"
                props={{
                  t,
                  recorded,
                  page: pageAnswers(r.facts, a),
                  domains,
                  verdictLine: `${t(VERDICT_LABELS[a.verdict].name)} · ${a.pack ? `${a.pack.id} v${a.pack.version}` : t('overlay_noPack')} · ${a.reasons.map((x) => x.citation).join('，')}`,
                  recording: recordingOf(r.config.recording, unset),
                  busy,
                  error,
                  stale,
                  compose: (answers, cleared) => recordRequest(answers, cleared, r.facts, a),
                  onSubmit: (input) => void save(input, r.config.recording),
                  onCancel: () => {
                    open = false;
                    ctx.refresh();
                  },
                  onOpenSettings: () => void ctx.request({ type: 'openDashboard', page: 'settings' }).catch(() => undefined),
                  onReload: () => void find(r.facts),
                }}
              />
            ) : null}
          </div>
        );
      },
    },
  };
};

/** The settings as the frame knows them, less those a refused save found missing (until the settings change). */
function recordingOf(
  known: ReaderConfig['recording'],
  unset: { known: ReaderConfig['recording']; missing: string[] } | null,
): ReaderConfig['recording'] {
  if (!unset || unset.known !== known) return known;
  return {
    unitSet: known.unitSet && !unset.missing.includes('unit'),
    recorderSet: known.recorderSet && !unset.missing.includes('recorder'),
  };
}

const STALE_CHANGES_SHOWN = 3;

/** Why a save against an older revision was refused, from the record's current revision and the changes since. */
export function staleText(d: RefusalDetail, t: Translate): string {
  if (d.revision === 0) return t('record_staleDeleted');
  const all = d.changes ?? [];
  // a case another tab created meanwhile changed every field: the first few say enough
  const shown = all.slice(0, STALE_CHANGES_SHOWN).map((c) => changeText(c, t));
  if (all.length > shown.length) shown.push(t('record_staleMore', [String(all.length - shown.length)]));
  const changes = shown.join('；');
  return changes ? t('record_staleChanged', [String(d.revision ?? ''), changes]) : t('record_staleRevision', [String(d.revision ?? '')]);
}

/** What the page says, in the form's terms. */
export function pageAnswers(f: CaseFacts, a: Assessment): RecordAnswers {
  return {
    decisionNo: f.decisionNo?.raw ?? '',
    caseNo: f.caseNo ?? '',
    partyName: f.party.name ?? '',
    uscc: f.party.code ?? '',
    domain: a.domain,
    listingDecision: f.listingDecision ?? '',
    listingDate: f.listingDecision === 'yes' ? (f.decisionDate ?? '') : '',
    exposureDate: '',
    repeatPublicityDate: '',
  };
}

/**
 * What goes to the ledger: the handler's answers, the verdict and what it rests on. An empty answer keeps what
 * the ledger holds; only the fields in `cleared`, emptied on purpose, are emptied.
 */
export function recordRequest(d: RecordAnswers, cleared: ClearableField[], facts: CaseFacts, a: Assessment): RecordRequest {
  return {
    decisionNo: d.decisionNo.trim() || null,
    caseNo: d.caseNo.trim() || null,
    partyName: d.partyName,
    uscc: d.uscc.trim() || null,
    domain: d.domain,
    domainSource: d.domain === a.domain ? (a.reasons.some((r) => r.code === 'domain-item') ? 'item' : 'law') : 'user',
    verdict: a.verdict,
    packId: a.pack?.id ?? null,
    packVersion: a.pack?.version ?? null,
    citations: a.reasons.map((r) => r.citation),
    unlisted: a.unlisted,
    listingDecision: d.listingDecision || null,
    listingDate: d.listingDate || null,
    exposureDate: d.exposureDate || null,
    repeatPublicityDate: d.repeatPublicityDate || null,
    decisionDate: facts.decisionDate ?? null,
    ...(cleared.length > 0 ? { cleared } : {}),
  };
}

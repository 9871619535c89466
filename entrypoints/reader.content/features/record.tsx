import { whenTrusted } from '../../../components/Overlay';
import type { RecordDraft } from '../../../components/RecordForm';
import { DOMAINS, DOMAIN_TITLES } from '../../../lib/facts/domain';
import type { CaseFacts } from '../../../lib/facts/schema';
import type { RecordRequest } from '../../../lib/messaging/protocol';
import type { Assessment } from '../../../lib/rules/assessment';
import type { FeatureFactory } from '../feature';
import { Part } from '../parts';

/**
 * 记录本案: the case, its verdict and the handler's answers (listing, exposure) go into the local ledger through
 * the background, which adds the unit and the recorder from the settings. Opening and saving take a real click.
 */
export const recordFeature: FeatureFactory = (ctx) => {
  const { t } = ctx;
  const domains = DOMAINS.map((d) => ({ value: d, label: DOMAIN_TITLES[d] }));
  let open = false;
  let busy = false;
  let error: string | null = null;
  let message: string | null = null;

  const save = async (d: RecordDraft, facts: CaseFacts, a: Assessment): Promise<void> => {
    if (!d.decisionNo.trim() && !d.caseNo.trim()) {
      error = t('record_noCaseId');
      return ctx.refresh();
    }
    busy = true;
    ctx.refresh();
    const res = await ctx.request({ type: 'recordCase', input: recordRequest(d, facts, a) }).catch((e: unknown) => ({
      ok: false as const,
      error: e instanceof Error ? e.message : String(e),
    }));
    busy = false;
    if (res.ok) {
      open = false;
      error = null;
      message = t(res.value.created ? 'record_created' : 'record_updated');
    } else {
      error = t('record_failed', [res.error]);
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
                  error = null;
                  message = null;
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
            {open ? (
              <Part
                load={ctx.parts}
                name="record-form"
                props={{
                  t,
                  draft: recordDraft(r.facts, a),
                  domains,
                  verdictLine: `${t(`verdict_${a.verdict}`)} · ${a.pack ? `${a.pack.id} v${a.pack.version}` : t('overlay_noPack')} · ${a.reasons.map((x) => x.citation).join('，')}`,
                  recording: r.config.recording,
                  busy,
                  error,
                  onSubmit: (d) => void save(d, r.facts, a),
                  onCancel: () => {
                    open = false;
                    ctx.refresh();
                  },
                  onOpenSettings: () => void ctx.request({ type: 'openDashboard', page: 'settings' }).catch(() => undefined),
                }}
              />
            ) : null}
          </div>
        );
      },
    },
  };
};

/** The form's first values: what the page says. */
export function recordDraft(f: CaseFacts, a: Assessment): RecordDraft {
  return {
    decisionNo: f.decisionNo?.raw ?? '',
    caseNo: f.caseNo ?? '',
    partyName: f.party.name ?? '',
    uscc: f.party.code ?? '',
    domain: a.domain,
    listingDecision: f.listingDecision ?? '',
    listingDate: f.listingDecision === 'yes' ? (f.decisionDate ?? '') : '',
    exposed: false,
    exposureDate: '',
    repeatPublicised: false,
    repeatPublicityDate: '',
  };
}

/** What goes to the ledger: the handler's answers, the verdict and what it rests on. */
export function recordRequest(d: RecordDraft, facts: CaseFacts, a: Assessment): RecordRequest {
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
    listingDate: d.listingDecision === 'yes' ? d.listingDate || null : null,
    exposureDate: d.exposed ? d.exposureDate || null : null,
    repeatPublicityDate: d.repeatPublicised ? d.repeatPublicityDate || null : null,
    decisionDate: facts.decisionDate ?? null,
  };
}

import type { Translate } from '../../../components/Overlay';
import { changeText } from '../../../components/RecordForm';
import type { CaseFacts } from '../../../lib/facts/schema';
import { joinWords, wordMessage } from '../../../lib/messages';
import type { ReaderConfig, RecordedCase, RecordRequest, RefusalDetail } from '../../../lib/messaging/protocol';
import type { FeatureContext } from '../feature';

type Recording = ReaderConfig['recording'];

/** Where 记录本案 stands in this frame: the form open or not, the ledger's record, the last save's outcome. */
export interface RecordState {
  open: boolean;
  /** the ledger's record once asked for (undefined: not yet) */
  recorded: RecordedCase | null | undefined;
  busy: boolean;
  stale: boolean;
  error: string | null;
  message: string | null;
  /** a save refused for want of 填报单位 or 记录人, against the settings the frame knew then */
  unset: { known: Recording; missing: ('unit' | 'recorder')[] } | null;
}

export interface RecordSession {
  state: RecordState;
  /** opens the form on the ledger's record of the case (or closes it) */
  toggle(facts: CaseFacts): void;
  close(): void;
  /** asks the ledger for its record of the case again */
  find(facts: CaseFacts): Promise<void>;
  save(input: RecordRequest, recording: Recording): Promise<void>;
}

/**
 * A case already recorded opens on the ledger's record (findRecord) and is saved against the revision and version
 * it opened on, so that nothing recorded is lost to a stale form.
 */
export function recordSession(ctx: Pick<FeatureContext, 't' | 'request' | 'refresh'>): RecordSession {
  const { t } = ctx;
  const state: RecordState = { open: false, recorded: undefined, busy: false, stale: false, error: null, message: null, unset: null };
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
    Object.assign(state, { recorded: res?.ok ? res.value : null, stale: false, error: null });
    ctx.refresh();
  };
  const save = async (input: RecordRequest, recording: Recording): Promise<void> => {
    state.busy = true;
    ctx.refresh();
    const base = state.recorded ? { baseRevision: state.recorded.revision, baseVersion: state.recorded.version } : { baseRevision: 0 };
    const res = await ctx.request({ type: 'recordCase', input, ...base }).catch(() => null);
    state.busy = false;
    if (!res) {
      state.error = t('record_failed', [t('record_noAnswer')]);
    } else if (res.ok) {
      const { created, changes } = res.value;
      Object.assign(state, { open: false, error: null, message: savedText(created, changes, t) });
    } else if (res.error === 'unit-missing') {
      // the settings changed since the form opened: it shows which are missing, with 去设置
      Object.assign(state, { unset: { known: recording, missing: res.detail?.missing ?? ['unit', 'recorder'] }, error: null });
    } else {
      state.stale = res.error === 'stale';
      const said = res.message ? wordMessage(res.message, t) : t('record_refused', [res.error]);
      state.error = t('record_failed', [state.stale ? staleText(res.detail ?? {}, t) : said]);
    }
    ctx.refresh();
  };
  const toggle = (facts: CaseFacts): void => {
    Object.assign(state, { open: !state.open, recorded: undefined, error: null, message: null });
    if (state.open) void find(facts);
    ctx.refresh();
  };
  const close = (): void => {
    state.open = false;
    ctx.refresh();
  };
  return { state, toggle, close, find, save };
}

function savedText(created: boolean, changes: Parameters<typeof changeText>[0][], t: Translate): string {
  if (created) return t('record_created');
  return changes.length > 0
    ? t('record_updatedChanges', [
        joinWords(
          t,
          'common_joinClauses',
          changes.map((c) => changeText(c, t)),
        ),
      ])
    : t('record_unchanged');
}

/** The settings as the frame knows them, less those a refused save found missing (until the settings change). */
export function recordingOf(known: Recording, unset: RecordState['unset']): Recording {
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
  const changes = joinWords(t, 'common_joinClauses', shown);
  return changes ? t('record_staleChanged', [String(d.revision ?? ''), changes]) : t('record_staleRevision', [String(d.revision ?? '')]);
}

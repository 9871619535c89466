import { useState, type ReactNode } from 'react';
import { DOMAINS, type Domain } from '../lib/facts/domain';
import { recordChanges } from '../lib/ledger/changes';
import { LedgerError, type ClearableField } from '../lib/ledger/fields';
import { codeKey, joinWords, wordMessage, type UserMessage } from '../lib/messages';
import { isVerdict, VERDICT_LABELS } from '../lib/rules/verdicts';
import type { RecordChange, RecordedCase, RecordRequest } from '../lib/messaging/protocol';
import { checkCreditCode } from '../lib/party/uscc';
import { foldDecisionNo } from '../lib/text/decisionNo';
import { MixedText } from './dashboard/Data';
import { whenTrusted, type Translate } from './Overlay';

/** What the handler answers in the form (texts as typed; '' is empty). */
export interface RecordAnswers {
  decisionNo: string;
  caseNo: string;
  partyName: string;
  uscc: string;
  domain: Domain;
  listingDecision: 'yes' | 'no' | '';
  listingDate: string;
  exposureDate: string;
  repeatPublicityDate: string;
}

type AnswerField = keyof RecordAnswers;

export interface RecordFormProps {
  t: Translate;
  /** the ledger's record of this case, or null: the form starts from it */
  recorded: RecordedCase | null;
  /** what the page says, shown beside the recorded value where the two differ */
  page: RecordAnswers;
  domains: Array<{ value: Domain; label: string }>;
  /** e.g. 应当列入 · order44-2021 v1.0.0 · order44-2021/art2/2, …/art5/1 */
  verdictLine: string;
  /** whether 填报单位 and 记录人 are set in the dashboard (their values never reach the page's frame) */
  recording: { unitSet: boolean; recorderSet: boolean };
  busy: boolean;
  error: string | null;
  /** the record changed since the form opened: saving waits for a reload */
  stale: boolean;
  /** the whole input for the ledger: the answers, what was emptied on purpose, and the verdict behind them */
  compose(answers: RecordAnswers, cleared: ClearableField[]): RecordRequest;
  onSubmit(input: RecordRequest): void;
  onCancel(): void;
  /** opens 设置 in the dashboard */
  onOpenSettings(): void;
  /** starts again from the ledger's current record */
  onReload(): void;
}

const EMPTY: RecordAnswers = {
  decisionNo: '',
  caseNo: '',
  partyName: '',
  uscc: '',
  domain: 'other',
  listingDecision: '',
  listingDate: '',
  exposureDate: '',
  repeatPublicityDate: '',
};

function answersOf(r: RecordedCase): RecordAnswers {
  return {
    decisionNo: r.decisionNo ?? '',
    caseNo: r.caseNo ?? '',
    partyName: r.partyName,
    uscc: r.uscc ?? '',
    domain: r.domain,
    listingDecision: r.listingDecision ?? '',
    listingDate: r.listingDate ?? '',
    exposureDate: r.exposureDate ?? '',
    repeatPublicityDate: r.repeatPublicityDate ?? '',
  };
}

/** The fields the form may empty, with the answer that holds each. */
const CLEARABLE: ReadonlyArray<[ClearableField, AnswerField]> = [
  ['uscc', 'uscc'],
  ['listingDecision', 'listingDecision'],
  ['listingDate', 'listingDate'],
  ['exposureDate', 'exposureDate'],
  ['repeatPublicityDate', 'repeatPublicityDate'],
];

const norm = (f: AnswerField, v: string) => (f === 'decisionNo' ? foldDecisionNo(v) : v.trim());

function SetupNotice({ t, missing, onOpenSettings }: { t: Translate; missing: string[]; onOpenSettings(): void }) {
  return (
    <div className="cca-setup" data-testid="record-setup" role="alert">
      <span>{t('record_setup', [joinWords(t, 'common_joinList', missing)])}</span>
      <button type="button" className="cca-secondary" data-testid="record-settings" onClick={whenTrusted(onOpenSettings)}>
        {t('record_openSettings')}
      </button>
    </div>
  );
}

/** Why the credit code typed is not a valid one (GB 32100 or a registration number): said, not enforced. */
function CodeProblem({ t, code }: { t: Translate; code: string }) {
  const check = code.trim() === '' ? null : checkCreditCode(code);
  if (!check?.reason) return null;
  return (
    <span className="cca-error" data-testid="record-uscc-problem" data-reason={check.reason}>
      {t(codeKey('usccProblem_', check.reason), check.detail === undefined ? [] : [check.detail])}
    </span>
  );
}

/** 列入 and its date, then 公示 and 再次公示 with theirs: a date shows only when its answer is yes. */
/** A yes/no answer that, when yes, asks for its date (曝光, 重复公示). */
function DatedCheck(p: {
  t: Translate;
  checkId: string;
  dateId: string;
  checkLabel: 'record_exposed' | 'record_repeat';
  dateLabel: 'record_exposureDate' | 'record_repeatDate';
  checked: boolean;
  onCheck(v: boolean): void;
  date: string;
  onDate(v: string): void;
}) {
  return (
    <>
      <label className="cca-check">
        <input type="checkbox" data-testid={p.checkId} checked={p.checked} onChange={(e) => p.onCheck(e.target.checked)} />
        {p.t(p.checkLabel)}
      </label>
      {p.checked ? (
        <label>
          {p.t(p.dateLabel)}
          <input type="date" data-testid={p.dateId} value={p.date} onChange={(e) => p.onDate(e.target.value)} />
        </label>
      ) : null}
    </>
  );
}

function ListingAndPublicity({
  t,
  d,
  set,
  fromPage,
  exposed,
  setExposed,
  repeat,
  setRepeat,
}: {
  t: Translate;
  d: RecordAnswers;
  set(patch: Partial<RecordAnswers>): void;
  fromPage(f: AnswerField): ReactNode;
  exposed: boolean;
  setExposed(v: boolean): void;
  repeat: boolean;
  setRepeat(v: boolean): void;
}) {
  return (
    <>
      <label>
        {t('key_listingDecision')}
        <select
          data-testid="record-listing"
          value={d.listingDecision}
          onChange={(e) => set({ listingDecision: e.target.value as RecordAnswers['listingDecision'] })}
        >
          <option value="">{t('record_unknown')}</option>
          <option value="yes">{t('record_yes')}</option>
          <option value="no">{t('record_no')}</option>
        </select>
        {fromPage('listingDecision')}
      </label>
      {d.listingDecision === 'yes' ? (
        <label>
          {t('record_listingDate')}
          <input
            type="date"
            data-testid="record-listing-date"
            value={d.listingDate}
            onChange={(e) => set({ listingDate: e.target.value })}
          />
          {fromPage('listingDate')}
        </label>
      ) : null}
      <DatedCheck
        t={t}
        checkId="record-exposed"
        dateId="record-exposure-date"
        checkLabel="record_exposed"
        dateLabel="record_exposureDate"
        checked={exposed}
        onCheck={setExposed}
        date={d.exposureDate}
        onDate={(exposureDate) => set({ exposureDate })}
      />
      <DatedCheck
        t={t}
        checkId="record-repeat"
        dateId="record-repeat-date"
        checkLabel="record_repeat"
        dateLabel="record_repeatDate"
        checked={repeat}
        onCheck={setRepeat}
        date={d.repeatPublicityDate}
        onDate={(repeatPublicityDate) => set({ repeatPublicityDate })}
      />
    </>
  );
}

/** The ledger refused the save; when the record changed meanwhile, the way to start again from it. */
function SaveError({ t, error, stale, onReload }: { t: Translate; error: string; stale: boolean; onReload(): void }) {
  return (
    <p className="cca-error" role="alert" data-testid="record-error">
      <MixedText text={error} />
      {stale ? (
        <>
          {' '}
          <button type="button" className="cca-link" data-testid="record-reload" onClick={onReload}>
            {t('record_reload')}
          </button>
        </>
      ) : null}
    </p>
  );
}

/** The handler's answers as typed, and the ledger input they make with what saving would change. */
function useRecordDraft(recorded: RecordedCase | null, page: RecordAnswers, compose: RecordFormProps['compose']) {
  // the form's first values: the ledger's record, else the page (later props never reset what the handler typed)
  const [d, setD] = useState(() => (recorded ? answersOf(recorded) : { ...EMPTY, ...page }));
  const [exposed, setExposed] = useState(d.exposureDate !== '');
  const [repeat, setRepeat] = useState(d.repeatPublicityDate !== '');
  const set = (patch: Partial<RecordAnswers>) => setD({ ...d, ...patch });

  // what the handler sees is what is saved: unticked and hidden dates are empty
  const answers: RecordAnswers = {
    ...d,
    listingDate: d.listingDecision === 'yes' ? d.listingDate : '',
    exposureDate: exposed ? d.exposureDate : '',
    repeatPublicityDate: repeat ? d.repeatPublicityDate : '',
  };
  // emptied on purpose: a field the ledger holds a value for, left empty in the form
  const cleared = recorded ? CLEARABLE.filter(([field, a]) => recorded[field] !== null && answers[a] === '').map(([field]) => field) : [];
  const input = compose(answers, cleared);
  const preview = previewOf(recorded, input);
  return { d, set, exposed, setExposed, repeat, setRepeat, input, preview };
}

/**
 * 记录本案: what goes into the local ledger. A case already recorded starts from the ledger's record, with the
 * page's newer values beside it; a value the ledger holds becomes empty only when the handler empties its field;
 * what a save will change is shown before it (将更改：列入日期 2024-04-10 → …). The unit and the recorder are set
 * in the dashboard, never typed here where the page's key listeners would see them: when they are missing the
 * form says so first and links to 设置. Saving takes a real click.
 */
export function RecordForm(props: RecordFormProps) {
  const { t, recorded, page, recording, busy, error } = props;
  const { input, preview, ...draft } = useRecordDraft(recorded, page, props.compose);
  const { d, set } = draft;
  const missing = [...(recording.unitSet ? [] : [t('record_unit')]), ...(recording.recorderSet ? [] : [t('record_recorder')])];
  const fromPage = (f: AnswerField) => {
    if (!recorded) return null;
    const p = page[f];
    if (p === '' || norm(f, p) === norm(f, d[f])) return null;
    return (
      <span className="cca-page-value" data-testid="record-page-value" data-field={f}>
        <MixedText text={t('record_pageValue', [shownValue(f, p, t)])} />{' '}
        <button type="button" className="cca-link" data-testid="use-page" data-field={f} onClick={() => set({ [f]: p })}>
          {t('record_usePage')}
        </button>
      </span>
    );
  };
  const text = (f: 'decisionNo' | 'caseNo' | 'partyName' | 'uscc') => (
    <label>
      {t(`key_${f}`)}
      <input data-testid={`record-${f}`} value={d[f]} onChange={(e) => set({ [f]: e.target.value })} />
      {fromPage(f)}
      {f === 'uscc' ? <CodeProblem t={t} code={d.uscc} /> : null}
    </label>
  );

  return (
    <form
      className="cca-record-form"
      data-testid="record-form"
      data-revision={recorded?.revision ?? 0}
      onSubmit={(e) => e.preventDefault()}
    >
      {missing.length > 0 ? <SetupNotice t={t} missing={missing} onOpenSettings={props.onOpenSettings} /> : null}
      {recorded ? (
        <p className="cca-small" data-testid="record-recorded">
          {t('record_recorded')}
        </p>
      ) : null}
      <p className="cca-small">{props.verdictLine}</p>
      {text('decisionNo')}
      {text('caseNo')}
      {text('partyName')}
      {text('uscc')}
      <label>
        {t('key_domain')}
        <select data-testid="record-domain" value={d.domain} onChange={(e) => set({ domain: e.target.value as Domain })}>
          {props.domains.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {fromPage('domain')}
      </label>
      <ListingAndPublicity t={t} fromPage={fromPage} {...draft} />
      {missing.length === 0 ? <p className="cca-small">{t('record_fromSettings')}</p> : null}
      <Preview t={t} recorded={recorded} preview={preview} />
      {error ? <SaveError t={t} error={error} stale={props.stale} onReload={props.onReload} /> : null}
      <div className="cca-record">
        <button
          type="submit"
          className="cca-primary"
          data-testid="record-submit"
          disabled={busy || missing.length > 0 || props.stale || 'error' in preview}
          onClick={whenTrusted(() => props.onSubmit(input))}
        >
          {t('record_save')}
        </button>
        <button type="button" className="cca-secondary" onClick={props.onCancel}>
          {t('common_cancel')}
        </button>
      </div>
    </form>
  );
}

type PreviewState = { changes: RecordChange[] } | { error: UserMessage };

/** What saving would change; an input the ledger would refuse gives its reasons instead. */
function previewOf(recorded: RecordedCase | null, input: RecordRequest): PreviewState {
  try {
    return { changes: recordChanges(recorded, input) };
  } catch (e) {
    if (e instanceof LedgerError) return { error: e.userMessage };
    throw e;
  }
}

function Preview({ t, recorded, preview }: { t: Translate; recorded: RecordedCase | null; preview: PreviewState }) {
  if ('error' in preview) {
    return (
      <p className="cca-error" data-testid="record-invalid">
        <MixedText text={wordMessage(preview.error, t)} />
      </p>
    );
  }
  if (!recorded)
    return (
      <p className="cca-small" data-testid="record-changes" data-count={preview.changes.length}>
        {t('record_newCase')}
      </p>
    );
  if (preview.changes.length === 0) {
    return (
      <p className="cca-small" data-testid="record-changes" data-count="0">
        {t('record_noChange')}
      </p>
    );
  }
  return (
    <div className="cca-changes" data-testid="record-changes" data-count={preview.changes.length}>
      <span>{t('record_changes')}</span>
      <ul>
        {preview.changes.map((c) => (
          <li key={c.field} data-field={c.field}>
            {changeText(c, t)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** 列入日期 2024-04-10 → 2024-05-20 */
export function changeText(c: RecordChange, t: Translate): string {
  return t('record_change', [t(`recordfield_${c.field}`), shownValue(c.field, c.from, t), shownValue(c.field, c.to, t)]);
}

const UNLISTED: readonly RecordedCase['unlisted'][] = ['yes', 'possible', 'no'];
const isIn = <T extends string>(values: readonly T[], v: string): v is T => (values as readonly string[]).includes(v);

function shownValue(field: string, v: unknown, t: Translate): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return t('record_empty');
  if (Array.isArray(v)) return joinWords(t, 'common_joinList', v.map(String));
  if (typeof v === 'boolean') return t(v ? 'record_yes' : 'record_no');
  const s = String(v);
  if (field === 'listingDecision') return t(s === 'yes' ? 'record_yes' : 'record_no');
  if (field === 'domain') return isIn(DOMAINS, s) ? t(codeKey('ledger_domain_', s)) : s;
  if (field === 'verdict') return isVerdict(s) ? t(VERDICT_LABELS[s].short) : s;
  if (field === 'unlisted') return isIn(UNLISTED, s) ? t(codeKey('record_unlisted_', s)) : s;
  return s;
}

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { Translate } from '../Overlay';
import type { LedgerCase, LedgerRevision } from '../../lib/db/case';
import { DOMAINS, type Domain } from '../../lib/facts/domain';
import { isUnlistedCase, LEDGER_DATE_FIELDS, type LedgerDateField } from '../../lib/ledger/record';
import type { PendingUndo } from '../../lib/ledger/undo';
import { VERDICT_LABELS, type Verdict } from '../../lib/rules/verdicts';
import { VerdictOptions } from './VerdictOptions';
import { Data, MixedText, richMessage } from './Data';
import { fieldText, formatTimestamp } from './ledgerFormat';
import { joinWords } from '../../lib/messages';

const LEDGER_TABS = ['ledger', 'stats', 'merge', 'charts'] as const;
export type LedgerTab = (typeof LEDGER_TABS)[number];

/**
 * The 台账 page's sections as tabs (WAI-ARIA tabs: arrow keys, Home and End move between them). Every panel
 * element exists; `panels` gives the content of those that are mounted (a hidden one keeps its state).
 */
export function LedgerTabs({
  t,
  tab,
  onTab,
  panels,
}: {
  t: Translate;
  tab: LedgerTab;
  onTab(tab: LedgerTab): void;
  panels: Partial<Record<LedgerTab, ReactNode>>;
}) {
  const refs = useRef(new Map<LedgerTab, HTMLButtonElement>());
  const move = (e: KeyboardEvent, i: number) => {
    const n = LEDGER_TABS.length;
    const next =
      e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    const target = LEDGER_TABS[next]!;
    onTab(target);
    refs.current.get(target)?.focus();
  };
  return (
    <section>
      <h2>{t('dash_nav_ledger')}</h2>
      <div role="tablist" aria-label={t('dash_nav_ledger')} className="tabs">
        {LEDGER_TABS.map((k, i) => (
          <button
            key={k}
            ref={(el) => {
              if (el) refs.current.set(k, el);
            }}
            type="button"
            role="tab"
            id={`ledger-tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`ledger-panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            data-testid={`tab-${k}`}
            onClick={() => onTab(k)}
            onKeyDown={(e) => move(e, i)}
          >
            {t(`ledger_tab_${k}`)}
          </button>
        ))}
      </div>
      {LEDGER_TABS.map((k) => (
        <div key={k} role="tabpanel" id={`ledger-panel-${k}`} aria-labelledby={`ledger-tab-${k}`} className="tabpanel" hidden={tab !== k}>
          {panels[k]}
        </div>
      ))}
    </section>
  );
}

export interface LedgerFilters {
  text: string;
  /** inclusive ISO dates; either may be empty */
  from: string;
  to: string;
  dateField: LedgerDateField;
  domain: Domain | '';
  verdict: Verdict | '';
  unit: string;
  unlistedOnly: boolean;
}

export const EMPTY_FILTERS: LedgerFilters = {
  text: '',
  from: '',
  to: '',
  dateField: 'decisionDate',
  domain: '',
  verdict: '',
  unit: '',
  unlistedOnly: false,
};

/** What the row editor changes; dates as typed (validated by updateCase). */
export interface LedgerEdit {
  domain: Domain;
  listingDecision: 'yes' | 'no' | null;
  listingDate: string;
  exposureDate: string;
  repeatPublicityDate: string;
}

export interface LedgerPageProps {
  t: Translate;
  filters: LedgerFilters;
  onFilters(f: LedgerFilters): void;
  /** units present in the ledger, for the unit filter */
  units: readonly string[];
  rows: readonly LedgerCase[];
  total: number;
  /** 0-based */
  page: number;
  pageSize: number;
  onPage(page: number): void;
  loading: boolean;
  error: string | null;
  /** resolves to a Chinese error, or null when saved; `c` is the record as the editor opened on it */
  onSave(c: LedgerCase, edit: LedgerEdit): Promise<string | null>;
  onDelete(c: LedgerCase): void;
  /** a case's revision history, oldest first (read when its 修改记录 is opened) */
  loadHistory(c: LedgerCase): Promise<LedgerRevision[]>;
  /** while deletions can be undone: the newest one (撤销 restores it first), and how many can be undone */
  undo: LedgerUndoOffer | null;
  onUndo(): void;
  onDismissUndo(): void;
  /** a short result line (e.g. after an undo) */
  notice: string | null;
}

export type LedgerUndoOffer = Pick<PendingUndo, 'token' | 'deletedAt' | 'caseIds' | 'parties'> & { pending: number };

function rowClass(c: LedgerCase): string | undefined {
  if (!isUnlistedCase(c)) return undefined;
  return c.unlisted === 'yes' ? 'unlisted-yes' : 'unlisted-possible';
}

/** The date range and the domain, verdict and unit choices. */
function FilterFields({
  t,
  filters,
  set,
  units,
}: Pick<LedgerPageProps, 't' | 'filters' | 'units'> & { set(patch: Partial<LedgerFilters>): void }) {
  return (
    <div className="row">
      <label className="field">
        {t('ledger_dateField')}
        <select
          value={filters.dateField}
          data-testid="ledger-date-field"
          onChange={(e) => set({ dateField: e.target.value as LedgerDateField })}
        >
          {LEDGER_DATE_FIELDS.map((f) => (
            <option key={f} value={f}>
              {t(`ledger_date_${f}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t('stats_from')}
        <input type="date" data-testid="ledger-from" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label className="field">
        {t('stats_to')}
        <input type="date" data-testid="ledger-to" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
      </label>
      <label className="field">
        {t('ledger_col_domain')}
        <select value={filters.domain} data-testid="ledger-domain" onChange={(e) => set({ domain: e.target.value as Domain | '' })}>
          <option value="">{t('ledger_all')}</option>
          {DOMAINS.map((d) => (
            <option key={d} value={d}>
              {t(`ledger_domain_${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t('ledger_col_verdict')}
        <select value={filters.verdict} data-testid="ledger-verdict" onChange={(e) => set({ verdict: e.target.value as Verdict | '' })}>
          <VerdictOptions t={t} all={t('ledger_all')} />
        </select>
      </label>
      <label className="field">
        {t('ledger_col_unit')}
        <select value={filters.unit} data-testid="ledger-unit" onChange={(e) => set({ unit: e.target.value })}>
          <option value="">{t('ledger_all')}</option>
          {units.map((u) => (
            <option key={u} value={u} lang="zh-CN">
              {u}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function FilterBar({ t, filters, onFilters, units }: Pick<LedgerPageProps, 't' | 'filters' | 'onFilters' | 'units'>) {
  const id = useId();
  const set = (patch: Partial<LedgerFilters>) => onFilters({ ...filters, ...patch });
  return (
    <form className="card filters" role="search" aria-label={t('ledger_filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="row">
        <label className="field grow">
          {t('ledger_search')}
          <input
            type="search"
            data-testid="ledger-search"
            value={filters.text}
            placeholder={t('ledger_searchHint')}
            onChange={(e) => set({ text: e.target.value })}
          />
        </label>
      </div>
      <FilterFields t={t} filters={filters} set={set} units={units} />
      <div className="row">
        <label htmlFor={`${id}-unlisted`}>
          <input
            id={`${id}-unlisted`}
            type="checkbox"
            data-testid="ledger-unlisted-only"
            checked={filters.unlistedOnly}
            onChange={(e) => set({ unlistedOnly: e.target.checked })}
          />{' '}
          {t('ledger_unlistedOnly')}
        </label>
        <button type="button" onClick={() => onFilters(EMPTY_FILTERS)}>
          {t('ledger_resetFilters')}
        </button>
      </div>
    </form>
  );
}

const dash = '—';

/**
 * The table's columns. Related values share a cell (numbers; party and code; unit and recorder) so that the
 * table fits an office screen (1366 px) and 编辑/删除 never need a horizontal scroll; the actions column also
 * stays in view at the right edge if the table is wider than the window.
 */
const COLUMNS = ['numbers', 'partyCode', 'domain', 'verdict', 'listing', 'exposure', 'repeat', 'recordedBy', 'updated', 'actions'] as const;

/**
 * The case's numbers. `keyId` goes on the number that names the case (the decision number, else the case
 * number, else the id): the row's buttons take their names from it by reference, so the number stays data.
 */
function NumbersCell({ c, keyId }: { c: LedgerCase; keyId?: string }) {
  return (
    <td className="numbers" data-col="numbers" lang="zh-CN">
      {c.decisionNo ? <span id={keyId}>{c.decisionNo}</span> : dash}
      {c.caseNo && (
        <div className="muted" id={c.decisionNo ? undefined : keyId}>
          {c.caseNo}
        </div>
      )}
      {!c.decisionNo && !c.caseNo && keyId && (
        <span hidden id={keyId}>
          {c.id}
        </span>
      )}
    </td>
  );
}

function PartyCell({ c }: { c: LedgerCase }) {
  return (
    <td className="party" data-col="party" lang="zh-CN">
      {c.partyName}
      {c.uscc && <div className="muted">{c.uscc}</div>}
    </td>
  );
}

function RecordedByCell({ c }: { c: LedgerCase }) {
  return (
    <td data-col="unit" lang="zh-CN">
      {c.unit}
      {c.recorder && <div className="muted">{c.recorder}</div>}
    </td>
  );
}

function revisionTitle(t: Translate, r: LedgerRevision): string {
  if (r.kind === 'merge') return t('ledger_kind_merge', [r.source || t('common_none')]);
  if (r.kind === 'upgrade' && r.unit === '') return t('ledger_kind_combine');
  return t(`ledger_kind_${r.kind}`);
}

/** A case's revision history, newest first: who, when, which fields, old and new values. */
function HistoryRow({
  t,
  c,
  id,
  keyId,
  load,
}: {
  t: Translate;
  c: LedgerCase;
  id: string;
  keyId: string;
  load(c: LedgerCase): Promise<LedgerRevision[]>;
}) {
  const [history, setHistory] = useState<LedgerRevision[] | null>(null);
  useEffect(() => {
    let live = true;
    load(c).then(
      (h) => live && setHistory(h),
      () => live && setHistory([]),
    );
    return () => {
      live = false;
    };
  }, [c, load]);
  return (
    <tr className="history" id={id}>
      <td colSpan={COLUMNS.length}>
        <section data-testid="history" aria-busy={history === null} aria-labelledby={`${id}-title ${keyId}`}>
          <span hidden id={`${id}-title`}>
            {t('ledger_history')}
          </span>
          <p className="muted">{t('ledger_historyHint')}</p>
          <ol className="revisions">
            {[...(history ?? [])].reverse().map((r) => (
              <li key={r.id} data-testid="revision" data-kind={r.kind} data-revision={r.revision}>
                <strong>{formatTimestamp(r.at)}</strong> <Data>{r.unit}</Data> <Data>{r.recorder}</Data> ·{' '}
                <MixedText text={revisionTitle(t, r)} />
                {r.changes.length === 0 ? (
                  <div className="muted">{t('ledger_historyNoChange')}</div>
                ) : (
                  <ul>
                    {r.changes.map((ch) => (
                      <li key={ch.field} data-field={ch.field}>
                        <MixedText
                          text={t('ledger_historyChange', [
                            t(`recordfield_${ch.field}`),
                            fieldText(t, ch.field, ch.from),
                            fieldText(t, ch.field, ch.to),
                          ])}
                        />
                        {ch.by && <MixedText text={` ${t('ledger_historyBy', [ch.by.unit, ch.by.recorder, formatTimestamp(ch.by.at)])}`} />}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </section>
      </td>
    </tr>
  );
}

function ListingCell({ t, c }: { t: Translate; c: LedgerCase }) {
  const decision = c.listingDecision === null ? dash : t(c.listingDecision === 'yes' ? 'ledger_yes' : 'ledger_no');
  return (
    <>
      {decision}
      {c.listingDate && <div>{c.listingDate}</div>}
    </>
  );
}

function EditErrorRow({ error }: { error: string }) {
  return (
    <tr className="edit-error">
      <td colSpan={COLUMNS.length}>
        <p className="error" role="alert" data-testid="edit-error">
          <MixedText text={error} />
        </p>
      </td>
    </tr>
  );
}

/** An edit of a case's row: the draft, saving it, and the keys (Enter saves, Escape cancels). */
function useCaseEdit(c: LedgerCase, onSave: (opened: LedgerCase, edit: LedgerEdit) => Promise<string | null>, onCancel: () => void) {
  // the record as the editor opened on it: the live row may change under it, and the save must say what it saw
  const [opened] = useState(c);
  const [edit, setEdit] = useState<LedgerEdit>({
    domain: c.domain,
    listingDecision: c.listingDecision,
    listingDate: c.listingDate ?? '',
    exposureDate: c.exposureDate ?? '',
    repeatPublicityDate: c.repeatPublicityDate ?? '',
  });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (patch: Partial<LedgerEdit>) => setEdit({ ...edit, ...patch });
  const save = async () => {
    setSaving(true);
    const err = await onSave(opened, edit);
    setSaving(false);
    setError(err);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onCancel();
    if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
      e.preventDefault();
      void save();
    }
  };
  return { edit, set, error, saving, save, onKey, first };
}

function EditRow({
  t,
  c,
  onSave,
  onCancel,
}: {
  t: Translate;
  c: LedgerCase;
  onSave(opened: LedgerCase, edit: LedgerEdit): Promise<string | null>;
  onCancel(): void;
}) {
  const { edit, set, error, saving, save, onKey, first } = useCaseEdit(c, onSave, onCancel);
  const date = (key: 'listingDate' | 'exposureDate' | 'repeatPublicityDate', label: string) => (
    <input
      className="date-text"
      aria-label={label}
      data-testid={`edit-${key}`}
      value={edit[key]}
      placeholder="2023-07-01"
      inputMode="numeric"
      onChange={(e) => set({ [key]: e.target.value })}
    />
  );
  return (
    <>
      <tr className="editing" data-testid="ledger-edit" data-id={c.id} onKeyDown={onKey}>
        <NumbersCell c={c} />
        <PartyCell c={c} />
        <td>
          <select
            ref={first}
            aria-label={t('ledger_col_domain')}
            data-testid="edit-domain"
            value={edit.domain}
            onChange={(e) => set({ domain: e.target.value as Domain })}
          >
            {DOMAINS.map((d) => (
              <option key={d} value={d}>
                {t(`ledger_domain_${d}`)}
              </option>
            ))}
          </select>
        </td>
        <td>
          <span className={`tag tag-${c.verdict}`}>{t(VERDICT_LABELS[c.verdict].short)}</span>
        </td>
        <td>
          <select
            aria-label={t('ledger_listingDecision')}
            data-testid="edit-listingDecision"
            value={edit.listingDecision ?? ''}
            onChange={(e) => set({ listingDecision: (e.target.value || null) as LedgerEdit['listingDecision'] })}
          >
            <option value="">{t('ledger_undecided')}</option>
            <option value="yes">{t('ledger_yes')}</option>
            <option value="no">{t('ledger_no')}</option>
          </select>
          {date('listingDate', t('ledger_date_listingDate'))}
        </td>
        <td>{date('exposureDate', t('ledger_date_exposureDate'))}</td>
        <td>{date('repeatPublicityDate', t('ledger_date_repeatPublicityDate'))}</td>
        <RecordedByCell c={c} />
        <td>{formatTimestamp(c.updatedAt)}</td>
        <td className="actions">
          <button type="button" className="primary" data-testid="edit-save" disabled={saving} onClick={() => void save()}>
            {t('common_save')}
          </button>
          <button type="button" data-testid="edit-cancel" onClick={onCancel}>
            {t('common_cancel')}
          </button>
        </td>
      </tr>
      {error && <EditErrorRow error={error} />}
    </>
  );
}

interface CaseRowProps {
  t: Translate;
  c: LedgerCase;
  /** ids of this row's parts, by position on the page */
  rowId: string;
  keyId: string;
  historyOpen: boolean;
  editButtonRef(el: HTMLButtonElement | null): void;
  onEdit(): void;
  onToggleHistory(): void;
  onDelete(): void;
  loadHistory: LedgerPageProps['loadHistory'];
}

/** A recorded case's row, with its revision history below it when open. */
function CaseRow({ t, c, rowId, keyId, historyOpen, editButtonRef, onEdit, onToggleHistory, onDelete, loadHistory }: CaseRowProps) {
  return (
    <>
      <tr className={rowClass(c)} data-testid="ledger-row" data-id={c.id}>
        <NumbersCell c={c} keyId={keyId} />
        <PartyCell c={c} />
        <td data-col="domain">{t(`ledger_domain_${c.domain}`)}</td>
        <td>
          <span className={`tag tag-${c.verdict}`}>{t(VERDICT_LABELS[c.verdict].short)}</span>
          {isUnlistedCase(c) && (
            <div className="unlisted-note" data-testid="ledger-unlisted">
              {t(c.unlisted === 'yes' ? 'ledger_unlistedYes' : 'ledger_unlistedPossible')}
            </div>
          )}
        </td>
        <td data-col="listing">
          <ListingCell t={t} c={c} />
        </td>
        <td data-col="exposure">{c.exposureDate ?? dash}</td>
        <td data-col="repeat">{c.repeatPublicityDate ?? dash}</td>
        <RecordedByCell c={c} />
        <td>{formatTimestamp(c.updatedAt)}</td>
        <td className="actions">
          <button
            ref={editButtonRef}
            type="button"
            data-testid="row-edit"
            id={`${rowId}-edit`}
            aria-labelledby={`${rowId}-edit ${keyId}`}
            onClick={onEdit}
          >
            {t('ledger_edit')}
          </button>
          <button
            type="button"
            data-testid="row-history"
            aria-expanded={historyOpen}
            aria-controls={`${rowId}-history`}
            id={`${rowId}-showHistory`}
            {...(historyOpen ? { 'aria-label': t('ledger_historyHide') } : { 'aria-labelledby': `${rowId}-showHistory ${keyId}` })}
            onClick={onToggleHistory}
          >
            {t('ledger_history')}
          </button>
          <button
            type="button"
            className="danger"
            data-testid="row-delete"
            id={`${rowId}-delete`}
            aria-labelledby={`${rowId}-delete ${keyId}`}
            onClick={onDelete}
          >
            {t('common_delete')}
          </button>
        </td>
      </tr>
      {historyOpen && <HistoryRow t={t} c={c} id={`${rowId}-history`} keyId={keyId} load={loadHistory} />}
    </>
  );
}

function Pager({ t, page, pages, onPage }: Pick<LedgerPageProps, 't' | 'page' | 'onPage'> & { pages: number }) {
  return (
    // a div, not <nav>: the dashboard styles every <nav> as its sidebar
    <div className="row pager" role="navigation" aria-label={t('ledger_paging')}>
      <button type="button" data-testid="page-prev" disabled={page <= 0} onClick={() => onPage(page - 1)}>
        {t('ledger_prev')}
      </button>
      <span data-testid="page-status">{t('ledger_pageStatus', [String(page + 1), String(pages)])}</span>
      <button type="button" data-testid="page-next" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>
        {t('ledger_next')}
      </button>
    </div>
  );
}

/** Parties named in the undo bar; the rest are counted. */
const PARTIES_SHOWN = 3;

/** What 撤销 would restore: the newest deletion's parties (当事人) and when it was made. */
function UndoWhat({ t, undo }: { t: Translate; undo: LedgerUndoOffer }) {
  const named = undo.parties.filter((n) => n !== '');
  const names = <Data>{joinWords(t, 'common_joinList', named.slice(0, PARTIES_SHOWN))}</Data>;
  const count = undo.caseIds.length;
  return (
    <span data-testid="undo-what">
      {named.length > 0 &&
        (count > PARTIES_SHOWN || named.length < count
          ? richMessage(t, 'ledger_undoPartiesMore', [names, String(count)])
          : richMessage(t, 'ledger_undoParties', [names]))}{' '}
      {t('ledger_undoDeletedAt', [formatTimestamp(undo.deletedAt)])}
    </span>
  );
}

/** The undo bar after a deletion (and after a reload, while deletions can be undone), and the last action's notice or error. */
function LedgerMessages(
  p: Pick<LedgerPageProps, 't' | 'undo' | 'notice' | 'error'> & {
    undoButton: RefObject<HTMLButtonElement | null>;
    onUndo(): void;
    onDismissUndo(): void;
  },
) {
  const { t } = p;
  return (
    <>
      {p.undo && (
        <div className="undo-bar" role="status" data-testid="undo-bar">
          <span>{t('ledger_deleted', [String(p.undo.caseIds.length)])}</span>
          <UndoWhat t={t} undo={p.undo} />
          <span data-testid="undo-pending">{t('ledger_undoPending', [String(p.undo.pending)])}</span>
          <button type="button" className="primary" data-testid="undo" ref={p.undoButton} onClick={p.onUndo}>
            {t('ledger_undo')}
          </button>
          <button type="button" className="link" data-testid="undo-dismiss" onClick={p.onDismissUndo}>
            {t('ledger_dismiss')}
          </button>
        </div>
      )}
      {p.notice && (
        <p className="ok" role="status" data-testid="ledger-notice">
          {p.notice}
        </p>
      )}
      {p.error && (
        <p className="error" role="alert">
          {p.error}
        </p>
      )}
    </>
  );
}

/**
 * Where the handler's own click sends the focus once the offer changes from `from` (the newest offered deletion
 * when clicked): after 删除, to 撤销; after 撤销, to the first restored row's 编辑 once the ledger's next answer
 * shows it (else the table); after 关闭, to the table the notice belonged to. Never left on the page's body.
 */
type FocusWish = { from: string | undefined } & (
  { kind: 'undo' } | { kind: 'restored'; caseIds: readonly string[]; rows: readonly LedgerCase[] } | { kind: 'list' }
);

/**
 * The focus after the undo bar's actions. A deletion or an undo made elsewhere (another tab, a reload offering
 * the kept ones) moves nothing: only this page's own clicks do.
 */
function useUndoFocus(p: LedgerPageProps, editButtons: RefObject<Map<string, HTMLButtonElement>>) {
  const undoButton = useRef<HTMLButtonElement>(null);
  const table = useRef<HTMLTableElement>(null);
  const [wish, setWish] = useState<FocusWish | null>(null);
  const token = p.undo?.token;
  useEffect(() => {
    if (!wish || token === wish.from) return;
    // a new deletion offered, or more to undo after this one: 撤销 has the focus
    if (wish.kind === 'undo' || token !== undefined) {
      undoButton.current?.focus();
      return setWish(null);
    }
    const row = wish.kind === 'restored' ? wish.caseIds.map((id) => editButtons.current.get(id)).find((b) => b) : undefined;
    (row ?? table.current)?.focus();
    // the restored rows may come with the ledger's next answer; not on this page (filters, paging), the table keeps it
    if (row || wish.kind === 'list' || p.rows !== wish.rows) setWish(null);
  }, [wish, token, p.rows, editButtons]);
  return {
    undoButton,
    table,
    onDelete: (c: LedgerCase) => {
      setWish({ kind: 'undo', from: token });
      p.onDelete(c);
    },
    onUndo: () => {
      if (p.undo) setWish({ kind: 'restored', from: token, caseIds: p.undo.caseIds, rows: p.rows });
      p.onUndo();
    },
    onDismissUndo: () => {
      setWish({ kind: 'list', from: token });
      p.onDismissUndo();
    },
  };
}

function useEditEnd(setEditing: (id: string | null) => void) {
  // After an edit ends, focus goes back to that row's 编辑 button rather than to the page start.
  const [returnFocus, setReturnFocus] = useState<string | null>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  useEffect(() => {
    if (returnFocus === null) return;
    editButtons.current.get(returnFocus)?.focus();
    setReturnFocus(null);
  }, [returnFocus]);
  const endEdit = (id: string) => {
    setEditing(null);
    setReturnFocus(id);
  };
  return { editButtons, endEdit };
}

/** 台账: the recorded cases with search, filters, paging, row editing, and deletion with undo. */
export function LedgerPage(p: LedgerPageProps) {
  const { t } = p;
  const [editing, setEditing] = useState<string | null>(null);
  // the case whose revision history is open below its row
  const [showing, setShowing] = useState<string | null>(null);
  const { editButtons, endEdit } = useEditEnd(setEditing);
  const focus = useUndoFocus(p, editButtons);
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  // ids by position on the page: a case's id is its decision number, Chinese data that has no place in attributes
  const uid = useId();
  return (
    <div>
      <FilterBar t={t} filters={p.filters} onFilters={p.onFilters} units={p.units} />
      <LedgerMessages {...p} undoButton={focus.undoButton} onUndo={focus.onUndo} onDismissUndo={focus.onDismissUndo} />
      <p className="muted" aria-live="polite" data-testid="ledger-count">
        {p.loading ? t('ledger_loading') : t('ledger_count', [String(p.total)])}
      </p>
      <div className="table-scroll">
        <table className="grid ledger-table" data-testid="ledger-table" ref={focus.table} tabIndex={-1}>
          <caption className="sr-only">{t('ledger_caption')}</caption>
          <thead>
            <tr>
              {COLUMNS.map((col) => (
                <th key={col} scope="col">
                  {t(`ledger_col_${col}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.length === 0 && !p.loading && (
              <tr>
                <td colSpan={COLUMNS.length} className="muted">
                  {t('ledger_empty')}
                </td>
              </tr>
            )}
            {p.rows.map((c, i) => {
              const rowId = `${uid}-row-${i}`;
              const keyId = `${rowId}-key`;
              return editing === c.id ? (
                <EditRow
                  key={c.id}
                  t={t}
                  c={c}
                  onCancel={() => endEdit(c.id)}
                  onSave={async (opened, edit) => {
                    const err = await p.onSave(opened, edit);
                    if (err === null) endEdit(c.id);
                    return err;
                  }}
                />
              ) : (
                <CaseRow
                  key={c.id}
                  t={t}
                  c={c}
                  rowId={rowId}
                  keyId={keyId}
                  historyOpen={showing === c.id}
                  editButtonRef={(el) => {
                    if (el) editButtons.current.set(c.id, el);
                    else editButtons.current.delete(c.id);
                  }}
                  onEdit={() => setEditing(c.id)}
                  onToggleHistory={() => setShowing(showing === c.id ? null : c.id)}
                  onDelete={() => focus.onDelete(c)}
                  loadHistory={p.loadHistory}
                />
              );
            })}
          </tbody>
        </table>
      </div>
      <Pager t={t} page={p.page} pages={pages} onPage={p.onPage} />
    </div>
  );
}

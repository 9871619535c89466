import { useState } from 'react';
import type { Translate } from '../Overlay';
import type { MessageFamily } from '../../lib/messages';
import type { ListKind, ListMeta } from '../../lib/db/schema';
import { ImportWizard, kindKey, type WizardProps } from './ImportWizard';
import { Data } from './Data';

/** One search result: a row of an imported list, with what it says at today's date. */
export interface SearchHitView {
  key: string;
  listName: string;
  kind: ListKind;
  name: string;
  code: string;
  codeOk: boolean;
  matchedBy: 'code' | 'name';
  line: number;
  /** message code (lists_status_…) and its parameters */
  status: { code: MessageFamily<'lists_status_'>; params: string[] };
}

export interface ListsSearch {
  query: string;
  /** null while nothing was searched */
  hits: readonly SearchHitView[] | null;
  busy: boolean;
  error: string | null;
  /** the search stopped at this many hits */
  limit: number;
}

export interface ListsPageProps {
  t: Translate;
  wizard: WizardProps;
  /** active lists, newest first; null while loading */
  lists: readonly ListMeta[] | null;
  listsError: string | null;
  /** a list being exported, removed, or the last such action's error */
  action: { listId: string; kind: 'export' | 'remove'; error?: string } | null;
  onExport(id: string): void;
  onRemove(id: string): void;
  search: ListsSearch;
  onSearch(query: string): void;
}

const num = (n: number): string => n.toLocaleString('zh-CN');
const pad = (n: number): string => String(n).padStart(2, '0');

/** Local date and time of an ISO timestamp, e.g. 2025-11-22 10:30. */
function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The 名单 page: the import wizard, the imported lists with their counts, and a search across them. */
export function ListsPage(p: ListsPageProps) {
  const { t } = p;
  return (
    <section>
      <h2>{t('dash_nav_lists')}</h2>
      <p className="muted">{t('lists_intro')}</p>
      <ImportWizard {...p.wizard} />
      <ListsTable {...p} />
      <SearchPanel {...p} />
    </section>
  );
}

function ListsTable(p: ListsPageProps) {
  const { t, lists, action } = p;
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <div className="card" data-testid="lists">
      <h3>{t('lists_title')}</h3>
      {p.listsError ? (
        <p className="error" role="alert">
          {t('lists_loadError', [p.listsError])}
        </p>
      ) : null}
      {action?.error ? (
        <p className="error" role="alert" data-testid="lists-action-error">
          {action.error}
        </p>
      ) : null}
      {lists === null ? (
        <p className="muted">{t('lists_loading')}</p>
      ) : lists.length === 0 ? (
        <p className="muted" data-testid="lists-empty">
          {t('lists_empty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="grid" data-testid="lists-table">
            <thead>
              <tr>
                <th>{t('lists_col_kind')}</th>
                <th>{t('lists_col_name')}</th>
                <th>{t('lists_col_source')}</th>
                <th>{t('lists_col_importedAt')}</th>
                <th>{t('lists_col_rows')}</th>
                <th>{t('lists_col_invalid')}</th>
                <th>{t('lists_col_flagged')}</th>
                <th>{t('lists_col_actions')}</th>
              </tr>
            </thead>
            <tbody>
              {lists.map((l) => (
                <ListRow key={l.id} {...p} list={l} confirming={confirming === l.id} setConfirming={setConfirming} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** One imported list: its counts, and export / remove with a confirmation. */
function ListRow(p: ListsPageProps & { list: ListMeta; confirming: boolean; setConfirming(id: string | null): void }) {
  const { t, action, list: l, confirming, setConfirming } = p;
  const busy = action?.listId === l.id && !action.error;
  return (
    <tr data-testid="list-row" data-list-id={l.id} data-kind={l.kind} data-name={l.name}>
      <td>{t(kindKey(l.kind))}</td>
      <td>
        <Data>{l.name}</Data>
        {l.dataDate ? <div className="hint">{t('lists_dataDate', [l.dataDate])}</div> : null}
      </td>
      <td>
        <Data>{l.source}</Data>
      </td>
      <td>{when(l.importedAt)}</td>
      <td data-testid="list-rows" data-count={l.rowCount}>
        {num(l.rowCount)}
      </td>
      <td data-count={l.invalidCount}>{num(l.invalidCount)}</td>
      <td data-count={l.flaggedCount}>{num(l.flaggedCount)}</td>
      <td className="actions">
        {confirming ? (
          <span className="row" role="alertdialog" aria-label={t('lists_remove_confirm', [l.name])}>
            <span>{t('lists_remove_confirm', [l.name])}</span>
            <button
              type="button"
              className="danger"
              data-testid="list-remove-confirm"
              onClick={() => {
                setConfirming(null);
                p.onRemove(l.id);
              }}
            >
              {t('lists_remove_yes')}
            </button>
            <button type="button" data-testid="list-remove-cancel" onClick={() => setConfirming(null)}>
              {t('common_cancel')}
            </button>
          </span>
        ) : (
          <span className="row">
            <button type="button" data-testid="list-export" disabled={busy} onClick={() => p.onExport(l.id)}>
              {busy && action?.kind === 'export' ? t('lists_exporting') : t('lists_export')}
            </button>
            <button type="button" className="danger" data-testid="list-remove" disabled={busy} onClick={() => setConfirming(l.id)}>
              {busy && action?.kind === 'remove' ? t('lists_removing') : t('lists_remove')}
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

function SearchPanel(p: ListsPageProps) {
  const { t, search } = p;
  return (
    <div className="card" data-testid="lists-search-panel">
      <h3>{t('lists_search_title')}</h3>
      <label className="field">
        {t('lists_search_label')}
        <input
          type="search"
          data-testid="lists-search"
          value={search.query}
          placeholder={t('lists_search_placeholder')}
          maxLength={200}
          onChange={(e) => p.onSearch(e.target.value)}
        />
      </label>
      {search.error ? (
        <p className="error" role="alert">
          {t('lists_search_error', [search.error])}
        </p>
      ) : null}
      {search.busy ? <p className="muted">{t('lists_searching')}</p> : null}
      {search.hits !== null && !search.busy ? (
        search.hits.length === 0 ? (
          <p className="muted" data-testid="lists-search-none">
            {t('lists_search_none', [search.query.trim()])}
          </p>
        ) : (
          <>
            <table className="grid" data-testid="lists-search-results">
              <thead>
                <tr>
                  <th>{t('lists_col_list')}</th>
                  <th>{t('lists_col_party')}</th>
                  <th>{t('lists_col_code')}</th>
                  <th>{t('lists_col_match')}</th>
                  <th>{t('lists_col_status')}</th>
                </tr>
              </thead>
              <tbody>
                {search.hits.map((h) => (
                  <tr key={h.key} data-testid="search-hit" data-kind={h.kind} data-code={h.code} data-status={h.status.code}>
                    <td>
                      {h.listName}
                      <div className="hint">
                        {t(kindKey(h.kind))} · {t('lists_line', [String(h.line)])}
                      </div>
                    </td>
                    <td>{h.name}</td>
                    <td>
                      {h.code}
                      {h.code && !h.codeOk ? <div className="error-text">{t('lists_codeInvalid')}</div> : null}
                    </td>
                    <td>{h.matchedBy === 'code' ? t('lists_match_code') : t('lists_match_name')}</td>
                    <td>{t(`lists_status_${h.status.code}`, h.status.params)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {search.hits.length >= search.limit ? <p className="hint">{t('lists_search_limited', [String(search.limit)])}</p> : null}
          </>
        )
      ) : null}
    </div>
  );
}

import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Translate } from '../Overlay';
import { joinWords, type MessageFamily } from '../../lib/messages';
import {
  patternSource,
  type ListingRef,
  type Pattern,
  type RulePack,
  type Signals,
  type Source,
  type Status,
  type WordingKind,
} from '../../lib/rules/schema';
import { Data, MixedText, richMessage } from './Data';
import { FileChooser } from './FileChooser';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

export interface PackRow {
  /** a valid pack, or null for a stored one that no longer validates (shown with its error) */
  pack: RulePack | null;
  source: 'bundled' | 'managed' | 'imported';
  /** position in the stored list (imported packs only), for removal */
  index?: number;
  /** in force today */
  inForce: boolean;
  /** the pack the engine picks today */
  active: boolean;
  /** an imported pack not used while the administrator's policy sets the packs */
  setAside?: boolean;
  error?: string;
}

export type PackMessage = { kind: 'ok' | 'error'; text: string } | null;

function StatusTag({ t, status }: { t: Translate; status: Status }) {
  return (
    <span className={`tag status-${status}`} data-status={status} style={NOWRAP}>
      {t(`engine_status_${status}`)}
    </span>
  );
}

function Wording({ t, text, kind }: { t: Translate; text: string; kind: WordingKind }) {
  return (
    <>
      <Data>{text}</Data> <span className="hint">{t(`packs_wording_${kind}`)}</span>
    </>
  );
}

function PatternView({ p }: { p: Pattern }) {
  return (
    <div>
      <code lang="zh-CN">{patternSource(p)}</code>
      {typeof p === 'string' ? null : (
        <span className="hint">
          {' '}
          <Data>{p.catches}</Data>
        </span>
      )}
    </div>
  );
}

function SignalsView({ t, s }: { t: Translate; s: Signals }) {
  const laws = (s.laws ?? []).map((l, i) => (
    <span key={i}>
      {l.articles ? (
        richMessage(t, 'packs_signal_lawArticles', [<Data>{l.law}</Data>, joinWords(t, 'common_joinList', l.articles.map(String))])
      ) : (
        <Data>{t('common_lawTitle', [l.law])}</Data>
      )}
      {l.paragraphs ? t('packs_signal_lawParagraphs', [joinWords(t, 'common_joinList', l.paragraphs.map(String))]) : ''}
      {l.versionFrom || l.versionTo ? t('packs_signal_lawVersion', [l.versionFrom ?? '…', l.versionTo ?? '…']) : ''}
    </span>
  ));
  const parts: Array<[MessageFamily<'packs_signal_'>, Pattern[] | null]> = [
    ['patterns', s.patterns ?? []],
    ['requireAlso', s.requireAlso ?? []],
    ['negative', s.negative ?? []],
  ];
  const shown = parts.filter(([, v]) => v !== null && v.length > 0);
  if (shown.length === 0 && laws.length === 0) return <span className="muted">{t('packs_signal_none')}</span>;
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {laws.length > 0 ? (
        <li>
          {t('packs_signal_laws')}
          {(laws as ReactNode[]).reduce((a, b) => richMessage(t, 'common_joinClauses', [a, b]))}
        </li>
      ) : null}
      {shown.map(([k, v]) => (
        <li key={k}>
          {t(`packs_signal_${k}`)}
          {v!.map((p) => (
            <PatternView key={patternSource(p)} p={p} />
          ))}
        </li>
      ))}
    </ul>
  );
}

/** Where an entry's wording comes from and the real listings that cite it (URLs shown as text, never fetched). */
function SourcesView({ t, sources, listings }: { t: Translate; sources?: readonly Source[]; listings?: readonly ListingRef[] }) {
  if (!sources?.length && !listings?.length) return <span className="muted">{t('packs_sources_none')}</span>;
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }} data-testid="pack-sources">
      {(sources ?? []).map((src, i) => (
        <li key={`s${i}`} data-testid="pack-source">
          <Data>{src.document ?? ''}</Data>{' '}
          {src.url ? (
            <code className="url" lang="zh-CN">
              {src.url}
            </code>
          ) : null}
          <span className="hint"> {t('packs_sources_read', [src.read])}</span>
        </li>
      ))}
      {(listings ?? []).map((l, i) => (
        <li key={`l${i}`} data-testid="pack-listing">
          {richMessage(t, 'packs_sources_listing', [<Data>{l.decisionNo ?? ''}</Data>, l.date ?? ''])}{' '}
          <code className="url" lang="zh-CN">
            {l.url}
          </code>
          <span className="hint"> {t('packs_sources_read', [l.read])}</span>
        </li>
      ))}
    </ul>
  );
}

function itemLabel(t: Translate, article: number, item: number | 'catchall'): string {
  return item === 'catchall'
    ? t('engine_citation_catchall', [String(article)])
    : t('engine_citation_item', [String(article), String(item)]);
}

/** An item's status, title and wording: the middle columns of every table of a pack's items. */
function ItemTexts({
  t,
  it,
}: {
  t: Translate;
  it: Pick<ItemOf<RulePack['heavierPenalty']>, 'status' | 'title' | 'wording' | 'wordingKind'>;
}) {
  return (
    <>
      <td>
        <StatusTag t={t} status={it.status} />
      </td>
      <td>
        <Data>{it.title}</Data>
      </td>
      <td>
        <Wording t={t} text={it.wording} kind={it.wordingKind} />
      </td>
    </>
  );
}

type ItemOf<T extends { items: readonly unknown[] }> = T['items'][number];

/** The columns of every table of a pack's items. */
function ItemsHead({ t }: { t: Translate }) {
  return (
    <thead>
      <tr>
        {(['item', 'status', 'title', 'wording', 'signals', 'sources'] as const).map((c) => (
          <th key={c}>{t(`packs_col_${c}`)}</th>
        ))}
      </tr>
    </thead>
  );
}

/** 从重处罚: the items of the article that lists heavier penalties, with the signals that match them. */
function HeavierPenaltyTable({ t, pack }: { t: Translate; pack: RulePack }) {
  const h = pack.heavierPenalty;
  return (
    <table className="grid">
      <ItemsHead t={t} />
      <tbody>
        {h.items.map((it) => (
          <tr key={it.citation} data-testid="pack-item" data-citation={it.citation} data-status={it.status}>
            <td style={NOWRAP}>{itemLabel(t, h.article, it.item)}</td>
            <ItemTexts t={t} it={it} />
            <td>
              {t('packs_signal_penalties')}
              {joinWords(
                t,
                'common_joinList',
                it.penalties.map((k) => t(`packs_penalty_${k}`)),
              )}
              {it.requiresAggravation ? richMessage(t, 'packs_signal_aggravation', [<Data>{it.requiresAggravation}</Data>]) : ''}
              {it.catchall ? <div className="hint">{t('packs_signal_catchall')}</div> : null}
              {(it.writtenAs ?? []).map((w) => (
                <div key={w.id} data-testid="pack-written-as" data-status={w.status}>
                  {richMessage(t, 'packs_writtenAs', [<Data>{w.title}</Data>])} <StatusTag t={t} status={w.status} />
                  <PatternView p={w.pattern} />
                </div>
              ))}
            </td>
            <td>
              <SourcesView
                t={t}
                sources={it.sources}
                listings={[...(it.listings ?? []), ...(it.writtenAs ?? []).flatMap((w) => w.listings ?? [])]}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One domain's violation article and its items. */
function ViolationArticle({ t, a }: { t: Translate; a: RulePack['violationArticles'][number] }) {
  return (
    <div>
      <h4>
        {t('engine_citation_article', [String(a.article)])} <Data>{a.title}</Data> {t('packs_domainOf', [t(`packs_domain_${a.domain}`)])}{' '}
        <StatusTag t={t} status={a.status} />
      </h4>
      <table className="grid">
        <ItemsHead t={t} />
        <tbody>
          {a.items.map((it) => (
            <tr key={it.citation} data-testid="pack-item" data-citation={it.citation} data-status={it.status}>
              <td>
                <span style={NOWRAP}>{itemLabel(t, a.article, it.item)}</span>
                {it.itemNumberConfirmed === false ? <div className="hint">{t('packs_itemNumberUnconfirmed')}</div> : null}
              </td>
              <ItemTexts t={t} it={it} />
              <td>
                {it.item === 'catchall' ? (
                  <span className="hint">{t('packs_signal_catchallDomain')}</span>
                ) : (
                  <SignalsView t={t} s={it.signals} />
                )}
              </td>
              <td>
                <SourcesView t={t} sources={it.sources} listings={it.listings} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every entry of a pack, article by article: item, status, title, wording and the signals that match it. */
function PackItems({ t, pack }: { t: Translate; pack: RulePack }) {
  const h = pack.heavierPenalty;
  return (
    <div data-testid="pack-items">
      <h4>
        {t('engine_citation_article', [String(h.article)])} <Data>{h.title}</Data> <StatusTag t={t} status={h.status} />
      </h4>
      <HeavierPenaltyTable t={t} pack={pack} />
      {pack.violationArticles.map((a) => (
        <ViolationArticle key={a.citation} t={t} a={a} />
      ))}
      <h4>
        {t('engine_citation_article', [String(pack.refusalToPerform.article)])} <Data>{pack.refusalToPerform.title}</Data>{' '}
        <StatusTag t={t} status={pack.refusalToPerform.status} />
      </h4>
      <p>
        <Wording t={t} text={pack.refusalToPerform.wording} kind={pack.refusalToPerform.wordingKind} />
      </p>
      <SignalsView t={t} s={pack.refusalToPerform.signals} />
      <SourcesView t={t} sources={pack.refusalToPerform.sources} listings={pack.refusalToPerform.listings} />
      {pack.courtJudgment ? (
        <div data-testid="pack-court-judgment" data-status={pack.courtJudgment.status}>
          <h4>
            <Data>{pack.courtJudgment.title}</Data> <StatusTag t={t} status={pack.courtJudgment.status} />
          </h4>
          <p>
            <Wording t={t} text={pack.courtJudgment.wording} kind={pack.courtJudgment.wordingKind} />
          </p>
          <SignalsView t={t} s={pack.courtJudgment.signals} />
          <SourcesView t={t} sources={pack.courtJudgment.sources} listings={pack.courtJudgment.listings} />
        </div>
      ) : null}
      <h4>
        {t('engine_citation_article', [String(pack.judgment.article)])} <Data>{pack.judgment.title}</Data>{' '}
        <StatusTag t={t} status={pack.judgment.status} />
      </h4>
      <ul>
        {[...pack.judgment.factors, pack.judgment.noIntentException].map((f) => (
          <li key={f.id} data-testid="pack-factor" data-factor={f.id}>
            <Data>{f.text}</Data> <StatusTag t={t} status={f.status} />
            {f.signals ? (
              <div>
                {t('packs_factorSigns')}
                <SignalsView t={t} s={f.signals} />
              </div>
            ) : null}
            {f.sources || f.listings ? <SourcesView t={t} sources={f.sources} listings={f.listings} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function packKey(row: PackRow, i: number): string {
  const p = row.pack;
  return p ? `${row.source}:${p.id}@${p.version}` : `invalid:${i}`;
}

/** A pack in the list: what it is, where from, whether the engine uses it today, and its actions. */
function PackListRow({
  t,
  row,
  open,
  busy,
  onToggle,
  onExport,
  onRemove,
}: {
  t: Translate;
  row: PackRow;
  /** its entries are shown below the list */
  open: boolean;
  busy: boolean;
  onToggle(): void;
  onExport(pack: RulePack): void;
  onRemove(index: number): void;
}) {
  const p = row.pack;
  return (
    <tr
      data-testid="pack"
      data-pack-id={p?.id ?? ''}
      data-version={p?.version ?? ''}
      data-source={row.source}
      data-active={row.active ? 'true' : 'false'}
    >
      <td>
        {p ? <Data>{p.title}</Data> : <span className="error">{t('packs_invalidStored', [row.error ?? ''])}</span>}
        <div className="hint">
          {row.source === 'managed' ? <span className="managed-badge">{t('managed_badge')}</span> : t(`packs_source_${row.source}`)}
          {row.setAside ? ` · ${t('packs_setAside')}` : ''}
        </div>
      </td>
      <td>
        <code>{p?.id}</code>
      </td>
      <td>{p?.version}</td>
      <td>{p ? t('packs_effectiveRange', [p.effectiveFrom, p.effectiveTo ?? t('packs_effectiveOpen')]) : null}</td>
      <td>{p ? p.jurisdiction === 'national' ? t('packs_national') : <Data>{p.jurisdiction}</Data> : null}</td>
      <td data-testid="pack-state">
        {p ? (
          row.active ? (
            <strong>{t('packs_state_active')}</strong>
          ) : (
            t(row.inForce ? 'packs_state_inForce' : 'packs_state_notInForce')
          )
        ) : null}
      </td>
      <td>
        <div className="row">
          {p ? (
            <button type="button" className="link" data-testid="pack-toggle" aria-expanded={open} onClick={onToggle}>
              {t(open ? 'packs_hideItems' : 'packs_showItems')}
            </button>
          ) : null}
          {p && row.source === 'bundled' ? (
            <button type="button" className="link" data-testid="pack-export" onClick={() => onExport(p)}>
              {t('packs_export')}
            </button>
          ) : null}
          {row.source === 'imported' && row.index !== undefined ? (
            <RemoveAction t={t} pack={p} busy={busy} onRemove={() => onRemove(row.index!)} />
          ) : null}
        </div>
      </td>
    </tr>
  );
}

/** 删除 of an imported pack, asked once more inline as a list's removal is. */
function RemoveAction({ t, pack, busy, onRemove }: { t: Translate; pack: RulePack | null; busy: boolean; onRemove(): void }) {
  const [confirming, setConfirming] = useState(false);
  // keyboard users keep their place: into the question (on 取消, the harmless answer) and back to 删除
  const remove = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);
  useEffect(() => {
    if (!toggled.current) return;
    toggled.current = false;
    (confirming ? cancel : remove).current?.focus();
  }, [confirming]);
  const ask = (on: boolean): void => {
    toggled.current = true;
    setConfirming(on);
  };
  if (!confirming)
    return (
      <button ref={remove} type="button" className="danger" data-testid="pack-remove" disabled={busy} onClick={() => ask(true)}>
        {t('common_delete')}
      </button>
    );
  const question = pack ? t('packs_remove_confirm', [pack.title, pack.version]) : t('packs_remove_confirmInvalid');
  return (
    <span className="row" role="alertdialog" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className="danger"
        data-testid="pack-remove-confirm"
        disabled={busy}
        onClick={() => {
          setConfirming(false);
          onRemove();
        }}
      >
        {t('packs_remove_yes')}
      </button>
      <button ref={cancel} type="button" data-testid="pack-remove-cancel" onClick={() => ask(false)}>
        {t('common_cancel')}
      </button>
    </span>
  );
}

function PackDetail({ t, pack }: { t: Translate; pack: RulePack }) {
  return (
    <div className="card" data-testid="pack-detail" data-pack-id={pack.id}>
      <h3>
        <Data>{pack.title}</Data> <code>{pack.version}</code>
      </h3>
      {pack.notes ? (
        <p className="muted" lang="zh-CN">
          {pack.notes}
        </p>
      ) : null}
      <PackItems t={t} pack={pack} />
    </div>
  );
}

function PackImportCard({
  t,
  message,
  busy,
  locked,
  onImport,
}: {
  t: Translate;
  message: PackMessage;
  busy: boolean;
  locked: boolean;
  onImport(file: File): void;
}) {
  return (
    <div className="card">
      {locked ? (
        <p data-testid="packs-locked">
          <span className="managed-badge">{t('managed_badge')}</span> {t('packs_locked')}
        </p>
      ) : null}
      <FileChooser
        t={t}
        label={t('packs_import')}
        testId="pack-file"
        accept=".json,application/json"
        disabled={busy || locked}
        onFiles={([file]) => file && onImport(file)}
      />
      <p className="hint">{t('packs_importHint')}</p>
      <p className="hint">{t('packs_exportHint')}</p>
      {message ? (
        <p
          className={message.kind}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid={message.kind === 'error' ? 'pack-error' : 'pack-imported'}
        >
          <MixedText text={message.text} />
        </p>
      ) : null}
    </div>
  );
}

export function PacksPage({
  t,
  packs,
  message,
  busy,
  locked = false,
  onImport,
  onRemove,
  onExport,
}: {
  t: Translate;
  packs: readonly PackRow[];
  message: PackMessage;
  busy: boolean;
  /** the administrator's policy sets the packs: importing is off */
  locked?: boolean;
  onImport(file: File): void;
  onRemove(index: number): void;
  /** download a bundled pack as a file to start an office's own pack from */
  onExport(pack: RulePack): void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  // a removed pack's row goes with the focus on it: the list keeps it
  const list = useRef<HTMLTableElement>(null);
  const remove = (index: number): void => {
    list.current?.focus();
    onRemove(index);
  };
  return (
    <section>
      <h2>{t('dash_nav_packs')}</h2>
      <p className="muted">{t('packs_intro')}</p>
      <table ref={list} tabIndex={-1} aria-label={t('dash_nav_packs')} className="grid" data-testid="packs-list">
        <thead>
          <tr>
            <th>{t('packs_col_title')}</th>
            <th>{t('packs_col_id')}</th>
            <th>{t('packs_col_version')}</th>
            <th>{t('packs_col_effective')}</th>
            <th>{t('packs_col_jurisdiction')}</th>
            <th>{t('packs_col_state')}</th>
            <th>{t('packs_col_actions')}</th>
          </tr>
        </thead>
        <tbody>
          {packs.map((row, i) => {
            const key = packKey(row, i);
            return (
              <PackListRow
                key={key}
                t={t}
                row={row}
                open={open === key}
                busy={busy}
                onToggle={() => setOpen(open === key ? null : key)}
                onExport={onExport}
                onRemove={remove}
              />
            );
          })}
        </tbody>
      </table>
      {packs.map((row, i) => {
        const key = packKey(row, i);
        return row.pack && open === key ? <PackDetail key={key} t={t} pack={row.pack} /> : null;
      })}
      <PackImportCard t={t} message={message} busy={busy} locked={locked} onImport={onImport} />
    </section>
  );
}

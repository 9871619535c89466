import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

export type Verdict = 'must-list' | 'review' | 'not-required' | 'insufficient';
export type ItemStatus = 'confirmed' | 'partial' | 'unconfirmed';
export type Translate = (key: string, subs?: string[]) => string;

export interface OverlayField {
  key: string;
  label: string;
  /** as read (identity numbers of natural persons already masked) */
  value: string;
}

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

export interface OverlayFlag {
  flag: string;
  status: ItemStatus;
  title: string;
  basis: string;
  date?: string;
  measures: string[];
}

export interface OverlayPosition {
  right: number;
  top: number;
}

export interface OverlayProps {
  t: Translate;
  fields: OverlayField[];
  verdict: OverlayVerdict | null;
  flags: OverlayFlag[];
  readOnlyView: boolean;
  collapsed: boolean;
  position: OverlayPosition;
  onToggleCollapsed(): void;
  onMoved(p: OverlayPosition): void;
  /** keys the picker can assign, with their labels */
  pickKeys: Array<{ key: string; label: string }>;
  picking: string | null;
  pickMessage: string | null;
  /** why picking is not offered here (the system's profile is set by the administrator), or null */
  pickLocked?: string | null;
  onStartPick(key: string): void;
  onCancelPick(): void;
  /** 记录本案: the button, a hint when the listing decision is set, the open form, the last result */
  record?: { label: string; suggestion: string | null; onRecord(): void; message: string | null; form: ReactNode };
}

const STEP = 24;
const PANEL_WIDTH = 340;
/** the part of the collapsed pill that must stay on screen */
const PILL_VISIBLE = 80;

export function Overlay(props: OverlayProps) {
  const { t, collapsed, position } = props;
  const drag = useRef<{ x: number; y: number; start: OverlayPosition } | null>(null);
  const [pos, setPos] = useState(position);
  useEffect(() => setPos(position), [position]);
  // a place chosen in a wider window (or before zooming in) must not leave the panel off screen
  const [, setViewport] = useState(0);
  useEffect(() => {
    const onResize = () => setViewport((n) => n + 1);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const shown = clampPosition(pos, collapsed ? PILL_VISIBLE : PANEL_WIDTH);
  // keyboard users keep their place: focus follows the toggle to its counterpart
  const toggled = useRef(false);
  const pill = useRef<HTMLButtonElement>(null);
  const collapse = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!toggled.current) return;
    toggled.current = false;
    (collapsed ? pill : collapse).current?.focus();
  }, [collapsed]);
  const toggle = useCallback(() => {
    toggled.current = true;
    props.onToggleCollapsed();
  }, [props]);

  const onPointerDown = useCallback(
    (e: PointerEvent<HTMLElement>) => {
      if ((e.target as HTMLElement).closest('button')) return;
      drag.current = { x: e.clientX, y: e.clientY, start: shown };
      e.currentTarget.setPointerCapture(e.pointerId);
    },
    [shown],
  );
  const onPointerMove = useCallback((e: PointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d) return;
    setPos(clampPosition({ right: d.start.right - (e.clientX - d.x), top: d.start.top + (e.clientY - d.y) }, PANEL_WIDTH));
  }, []);
  const onPointerUp = useCallback(() => {
    if (!drag.current) return;
    drag.current = null;
    props.onMoved(pos);
  }, [pos, props]);
  // keyboard users move the panel with the arrow keys on the drag handle
  const onHandleKey = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const delta: Record<string, [number, number]> = {
        ArrowLeft: [STEP, 0],
        ArrowRight: [-STEP, 0],
        ArrowUp: [0, -STEP],
        ArrowDown: [0, STEP],
      };
      const d = delta[e.key];
      if (!d) return;
      e.preventDefault();
      const next = clampPosition({ right: shown.right + d[0], top: shown.top + d[1] }, PANEL_WIDTH);
      setPos(next);
      props.onMoved(next);
    },
    [shown, props],
  );

  const style = { right: `${shown.right}px`, top: `${shown.top}px`, maxHeight: `calc(100vh - ${shown.top + 12}px)` };
  const v = props.verdict;

  if (collapsed) {
    // the collapsed pill still says the verdict and 应列未列: the prompt must not depend on expanding
    return (
      <div className="cca-root" data-testid="overlay" data-collapsed="true" style={style}>
        <button
          type="button"
          className={`cca-pill verdict-${v?.verdict ?? 'insufficient'}`}
          data-testid="expand"
          aria-label={`${t('overlay_expand')}：${v ? t(`verdict_${v.verdict}`) : ''}`}
          aria-expanded="false"
          ref={pill}
          onClick={toggle}
        >
          <span className="cca-pill-mark" aria-hidden="true">信</span>
          {v ? (
            <span data-testid="verdict" data-verdict={v.verdict}>
              {t(`verdict_short_${v.verdict}`)}
            </span>
          ) : null}
          {v && v.unlisted !== 'no' ? (
            <span className={`cca-pill-unlisted level-${v.unlisted}`} data-testid="unlisted" data-level={v.unlisted}>
              {t(v.unlisted === 'yes' ? 'overlay_unlistedShort' : 'overlay_unlistedPossibleShort')}
            </span>
          ) : null}
        </button>
      </div>
    );
  }

  return (
    <section
      className={`cca-root cca-panel${props.picking ? ' cca-picking' : ''}`}
      data-testid="overlay"
      data-collapsed="false"
      style={style}
      aria-label={t('overlay_title')}
      aria-hidden={props.picking ? true : undefined}
    >
      <header
        className="cca-head"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
      >
        <span className="cca-handle" tabIndex={0} role="button" aria-label={t('overlay_move')} onKeyDown={onHandleKey}>
          ⠿
        </span>
        <h2 className="cca-title">{t('overlay_title')}</h2>
        {props.readOnlyView ? <span className="cca-badge">{t('overlay_readOnly')}</span> : null}
        <button type="button" className="cca-icon" data-testid="collapse" aria-expanded="true" ref={collapse} onClick={toggle}>
          {t('overlay_collapse')}
        </button>
      </header>
      <div className="cca-body">
        {v ? <VerdictView t={t} v={v} /> : null}
        {props.flags.length > 0 ? (
          <ul className="cca-flags" aria-label={t('overlay_flags')}>
            {props.flags.map((f) => (
              <li key={f.flag} className={`cca-flag flag-${f.flag}`} data-testid="party-flag" data-flag={f.flag} data-status={f.status}>
                <strong>{f.title}</strong>
                <StatusTag t={t} status={f.status} />
                <div className="cca-small">
                  {f.basis}
                  {f.date ? ` · ${f.date}` : ''}
                </div>
                {f.measures.length > 0 ? (
                  <ul className="cca-measures">
                    {f.measures.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {props.record ? (
          <>
            <div className="cca-record">
              <button type="button" className="cca-primary" data-testid="record" aria-expanded={Boolean(props.record.form)} onClick={props.record.onRecord}>
                {props.record.label}
              </button>
              {props.record.message ? (
                <span className="cca-small" role="status" data-testid="record-message">
                  {props.record.message}
                </span>
              ) : props.record.suggestion ? (
                <span className="cca-record-suggest">{props.record.suggestion}</span>
              ) : null}
            </div>
            {props.record.form}
          </>
        ) : null}
        <details className="cca-fields" open>
          <summary>
            {t('overlay_fields')}（{props.fields.length}）
          </summary>
          {props.fields.length === 0 ? <p className="cca-small">{t('overlay_noFields')}</p> : null}
          <dl>
            {props.fields.map((f) => (
              <div className="cca-field-row" key={f.key}>
                <dt>{f.label}</dt>
                <dd data-testid="field" data-key={f.key}>
                  {f.value}
                </dd>
              </div>
            ))}
          </dl>
          <PickerControls {...props} />
        </details>
      </div>
    </section>
  );
}

function PickerControls(props: OverlayProps) {
  const { t } = props;
  const [key, setKey] = useState(props.pickKeys[0]?.key ?? '');
  if (props.pickLocked) {
    return (
      <p className="cca-pick cca-small" data-testid="pick-locked">
        <span className="cca-managed">{t('managed_badge')}</span> {props.pickLocked}
      </p>
    );
  }
  return (
    <div className="cca-pick">
      <label>
        <span className="cca-sr">{t('overlay_pick')}</span>
        <select data-testid="pick-key" value={key} onChange={(e) => setKey(e.target.value)}>
          {props.pickKeys.map((k) => (
            <option key={k.key} value={k.key}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="pick" onClick={() => props.onStartPick(key)}>
        {t('overlay_pick')}
      </button>
      {props.pickMessage ? (
        <span className="cca-small" role="status">
          {props.pickMessage}
        </span>
      ) : null}
    </div>
  );
}

function VerdictView({ t, v }: { t: Translate; v: OverlayVerdict }) {
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

function StatusTag({ t, status }: { t: Translate; status: ItemStatus }) {
  return <span className={`cca-status status-${status}`}>{t(`status_${status}`)}</span>;
}

/**
 * Keeps `width` pixels of the overlay (the whole panel where the window is wide enough) and its header inside the
 * window, whatever its size or zoom.
 */
export function clampPosition(p: OverlayPosition, width = PILL_VISIBLE, viewport = { width: 1280, height: 800 }): OverlayPosition {
  const w = typeof window !== 'undefined' ? window.innerWidth : viewport.width;
  const h = typeof window !== 'undefined' ? window.innerHeight : viewport.height;
  return {
    right: Math.min(Math.max(p.right, 0), Math.max(w - Math.min(width, w), 0)),
    top: Math.min(Math.max(p.top, 0), Math.max(h - 40, 0)),
  };
}

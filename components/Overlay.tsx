import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

import type { Translate } from '../lib/rules/format';
import { joinWords } from '../lib/messages';

export type { Translate };
export type ItemStatus = 'confirmed' | 'partial' | 'unconfirmed';

export interface OverlayPosition {
  right: number;
  top: number;
}

/** What a feature puts on the collapsed pill: a short text, and the colour of the pill if it sets one. */
export interface PillPart {
  key: string;
  node: ReactNode;
  /** spoken after 展开信用办案助手 */
  label: string;
  /** CSS class that colours the pill (the verdict's) */
  tone?: string;
}

export interface OverlayProps {
  t: Translate;
  readOnlyView: boolean;
  collapsed: boolean;
  position: OverlayPosition;
  onToggleCollapsed(): void;
  onMoved(p: OverlayPosition): void;
  /** the features' parts of the pill, in order */
  pill: PillPart[];
  /** the features' sections of the panel, in order */
  body: ReactNode;
  /** what stands outside the panel (the picker's layer, the commitment warning), shown collapsed or not */
  layers: ReactNode;
  /** the picker is on: the panel fades and lets the pointer through to the page */
  dimmed: boolean;
}

const STEP = 24;
const PANEL_WIDTH = 340;
/** the part of the collapsed pill that must stay on screen */
const PILL_VISIBLE = 80;

/**
 * Where the panel stands: dragged by its header, moved by the arrow keys on its handle, kept on screen as the
 * window changes; `onMoved` gets each place the user settles on.
 */
function usePanelPosition(position: OverlayPosition, collapsed: boolean, onMoved: (p: OverlayPosition) => void) {
  const drag = useRef<{ x: number; y: number; start: OverlayPosition } | null>(null);
  // the place last chosen, ahead of any render or effect: arrow keys pressed faster than the panel redraws each
  // count. A new place from the owner replaces it as it renders, never later (an effect would land stale).
  const chosen = useRef(position);
  const given = useRef(position);
  if (given.current.right !== position.right || given.current.top !== position.top) {
    given.current = position;
    chosen.current = position;
  }
  const [, redraw] = useState(0);
  const choose = (p: OverlayPosition): void => {
    chosen.current = p;
    redraw((n) => n + 1);
  };
  // a place chosen in a wider window (or before zooming in) must not leave the panel off screen
  const [, setViewport] = useState(0);
  useEffect(() => {
    const onResize = () => setViewport((n) => n + 1);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const shown = clampPosition(chosen.current, collapsed ? PILL_VISIBLE : PANEL_WIDTH);
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
    choose(clampPosition({ right: d.start.right - (e.clientX - d.x), top: d.start.top + (e.clientY - d.y) }, PANEL_WIDTH));
  }, []);
  const onPointerUp = useCallback(() => {
    if (!drag.current) return;
    drag.current = null;
    onMoved(chosen.current);
  }, [onMoved]);
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
      const from = clampPosition(chosen.current, PANEL_WIDTH);
      const next = clampPosition({ right: from.right + d[0], top: from.top + d[1] }, PANEL_WIDTH);
      choose(next);
      onMoved(next);
    },
    [onMoved],
  );
  return { shown, onPointerDown, onPointerMove, onPointerUp, onHandleKey };
}

/**
 * The overlay's frame: the panel with its header (move, collapse) or the collapsed pill. What it holds comes
 * from the reader's features (entrypoints/reader.content/features), each through its own slot.
 */
export function Overlay(props: OverlayProps) {
  const { t, collapsed } = props;
  const { shown, onPointerDown, onPointerMove, onPointerUp, onHandleKey } = usePanelPosition(props.position, collapsed, props.onMoved);
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

  const style = { right: `${shown.right}px`, top: `${shown.top}px`, maxHeight: `calc(100vh - ${shown.top + 12}px)` };

  if (collapsed) {
    // the collapsed pill still says the verdict and 应列未列: the prompt must not depend on expanding
    const tone = props.pill.find((p) => p.tone)?.tone ?? 'verdict-insufficient';
    return (
      <>
        <div className="cca-root" data-testid="overlay" data-collapsed="true" style={style} lang={t('ui_lang')}>
          <button
            type="button"
            className={`cca-pill ${tone}`}
            data-testid="expand"
            aria-label={t('common_labelled', [
              t('overlay_expand'),
              joinWords(
                t,
                'common_joinList',
                props.pill.map((p) => p.label),
              ),
            ])}
            aria-expanded="false"
            ref={pill}
            onClick={toggle}
          >
            <span className="cca-pill-mark" aria-hidden="true">
              {t('overlay_mark')}
            </span>
            {props.pill.map((p) => (
              <span key={p.key} className="cca-pill-part">
                {p.node}
              </span>
            ))}
          </button>
        </div>
        {props.layers}
      </>
    );
  }

  return (
    <>
      <section
        className={`cca-root cca-panel${props.dimmed ? ' cca-picking' : ''}`}
        data-testid="overlay"
        data-collapsed="false"
        style={style}
        lang={t('ui_lang')}
        aria-label={t('overlay_title')}
        aria-hidden={props.dimmed ? true : undefined}
      >
        <header className="cca-head" onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp}>
          <span className="cca-handle" tabIndex={0} role="button" aria-label={t('overlay_move')} onKeyDown={onHandleKey}>
            ⠿
          </span>
          <h2 className="cca-title">{t('overlay_title')}</h2>
          {props.readOnlyView ? <span className="cca-badge">{t('overlay_readOnly')}</span> : null}
          <button type="button" className="cca-icon" data-testid="collapse" aria-expanded="true" ref={collapse} onClick={toggle}>
            {t('overlay_collapse')}
          </button>
        </header>
        <div className="cca-body">{props.body}</div>
      </section>
      {props.layers}
    </>
  );
}

export function StatusTag({ t, status }: { t: Translate; status: ItemStatus }) {
  return <span className={`cca-status status-${status}`}>{t(`status_${status}`)}</span>;
}

/**
 * Runs `fn` only for an event the user caused (a click, a key press), never for one a page script dispatched:
 * what acts for the handler (recording, picking, pinning) needs a real gesture. Reading never asks this.
 */
export function whenTrusted<E extends { isTrusted: boolean }>(fn: (e: E) => void): (e: E) => void {
  return (e) => {
    if (e.isTrusted) fn(e);
  };
}

/**
 * Keeps `width` pixels of the overlay (the whole panel where the window is wide enough) and its header inside the
 * window, whatever its size or zoom.
 */
function clampPosition(p: OverlayPosition, width = PILL_VISIBLE, viewport = { width: 1280, height: 800 }): OverlayPosition {
  const w = typeof window !== 'undefined' ? window.innerWidth : viewport.width;
  const h = typeof window !== 'undefined' ? window.innerHeight : viewport.height;
  return {
    right: Math.min(Math.max(p.right, 0), Math.max(w - Math.min(width, w), 0)),
    top: Math.min(Math.max(p.top, 0), Math.max(h - 40, 0)),
  };
}

import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { Overlay, type Translate } from '../../components/Overlay';
import type { OverlayPlacement } from '../../lib/messaging/protocol';
import type { Feature, FeatureContext, Reading } from './feature';
import { PANEL_SLOTS } from './feature';
import { mountOverlayHost, type OverlayHost } from './mount';
import { controlRects, openingPlacement } from './placement';

export interface OverlayView {
  /** shows what the features make of this reading; mounts the overlay at the first reading with a recognised key */
  draw(r: Reading): void;
  /** the shadow host, once mounted */
  host(): Element | null;
  unmount(): void;
}

const FALLBACK_PLACEMENT: OverlayPlacement = { collapsed: false, right: 16, top: 72 };

/**
 * The overlay in the page: its frame (move, collapse) around what each active feature shows, by slot. The place
 * the handler gives it is kept per origin by the background.
 */
export function overlayView(
  env: { document: Document; t: Translate; request: FeatureContext['request'] },
  features: readonly Feature[],
): OverlayView {
  const doc = env.document;
  let placement: OverlayPlacement | null = null;
  let mounted: { host: OverlayHost; root: Root } | null = null;
  let last: Reading | null = null;

  const mount = (r: Reading) => {
    const view = doc.defaultView;
    const viewport = { width: view?.innerWidth ?? 0, height: view?.innerHeight ?? 0, scrollY: view?.scrollY ?? 0 };
    placement ??= openingPlacement(r.config.overlay, controlRects(doc), viewport);
    const host = mountOverlayHost(doc, { production: r.config.productionHost });
    return { host, root: createRoot(host.container) };
  };
  const place = (next: OverlayPlacement): void => {
    placement = next;
    if (last) draw(last);
    void env.request({ type: 'saveOverlayState', state: next }).catch(() => undefined);
  };
  const draw = (r: Reading): void => {
    last = r;
    if (!mounted && Object.keys(r.fields).length === 0) return;
    mounted ??= mount(r);
    const active = features.filter((f) => f.appliesTo?.(r) ?? true);
    const ov = placement ?? FALLBACK_PLACEMENT;
    const tree = (
      <Overlay
        t={env.t}
        readOnlyView={r.facts.readOnlyView}
        collapsed={ov.collapsed}
        position={{ right: ov.right, top: ov.top }}
        onToggleCollapsed={() => place({ ...ov, collapsed: !ov.collapsed })}
        onMoved={(p) => place({ ...ov, ...p })}
        pill={active.flatMap((f) => f.pill?.(r) ?? [])}
        body={PANEL_SLOTS.flatMap((slot) => active.map((f) => f.panel?.[slot]?.(r) ?? null))}
        layers={active.map((f) => f.layer?.(r) ?? null)}
        dimmed={active.some((f) => f.dims?.() ?? false)}
      />
    );
    // synchronous, so a keystroke shows in the overlay within the same task
    const root = mounted.root;
    flushSync(() => root.render(tree));
  };
  return {
    draw,
    host: () => mounted?.host.host ?? null,
    unmount() {
      mounted?.root.unmount();
      mounted?.host.dispose();
      mounted = null;
    },
  };
}

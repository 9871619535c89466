import type { Translate } from '../../../components/Overlay';
import type { FieldMap } from '../../../lib/facts/fields';
import { resolveLocator } from '../../../lib/form/locator';
import type { FeatureFactory, Reading } from '../feature';
import { Part } from '../parts';
import { controlRects, overlaps, type Rect } from '../placement';
import { overlayFlags } from './flags';

/** The warning's box, as overlay.css draws it (max-width 360px) with a line of basis. */
const WARNING_SIZE = { width: 360, height: 96 };
const GAP = 6;

/**
 * Licensing and approval forms (告知承诺制): the commitment status of the party in the panel, and where the party
 * may not use the notification-commitment procedure, a prominent warning beside the form's approval mode. It
 * follows the approval mode as the handler changes it and the page as it scrolls; the handler can dismiss it for
 * the page.
 */
export const commitmentFeature: FeatureFactory = (ctx) => {
  const { t, document: doc } = ctx;
  let dismissed = false;
  let showing = false;
  const view = doc.defaultView;
  // the warning stands beside its field: follow the page when it scrolls or resizes
  const follow = (): void => {
    if (showing) ctx.refresh();
  };
  view?.addEventListener('scroll', follow, { passive: true, capture: true });
  view?.addEventListener('resize', follow, { passive: true });

  const excludedFlag = (r: Reading) => overlayFlags(r.party, t).find((f) => f.flag === 'commitment-excluded');

  return {
    id: 'commitment',
    appliesTo: (r) => r.facts.formKind === 'licensing',
    pill: (r) => {
      const excluded = excludedFlag(r);
      return excluded
        ? {
            key: 'commitment',
            tone: 'tone-alert',
            label: excluded.title,
            node: <span className="cca-pill-unlisted">{t('commitment_pillShort')}</span>,
          }
        : null;
    },
    panel: { status: (r) => <CommitmentStatus key="commitment" t={t} r={r} excluded={excludedFlag(r) !== undefined} /> },
    layer: (r) => {
      const excluded = excludedFlag(r);
      showing = excluded !== undefined && !dismissed;
      if (!excluded || dismissed) return null;
      return (
        <Part
          key="commitment"
          load={ctx.parts}
          name="commitment-warning"
          props={{
            t,
            position: warningPosition(doc, r.fields),
            chosen: r.facts.approvalMode === 'commitment',
            basis: excluded.basis,
            onDismiss: () => {
              dismissed = true;
              ctx.refresh();
            },
          }}
        />
      );
    },
    dispose() {
      view?.removeEventListener('scroll', follow, { capture: true });
      view?.removeEventListener('resize', follow);
    },
  };
};

function CommitmentStatus({ t, r, excluded }: { t: Translate; r: Reading; excluded: boolean }) {
  const known = r.party !== null;
  const status = excluded ? 'excluded' : known ? 'clear' : 'unknown';
  const mode = r.facts.approvalMode;
  return (
    <div className={`cca-commitment-status status-${status}`} data-testid="commitment-status" data-status={status} role="status">
      <strong>{t(`commitment_status_${status}`)}</strong>
      <span className="cca-small">{t('commitment_mode', [t(mode ? `commitment_mode_${mode}` : 'commitment_mode_none')])}</span>
    </div>
  );
}

/**
 * Beside the approval mode: below its row, else above it, where the warning covers none of the form's controls;
 * null (top of the window) when neither place is free or the field is not on screen.
 */
export function warningPosition(doc: Document, fields: FieldMap): { left: number; top: number } | null {
  const locator = fields.approvalMode?.locator;
  const el = locator ? resolveLocator(doc, locator) : null;
  const anchor = el?.getBoundingClientRect();
  if (!anchor || anchor.width === 0) return null;
  const controls = controlRects(doc);
  const viewport = { width: doc.documentElement.clientWidth, height: doc.documentElement.clientHeight };
  return freeSpot(anchor, controls, viewport);
}

export function freeSpot(
  anchor: Rect,
  controls: readonly Rect[],
  viewport: { width: number; height: number },
): { left: number; top: number } | null {
  const left = Math.min(Math.max(anchor.left, 8), Math.max(viewport.width - WARNING_SIZE.width - 8, 8));
  for (const top of [anchor.bottom + GAP, anchor.top - GAP - WARNING_SIZE.height]) {
    const box = { left, top, right: left + WARNING_SIZE.width, bottom: top + WARNING_SIZE.height };
    if (top < 0 || box.bottom > viewport.height) continue;
    if (!controls.some((c) => overlaps(c, box))) return { left, top };
  }
  return null;
}

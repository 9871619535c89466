// Layout moves that come with no DOM change: a web font, an image or a style sheet arriving re-flows the page, a
// transition or an animation ends where the page is read mid-way, and what the layout pass paired by position may
// pair otherwise. Only listened to: nothing here touches the page.
import { OVERLAY_HOST_TAG } from './dom';
import { eventTargetTag, hasAttrOf } from './native';

const LISTEN: AddEventListenerOptions = { capture: true, passive: true };

/** Their `load` moves nothing: a script's work shows as mutations, a frame keeps the box it had. */
const NO_MOVE = new Set(['script', 'iframe', 'frame']);

/** Whether content that finished loading may have moved what is laid out around it. */
function arrivalMoves(e: Event): boolean {
  const tag = eventTargetTag(e.target);
  if (!tag || NO_MOVE.has(tag)) return false;
  const t = e.target as Element;
  // an image given both sizes keeps its box whatever arrives
  return !(tag === 'img' && hasAttrOf(t, 'width') && hasAttrOf(t, 'height'));
}

/** Properties whose transition moves or sizes boxes as measured (a colour or an opacity fading moves nothing). */
const MOVING =
  /^(width|height|(min|max)-(width|height)|top|right|bottom|left|inset|margin|padding|flex|grid|gap|font-size|line-height|letter-spacing|transform|translate|scale|rotate|border(-\w+)?-width)/;

/** Whether an event ends a move: content arrived, or a transition of a box's place or size or an animation ended. */
function endsMove(e: Event): boolean {
  // the overlay's own (its redraw must never call for a read)
  if (eventTargetTag(e.target) === OVERLAY_HOST_TAG) return false;
  if (e.type === 'transitionend') return MOVING.test((e as TransitionEvent).propertyName ?? '');
  return e.type === 'animationend' || arrivalMoves(e);
}

const ENDS = ['load', 'transitionend', 'animationend'];

/**
 * Calls `moved` when a web font of `doc` finishes loading, or under one of `nodes` (the roots a plan observes)
 * content finishes loading or a transition or an animation that moves boxes ends. `load` does not bubble and
 * none of them leaves a shadow root: each root is listened to in the capture phase. Returns what stops listening.
 */
export function listenForMoves(doc: Document, nodes: readonly Node[], moved: () => void): () => void {
  const onEnd = (e: Event): void => {
    if (endsMove(e)) moved();
  };
  // a document without a layout engine (linkedom) has no font set
  const fonts = (doc as Partial<Pick<Document, 'fonts'>>).fonts;
  fonts?.addEventListener?.('loadingdone', moved, LISTEN);
  for (const n of nodes) for (const type of ENDS) n.addEventListener(type, onEnd, LISTEN);
  return () => {
    fonts?.removeEventListener?.('loadingdone', moved, LISTEN);
    for (const n of nodes) for (const type of ENDS) n.removeEventListener(type, onEnd, LISTEN);
  };
}

// Layout moves that come with no DOM change: a web font, an image or a style sheet arriving re-flows the page,
// and what the layout pass paired by position may pair otherwise. Only listened to: nothing here touches the page.

const LISTEN: AddEventListenerOptions = { capture: true, passive: true };

/** Their `load` moves nothing: a script's work shows as mutations, a frame keeps the box it had. */
const NO_MOVE = new Set(['script', 'iframe', 'frame']);

/** Whether content that finished loading may have moved what is laid out around it. */
export function arrivalMoves(e: Event): boolean {
  const t = e.target as Element | null;
  if (!t || t.nodeType !== 1 || NO_MOVE.has(t.localName)) return false;
  // an image given both sizes keeps its box whatever arrives
  return !(t.localName === 'img' && t.hasAttribute('width') && t.hasAttribute('height'));
}

/**
 * Calls `moved` when a web font of `doc` finishes loading, or content under one of `nodes` (the roots a plan
 * observes: `load` does not bubble and never leaves a shadow root, so each is listened to in the capture
 * phase) finishes loading. Returns what stops listening.
 */
export function listenForMoves(doc: Document, nodes: readonly Node[], moved: () => void): () => void {
  const onLoad = (e: Event): void => {
    if (arrivalMoves(e)) moved();
  };
  // a document without a layout engine (linkedom) has no font set
  const fonts = (doc as Partial<Pick<Document, 'fonts'>>).fonts;
  fonts?.addEventListener?.('loadingdone', moved, LISTEN);
  for (const n of nodes) n.addEventListener('load', onLoad, LISTEN);
  return () => {
    fonts?.removeEventListener?.('loadingdone', moved, LISTEN);
    for (const n of nodes) n.removeEventListener('load', onLoad, LISTEN);
  };
}

import overlayCss from '../../components/overlay.css?inline';

/** The contract's name of the overlay's shadow host (ARCHITECTURE.md "Overlay DOM"). */
export const HOST_TAG = 'credit-case-assistant';

export interface HostOptions {
  /**
   * Production: a closed shadow root, and a suffixed name where the page has defined ours as a custom element.
   * Otherwise (the test build): the contract's open root and name, which the e2e tests read.
   */
  production: boolean;
  /** the suffix of the name in production when ours is taken */
  suffix?: () => string;
  /** how long re-adding a removed host waits, by how often it was removed (ms) */
  backoff?: (removals: number) => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

export interface OverlayHost {
  host: HTMLElement;
  /** where the overlay's views are drawn, inside the shadow root */
  container: HTMLElement;
  /** times a page removed the host; re-adding stops after MAX_READDS */
  removals(): number;
  dispose(): void;
}

/** Re-adding a host the page keeps removing stops after this many times (no loop with the page's own observer). */
export const MAX_READDS = 8;
const defaultBackoff = (n: number) => Math.min(50 * 2 ** n, 5000);

/** True when the page has defined `tag` as a custom element (its constructor would run on our host). */
export function nameTaken(doc: Document, tag: string): boolean {
  try {
    return doc.createElement(tag).matches(':defined');
  } catch {
    return true;
  }
}

/**
 * The overlay's shadow host: the only node the extension adds to a page. Everything visible lives in its shadow
 * root, so page CSS does not leak in and ours does not leak out. It is attached to <html>, outside <body> and any
 * <form>, so it never becomes part of what the host system submits.
 *
 * The shadow root is attached before the host joins the page (in a document of its own, where no custom element
 * is defined): a page that defined the same element name then runs its constructor on a host that already has
 * its shadow root, which that constructor can neither replace nor reach through ElementInternals. A page that
 * removes the host gets it back, with a growing delay, at most MAX_READDS times.
 */
export function mountOverlayHost(doc: Document, opts: HostOptions): OverlayHost {
  const tag = opts.production && nameTaken(doc, HOST_TAG) ? `${HOST_TAG}-${(opts.suffix ?? randomSuffix)()}` : HOST_TAG;
  const spare = doc.implementation.createHTMLDocument('');
  const host = spare.createElement(tag);
  const shadow = host.attachShadow({ mode: opts.production ? 'closed' : 'open' });
  const style = spare.createElement('style');
  style.textContent = overlayCss;
  const container = spare.createElement('div');
  shadow.append(style, container);
  doc.documentElement.append(host);

  const later = opts.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const backoff = opts.backoff ?? defaultBackoff;
  let removals = 0;
  let disposed = false;
  let pending = false;
  const readd = (): void => {
    pending = false;
    if (disposed || host.isConnected || removals > MAX_READDS) return;
    (doc.documentElement ?? doc).append(host);
  };
  const observer = new MutationObserver(() => {
    if (disposed || pending || host.isConnected) return;
    removals++;
    if (removals > MAX_READDS) return;
    pending = true;
    later(readd, backoff(removals));
  });
  // the document itself too: a page may replace its whole <html>
  observer.observe(doc, { childList: true });
  const watchRoot = () => doc.documentElement && observer.observe(doc.documentElement, { childList: true });
  watchRoot();
  const rootWatch = new MutationObserver(watchRoot);
  rootWatch.observe(doc, { childList: true });

  return {
    host,
    container,
    removals: () => removals,
    dispose() {
      disposed = true;
      observer.disconnect();
      rootWatch.disconnect();
      host.remove();
    },
  };
}

function randomSuffix(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

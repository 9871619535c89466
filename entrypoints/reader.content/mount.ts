import { createRoot, type Root } from 'react-dom/client';
import overlayCss from '../../components/overlay.css?inline';

export const HOST_TAG = 'credit-case-assistant';

/**
 * The overlay's shadow host: the only node the extension adds to a page. Everything visible lives in its open
 * shadow root, so page CSS does not leak in and ours does not leak out; it is attached to <html>, outside
 * <body> and outside any <form>, so it can never become part of what the host system submits.
 */
export function mountOverlayHost(doc: Document): { host: HTMLElement; root: Root; dispose(): void } {
  const host = doc.createElement(HOST_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = overlayCss;
  const container = doc.createElement('div');
  shadow.append(style, container);
  doc.documentElement.append(host);
  const root = createRoot(container);
  return {
    host,
    root,
    dispose() {
      root.unmount();
      host.remove();
    },
  };
}

import type { Reply, RequestOf, RequestType, ResponseOf } from './protocol';

/** `browser.runtime.sendMessage`, injected so that views and tests can send through a fake. */
export type Send = (message: unknown) => Promise<unknown>;

function isReply(raw: unknown): raw is Reply<unknown> {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as { ok?: unknown; error?: unknown; message?: unknown; detail?: unknown };
  if (r.ok === true) return 'value' in r;
  return (
    r.ok === false &&
    typeof r.error === 'string' &&
    (r.message === undefined ||
      (typeof r.message === 'object' && r.message !== null && typeof (r.message as { key?: unknown }).key === 'string')) &&
    (r.detail === undefined || (typeof r.detail === 'object' && r.detail !== null))
  );
}

/**
 * Sends a request and returns the background's answer, typed by the protocol. The background validates the
 * request; here only the envelope of the answer is checked (the background is ours, and this side carries no
 * validator, see protocol.ts). An extension reloaded under a running content script throws: callers decide.
 */
export async function request<K extends RequestType>(send: Send, message: RequestOf<K>): Promise<Reply<ResponseOf<K>>> {
  const raw = await send(message);
  // the one place where an answer meets its type: the background answered request K (server.ts)
  return isReply(raw) ? (raw as Reply<ResponseOf<K>>) : { ok: false, error: 'bad-response' };
}

import { SENDERS, type RefusalDetail, type Reply, type Request, type RequestOf, type RequestType, type ResponseOf } from './protocol';
import { errorMessage } from '../errors';
import type { LedgerError } from '../ledger/fields';
import type { UserMessage } from '../messages';
import { parseRequest } from './schema';

/** What the browser tells about the sender of a message (runtime.MessageSender, the fields used here). */
export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  documentId?: string;
  tab?: { id?: number; url?: string };
}

export type Handlers = {
  [K in RequestType]: (request: RequestOf<K>, sender: Sender) => Promise<ResponseOf<K>>;
};

/**
 * A refusal the sender is told about as such (e.g. `managed-site`), with a message to show when there is one,
 * rather than as a failure.
 */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    readonly shown?: UserMessage,
    readonly detail?: RefusalDetail,
  ) {
    super(code);
  }
}

/**
 * A ledger refusal as the content script gets it: the code, the reasons and what the record form acts on
 * (the settings to fill in; the current revision and the changes since). A stale refusal's sentence names who
 * saved the newer revision, so it stays here: the form words it from the revision and the changes.
 */
export function ledgerRefusal(e: LedgerError): Refusal {
  const detail: RefusalDetail = {
    ...(e.missing.length > 0 ? { missing: [...e.missing] } : {}),
    ...(e.current ? { revision: e.current.revision, changes: e.current.changes.map(({ field, from, to }) => ({ field, from, to })) } : {}),
  };
  return new Refusal(e.code, e.code === 'stale' ? undefined : e.userMessage, Object.keys(detail).length > 0 ? detail : undefined);
}

/**
 * A page of this extension (popup, dashboard), told from a content script by the URL and origin the browser
 * reports for the sender's frame: a content script's are those of the host page it runs in.
 */
export function isExtensionPage(sender: Sender, extensionOrigin: string): boolean {
  if (sender.url === undefined || !sender.url.startsWith(`${extensionOrigin}/`)) return false;
  return sender.origin === undefined || sender.origin === extensionOrigin;
}

const webOrigin = (url: string | undefined): string | null => {
  if (!url) return null;
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u.origin : null;
  } catch {
    return null;
  }
};

/**
 * The web origin of the sender's frame: what site profiles and overlay places are kept under. A frame without
 * an origin of its own (about:blank, srcdoc) belongs to the origin that made it, which Chromium reports as
 * `origin`; Firefox does not, and there the tab's origin stands in.
 */
export function senderOrigin(sender: Sender): string | null {
  return webOrigin(sender.origin) ?? webOrigin(sender.url) ?? webOrigin(sender.tab?.url);
}

/**
 * The background's message listener: ignores other extensions, validates every request, refuses what the
 * sender may not ask (SENDERS), and turns every outcome into a Reply.
 */
export function createMessageHandler(opts: { extensionId: string; extensionOrigin: string; handlers: Handlers }) {
  return (raw: unknown, sender: Sender): Promise<Reply<unknown>> | undefined => {
    if (sender.id !== opts.extensionId) return undefined;
    const message = parseRequest(raw);
    if (!message) return Promise.resolve({ ok: false, error: 'bad-request' });
    if (SENDERS[message.type] === 'page' && !isExtensionPage(sender, opts.extensionOrigin)) {
      return Promise.resolve({ ok: false, error: 'forbidden' });
    }
    return dispatch(opts.handlers, message, sender);
  };
}

async function dispatch(handlers: Handlers, message: Request, sender: Sender): Promise<Reply<unknown>> {
  try {
    const handler = handlers[message.type] as (m: Request, s: Sender) => Promise<unknown>;
    return { ok: true, value: await handler(message, sender) };
  } catch (e) {
    if (e instanceof Refusal) {
      return {
        ok: false,
        error: e.code,
        ...(e.shown === undefined ? {} : { message: e.shown }),
        ...(e.detail ? { detail: e.detail } : {}),
      };
    }
    // anything else: its raw text as the code, and what to tell the user (a storage problem in plain words)
    return { ok: false, error: e instanceof Error ? e.message : String(e), message: errorMessage(e) };
  }
}

// The bulk audit off the page's thread: reads the file, audits it batch by batch and posts the rows back.
// Workers have no browser.i18n, so the locale files are bundled and picked by the page's UI language.
import '../../lib/jitless';
import en from '../../public/_locales/en/messages.json';
import zh from '../../public/_locales/zh_CN/messages.json';
import { openDb } from '../../lib/db';
import { seriousListFromDb } from '../../lib/entities/serious-check';
import { isIoError } from '../../lib/io';
import { wordMessage } from '../../lib/messages';
import { bundledPacks, parseRulePack, translatorFromMessages, type MessageEntry, type RulePack, type Translate } from '../../lib/rules';
import { AuditError, auditFile, type AuditRow, type AuditSummary } from '../../lib/rules/audit';

export type AuditWorkerRequest = { type: 'start'; file: File; at: string; locale: string; importedPacks: unknown[] } | { type: 'cancel' };

export type AuditWorkerEvent =
  | { type: 'header'; cells: string[]; unknown: string[] }
  /** how many imported serious lists the 应列未列 condition is checked against */
  | { type: 'lists'; serious: number }
  | { type: 'rows'; rows: AuditRow[]; total: number }
  | { type: 'bytes'; read: number; total: number | undefined }
  | { type: 'done'; summary: AuditSummary }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };

const scope = self as unknown as {
  postMessage(event: AuditWorkerEvent): void;
  onmessage: ((e: MessageEvent<AuditWorkerRequest>) => void) | null;
};
let controller: AbortController | null = null;

function post(event: AuditWorkerEvent): void {
  scope.postMessage(event);
}

/** A failure in the user's language: a file or audit error as it says, anything else as the raw error. */
function errorText(e: unknown, t: Translate): string {
  if (isIoError(e)) return wordMessage(e.userMessage, t);
  return e instanceof AuditError ? e.message : t('audit_error_failed', [String(e)]);
}

async function start(req: Extract<AuditWorkerRequest, { type: 'start' }>): Promise<void> {
  controller?.abort();
  const ctl = new AbortController();
  controller = ctl;
  const messages = (req.locale.toLowerCase().startsWith('en') ? en : zh) as Record<string, MessageEntry>;
  const t = translatorFromMessages(messages);
  const packs: RulePack[] = [
    ...bundledPacks,
    ...req.importedPacks.flatMap((p) => {
      const r = parseRulePack(p);
      return r.ok ? [r.pack] : [];
    }),
  ];
  let lastBytes = 0;
  try {
    // The imported serious lists: a party on one is not 应列未列, as in the overlay (the worker has its own connection).
    const db = openDb();
    const serious = (await db.lists.toArray()).filter((l) => l.kind === 'serious' && l.status === 'active').length;
    post({ type: 'lists', serious });
    const run = await auditFile(req.file, {
      ...(serious > 0 ? { seriousList: seriousListFromDb(db, packs) } : {}),
      at: req.at,
      packs,
      t,
      signal: ctl.signal,
      read: {
        onProgress: (read, total) => {
          // a few progress messages a second are enough
          if (read - lastBytes < 256 * 1024 && read !== total) return;
          lastBytes = read;
          post({ type: 'bytes', read, total });
        },
      },
    });
    post({ type: 'header', cells: run.header.cells, unknown: run.header.unknown });
    for await (const rows of run.rows) {
      if (rows.length > 0) post({ type: 'rows', rows, total: run.summary.total });
    }
    post({ type: 'done', summary: run.summary });
  } catch (e) {
    if (isIoError(e, 'aborted')) post({ type: 'cancelled' });
    else post({ type: 'error', message: errorText(e, t) });
  } finally {
    if (controller === ctl) controller = null;
  }
}

scope.onmessage = (e: MessageEvent<AuditWorkerRequest>) => {
  if (e.data.type === 'cancel') controller?.abort();
  else void start(e.data);
};

import { openDb, type CreditDb } from '../../lib/db';
import { errorDetail } from '../../lib/errors';
import { t } from '../../lib/i18n';
import { wordMessage } from '../../lib/messages';

/** Helpers shared by the dashboard pages. */

let sharedDb: CreditDb | undefined;

/** The dashboard's database connection, opened once per page load and shared by its pages. */
export function dashboardDb(): CreditDb {
  return (sharedDb ??= openDb());
}

/** A failure in the user's language: our errors' own message, a storage problem in plain words, else the raw text. */
export function errorText(e: unknown): string {
  const detail = errorDetail(e);
  return typeof detail === 'string' ? detail : wordMessage(detail, t);
}

/** Saves bytes, text or a Blob as a download through a Blob URL and an `<a download>` click. */
export function download(data: Uint8Array | string | Blob, name: string, type: string): void {
  const blob = data instanceof Blob ? data : new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A unit name fit for a file name on Windows and elsewhere. */
export function fileSafe(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || '未命名';
}

import type { CreditDb } from '../db';
import { UNDO_PREFIX } from './record';

/** A deletion the 台账 still offers to undo (撤销): what it would restore, and since when. */
export interface PendingUndo {
  /** the undo entry's key in `meta`, as deleteCases returned it */
  token: string;
  /** when the cases were deleted (ISO) */
  deletedAt: string;
  /** the deleted cases' ids, in the order they were kept */
  caseIds: string[];
  /** their parties (当事人), as recorded; '' where a kept row has none */
  parties: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * An undo entry as the 台账 offers it, or null when it offers none: the handler closed its notice (关闭), it
 * restores nothing, or it is not an entry we can read (left in storage as it is, for a backup to keep).
 */
export function pendingUndoOf(key: string, value: unknown): PendingUndo | null {
  if (!key.startsWith(UNDO_PREFIX) || !isRecord(value)) return null;
  if (value.dismissedAt !== undefined || typeof value.deletedAt !== 'string' || !Array.isArray(value.rows)) return null;
  const rows = value.rows.filter((r): r is Record<string, unknown> & { id: string } => isRecord(r) && typeof r.id === 'string');
  if (rows.length === 0) return null;
  return {
    token: key,
    deletedAt: value.deletedAt,
    caseIds: rows.map((r) => r.id),
    parties: rows.map((r) => (typeof r.partyName === 'string' ? r.partyName : '')),
  };
}

/**
 * The deletions still offered for undo, newest first: every kept undo entry (the latest deletions; see deleteCases)
 * not yet used nor dismissed. Read from the database, so a reload or another dashboard tab offers the same ones.
 */
export async function pendingUndos(db: CreditDb): Promise<PendingUndo[]> {
  const entries = await db.meta.where('key').startsWith(UNDO_PREFIX).toArray();
  return entries.flatMap((e) => pendingUndoOf(e.key, e.value) ?? []).reverse();
}

/**
 * Stops offering these deletions (关闭): each entry is marked, not removed, so the deleted cases stay in the
 * ledger's backups until later deletions push the entry out, as any undo entry. Entries gone meanwhile (undone in
 * another tab, pushed out) are skipped.
 */
export async function dismissUndos(db: CreditDb, tokens: readonly string[], opts: { now?: Date } = {}): Promise<void> {
  const dismissedAt = (opts.now ?? new Date()).toISOString();
  await db.transaction('rw', db.meta, async () => {
    const entries = await db.meta.bulkGet([...tokens]);
    const marked = entries.flatMap((e) => (e && isRecord(e.value) ? [{ key: e.key, value: { ...e.value, dismissedAt } }] : []));
    await db.meta.bulkPut(marked);
  });
}

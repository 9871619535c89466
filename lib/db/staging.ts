import Dexie from 'dexie';
import type { CreditDb, EntityChunk, ListMeta } from './schema';
import { messageCode, userMessage, type UserMessage } from '../messages';

/**
 * Staged, all-or-nothing list writes. A list is created `pending`, its chunks are written in as many short
 * transactions as needed (file reads happen between them), and one final short transaction makes it
 * `active` — deleting the list it replaces in the same transaction. Whatever stops an import before that
 * (error, cancel, closed tab, killed browser) leaves only a pending list, which `purgePendingLists` removes.
 */

/** A running import beats at least this often (ms). */
export const HEARTBEAT_MS = 30_000;
/** A pending list silent for this long (ms) belongs to an import that is gone. */
export const PENDING_STALE_MS = 4 * HEARTBEAT_MS;

export class StagingError extends Error {
  constructor(
    readonly code: 'interrupted' | 'not-found' | 'kind-mismatch',
    readonly userMessage: UserMessage,
  ) {
    super(messageCode(userMessage));
    this.name = 'StagingError';
  }
}

/** Key range of every chunk of one list. */
function listRange(db: CreditDb, listId: string) {
  return db.entityChunks.where(':id').between([listId, Dexie.minKey], [listId, Dexie.maxKey], true, true);
}

/** Key range of the chunks of one bucket of one list. */
export function bucketRange(db: CreditDb, listId: string, bucket: number) {
  return db.entityChunks.where(':id').between([listId, bucket, Dexie.minKey], [listId, bucket, Dexie.maxKey], true, true);
}

export type PendingListInit = Omit<ListMeta, 'status' | 'heartbeatAt' | 'chunkCount' | 'bucketCount'>;

export async function createPendingList(db: CreditDb, init: PendingListInit): Promise<ListMeta> {
  const meta: ListMeta = { ...init, status: 'pending', bucketCount: 0, chunkCount: 0, heartbeatAt: Date.now() };
  await db.lists.add(meta);
  return meta;
}

/** A flush is written in transactions of about this many characters, so readers are never held up long. */
const TX_CHARS = 4_000_000;

/**
 * Writes chunks of a pending list in short transactions, then records the progress in its metadata (which
 * fails if the list was purged meanwhile). Stops early, writing nothing more, once `signal` is aborted.
 */
export async function writeChunks(
  db: CreditDb,
  listId: string,
  chunks: readonly EntityChunk[],
  progress: { bucketCount: number; chunkCount: number },
  signal?: AbortSignal,
): Promise<void> {
  for (let i = 0; i < chunks.length;) {
    let chars = 0;
    let j = i;
    while (j < chunks.length && (j === i || chars < TX_CHARS)) chars += chunks[j++]!.text.length;
    if (signal?.aborted) return;
    await db.entityChunks.bulkPut(chunks.slice(i, j));
    i = j;
  }
  await heartbeat(db, listId, progress);
}

/** Marks a pending import as alive; fails when its list was purged meanwhile. */
export async function heartbeat(db: CreditDb, listId: string, progress?: { bucketCount: number; chunkCount: number }): Promise<void> {
  const n = await db.lists
    .where('id')
    .equals(listId)
    .and((l) => l.status === 'pending')
    .modify({ heartbeatAt: Date.now(), ...progress });
  if (n === 0) throw interrupted();
}

function interrupted(): StagingError {
  return new StagingError('interrupted', userMessage('listImport_interrupted'));
}

/**
 * Makes a pending list active with its final counts, in one transaction; with `replaceListId`, the list
 * it replaces is deleted in that same transaction, so readers see either the old list or the new one.
 */
export async function activateList(
  db: CreditDb,
  listId: string,
  final: Pick<ListMeta, 'rowCount' | 'invalidCount' | 'flaggedCount' | 'bucketCount' | 'chunkCount'>,
  replaceListId?: string,
): Promise<ListMeta> {
  return db.transaction('rw', db.lists, db.entityChunks, db.listIndexes, async () => {
    const pending = await db.lists.get(listId);
    if (!pending || pending.status !== 'pending') throw interrupted();
    if (replaceListId !== undefined && replaceListId !== listId) {
      const old = await db.lists.get(replaceListId);
      if (old && old.kind !== pending.kind) {
        throw new StagingError('kind-mismatch', userMessage('listImport_kindMismatch'));
      }
      if (old) {
        await db.lists.delete(replaceListId);
        await listRange(db, replaceListId).delete();
        await db.listIndexes.delete(replaceListId);
      }
    }
    const active: ListMeta = { ...pending, ...final, status: 'active', heartbeatAt: Date.now() };
    await db.lists.put(active);
    return active;
  });
}

/** Deletes a list (active or pending), all its chunks and its key index in one transaction. */
export async function deleteList(db: CreditDb, listId: string): Promise<boolean> {
  return db.transaction('rw', db.lists, db.entityChunks, db.listIndexes, async () => {
    const existed = (await db.lists.get(listId)) !== undefined;
    await db.lists.delete(listId);
    await listRange(db, listId).delete();
    await db.listIndexes.delete(listId);
    return existed;
  });
}

/**
 * Removes abandoned imports: pending lists whose import has not beaten for `staleAfterMs`, and chunks
 * whose list metadata is gone. Call at start-up (dashboard, background). Returns the purged list ids.
 */
export async function purgePendingLists(
  db: CreditDb,
  { staleAfterMs = PENDING_STALE_MS, now = Date.now() }: { staleAfterMs?: number; now?: number } = {},
): Promise<string[]> {
  return db.transaction('rw', db.lists, db.entityChunks, db.listIndexes, async () => {
    const lists = await db.lists.toArray();
    const purged = lists.filter((l) => l.status === 'pending' && now - l.heartbeatAt >= staleAfterMs).map((l) => l.id);
    const keep = new Set(lists.map((l) => l.id).filter((id) => !purged.includes(id)));
    for (const id of purged) await db.lists.delete(id);
    // Walk the distinct list ids of the chunk store by skipping from one list's key range to the next.
    let next = await db.entityChunks.orderBy(':id').limit(1).primaryKeys();
    while (next[0]) {
      const listId = next[0][0];
      if (!keep.has(listId)) {
        await listRange(db, listId).delete();
        if (!purged.includes(listId)) purged.push(listId);
      }
      next = await db.entityChunks.where(':id').above([listId, Dexie.maxKey]).limit(1).primaryKeys();
    }
    await db.listIndexes.bulkDelete(purged);
    return purged;
  });
}

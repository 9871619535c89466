import type { Table } from 'dexie';
import {
  combineSameCase,
  currentCase,
  readEntries,
  rebuildTallyFacts,
  rowOf,
  type CreditDb,
  type LedgerEntry,
  type LegacyCase,
  type RestoreJournal,
  type StagedRow,
} from '../../db';
import { STORAGE_KEYS } from '../../settings/keys';
import { withStorageLocks } from '../../settings/lock';
import { restorableStorage, storageAfterRestore, storageBytes } from '../../settings/snapshot';
import { savedTables } from './create';
import { errorDetail } from '../../errors';
import { BackupError, backupDetail } from './format';
import { checkFits, inspectBackup, readBackup, type BackupContents, type BackupSummary } from './inspect';

/*
 * Restore and 清除本机数据, all or nothing across IndexedDB and extension storage (storage.local), which no
 * single transaction spans. The steps, each recorded in a journal row (restoreJournal) before it starts:
 *
 *   1. validate  the whole file, the space it needs (IndexedDB and storage.local quotas), the target storage
 *   2. stage     the rows aside (restoreRows), in short transactions          phase 'staging' → 'staged'
 *   3. storage   storage.local replaced by the target snapshot                phase 'switching'
 *   4. switch    one transaction: live tables cleared, staged rows moved in, tally facts rebuilt, journal gone
 *
 * A failure before 4 commits rolls back (storage.local written back from the journal's `previous`, staged rows
 * dropped); step 4 is one transaction, so it happens whole or not at all. When the page dies instead, the next
 * start (recoverInterruptedRestore) rolls back a restore that had not reached step 3 and finishes one that had:
 * both snapshots are in the journal, and writing either is idempotent.
 */

/** What a restore needs of browser.storage.local. */
export interface StorageArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** The part of navigator.locks a restore uses: a lock held while it runs, released if its page dies. */
export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

export interface RestoreEnv {
  storage: StorageArea;
  /** storage.local's quota in bytes (chrome.storage.local.QUOTA_BYTES); absent: not limited */
  storageQuota?: number;
  /** navigator.storage.estimate, to check IndexedDB space before anything is written */
  estimate?: () => Promise<{ quota?: number; usage?: number }>;
  /** navigator.locks: without it, a journal silent for STALE_MS is taken to belong to a page that is gone */
  locks?: LockManagerLike;
  now?: () => number;
  /** Called before each step with its name; a fault injected here stops the operation at that point. */
  step?: (name: string) => void | Promise<void>;
}

const LOCK = 'credit-case-assistant/restore';
/** Without navigator.locks: a journal without a heartbeat for this long (ms) is abandoned. */
export const STALE_MS = 2 * 60_000;
/** Rows per staging transaction, and about how many bytes of JSON. */
const STAGE_ROWS = 5_000;
const STAGE_BYTES = 4 << 20;
/** Rows moved per read while switching. */
const SWITCH_PAGE = 5_000;

const mb = (n: number) => (n / (1 << 20)).toFixed(1);
const kb = (n: number) => (n / 1024).toFixed(0);

/** Runs `fn` holding the restore lock, or refuses (`busy`) while another page holds it. */
async function exclusively<T>(env: RestoreEnv, fn: () => Promise<T>): Promise<T> {
  if (!env.locks) return fn();
  return env.locks.request(LOCK, { ifAvailable: true }, async (lock) => {
    if (!lock) throw new BackupError('busy');
    return fn();
  });
}

const nowOf = (env: RestoreEnv) => (env.now ?? Date.now)();

async function step(env: RestoreEnv, name: string): Promise<void> {
  await env.step?.(name);
}

/** Refuses what cannot fit: the storage snapshot within storage.local's quota, the rows within IndexedDB's. */
async function checkSpace(env: RestoreEnv, storage: Record<string, unknown>, rowBytes: number): Promise<void> {
  const storageNeed = storageBytes(storage);
  if (env.storageQuota !== undefined && storageNeed > env.storageQuota) {
    throw new BackupError('no-space', backupDetail('settingsSpace', kb(storageNeed), kb(env.storageQuota)));
  }
  const est = env.estimate ? await env.estimate().catch(() => ({}) as { quota?: number; usage?: number }) : {};
  if (est.quota !== undefined && est.usage !== undefined) {
    // staged once and written once while the old rows still stand, plus the journal's two snapshots
    const need = 2 * rowBytes + 2 * storageNeed;
    const free = est.quota - est.usage;
    if (free < need) throw new BackupError('no-space', backupDetail('space', mb(need), mb(free)));
  }
}

// The values other pages read, change and write back under their storage lock (lib/settings/stored.ts).
const SHARED_KEYS = [STORAGE_KEYS.settings, STORAGE_KEYS.profiles, STORAGE_KEYS.packs];

/**
 * Makes storage.local hold exactly `target`: keys it lacks removed first (room for the rest), then set. It holds
 * the storage lock of every key it removes or sets (and of the shared ones, which a save may create meanwhile), so
 * a save in another page runs wholly before this write or wholly after it, on the values it leaves; never between
 * the two, where the switch would undo the save or the save bring back a replaced value. The locks are taken in
 * sorted order (withStorageLocks), and savers hold one each: no deadlock.
 */
async function writeStorage(
  env: RestoreEnv,
  target: Record<string, unknown>,
  settle?: (present: Record<string, unknown>) => Promise<Record<string, unknown>>,
): Promise<void> {
  const seen = Object.keys(await env.storage.get(null));
  await withStorageLocks([...seen, ...Object.keys(target), ...SHARED_KEYS], async () => {
    const present = await env.storage.get(null);
    if (settle) target = await settle(present);
    const extra = Object.keys(present).filter((k) => !(k in target));
    await step(env, 'storage-remove');
    if (extra.length) await env.storage.remove(extra);
    await step(env, 'storage-set');
    if (Object.keys(target).length) await env.storage.set(target);
  });
}

async function journalOf(db: CreditDb, token: string): Promise<RestoreJournal> {
  const j = await db.restoreJournal.get('restore');
  if (!j || j.token !== token) throw new BackupError('restore-failed', backupDetail('interrupted'));
  return j;
}

async function setPhase(db: CreditDb, env: RestoreEnv, token: string, patch: Partial<RestoreJournal>): Promise<void> {
  await db.transaction('rw', db.restoreJournal, async () => {
    const j = await journalOf(db, token);
    await db.restoreJournal.put({ ...j, ...patch, heartbeatAt: nowOf(env) });
  });
}

/** Drops the staged rows and the journal: the tables are as they were. */
async function discard(db: CreditDb): Promise<void> {
  await db.transaction('rw', db.restoreRows, db.restoreJournal, async () => {
    await db.restoreRows.clear();
    await db.restoreJournal.delete('restore');
  });
}

/** Writes the backup's rows aside, in order, each batch in its own short transaction. */
async function stage(
  db: CreditDb,
  env: RestoreEnv,
  file: Uint8Array | Blob,
  passphrase: string | undefined,
  token: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let batch: StagedRow[] = [];
  let bytes = 0;
  let seq = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    bytes = 0;
    await step(env, 'stage');
    await db.transaction('rw', db.restoreRows, db.restoreJournal, async () => {
      const j = await journalOf(db, token);
      await db.restoreRows.bulkAdd(rows);
      await db.restoreJournal.put({ ...j, heartbeatAt: nowOf(env), tables: { ...counts } });
    });
  };
  await readBackup(file, passphrase, async (r) => {
    if (r.kind !== 'table') return;
    for (let i = 0; i < r.rows.length; i++) {
      batch.push(r.keys ? { table: r.table, seq: seq++, row: r.rows[i], key: r.keys[i] } : { table: r.table, seq: seq++, row: r.rows[i] });
      counts[r.table] = (counts[r.table] ?? 0) + 1;
    }
    bytes += r.bytes;
    if (batch.length >= STAGE_ROWS || bytes >= STAGE_BYTES) await flush();
  });
  await flush();
  return counts;
}

/**
 * Moves one table's staged rows into it (inside the switch transaction). Cases of a version 1 backup come out
 * in the current format and folding, with their histories, those that fold to one case combined — as the
 * database's own upgrade to version 2 does.
 */
async function moveIn(db: CreditDb, table: Table, at: string, legacyCases: boolean): Promise<void> {
  let after = -1;
  for (;;) {
    const page = await db.restoreRows
      .where('[table+seq]')
      .between([table.name, after + 1], [table.name, Infinity], true, true)
      .limit(SWITCH_PAGE)
      .toArray();
    if (page.length === 0) return;
    after = page[page.length - 1]!.seq;
    if (table.name === 'cases' && legacyCases) {
      const byId = new Map<string, LedgerEntry[]>();
      for (const s of page) {
        const c = currentCase(s.row as LegacyCase);
        byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
      }
      const ids = [...byId.keys()];
      const before = await readEntries(db, ids);
      const entries = ids.map((id, i) => combineSameCase([...(before[i] ? [before[i]!] : []), ...byId.get(id)!], at));
      await db.cases.bulkPut(entries.map(rowOf));
      await db.histories.bulkPut(entries.map((e) => ({ caseId: e.id, revisions: e.history })));
    } else if (page[0]!.key !== undefined) {
      await table.bulkAdd(
        page.map((s) => s.row),
        page.map((s) => s.key) as never[],
      );
    } else {
      await table.bulkAdd(page.map((s) => s.row));
    }
  }
}

/** Step 4: the live tables replaced by the staged rows, in one transaction. */
async function switchTables(db: CreditDb, env: RestoreEnv, token: string): Promise<void> {
  const live = savedTables(db);
  const j = await journalOf(db, token);
  const at = new Date(j.heartbeatAt).toISOString();
  await db.transaction('rw', [...live, db.tallyFacts, db.tallyMonths, db.listIndexes, db.restoreRows, db.restoreJournal], async () => {
    const now = await journalOf(db, token);
    if (now.phase !== 'switching') throw new BackupError('restore-failed', backupDetail('notPrepared'));
    for (const t of live) await t.clear();
    // the restored lists' key indexes are rebuilt from their chunks at the first lookups
    await db.listIndexes.clear();
    for (const t of live) {
      await step(env, `switch:${t.name}`);
      await moveIn(db, t, at, now.databaseVersion < 2);
    }
    await rebuildTallyFacts(db);
    await db.restoreRows.clear();
    await db.restoreJournal.delete('restore');
  });
}

/**
 * The journal's snapshots brought up to storage.local as it stands just before the switch, under its locks: a
 * roll-back then puts back what was saved while the rows were staged, and the switch keeps this machine's
 * policy keys as they are now. Only before the first write: a recovery may find storage.local half switched.
 */
async function storageNow(
  db: CreditDb,
  env: RestoreEnv,
  token: string,
  present: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const j = await journalOf(db, token);
  const target = storageAfterRestore(j.storageLocal, present);
  await setPhase(db, env, token, { previous: present, storageLocal: target });
  return target;
}

/**
 * Steps 3 and 4 of a journal in phase `switching`; on a failure, storage.local is written back and staging dropped.
 * `untouched`: storage.local is still as before the restore (not a recovery).
 */
async function commit(db: CreditDb, env: RestoreEnv, token: string, untouched = false): Promise<void> {
  const j = await journalOf(db, token);
  try {
    await writeStorage(env, j.storageLocal, untouched ? (present) => storageNow(db, env, token, present) : undefined);
    await step(env, 'switch');
    await switchTables(db, env, token);
  } catch (e) {
    await rollBack(db, env, token).catch(() => undefined);
    throw e;
  }
}

/** Puts back what a journal replaced: storage.local if step 3 may have begun, and drops staged rows. */
async function rollBack(db: CreditDb, env: RestoreEnv, token: string): Promise<void> {
  const j = await db.restoreJournal.get('restore');
  if (!j || j.token !== token) return; // the switch committed, or nothing was begun
  if (j.phase === 'switching') await writeStorage({ ...env, step: undefined }, j.previous);
  await discard(db);
}

/** Finishes a journal in phase `switching`, rolls back any other; the caller knows its page is gone. */
async function recoverNow(db: CreditDb, env: RestoreEnv): Promise<'none' | 'finished' | 'rolled-back'> {
  const j = await db.restoreJournal.get('restore');
  if (!j) {
    if ((await db.restoreRows.count()) > 0) await discard(db);
    return 'none';
  }
  if (j.phase !== 'switching') {
    await discard(db);
    return 'rolled-back';
  }
  try {
    await commit(db, env, j.token);
    return 'finished';
  } catch {
    return 'rolled-back';
  }
}

/**
 * Finishes or rolls back a restore or erase whose page stopped (closed tab, killed browser): call at start-up
 * (background, dashboard). A journal in phase `switching` is finished (storage.local written, tables switched);
 * one still staging is rolled back. Leaves a journal alone while its page still runs (`busy`): the page holds
 * the restore lock, or, without navigator.locks, its heartbeat is younger than STALE_MS.
 */
export async function recoverInterruptedRestore(db: CreditDb, env: RestoreEnv): Promise<'none' | 'busy' | 'finished' | 'rolled-back'> {
  if (env.locks) return env.locks.request(LOCK, { ifAvailable: true }, async (lock) => (lock ? recoverNow(db, env) : 'busy'));
  const j = await db.restoreJournal.get('restore');
  if (j && nowOf(env) - j.heartbeatAt < STALE_MS) return 'busy';
  return recoverNow(db, env);
}

/** Before a new restore or erase: what a page that is gone left is recovered; a live one refuses (`busy`). */
async function clearTheWay(db: CreditDb, env: RestoreEnv): Promise<void> {
  const j = await db.restoreJournal.get('restore');
  if (!j) return;
  // holding the lock, any journal is a dead page's; without locks, only a silent one is
  if (!env.locks && nowOf(env) - j.heartbeatAt < STALE_MS) throw new BackupError('busy');
  await recoverNow(db, env);
}

const failed = (e: unknown): BackupError =>
  e instanceof BackupError ? e : new BackupError('restore-failed', errorDetail(e), { cause: e });

/**
 * Replaces everything local with the backup, all or nothing across the database and storage.local (see the top
 * of this file): the file is validated in full first (inspectBackup, unless `inspected` is that result for this
 * same file), with the space it needs; its rows are staged aside; storage.local is replaced, then the tables in
 * one transaction. A failure at any point leaves the old state whole (the BackupError says 本机数据未改变).
 * This machine's managed-policy keys stay as they are (MACHINE_KEYS), and so do its values for what the backup
 * holds damaged (restorableStorage; `summary.leftOut`).
 */
export async function restoreBackup(
  db: CreditDb,
  file: Uint8Array | Blob,
  opts: { passphrase?: string; inspected?: BackupContents } & RestoreEnv,
): Promise<{ summary: BackupSummary }> {
  return exclusively(opts, () => restoreExclusively(db, file, opts)).catch((e: unknown) => {
    throw failed(e);
  });
}

async function restoreExclusively(
  db: CreditDb,
  file: Uint8Array | Blob,
  opts: { passphrase?: string; inspected?: BackupContents } & RestoreEnv,
): Promise<{ summary: BackupSummary }> {
  {
    await clearTheWay(db, opts);
    await step(opts, 'validate');
    const contents = opts.inspected ?? (await inspectBackup(file, opts.passphrase, db));
    checkFits(contents.header, db);
    const previous = await opts.storage.get(null);
    // a damaged value set aside (summary.leftOut says which), this machine's kept in its place
    const target = storageAfterRestore(restorableStorage(contents.storageLocal, previous).snapshot, previous);
    await checkSpace(opts, target, contents.rowBytes);
    const token = globalThis.crypto.randomUUID();
    await step(opts, 'journal');
    await db.transaction('rw', db.restoreRows, db.restoreJournal, async () => {
      await db.restoreRows.clear();
      await db.restoreJournal.put({
        id: 'restore',
        token,
        phase: 'staging',
        heartbeatAt: nowOf(opts),
        databaseVersion: contents.header.database.version,
        tables: {},
        storageLocal: target,
        previous,
      });
    });
    try {
      const counts = await stage(db, opts, file, opts.passphrase, token);
      for (const t of contents.summary.tables) {
        if ((counts[t.name] ?? 0) !== t.rows) throw new BackupError('corrupt', backupDetail('tableRowsChanged', t.name));
      }
      await step(opts, 'staged');
      await setPhase(db, opts, token, { phase: 'staged', tables: counts });
      await step(opts, 'switching');
      await setPhase(db, opts, token, { phase: 'switching' });
    } catch (e) {
      await rollBack(db, opts, token).catch(() => undefined);
      throw e;
    }
    await commit(db, opts, token, true);
    return { summary: contents.summary };
  }
}

/**
 * 清除本机数据 (the typed confirmation is the caller's): every table emptied and storage.local cleared but for
 * this machine's managed-policy keys, all or nothing, by the same journal as a restore of nothing.
 */
export async function eraseAll(db: CreditDb, env: RestoreEnv): Promise<void> {
  await exclusively(env, async () => {
    await step(env, 'validate');
    await clearTheWay(db, env);
    const previous = await env.storage.get(null);
    const token = globalThis.crypto.randomUUID();
    await step(env, 'journal');
    await db.transaction('rw', db.restoreRows, db.restoreJournal, async () => {
      await db.restoreRows.clear();
      const storageLocal = storageAfterRestore({}, previous);
      await db.restoreJournal.put({
        id: 'restore',
        token,
        phase: 'switching',
        heartbeatAt: nowOf(env),
        databaseVersion: db.verno,
        tables: {},
        storageLocal,
        previous,
      });
    });
    await commit(db, env, token, true);
  }).catch((e: unknown) => {
    throw failed(e);
  });
}

import { cmp, type Dexie } from 'dexie';
import { inflateSync } from 'fflate';
import type { z } from 'zod';
import { checkStorageSnapshot } from '../../settings/snapshot';
import { specOf } from './create';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  backupDetail,
  EndRecordSchema,
  FINAL,
  HeaderSchema,
  MAX_FRAME_BYTES,
  MAX_HEADER_BYTES,
  StorageRecordSchema,
  TableRecordSchema,
  isPlainObject,
  isValidKey,
  keyOf,
  rowSchemas,
  sameKeyPath,
  untag,
  type BackupHeader,
  type BackupTableSpec,
  type EndRecord,
} from './format';
import type { UserMessage } from '../../messages';
import { issueMessage } from '../schema';
import { opener } from './sealing';

const D = backupDetail;

/*
 * Reading a backup frame by frame, from a Blob or bytes: the header, then each record in order. inspectBackup
 * validates everything with nothing written and no table held in memory; restore reads the file again the same
 * way to stage its rows.
 */

/** A backup file read piece by piece. */
interface ByteSource {
  size: number;
  read(at: number, length: number): Promise<Uint8Array>;
}

function sourceOf(file: Uint8Array | Blob): ByteSource {
  if (file instanceof Uint8Array) return { size: file.length, read: async (at, n) => file.subarray(at, at + n) };
  return { size: file.size, read: async (at, n) => new Uint8Array(await file.slice(at, at + n).arrayBuffer()) };
}

/** The header of a backup (to know whether to ask for a passphrase); throws BackupError. */
export function readBackupHeader(bytes: Uint8Array): BackupHeader {
  return splitHeader(bytes).header;
}

function splitHeader(bytes: Uint8Array): { header: BackupHeader; headerBytes: Uint8Array; bodyStart: number } {
  const nl = bytes.subarray(0, MAX_HEADER_BYTES).indexOf(0x0a);
  if (nl < 0) throw new BackupError('not-backup');
  const headerBytes = bytes.slice(0, nl);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch {
    throw new BackupError('not-backup');
  }
  if (!isPlainObject(raw) || raw.format !== BACKUP_FORMAT) throw new BackupError('not-backup');
  if (raw.version !== BACKUP_VERSION) throw new BackupError('unsupported', D('version', String(raw.version).slice(0, 20)));
  const parsed = HeaderSchema.safeParse(raw);
  if (!parsed.success) throw new BackupError('corrupt', D('header'));
  return { header: parsed.data, headerBytes, bodyStart: nl + 1 };
}

/** One record of the payload, parsed (table rows untagged). */
export type BackupRecord =
  | { kind: 'table'; table: string; rows: unknown[]; keys?: unknown[]; bytes: number }
  | { kind: 'storage'; storageLocal: Record<string, unknown> }
  | { kind: 'end'; end: EndRecord };

/**
 * Opens a backup and reads its records in order, one frame at a time: each frame's checksum or tag, the final
 * flag and nothing after it, and the shape of every record are checked on the way. Throws BackupError.
 */
export async function readBackup(
  file: Uint8Array | Blob,
  passphrase: string | undefined,
  onRecord: (r: BackupRecord, header: BackupHeader) => void | Promise<void>,
): Promise<BackupHeader> {
  const source = sourceOf(file);
  const { header, headerBytes, bodyStart } = splitHeader(await source.read(0, MAX_HEADER_BYTES));
  const open = await opener(header, headerBytes, passphrase);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let ended = false;
  let at = bodyStart;
  let index = 0;
  let final = false;
  while (!final) {
    if (at + 5 > source.size) throw new BackupError('truncated');
    const prefix = await source.read(at, 5);
    const length = new DataView(prefix.buffer, prefix.byteOffset, 4).getUint32(0);
    const flags = prefix[4]!;
    if (flags !== 0 && flags !== FINAL) throw new BackupError('corrupt', D('frameFlags'));
    if (length > MAX_FRAME_BYTES) throw new BackupError('corrupt', D('frameLength'));
    if (at + 5 + length > source.size) throw new BackupError('truncated');
    const data = await open(await source.read(at + 5, length), index, flags);
    let text: string;
    try {
      text = decoder.decode(inflateSync(data));
    } catch {
      throw new BackupError('corrupt', D('frameInflate', index + 1));
    }
    for (const line of text.split('\n')) {
      if (line === '') continue;
      if (ended) throw new BackupError('corrupt', D('afterEnd'));
      const r = parseRecord(line);
      if (r.kind === 'end') ended = true;
      await onRecord(r, header);
    }
    at += 5 + length;
    index++;
    final = flags === FINAL;
  }
  if (at !== source.size) throw new BackupError('corrupt', D('afterEnd'));
  if (!ended) throw new BackupError('truncated');
  return header;
}

function parseRecord(line: string): BackupRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new BackupError('corrupt', D('recordJson'));
  }
  const t = TableRecordSchema.safeParse(raw);
  if (t.success) {
    const rows = t.data.tagged ? (untag(t.data.rows) as unknown[]) : t.data.rows;
    const keys = t.data.keys && t.data.tagged ? (untag(t.data.keys) as unknown[]) : t.data.keys;
    return { kind: 'table', table: t.data.table, rows, ...(keys ? { keys } : {}), bytes: line.length };
  }
  const s = StorageRecordSchema.safeParse(raw);
  if (s.success) return { kind: 'storage', storageLocal: untag(s.data.storageLocal) as Record<string, unknown> };
  const e = EndRecordSchema.safeParse(raw);
  if (e.success) return { kind: 'end', end: e.data.end };
  throw new BackupError('corrupt', D('recordUnknown'));
}

export interface BackupSummary {
  createdAt: string;
  encrypted: boolean;
  database: { name: string; version: number };
  /** Rows per table in the backup; `current` (when a db was given) is what the restore replaces. */
  tables: { name: string; rows: number; current?: number }[];
  /** storage.local keys the restore hands back (site list, site profiles, settings, rule packs). */
  storageLocalKeys: string[];
  /**
   * What of the storage snapshot is damaged (a backup made before damaged values were left out of new ones):
   * a restore sets it aside and keeps this machine's values (restorableStorage), the ledger restored all the same.
   */
  leftOut: UserMessage[];
}

/** A fully read and validated backup: what it holds, ready to restore (the rows are read again then). */
export interface BackupContents {
  header: BackupHeader;
  summary: BackupSummary;
  storageLocal: Record<string, unknown>;
  /** size of the rows as JSON: about what the database needs to hold them, once staged and once in place */
  rowBytes: number;
}

/** Checks each table record's rows as they are read: keys, order, schema, and what rows of other tables refer to. */
class RowChecker {
  readonly counts = new Map<string, number>();
  rowBytes = 0;
  private readonly specs: Map<string, BackupTableSpec>;
  private readonly schemas: Readonly<Record<string, z.ZodType>>;
  private readonly lastKey = new Map<string, unknown>();
  private readonly listBuckets = new Map<string, { active: boolean; buckets: number }>();
  private readonly chunkBuckets = new Map<string, number>();
  private readonly caseIds = new Set<string>();
  private readonly historyIds: string[] = [];

  constructor(header: BackupHeader) {
    this.specs = new Map(header.tables.map((t) => [t.name, t]));
    if (this.specs.size !== header.tables.length) throw new BackupError('corrupt', D('tableTwice'));
    for (const t of header.tables) this.counts.set(t.name, 0);
    this.schemas = rowSchemas(header.database.version);
  }

  table(rec: Extract<BackupRecord, { kind: 'table' }>): void {
    const spec = this.specs.get(rec.table);
    if (!spec) throw new BackupError('corrupt', D('tableUndeclared', rec.table.slice(0, 60)));
    const { rows, keys } = rec;
    if (spec.keyPath === null && (!keys || keys.length !== rows.length)) {
      throw new BackupError('corrupt', D('tableKeys', rec.table));
    }
    const schema = this.schemas[rec.table];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const n = this.counts.get(rec.table)! + 1;
      if (typeof row !== 'object' || row === null) throw new BackupError('corrupt', D('rowNotObject', rec.table, n));
      const key = spec.keyPath === null ? keys![i] : keyOf(row, spec.keyPath);
      if (!isValidKey(key)) throw new BackupError('corrupt', D('rowNoKey', rec.table, n));
      // Rows are written in key order, so a repeated or out-of-order key is a damaged or forged file.
      const last = this.lastKey.get(rec.table);
      if (last !== undefined && cmp(last, key) >= 0) throw new BackupError('corrupt', D('rowKeyOrder', rec.table, n));
      this.lastKey.set(rec.table, key);
      if (schema) {
        const r = schema.safeParse(row);
        if (!r.success) {
          const issue = r.error.issues[0];
          const at = issue?.path.join('.') || D('wholeRow');
          throw new BackupError('invalid', D('rowInvalid', rec.table, n, at, issue ? issueMessage(issue) : ''));
        }
        this.relate(rec.table, row as Record<string, unknown>);
      }
      this.counts.set(rec.table, n);
    }
    this.rowBytes += rec.bytes;
  }

  private relate(table: string, row: Record<string, unknown>): void {
    if (table === 'lists') {
      this.listBuckets.set(row.id as string, { active: row.status === 'active', buckets: row.bucketCount as number });
    } else if (table === 'entityChunks') {
      const id = row.listId as string;
      this.chunkBuckets.set(id, Math.max(this.chunkBuckets.get(id) ?? 0, row.bucket as number));
    } else if (table === 'cases') this.caseIds.add(row.id as string);
    else if (table === 'histories') this.historyIds.push(row.caseId as string);
  }

  /** The checks that need the whole file: every chunk belongs to a list, within its buckets; every history to a case. */
  finish(): void {
    const orphan = this.historyIds.find((id) => !this.caseIds.has(id));
    if (orphan !== undefined) throw new BackupError('invalid', D('orphanHistory', orphan.slice(0, 60)));
    for (const [listId, maxBucket] of this.chunkBuckets) {
      const list = this.listBuckets.get(listId);
      if (!list) throw new BackupError('invalid', D('orphanChunks', listId.slice(0, 60)));
      if (list.active && maxBucket >= list.buckets) throw new BackupError('invalid', D('buckets', listId.slice(0, 60)));
    }
  }
}

/**
 * Reads and validates the WHOLE backup without touching any database and without keeping its rows: header,
 * every frame's checksum or tag, every record, every row's primary key and its order, every known table's
 * rows against their schema (ledger cases, list metadata, list data, undo entries), the storage.local snapshot
 * (checkStorageSnapshot), the final counts. With `db`, also checks that the tables fit and reports how many
 * rows each table holds now. Throws BackupError on a wrong passphrase, a damaged, truncated
 * or invalid file.
 */
export async function inspectBackup(file: Uint8Array | Blob, passphrase?: string, db?: Dexie): Promise<BackupContents> {
  let checker: RowChecker | null = null;
  let storageLocal: Record<string, unknown> | null = null;
  let end: EndRecord | null = null;
  const header = await readBackup(file, passphrase, (r, h) => {
    checker ??= new RowChecker(h);
    if (r.kind === 'table') checker.table(r);
    else if (r.kind === 'storage') {
      if (storageLocal !== null) throw new BackupError('corrupt', D('settingsTwice'));
      storageLocal = r.storageLocal;
    } else end = r.end;
  });
  const rows: RowChecker = checker ?? new RowChecker(header);
  rows.finish();
  if (end === null || storageLocal === null) throw new BackupError('truncated');
  const endRec: EndRecord = end;
  const storage: Record<string, unknown> = storageLocal;
  for (const [name, n] of rows.counts) {
    if ((endRec.tables[name] ?? 0) !== n) throw new BackupError('corrupt', D('tableRows', name));
  }
  if (Object.keys(endRec.tables).some((n) => !rows.counts.has(n)) || endRec.storageLocalKeys !== Object.keys(storage).length) {
    throw new BackupError('corrupt', D('endMismatch'));
  }

  const contents: BackupContents = {
    header,
    storageLocal: storage,
    rowBytes: rows.rowBytes,
    summary: {
      createdAt: header.createdAt,
      encrypted: header.encryption !== null,
      database: header.database,
      tables: header.tables.map((t) => ({ name: t.name, rows: rows.counts.get(t.name)! })),
      storageLocalKeys: Object.keys(storage),
      leftOut: checkStorageSnapshot(storage),
    },
  };
  if (db) {
    checkFits(header, db);
    for (const t of contents.summary.tables) t.current = await db.table(t.name).count();
  }
  return contents;
}

/** Refuses a backup of a newer database, or one whose tables this database lacks or keys differently. */
export function checkFits(header: BackupHeader, db: Dexie): void {
  if (header.database.version > db.verno) {
    throw new BackupError('incompatible', D('newer'));
  }
  const current = new Map(db.tables.map((t) => [t.name, specOf(t)]));
  for (const spec of header.tables) {
    const mine = current.get(spec.name);
    if (!mine || !sameKeyPath(mine.keyPath, spec.keyPath)) {
      throw new BackupError('incompatible', D('table', spec.name));
    }
  }
}

import { z } from 'zod';
import { deflateSync, inflateSync } from 'fflate';
import type { Dexie, Table } from 'dexie';
import { CreditDb, INTERNAL_TABLES, rebuildTallyFacts } from '../db';
import { LedgerCaseSchema } from './schema';
import {
  aesGcmDecrypt,
  aesGcmEncrypt,
  deriveKey,
  fromBase64,
  randomBytes,
  sha256,
  toBase64,
} from './crypto';

/*
 * One backup file holds every table of the local database and a snapshot of the extension's
 * storage.local. Layout and reasons: FORMAT.md ("Backup file").
 */

export const BACKUP_FORMAT = 'credit-case-assistant/backup';
export const BACKUP_VERSION = 1;
/** OWASP's 2023 floor for PBKDF2-HMAC-SHA-256. */
export const BACKUP_MIN_ITERATIONS = 310_000;
const MAX_ITERATIONS = 10_000_000;
const MAX_HEADER_BYTES = 64 * 1024;
/** Plaintext per frame: big enough to compress well, small enough that no step holds the whole file twice. */
const FRAME_BYTES = 1 << 20;
/** Rows per read: adapted so that a page serialises to about PAGE_BYTES whatever the size of a row. */
const PAGE_ROWS = { first: 200, max: 5_000 };
const PAGE_BYTES = 2 << 20;
const RESTORE_BATCH = 10_000;
const KEY_CHECK_TEXT = 'credit-case-assistant/backup key check';
const KEY_CHECK_COUNTER = 0xffffffff;
const FINAL = 1;

export type BackupErrorCode =
  | 'not-backup'
  | 'unsupported'
  | 'passphrase-required'
  | 'wrong-passphrase'
  | 'truncated'
  | 'corrupt'
  | 'incompatible'
  | 'unserializable'
  | 'restore-failed';

const MESSAGES: Record<BackupErrorCode, string> = {
  'not-backup': '这不是信用办案助手的备份文件',
  unsupported: '备份文件的格式版本不受支持，请升级信用办案助手后再恢复',
  'passphrase-required': '该备份已加密，请输入备份时设置的口令',
  'wrong-passphrase': '口令不正确，无法解密备份',
  truncated: '备份文件不完整（可能在下载或复制时被截断），本机数据未改变',
  corrupt: '备份文件已损坏或被修改，本机数据未改变',
  incompatible: '备份与当前版本的数据库结构不一致，无法恢复',
  unserializable: '本机数据中有无法写入备份的内容',
  'restore-failed': '恢复失败，本机数据未改变',
};

/** Why a backup could not be made, read or restored; `message` is Chinese and fit to show. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  readonly code: BackupErrorCode;
  constructor(code: BackupErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${MESSAGES[code]}：${detail}` : MESSAGES[code], options);
    this.code = code;
  }
}

const base64Of = (bytes: number) =>
  z.string().refine((s) => fromBase64(s)?.length === bytes, { message: `应为 ${bytes} 字节的 base64` });

const KeyPathSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1), z.null()]);

const TableSpecSchema = z.object({
  name: z.string().min(1),
  /** Primary key path; null for keys kept outside the row (outbound). */
  keyPath: KeyPathSchema,
  auto: z.boolean(),
});
export type BackupTableSpec = z.infer<typeof TableSpecSchema>;

const EncryptionSchema = z.object({
  cipher: z.literal('AES-GCM'),
  keyBits: z.literal(256),
  kdf: z.literal('PBKDF2'),
  hash: z.literal('SHA-256'),
  iterations: z.number().int().min(BACKUP_MIN_ITERATIONS).max(MAX_ITERATIONS),
  salt: base64Of(16),
  noncePrefix: base64Of(8),
  /** AES-GCM of a known text: tells a wrong passphrase from a damaged file. */
  keyCheck: z.string().min(1),
});

const HeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  database: z.object({ name: z.string(), version: z.number() }),
  tables: z.array(TableSpecSchema),
  compression: z.literal('deflate-raw'),
  encryption: EncryptionSchema.nullable(),
});
export type BackupHeader = z.infer<typeof HeaderSchema>;

const TableRecordSchema = z.object({
  table: z.string(),
  tagged: z.boolean().optional(),
  rows: z.array(z.unknown()),
  keys: z.array(z.unknown()).optional(),
});
const StorageRecordSchema = z.object({ storageLocal: z.record(z.string(), z.unknown()) });
const EndRecordSchema = z.object({
  end: z.object({ tables: z.record(z.string(), z.number().int().nonnegative()), storageLocalKeys: z.number().int() }),
});

/** Extra checks per table, beyond "an object with a valid primary key". */
const ROW_SCHEMAS: Readonly<Record<string, z.ZodType>> = { cases: LedgerCaseSchema };

export interface BackupSummary {
  createdAt: string;
  encrypted: boolean;
  database: { name: string; version: number };
  /** Rows per table in the backup; `current` (when a db was given) is what the restore replaces. */
  tables: { name: string; rows: number; current?: number }[];
  /** storage.local keys the restore hands back (site list, site profiles, settings, rule packs). */
  storageLocalKeys: string[];
}

/** A fully read and validated backup, ready to restore. */
export interface BackupContents {
  header: BackupHeader;
  summary: BackupSummary;
  tables: Map<string, { rows: unknown[]; keys?: unknown[] }>;
  storageLocal: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------- values

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** JSON replacer keeping what IndexedDB stores but JSON loses: Dates and bytes become tagged objects. */
function taggingReplacer(onTag: () => void) {
  return function (this: Record<string, unknown>, key: string, value: unknown): unknown {
    const raw = this[key];
    if (raw instanceof Date) {
      onTag();
      return { $date: Number.isNaN(raw.getTime()) ? null : raw.toISOString() };
    }
    if (raw instanceof Uint8Array || raw instanceof ArrayBuffer) {
      onTag();
      return { $bytes: toBase64(raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw) };
    }
    if (typeof Blob !== 'undefined' && raw instanceof Blob) {
      throw new BackupError('unserializable', '二进制文件对象');
    }
    return value;
  };
}

function untag(v: unknown): unknown {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = untag(v[i]);
    return v;
  }
  if (!isPlainObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === '$date' && (v.$date === null || typeof v.$date === 'string')) {
    return new Date(v.$date === null ? NaN : v.$date);
  }
  if (keys.length === 1 && keys[0] === '$bytes' && typeof v.$bytes === 'string') {
    const bytes = fromBase64(v.$bytes);
    if (!bytes) throw new BackupError('corrupt', '二进制字段不是 base64');
    return bytes;
  }
  for (const k of keys) v[k] = untag(v[k]);
  return v;
}

/** An IndexedDB key: number, string, Date, binary or an array of keys. */
function isValidKey(k: unknown): boolean {
  if (typeof k === 'number') return !Number.isNaN(k);
  if (typeof k === 'string') return true;
  if (k instanceof Date) return !Number.isNaN(k.getTime());
  if (k instanceof Uint8Array || k instanceof ArrayBuffer) return true;
  if (Array.isArray(k)) return k.every(isValidKey);
  return false;
}

function valueAt(row: unknown, path: string): unknown {
  let v: unknown = row;
  for (const part of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function keyOf(row: unknown, keyPath: string | string[]): unknown {
  return Array.isArray(keyPath) ? keyPath.map((p) => valueAt(row, p)) : valueAt(row, keyPath);
}

const specOf = (t: Table): BackupTableSpec => {
  const kp = t.schema.primKey.keyPath;
  return { name: t.name, keyPath: kp === undefined || kp === '' ? null : kp, auto: Boolean(t.schema.primKey.auto) };
};

const sameKeyPath = (a: BackupTableSpec['keyPath'], b: BackupTableSpec['keyPath']) =>
  JSON.stringify(a) === JSON.stringify(b);

// ---------------------------------------------------------------------------------------------- frames

const enc = new TextEncoder();

function frameMeta(index: number, flags: number): Uint8Array {
  const m = new Uint8Array(5);
  new DataView(m.buffer).setUint32(0, index);
  m[4] = flags;
  return m;
}

function nonce(prefix: Uint8Array, counter: number): Uint8Array {
  const iv = new Uint8Array(12);
  iv.set(prefix);
  new DataView(iv.buffer).setUint32(8, counter);
  return iv;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Collects NDJSON lines and deflates them frame by frame, so only compressed bytes accumulate. */
class FrameBuilder {
  readonly frames: Uint8Array[] = [];
  private parts: Uint8Array[] = [];
  private size = 0;

  line(text: string): void {
    const bytes = enc.encode(`${text}\n`);
    this.parts.push(bytes);
    this.size += bytes.length;
    if (this.size >= FRAME_BYTES) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    this.frames.push(deflateSync(concat(this.parts), { level: 6 }));
    this.parts = [];
    this.size = 0;
  }
}

interface Sealer {
  header: BackupHeader['encryption'];
  seal(data: Uint8Array, index: number, flags: number, headerBytes: Uint8Array): Promise<Uint8Array>;
}

async function plainSealer(): Promise<Sealer> {
  return {
    header: null,
    // A SHA-256 over the frame's position and data finds damage; it is not meant to stop tampering.
    seal: async (data, index, flags) => concat([await sha256(concat([frameMeta(index, flags), data])), data]),
  };
}

async function aesSealer(passphrase: string, iterations: number): Promise<Sealer> {
  const salt = randomBytes(16);
  const prefix = randomBytes(8);
  const key = await deriveKey(passphrase, salt, iterations);
  const keyCheck = await aesGcmEncrypt(key, nonce(prefix, KEY_CHECK_COUNTER), enc.encode('key-check'), enc.encode(KEY_CHECK_TEXT));
  return {
    header: {
      cipher: 'AES-GCM',
      keyBits: 256,
      kdf: 'PBKDF2',
      hash: 'SHA-256',
      iterations,
      salt: toBase64(salt),
      noncePrefix: toBase64(prefix),
      keyCheck: toBase64(keyCheck),
    },
    // The header is authenticated with every frame, so its KDF parameters cannot be swapped.
    seal: (data, index, flags, headerBytes) =>
      aesGcmEncrypt(key, nonce(prefix, index), concat([headerBytes, frameMeta(index, flags)]), data),
  };
}

// ---------------------------------------------------------------------------------------------- create

export interface CreateBackupOptions {
  /** Encrypt with this passphrase; absent: a plain (checksummed, compressed) backup. */
  passphrase?: string;
  /** PBKDF2 iterations, at least BACKUP_MIN_ITERATIONS. */
  iterations?: number;
  now?: Date;
}

/**
 * One file with every table of `db` and the storage.local snapshot. All tables are read in one read-only
 * transaction (a consistent snapshot), in pages of about 2 MiB of JSON; each page is serialised and its
 * frame deflated at once, so the rows are never all in memory, only the compressed frames.
 */
export async function createBackup(
  sources: { db: Dexie; storageLocal: Record<string, unknown> },
  opts: CreateBackupOptions = {},
): Promise<Uint8Array> {
  const { db, storageLocal } = sources;
  if (opts.passphrase !== undefined && opts.passphrase.trim() === '') throw new Error('口令不能为空');
  const iterations = opts.iterations ?? BACKUP_MIN_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < BACKUP_MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new Error(`迭代次数应在 ${BACKUP_MIN_ITERATIONS} 至 ${MAX_ITERATIONS} 之间`);
  }
  const sealer = opts.passphrase === undefined ? await plainSealer() : await aesSealer(opts.passphrase, iterations);

  const saved = db.tables.filter((t) => !(INTERNAL_TABLES as readonly string[]).includes(t.name));
  const tables = saved.map(specOf);
  const counts: Record<string, number> = {};
  const builder = new FrameBuilder();
  await db.transaction('r', saved, async () => {
    for (const table of saved) {
      counts[table.name] = await dumpTable(table, specOf(table), builder);
    }
  });
  const storageJson = JSON.stringify(storageLocal ?? {}, taggingReplacer(() => {}));
  builder.line(`{"storageLocal":${storageJson}}`);
  builder.line(JSON.stringify({ end: { tables: counts, storageLocalKeys: Object.keys(storageLocal ?? {}).length } }));
  builder.flush();

  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: (opts.now ?? new Date()).toISOString(),
    database: { name: db.name, version: db.verno },
    tables,
    compression: 'deflate-raw',
    encryption: sealer.header,
  };
  const headerBytes = enc.encode(JSON.stringify(header));
  const out: Uint8Array[] = [headerBytes, enc.encode('\n')];
  const frames = builder.frames;
  for (let i = 0; i < frames.length; i++) {
    const flags = i === frames.length - 1 ? FINAL : 0;
    const body = await sealer.seal(frames[i]!, i, flags, headerBytes);
    frames[i] = new Uint8Array(0); // the compressed frame is no longer needed once sealed
    const prefix = new Uint8Array(5);
    new DataView(prefix.buffer).setUint32(0, body.length);
    prefix[4] = flags;
    out.push(prefix, body);
  }
  return concat(out);
}

async function dumpTable(table: Table, spec: BackupTableSpec, builder: FrameBuilder): Promise<number> {
  let count = 0;
  let last: unknown;
  let pageRows = PAGE_ROWS.first;
  for (;;) {
    const range = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
    const page = range.limit(pageRows);
    const keys = spec.keyPath === null ? await page.clone().primaryKeys() : undefined;
    const rows = await page.toArray();
    if (rows.length === 0) return count;
    let tagged = false;
    const replacer = taggingReplacer(() => (tagged = true));
    const rowsJson = JSON.stringify(rows, replacer);
    const keysJson = keys ? `,"keys":${JSON.stringify(keys, replacer)}` : '';
    builder.line(`{"table":${JSON.stringify(table.name)},"tagged":${tagged}${keysJson},"rows":${rowsJson}}`);
    count += rows.length;
    if (rows.length < pageRows) return count;
    last = keys ? keys[keys.length - 1] : keyOf(rows[rows.length - 1], spec.keyPath!);
    const perRow = rowsJson.length / rows.length;
    pageRows = Math.max(1, Math.min(PAGE_ROWS.max, Math.floor(PAGE_BYTES / Math.max(1, perRow))));
  }
}

// ---------------------------------------------------------------------------------------------- read

async function bytesOf(file: Uint8Array | Blob): Promise<Uint8Array> {
  return file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer());
}

/** The header of a backup (to know whether to ask for a passphrase); throws BackupError. */
export function readBackupHeader(bytes: Uint8Array): BackupHeader {
  return splitHeader(bytes).header;
}

function splitHeader(bytes: Uint8Array): { header: BackupHeader; headerBytes: Uint8Array; bodyStart: number } {
  const nl = bytes.subarray(0, MAX_HEADER_BYTES).indexOf(0x0a);
  if (nl < 0) throw new BackupError('not-backup');
  const headerBytes = bytes.subarray(0, nl);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch {
    throw new BackupError('not-backup');
  }
  if (!isPlainObject(raw) || raw.format !== BACKUP_FORMAT) throw new BackupError('not-backup');
  if (raw.version !== BACKUP_VERSION) throw new BackupError('unsupported', `版本 ${String(raw.version)}`);
  const parsed = HeaderSchema.safeParse(raw);
  if (!parsed.success) throw new BackupError('corrupt', '文件头无效');
  return { header: parsed.data, headerBytes, bodyStart: nl + 1 };
}

type Opener = (body: Uint8Array, index: number, flags: number) => Promise<Uint8Array>;

async function opener(header: BackupHeader, headerBytes: Uint8Array, passphrase?: string): Promise<Opener> {
  const e = header.encryption;
  if (e === null) {
    return async (body, index, flags) => {
      if (body.length < 32) throw new BackupError('corrupt');
      const data = body.subarray(32);
      const digest = await sha256(concat([frameMeta(index, flags), data]));
      if (!digest.every((b, i) => b === body[i])) throw new BackupError('corrupt', `第 ${index + 1} 段校验和不符`);
      return data;
    };
  }
  if (passphrase === undefined || passphrase === '') throw new BackupError('passphrase-required');
  const prefix = fromBase64(e.noncePrefix)!;
  const key = await deriveKey(passphrase, fromBase64(e.salt)!, e.iterations);
  const check = fromBase64(e.keyCheck);
  const opened = check && (await aesGcmDecrypt(key, nonce(prefix, KEY_CHECK_COUNTER), enc.encode('key-check'), check));
  if (!opened || new TextDecoder().decode(opened) !== KEY_CHECK_TEXT) throw new BackupError('wrong-passphrase');
  return async (body, index, flags) => {
    const plain = await aesGcmDecrypt(key, nonce(prefix, index), concat([headerBytes, frameMeta(index, flags)]), body);
    if (!plain) throw new BackupError('corrupt', `第 ${index + 1} 段无法通过完整性校验`);
    return plain;
  };
}

/**
 * Reads and validates the WHOLE backup (header, every frame's checksum or tag, every record, every row's
 * primary key, every ledger case against its schema, the final counts) without touching any database.
 * With `db`, also checks that the tables fit and reports how many rows each table holds now.
 * Throws BackupError (Chinese message) on a wrong passphrase, a damaged or truncated file.
 */
export async function inspectBackup(
  file: Uint8Array | Blob,
  passphrase?: string,
  db?: Dexie,
): Promise<BackupContents> {
  const bytes = await bytesOf(file);
  const { header, headerBytes, bodyStart } = splitHeader(bytes);
  const open = await opener(header, headerBytes, passphrase);
  const specs = new Map(header.tables.map((t) => [t.name, t]));
  if (specs.size !== header.tables.length) throw new BackupError('corrupt', '数据表重复');
  const tables = new Map<string, { rows: unknown[]; keys?: unknown[] }>(
    header.tables.map((t) => [t.name, t.keyPath === null ? { rows: [], keys: [] } : { rows: [] }]),
  );
  let storageLocal: Record<string, unknown> | null = null;
  let end: z.infer<typeof EndRecordSchema>['end'] | null = null;
  const decoder = new TextDecoder('utf-8', { fatal: true });

  const onRecord = (line: string) => {
    if (end !== null) throw new BackupError('corrupt', '结束标记之后仍有数据');
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new BackupError('corrupt', '记录不是有效的 JSON');
    }
    const t = TableRecordSchema.safeParse(raw);
    if (t.success) return addRows(t.data, specs, tables);
    const s = StorageRecordSchema.safeParse(raw);
    if (s.success) {
      if (storageLocal !== null) throw new BackupError('corrupt', '扩展设置出现多次');
      storageLocal = untag(s.data.storageLocal) as Record<string, unknown>;
      return;
    }
    const e = EndRecordSchema.safeParse(raw);
    if (e.success) {
      end = e.data.end;
      return;
    }
    throw new BackupError('corrupt', '无法识别的记录');
  };

  let at = bodyStart;
  let index = 0;
  let final = false;
  while (!final) {
    if (at + 5 > bytes.length) throw new BackupError('truncated');
    const length = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
    const flags = bytes[at + 4]!;
    if (flags !== 0 && flags !== FINAL) throw new BackupError('corrupt', '分段标记无效');
    if (at + 5 + length > bytes.length) throw new BackupError('truncated');
    const data = await open(bytes.subarray(at + 5, at + 5 + length), index, flags);
    let text: string;
    try {
      text = decoder.decode(inflateSync(data));
    } catch {
      throw new BackupError('corrupt', `第 ${index + 1} 段无法解压`);
    }
    for (const line of text.split('\n')) if (line !== '') onRecord(line);
    at += 5 + length;
    index++;
    final = flags === FINAL;
  }
  if (at !== bytes.length) throw new BackupError('corrupt', '结束标记之后仍有数据');
  if (end === null || storageLocal === null) throw new BackupError('truncated');
  const endRec: { tables: Record<string, number>; storageLocalKeys: number } = end;
  const storage: Record<string, unknown> = storageLocal;
  for (const [name, t] of tables) {
    if ((endRec.tables[name] ?? 0) !== t.rows.length) throw new BackupError('corrupt', `数据表“${name}”的行数不符`);
  }
  if (Object.keys(endRec.tables).some((n) => !tables.has(n)) || endRec.storageLocalKeys !== Object.keys(storage).length) {
    throw new BackupError('corrupt', '结束标记与内容不符');
  }

  const contents: BackupContents = {
    header,
    tables,
    storageLocal: storage,
    summary: {
      createdAt: header.createdAt,
      encrypted: header.encryption !== null,
      database: header.database,
      tables: header.tables.map((t) => ({ name: t.name, rows: tables.get(t.name)!.rows.length })),
      storageLocalKeys: Object.keys(storage),
    },
  };
  if (db) {
    checkFits(contents, db);
    for (const t of contents.summary.tables) t.current = await db.table(t.name).count();
  }
  return contents;
}

function addRows(
  rec: z.infer<typeof TableRecordSchema>,
  specs: Map<string, BackupTableSpec>,
  tables: Map<string, { rows: unknown[]; keys?: unknown[] }>,
): void {
  const spec = specs.get(rec.table);
  const target = tables.get(rec.table);
  if (!spec || !target) throw new BackupError('corrupt', `未声明的数据表“${rec.table}”`);
  const rows = rec.tagged ? (untag(rec.rows) as unknown[]) : rec.rows;
  const keys = rec.keys && rec.tagged ? (untag(rec.keys) as unknown[]) : rec.keys;
  const schema = ROW_SCHEMAS[rec.table];
  if (spec.keyPath === null) {
    if (!keys || keys.length !== rows.length || !keys.every(isValidKey)) {
      throw new BackupError('corrupt', `数据表“${rec.table}”的主键无效`);
    }
    target.keys!.push(...keys);
  }
  for (const row of rows) {
    const n = target.rows.length + 1;
    if (typeof row !== 'object' || row === null) throw new BackupError('corrupt', `数据表“${rec.table}”第 ${n} 行不是对象`);
    if (spec.keyPath !== null && !isValidKey(keyOf(row, spec.keyPath))) {
      throw new BackupError('corrupt', `数据表“${rec.table}”第 ${n} 行缺少有效主键`);
    }
    if (schema) {
      const r = schema.safeParse(row);
      if (!r.success) throw new BackupError('corrupt', `数据表“${rec.table}”第 ${n} 行无效（${r.error.issues[0]?.message ?? ''}）`);
    }
    target.rows.push(row);
  }
}

function checkFits(contents: BackupContents, db: Dexie): void {
  if (contents.header.database.version > db.verno) {
    throw new BackupError('incompatible', '备份来自更新版本的信用办案助手，请先升级');
  }
  const current = new Map(db.tables.map((t) => [t.name, specOf(t)]));
  for (const spec of contents.header.tables) {
    const mine = current.get(spec.name);
    if (!mine || !sameKeyPath(mine.keyPath, spec.keyPath)) {
      throw new BackupError('incompatible', `数据表“${spec.name}”`);
    }
  }
}

// ---------------------------------------------------------------------------------------------- restore

/**
 * Replaces everything local with the backup: the file is read and validated in full first
 * (inspectBackup), then every table is cleared and refilled inside ONE read-write transaction over all
 * tables, so a failure at any point leaves the database as it was. Returns the storage.local snapshot for
 * the caller to write back (this module has no access to browser.storage).
 */
export async function restoreBackup(
  db: Dexie,
  file: Uint8Array | Blob | BackupContents,
  passphrase?: string,
): Promise<{ storageLocal: Record<string, unknown>; summary: BackupSummary }> {
  const contents = isContents(file) ? file : await inspectBackup(file, passphrase, db);
  checkFits(contents, db);
  try {
    await db.transaction('rw', db.tables, async () => {
      for (const table of db.tables) await table.clear();
      for (const [name, { rows, keys }] of contents.tables) {
        const table = db.table(name);
        for (let i = 0; i < rows.length; i += RESTORE_BATCH) {
          const batch = rows.slice(i, i + RESTORE_BATCH);
          if (keys) await table.bulkAdd(batch, keys.slice(i, i + RESTORE_BATCH) as never[]);
          else await table.bulkAdd(batch);
        }
      }
      if (db instanceof CreditDb) await rebuildTallyFacts(db);
    });
  } catch (e) {
    throw new BackupError('restore-failed', e instanceof Error ? e.message : undefined, { cause: e });
  }
  return { storageLocal: contents.storageLocal, summary: contents.summary };
}

function isContents(x: Uint8Array | Blob | BackupContents): x is BackupContents {
  return !(x instanceof Uint8Array) && typeof (x as BackupContents).header === 'object' && 'tables' in x;
}

/** 清除本机数据: empties every table in one transaction (the typed confirmation is the caller's). */
export async function eraseAll(db: Dexie): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
  });
}

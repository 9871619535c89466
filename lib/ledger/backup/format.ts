import { z } from 'zod';
import { LIST_KINDS } from '../../db/schema';
import { caseIdentity, refoldIdentity } from '../../db/identity';
import { isIsoDate } from '../../text';
import { fromBase64, toBase64 } from '../crypto';
import {
  CaseHistorySchema,
  LedgerCaseSchema,
  LedgerEntrySchema,
  LegacyLedgerCaseSchema,
  TimestampSchema,
  ledgerIssue as issue,
  textOf,
} from '../schema';
import { codeKey, messageCode, userMessage, type MessageFamily, type UserMessage } from '../../messages';
import { valueAt } from '../../path';

/*
 * The backup file's layout (FORMAT.md "Backup file"): header, frames, records, and the schemas every row and
 * the metadata are checked against. Shared by create, inspect and restore.
 */

export const BACKUP_FORMAT = 'credit-case-assistant/backup';
export const BACKUP_VERSION = 1;
/** Iterations a new encrypted backup uses: OWASP's current guidance for PBKDF2-HMAC-SHA-256. */
export const BACKUP_ITERATIONS = 600_000;
/** Fewest iterations a file may declare: backups written before 600,000 became the default still open. */
export const BACKUP_MIN_ITERATIONS = 310_000;
export const MAX_ITERATIONS = 10_000_000;
export const MAX_HEADER_BYTES = 64 * 1024;
/** Largest frame body a reader accepts (a frame holds about 1 MiB of plaintext, compressed). */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
/** Plaintext per frame: big enough to compress well, small enough that no step holds the whole file twice. */
export const FRAME_BYTES = 1 << 20;
export const FINAL = 1;

export type BackupErrorCode =
  | 'not-backup'
  | 'unsupported'
  | 'passphrase-required'
  | 'wrong-passphrase'
  | 'truncated'
  | 'corrupt'
  | 'invalid'
  | 'incompatible'
  | 'unserializable'
  | 'no-space'
  | 'busy'
  | 'restore-failed';

/** The codes whose message already tells that nothing on this computer changed (本机数据未改变). */
export const BACKUP_ERRORS_SAYING_UNCHANGED: readonly BackupErrorCode[] = ['truncated', 'corrupt', 'invalid', 'no-space', 'restore-failed'];

/** What a backup error names: a part of the file, a table, a size (`backupDetail_<code>`). */
export const backupDetail = (code: MessageFamily<'backupDetail_'>, ...subs: (string | number | UserMessage)[]): UserMessage =>
  userMessage(`backupDetail_${code}`, ...subs);

/**
 * Why a backup could not be made, read or restored: the code's message (`backupError_<code>`), with what it is
 * about when known (`…：第 3 段无法解压`); the view words it.
 */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  readonly code: BackupErrorCode;
  readonly userMessage: UserMessage;
  constructor(code: BackupErrorCode, detail?: UserMessage | string, options?: { cause?: unknown }) {
    const said = userMessage(codeKey('backupError_', code));
    const shown = detail === undefined ? said : userMessage('backupError_because', said, detail);
    super(messageCode(shown), options);
    this.code = code;
    this.userMessage = shown;
  }
}

// ---------------------------------------------------------------------------------------------- header

const base64Of = (bytes: number) => z.string().refine((s) => fromBase64(s)?.length === bytes, issue('base64', String(bytes)));

const KeyPathSchema = z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).min(1).max(10), z.null()]);

const TableSpecSchema = z.object({
  name: z.string().min(1).max(100),
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
  keyCheck: z.string().min(1).max(200),
});

export const HeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: TimestampSchema,
  database: z.object({ name: z.string().max(200), version: z.number().int().positive() }),
  tables: z.array(TableSpecSchema).max(100),
  compression: z.literal('deflate-raw'),
  encryption: EncryptionSchema.nullable(),
});
export type BackupHeader = z.infer<typeof HeaderSchema>;

// ---------------------------------------------------------------------------------------------- records

export const TableRecordSchema = z.object({
  table: z.string().max(100),
  tagged: z.boolean().optional(),
  rows: z.array(z.unknown()),
  keys: z.array(z.unknown()).optional(),
});
export const StorageRecordSchema = z.object({ storageLocal: z.record(z.string(), z.unknown()) });
export const EndRecordSchema = z.object({
  end: z.object({
    tables: z.record(z.string(), z.number().int().nonnegative()),
    storageLocalKeys: z.number().int().nonnegative(),
  }),
});
export type EndRecord = z.infer<typeof EndRecordSchema>['end'];

// ---------------------------------------------------------------------------------------------- rows

// A list's name and file name are shown on the lists page: printable text, no markup, no control characters.
const displayText = (max: number) => textOf(max).refine((s) => !/[<>]/.test(s), issue('markup'));
const count = z.number().int().nonnegative().max(1e9);

/** Metadata of an imported list (lib/db ListMeta), as strictly as a ledger case. */
const ListMetaSchema = z.object({
  id: textOf(100).min(1),
  kind: z.enum(LIST_KINDS),
  name: displayText(200).min(1),
  source: displayText(260),
  importedAt: TimestampSchema,
  rowCount: count,
  invalidCount: count,
  flaggedCount: count,
  status: z.enum(['pending', 'active']),
  columnMapping: z.record(textOf(60), z.number().int().nonnegative().max(16_384)),
  dataDate: z.string().refine(isIsoDate, issue('date')).optional(),
  bucketCount: z
    .number()
    .int()
    .nonnegative()
    .max(1 << 20),
  chunkCount: count,
  heartbeatAt: z.number().nonnegative().finite(),
});

const EntityChunkSchema = z.object({
  listId: textOf(100).min(1),
  bucket: z
    .number()
    .int()
    .nonnegative()
    .max(1 << 20),
  chunk: z.number().int().nonnegative().max(1e9),
  text: z.string().max(32 * 1024 * 1024),
});

const UNDO_PREFIX = 'ledger-undo:';

/** A `meta` row: any key; the ledger's undo entries hold deleted cases, checked like cases. */
const MetaRowSchema = z.object({ key: textOf(300).min(1), value: z.unknown() }).superRefine((row, ctx) => {
  if (!row.key.startsWith(UNDO_PREFIX)) return;
  const r = z
    .object({ deletedAt: TimestampSchema, rows: z.array(z.union([LedgerEntrySchema, LegacyLedgerCaseSchema])).max(100_000) })
    .safeParse(row.value);
  if (!r.success) ctx.addIssue({ code: 'custom', ...issue('undoCase') });
});

const identityMatches = (c: { id: string; decisionNo: string | null; caseNo: string | null }) =>
  caseIdentity(c) !== null && refoldIdentity(c.id) === caseIdentity(c);

/** The schema of each known table's rows, by the database version the backup was made from. */
export function rowSchemas(databaseVersion: number): Readonly<Record<string, z.ZodType>> {
  const cases = (databaseVersion < 2 ? LegacyLedgerCaseSchema : LedgerCaseSchema).refine(identityMatches, {
    ...issue('identity'),
  });
  return { lists: ListMetaSchema, entityChunks: EntityChunkSchema, cases, histories: CaseHistorySchema, meta: MetaRowSchema };
}

// ---------------------------------------------------------------------------------------------- values

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** JSON replacer keeping what IndexedDB stores but JSON loses: Dates and bytes become tagged objects. */
export function taggingReplacer(onTag: () => void) {
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
      throw new BackupError('unserializable', backupDetail('blob'));
    }
    return value;
  };
}

export function untag(v: unknown): unknown {
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
    if (!bytes) throw new BackupError('corrupt', backupDetail('base64'));
    return bytes;
  }
  for (const k of keys) v[k] = untag(v[k]);
  return v;
}

/** An IndexedDB key: number, string, Date, binary or an array of keys. */
export function isValidKey(k: unknown): boolean {
  if (typeof k === 'number') return !Number.isNaN(k);
  if (typeof k === 'string') return true;
  if (k instanceof Date) return !Number.isNaN(k.getTime());
  if (k instanceof Uint8Array || k instanceof ArrayBuffer) return true;
  if (Array.isArray(k)) return k.every(isValidKey);
  return false;
}

export function keyOf(row: unknown, keyPath: string | string[]): unknown {
  return Array.isArray(keyPath) ? keyPath.map((p) => valueAt(row, p.split('.'))) : valueAt(row, keyPath.split('.'));
}

export const sameKeyPath = (a: BackupTableSpec['keyPath'], b: BackupTableSpec['keyPath']) => JSON.stringify(a) === JSON.stringify(b);

// ---------------------------------------------------------------------------------------------- frames

export const enc = new TextEncoder();

/** The position and flags a frame's checksum or tag covers. */
export function frameMeta(index: number, flags: number): Uint8Array {
  const m = new Uint8Array(5);
  new DataView(m.buffer).setUint32(0, index);
  m[4] = flags;
  return m;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

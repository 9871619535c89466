import { deflateSync } from 'fflate';
import type { Dexie, Table } from 'dexie';
import { INTERNAL_TABLES } from '../../db/schema';
import { UserError } from '../../errors';
import { userMessage } from '../../messages';
import {
  BACKUP_FORMAT,
  BACKUP_ITERATIONS,
  BACKUP_MIN_ITERATIONS,
  BACKUP_VERSION,
  FINAL,
  FRAME_BYTES,
  MAX_ITERATIONS,
  concat,
  enc,
  keyOf,
  taggingReplacer,
  type BackupHeader,
  type BackupTableSpec,
} from './format';
import { aesSealer, plainSealer } from './sealing';

/** Rows per read: adapted so that a page serialises to about PAGE_BYTES whatever the size of a row. */
const PAGE_ROWS = { first: 200, max: 5_000 };
const PAGE_BYTES = 2 << 20;

export const specOf = (t: Table): BackupTableSpec => {
  const kp = t.schema.primKey.keyPath;
  return { name: t.name, keyPath: kp === undefined || kp === '' ? null : kp, auto: Boolean(t.schema.primKey.auto) };
};

/** The tables a backup holds: all but the derived and work-in-progress ones (INTERNAL_TABLES). */
export const savedTables = (db: Dexie): Table[] => db.tables.filter((t) => !(INTERNAL_TABLES as readonly string[]).includes(t.name));

/**
 * Collects NDJSON lines and deflates them frame by frame. Each compressed frame is handed over at once as a
 * Blob, so neither the rows nor the file ever sit whole in memory.
 */
class FrameBuilder {
  readonly frames: Blob[] = [];
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
    this.frames.push(new Blob([deflateSync(concat(this.parts), { level: 6 }) as Uint8Array<ArrayBuffer>]));
    this.parts = [];
    this.size = 0;
  }
}

export interface CreateBackupOptions {
  /** Encrypt with this passphrase; absent: a plain (checksummed, compressed) backup. */
  passphrase?: string;
  /** PBKDF2 iterations: BACKUP_ITERATIONS by default; never fewer than a reader accepts (BACKUP_MIN_ITERATIONS). */
  iterations?: number;
  now?: Date;
}

/**
 * One backup file with every table of `db` (but INTERNAL_TABLES) and the storage.local snapshot, as a Blob
 * built from parts. All tables are read in one read-only transaction (a consistent snapshot), in pages of
 * about 2 MiB of JSON; each frame is deflated as soon as it is full and kept as a Blob, then sealed one by one.
 */
export async function createBackup(
  sources: { db: Dexie; storageLocal: Record<string, unknown> },
  opts: CreateBackupOptions = {},
): Promise<Blob> {
  const { db, storageLocal } = sources;
  if (opts.passphrase !== undefined && opts.passphrase.trim() === '') throw new UserError(userMessage('backupDetail_emptyPassphrase'));
  const iterations = opts.iterations ?? BACKUP_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < BACKUP_MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new UserError(userMessage('backupDetail_iterations', BACKUP_MIN_ITERATIONS, MAX_ITERATIONS));
  }
  const sealer = opts.passphrase === undefined ? plainSealer() : await aesSealer(opts.passphrase, iterations);

  const saved = savedTables(db);
  const counts: Record<string, number> = {};
  const builder = new FrameBuilder();
  await db.transaction('r', saved, async () => {
    for (const table of saved) counts[table.name] = await dumpTable(table, specOf(table), builder);
  });
  builder.line(
    `{"storageLocal":${JSON.stringify(
      storageLocal ?? {},
      taggingReplacer(() => {}),
    )}}`,
  );
  builder.line(JSON.stringify({ end: { tables: counts, storageLocalKeys: Object.keys(storageLocal ?? {}).length } }));
  builder.flush();

  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: (opts.now ?? new Date()).toISOString(),
    database: { name: db.name, version: db.verno },
    tables: saved.map(specOf),
    compression: 'deflate-raw',
    encryption: sealer.header,
  };
  const headerBytes = enc.encode(JSON.stringify(header));
  const parts: BlobPart[] = [headerBytes as Uint8Array<ArrayBuffer>, enc.encode('\n') as Uint8Array<ArrayBuffer>];
  const frames = builder.frames;
  for (let i = 0; i < frames.length; i++) {
    const flags = i === frames.length - 1 ? FINAL : 0;
    const body = await sealer.seal(new Uint8Array(await frames[i]!.arrayBuffer()), i, flags, headerBytes);
    const prefix = new Uint8Array(5);
    new DataView(prefix.buffer).setUint32(0, body.length);
    prefix[4] = flags;
    parts.push(new Blob([prefix, body as Uint8Array<ArrayBuffer>]));
  }
  return new Blob(parts, { type: 'application/octet-stream' });
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

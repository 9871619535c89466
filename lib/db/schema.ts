import Dexie, { type Table, type Transaction } from 'dexie';
import { rowOf, type CaseHistory, type LedgerCase, type LegacyCase } from './case';
import { currentCases, factsOf, type TallyFact, type TallyMetric } from './cases';
import { tallyMonthsOf, type TallyMonth } from './tally-months';

export * from './case';

/** Kinds of party list a user can import. */
export const LIST_KINDS = ['serious', 'commitment', 'key-domain', 'risk', 'penalty-history'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/**
 * Metadata of one imported list. A list is `pending` while its rows are being staged and becomes
 * `active` in one final transaction; only active lists are ever read by lookups.
 */
export interface ListMeta {
  id: string;
  kind: ListKind;
  name: string;
  /** file name the list came from */
  source: string;
  /** ISO timestamp of the import */
  importedAt: string;
  /** rows stored (valid rows, flagged ones included) */
  rowCount: number;
  invalidCount: number;
  /** rows kept with an invalid credit code */
  flaggedCount: number;
  status: 'pending' | 'active';
  /** field → column index used for the import */
  columnMapping: Record<string, number>;
  /** date the data describes (e.g. the month of a risk classification), ISO */
  dataDate?: string;
  /** number of hash buckets the rows are spread over, fixed once the first chunk is written */
  bucketCount: number;
  /** chunks written so far (each flush writes chunk number `chunkCount` of every non-empty bucket) */
  chunkCount: number;
  /** last sign of life of a pending import, epoch ms: a pending list without one for long is abandoned */
  heartbeatAt: number;
}

/**
 * One flush of one bucket of one list: the entries of that bucket written by that flush, as text
 * (layout in lib/entities/README.md). Key `[listId, bucket, chunk]`, so one bucket of a list is one key range.
 */
export interface EntityChunk {
  listId: string;
  bucket: number;
  chunk: number;
  text: string;
}

/**
 * The key index of one list (lib/entities/key-index.ts): the FNV-1a hash of every entry key with the chunk
 * the entry is in, so a lookup reads only the chunks that hold its keys (none for a party on no list). Derived
 * from the list's chunks, which it names by `chunkCount`/`bucketCount`/`rowCount`: a row that does not match
 * its list is rebuilt.
 */
export interface ListKeyIndexRow {
  listId: string;
  /** layout version of `hashes`/`chunks` */
  format: number;
  bucketCount: number;
  chunkCount: number;
  rowCount: number;
  /** key hashes ascending; a key whose entries are in several chunks appears once per chunk */
  hashes: Uint32Array;
  /** the chunk of each hash */
  chunks: Uint8Array | Uint16Array | Uint32Array;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

/** One row of a restore being staged: the row for `table`, and its key when that table keeps keys outside rows. */
export interface StagedRow {
  table: string;
  seq: number;
  row: unknown;
  key?: unknown;
}

/**
 * Where a restore (or 清除本机数据) stands, kept while it runs so that the next start finishes it or rolls
 * it back (lib/ledger/backup/restore.ts). `storageLocal` is what extension storage is to become, `previous`
 * what it was.
 */
export interface RestoreJournal {
  id: 'restore';
  token: string;
  /** staging: rows being written aside; staged: all written; switching: storage being replaced, then tables */
  phase: 'staging' | 'staged' | 'switching';
  /** last sign of life (epoch ms); a journal silent for long belongs to a page that is gone */
  heartbeatAt: number;
  /** the database version the staged rows come from (rows of an older one are brought up on the way in) */
  databaseVersion: number;
  /** rows staged per table */
  tables: Record<string, number>;
  storageLocal: Record<string, unknown>;
  previous: Record<string, unknown>;
}

/** One schema version: Dexie store definitions and the upgrade that moves data from the previous one. */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => void | PromiseLike<unknown>;
}

/**
 * Every schema version, oldest first. A new version is appended here with only the stores it changes and an
 * `upgrade` for the data; earlier entries are never edited, so any older database on a user's disk upgrades.
 */
export const DB_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      lists: 'id, kind, status',
      entityChunks: '[listId+bucket+chunk]',
      cases: 'id, listingDate, exposureDate, repeatPublicityDate, decisionDate, domain, unit, uscc, partyNameNorm, updatedAt, origin',
      meta: 'key',
    },
  },
  {
    // Revision history per case (in its own table, so case rows stay light), identities re-folded (invisible characters, every bracket style, NFKC),
    // the duplicates that reveals combined; the 工作情况表's facts kept beside the cases; a restore staged.
    version: 2,
    stores: {
      histories: 'caseId',
      // counted by row on the indexes (all units, one unit); the publicity facts read by date
      tallyFacts: '[caseId+metric], [metric+date], [metric+unit+date], [metric+domain+date], [metric+unit+domain+date]',
      restoreRows: '[table+seq]',
      restoreJournal: 'id',
    },
    upgrade: (tx) => upgradeCasesTo2(tx),
  },
  {
    // Key indexes of the lists: derived data, built at import; a list without one gets it when first looked up.
    version: 3,
    stores: { listIndexes: 'listId' },
  },
  {
    // The 工作情况表 from running tallies per unit and month (tally-months.ts), built from the facts; the facts stay
    // as what each case contributes (so a write knows what to take back), without the indexes counting used.
    version: 4,
    stores: { tallyFacts: '[caseId+metric]', tallyMonths: '[unit+month], month' },
    upgrade: async (tx) => {
      await tx.table('tallyMonths').bulkAdd(tallyMonthsOf(await tx.table<TallyFact>('tallyFacts').toArray()));
    },
  },
];

/** Version 2's upgrade: every case to the current format and folding, duplicates combined, facts built. */
async function upgradeCasesTo2(tx: Transaction): Promise<void> {
  const cases = tx.table<LedgerCase | LegacyCase, string>('cases');
  const rows = await cases.toArray();
  const current = currentCases(rows, new Date().toISOString());
  await cases.clear();
  await cases.bulkAdd(current.map(rowOf));
  await tx.table('histories').bulkAdd(current.map((e) => ({ caseId: e.id, revisions: e.history })));
  await tx.table('tallyFacts').bulkAdd(current.flatMap(factsOf));
}

const DEFAULT_DB_NAME = 'credit-case-assistant';

/**
 * Tables whose rows are derived from others or are work in progress: they are rebuilt, never backed up or
 * restored (tallyFacts and tallyMonths from the cases, listIndexes from the lists' chunks; the restore tables hold a
 * restore being staged).
 */
export const INTERNAL_TABLES = ['tallyFacts', 'tallyMonths', 'listIndexes', 'restoreRows', 'restoreJournal'] as const;

export class CreditDb extends Dexie {
  lists!: Table<ListMeta, string>;
  entityChunks!: Table<EntityChunk, [string, number, number]>;
  cases!: Table<LedgerCase, string>;
  meta!: Table<MetaEntry, string>;
  histories!: Table<CaseHistory, string>;
  tallyFacts!: Table<TallyFact, [string, TallyMetric]>;
  tallyMonths!: Table<TallyMonth, [string, string]>;
  restoreRows!: Table<StagedRow, [string, number]>;
  restoreJournal!: Table<RestoreJournal, string>;
  listIndexes!: Table<ListKeyIndexRow, string>;

  constructor(name: string = DEFAULT_DB_NAME, versions: readonly SchemaVersion[] = DB_VERSIONS) {
    super(name);
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
    // Another tab (or a newer extension version) wants to upgrade: close so it is not blocked; Dexie
    // reopens this connection on its next query.
    this.on('versionchange', () => {
      this.close({ disableAutoOpen: false });
      return false;
    });
  }
}

/**
 * The extension's database. Call only in the extension origin (background, dashboard, popup), never in a
 * content script: there it would store case data in the host site's origin.
 */
export function openDb(name: string = DEFAULT_DB_NAME): CreditDb {
  return new CreditDb(name);
}

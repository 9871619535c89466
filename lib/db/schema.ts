import Dexie, { type Table, type Transaction } from 'dexie';
import type { LedgerCase } from './case';

export * from './case';

/** Kinds of party list a user can import. */
export const LIST_KINDS = ['serious', 'commitment', 'key-domain', 'risk', 'penalty-history'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** Chinese names of the list kinds, for messages and the dashboard. */
export const LIST_KIND_TITLES: Record<ListKind, string> = {
  serious: '严重违法失信名单',
  commitment: '承诺不实记录',
  'key-domain': '重点领域企业清单',
  risk: '信用风险分类结果',
  'penalty-history': '行政处罚记录',
};

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

export interface MetaEntry {
  key: string;
  value: unknown;
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
      cases:
        'id, listingDate, exposureDate, repeatPublicityDate, decisionDate, domain, unit, uscc, partyNameNorm, updatedAt, origin',
      meta: 'key',
    },
  },
];

export const DEFAULT_DB_NAME = 'credit-case-assistant';

export class CreditDb extends Dexie {
  lists!: Table<ListMeta, string>;
  entityChunks!: Table<EntityChunk, [string, number, number]>;
  cases!: Table<LedgerCase, string>;
  meta!: Table<MetaEntry, string>;

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

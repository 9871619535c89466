import { CreditDb } from '../../../lib/db';
import { storageBytes } from '../../../lib/settings/snapshot';
import type { LockManagerLike, RestoreEnv, StorageArea } from '../../../lib/ledger';

/**
 * An in-memory storage.local: a quota counted like Chrome's, and faults on demand. Views over one backing map
 * stand for the same storage seen by two page loads; a dead view (its page was killed) refuses everything.
 */
export class FakeStorage {
  readonly data = new Map<string, unknown>();
  calls = 0;
  constructor(
    readonly quota = Infinity,
    initial: Record<string, unknown> = {},
  ) {
    for (const [k, v] of Object.entries(initial)) this.data.set(k, structuredClone(v));
  }

  /** The items, keys sorted (storage.local has no order). */
  snapshot(): Record<string, unknown> {
    return structuredClone(Object.fromEntries([...this.data].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  }

  /** A view of this storage; `fail(op, n)` (n counts every call of the view) makes a call throw. */
  view(fail?: (op: 'get' | 'set' | 'remove', n: number) => Error | null): StorageArea & { dead: boolean } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the view's methods have their own `this`
    const self = this;
    const guard = (op: 'get' | 'set' | 'remove') => {
      self.calls++;
      if (view.dead) throw new Error('page is gone');
      const e = fail?.(op, self.calls);
      if (e) throw e;
    };
    const view = {
      dead: false,
      async get(_keys: null) {
        guard('get');
        return self.snapshot();
      },
      async set(items: Record<string, unknown>) {
        guard('set');
        const next = { ...self.snapshot(), ...structuredClone(items) };
        if (storageBytes(next) > self.quota) throw new Error('QUOTA_BYTES quota exceeded');
        for (const [k, v] of Object.entries(items)) self.data.set(k, structuredClone(v));
      },
      async remove(keys: string[]) {
        guard('remove');
        for (const k of keys) self.data.delete(k);
      },
    };
    return view;
  }
}

/** navigator.locks for one lock name at a time: held while the callback runs. */
export class FakeLocks implements LockManagerLike {
  private readonly held = new Set<string>();
  async request<T>(name: string, _options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T> {
    if (this.held.has(name)) return callback(null);
    this.held.add(name);
    try {
      return await callback({ name });
    } finally {
      this.held.delete(name);
    }
  }
  hold(name: string): () => void {
    this.held.add(name);
    return () => this.held.delete(name);
  }
}

/** Thrown by an injected fault that stands for the page being killed at that point. */
export class Killed extends Error {}

/**
 * An environment whose page is killed at the `at`-th step: from then on its storage view and its database
 * connection refuse everything, so nothing of the operation runs after that point, not even its clean-up.
 */
export function killedAt(storage: FakeStorage, db: CreditDb, at: number, base: Partial<RestoreEnv> = {}): RestoreEnv & { steps: string[] } {
  const view = storage.view();
  const steps: string[] = [];
  return {
    ...base,
    storage: view,
    steps,
    step: (name) => {
      steps.push(name);
      if (steps.length === at) {
        view.dead = true;
        db.close({ disableAutoOpen: true });
        throw new Killed(`killed at ${name}`);
      }
    },
  };
}

/** Every row of every table and the storage, as a comparable value. */
export async function stateOf(db: CreditDb, storage: FakeStorage) {
  const rows = async (name: string) => db.table(name).toArray();
  return {
    lists: await rows('lists'),
    entityChunks: await rows('entityChunks'),
    cases: await rows('cases'),
    histories: await rows('histories'),
    meta: await rows('meta'),
    tallyFacts: await rows('tallyFacts'),
    // the publicity text's key order follows the writes: compared as what it says
    tallyMonths: (await db.tallyMonths.toArray()).map((m) => ({ ...m, publicity: JSON.parse(m.publicity) as unknown })),
    staged: await db.restoreRows.count(),
    journal: await db.restoreJournal.count(),
    storage: storage.snapshot(),
  };
}

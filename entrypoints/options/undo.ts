import { useState } from 'react';
import type { CreditDb } from '../../lib/db';
import { dismissUndos, pendingUndos, undoDelete, type PendingUndo } from '../../lib/ledger';
import { useLive } from './live';

/**
 * The deletions the 台账 offers to undo, newest first; each 撤销 restores the newest. Read live from the database
 * (lib/ledger pendingUndos): a reload, a look at another tab or a second deletion loses none, and an undo or a 关闭
 * in another dashboard tab is seen here too. What this page is undoing or dismissing is hidden at once, so a second
 * click never reuses it; the database's transaction makes sure an entry is restored at most once.
 */
export function usePendingUndos(db: CreditDb) {
  const live = useLive(() => pendingUndos(db), [db]);
  const [taken, setTaken] = useState<ReadonlySet<string>>(new Set());
  const take = (tokens: readonly string[]) => setTaken((s) => new Set([...s, ...tokens]));
  const giveBack = (tokens: readonly string[]) => setTaken((s) => new Set([...s].filter((x) => !tokens.includes(x))));
  const pending = (live.value ?? []).filter((u) => !taken.has(u.token));
  return {
    pending,
    /** the entries could not be read: the page says so rather than offering nothing silently */
    error: live.error,
    /** Restores the newest pending deletion; resolves to what was restored and which cases were kept as newer. */
    undoNewest: () => {
      const newest: PendingUndo | undefined = pending[0];
      if (!newest) return null;
      take([newest.token]);
      return undoDelete(db, newest.token).then(
        (r) => ({ ...r, undone: newest }),
        (e: unknown) => {
          // an entry used elsewhere drops out of the live list; one that failed to restore is offered again
          giveBack([newest.token]);
          throw e;
        },
      );
    },
    /** 关闭: the pending deletions are no longer offered, here, after a reload or in another tab. */
    dismiss: () => {
      const tokens = pending.map((u) => u.token);
      take(tokens);
      return dismissUndos(db, tokens).catch((e: unknown) => {
        giveBack(tokens);
        throw e;
      });
    },
  };
}

export type PendingUndos = ReturnType<typeof usePendingUndos>;

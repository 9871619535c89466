import { useState } from 'react';
import type { CreditDb } from '../../lib/db';
import { keptUndoTokens, undoDelete } from '../../lib/ledger';
import { useLive } from './live';

/** A deletion the 台账 can still undo (撤销): its token in lib/ledger and how many cases it removed. */
export interface PendingUndo {
  token: string;
  count: number;
}

/**
 * The deletions the 台账 offers to undo, newest first; each 撤销 restores the newest. Held by the ledger's container,
 * which stays mounted, so a look at another tab or a second deletion loses none. Offered only while lib/ledger still
 * keeps their entries (its later deletions push out the oldest, a restored backup replaces them all).
 */
export function usePendingUndos(db: CreditDb) {
  const [stack, setStack] = useState<readonly PendingUndo[]>([]);
  const kept = useLive(
    async () =>
      keptUndoTokens(
        db,
        stack.map((u) => u.token),
      ),
    [db, stack],
  );
  // While a changed stack is checked, it is shown as it is: only this page's own deletions and undos changed it.
  const pending = kept.loading || !kept.value ? stack : stack.filter((u) => kept.value!.has(u.token));
  return {
    pending,
    add: (u: PendingUndo) => setStack((s) => [u, ...s]),
    /** Restores the newest pending deletion; taken off the stack at once, so a second click never reuses it. */
    undoNewest: () => {
      const newest = pending[0];
      if (!newest) return null;
      setStack((s) => s.filter((u) => u.token !== newest.token));
      return undoDelete(db, newest.token);
    },
    dismiss: () => setStack([]),
  };
}

export type PendingUndos = ReturnType<typeof usePendingUndos>;

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteCases, dismissUndos, pendingUndoOf, pendingUndos, undoDelete } from '../../../lib/ledger';
import { freshDb, makeCase, putCases } from './helpers';

describe('pendingUndoOf', () => {
  const at = '2026-12-04T02:30:00.000Z';
  it('offers an undo entry with its cases, their parties and the time of the deletion', () => {
    const rows = [makeCase({ partyName: '甲公司' }), { ...makeCase(), partyName: undefined }];
    expect(pendingUndoOf(`ledger-undo:${at}:x`, { deletedAt: at, rows })).toEqual({
      token: `ledger-undo:${at}:x`,
      deletedAt: at,
      caseIds: [rows[0]!.id, rows[1]!.id],
      parties: ['甲公司', ''],
    });
  });

  it('offers none for a dismissed entry, an empty one, another key or a damaged value', () => {
    const rows = [makeCase()];
    expect(pendingUndoOf('ledger-undo:a', { deletedAt: at, rows, dismissedAt: at })).toBeNull();
    expect(pendingUndoOf('ledger-undo:a', { deletedAt: at, rows: [] })).toBeNull();
    expect(pendingUndoOf('ledger-undo:a', { deletedAt: at, rows: [{ partyName: '无编号' }, 7, null] })).toBeNull();
    expect(pendingUndoOf('other', { deletedAt: at, rows })).toBeNull();
    expect(pendingUndoOf('ledger-undo:a', { rows })).toBeNull();
    expect(pendingUndoOf('ledger-undo:a', { deletedAt: at, rows: 'x' })).toBeNull();
    expect(pendingUndoOf('ledger-undo:a', null)).toBeNull();
  });
});

describe('pendingUndos / dismissUndos', () => {
  it('lists the kept deletions newest first, as a reload finds them, and drops the used and the dismissed', async () => {
    const db = freshDb();
    const cases = [makeCase(), makeCase(), makeCase(), makeCase()];
    await putCases(db, cases);
    const tokens: string[] = [];
    for (const [i, c] of cases.entries()) tokens.push(await deleteCases(db, [c.id], { now: new Date(Date.UTC(2026, 11, 4, 1, i)) }));
    expect((await pendingUndos(db)).map((u) => u.token)).toEqual([...tokens].reverse());
    expect((await pendingUndos(db))[0]).toMatchObject({ caseIds: [cases[3]!.id], deletedAt: '2026-12-04T01:03:00.000Z' });

    await undoDelete(db, tokens[3]!);
    await dismissUndos(db, [tokens[1]!, 'ledger-undo:gone']);
    expect((await pendingUndos(db)).map((u) => u.token)).toEqual([tokens[2], tokens[0]]);
    // dismissed, not deleted: the deleted case stays kept (a backup holds it) until later deletions push it out
    expect(await db.meta.get(tokens[1]!)).toMatchObject({ value: { rows: [{ id: cases[1]!.id }] } });
    expect(await undoDelete(db, tokens[1]!)).toEqual({ restored: 1, skipped: [] });
    db.close();
  });

  it('restores a deletion at most once when two pages undo it together', async () => {
    const db = freshDb();
    const c = makeCase();
    await putCases(db, [c]);
    const token = await deleteCases(db, [c.id]);
    const both = await Promise.allSettled([undoDelete(db, token), undoDelete(db, token)]);
    expect(both.filter((r) => r.status === 'fulfilled')).toEqual([{ status: 'fulfilled', value: { restored: 1, skipped: [] } }]);
    expect(both.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(await pendingUndos(db)).toEqual([]);
    db.close();
  });
});

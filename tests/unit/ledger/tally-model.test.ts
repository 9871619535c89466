import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageCode } from '../../../lib/messages';
import { CreditDb, factsOf, tallyMonthsOf, type TallyMonth } from '../../../lib/db';
import {
  applyMerge,
  createBackup,
  deleteCases,
  exportLedgerFile,
  parseLedgerFile,
  planMergeFromDb,
  recordCase,
  restoreBackup,
  tallyTable,
  tallyTableFromDb,
  undoDelete,
  updateCase,
  type ClearableField,
} from '../../../lib/ledger';
import { FakeStorage } from './backup-fakes';
import { makeCase } from './helpers';

/*
 * Model-based: whatever happens to the ledger — recording, editing, clearing, deleting, undoing, merging (importing)
 * another unit's file, restoring a backup — the running tallies equal those built from nothing out of the cases,
 * and the 工作情况表 read from them equals a full recount of the cases, for any period and any unit.
 */

const UNITS = ['甲县局', '乙县局', '丙县局'] as const;
const DATES = ['2023-06-30', '2023-07-01', '2023-07-15', '2023-07-31', '2023-12-31', null] as const;
const PERIODS = [
  { from: '2023-07-01', to: '2023-07-31' },
  { from: '2023-07-15', to: '2023-07-15' },
  // edges inside a month, on both sides
  { from: '2023-06-30', to: '2023-07-15' },
  { from: '2023-07-16', to: '2023-12-31' },
  { from: '1900-01-01', to: '2199-12-31' },
];

/** The running tallies as what they say (the publicity text's key order follows the writes), in a fixed order. */
const comparable = (months: readonly TallyMonth[]) =>
  months
    .map((m) => ({ ...m, publicity: JSON.parse(m.publicity) as unknown }))
    .sort((a, b) => (a.unit + a.month < b.unit + b.month ? -1 : a.unit + a.month > b.unit + b.month ? 1 : 0));

const decision = fc.integer({ min: 1, max: 6 }).map((n) => `测市监处罚〔2023〕${n}号`);
const answers = fc.record({
  listingDate: fc.constantFrom(...DATES),
  exposureDate: fc.constantFrom(...DATES),
  repeatPublicityDate: fc.constantFrom(...DATES),
  domain: fc.constantFrom('food', 'drug', 'other' as const),
  party: fc.integer({ min: 1, max: 3 }),
});

type Answers = {
  listingDate: string | null;
  exposureDate: string | null;
  repeatPublicityDate: string | null;
  domain: 'food' | 'drug' | 'other';
  party: number;
};
type Op =
  | { kind: 'record'; no: string; unit: string; a: Answers }
  | { kind: 'edit'; no: string; unit: string; clear: ClearableField[]; a: Answers }
  | { kind: 'delete'; no: string }
  | { kind: 'undo' }
  | { kind: 'merge'; unit: string; cases: { no: string; a: Answers }[]; take: boolean }
  | { kind: 'backup' }
  | { kind: 'restore' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      no: decision,
      unit: fc.constantFrom(...UNITS),
      a: answers,
    }) as fc.Arbitrary<Op>,
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      no: decision,
      unit: fc.constantFrom(...UNITS),
      clear: fc.subarray(['listingDate', 'exposureDate', 'repeatPublicityDate'] as ClearableField[]),
      a: answers,
    }) as fc.Arbitrary<Op>,
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), no: decision }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'undo' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('merge' as const),
      unit: fc.constantFrom(...UNITS),
      cases: fc.array(fc.record({ no: decision, a: answers }), { maxLength: 4 }),
      take: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'backup' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restore' as const }) },
);

const fieldsOf = (a: Answers) => ({
  listingDate: a.listingDate,
  exposureDate: a.exposureDate,
  repeatPublicityDate: a.repeatPublicityDate,
  domain: a.domain,
  partyName: `当事人${a.party}`,
});

let n = 0;

interface ModelState {
  /** undo tokens still valid, newest last */
  tokens: string[];
  backup: { file: Blob; tokens: string[] } | null;
}

async function run(db: CreditDb, o: Op, state: ModelState): Promise<void> {
  const who = (unit: string) => ({ unit, recorder: `${unit}记录人` });
  switch (o.kind) {
    case 'record':
      await recordCase(db, { decisionNo: o.no, ...fieldsOf(o.a), ...who(o.unit) });
      return;
    case 'edit': {
      const id = o.no;
      if (!(await db.cases.get(id))) return;
      const f = fieldsOf(o.a);
      const set = Object.fromEntries(Object.entries(f).filter(([k]) => !(o.clear as string[]).includes(k)));
      await updateCase(db, id, { ...set, cleared: o.clear, ...who(o.unit) });
      return;
    }
    case 'delete': {
      // deleting a case not in the ledger keeps no undo entry
      const present = (await db.cases.get(o.no)) !== undefined;
      const token = await deleteCases(db, [o.no]);
      if (present) state.tokens.push(token);
      return;
    }
    case 'undo': {
      const token = state.tokens.pop();
      if (token) await undoDelete(db, token);
      return;
    }
    case 'merge': {
      const cases = [...new Map(o.cases.map((c) => [c.no, c])).values()].map((c) =>
        makeCase({ decisionNo: c.no, ...fieldsOf(c.a), unit: o.unit, recorder: `${o.unit}记录人` }),
      );
      const parsed = await parseLedgerFile(await exportLedgerFile(cases, o.unit));
      if (!parsed.ok) throw new Error(messageCode(parsed.error));
      const plan = await planMergeFromDb(db, parsed.file);
      await applyMerge(db, plan, Object.fromEntries(plan.conflicts.map((c) => [c.id, o.take ? 'theirs' : 'mine'])), who('某市局'));
      return;
    }
    case 'backup':
      state.backup = { file: await createBackup({ db, storageLocal: {} }), tokens: [...state.tokens] };
      return;
    case 'restore':
      if (!state.backup) return;
      await restoreBackup(db, state.backup.file, { storage: new FakeStorage().view() });
      // the undo entries are the backup's again
      state.tokens = [...state.backup.tokens];
      return;
  }
}

describe('工作情况表 from the running tallies (model-based)', () => {
  it('equals a full recount of the cases after any sequence of ledger operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const db = new CreditDb(`tally-model-${Date.now()}-${++n}`);
        const state: ModelState = { tokens: [], backup: null };
        for (const o of ops) {
          await run(db, o, state);
          const cases = await db.cases.toArray();
          // the tallies kept write by write are exactly those built from nothing out of the cases
          expect(comparable(await db.tallyMonths.toArray()), o.kind).toEqual(comparable(tallyMonthsOf(cases.flatMap(factsOf))));
          for (const p of PERIODS) {
            for (const unit of [null, ...UNITS]) {
              expect(await tallyTableFromDb(db, { ...p, unit }), `${o.kind} ${p.from}..${p.to} ${unit}`).toEqual(
                tallyTable(cases, { ...p, unit }),
              );
            }
          }
        }
        db.close();
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

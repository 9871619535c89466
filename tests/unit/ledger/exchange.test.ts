import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { LedgerCase } from '../../../lib/db';
import {
  applyMerge,
  exportLedgerFile,
  LEDGER_FILE_FORMAT,
  parseLedgerFile,
  planMerge,
  planMergeFromDb,
  tallyTable,
  tallyTableFromDb,
  type LedgerFile,
} from '../../../lib/ledger';
import { freshDb, makeCase } from './helpers';

async function fileOf(unit: string, cases: LedgerCase[]): Promise<LedgerFile> {
  const r = await parseLedgerFile(await exportLedgerFile(cases, unit));
  if (!r.ok) throw new Error(r.error);
  return r.file;
}

describe('ledger exchange file', () => {
  it('round-trips cases with format, version, unit and checksum', async () => {
    const cases = [makeCase({ listingDate: '2023-07-02' }), makeCase({ decisionNo: null, caseNo: 'AJ-1' })];
    const text = await exportLedgerFile(cases, ' 甲县市场监督管理局 ', { now: new Date('2023-12-01T00:00:00Z') });
    const json = JSON.parse(text);
    expect(json).toMatchObject({ format: LEDGER_FILE_FORMAT, version: 2, unit: '甲县市场监督管理局', caseCount: 2 });
    expect(json.sha256).toMatch(/^[0-9a-f]{64}$/);
    const r = await parseLedgerFile(`\uFEFF${text}`);
    expect(r.ok).toBe(true);
    if (r.ok) expect([...r.file.cases].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...cases].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('exports only one unit’s cases when asked', async () => {
    const db = freshDb();
    await db.cases.bulkAdd([makeCase({ unit: '甲' }), makeCase({ unit: '乙' })]);
    const r = await parseLedgerFile(await exportLedgerFile(db, '甲', { onlyUnit: '甲' }));
    expect(r.ok && r.file.cases.map((c) => c.unit)).toEqual(['甲']);
  });

  it('rejects other files, newer versions, altered content, missing cases and bad records in Chinese', async () => {
    const text = await exportLedgerFile([makeCase({ listingDate: '2023-07-02' }), makeCase()], '甲');
    const errorOf = async (t: string) => {
      const r = await parseLedgerFile(t);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.error;
    };
    expect(await errorOf('not json')).toMatch(/不是 JSON/);
    expect(await errorOf('{"format":"x"}')).toMatch(/不是信用办案助手/);
    expect(await errorOf(text.replace('"version":2', '"version":3'))).toMatch(/版本 3 不受支持/);
    expect(await errorOf(text.replace('2023-07-02', '2023-07-03'))).toMatch(/校验和不符/);
    expect(await errorOf(text.slice(0, text.length / 2))).toMatch(/不是 JSON/);
    const json = JSON.parse(text);
    json.cases.pop();
    expect(await errorOf(JSON.stringify(json))).toMatch(/数量/);
    const bad = JSON.parse(text);
    bad.cases[0].listingDate = '2023/07/02';
    bad.sha256 = (await (await import('../../../lib/ledger')).casesDigest(bad.cases));
    expect(await errorOf(JSON.stringify(bad))).toMatch(/第 1 条案件记录无效/);
  });
});

describe('planMerge', () => {
  it('sorts incoming cases into new, identical and conflicting, ignoring bookkeeping fields', async () => {
    const same = makeCase();
    const changed = makeCase({ listingDate: '2023-07-02' });
    const mineOnly = makeCase();
    const incomingNew = makeCase({ unit: '乙县局' });
    const file = await fileOf('乙县局', [
      { ...same, updatedAt: '2024-01-01T00:00:00.000Z', revision: 5 },
      { ...changed, listingDate: '2023-07-09', domain: 'drug' },
      incomingNew,
    ]);
    const plan = planMerge([same, changed, mineOnly], file);
    expect(plan.source).toBe('乙县局');
    expect(plan.add.map((c) => c.id)).toEqual([incomingNew.id]);
    expect(plan.add[0]!.origin).toBe('乙县局');
    expect(plan.same.map((c) => c.id)).toEqual([same.id]);
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]!.id).toBe(changed.id);
    expect(plan.conflicts[0]!.differences.sort()).toEqual(['domain', 'listingDate']);
  });

  it('matches a case recorded by case number with its decision-numbered record of the same party', () => {
    const numbered = makeCase({ caseNo: 'AJ-7', partyName: '庚公司' });
    const early = makeCase({ decisionNo: null, caseNo: 'ＡＪ－7 ', partyName: '庚公司' });
    const plan = planMerge([numbered], [early]);
    expect(plan.add).toEqual([]);
    expect(plan.conflicts.map((c) => [c.id, c.differences.includes('decisionNo')])).toEqual([[numbered.id, true]]);
    const otherParty = makeCase({ decisionNo: null, caseNo: 'AJ-7', partyName: '辛公司' });
    expect(planMerge([numbered], [otherParty]).add).toHaveLength(1);
  });
});

describe('merging units', () => {
  it('never double counts a case across three counties’ overlapping files', async () => {
    const shared = makeCase({ unit: '甲县局', listingDate: '2023-07-10', exposureDate: '2023-07-11' });
    const a = [shared, makeCase({ unit: '甲县局', listingDate: '2023-07-12' })];
    const b = [{ ...shared, updatedAt: '2023-08-01T00:00:00.000Z' }, makeCase({ unit: '乙县局', listingDate: '2023-07-13', domain: 'drug' })];
    const c = [shared, a[1]!, makeCase({ unit: '丙县局', listingDate: '2023-07-14', domain: 'other' })];
    const db = freshDb();
    for (const [unit, cases] of [['甲县局', a], ['乙县局', b], ['丙县局', c]] as const) {
      const plan = await planMergeFromDb(db, await fileOf(unit, [...cases]));
      expect(plan.conflicts).toEqual([]);
      await applyMerge(db, plan);
    }
    // Merging the same files again changes nothing.
    const again = await planMergeFromDb(db, await fileOf('丙县局', [...c]));
    expect([again.add.length, again.conflicts.length, again.same.length]).toEqual([0, 0, 3]);

    const period = { from: '2023-07-01', to: '2023-07-31' };
    const merged = await tallyTableFromDb(db, period);
    const totalRow = merged.rows.at(-1)!;
    expect(totalRow.listed).toBe(4);
    expect(totalRow.exposed).toBe(1);
    expect(await db.cases.count()).toBe(4);
    // Per unit: the recording unit, whichever file brought the case.
    const perUnit = await tallyTableFromDb(db, { ...period, unit: '甲县局' });
    expect(perUnit.rows.at(-1)!.listed).toBe(2);
    expect(tallyTable(await db.cases.toArray(), { ...period, unit: '乙县局' }).rows.at(-1)!.listed).toBe(1);
  });

  it('applies the user’s choice per conflict in one transaction and refuses open conflicts or a stale plan', async () => {
    const db = freshDb();
    const one = makeCase({ listingDate: '2023-07-01' });
    const two = makeCase({ listingDate: '2023-07-02' });
    await db.cases.bulkAdd([one, two]);
    const file = await fileOf('乙县局', [
      { ...one, listingDate: '2023-07-05' },
      { ...two, domain: 'drug' },
      makeCase({ unit: '乙县局' }),
    ]);
    const plan = await planMergeFromDb(db, file);
    await expect(applyMerge(db, plan, { [one.id]: 'theirs' })).rejects.toThrow(/1 处冲突未选择/);
    expect(await db.cases.count()).toBe(2);

    await db.cases.put({ ...two, revision: 2 });
    await expect(applyMerge(db, plan, { [one.id]: 'theirs', [two.id]: 'mine' })).rejects.toThrow(/重新比对/);
    expect(await db.cases.count()).toBe(2);
    expect((await db.cases.get(one.id))!.listingDate).toBe('2023-07-01');

    const fresh = await planMergeFromDb(db, file);
    const r = await applyMerge(db, fresh, { [one.id]: 'theirs', [two.id]: 'mine' });
    expect(r).toEqual({ added: 1, replaced: 1, kept: 1 });
    expect(await db.cases.get(one.id)).toMatchObject({ listingDate: '2023-07-05', origin: '乙县局', revision: 2 });
    expect((await db.cases.get(two.id))!.domain).toBe('food');
  });
});

import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhRejection, zhWords } from '../words';
import { messageCode } from '../../../lib/messages';
import type { LedgerEntry } from '../../../lib/db';
import {
  applyMerge,
  casesDigest,
  deleteCases,
  exportLedgerFile,
  LEDGER_FILE_FORMAT,
  LedgerEntrySchema,
  parseLedgerFile,
  planMerge,
  planMergeFromDb,
  queryLedger,
  recordCase,
  tallyTable,
  tallyTableFromDb,
  type LedgerFile,
} from '../../../lib/ledger';
import { freshDb, makeCase, putCases, entryOf } from './helpers';

async function fileOf(unit: string, cases: LedgerEntry[]): Promise<LedgerFile> {
  const r = await parseLedgerFile(await exportLedgerFile(cases, unit));
  if (!r.ok) throw new Error(messageCode(r.error));
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
    if (r.ok)
      expect([...r.file.cases].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...cases].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('exports only one unit’s cases when asked', async () => {
    const db = freshDb();
    await putCases(db, [makeCase({ unit: '甲' }), makeCase({ unit: '乙' })]);
    const r = await parseLedgerFile(await exportLedgerFile(db, '甲', { onlyUnit: '甲' }));
    expect(r.ok && r.file.cases.map((c) => c.unit)).toEqual(['甲']);
  });

  it('rejects other files, newer versions, altered content, missing cases and bad records in Chinese', async () => {
    const text = await exportLedgerFile([makeCase({ listingDate: '2023-07-02' }), makeCase()], '甲');
    const errorOf = async (t: string) => {
      const r = await parseLedgerFile(t);
      expect(r.ok).toBe(false);
      return r.ok ? '' : zhWords(r.error);
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
    bad.sha256 = await (await import('../../../lib/ledger')).casesDigest(bad.cases);
    expect(await errorOf(JSON.stringify(bad))).toMatch(/第 1 条案件记录无效（字段 listingDate：日期应为有效的“年-月-日”/);
  });
});

const COUNTY_A = '甲县局';
const COUNTY_B = '乙县局';
const merger = { unit: '某市局', recorder: '合并人', now: new Date('2024-01-10T00:00:00Z') };

/** A record as another unit recorded it: same case, its own recording (one revision by that unit). */
function recordedBy(c: LedgerEntry, unit: string, over: Partial<LedgerEntry> = {}): LedgerEntry {
  const { history: _h, dateUnits: _d, ...rest } = c;
  return makeCase({ ...rest, unit, recorder: `${unit}记录人`, updatedAt: '2023-09-01T00:00:00.000Z', ...over });
}

describe('planMerge', () => {
  it('sorts incoming cases into new, identical, fills and conflicts, ignoring who recorded them', async () => {
    const same = makeCase({ unit: COUNTY_A });
    const changed = makeCase({ listingDate: '2023-07-02' });
    const fillable = makeCase({ exposureDate: null });
    const mineOnly = makeCase();
    const incomingNew = makeCase({ unit: COUNTY_B });
    const file = await fileOf(COUNTY_B, [
      recordedBy(same, COUNTY_B, { revision: 5 }),
      { ...changed, listingDate: '2023-07-09', domain: 'drug' },
      recordedBy(fillable, COUNTY_B, { exposureDate: '2023-08-08' }),
      incomingNew,
    ]);
    const plan = planMerge([same, changed, fillable, mineOnly], file);
    expect(plan.source).toBe(COUNTY_B);
    expect(plan.add.map((c) => c.id)).toEqual([incomingNew.id]);
    expect(plan.add[0]!.origin).toBe(COUNTY_B);
    // differing only in 填报单位 and 记录人: the same case, not a conflict
    expect(plan.same.map((c) => c.id)).toEqual([same.id]);
    expect(plan.same[0]!.newRevisions).toBe(1);
    expect(plan.updates.map((c) => [c.id, c.fills])).toEqual([[fillable.id, ['exposureDate']]]);
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]!.id).toBe(changed.id);
    expect(plan.conflicts[0]!.differences.sort()).toEqual(['domain', 'listingDate']);
    const listing = plan.conflicts[0]!.fields.find((f) => f.field === 'listingDate')!;
    expect(listing).toMatchObject({ mine: '2023-07-02', theirs: '2023-07-09', mineBy: { unit: '某县市场监督管理局' } });
  });

  it('matches a case recorded by case number with its decision-numbered record of the same party', () => {
    const numbered = makeCase({ caseNo: 'AJ-7', partyName: '庚公司' });
    const early = makeCase({ decisionNo: null, caseNo: 'ＡＪ－7 ', partyName: '庚公司' });
    const plan = planMerge([numbered], [early]);
    expect(plan.add).toEqual([]);
    expect(plan.same.map((c) => c.id)).toEqual([numbered.id]);
    // mine gains the decision number theirs lacks: the record moves to it
    const reverse = planMerge([early], [numbered]);
    expect(reverse.updates.map((c) => [c.id, c.fills])).toEqual([[early.id, ['decisionNo']]]);
    const otherParty = makeCase({ decisionNo: null, caseNo: 'AJ-7', partyName: '辛公司' });
    expect(planMerge([numbered], [otherParty]).add).toHaveLength(1);
  });

  it('treats a field the other side emptied on purpose as a conflict, not as nothing recorded', async () => {
    const db = freshDb();
    const mine = (
      await recordCase(db, {
        decisionNo: '测市监处罚〔2024〕1号',
        partyName: '甲',
        listingDate: '2024-01-05',
        unit: COUNTY_A,
        recorder: '甲',
      })
    ).record;
    const theirs = (await recordCase(db, { decisionNo: '测市监处罚〔2024〕1号', cleared: ['listingDate'], unit: COUNTY_B, recorder: '乙' }))
      .record;
    expect(planMerge([mine], [theirs]).conflicts.map((c) => [c.id, c.differences])).toEqual([[mine.id, ['listingDate']]]);
    // never recorded (rather than emptied): their empty field leaves mine alone
    const never = makeCase({ ...mine, history: undefined, listingDate: null });
    expect(planMerge([mine], [never]).same.map((c) => c.id)).toEqual([mine.id]);
  });
});

describe('merging units', () => {
  it('never double counts a case across three counties’ overlapping files', async () => {
    const shared = makeCase({ unit: '甲县局', listingDate: '2023-07-10', exposureDate: '2023-07-11' });
    const a = [shared, makeCase({ unit: '甲县局', listingDate: '2023-07-12' })];
    const b = [
      { ...shared, updatedAt: '2023-08-01T00:00:00.000Z' },
      makeCase({ unit: '乙县局', listingDate: '2023-07-13', domain: 'drug' }),
    ];
    const c = [shared, a[1]!, makeCase({ unit: '丙县局', listingDate: '2023-07-14', domain: 'other' })];
    const db = freshDb();
    for (const [unit, cases] of [
      ['甲县局', a],
      ['乙县局', b],
      ['丙县局', c],
    ] as const) {
      const plan = await planMergeFromDb(db, await fileOf(unit, [...cases]));
      expect(plan.conflicts).toEqual([]);
      await applyMerge(db, plan, {}, merger);
    }
    // Merging the same files again changes nothing.
    const again = await planMergeFromDb(db, await fileOf('丙县局', [...c]));
    expect([again.add.length, again.conflicts.length, again.updates.length, again.same.length]).toEqual([0, 0, 0, 3]);
    expect(again.same.every((m) => m.newRevisions === 0)).toBe(true);

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

  it('stamps a case the merge adds with the merge time, as its new revision, so the 台账 lists it among the latest', async () => {
    const db = freshDb();
    // recorded here after the other unit's recording, before the merge
    const mine = makeCase({ unit: COUNTY_A, updatedAt: '2023-12-01T00:00:00.000Z' });
    await putCases(db, [mine]);
    const theirs = makeCase({ unit: COUNTY_B, updatedAt: '2023-09-01T00:00:00.000Z' });
    const plan = await planMergeFromDb(db, await fileOf(COUNTY_B, [theirs]));
    expect(await applyMerge(db, plan, {}, merger)).toMatchObject({ added: 1 });
    const added = (await entryOf(db, theirs.id))!;
    const at = merger.now.toISOString();
    expect(added.revision).toBe(theirs.revision + 1);
    expect(added.history.at(-1)).toMatchObject({ kind: 'merge', at, revision: added.revision });
    expect(added.updatedAt).toBe(at);
    // who recorded it and when stay the other unit's
    expect([added.unit, added.createdAt]).toEqual([COUNTY_B, theirs.createdAt]);
    expect((await queryLedger(db)).rows.map((c) => c.id)).toEqual([theirs.id, mine.id]);
  });

  it('keeps each recording’s unit in the history of a case two units recorded alike', async () => {
    const db = freshDb();
    const mine = makeCase({ unit: COUNTY_A, listingDate: '2023-07-10' });
    await putCases(db, [mine]);
    const plan = await planMergeFromDb(db, await fileOf(COUNTY_B, [recordedBy(mine, COUNTY_B)]));
    expect(plan.conflicts).toEqual([]);
    expect(await applyMerge(db, plan, {}, merger)).toMatchObject({ added: 0, updated: 0, joined: 1 });
    const stored = (await entryOf(db, mine.id))!;
    expect(stored.history.map((h) => [h.kind, h.unit])).toEqual([
      ['upgrade', COUNTY_A],
      ['upgrade', COUNTY_B],
      ['merge', '某市局'],
    ]);
    expect(stored.history.at(-1)).toMatchObject({ source: COUNTY_B, recorder: '合并人', changes: [] });
    expect(stored.dateUnits.listingDate).toBe(COUNTY_A);
  });

  it('applies a choice per field: no other field moves with it (issue 10)', async () => {
    const db = freshDb();
    const mine = makeCase({ unit: COUNTY_A, listingDate: '2023-07-10', exposureDate: '2023-07-20', domain: 'food' });
    await putCases(db, [mine]);
    const theirs = recordedBy(mine, COUNTY_B, {
      listingDate: '2023-07-11',
      exposureDate: '2023-08-01',
      domain: 'drug',
      domainSource: 'law',
    });
    const plan = await planMergeFromDb(db, await fileOf(COUNTY_B, [theirs]));
    expect(plan.conflicts[0]!.differences).toEqual(['domain', 'listingDate', 'exposureDate']);
    // take only their newer exposure date
    const r = await applyMerge(db, plan, { [mine.id]: { exposureDate: 'theirs', listingDate: 'mine', domain: 'mine' } }, merger);
    expect(r).toMatchObject({ updated: 1, taken: 1, kept: 2 });
    const stored = (await entryOf(db, mine.id))!;
    expect(stored).toMatchObject({
      listingDate: '2023-07-10',
      exposureDate: '2023-08-01',
      domain: 'food',
      domainSource: 'item',
      unit: COUNTY_A,
    });
    expect(stored.dateUnits).toEqual({ listingDate: COUNTY_A, exposureDate: COUNTY_B, repeatPublicityDate: '' });
    expect(stored.history.at(-1)!.changes).toEqual([
      {
        field: 'exposureDate',
        from: '2023-07-20',
        to: '2023-08-01',
        by: { unit: COUNTY_B, recorder: `${COUNTY_B}记录人`, at: '2023-09-01T00:00:00.000Z' },
      },
    ]);
    // taking their domain takes where it came from with it
    const db2 = freshDb();
    await putCases(db2, [mine]);
    await applyMerge(
      db2,
      await planMergeFromDb(db2, await fileOf(COUNTY_B, [theirs])),
      { [mine.id]: { domain: 'theirs', listingDate: 'mine', exposureDate: 'mine' } },
      merger,
    );
    expect(await entryOf(db2, mine.id)).toMatchObject({
      domain: 'drug',
      domainSource: 'law',
      listingDate: '2023-07-10',
      exposureDate: '2023-07-20',
    });
  });

  it('counts a listing for the unit that recorded it and an exposure for the unit that recorded that', async () => {
    const db = freshDb();
    const mine = makeCase({ unit: COUNTY_A, listingDate: '2023-07-10', exposureDate: null });
    await putCases(db, [mine]);
    const period = { from: '2023-07-01', to: '2023-07-31' };
    const before = await tallyTableFromDb(db, { ...period, unit: COUNTY_A });
    await applyMerge(
      db,
      await planMergeFromDb(db, await fileOf(COUNTY_B, [recordedBy(mine, COUNTY_B, { listingDate: null, exposureDate: '2023-07-15' })])),
      {},
      merger,
    );
    expect(await tallyTableFromDb(db, { ...period, unit: COUNTY_A })).toEqual(before);
    const b = (await tallyTableFromDb(db, { ...period, unit: COUNTY_B })).rows.at(-1)!;
    expect([b.listed, b.exposed]).toEqual([0, 1]);
    const all = (await tallyTableFromDb(db, period)).rows.at(-1)!;
    expect([all.listed, all.exposed]).toEqual([1, 1]);
  });

  it('refuses open conflicts, a stale plan and a missing unit, writing nothing', async () => {
    const db = freshDb();
    const one = makeCase({ listingDate: '2023-07-01' });
    const two = makeCase({ listingDate: '2023-07-02' });
    await putCases(db, [one, two]);
    const file = await fileOf(COUNTY_B, [{ ...one, listingDate: '2023-07-05' }, { ...two, domain: 'drug' }, makeCase({ unit: COUNTY_B })]);
    const plan = await planMergeFromDb(db, file);
    expect(await zhRejection(applyMerge(db, plan, { [one.id]: 'theirs' }, merger))).toMatch(/1 处冲突未选择/);
    await expect(applyMerge(db, plan, { [one.id]: 'theirs', [two.id]: 'mine' }, {})).rejects.toMatchObject({ code: 'unit-missing' });
    expect(await db.cases.count()).toBe(2);

    await putCases(db, [{ ...two, revision: 2 }]);
    expect(await zhRejection(applyMerge(db, plan, { [one.id]: 'theirs', [two.id]: 'mine' }, merger))).toMatch(/重新比对/);
    expect(await db.cases.count()).toBe(2);
    expect((await entryOf(db, one.id))!.listingDate).toBe('2023-07-01');

    const fresh = await planMergeFromDb(db, file);
    const r = await applyMerge(db, fresh, { [one.id]: 'theirs', [two.id]: 'mine' }, merger);
    expect(r).toMatchObject({ added: 1, updated: 1, taken: 1, kept: 1 });
    expect(await entryOf(db, one.id)).toMatchObject({ listingDate: '2023-07-05', revision: 2 });
    expect((await entryOf(db, two.id))!.domain).toBe('food');
  });
});

describe('merging while the ledger changes', () => {
  it('refuses a plan made against a record that was deleted and recorded again to the same revision', async () => {
    const db = freshDb();
    const party = { partyName: '某某商贸有限公司', uscc: '91500101MA0000001X', unit: COUNTY_A, recorder: '张三' };
    const at = (d: number) => ({ now: new Date(`2023-08-0${d}T03:00:00Z`) });
    const { id } = await recordCase(db, { decisionNo: '测市监处罚〔2023〕77号', ...party }, at(1));
    const file = await fileOf(COUNTY_B, [makeCase({ decisionNo: '测市监处罚〔2023〕77号', exposureDate: '2023-07-09', unit: COUNTY_B })]);
    const plan = await planMergeFromDb(db, file);
    expect(plan.updates.length + plan.conflicts.length).toBe(1);
    await deleteCases(db, [id], at(2));
    await recordCase(db, { decisionNo: '测市监处罚〔2023〕77号', ...party, listingDate: '2023-08-03' }, at(3));
    expect(await zhRejection(applyMerge(db, plan, { [id]: 'theirs' }, merger))).toMatch(/重新比对/);
    expect(await entryOf(db, id)).toMatchObject({ listingDate: '2023-08-03', exposureDate: null, revision: 1 });
  });
});

describe('one case under two numbers in one incoming file', () => {
  const party = { partyName: '某某商贸有限公司', partyNameNorm: '某某商贸有限公司', uscc: '91500101MA0000001X' };
  // recorded by its case number before the decision existed, and by its decision number: a ledger of an older
  // version, or one that merged such a file, holds both
  const byCaseNo = () =>
    makeCase({
      ...party,
      decisionNo: null,
      caseNo: 'AJ-5',
      listingDate: '2023-07-05',
      unit: COUNTY_B,
      updatedAt: '2023-07-05T02:00:00.000Z',
    });
  const byDecisionNo = () =>
    makeCase({
      ...party,
      decisionNo: '测市监处罚〔2023〕5号',
      caseNo: 'AJ-5',
      listingDate: '2023-07-05',
      exposureDate: '2023-07-20',
      unit: COUNTY_B,
      updatedAt: '2023-07-20T02:00:00.000Z',
    });

  it('reads as one case under its decision number, each record’s answers and history kept', async () => {
    const a = byCaseNo();
    const b = byDecisionNo();
    const file = await fileOf(COUNTY_B, [a, b]);
    expect(file.cases).toHaveLength(1);
    expect(file.cases[0]).toMatchObject({ id: '测市监处罚〔2023〕5号', listingDate: '2023-07-05', exposureDate: '2023-07-20' });
    const ids = file.cases[0]!.history.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([...a.history, ...b.history].map((r) => r.id)));
    // the same file read twice is the same case
    const text = await exportLedgerFile([a, b], COUNTY_B);
    const twice = await Promise.all([parseLedgerFile(text), parseLedgerFile(text)]);
    expect(twice[0]).toEqual(twice[1]);
  });

  it('is added once and counted once in the 工作情况表', async () => {
    const db = freshDb();
    const file = await fileOf(COUNTY_B, [byCaseNo(), byDecisionNo()]);
    const r = await applyMerge(db, await planMergeFromDb(db, file), {}, merger);
    expect(r.added).toBe(1);
    expect(await db.cases.count()).toBe(1);
    const total = (await tallyTableFromDb(db, { from: '2023-01-01', to: '2023-12-31' })).rows.at(-1)!;
    expect(total).toMatchObject({ listed: 1, exposed: 1 });
    const again = await planMergeFromDb(db, await fileOf(COUNTY_B, [byCaseNo(), byDecisionNo()]));
    expect(again.add).toHaveLength(0);
  });

  it('fills the case-number record with the decision number when it is the one changed last', async () => {
    const a = { ...byCaseNo(), exposureDate: '2023-08-01', updatedAt: '2023-08-01T02:00:00.000Z' };
    const file = await fileOf(COUNTY_B, [a, byDecisionNo()]);
    expect(file.cases).toHaveLength(1);
    expect(file.cases[0]).toMatchObject({ id: '测市监处罚〔2023〕5号', decisionNo: '测市监处罚〔2023〕5号', exposureDate: '2023-08-01' });
  });

  it('leaves apart the same case number of another party', async () => {
    const other = makeCase({ ...byCaseNo(), partyName: '另一家公司', partyNameNorm: '另一家公司', uscc: null });
    expect((await fileOf(COUNTY_B, [other, byDecisionNo()])).cases).toHaveLength(2);
  });
});

describe('a ledger file of version 1', () => {
  /** Two records one case folds to now (a soft hyphen version 1 kept in the id), in a file of version 1. */
  async function v1File(exportedAt: string): Promise<string> {
    const legacy = (c: LedgerEntry) => {
      const { history: _h, dateUnits: _d, ...row } = c;
      return row;
    };
    const a = makeCase({ decisionNo: '渝万州市监处字〔2023〕497号', listingDate: '2023-07-01', unit: COUNTY_B });
    const b = {
      ...makeCase({ exposureDate: '2023-07-02', unit: COUNTY_B }),
      decisionNo: '渝万州市监处字〔2023〕49\u00ad7号',
      id: '渝万州市监处字〔2023〕49\u00ad7号',
    };
    const cases = [legacy(a), legacy(b)];
    return JSON.stringify({
      format: LEDGER_FILE_FORMAT,
      version: 1,
      unit: COUNTY_B,
      exportedAt,
      caseCount: 2,
      sha256: await casesDigest(cases),
      cases,
    });
  }

  it('combines the cases that fold together, and what it merges reads back', async () => {
    const parsed = await parseLedgerFile(await v1File('2023-12-01T08:00:00.000Z'));
    if (!parsed.ok) throw new Error(messageCode(parsed.error));
    expect(parsed.file.cases).toHaveLength(1);
    const db = freshDb();
    await applyMerge(db, await planMergeFromDb(db, parsed.file), {}, merger);
    expect((await parseLedgerFile(await exportLedgerFile(db, '某市局'))).ok).toBe(true);
  });

  it('refuses one whose export time is not a timestamp: the combined case would carry it and not read back', async () => {
    const parsed = await parseLedgerFile(await v1File('2023-12-01'));
    expect(parsed.ok).toBe(false);
  });
});

describe('merging by a unit whose name carries a control character', () => {
  it('keeps the merge readable back: by a backup, by a ledger file', async () => {
    const db = freshDb();
    const mine = makeCase();
    await putCases(db, [mine]);
    const file = await fileOf(COUNTY_B, [{ ...mine, exposureDate: '2023-07-05' }, makeCase({ unit: COUNTY_B })]);
    await applyMerge(db, await planMergeFromDb(db, file), {}, { ...merger, unit: '某\u0001市局', recorder: '合并\u0007人' });
    const merged = await entryOf(db, mine.id);
    expect(merged!.history.at(-1)).toMatchObject({ kind: 'merge', unit: '某市局', recorder: '合并人' });
    expect(LedgerEntrySchema.safeParse(merged).success).toBe(true);
    expect((await parseLedgerFile(await exportLedgerFile(db, '某市局'))).ok).toBe(true);
  });
});

describe('merging while the ledger records', () => {
  const party = { partyName: '某某商贸有限公司', uscc: '91500101MA0000001X' };

  it('refuses a plan whose new case was recorded meanwhile under its other number, writing nothing', async () => {
    for (const [incoming, recorded] of [
      [
        { decisionNo: '测市监处罚〔2023〕88号', caseNo: 'AJ-88' },
        { decisionNo: null, caseNo: 'AJ-88' },
      ],
      [
        { decisionNo: null, caseNo: 'AJ-89' },
        { decisionNo: '测市监处罚〔2023〕89号', caseNo: 'AJ-89' },
      ],
    ] as const) {
      const db = freshDb();
      const plan = await planMergeFromDb(
        db,
        await fileOf(COUNTY_B, [makeCase({ ...incoming, ...party, listingDate: '2023-07-05', unit: COUNTY_B })]),
      );
      expect(plan.add).toHaveLength(1);
      // the background records the same case from its page before the merge is applied
      await recordCase(db, { ...recorded, ...party, listingDate: '2023-07-05', unit: COUNTY_A, recorder: '张三' });
      expect(await zhRejection(applyMerge(db, plan, {}, merger))).toMatch(/重新比对/);
      expect(await db.cases.count()).toBe(1);
      expect((await tallyTableFromDb(db, { from: '2023-01-01', to: '2023-12-31' })).rows.at(-1)!.listed).toBe(1);
    }
  });
});

describe('each unit’s own table is unchanged by merging the others’ ledgers (property)', () => {
  const DATES = ['2023-07-03', '2023-07-15', '2023-08-02', null] as const;
  const UNITS = [COUNTY_A, COUNTY_B, '丙县局'] as const;
  const answer = fc.record({
    n: fc.integer({ min: 1, max: 12 }),
    listingDate: fc.constantFrom(...DATES),
    exposureDate: fc.constantFrom(...DATES),
    repeatPublicityDate: fc.constantFrom(...DATES),
    domain: fc.constantFrom('food', 'drug', 'other' as const),
    code: fc.integer({ min: 1, max: 4 }),
  });
  const ledgerOf = (
    unit: string,
    answers: {
      n: number;
      listingDate: string | null;
      exposureDate: string | null;
      repeatPublicityDate: string | null;
      domain: 'food' | 'drug' | 'other';
      code: number;
    }[],
  ) =>
    [...new Map(answers.map((a) => [a.n, a])).values()].map((a) =>
      makeCase({
        decisionNo: `测市监处罚〔2023〕${a.n}号`,
        partyName: `当事人${a.code}`,
        unit,
        recorder: `${unit}记录人`,
        listingDate: a.listingDate,
        exposureDate: a.exposureDate,
        repeatPublicityDate: a.repeatPublicityDate,
        domain: a.domain,
      }),
    );

  it('holds for any three ledgers sharing cases, when every conflict keeps mine', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(answer, { maxLength: 8 }),
        fc.array(answer, { maxLength: 8 }),
        fc.array(answer, { maxLength: 8 }),
        async (a, b, c) => {
          const db = freshDb();
          await putCases(db, ledgerOf(UNITS[0], a));
          const periods = [
            { from: '2023-07-01', to: '2023-07-31' },
            { from: '2023-01-01', to: '2023-12-31' },
          ];
          const before = await Promise.all(periods.map((p) => tallyTableFromDb(db, { ...p, unit: COUNTY_A })));
          for (const [unit, answers] of [
            [UNITS[1], b],
            [UNITS[2], c],
          ] as const) {
            const plan = await planMergeFromDb(db, await fileOf(unit, ledgerOf(unit, answers)));
            await applyMerge(db, plan, Object.fromEntries(plan.conflicts.map((x) => [x.id, 'mine'])), merger);
          }
          const after = await Promise.all(periods.map((p) => tallyTableFromDb(db, { ...p, unit: COUNTY_A })));
          expect(after).toEqual(before);
          // and the stored facts agree with a full recount of the merged ledger
          for (const p of periods) expect(await tallyTableFromDb(db, p)).toEqual(tallyTable(await db.cases.toArray(), p));
          db.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('merging back', () => {
  it('a file older than my own changes (my ledger merged back) is no conflict', async () => {
    const db = freshDb();
    const mine = makeCase({ unit: COUNTY_A, listingDate: '2023-07-10', packVersion: '1.0.0' });
    await putCases(db, [mine]);
    const fromC = { ...mine, packVersion: '1.1.0', revision: 2 };
    const plan = await planMergeFromDb(db, await fileOf('丙县局', [fromC]));
    expect(plan.conflicts.map((c) => c.differences)).toEqual([['packVersion']]);
    await applyMerge(db, plan, { [mine.id]: 'theirs' }, merger);
    // my own older file comes back: my later merge supersedes its pack version
    const again = await planMergeFromDb(db, await fileOf(COUNTY_A, [mine]));
    expect([again.conflicts.length, again.updates.length, again.same.length]).toEqual([0, 0, 1]);
  });
});

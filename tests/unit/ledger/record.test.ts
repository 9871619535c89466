import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CreditDb } from '../../../lib/db';
import {
  caseIdentity,
  deleteCases,
  isUnlistedCase,
  LedgerError,
  parseRecordInput,
  queryLedger,
  recordCase,
  undoDelete,
  updateCase,
  type RecordInput,
} from '../../../lib/ledger';
import { makeValidUscc } from '../../../lib/party';
import { freshDb, makeCase } from './helpers';

const input = (over: Partial<RecordInput> = {}): RecordInput => ({
  decisionNo: '渝万州市监处字[2023]497号',
  caseNo: '万州市监立〔2023〕100号',
  partyName: '某某食品（重庆）有限公司',
  uscc: makeValidUscc('91500101MA0000001'),
  domain: 'food',
  domainSource: 'item',
  verdict: 'must-list',
  packId: 'order44-2021',
  packVersion: '1.0.0',
  citations: ['order44-2021/art2/1', 'order44-2021/art5/1'],
  unlisted: 'yes',
  listingDecision: null,
  decisionDate: '2023-07-14',
  unit: '万州区市场监督管理局',
  recorder: '李四',
  ...over,
});

describe('caseIdentity', () => {
  it('is the folded decision number, else the case number, else null', () => {
    expect(caseIdentity({ decisionNo: '渝万州市监处字【2023】497 号', caseNo: 'X1' })).toBe('渝万州市监处字〔2023〕497号');
    expect(caseIdentity({ decisionNo: '渝万州市监处字[2023]497号' })).toBe(caseIdentity({ decisionNo: '渝万州市监处字〔2023〕497号' }));
    expect(caseIdentity({ decisionNo: '  ', caseNo: ' ＡＢ 12 ' })).toBe('case:AB12');
    expect(caseIdentity({ decisionNo: null, caseNo: null })).toBeNull();
  });
});

describe('recordCase', () => {
  it('creates a record with the verdict, its pack and citations, and the unit and person', async () => {
    const db = freshDb();
    const r = await recordCase(db, input(), { now: new Date('2023-07-14T03:00:00Z') });
    expect(r.created).toBe(true);
    expect(r.id).toBe('渝万州市监处字〔2023〕497号');
    const stored = await db.cases.get(r.id);
    expect(stored).toMatchObject({
      decisionNo: '渝万州市监处字〔2023〕497号',
      partyNameNorm: '某某食品(重庆)有限公司',
      packId: 'order44-2021',
      packVersion: '1.0.0',
      citations: ['order44-2021/art2/1', 'order44-2021/art5/1'],
      unit: '万州区市场监督管理局',
      recorder: '李四',
      origin: 'local',
      revision: 1,
      createdAt: '2023-07-14T03:00:00.000Z',
    });
  });

  it('updates on re-recording (bracket variant of the same number): revision + 1, createdAt kept, no duplicate', async () => {
    const db = freshDb();
    await recordCase(db, input(), { now: new Date('2023-07-14T03:00:00Z') });
    const again = await recordCase(
      db,
      input({ decisionNo: '渝万州市监处字〔2023〕497号', listingDecision: 'yes', listingDate: '2023-07-20' }),
      { now: new Date('2023-07-20T03:00:00Z') },
    );
    expect(again.created).toBe(false);
    expect(await db.cases.count()).toBe(1);
    expect(again.record).toMatchObject({
      revision: 2,
      createdAt: '2023-07-14T03:00:00.000Z',
      updatedAt: '2023-07-20T03:00:00.000Z',
      listingDate: '2023-07-20',
      listingDecision: 'yes',
    });
  });

  it('keeps fields a re-recording does not give, and clears those given as null', async () => {
    const db = freshDb();
    await recordCase(db, input({ exposureDate: '2023-08-01', listingDate: '2023-07-20' }));
    const { id } = await recordCase(db, { decisionNo: '渝万州市监处字〔2023〕497号', listingDate: null });
    const stored = (await db.cases.get(id))!;
    expect(stored.exposureDate).toBe('2023-08-01');
    expect(stored.listingDate).toBeNull();
    expect(stored.partyName).toBe('某某食品（重庆）有限公司');
    expect(stored.unit).toBe('万州区市场监督管理局');
  });

  it('leaves one record when two tabs record the same case at once', async () => {
    const name = `ledger-tabs-${Date.now()}`;
    const tabA = new CreditDb(name);
    const tabB = new CreditDb(name);
    const results = await Promise.all([
      recordCase(tabA, input({ recorder: '甲' })),
      recordCase(tabB, input({ decisionNo: '渝万州市监处字【2023】497号', recorder: '乙' })),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(await tabA.cases.count()).toBe(1);
    const stored = (await tabB.cases.toArray())[0]!;
    expect(stored.revision).toBe(2);
    tabA.close();
    tabB.close();
  });

  it('moves a case recorded by case number to its decision number when that is known', async () => {
    const db = freshDb();
    const first = await recordCase(db, input({ decisionNo: null, listingDecision: 'yes' }), { now: new Date('2023-07-01T00:00:00Z') });
    expect(first.id).toBe('case:万州市监立〔2023〕100号');
    const second = await recordCase(db, input({ listingDecision: undefined }), { now: new Date('2023-07-14T00:00:00Z') });
    expect(second.created).toBe(false);
    expect(second.id).toBe('渝万州市监处字〔2023〕497号');
    expect(await db.cases.count()).toBe(1);
    expect(second.record.createdAt).toBe('2023-07-01T00:00:00.000Z');
    expect(second.record.listingDecision).toBe('yes');
    // Recording again from a page showing only the case number finds the numbered record.
    const third = await recordCase(db, input({ decisionNo: null, exposureDate: '2023-09-01' }));
    expect(third.id).toBe('渝万州市监处字〔2023〕497号');
    expect(await db.cases.count()).toBe(1);
  });

  it('does not link the same case number of another party', async () => {
    const db = freshDb();
    await recordCase(db, input({ decisionNo: null }));
    await recordCase(db, input({ uscc: makeValidUscc('91500101MA0000002'), partyName: '别的公司' }));
    expect(await db.cases.count()).toBe(2);
  });

  it('stores date-times as China calendar dates', async () => {
    const db = freshDb();
    const { record } = await recordCase(
      db,
      input({
        listingDate: '2023-07-31T23:30:00+08:00',
        exposureDate: '2023-07-31T16:30:00Z',
        repeatPublicityDate: '2023-07-31 23:30',
        decisionDate: '2023-07-31T15:59:59.999Z',
      }),
    );
    expect(record.listingDate).toBe('2023-07-31');
    expect(record.exposureDate).toBe('2023-08-01');
    expect(record.repeatPublicityDate).toBe('2023-07-31');
    expect(record.decisionDate).toBe('2023-07-31');
  });

  it('refuses a case without decision or case number, a bad date and a missing unit, in Chinese', async () => {
    const db = freshDb();
    await expect(recordCase(db, input({ decisionNo: null, caseNo: '  ' }))).rejects.toThrow(/文号或案件编号/);
    await expect(recordCase(db, input({ listingDate: '2023-02-30' }))).rejects.toThrow(/列入日期.*不是有效日期/);
    await expect(recordCase(db, input({ unit: '' }))).rejects.toThrow(/填报单位/);
    await expect(recordCase(db, { ...input(), domain: 'space' } as unknown as RecordInput)).rejects.toBeInstanceOf(LedgerError);
    expect(await db.cases.count()).toBe(0);
    const r = parseRecordInput({ decisionDate: 'yesterday' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^记录内容有误：处罚决定日期：/);
  });
});

describe('updateCase', () => {
  it('edits fields and moves the record when the decision number changes', async () => {
    const db = freshDb();
    const { id } = await recordCase(db, input());
    const moved = await updateCase(db, id, { decisionNo: '渝万州市监处字〔2023〕498号', domain: 'quality', domainSource: 'user' });
    expect(moved.id).toBe('渝万州市监处字〔2023〕498号');
    expect(moved.revision).toBe(2);
    expect(await db.cases.get(id)).toBeUndefined();
    expect((await db.cases.get(moved.id))!.domain).toBe('quality');
  });

  it('refuses to move onto another record, and refuses a stale edit', async () => {
    const db = freshDb();
    const a = await recordCase(db, input());
    await recordCase(db, input({ decisionNo: '渝万州市监处字〔2023〕499号' }));
    await expect(updateCase(db, a.id, { decisionNo: '渝万州市监处字〔2023〕499号' })).rejects.toThrow(/已有同一案件/);
    await expect(updateCase(db, a.id, { recorder: '王五' }, { expectedRevision: 7 })).rejects.toThrow(/其他页面被修改/);
    await expect(updateCase(db, 'nope', { recorder: '王五' })).rejects.toThrow(/不存在/);
    expect((await db.cases.get(a.id))!.recorder).toBe('李四');
  });
});

describe('deleteCases / undoDelete', () => {
  it('restores exactly what was deleted', async () => {
    const db = freshDb();
    const cases = [makeCase(), makeCase({ exposureDate: '2023-07-02' }), makeCase()];
    await db.cases.bulkAdd(cases);
    const token = await deleteCases(db, [cases[0]!.id, cases[1]!.id, 'not-there']);
    expect(await db.cases.count()).toBe(1);
    const r = await undoDelete(db, token);
    expect(r).toEqual({ restored: 2, skipped: [] });
    expect(await db.cases.toArray()).toEqual([...cases].sort((a, b) => (a.id < b.id ? -1 : 1)));
    await expect(undoDelete(db, token)).rejects.toThrow(/无法撤销/);
  });

  it('keeps a record re-created after the deletion rather than the deleted copy', async () => {
    const db = freshDb();
    const { id } = await recordCase(db, input());
    const token = await deleteCases(db, [id]);
    await recordCase(db, input({ recorder: '新记录人' }));
    expect(await undoDelete(db, token)).toEqual({ restored: 0, skipped: [id] });
    expect((await db.cases.get(id))!.recorder).toBe('新记录人');
  });
});

describe('queryLedger', () => {
  it('filters by period, domain, verdict, unit, text and 应列未列, and pages', async () => {
    const db = freshDb();
    const code = makeValidUscc('91500101MA0000003');
    await db.cases.bulkAdd([
      makeCase({ decisionDate: '2023-07-01', domain: 'food', unit: '甲局', uscc: code, partyName: '甲（乙）公司', unlisted: 'yes', listingDecision: null }),
      makeCase({ decisionDate: '2023-07-31', domain: 'drug', unit: '甲局', verdict: 'review' }),
      makeCase({ decisionDate: '2023-08-01', domain: 'food', unit: '乙局', caseNo: 'AB-9' }),
      makeCase({ decisionDate: null, domain: 'food', unit: '乙局' }),
    ]);
    const q = (x: Parameters<typeof queryLedger>[1]) => queryLedger(db, x).then((r) => r.total);
    expect(await q({})).toBe(4);
    expect(await q({ period: { from: '2023-07-01', to: '2023-07-31' } })).toBe(2);
    expect(await q({ domain: 'food' })).toBe(3);
    expect(await q({ verdict: 'review' })).toBe(1);
    expect(await q({ unit: '乙局' })).toBe(2);
    expect(await q({ text: '甲(乙)' })).toBe(1);
    expect(await q({ text: code.toLowerCase() })).toBe(1);
    expect(await q({ text: 'ab-9' })).toBe(1);
    expect(await q({ text: 'XYZ' })).toBe(0);
    expect(await q({ unlistedOnly: true })).toBe(1);
    const page = await queryLedger(db, { limit: 3, offset: 2 });
    expect(page.total).toBe(4);
    expect(page.rows).toHaveLength(2);
  });

  it('highlights only open 应列未列 cases', () => {
    expect(isUnlistedCase({ unlisted: 'yes', listingDecision: null, listingDate: null })).toBe(true);
    expect(isUnlistedCase({ unlisted: 'possible', listingDecision: 'no', listingDate: null })).toBe(true);
    expect(isUnlistedCase({ unlisted: 'yes', listingDecision: 'yes', listingDate: null })).toBe(false);
    expect(isUnlistedCase({ unlisted: 'yes', listingDecision: null, listingDate: '2023-07-01' })).toBe(false);
    expect(isUnlistedCase({ unlisted: 'no', listingDecision: null, listingDate: null })).toBe(false);
  });
});

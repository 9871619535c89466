import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { zhError, zhRejection, zhThrown, zhWords } from '../words';
import { CreditDb, versionStamp } from '../../../lib/db';
import {
  caseIdentity,
  createBackup,
  deleteCases,
  exportLedgerFile,
  findRecordedCase,
  inspectBackup,
  isUnlistedCase,
  LedgerEntrySchema,
  LedgerError,
  parseLedgerFile,
  parseRecordInput,
  pendingUndos,
  queryLedger,
  recordCase,
  recordChanges,
  tallyTableFromDb,
  undoDelete,
  updateCase,
  type RecordInput,
} from '../../../lib/ledger';
import { makeValidUscc } from '../../../lib/party';
import { freshDb, makeCase, putCases, entryOf } from './helpers';

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
    const stored = await entryOf(db, r.id);
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

  it('keeps fields a re-recording leaves out or empty, and clears only those named in cleared', async () => {
    const db = freshDb();
    const who = { unit: '万州区市场监督管理局', recorder: '王五' };
    await recordCase(db, input({ exposureDate: '2023-08-01', listingDate: '2023-07-20', listingDecision: 'yes' }));
    // The form of the second recording starts from the page: 列入 未定 (null), no listing date.
    const again = await recordCase(db, { decisionNo: '渝万州市监处字〔2023〕497号', listingDecision: null, listingDate: '', ...who });
    expect(again.changes).toEqual([]);
    let stored = (await entryOf(db, again.id))!;
    expect([stored.listingDecision, stored.listingDate, stored.exposureDate]).toEqual(['yes', '2023-07-20', '2023-08-01']);
    expect(stored.partyName).toBe('某某食品（重庆）有限公司');

    const cleared = await recordCase(db, { decisionNo: '渝万州市监处字〔2023〕497号', cleared: ['listingDate'], ...who });
    expect(cleared.changes).toEqual([{ field: 'listingDate', from: '2023-07-20', to: null }]);
    stored = (await entryOf(db, again.id))!;
    expect([stored.listingDecision, stored.listingDate, stored.exposureDate]).toEqual(['yes', null, '2023-08-01']);
    expect(stored.dateUnits).toEqual({ listingDate: '', exposureDate: '万州区市场监督管理局', repeatPublicityDate: '' });
  });

  it('re-recording only the exposure keeps the listing (issue 10) and says what changed', async () => {
    const db = freshDb();
    await recordCase(db, input({ listingDecision: 'yes', listingDate: '2024-04-10' }), { now: new Date('2024-04-10T02:00:00Z') });
    const preview = recordChanges(await findRecordedCase(db, { decisionNo: '渝万州市监处字（2023）497号' }), {
      ...input({ listingDecision: null, listingDate: null, exposureDate: '2024-05-06' }),
    });
    expect(preview).toEqual([{ field: 'exposureDate', from: null, to: '2024-05-06' }]);
    const r = await recordCase(db, input({ listingDecision: null, listingDate: null, exposureDate: '2024-05-06', recorder: '王五' }), {
      now: new Date('2024-05-06T02:00:00Z'),
      baseRevision: 1,
    });
    expect(r).toMatchObject({ created: false, revision: 2, changes: preview });
    expect(r.record).toMatchObject({ listingDecision: 'yes', listingDate: '2024-04-10', exposureDate: '2024-05-06' });
    // The first recorder stays the record's recorder; the second is in the history.
    expect(r.record.recorder).toBe('李四');
  });

  it('previews a new case as every answer given, from nothing', async () => {
    const changes = recordChanges(null, input({ listingDate: '2024-04-10' }));
    expect(changes).toContainEqual({ field: 'listingDate', from: null, to: '2024-04-10' });
    expect(changes).toContainEqual({ field: 'decisionNo', from: null, to: '渝万州市监处字〔2023〕497号' });
    expect(changes.every((c) => c.from === null)).toBe(true);
  });

  it('keeps the revision history: who, when, which fields, old and new values', async () => {
    const db = freshDb();
    await recordCase(db, input({ listingDecision: 'yes', listingDate: '2024-04-10' }), { now: new Date('2024-04-10T02:00:00Z') });
    await recordCase(db, input({ listingDate: '2024-04-12', unit: '重庆市市场监督管理局', recorder: '赵六' }), {
      now: new Date('2024-04-12T03:00:00Z'),
    });
    const stored = (await entryOf(db, '渝万州市监处字〔2023〕497号'))!;
    expect(stored.history).toHaveLength(2);
    expect(stored.history[0]).toMatchObject({
      revision: 1,
      kind: 'record',
      unit: '万州区市场监督管理局',
      recorder: '李四',
      at: '2024-04-10T02:00:00.000Z',
    });
    expect(stored.history[0]!.changes).toContainEqual({ field: 'listingDate', from: null, to: '2024-04-10' });
    expect(stored.history[1]).toMatchObject({
      revision: 2,
      kind: 'record',
      unit: '重庆市市场监督管理局',
      recorder: '赵六',
      at: '2024-04-12T03:00:00.000Z',
      changes: [{ field: 'listingDate', from: '2024-04-10', to: '2024-04-12' }],
    });
    expect(new Set(stored.history.map((h) => h.id)).size).toBe(2);
    // A corrected date still counts for the unit that first recorded it; a new one for whoever records it.
    expect(stored.dateUnits.listingDate).toBe('万州区市场监督管理局');
    await recordCase(db, input({ exposureDate: '2024-04-13', unit: '重庆市市场监督管理局', recorder: '赵六' }));
    expect((await entryOf(db, stored.id))!.dateUnits).toEqual({
      listingDate: '万州区市场监督管理局',
      exposureDate: '重庆市市场监督管理局',
      repeatPublicityDate: '',
    });
  });

  it('writes nothing when the ledger already holds the answers', async () => {
    const db = freshDb();
    const first = await recordCase(db, input(), { now: new Date('2023-07-14T03:00:00Z') });
    const again = await recordCase(db, input({ recorder: '另一人' }), { now: new Date('2023-07-15T03:00:00Z') });
    expect(again).toMatchObject({ created: false, revision: 1, changes: [] });
    expect(await entryOf(db, first.id)).toEqual(first.record);
  });

  it('refuses a save based on a revision someone else changed meanwhile, naming who', async () => {
    const db = freshDb();
    await recordCase(db, input(), { now: new Date('2023-07-14T03:00:00Z') });
    await recordCase(db, input({ listingDate: '2023-07-20', recorder: '王五' }), { now: new Date('2023-07-20T03:00:00Z') });
    const e = await recordCase(db, input({ exposureDate: '2023-08-01' }), { baseRevision: 1 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LedgerError);
    expect((e as LedgerError).code).toBe('stale');
    expect(zhError(e)).toMatch(/已被修改.*王五.*2023-07-20 11:00/);
    // what the form is told instead of who: the revision now in the ledger and what changed since its own
    expect((e as LedgerError).current).toEqual({
      revision: 2,
      changes: [expect.objectContaining({ field: 'listingDate', to: '2023-07-20' })],
    });
    // A form opened on a case not in the ledger (base 0) is refused once someone recorded it.
    await expect(recordCase(db, input(), { baseRevision: 0 })).rejects.toMatchObject({ code: 'stale' });
    expect((await entryOf(db, '渝万州市监处字〔2023〕497号'))!.exposureDate).toBeNull();
    const ok = await recordCase(db, input({ exposureDate: '2023-08-01' }), { baseRevision: 2 });
    expect(ok.revision).toBe(3);
  });

  it('refuses a missing unit or recorder with code unit-missing and one plain message', async () => {
    const db = freshDb();
    const cases: [Partial<RecordInput>, string[]][] = [
      [{ unit: '' }, ['unit']],
      [{ recorder: '  ' }, ['recorder']],
      [{ unit: undefined, recorder: undefined }, ['unit', 'recorder']],
    ];
    for (const [over, missing] of cases) {
      const e = (await recordCase(db, input(over)).catch((x: unknown) => x)) as LedgerError;
      expect(e).toBeInstanceOf(LedgerError);
      expect(e.code).toBe('unit-missing');
      expect(e.missing).toEqual(missing);
      expect(zhError(e)).toMatch(/^尚未设置/);
    }
    expect(await db.cases.count()).toBe(0);
  });

  it('refuses a 30 MB party name, and any over-long text, in Chinese', async () => {
    const db = freshDb();
    const huge = '某'.repeat(30 * 1024 * 1024);
    expect(await zhRejection(recordCase(db, input({ partyName: huge })))).toMatch(/^当事人：过长（最多 200 个字符）$/);
    expect(await zhRejection(recordCase(db, input({ decisionNo: `渝${'字'.repeat(200)}〔2023〕1号` })))).toMatch(
      /行政处罚决定书文号：过长/,
    );
    expect(await zhRejection(recordCase(db, input({ citations: ['x'.repeat(500)] })))).toMatch(/依据条款：过长/);
    expect(await db.cases.count()).toBe(0);
  });

  it('refuses clearing an identity field or clearing and filling one field at once', () => {
    expect(zhThrown(() => recordChanges(null, input({ cleared: ['decisionNo'] })))).toMatch(/行政处罚决定书文号：不能清空/);
    expect(zhThrown(() => recordChanges(null, input({ listingDate: '2024-01-01', cleared: ['listingDate'] })))).toMatch(
      /列入日期：不能既清空又填写/,
    );
  });

  it('leaves one record when two tabs record the same case at once', async () => {
    const name = `ledger-tabs-${Date.now()}`;
    const tabA = new CreditDb(name);
    const tabB = new CreditDb(name);
    const results = await Promise.all([
      recordCase(tabA, input({ recorder: '甲' })),
      recordCase(tabB, input({ decisionNo: '渝万州市监处字【2023】497号', recorder: '乙', exposureDate: '2023-09-01' })),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(await tabA.cases.count()).toBe(1);
    const stored = (await entryOf(tabB, (await tabB.cases.toArray())[0]!.id))!;
    expect(stored.exposureDate).toBe('2023-09-01');
    expect(stored.history.map((h) => h.recorder)).toHaveLength(stored.revision);
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
    expect(await zhRejection(recordCase(db, input({ decisionNo: null, caseNo: '  ' })))).toMatch(/文号或案件编号/);
    expect(await zhRejection(recordCase(db, input({ listingDate: '2023-02-30' })))).toMatch(/^列入日期：“2023-02-30”不是有效日期/);
    expect(await zhRejection(recordCase(db, input({ unit: '' })))).toMatch(/填报单位/);
    await expect(recordCase(db, { ...input(), domain: 'space' } as unknown as RecordInput)).rejects.toBeInstanceOf(LedgerError);
    expect(await db.cases.count()).toBe(0);
    // One reason per field, no prefix of its own: the caller adds one (记录失败：…).
    const r = parseRecordInput({ decisionDate: 'yesterday', listingDate: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(zhWords(r.error)).toMatch(/^列入日期：“x”不是有效日期.*；处罚决定日期：/);
  });
});

describe('updateCase', () => {
  const editor = { unit: '万州区市场监督管理局', recorder: '审核人' };

  it('edits fields and moves the record when the decision number changes, as an edit revision', async () => {
    const db = freshDb();
    const { id } = await recordCase(db, input());
    const moved = await updateCase(db, id, {
      decisionNo: '渝万州市监处字〔2023〕498号',
      domain: 'quality',
      domainSource: 'user',
      ...editor,
    });
    expect(moved.history.at(-1)).toMatchObject({ kind: 'edit', recorder: '审核人', revision: 2 });
    expect(moved.history.at(-1)!.changes.map((c) => c.field)).toEqual(['decisionNo', 'domain', 'domainSource']);
    expect(moved.id).toBe('渝万州市监处字〔2023〕498号');
    expect(moved.revision).toBe(2);
    expect(await entryOf(db, id)).toBeUndefined();
    expect((await entryOf(db, moved.id))!.domain).toBe('quality');
  });

  it('refuses to move onto another record, and refuses a stale edit', async () => {
    const db = freshDb();
    const a = await recordCase(db, input());
    await recordCase(db, input({ decisionNo: '渝万州市监处字〔2023〕499号' }));
    expect(await zhRejection(updateCase(db, a.id, { decisionNo: '渝万州市监处字〔2023〕499号', ...editor }))).toMatch(/已有同一案件/);
    expect(await zhRejection(updateCase(db, a.id, { exposureDate: '2023-09-01', ...editor }, { expectedRevision: 7 }))).toMatch(/已被修改/);
    expect(await zhRejection(updateCase(db, 'nope', { exposureDate: '2023-09-01', ...editor }))).toMatch(/不存在/);
    await expect(updateCase(db, a.id, { exposureDate: '2023-09-01' })).rejects.toMatchObject({ code: 'unit-missing' });
    expect((await entryOf(db, a.id))!.exposureDate).toBeNull();
  });
});

describe('a case deleted and recorded again', () => {
  const editor = { unit: '万州区市场监督管理局', recorder: '审核人' };
  const day = (d: number) => ({ now: new Date(`2023-08-${String(d).padStart(2, '0')}T03:00:00Z`) });

  /** The case at revision 2, deleted, recorded again and changed, so that its new life is at revision 2 too. */
  async function recordedAgain(db: CreditDb) {
    const { id } = await recordCase(db, input(), day(1));
    const old = await updateCase(db, id, { exposureDate: '2023-08-02', ...editor }, day(2));
    await deleteCases(db, [id], day(3));
    await recordCase(db, input({ recorder: '王五' }), day(4));
    const now = await recordCase(db, input({ listingDate: '2023-08-05', recorder: '王五' }), day(5));
    expect(now.revision).toBe(old.revision);
    return { id, old };
  }

  it('refuses the 台账 editor opened on the deleted record as stale, keeping the new answers', async () => {
    const db = freshDb();
    const { id, old } = await recordedAgain(db);
    const save = updateCase(
      db,
      id,
      { exposureDate: '2023-09-01', ...editor },
      { expectedRevision: old.revision, expectedVersion: versionStamp(old) },
    );
    expect(await zhRejection(save)).toMatch(/已被修改/);
    // what the editor has not seen is the new record's every change, from its recording on
    const changes = expect.arrayContaining([
      expect.objectContaining({ field: 'partyName', from: null }),
      expect.objectContaining({ field: 'listingDate', to: '2023-08-05' }),
    ]);
    await expect(save).rejects.toMatchObject({ code: 'stale', current: { revision: 2, changes } });
    expect(await entryOf(db, id)).toMatchObject({ listingDate: '2023-08-05', exposureDate: null });
  });

  it('refuses a record form opened on the deleted record as stale, and saves one opened on the new record', async () => {
    const db = freshDb();
    const { id, old } = await recordedAgain(db);
    const save = recordCase(db, input({ exposureDate: '2023-09-01' }), { baseRevision: old.revision, baseVersion: versionStamp(old) });
    await expect(save).rejects.toMatchObject({ code: 'stale' });
    expect((await entryOf(db, id))!.exposureDate).toBeNull();
    const current = (await entryOf(db, id))!;
    const ok = await recordCase(db, input({ exposureDate: '2023-09-01' }), {
      baseRevision: current.revision,
      baseVersion: versionStamp(current),
    });
    expect(ok.record).toMatchObject({ listingDate: '2023-08-05', exposureDate: '2023-09-01', revision: 3 });
  });

  it('lets an editor opened before the deletion save once undo put the very record back', async () => {
    const db = freshDb();
    const { id } = await recordCase(db, input(), day(1));
    const old = (await entryOf(db, id))!;
    const token = await deleteCases(db, [id], day(2));
    await undoDelete(db, token, day(3));
    const saved = await updateCase(
      db,
      id,
      { exposureDate: '2023-09-01', ...editor },
      { expectedRevision: old.revision, expectedVersion: versionStamp(old) },
    );
    expect(saved.exposureDate).toBe('2023-09-01');
  });
});

describe('what the ledger stores, a backup restores and a ledger file carries', () => {
  // a record a backup refuses makes the whole backup impossible to restore, and a unit's file impossible to merge
  const readableBack = async (db: CreditDb, id: string) => {
    expect(LedgerEntrySchema.safeParse(await entryOf(db, id)).error?.issues).toBeUndefined();
    expect((await parseLedgerFile(await exportLedgerFile(db, '某局'))).ok).toBe(true);
    await expect(inspectBackup(await createBackup({ db, storageLocal: {} }))).resolves.toBeDefined();
  };

  it('drops control characters a page or a setting slipped into a text', async () => {
    const db = freshDb();
    const { id } = await recordCase(
      db,
      input({
        partyName: '某某\u0001食品\u0007有限公司',
        caseNo: '万州\u0002立〔2023〕100号',
        packId: 'order44\u0005-2021',
        citations: ['order44-2021/art2/1\u0003'],
        unit: '万州区\u0001市场监督管理局',
        recorder: '李\u007f四',
      }),
    );
    expect(await entryOf(db, id)).toMatchObject({
      partyName: '某某食品有限公司',
      caseNo: '万州立〔2023〕100号',
      packId: 'order44-2021',
      citations: ['order44-2021/art2/1'],
      unit: '万州区市场监督管理局',
      recorder: '李四',
    });
    await updateCase(db, id, { listingDate: '2023-08-01', unit: '某\u0010局', recorder: '王五' });
    expect((await entryOf(db, id))!.history.at(-1)!.unit).toBe('某局');
    await readableBack(db, id);
  });

  it('still saves a change to a record an older version stored beyond the limits, when the change adds nothing beyond them', async () => {
    const db = freshDb();
    // version 1 kept any length: a whole paragraph read as the party's name
    const old = makeCase({ partyName: '某'.repeat(300) });
    await putCases(db, [old]);
    await updateCase(db, old.id, { listingDate: '2023-08-01', unit: '某局', recorder: '张三' });
    expect((await entryOf(db, old.id))!.listingDate).toBe('2023-08-01');
  });

  it('refuses, in Chinese and writing nothing, a number that folding makes longer than the ledger keeps', async () => {
    const db = freshDb();
    // one compatibility character NFKC spells out in 18 letters
    for (const over of [{ decisionNo: '\uFDFA'.repeat(20) }, { decisionNo: null, caseNo: '\uFDFA'.repeat(20) }]) {
      expect(await zhRejection(recordCase(db, input(over)))).toMatch(/文字过长/);
    }
    expect(await db.cases.count()).toBe(0);
    const { id } = await recordCase(db, input());
    await readableBack(db, id);
  });
});

describe('deleteCases / undoDelete', () => {
  it('restores exactly what was deleted', async () => {
    const db = freshDb();
    const cases = [makeCase(), makeCase({ exposureDate: '2023-07-02' }), makeCase()];
    await putCases(db, cases);
    const token = await deleteCases(db, [cases[0]!.id, cases[1]!.id, 'not-there']);
    expect(await db.cases.count()).toBe(1);
    const r = await undoDelete(db, token);
    expect(r).toEqual({ restored: 2, skipped: [] });
    // with their histories and their tally facts
    for (const c of cases) expect(await entryOf(db, c.id)).toEqual(c);
    expect(await db.tallyFacts.where('caseId').equals(cases[1]!.id).count()).toBe(1);
    expect(await zhRejection(undoDelete(db, token))).toMatch(/无法撤销/);
  });

  it('keeps no undo entry for a deletion of cases already gone, so it pushes out no kept deletion', async () => {
    const db = freshDb();
    const c = makeCase();
    await putCases(db, [c]);
    const token = await deleteCases(db, [c.id]);
    // another tab, still showing the row, deletes it again, many times
    for (let i = 0; i < 25; i++) await deleteCases(db, [c.id]);
    expect(await db.meta.count()).toBe(1);
    expect(await undoDelete(db, token)).toEqual({ restored: 1, skipped: [] });
    expect(await entryOf(db, c.id)).toEqual(c);
  });

  it('keeps a record re-created after the deletion rather than the deleted copy', async () => {
    const db = freshDb();
    const { id } = await recordCase(db, input());
    const token = await deleteCases(db, [id]);
    await recordCase(db, input({ recorder: '新记录人', verdict: 'review' }));
    expect(await undoDelete(db, token)).toEqual({ restored: 0, skipped: [id] });
    expect((await entryOf(db, id))!.verdict).toBe('review');
  });

  it('fills the blanks of a case recorded again since from the deleted record, and keeps both histories', async () => {
    const db = freshDb();
    const at = (d: string) => ({ now: new Date(`${d}T03:00:00Z`) });
    const { id } = await recordCase(db, input({ listingDate: '2023-07-20', exposureDate: '2023-07-21' }), at('2023-07-20'));
    const deleted = (await entryOf(db, id))!;
    const token = await deleteCases(db, [id]);
    // recorded again from the case page, without the dates the handler had entered, by another unit
    const again = await recordCase(db, input({ verdict: 'review', unit: '重庆市市场监督管理局', recorder: '王五' }), at('2023-08-01'));
    expect(await undoDelete(db, token, at('2023-08-02'))).toEqual({ restored: 0, skipped: [id] });
    const c = (await entryOf(db, id))!;
    expect(c).toMatchObject({ verdict: 'review', listingDate: '2023-07-20', exposureDate: '2023-07-21' });
    expect(c.dateUnits).toEqual({ listingDate: '万州区市场监督管理局', exposureDate: '万州区市场监督管理局', repeatPublicityDate: '' });
    expect(c.revision).toBeGreaterThan(again.revision);
    const ids = c.history.map((r) => r.id);
    for (const r of [...deleted.history, ...again.record.history]) expect(ids).toContain(r.id);
    expect(
      c.history
        .at(-1)!
        .changes.map((x) => x.field)
        .sort(),
    ).toEqual(['exposureDate', 'listingDate']);
    const table = await tallyTableFromDb(db, { from: '2023-01-01', to: '2023-12-31' });
    expect(table.rows.at(-1)).toMatchObject({ listed: 1, exposed: 1 });
    expect(await db.meta.count()).toBe(0);
  });

  it('leaves empty what the record made since emptied on purpose', async () => {
    const db = freshDb();
    const { id } = await recordCase(db, input({ listingDate: '2023-07-20' }));
    const token = await deleteCases(db, [id]);
    await recordCase(db, input({ listingDate: '2023-08-01' }));
    await updateCase(db, id, { cleared: ['listingDate'], unit: '某局', recorder: '赵六' });
    expect(await undoDelete(db, token)).toEqual({ restored: 0, skipped: [id] });
    const c = (await entryOf(db, id))!;
    expect(c.listingDate).toBeNull();
    expect(c.history.some((r) => r.changes.some((x) => x.field === 'listingDate' && x.to === '2023-07-20'))).toBe(true);
  });

  it('refuses, keeping the deletion, to join histories longer together than a record keeps', async () => {
    const db = freshDb();
    const revisions = (tag: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `${tag}-${i}`,
        revision: i + 1,
        at: new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString(),
        unit: '某局',
        recorder: '张三',
        kind: 'edit' as const,
        changes: [],
      }));
    const deleted = makeCase({ listingDate: '2023-07-01', revision: 2600, history: revisions('a', 2600) });
    await putCases(db, [deleted]);
    const token = await deleteCases(db, [deleted.id]);
    const again = makeCase({ decisionNo: deleted.decisionNo, revision: 2600, history: revisions('b', 2600) });
    await putCases(db, [again]);
    expect(await zhRejection(undoDelete(db, token))).toMatch(/修改记录/);
    expect(await entryOf(db, deleted.id)).toEqual(again);
    expect((await pendingUndos(db)).map((u) => u.token)).toEqual([token]);
  });

  it('puts a deleted case back into its record under the other number, never beside it', async () => {
    const db = freshDb();
    const byCaseNo = input({ decisionNo: null, listingDate: '2023-07-20' });
    const { id } = await recordCase(db, byCaseNo);
    expect(id).toMatch(/^case:/);
    const token = await deleteCases(db, [id]);
    // the decision is taken meanwhile, and the case recorded with its number
    const { id: decided } = await recordCase(db, input());
    expect(await undoDelete(db, token)).toEqual({ restored: 0, skipped: [decided] });
    expect(await db.cases.count()).toBe(1);
    expect(await entryOf(db, decided)).toMatchObject({ listingDate: '2023-07-20', decisionNo: '渝万州市监处字〔2023〕497号' });
    const table = await tallyTableFromDb(db, { from: '2023-01-01', to: '2023-12-31' });
    expect(table.rows.at(-1)).toMatchObject({ listed: 1 });
  });

  it('gives a case recorded by its case number since the deleted decision its number back', async () => {
    const db = freshDb();
    const { id } = await recordCase(db, input({ listingDate: '2023-07-20' }));
    const token = await deleteCases(db, [id]);
    const { id: byCaseNo } = await recordCase(db, input({ decisionNo: null }));
    expect(byCaseNo).toMatch(/^case:/);
    expect(await undoDelete(db, token)).toEqual({ restored: 0, skipped: [byCaseNo] });
    expect(await db.cases.toCollection().primaryKeys()).toEqual([id]);
    expect(await entryOf(db, id)).toMatchObject({ listingDate: '2023-07-20' });
  });
});

describe('queryLedger', () => {
  it('filters by period, domain, verdict, unit, text and 应列未列, and pages', async () => {
    const db = freshDb();
    const code = makeValidUscc('91500101MA0000003');
    await putCases(db, [
      makeCase({
        decisionDate: '2023-07-01',
        domain: 'food',
        unit: '甲局',
        uscc: code,
        partyName: '甲（乙）公司',
        unlisted: 'yes',
        listingDecision: null,
      }),
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

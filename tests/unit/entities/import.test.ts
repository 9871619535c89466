import 'fake-indexeddb/auto';
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { describe, expect, it } from 'vitest';
import { PENDING_STALE_MS, purgePendingLists } from '../../../lib/db';
import { ImportError, type ImportProgress, type InvalidRow, importList, listSummaries, lookupParty } from '../../../lib/entities';
import { emptyStats, readTableBatches, UNMATCHED_QUOTE, writeXlsx } from '../../../lib/io';
import { IoError } from '../../../lib/io/errors';
import { createBackup, inspectBackup } from '../../../lib/ledger';
import { userMessage } from '../../../lib/messages';
import { zhError, zhWords } from '../words';

/** The invalid rows as the interface reports them in Chinese. */
const worded = (rows: readonly InvalidRow[]) => rows.map((r) => ({ line: r.line, errors: r.errors.map(zhWords) }));

import type { CsvRecord } from '../../../lib/io/csv';
import { PENALTY_HEADERS, SERIOUS_HEADERS, code, freshDb, records, snapshot, stream } from './helpers';

const seriousRow = (i: number, over: Partial<Record<'name' | 'code' | 'date', string>> = {}) => [
  over.name ?? `湖南测试${i}食品有限公司`,
  over.code ?? code(i),
  over.date ?? '2023-05-01',
  '未经许可从事食品生产经营活动',
  '长沙市市场监督管理局',
  '',
];

async function importSerious(db: ReturnType<typeof freshDb>, rows: string[][], extra: Record<string, unknown> = {}) {
  return importList(db, {
    kind: 'serious',
    name: '严重违法失信名单',
    source: 'serious.csv',
    headers: SERIOUS_HEADERS,
    rows: stream(records(rows)),
    ...extra,
  });
}

/** Many rows and a tiny flush size, so an import writes many chunks before it ends. */
const manyRows = (from: number, count: number) => Array.from({ length: count }, (_, i) => seriousRow(from + i));
const smallChunks = { tuning: { chunkChars: 2000, largeBuckets: 16 } };

/** Fails the `failAt`-th write to the chunk store, like a full disk. */
function failingWrites(db: ReturnType<typeof freshDb>, failAt: number) {
  let writes = 0;
  db.use({
    stack: 'dbcore',
    name: 'fail-chunk-writes',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'entityChunks') return table;
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) =>
            req.type === 'put' && ++writes === failAt
              ? Promise.reject(new DOMException('模拟：磁盘空间不足', 'QuotaExceededError'))
              : table.mutate(req),
        };
      },
    }),
  });
}

describe('importList', () => {
  it('imports valid rows, reports invalid ones in Chinese and keeps invalid codes flagged', async () => {
    const db = freshDb();
    const bad = code(2).slice(0, 17) + (code(2).endsWith('0') ? '1' : '0');
    const result = await importSerious(db, [
      seriousRow(1),
      seriousRow(2, { code: bad }),
      seriousRow(3, { date: '2023-02-30' }),
      seriousRow(4, { name: '', code: '' }),
      seriousRow(5, { code: '' }),
    ]);
    expect(result).toMatchObject({ rows: 5, imported: 3, invalidCount: 2, flaggedCount: 1 });
    expect(worded(result.invalid)).toEqual([
      { line: 4, errors: ['列入日期“2023-02-30”不是有效日期'] },
      { line: 5, errors: ['企业名称和统一社会信用代码都为空'] },
    ]);
    expect(result.flagged).toEqual([
      { line: 3, code: bad, reason: expect.objectContaining({ key: expect.stringMatching(/^usccProblem_/) }) },
    ]);
    expect(zhWords(result.flagged[0]!.reason)).toContain('校验位');
    expect(result.list).toMatchObject({ status: 'active', kind: 'serious', rowCount: 3, invalidCount: 2, flaggedCount: 1 });
    // The flagged row is stored and found by its (invalid) code.
    const ctx = await lookupParty(db, { uscc: bad, at: '2024-01-01' });
    expect(ctx.seriousList.record?.codeOk).toBe(false);
  });

  it('reports progress with rows per second', async () => {
    const db = freshDb();
    const seen: ImportProgress[] = [];
    await importSerious(db, manyRows(1, 20), { onProgress: (p: ImportProgress) => seen.push(p), bytesRead: () => 123 });
    expect(seen.at(-1)).toMatchObject({ rows: 20, invalid: 0, bytes: 123 });
    expect(seen.at(-1)!.rowsPerSecond).toBeGreaterThan(0);
  });

  it('rejects a file without a required column before touching the database', async () => {
    const db = freshDb();
    await expect(
      importList(db, { kind: 'serious', name: 'x', source: 'x.csv', headers: ['企业名称', '备注'], rows: stream([]) }),
    ).rejects.toSatisfy(
      (e) => (e as ImportError).code === 'missing-columns' && zhError(e) === '文件缺少必需的列：列入日期；原有名单未改变',
    );
    expect(await db.lists.count()).toBe(0);
  });

  it('rejects a file whose every row is invalid, with the reasons, and changes nothing', async () => {
    const db = freshDb();
    await importSerious(db, [seriousRow(1)]);
    const before = await snapshot(db);
    const err = await importSerious(db, [seriousRow(2, { date: '不详' }), seriousRow(3, { date: '' })]).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err).toMatchObject({ code: 'no-valid-rows', invalidCount: 2 });
    expect(zhError(err)).toContain('全部 2 行数据都无效');
    expect(zhError(err)).toContain('原有名单未改变');
    expect(worded(err.invalid)[0]).toEqual({ line: 2, errors: ['列入日期“不详”不是有效日期'] });
    expect(await snapshot(db)).toEqual(before);
  });

  it('rejects a file with no data rows', async () => {
    const db = freshDb();
    await expect(importSerious(db, [['', '', '', '', '', '']])).rejects.toMatchObject({ code: 'no-rows' });
    expect(await db.lists.count()).toBe(0);
  });

  it('a bad row in the middle is reported and the rest is imported', async () => {
    const db = freshDb();
    const rows = manyRows(1, 50);
    rows[25] = seriousRow(26, { date: '2023年13月1日' });
    const result = await importSerious(db, rows, smallChunks);
    expect(result).toMatchObject({ imported: 49, invalidCount: 1 });
    expect(result.invalid[0]!.line).toBe(27);
    expect(result.list.chunkCount).toBeGreaterThan(1);
  });

  describe('all or nothing', () => {
    it('an abort mid-file activates nothing and leaves earlier lists unchanged', async () => {
      const db = freshDb();
      await importSerious(db, manyRows(1, 30), smallChunks);
      const before = await snapshot(db);
      const ac = new AbortController();
      async function* rows(): AsyncGenerator<CsvRecord> {
        let line = 2;
        for (const r of manyRows(100, 200)) {
          if (line === 150) ac.abort();
          yield { line: line++, cells: r };
        }
      }
      const err = await importList(db, {
        kind: 'serious',
        name: 'b',
        source: 'b.csv',
        headers: SERIOUS_HEADERS,
        rows: rows(),
        signal: ac.signal,
        ...smallChunks,
      }).catch((e) => e);
      expect(err).toMatchObject({ code: 'aborted' });
      expect(zhError(err)).toBe('导入已取消，原有名单未改变');
      expect(await snapshot(db)).toEqual(before);
    });

    it('an error thrown by the file reader mid-file activates nothing', async () => {
      const db = freshDb();
      await importSerious(db, manyRows(1, 30), smallChunks);
      const before = await snapshot(db);
      async function* rows(): AsyncGenerator<CsvRecord> {
        yield* records(manyRows(100, 100));
        throw new IoError('encoding', userMessage('ioError_nearLine', 102, userMessage('ioError_encoding')));
      }
      await expect(
        importList(db, { kind: 'serious', name: 'b', source: 'b.csv', headers: SERIOUS_HEADERS, rows: rows(), ...smallChunks }),
      ).rejects.toBeInstanceOf(IoError);
      expect(await snapshot(db)).toEqual(before);
    });

    it('a failed database write in the middle activates nothing', async () => {
      const db = freshDb();
      failingWrites(db, 6);
      await importSerious(db, manyRows(1, 10));
      const before = await snapshot(db);
      const err = await importSerious(db, manyRows(100, 200), smallChunks).catch((e) => e);
      expect(err).toMatchObject({ name: 'QuotaExceededError' });
      expect(await snapshot(db)).toEqual(before);
    });

    it('an interrupted import leaves only a pending list, which the next start purges', async () => {
      const db = freshDb();
      await importSerious(db, manyRows(1, 30), smallChunks);
      const before = await snapshot(db);
      let release!: () => void;
      const hang = new Promise<void>((r) => (release = r));
      async function* rows(): AsyncGenerator<CsvRecord> {
        yield* records(manyRows(100, 100));
        await hang; // the tab is closed here
        yield* records(manyRows(300, 10), 200);
      }
      const running = importList(db, {
        kind: 'serious',
        name: 'b',
        source: 'b.csv',
        headers: SERIOUS_HEADERS,
        rows: rows(),
        ...smallChunks,
      });
      const outcome = running.catch((e) => e);
      await expect.poll(async () => (await db.lists.where('status').equals('pending').first())?.chunkCount ?? 0).toBeGreaterThan(1);
      // Lookups never see the pending list.
      expect((await lookupParty(db, { uscc: code(150), at: '2024-01-01' })).matchedBy).toBeNull();

      const purged = await purgePendingLists(db, { now: Date.now() + PENDING_STALE_MS + 1 });
      expect(purged).toHaveLength(1);
      expect(await snapshot(db)).toEqual(before);

      release();
      expect(await outcome).toMatchObject({ code: 'interrupted' });
      expect(await snapshot(db)).toEqual(before);
    });

    it('a replacement that fails leaves the list it would replace as it was', async () => {
      const db = freshDb();
      const first = await importSerious(db, manyRows(1, 30), smallChunks);
      const before = await snapshot(db);
      const err = await importSerious(db, [seriousRow(1, { date: 'x' })], { replaceListId: first.listId }).catch((e) => e);
      expect(err).toMatchObject({ code: 'no-valid-rows' });
      expect(await snapshot(db)).toEqual(before);
    });
  });

  it('replacing a list activates the new one and deletes the old one together', async () => {
    const db = freshDb();
    const first = await importSerious(db, manyRows(1, 30), smallChunks);
    const second = await importSerious(db, [seriousRow(500)], { replaceListId: first.listId });
    expect(second.replacedListId).toBe(first.listId);
    expect((await listSummaries(db)).map((l) => l.id)).toEqual([second.listId]);
    expect(new Set((await db.entityChunks.toArray()).map((c) => c.listId))).toEqual(new Set([second.listId]));
    expect((await lookupParty(db, { uscc: code(1), at: '2024-01-01' })).matchedBy).toBeNull();
    expect((await lookupParty(db, { uscc: code(500), at: '2024-01-01' })).seriousList.onList).toBe(true);
  });

  it('refuses to replace a list of another kind or one that is gone', async () => {
    const db = freshDb();
    const serious = await importSerious(db, [seriousRow(1)]);
    const penalty = importList(db, {
      kind: 'penalty-history',
      name: 'p',
      source: 'p.csv',
      headers: PENALTY_HEADERS,
      rows: stream(records([['甲公司', code(1), '湘市监罚〔2023〕1号', '2023-01-01', '否']])),
      replaceListId: serious.listId,
    });
    const refused = await penalty.catch((e) => e);
    expect(refused).toMatchObject({ code: 'replace-invalid' });
    expect(zhError(refused)).toBe('只能用同一类名单替换（原名单是严重违法失信名单）');
    await expect(importSerious(db, [seriousRow(2)], { replaceListId: 'list-none' })).rejects.toMatchObject({
      code: 'replace-invalid',
    });
    expect((await listSummaries(db)).map((l) => l.id)).toEqual([serious.listId]);
  });

  it('spreads a large list over many buckets and finds every row', async () => {
    const db = freshDb();
    const result = await importSerious(db, manyRows(1, 300), smallChunks);
    expect(result.list.bucketCount).toBe(16);
    expect(result.list.chunkCount).toBeGreaterThan(3);
    for (const i of [1, 77, 150, 300]) {
      const ctx = await lookupParty(db, { uscc: code(i), at: '2024-01-01' });
      expect(ctx.seriousList.record?.name).toBe(`湖南测试${i}食品有限公司`);
    }
  });

  it('accepts batches of records as readCsvBatches yields them', async () => {
    const db = freshDb();
    async function* batches() {
      yield records(manyRows(1, 3));
      yield records(manyRows(4, 2), 5);
    }
    const r = await importList(db, { kind: 'serious', name: 'b', source: 'b.csv', headers: SERIOUS_HEADERS, rows: batches() });
    expect(r.imported).toBe(5);
  });

  it('skips blank lines and a header repeated inside the file', async () => {
    const db = freshDb();
    const r = await importSerious(db, [seriousRow(1), ['', ' ', '', '', '', ''], [...SERIOUS_HEADERS], seriousRow(2)]);
    expect(r).toMatchObject({ rows: 2, imported: 2, invalidCount: 0, skipped: 2 });
  });
});

describe('the import report', () => {
  /** Imports a file the way the dashboard does: every record, the header line, the reader's stats. */
  async function importFile(db: ReturnType<typeof freshDb>, name: string, bytes: Uint8Array, headerLine: number) {
    const stats = emptyStats('csv');
    const rows = readTableBatches({ name, source: bytes }, { stats, skipEmptyLines: false });
    return importList(db, {
      kind: 'serious',
      name: '严重违法失信名单 2026-12-03',
      source: name,
      headers: SERIOUS_HEADERS,
      headerLine,
      rows,
      readStats: stats,
    });
  }
  const line = (cells: readonly string[]) => cells.join(',');

  it('accounts for every line: titles, header, blank lines, a stray quote, cells across lines, invalid rows', async () => {
    const db = freshDb();
    const text = [
      '附件',
      '严重违法失信名单',
      line(SERIOUS_HEADERS),
      line(seriousRow(1)),
      '',
      `"${line(seriousRow(2))}`,
      line(seriousRow(3, { date: '不是日期' })),
      line(SERIOUS_HEADERS),
      `湖南测试4食品有限公司,${code(4)},2023-05-01,"未经许可\r\n从事生产",长沙市市场监督管理局,`,
      ' , ,,,,',
      line(seriousRow(5)),
    ].join('\r\n');
    const r = await importFile(db, 'list.csv', new TextEncoder().encode(text), 3);
    expect(worded(r.invalid)).toEqual([
      { line: 6, errors: [zhWords(UNMATCHED_QUOTE)] },
      { line: 7, errors: ['列入日期“不是日期”不是有效日期'] },
    ]);
    expect(r.report).toEqual({
      rowsRead: 8,
      imported: 3,
      invalid: 2,
      skipped: 3,
      skippedBlank: 2,
      skippedTitles: 0,
      skippedHeaders: 1,
      rowsAddUp: true,
      file: {
        format: 'csv',
        lines: 12,
        readerLines: 12,
        linesMatch: true,
        records: 11,
        headerRecords: 3,
        recordsAddUp: true,
        emptyLines: 0,
        breaksInCells: 1,
        linesAddUp: true,
      },
    });
    expect(r).toMatchObject({ rows: 5, imported: 3, invalidCount: 2, skipped: 3 });
  });

  it('a stray quote at line 5,000 of 10,000 costs that row only, and the report says so', async () => {
    const db = freshDb();
    const lines = [line(SERIOUS_HEADERS)];
    for (let i = 2; i <= 10_000; i++) lines.push(i === 5000 ? `"${line(seriousRow(i))}` : line(seriousRow(i)));
    const r = await importFile(db, 'big.csv', new TextEncoder().encode(lines.join('\n') + '\n'), 1);
    expect(r.invalid).toEqual([{ line: 5000, errors: [UNMATCHED_QUOTE] }]);
    expect(r.report).toMatchObject({ rowsRead: 9999, imported: 9998, invalid: 1, skipped: 0, rowsAddUp: true });
    expect(r.report.file).toMatchObject({ lines: 10_000, readerLines: 10_000, linesMatch: true, recordsAddUp: true, linesAddUp: true });
    expect((await lookupParty(db, { uscc: code(10_000), at: '2024-01-01' })).matchedBy).toBe('code');
  });

  it('counts the rows of a workbook, empty rows included', async () => {
    const db = freshDb();
    const xlsx = writeXlsx({ sheets: [{ name: '名单', rows: [['名单'], [], SERIOUS_HEADERS, seriousRow(1), [], seriousRow(2)] }] });
    const stats = emptyStats('xlsx');
    const rows = readTableBatches({ name: 'list.xlsx', source: xlsx }, { stats });
    const r = await importList(db, {
      kind: 'serious',
      name: 'x',
      source: 'list.xlsx',
      headers: SERIOUS_HEADERS,
      headerLine: 3,
      rows,
      readStats: stats,
    });
    expect(r.report).toMatchObject({ rowsRead: 2, imported: 2, rowsAddUp: true });
    expect(r.report.file).toEqual({
      format: 'xlsx',
      lines: 6,
      readerLines: 6,
      linesMatch: true,
      records: 4,
      headerRecords: 2,
      recordsAddUp: true,
      emptyLines: 2,
      breaksInCells: 0,
      linesAddUp: true,
    });
  });

  it("has no file part when the import is not given the reader's counts", async () => {
    const r = await importSerious(freshDb(), [seriousRow(1)]);
    expect(r.report).toMatchObject({ rowsRead: 1, imported: 1, rowsAddUp: true, file: null });
  });
});

describe('lengths', () => {
  it('every stored text has a maximum, and a longer cell makes its row invalid with a Chinese reason', async () => {
    const db = freshDb();
    const r = await importSerious(db, [
      seriousRow(1, { name: '长'.repeat(201) }),
      seriousRow(2, { code: '9'.repeat(65) }),
      [`湖南测试3食品有限公司`, code(3), '2023-05-01', '因'.repeat(2001), '长沙市市场监督管理局', ''],
      [`湖南测试4食品有限公司`, code(4), '2023-05-01', '原因', '局'.repeat(201), ''],
      seriousRow(5, { name: '长'.repeat(200) }),
    ]);
    expect(worded(r.invalid)).toEqual([
      { line: 2, errors: ['企业名称过长（超过200字）'] },
      { line: 3, errors: ['统一社会信用代码过长（超过64字）'] },
      { line: 4, errors: ['列入原因过长（超过2000字）'] },
      { line: 5, errors: ['作出决定机关过长（超过200字）'] },
    ]);
    expect(r.imported).toBe(1);
  });

  it('a list name or file name too long is refused before anything is written', async () => {
    const db = freshDb();
    await importSerious(db, [seriousRow(1)]);
    const before = await snapshot(db);
    for (const over of [{ name: '名'.repeat(201) }, { name: '  ' }, { source: `${'a'.repeat(300)}.csv` }]) {
      const err = await importSerious(db, [seriousRow(2)], over).catch((e) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect(err).toMatchObject({ code: 'name-invalid' });
      expect(zhError(err)).toContain('原有名单未改变');
    }
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('names a backup reads back', () => {
  it('a list name or file name with markup or a control character is refused before anything is written', async () => {
    // stored, it made every backup impossible to restore (ListMetaSchema refuses it as the mark of a forged file)
    const db = freshDb();
    await importSerious(db, [seriousRow(1)], { name: '严重违法失信名单（第一批）', source: '名单 2024.csv' });
    await expect(inspectBackup(await createBackup({ db, storageLocal: {} }))).resolves.toBeDefined();
    const before = await snapshot(db);
    for (const over of [{ name: '名单<第一批>' }, { name: '名单\u0001' }, { source: 'a<b>.csv' }, { source: 'a\u0007.csv' }]) {
      const err = await importSerious(db, [seriousRow(2)], over).catch((e) => e);
      expect(err).toMatchObject({ code: 'name-invalid' });
      expect(zhError(err)).toMatch(/不允许的字符.*原有名单未改变/);
    }
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('row kinds', () => {
  it('commitment records: 是/否/已修复/未修复 and unrecognised values', async () => {
    const db = freshDb();
    const r = await importList(db, {
      kind: 'commitment',
      name: '承诺不实',
      source: 'c.csv',
      headers: ['企业名称', '统一社会信用代码', '认定日期', '承诺事项', '是否修复'],
      rows: stream(
        records([
          ['甲公司', code(1), '2023-01-01', '食品经营许可', '未修复'],
          ['乙公司', code(2), '2023-01-01', '食品经营许可', '已修复'],
          ['丙公司', code(3), '2023-01-01', '食品经营许可', '是'],
          ['丁公司', code(4), '2023-01-01', '食品经营许可', ''],
          ['戊公司', code(5), '2023-01-01', '食品经营许可', '也许'],
        ]),
      ),
    });
    expect(worded(r.invalid)).toEqual([{ line: 6, errors: ['是否修复“也许”无法识别（应为是/否、已修复/未修复）'] }]);
    const repaired = async (i: number) => (await lookupParty(db, { uscc: code(i), at: '2024-01-01' })).falseCommitments[0]?.repaired;
    expect([await repaired(1), await repaired(2), await repaired(3), await repaired(4)]).toEqual([false, true, true, false]);
  });

  it('risk classes as letters or Chinese, with the data date for rows without a date', async () => {
    const db = freshDb();
    const r = await importList(db, {
      kind: 'risk',
      name: '风险分类',
      source: 'r.csv',
      headers: ['统一社会信用代码', '信用风险分类结果'],
      dataDate: '2024-03-31',
      rows: stream(
        records([
          [code(1), 'B'],
          [code(2), '较高'],
          [code(3), '信用风险低'],
          [code(4), 'E'],
          ['', 'A'],
        ]),
      ),
    });
    expect(r.imported).toBe(3);
    expect(worded(r.invalid).map((x) => x.errors)).toEqual([
      ['风险分类“E”无法识别（应为A/B/C/D或低/一般/较高/高）'],
      ['统一社会信用代码为空'],
    ]);
    const risk = async (i: number) => (await lookupParty(db, { uscc: code(i), at: '2024-04-01' })).risk;
    expect(await risk(2)).toMatchObject({ riskClass: 'C', date: '2024-03-31' });
    expect((await risk(3))?.riskClass).toBe('A');
  });

  it('a risk file without dates needs the data date', async () => {
    const db = freshDb();
    await expect(
      importList(db, { kind: 'risk', name: 'r', source: 'r.csv', headers: ['统一社会信用代码', '风险等级'], rows: stream([]) }),
    ).rejects.toSatisfy((e) => (e as ImportError).code === 'missing-columns' && zhError(e).includes('分类日期'));
  });

  it('penalty history folds decision-number brackets', async () => {
    const db = freshDb();
    await importList(db, {
      kind: 'penalty-history',
      name: '处罚记录',
      source: 'p.csv',
      headers: PENALTY_HEADERS,
      rows: stream(records([['甲公司', code(1), '湘长市监罚[2023] 12 号', '2023/6/1', '否']])),
    });
    const ctx = await lookupParty(db, { uscc: code(1), at: '2024-01-01' });
    expect(ctx.repeatOffender.decisions).toEqual(['湘长市监罚〔2023〕12号']);
  });

  it('the key-domain list in the layout of seed 004: sections from the annex rows', async () => {
    const db = freshDb();
    // The annex as Excel saves it: each section's title sits in the first column of its header row.
    const headers = ['食品 生产 企业', '序号', '企业名称', '统一社会信 用代码', '许可证编号', '备注'];
    const r = await importList(db, {
      kind: 'key-domain',
      name: '重点领域企业清单',
      source: 'annex.csv',
      headers,
      rows: stream(
        records([
          ['', '1', '长沙甲食品有限公司', code(1), 'SC10643010000001', ''],
          ['', '2', '长沙乙食品有限公司', code(2), 'SC10643010000002', '含特殊食品'],
          ['特种 设备 获证 企业', '序号', '企业名称', '统一社会信 用代码', '许可证编号', '备注'],
          ['', '1', '湖南丙特种设备有限公司', code(3), 'TS2243001-2025', ''],
        ]),
      ),
    });
    expect(r).toMatchObject({ imported: 3, invalidCount: 0, skipped: 1 });
    const kd = async (i: number) => (await lookupParty(db, { uscc: code(i), at: '2024-01-01' })).keyDomain;
    expect(await kd(1)).toMatchObject({ sections: ['food-production'], records: [{ licenceNo: 'SC10643010000001', seq: '1' }] });
    expect((await kd(3))?.sections).toEqual(['special-equipment']);
  });

  it('the key-domain list with section title rows or a 类别 column', async () => {
    const db = freshDb();
    const titled = await importList(db, {
      kind: 'key-domain',
      name: 'a',
      source: 'a.csv',
      headers: ['序号', '企业名称', '统一社会信用代码', '许可证编号', '备注'],
      rows: stream(
        records([
          ['一、食品生产企业（含特殊食品生产企业）', '', '', '', ''],
          ['1', '甲公司', code(1), 'SC1', ''],
          ['二、特种设备获证企业', '', '', '', ''],
          ['1', '乙公司', code(2), 'TS1', ''],
        ]),
      ),
    });
    expect(titled).toMatchObject({ imported: 2, skipped: 2 });
    const byColumn = await importList(db, {
      kind: 'key-domain',
      name: 'b',
      source: 'b.csv',
      headers: ['类别', '企业名称', '统一社会信用代码', '许可证编号'],
      rows: stream(
        records([
          ['特种设备', '丙公司', code(3), 'TS2'],
          ['', '丁公司', code(4), 'TS3'],
          ['药品', '戊公司', code(5), ''],
        ]),
      ),
    });
    expect(zhWords(byColumn.invalid[0]!.errors[0]!)).toContain('类别“药品”无法识别');
    const sections = async (i: number) => (await lookupParty(db, { uscc: code(i), at: '2024-01-01' })).keyDomain?.sections;
    expect([await sections(1), await sections(2), await sections(3), await sections(4)]).toEqual([
      ['food-production'],
      ['special-equipment'],
      ['special-equipment'],
      ['special-equipment'],
    ]);
  });
});

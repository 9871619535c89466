import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import zhMessages from '../../../public/_locales/zh_CN/messages.json';
import exportRows from '../../fixtures/demo/data/export-rows.json';
import { matchLabel } from '../../../lib/facts/fields';
import { IoError, writeXlsx, type CsvRecord } from '../../../lib/io';
import { bundledPacks, translatorFromMessages, type MessageEntry, type Translate } from '../../../lib/rules';
import {
  AuditError,
  auditFile,
  auditRecords,
  HEADERS_LOOKED_FOR,
  parseOnly,
  reportCells,
  reportHeader,
  summaryLine,
  type AuditOptions,
  type ListQuery,
  type SeriousListCheck,
  type AuditRow,
  type AuditRun,
} from '../../../lib/rules/audit';
import { EXPORT_HEADER, generateCaseExport } from '../../bench/gen-cases';
import { demoAuditRows } from '../../e2e/demo-audit';

const t = translatorFromMessages(zhMessages as Record<string, MessageEntry>);
const OPTS: AuditOptions = { at: '2025-01-01', packs: bundledPacks, t };
const DEMO = 'tests/fixtures/demo/data';

const NATIONAL = [
  '行政处罚决定书文号',
  '行政相对人名称',
  '违法行为类型',
  '违法的主要事实',
  '行政处罚依据',
  '行政处罚内容',
  '罚款金额（万元）',
  '作出决定的日期',
];
const REVOKED = [
  '沪浦市监处〔2024〕1023号',
  '上海福满园糕点有限公司',
  '未取得食品生产许可从事食品生产',
  '当事人在门店后场生产月饼并对外销售',
  '《中华人民共和国食品安全法》第一百二十二条第一款',
  '没收违法所得8650元，罚款215000元，吊销食品经营许可证',
  '21.5',
  '2024-04-15',
];

function records(rows: readonly (readonly string[])[], firstLine = 1): CsvRecord[] {
  return rows.map((cells, i) => ({ line: firstLine + i, cells: [...cells] }));
}

async function* source<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

async function all(run: AuditRun): Promise<AuditRow[]> {
  const out: AuditRow[] = [];
  for await (const batch of run.rows) out.push(...batch);
  return out;
}

async function audit(rows: readonly (readonly string[])[], opts: Partial<AuditOptions> = {}) {
  const run = await auditRecords(source(records(rows)), { ...OPTS, ...opts });
  return { run, rows: await all(run) };
}

describe('headers of real exports', () => {
  it('reads the national publicity table: 文号, 行政相对人名称, both violation columns, 罚款金额（万元）, 作出决定的日期', async () => {
    const { run, rows } = await audit([NATIONAL, REVOKED]);
    const keyOf = (h: string) => run.header.columns.find((c) => c.header === h);
    expect(keyOf('行政处罚决定书文号')?.key).toBe('decisionNo');
    expect(keyOf('行政相对人名称')?.key).toBe('partyName');
    expect(keyOf('违法行为类型')?.key).toBe('violation');
    expect(keyOf('违法的主要事实')?.key).toBe('violation');
    expect(keyOf('行政处罚依据')?.key).toBe('legalBasis');
    expect(keyOf('行政处罚内容')?.key).toBe('penalty');
    expect(keyOf('罚款金额（万元）')).toMatchObject({ key: 'fineAmount', unit: 'wan' });
    expect(keyOf('作出决定的日期')?.key).toBe('decisionDate');
    expect(run.header.unknown).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      line: 2,
      verdict: 'must-list',
      unlisted: 'yes',
      decisionNo: '沪浦市监处〔2024〕1023号',
      partyName: '上海福满园糕点有限公司',
    });
    expect(rows[0]!.citations).toEqual(['order44-2021/art2/2', 'order44-2021/art5/1']);
  });

  it('reads 被处罚单位名称 as the party and 处罚决定书签发日期 as the decision date', async () => {
    const header = ['处罚决定书文号', '被处罚单位名称', '违法事实', '处罚依据', '处罚种类', '处罚决定书签发日期'];
    const { rows } = await audit([header, [REVOKED[0]!, '某某食品厂', REVOKED[2]!, REVOKED[4]!, REVOKED[5]!, '2020-05-01']]);
    expect(rows[0]).toMatchObject({ partyName: '某某食品厂', verdict: 'not-required' });
    expect(rows[0]!.citations).toEqual(['order44-2021/effective-from']);
  });

  it('matches a violation named only in 违法行为类型 (the two violation columns are read together)', async () => {
    const row = [...REVOKED];
    row[3] = '经查，当事人存在违法行为。';
    const { rows } = await audit([NATIONAL, row]);
    expect(rows[0]!.verdict).toBe('must-list');
    row[2] = '其他';
    row[4] = '依据有关规定';
    const { rows: unmatched } = await audit([NATIONAL, row]);
    expect(unmatched[0]!.verdict).toBe('review');
  });

  it('skips title and note rows above the header', async () => {
    const { run, rows } = await audit([['上海市市场监督管理局行政处罚信息公示表'], ['导出时间：2025-01-02', ''], NATIONAL, REVOKED]);
    expect(run.header.line).toBe(3);
    expect(rows.map((r) => r.line)).toEqual([4]);
  });

  it('names the headers it looked for when none is recognised', async () => {
    const err = await auditRecords(
      source(
        records([
          ['姓名', '年龄'],
          ['张三', '30'],
        ]),
      ),
      OPTS,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuditError);
    expect((err as Error).message).toContain('行政处罚内容');
    expect((err as Error).message).toContain('被处罚单位名称');
    await expect(auditRecords(source([] as CsvRecord[]), OPTS)).rejects.toBeInstanceOf(IoError);
  });

  it('every header named in that message is one the lexicon maps to its key', () => {
    for (const [key, labels] of HEADERS_LOOKED_FOR) for (const l of labels) expect(matchLabel(l)?.key, l).toBe(key);
  });
});

describe('rows that cannot be read', () => {
  it('keeps a row with more cells than the header as insufficient with its error, and goes on', async () => {
    const shifted = [...REVOKED.slice(0, 3), '违法事实', '含逗号', ...REVOKED.slice(4)];
    const { run, rows } = await audit([NATIONAL, shifted, REVOKED]);
    expect(rows.map((r) => [r.line, r.verdict])).toEqual([
      [2, 'insufficient'],
      [3, 'must-list'],
    ]);
    expect(rows[0]!.error).toMatch(/本行有 9 列，多于表头的 8 列/);
    expect(rows[0]!.reasons).toEqual([rows[0]!.error]);
    expect(rows[0]!.cells).toHaveLength(8);
    expect(rows[0]!.decisionNo).toBe(REVOKED[0]);
    expect(run.summary).toMatchObject({ total: 2, counts: { insufficient: 1, 'must-list': 1 } });
  });

  it('ignores cells beside the table in a spreadsheet', async () => {
    const xlsx = writeXlsx({ sheets: [{ name: '案件', rows: [NATIONAL, [...REVOKED, '', '备注：已复核']] }] });
    const rows = await all(await auditFile({ name: 'cases.xlsx', source: xlsx }, OPTS));
    expect(rows.map((r) => [r.verdict, r.cells.length])).toEqual([['must-list', NATIONAL.length]]);
    const strict = await all(await auditFile({ name: 'cases.xlsx', source: xlsx }, { ...OPTS, extraCells: 'error' }));
    expect(strict[0]!.verdict).toBe('insufficient');
  });

  it('pads short rows and ignores empty trailing cells', async () => {
    const { rows } = await audit([NATIONAL, [...REVOKED, '', ''], REVOKED.slice(0, 6)]);
    expect(rows.map((r) => r.verdict)).toEqual(['must-list', 'must-list']);
    expect(rows.every((r) => r.cells.length === NATIONAL.length && r.error === undefined)).toBe(true);
    expect(rows[1]!.cells.slice(6)).toEqual(['', '']);
  });

  it('keeps a row whose audit throws as insufficient with the error as its reason', async () => {
    const failing: Translate = (key, subs) => {
      if (key === 'engine_reason_penalty_unreadable') throw new Error('词条损坏');
      return t(key, subs);
    };
    const empty = [...REVOKED];
    empty[5] = '';
    const { rows } = await audit([NATIONAL, REVOKED, empty, REVOKED], { t: failing });
    expect(rows.map((r) => r.verdict)).toEqual(['must-list', 'insufficient', 'must-list']);
    expect(rows[1]!.error).toBe('本行无法审查：词条损坏');
  });

  it('does not count blank rows', async () => {
    const { run, rows } = await audit([NATIONAL, REVOKED, ['', '', ''], NATIONAL.map(() => ' '), REVOKED]);
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
    expect(run.summary.total).toBe(2);
  });

  it('a penalty that cannot be read is insufficient, with the engine reason', async () => {
    const row = [...REVOKED];
    row[5] = '详见决定书';
    row[6] = '';
    const { rows } = await audit([NATIONAL, row]);
    expect(rows[0]).toMatchObject({ verdict: 'insufficient', unlisted: 'no', citations: ['order44-2021/art2/0'] });
    expect(rows[0]!.error).toBeUndefined();
  });
});

describe('--at: the date for rows without a decision date', () => {
  // No date, and a decision number without its year: nothing but `at` dates the row.
  const undated = [...REVOKED];
  undated[0] = '沪浦市监处1023号';
  undated[7] = '';

  it('chooses the pack in force at `at` and says so in the reasons', async () => {
    const before = await audit([NATIONAL, undated], { at: '2021-08-31' });
    expect(before.rows[0]!.verdict).toBe('not-required');
    expect(before.rows[0]!.reasons.join()).toContain('2021-08-31');
    const after = await audit([NATIONAL, undated], { at: '2021-09-01' });
    expect(after.rows[0]!.verdict).toBe('must-list');
    expect(after.rows[0]!.reasons).toContain('本行没有可识别的决定日期，按 2021-09-01 确定适用的规则');
  });

  it('does not touch rows that have a decision date', async () => {
    const { rows } = await audit([NATIONAL, REVOKED], { at: '2013-01-01' });
    expect(rows[0]!.verdict).toBe('must-list');
    expect(rows[0]!.reasons.join()).not.toContain('2013-01-01');
  });

  it('uses the year of the decision number before `at` when the date is missing', async () => {
    const numbered = [...REVOKED];
    numbered[7] = '';
    const { rows } = await audit([NATIONAL, numbered], { at: '2021-08-31' });
    expect(rows[0]!.verdict).toBe('must-list');
    expect(rows[0]!.reasons.join()).not.toContain('2021-08-31');
    const old = [...numbered];
    old[0] = '沪浦工商处〔2016〕1023号';
    expect((await audit([NATIONAL, old], { at: '2025-01-01' })).rows[0]).toMatchObject({ verdict: 'not-required', unlisted: 'no' });
  });

  it('uses `at` for a date it cannot read, and reports the unreadable date', async () => {
    const bad = [...REVOKED];
    bad[0] = '沪浦市监处1023号';
    bad[7] = '待定';
    const { rows } = await audit([NATIONAL, bad], { at: '2020-01-01' });
    expect(rows[0]!.verdict).toBe('not-required');
    expect(rows[0]!.reasons.join()).toContain('待定');
  });
});

describe('应列未列 in an export', () => {
  it('a row with neither decision number nor date is a draft in a table that has those columns', async () => {
    const draft = [...REVOKED];
    draft[0] = '';
    draft[7] = '';
    const { rows } = await audit([NATIONAL, draft]);
    expect(rows[0]).toMatchObject({ verdict: 'must-list', unlisted: 'no' });
  });

  it('a table without decision-number and date columns is taken as a list of decided cases', async () => {
    const header = ['当事人', '违法事实', '处罚依据', '处罚内容'];
    const { run, rows } = await audit([header, [REVOKED[1]!, REVOKED[2]!, REVOKED[4]!, REVOKED[5]!]], { at: '2024-06-01' });
    expect(run.header.allDecided).toBe(true);
    expect(rows[0]).toMatchObject({ verdict: 'must-list', unlisted: 'yes' });
  });

  it('a listed case is not 应列未列', async () => {
    const { rows } = await audit([
      [...NATIONAL, '是否列入严重违法失信名单'],
      [...REVOKED, '是'],
    ]);
    expect(rows[0]).toMatchObject({ verdict: 'must-list', unlisted: 'no' });
  });
});

describe('the demo case export', () => {
  const expected = demoAuditRows();

  for (const file of ['cases-export.csv', 'cases-export-gbk.csv']) {
    it(`${file}: every row as export-rows.json expects`, async () => {
      const bytes = new Uint8Array(readFileSync(`${DEMO}/${file}`));
      const run = await auditFile({ name: file, source: bytes }, OPTS);
      const rows = await all(run);
      expect(run.header.cells).toEqual([...EXPORT_HEADER]);
      expect(rows.map((r) => ({ verdict: r.verdict, unlisted: r.unlisted }))).toEqual(
        expected.map((e) => ({ verdict: e.verdict, unlisted: e.unlisted })),
      );
      expect(rows.map((r) => r.decisionNo)).toEqual(exportRows.map((r) => r.decisionNo));
      const s = run.summary;
      expect(s.total).toBe(30);
      const count = (v: string) => expected.filter((e) => e.verdict === v).length;
      expect(summaryLine(s)).toBe(
        `audited 30 cases: must-list ${count('must-list')}, review ${count('review')}, not-required ${count('not-required')}, insufficient ${count('insufficient')}`,
      );
      expect(s.unlisted).toEqual({
        yes: expected.filter((e) => e.unlisted === 'yes').length,
        possible: expected.filter((e) => e.unlisted === 'possible').length,
      });
    });
  }

  it('the multi-line cell keeps its physical line numbers', async () => {
    const bytes = new Uint8Array(readFileSync(`${DEMO}/cases-export.csv`));
    const rows = await all(await auditFile({ name: 'x.csv', source: bytes }, OPTS));
    const i = exportRows.findIndex((r) => r.facts.includes('\n'));
    expect(i).toBeGreaterThan(0);
    expect(rows[i + 1]!.line).toBeGreaterThan(rows[i]!.line + 1);
  });

  it('an XLSX export gives the same verdicts as the CSV', async () => {
    const bytes = new Uint8Array(readFileSync(`${DEMO}/cases-export.csv`));
    const csvRows = await all(await auditFile({ name: 'x.csv', source: bytes }, OPTS));
    const xlsx = writeXlsx({
      sheets: [{ name: '案件', rows: [[...EXPORT_HEADER], ...csvRows.map((r) => r.cells)] }],
    });
    const xRows = await all(await auditFile({ name: 'cases.xlsx', source: xlsx }, OPTS));
    expect(xRows.map((r) => [r.verdict, r.unlisted, r.citations])).toEqual(csvRows.map((r) => [r.verdict, r.unlisted, r.citations]));
  });
});

describe('report and summary', () => {
  it('the report row is the input cells, then line, verdict, unlisted, reasons and citations joined with ；', async () => {
    const { run, rows } = await audit([NATIONAL, REVOKED]);
    expect(reportHeader(run.header)).toEqual([...NATIONAL, 'line', 'verdict', 'unlisted', 'reasons', 'citations']);
    const cells = reportCells(rows[0]!);
    expect(cells.slice(0, NATIONAL.length)).toEqual(REVOKED);
    expect(cells.slice(NATIONAL.length, NATIONAL.length + 3)).toEqual([2, 'must-list', 'yes']);
    expect(cells.at(-1)).toBe('order44-2021/art2/2；order44-2021/art5/1');
    expect(String(cells.at(-2))).toMatch(/^第2条第2项 .*（已核实）；第5条第1项 .*（已核实）$/);
  });

  it('summaryLine follows the contract', async () => {
    const { run } = await audit([NATIONAL, REVOKED, [...REVOKED.slice(0, 5), '警告', '', '2024-01-02']]);
    expect(summaryLine(run.summary)).toBe('audited 2 cases: must-list 1, review 0, not-required 1, insufficient 0');
  });
});

describe('sources and cancelling', () => {
  it('takes records one by one or in batches, with the same result', async () => {
    const recs = records([NATIONAL, REVOKED, REVOKED, REVOKED]);
    const one = await all(await auditRecords(source(recs), OPTS));
    const batched = await all(await auditRecords(source([recs.slice(0, 2), recs.slice(2)]), OPTS));
    expect(batched).toEqual(one);
    expect(one).toHaveLength(3);
  });

  it('reports progress and stops with IoError aborted when the signal fires', async () => {
    const file = { name: 'gen.csv', source: generateCaseExport(3000) };
    const seen: number[] = [];
    const run = await auditFile(file, { ...OPTS, onProgress: (n) => seen.push(n) });
    let total = 0;
    for await (const b of run.rows) total += b.length;
    expect(total).toBe(3000);
    expect(seen.at(-1)).toBe(3000);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(await parseOnly(file)).toBe(3001);

    const ctl = new AbortController();
    const cancelled = await auditFile(file, { ...OPTS, signal: ctl.signal });
    const consume = async () => {
      for await (const b of cancelled.rows) if (b.length) ctl.abort();
    };
    await expect(consume()).rejects.toMatchObject({ code: 'aborted' });
  });

  it('audits every generated bench row (none unreadable)', async () => {
    const rows = await all(await auditFile({ name: 'gen.csv', source: generateCaseExport(500, 7) }, OPTS));
    expect(rows).toHaveLength(500);
    expect(rows.some((r) => r.error !== undefined)).toBe(false);
    expect(new Set(rows.map((r) => r.verdict))).toEqual(new Set(['must-list', 'review', 'not-required', 'insufficient']));
  });
});

describe('the imported serious lists (应列未列 as in the overlay)', () => {
  it('asks only about the rows it would flag, with their party and date, and clears those on a list', async () => {
    const asked: ListQuery[] = [];
    const seriousList: SeriousListCheck = async (queries) => {
      asked.push(...queries);
      return queries.map((q) => (q.name === '上海福满园糕点有限公司' ? { listName: '市局名单', listingDate: '2024-04-15' } : null));
    };
    const other = [...REVOKED];
    other[1] = '上海某某食品有限公司';
    const warning = [...REVOKED];
    warning[5] = '警告';
    warning[6] = '';
    const { run, rows } = await audit([NATIONAL, REVOKED, other, warning], { seriousList });
    expect(asked).toEqual([
      { uscc: null, name: '上海福满园糕点有限公司', at: '2024-04-15' },
      { uscc: null, name: '上海某某食品有限公司', at: '2024-04-15' },
    ]);
    expect(rows.map((r) => [r.verdict, r.unlisted])).toEqual([
      ['must-list', 'no'],
      ['must-list', 'yes'],
      ['not-required', 'no'],
    ]);
    expect(rows[0]!.reasons.at(-1)).toBe('当事人已在导入的严重违法失信名单“市局名单”中（列入日期 2024-04-15），不计为应列未列');
    expect(run.summary.unlisted).toEqual({ yes: 1, possible: 0 });
  });
});

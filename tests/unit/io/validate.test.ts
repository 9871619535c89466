import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { validateRows, type CsvRecord } from '../../../lib/io';
import { collect } from './helpers';
import type { RowResult } from '../../../lib/io/validate';
import { zhWords } from '../words';

/** A result with its problems worded in Chinese, as the interface shows them. */
const worded = <T>(r: RowResult<T> | undefined) => (r && !r.ok ? { ...r, errors: r.errors.map(zhWords) } : r);

async function* records(...rows: Array<[number, string[]]>): AsyncGenerator<CsvRecord> {
  for (const [line, cells] of rows) yield { line, cells };
}

const schema = z.object({
  partyName: z.string(),
  uscc: z
    .string()
    .regex(/^[0-9A-Z]{18}$/, '不是有效的统一社会信用代码')
    .optional(),
  listedOn: z.iso.date(),
  count: z.coerce.number().int().min(0).optional(),
  kind: z.enum(['食品', '特种设备']).optional(),
});
const headers = ['企业名称', '统一社会信用代码', '列入日期', '件数', '类别'];
const mapping = ['partyName', 'uscc', 'listedOn', 'count', 'kind'];

describe('validateRows', () => {
  it('turns mapped, trimmed cells into values', async () => {
    const out = await collect(
      validateRows(records([2, [' 甲公司 ', '91350100M000100Y43', '2023-07-14', '3', '食品']]), mapping, schema, { headers }),
    );
    expect(out).toEqual([
      { ok: true, line: 2, value: { partyName: '甲公司', uscc: '91350100M000100Y43', listedOn: '2023-07-14', count: 3, kind: '食品' } },
    ]);
  });

  it('treats empty cells as absent, so optional columns may be left blank', async () => {
    const [r] = await collect(validateRows(records([5, ['乙', '', '2023-07-14', '  ']]), mapping, schema, { headers }));
    expect(r).toEqual({ ok: true, line: 5, value: { partyName: '乙', listedOn: '2023-07-14' } });
  });

  it('explains failures in Chinese with the line and the column header', async () => {
    const [r] = await collect(validateRows(records([12, ['', 'bad', '2023-02-30', '-1', '其他']]), mapping, schema, { headers }));
    expect(worded(r)).toEqual({
      ok: false,
      line: 12,
      errors: [
        '第 12 行：‘企业名称’不能为空',
        '第 12 行：‘统一社会信用代码’不是有效的统一社会信用代码',
        '第 12 行：‘列入日期’不是有效日期',
        '第 12 行：‘件数’不能小于 0',
        '第 12 行：‘类别’应为“食品”、“特种设备”之一',
      ],
    });
  });

  it('names the key when no headers are given, and says so for numbers', async () => {
    const [r] = await collect(validateRows(records([3, ['甲', '', '2023-07-14', 'x']]), mapping, schema));
    expect(worded(r)).toMatchObject({ ok: false, errors: ['第 3 行：‘count’不是有效数字'] });
  });

  it('skips rows whose mapped cells are all blank, and keeps going after bad rows', async () => {
    const out = await collect(
      validateRows(
        records([2, ['', '', '', '', '']], [3, ['甲', '', 'x']], [4, [' ', '']], [5, ['乙', '', '2024-01-01']]),
        mapping,
        schema,
        { headers },
      ),
    );
    expect(out.map((r) => [r.line, r.ok])).toEqual([
      [3, false],
      [5, true],
    ]);
  });

  it('ignores unmapped columns', async () => {
    const [r] = await collect(validateRows(records([2, ['1', '甲', '2023-07-14']]), [null, 'partyName', 'listedOn'], schema));
    expect(r).toEqual({ ok: true, line: 2, value: { partyName: '甲', listedOn: '2023-07-14' } });
  });

  it('reports row-level refinements without a column', async () => {
    const ranged = z.object({ from: z.iso.date(), to: z.iso.date() }).refine((v) => v.from <= v.to, '开始日期晚于结束日期');
    const [r] = await collect(validateRows(records([7, ['2024-02-01', '2024-01-01']]), ['from', 'to'], ranged));
    expect(worded(r)).toEqual({ ok: false, line: 7, errors: ['第 7 行：开始日期晚于结束日期'] });
  });
});

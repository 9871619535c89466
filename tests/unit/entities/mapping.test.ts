import { describe, expect, it } from 'vitest';
import { ROW_SCHEMAS, detectMapping, locateHeader, parseRiskClass, parseSection, parseYesNo } from '../../../lib/entities';
import { ChunkBuffer, chunkEntries, findEntries, unpackRow } from '../../../lib/entities/layout';
import { rowProblem } from '../../../lib/entities/kinds';
import { enWords, zhWords } from '../words';

describe('header synonyms', () => {
  it('maps the usual serious-list headers, including bracketed and spaced variants', () => {
    const d = detectMapping('serious', [
      '序号',
      '市场主体名称',
      '统一社会信用代码（注册号）',
      '列入严重违法失信名单日期',
      '列入严重违法失信名单事由',
      '作出决定的机关名称',
      '移出日期',
    ]);
    expect(d.mapping).toEqual({ name: 1, code: 2, listingDate: 3, reason: 4, authority: 5, removalDate: 6 });
    expect(d.missing).toEqual([]);
    expect(d.ignored).toEqual([0]);
  });

  it('maps penalty-history headers of a publicity table', () => {
    const d = detectMapping('penalty-history', [
      '被处罚单位名称',
      '统一社会信用代码',
      '行政处罚决定书文号',
      '作出决定的日期',
      '信用修复情况',
    ]);
    expect(d.mapping).toEqual({ name: 0, code: 1, decisionNo: 2, date: 3, creditRepaired: 4 });
  });

  it('maps commitment and risk headers', () => {
    expect(detectMapping('commitment', ['企业名称', '信用代码', '发现日期', '承诺事项', '是否已修复']).mapping).toEqual({
      name: 0,
      code: 1,
      date: 2,
      matter: 3,
      repaired: 4,
    });
    expect(detectMapping('risk', [' 统一社会信用代码 ', '企业名称', '信用风险分类结果', '分类时间']).mapping).toEqual({
      code: 0,
      name: 1,
      riskClass: 2,
      date: 3,
    });
  });

  it('matches a header that contains a synonym, preferring the longest', () => {
    const d = detectMapping('serious', ['当事人名称（全称）', '统一社会信用代码/注册号', '列入日期（年月日）', '作出列入决定的机关名称']);
    expect(d.mapping).toEqual({ name: 0, code: 1, listingDate: 2, authority: 3 });
  });

  it('lists the required columns that are missing, in Chinese', () => {
    const missing = (...args: Parameters<typeof detectMapping>) => detectMapping(...args).missing.map(zhWords);
    expect(missing('serious', ['名称', '备注'])).toEqual(['列入日期']);
    expect(missing('penalty-history', ['日期'])).toEqual(['企业名称或统一社会信用代码', '行政处罚决定书文号']);
    expect(missing('risk', ['统一社会信用代码', '风险等级'])).toEqual(['分类日期']);
    expect(detectMapping('penalty-history', ['日期']).missing.map(enWords)).toEqual([
      'Company name or Unified social credit code',
      'Penalty decision number',
    ]);
    expect(detectMapping('risk', ['统一社会信用代码', '风险等级'], { dataDate: '2024-01-31' }).missing).toEqual([]);
  });

  it('finds the header row below title rows', () => {
    const found = locateHeader('key-domain', [
      { line: 1, cells: ['附件'] },
      { line: 2, cells: ['湖南省市场监管重点领域企业清单'] },
      { line: 3, cells: ['食品生产企业', '序号', '企业名称', '统一社会信用代码', '许可证编号', '备注'] },
    ]);
    expect(found).toMatchObject({ index: 2, line: 3, detected: { mapping: { seq: 1, name: 2, code: 3, licenceNo: 4, note: 5 } } });
    expect(locateHeader('serious', [{ line: 1, cells: ['a', 'b'] }])).toBeNull();
  });
});

describe('cell parsers', () => {
  it('reads yes/no answers', () => {
    expect(['是', '已修复', 'Y', '１', '否', '未修复', '', ' 否 ', '不确定'].map(parseYesNo)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      null,
    ]);
  });

  it('reads risk classes', () => {
    expect(['a', 'Ｂ类', '信用风险较高', '高风险', '较低', '一般', 'E', ''].map(parseRiskClass)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'A',
      'B',
      null,
      null,
    ]);
  });

  it('reads key-domain section titles, not company names', () => {
    expect(
      [
        '食品 生产 企业',
        '一、食品生产企业（含特殊食品生产企业）',
        '特种 设备 获证 企业',
        '特种设备',
        '湖南特种设备检测有限公司',
        '药品',
      ].map(parseSection),
    ).toEqual(['food-production', 'food-production', 'special-equipment', 'special-equipment', null, null]);
  });

  it('row schemas accept Chinese dates and collapse whitespace', () => {
    const r = ROW_SCHEMAS.serious.safeParse({
      name: ' 甲  公司 ',
      code: ' 91430100 ',
      listingDate: '2023年7月14日',
      reason: '',
      authority: '',
      removalDate: '',
    });
    expect(r.success && r.data).toEqual({
      name: '甲 公司',
      code: '91430100',
      listingDate: '2023-07-14',
      reason: '',
      authority: '',
      removalDate: null,
    });
    const bad = ROW_SCHEMAS.serious.safeParse({
      name: '甲',
      code: '',
      listingDate: '2023-05-01',
      reason: '',
      authority: '',
      removalDate: '2023-04-30',
    });
    expect(bad.success ? [] : bad.error.issues.map((i) => zhWords(rowProblem(i)))).toEqual(['移出日期早于列入日期']);
  });
});

describe('chunk layout', () => {
  it('round-trips rows through a chunk, line breaks in cells becoming spaces', () => {
    const buf = new ChunkBuffer(8);
    const data = { name: '甲\n公司', listingDate: '2023-01-01', reason: '原因\t一', authority: '', removalDate: null };
    buf.begin('c', 'X1');
    buf.row('serious', 7, true, data);
    buf.end();
    buf.begin('n', '甲公司');
    buf.ref('X1');
    buf.end();
    buf.begin('c', 'X12');
    buf.row('serious', 8, false, { ...data, removalDate: '2024-01-01' });
    buf.end();
    const chunks = buf.drain('L', 0, 1);
    expect(chunks).toHaveLength(1);
    const text = chunks[0]!.text;
    expect([...chunkEntries(text)].map((e) => e.key)).toEqual(['cX1', 'n甲公司', 'cX12']);
    expect(findEntries(text, 'cX1')).toHaveLength(1);
    expect(findEntries(text, 'n甲公司')).toEqual(['=X1']);
    expect(unpackRow('serious', 'cX1', findEntries(text, 'cX1')[0]!)).toEqual({
      kind: 'serious',
      line: 7,
      name: '甲 公司',
      code: 'X1',
      codeOk: true,
      listingDate: '2023-01-01',
      reason: '原因 一',
      authority: '',
      removalDate: null,
    });
    expect(buf.size).toBe(0);
  });

  it('spreads entries over buckets without losing any', () => {
    const buf = new ChunkBuffer();
    for (let i = 0; i < 500; i++) {
      buf.begin('c', `K${i}`);
      buf.text(`v${i}`);
      buf.end();
    }
    const chunks = buf.drain('L', 3, 16);
    expect(chunks.length).toBeGreaterThan(8);
    expect(chunks.every((c) => c.chunk === 3 && c.bucket < 16)).toBe(true);
    const all = chunks.flatMap((c) => [...chunkEntries(c.text)]);
    expect(all).toHaveLength(500);
    expect(new Set(all.map((e) => e.key)).size).toBe(500);
  });
});

import { describe, expect, it } from 'vitest';
import { findHeader, matchHeaders, normalizeHeader, readCsv, type CsvRecord } from '../../../lib/io';
import { collect, failure, utf8 } from './helpers';

const synonyms = {
  partyName: ['企业名称', '当事人名称', '被处罚单位名称', '行政相对人名称', '名称'],
  uscc: ['统一社会信用代码', '社会信用代码', '信用代码', 'USCC'],
  listedOn: ['列入日期', '列入时间'],
  authority: ['作出决定机关', '作出决定的机关名称', '机关名称'],
  fineWan: ['罚款金额（万元）'],
  fine: ['罚款金额'],
};

describe('normalizeHeader', () => {
  it('folds width, drops spaces, brackets, stars, colons and BOM, lower-cases Latin', () => {
    expect(normalizeHeader('\uFEFF* 企业 名称（全称）：')).toBe('企业名称全称');
    expect(normalizeHeader('ＵＳＣＣ')).toBe('uscc');
    expect(normalizeHeader('〔统一社会信用代码〕\u3000')).toBe('统一社会信用代码');
  });
});

describe('matchHeaders', () => {
  it('maps columns by synonyms, whatever the width, spacing or decoration', () => {
    const { mapping, missing } = matchHeaders(['序号', ' 企业名称 *', '统一社会信用代码（注册号）', 'uscc备注', '列入日期'], synonyms, {
      required: ['partyName', 'uscc', 'listedOn'],
    });
    expect(mapping).toEqual([null, 'partyName', 'uscc', null, 'listedOn']);
    expect(missing).toEqual([]);
  });

  it('prefers an exact match to a header that only contains a synonym', () => {
    const { mapping } = matchHeaders(['统一社会信用代码（注册号）', '信用代码'], synonyms);
    expect(mapping).toEqual([null, 'uscc']);
    expect(matchHeaders(['罚款金额（万元）', '罚款金额'], synonyms).mapping).toEqual(['fineWan', 'fine']);
    expect(matchHeaders(['罚款金额（万元）'], synonyms).mapping).toEqual(['fineWan']);
  });

  it('prefers the longer synonym among contained ones', () => {
    // '作出决定的机关名称' contains both 名称 (partyName) and 机关名称 (authority): it is the authority.
    const { mapping } = matchHeaders(['作出决定的机关名称（盖章）', '当事人'], synonyms);
    expect(mapping).toEqual(['authority', null]);
  });

  it('uses each key once and reports required keys it could not find', () => {
    const { mapping, missing } = matchHeaders(['企业名称', '企业名称', '备注'], synonyms, { required: ['partyName', 'uscc'] });
    expect(mapping).toEqual(['partyName', null, null]);
    expect(missing).toEqual(['uscc']);
  });

  it('accepts the key itself as a header', () => {
    expect(matchHeaders(['partyName', 'USCC'], synonyms).mapping).toEqual(['partyName', 'uscc']);
  });
});

describe('findHeader', () => {
  const file =
    '湖南省市场监管重点领域企业清单\r\n（食品生产企业）\r\n序号,企业名称,统一社会信用代码,列入日期\r\n1,甲公司,91350100M000100Y43,2023-01-01\r\n2,乙公司,,\r\n';

  it('finds the header below a title and hands on the rows after it', async () => {
    const found = await findHeader(readCsv(utf8(file)), synonyms, { required: ['partyName', 'uscc'] });
    expect(found.header.line).toBe(3);
    expect(found.mapping).toEqual([null, 'partyName', 'uscc', 'listedOn']);
    expect(found.missing).toEqual([]);
    const rows: CsvRecord[] = await collect(found.rows);
    expect(rows.map((r) => r.line)).toEqual([4, 5]);
  });

  it('falls back to the first record, with what is missing, when nothing matches', async () => {
    const found = await findHeader(readCsv(utf8('a,b\r\n1,2\r\n')), synonyms, { required: ['partyName'] });
    expect(found.header.cells).toEqual(['a', 'b']);
    expect(found.missing).toEqual(['partyName']);
    expect((await collect(found.rows)).map((r) => r.cells)).toEqual([['1', '2']]);
  });

  it('says empty when there is no record at all', async () => {
    async function* none(): AsyncGenerator<CsvRecord> {}
    expect((await failure(() => findHeader(none(), synonyms))).code).toBe('empty');
  });
});

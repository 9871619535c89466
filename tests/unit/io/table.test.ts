import { describe, expect, it } from 'vitest';
import { zhError } from '../words';
import { readTable, tableKind, writeCsv, writeXlsx } from '../../../lib/io';
import { cellsOf, chunked, collect, concat, failure, hex, utf8 } from './helpers';

const rows = [
  ['企业名称', '统一社会信用代码'],
  ['甲公司', '91350100M000100Y43'],
];

describe('readTable', () => {
  it('reads XLSX by its magic bytes, whatever the name, from a File or a stream', async () => {
    const xlsx = writeXlsx({ sheets: [{ name: '名单', rows }] });
    expect(cellsOf(await collect(readTable(new File([xlsx], 'list.xlsx'))))).toEqual(rows);
    expect(cellsOf(await collect(readTable(new File([xlsx], 'misnamed.csv'))))).toEqual(rows);
    expect(cellsOf(await collect(readTable({ name: 'x.xlsx', source: chunked(xlsx, 1000) })))).toEqual(rows);
  });

  it('reads CSV otherwise, including a tab-separated export named .xls', async () => {
    const csv = writeCsv(rows);
    expect(cellsOf(await collect(readTable(new File([csv], 'list.csv'))))).toEqual(rows);
    const tsv = utf8('企业名称\t统一社会信用代码\r\n甲公司\t91350100M000100Y43\r\n');
    expect(cellsOf(await collect(readTable({ name: '导出.xls', source: chunked(tsv, 7) })))).toEqual(rows);
  });

  it('rejects legacy .xls, web pages posing as Excel, and a .xlsx that is not a zip', async () => {
    const ole = concat(hex('D0 CF 11 E0 A1 B1 1A E1'), new Uint8Array(600));
    const old = await failure(() => collect(readTable(new File([ole], 'old.xls'))));
    expect(old).toMatchObject({ code: 'unsupported' });
    expect(zhError(old)).toBe('暂不支持 .xls 旧格式（或设置了密码的 Excel 文件），请另存为 .xlsx 或 CSV');
    const html = utf8('<html><body><table><tr><td>a</td></tr></table></body></html>');
    expect((await failure(() => collect(readTable(new File([html], 'export.xls'))))).code).toBe('unsupported');
    expect((await failure(() => collect(readTable(new File([utf8('a,b')], 'x.xlsx'))))).code).toBe('xlsx-invalid');
  });

  it('calls an empty file empty, whatever its name', async () => {
    expect((await failure(() => collect(readTable(new File([], 'x.xlsx'))))).code).toBe('empty');
    expect((await failure(() => collect(readTable({ name: 'x.csv', source: chunked(new Uint8Array(0), 1) })))).code).toBe('empty');
  });

  it('releases a stream it refuses', async () => {
    let cancelled = false;
    const ole = concat(hex('D0 CF 11 E0 A1 B1 1A E1'), new Uint8Array(600));
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => c.enqueue(ole),
      cancel: () => {
        cancelled = true;
      },
    });
    expect((await failure(() => collect(readTable({ name: 'a.xls', source: stream })))).code).toBe('unsupported');
    expect(cancelled).toBe(true);
  });

  it('tells kinds apart from the first bytes', () => {
    expect(tableKind(hex('50 4B 03 04'), 'a.csv')).toBe('xlsx');
    expect(tableKind(utf8('a,b'), 'a.txt')).toBe('csv');
  });
});

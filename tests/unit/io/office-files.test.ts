// Files that office software wrote (tests/fixtures/office-files, see its README for where each came from),
// read by lib/io. Expected values come from outside our code: the values typed into the LibreOffice sources,
// the lists in the producers' own tests, or Excel's own rendering stored beside them.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../lib/db';
import { importList, locateHeader } from '../../../lib/entities';
import { emptyStats, readCsv, readTable, readTableBatches, readXlsx, readXlsxMerges, type CsvRecord } from '../../../lib/io';
import { collect } from './helpers';

const DIR = 'tests/fixtures/office-files';
const file = (name: string): Uint8Array => new Uint8Array(readFileSync(`${DIR}/${name}`));
const rows = async (name: string): Promise<CsvRecord[]> => collect(readTable({ name, source: file(name) }));

/** The sheet typed into sources/list.fods, as lib/io reads any spreadsheet of it. */
const LIST = [
  { line: 1, cells: ['严重违法失信名单（第一批）'] },
  { line: 2, cells: ['序号', '企业名称', '统一社会信用代码', '列入日期', '列入原因', '作出决定机关'] },
  {
    line: 3,
    cells: [
      '1',
      '上海甲食品有限公司',
      '91310000MA1FL0000X',
      '2024-03-01',
      '未取得许可从事食品生产，\n受到吊销许可证件的较重行政处罚',
      '上海市某区市场监督管理局',
    ],
  },
  { line: 4, cells: ['2', '上海乙贸易有限公司（浦东分公司）', '91310115MA1H7GXX3B', '1999-12-31', '含"引号"、逗号,和 <尖括号> 的原因'] },
  { line: 5, cells: ['3', '=上海丙有限公司', '', '2026-02-28 09:30', '215000.5', '上海市市场监督管理局'] },
];

describe('written by LibreOffice 7.4', () => {
  it('XLSX with shared strings, a merged title and dates in the 1900 system', async () => {
    expect(await rows('libreoffice-list-1900.xlsx')).toEqual(LIST);
    expect(await readXlsxMerges(file('libreoffice-list-1900.xlsx'))).toEqual(['A1:F1']);
  });

  it('the same sheet in the 1904 date system reads the same dates', async () => {
    expect(await rows('libreoffice-list-1904.xlsx')).toEqual(LIST);
  });

  it('CSV in GB18030, dates as shown, a line break inside a quoted cell', async () => {
    const stats = emptyStats('csv');
    const records = await collect(readCsv(file('libreoffice-list-gb18030.csv'), { stats }));
    expect(records).toEqual([
      { line: 1, cells: ['严重违法失信名单（第一批）', '', '', '', '', ''] },
      LIST[1],
      {
        line: 3,
        cells: [
          '1',
          '上海甲食品有限公司',
          '91310000MA1FL0000X',
          '2024年3月1日',
          '未取得许可从事食品生产，\n受到吊销许可证件的较重行政处罚',
          '上海市某区市场监督管理局',
        ],
      },
      {
        line: 5,
        cells: ['2', '上海乙贸易有限公司（浦东分公司）', '91310115MA1H7GXX3B', '1999年12月31日', '含"引号"、逗号,和 <尖括号> 的原因', ''],
      },
      { line: 6, cells: ['3', '=上海丙有限公司', '', '2026-02-28 09:30', '215000.5', '上海市市场监督管理局'] },
    ]);
    expect(stats).toMatchObject({ encoding: 'gb18030', lines: 6, readerLines: 6, records: 5, breaksInCells: 1 });
  });

  it('imports as a serious list from both formats: the title row skipped, Chinese dates read', async () => {
    for (const name of ['libreoffice-list-1900.xlsx', 'libreoffice-list-gb18030.csv']) {
      const head = (await rows(name)).slice(0, 5);
      const found = locateHeader('serious', head)!;
      expect(found.line).toBe(2);
      const stats = emptyStats('csv');
      const db = openDb(`office-${name}-${Math.random()}`);
      const r = await importList(db, {
        kind: 'serious',
        name: '严重违法失信名单 2026-12-03',
        source: name,
        headers: head[found.index]!.cells,
        headerLine: found.line,
        rows: readTableBatches({ name, source: file(name) }, { stats, skipEmptyLines: false }),
        readStats: stats,
      });
      expect(r.imported, name).toBe(3);
      expect(r.report, name).toMatchObject({
        rowsRead: 3,
        rowsAddUp: true,
        file: { linesMatch: true, recordsAddUp: true, linesAddUp: true },
      });
      db.close();
    }
  });
});

describe('written by Microsoft Excel', () => {
  it('shared strings with _xHHHH_ escapes read as the strings written (XlsxWriter test_shared_strings02)', async () => {
    const written = [
      '_',
      '_x',
      '_x0',
      '_x00',
      '_x000',
      '_x0000',
      '_x0000_',
      '_x005F_',
      '_x000G_',
      '_X0000_',
      '_x000a_',
      '_x000A_',
      '_x0000__x0000_',
      '__x0000__',
    ];
    expect((await rows('excel-shared-strings-escapes.xlsx')).map((r) => r.cells[0])).toEqual(written);
  });

  it('dates in the 1900 and the 1904 system (XlsxWriter test_date_1904_01 and _02)', async () => {
    const col = async (name: string) => (await rows(name)).map((r) => r.cells[0]);
    expect(await col('excel-dates-1900.xlsx')).toEqual([
      '1900-01-01',
      '1902-09-26',
      '1913-09-08',
      '1927-05-18',
      '2173-10-14',
      '4637-11-26',
    ]);
    expect(await col('excel-dates-1904.xlsx')).toEqual([
      '1904-01-01',
      '1906-09-27',
      '1917-09-09',
      '1931-05-19',
      '2177-10-15',
      '4641-11-27',
    ]);
  });

  it("dates around the phantom 29 February 1900 agree with Excel's own TEXT() beside them", async () => {
    const records = await rows('excel-mac-dates-leap-year-1900.xlsx');
    expect(records[0]!.cells).toEqual(['dttm', 'dttm_string', 'expect_success']);
    const data = records.slice(1);
    expect(data).toHaveLength(7);
    for (const { cells } of data) {
      const [ours, excel, convertible] = cells as [string, string, string];
      // Excel shows a day that never was; a date cannot hold it, so the serial stays as written
      if (convertible === 'FALSE') expect(ours).toMatch(/^60\.3/);
      else expect(ours).toBe(excel.slice(0, 10));
    }
  });

  it('a merged range', async () => {
    expect(await rows('excel-merged.xlsx')).toEqual([{ line: 2, cells: ['', 'Foo'] }]);
    expect(await readXlsxMerges(file('excel-merged.xlsx'))).toEqual(['B2:D2']);
  });
});

describe('written by WPS and others', () => {
  it('inline rich-text strings (readxl: the ID is RQ11610)', async () => {
    expect(await rows('inline-strings.xlsx')).toEqual([
      { line: 1, cells: ['NN', 'Hierarchy', '', 'Outline Number', 'ID', 'Name', 'Type', 'Description'] },
      { line: 2, cells: ['1.0', '+', '', '1.01.', 'RQ11610', 'requirement', 'Textual Requirement', 'test'] },
    ]);
  });

  it('WPS: Chinese text and a merged range', async () => {
    expect(await rows('wps-merged-zh.xlsx')).toEqual([
      { line: 1, cells: ['第一列', '第二列'] },
      { line: 2, cells: ['普通超链接'] },
      { line: 3, cells: ['多单元格超链接A', '多单元格超链接B'] },
      { line: 4, cells: ['多单元格超链接C', '多单元格超链接D'] },
      { line: 5, cells: ['批注'] },
      { line: 6, cells: ['合并单元格'] },
    ]);
    expect(await readXlsxMerges(file('wps-merged-zh.xlsx'))).toEqual(['A6:B7']);
  });

  it('Excel for Mac and WPS: Chinese text, dates with times, numbers', async () => {
    const records = await collect(readXlsx(file('excel-wps-dates-zh.xlsx')));
    expect(records[0]!.cells).toEqual(['字符串标题', '日期标题', '数字标题']);
    expect(records.slice(1)).toEqual(
      Array.from({ length: 10 }, (_, i) => ({
        line: i + 2,
        cells: [`字符串${i}`, `2020-01-${String(i + 1).padStart(2, '0')} 01:01:01`, String(i + 1)],
      })),
    );
  });

  it('CSV in UTF-8 with a BOM', async () => {
    const records = await rows('office-utf8-bom.csv');
    expect(records[0]!.cells).toEqual(['姓名', '年纪']);
    expect(records.slice(1).map((r) => r.cells)).toEqual(Array.from({ length: records.length - 1 }, (_, i) => [`姓名${i}`, '20']));
  });
});

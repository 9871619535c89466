import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zhError } from '../words';
import { emptyStats, listXlsxSheets, readXlsx, readXlsxMerges, writeXlsx, type XlsxWorkbook } from '../../../lib/io';
import { excelSerialToDate } from '../../../lib/text/dates';
import { cellsOf, collect, failure } from './helpers';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A workbook from hand-written parts, the way other producers (Excel, WPS, SDKs) lay them out. */
function handmade(parts: {
  sheets: Array<{ name: string; xml: string; state?: string }>;
  shared?: string;
  styles?: string;
  workbookPr?: string;
  prefix?: string;
}): Uint8Array {
  const p = parts.prefix ? `${parts.prefix}:` : '';
  const ns = parts.prefix ? `xmlns:${parts.prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    '_rels/.rels': strToU8(
      `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns} xmlns:r="${REL}">${parts.workbookPr ?? ''}<${p}sheets>` +
        parts.sheets
          .map((s, i) => `<${p}sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
          .join('') +
        `</${p}sheets></${p}workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="${PKG}">` +
        parts.sheets
          .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
          .join('') +
        `<Relationship Id="rS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        `<Relationship Id="rT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
  };
  parts.sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${ns}><${p}sheetData>${s.xml}</${p}sheetData></${p}worksheet>`,
    );
  });
  if (parts.shared) files['xl/sharedStrings.xml'] = strToU8(`<sst xmlns="${MAIN}">${parts.shared}</sst>`);
  if (parts.styles) files['xl/styles.xml'] = strToU8(`<styleSheet xmlns="${MAIN}">${parts.styles}</styleSheet>`);
  return zipSync(files);
}

const table: XlsxWorkbook = {
  sheets: [
    {
      name: '工作情况表',
      rows: [
        ['经营主体严重违法失信行为专项治理行动工作情况表'],
        ['填报单位：某某区市场监督管理局', null, null, '时间：2024-01-01 至 2024-06-30'],
        ['监管领域', '列入严重违法失信名单（件）', '集中公示"屡禁不止、屡罚不改"经营主体户数（户）', '宣传曝光典型案例（件）'],
        ['食品安全', 3, 1, 0],
        ['<b>标记</b> & "引号" \'单引号\'', 0.5, -2, 1e21],
        ['=HYPERLINK("http://x","点我")', '+1', '-1', '@SUM(A1)'],
        ['  前后空格  ', '多行\r\n文本', 'tab\tand\u0001control', '_x0041_ 字面'],
      ],
      merges: ['A1:D1', 'A2:C2'],
      colWidths: [24, 18, 30, 18],
      rowHeights: [32],
      styles: [
        { range: 'A1:D1', style: { bold: true, fontSize: 16, align: 'center', verticalAlign: 'center' } },
        { range: 'A3:D7', style: { border: true } },
        { range: 'A3:D3', style: { bold: true, align: 'center', wrap: true } },
      ],
    },
    { name: 'bad/name:[x]*?', rows: [['second']] },
  ],
};

function parts(xlsx: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(xlsx)).map(([k, v]) => [k, strFromU8(v)]));
}

describe('writeXlsx → readXlsx', () => {
  const xlsx = writeXlsx(table);

  it('reads back every cell as written, strings that look like formulas included', async () => {
    const rows = cellsOf(await collect(readXlsx(xlsx)));
    expect(rows).toEqual([
      ['经营主体严重违法失信行为专项治理行动工作情况表'],
      ['填报单位：某某区市场监督管理局', '', '', '时间：2024-01-01 至 2024-06-30'],
      ['监管领域', '列入严重违法失信名单（件）', '集中公示"屡禁不止、屡罚不改"经营主体户数（户）', '宣传曝光典型案例（件）'],
      ['食品安全', '3', '1', '0'],
      ['<b>标记</b> & "引号" \'单引号\'', '0.5', '-2', '1e+21'],
      ['=HYPERLINK("http://x","点我")', '+1', '-1', '@SUM(A1)'],
      ['  前后空格  ', '多行\r\n文本', 'tab\tand\u0001control', '_x0041_ 字面'],
    ]);
  });

  it('can leave strings as they are', async () => {
    const raw = writeXlsx({ sheets: [{ name: 's', rows: [['=1+1', -1]] }] }, { neutralize: false });
    expect(cellsOf(await collect(readXlsx(raw)))).toEqual([['=1+1', '-1']]);
  });

  it('writes the layout into the XML: merges, widths, heights, escaped text, no formulas', () => {
    const p = parts(xlsx);
    const sheet = p['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="A2:C2"/></mergeCells>');
    expect(sheet).toContain('<col min="1" max="1" width="24" customWidth="1"/>');
    expect(sheet).toContain('<row r="1" ht="32" customHeight="1">');
    expect(sheet).not.toContain('<f>');
    // Styled cells inside the merged title exist so borders and alignment cover the whole area.
    expect(sheet).toMatch(/<c r="D1" s="\d+"\/>/);
    const shared = p['xl/sharedStrings.xml']!;
    expect(shared).toContain('&lt;b&gt;标记&lt;/b&gt; &amp; &quot;引号&quot;');
    expect(shared).toContain(`<t>=HYPERLINK(&quot;http://x&quot;,&quot;点我&quot;)</t>`);
    expect(shared).not.toContain("<t>'");
    expect(shared).toContain('<t xml:space="preserve">  前后空格  </t>');
    expect(shared).toContain('多行_x000D_\n文本');
    expect(shared).toContain('_x005F_x0041_');
    // eslint-disable-next-line no-control-regex -- no raw XML-invalid control character may reach the file
    expect(shared).not.toMatch(/[\x00-\x08\x0B\x0C\x0E-\x1F]/);
    expect(p['xl/workbook.xml']).toContain('<sheet name="bad_name__x___" sheetId="2" r:id="rId2"/>');
    expect(Object.keys(p)[0]).toBe('[Content_Types].xml');
  });

  it('writes styles for the bold title, centred header and borders', () => {
    const styles = parts(xlsx)['xl/styles.xml']!;
    expect(styles).toContain('<b/><sz val="16"/>');
    expect(styles).toContain('<alignment horizontal="center" vertical="center"/>');
    expect(styles).toContain('<alignment horizontal="center" wrapText="1"/>');
    expect(styles).toContain('<left style="thin">');
    expect(styles).toMatch(/<fills count="2">.*gray125/);
  });

  it('marks formula-looking text as text with a quote-prefixed twin of the cell format, not an apostrophe', () => {
    const p = parts(xlsx);
    const xfs = [...p['xl/styles.xml']!.matchAll(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/g)].map((m) => m[0]).slice(1); // after cellStyleXfs
    const xfOf = (ref: string): string => xfs[Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(p['xl/worksheets/sheet1.xml']!)![1])]!;
    for (const ref of ['A6', 'B6', 'C6', 'D6']) {
      expect(xfOf(ref)).toContain('quotePrefix="1"');
      expect(xfOf(ref)).toContain('borderId="1"'); // the cell keeps the border of its range
    }
    for (const ref of ['A5', 'A7', 'B5']) expect(xfOf(ref)).not.toContain('quotePrefix');
    // one twin per cell format, however many cells use it
    expect(xfs.filter((xf) => xf.includes('quotePrefix')).length).toBe(1);
    const raw = writeXlsx({ sheets: [{ name: 's', rows: [['=1+1', '-']] }] }, { neutralize: false });
    expect(parts(raw)['xl/styles.xml']).not.toContain('quotePrefix');
  });

  it('reads the merges back', async () => {
    expect(await readXlsxMerges(xlsx)).toEqual(['A1:D1', 'A2:C2']);
  });

  it('lists sheets and reads one by name or index', async () => {
    expect(await listXlsxSheets(xlsx)).toEqual([
      { name: '工作情况表', hidden: false },
      { name: 'bad_name__x___', hidden: false },
    ]);
    expect(cellsOf(await collect(readXlsx(xlsx, { sheet: 1 })))).toEqual([['second']]);
    expect(cellsOf(await collect(readXlsx(xlsx, { sheet: 'bad_name__x___' })))).toEqual([['second']]);
    const e = await failure(() => collect(readXlsx(xlsx, { sheet: '无此表' })));
    expect(e).toMatchObject({ code: 'sheet-not-found' });
    expect(zhError(e)).toBe('找不到名为“无此表”的工作表');
  });

  it('accepts a Blob as well as bytes', async () => {
    expect(await collect(readXlsx(new Blob([xlsx])))).toEqual(await collect(readXlsx(xlsx)));
  });

  it('rejects overlapping merges and malformed ranges (caller bugs)', () => {
    expect(() => writeXlsx({ sheets: [{ name: 'a', rows: [], merges: ['A1:B2', 'B2:C3'] }] })).toThrow(RangeError);
    expect(() => writeXlsx({ sheets: [{ name: 'a', rows: [], merges: ['A0:B1'] }] })).toThrow(RangeError);
  });
});

describe('readXlsx on files from other producers', () => {
  const styles =
    '<numFmts count="3"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
    '<numFmt numFmtId="177" formatCode="[h]:mm:ss"/><numFmt numFmtId="178" formatCode="0.00_);[Red]\\(0.00\\)"/></numFmts>' +
    '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
    '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176"/>' +
    '<xf numFmtId="22"/><xf numFmtId="177"/><xf numFmtId="178"/><xf numFmtId="31"><alignment/></xf></cellXfs>';
  const shared =
    '<si><t>企业名称</t></si>' +
    '<si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve">文本 </t></r><rPh sb="0" eb="1"><t>フ</t></rPh></si>' +
    '<si><t>a&amp;b_x000D_c</t></si><si/>';

  it('reads shared, rich and inline strings, numbers, booleans, errors and dates by style', async () => {
    const xml =
      '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>' +
      '<row r="3"><c r="A3" s="1"><v>45121</v></c><c r="B3" s="2"><v>45121</v></c><c r="C3" s="3"><v>45121.5</v></c>' +
      '<c r="D3" s="4"><v>0.5</v></c><c r="E3" s="5"><v>1.25</v></c><c r="F3" s="6"><v>1</v></c></row>' +
      '<row r="4"><c r="B4" t="inlineStr"><is><t>内联</t></is></c><c r="C4" t="b"><v>1</v></c><c r="D4" t="e"><v>#N/A</v></c>' +
      '<c r="E4" t="str"><f>A1&amp;"x"</f><v>企业名称x</v></c><c r="F4"><f>1+1</f></c><c r="G4" t="s"><v>3</v></c></row>' +
      '<row r="5"><c r="A5" s="3"/><c r="B5" t="s"/></row>' +
      '<row><c><v>7</v></c><c><v>8</v></c></row>';
    const file = handmade({ sheets: [{ name: 'S', xml }], shared, styles });
    expect(await collect(readXlsx(file))).toEqual([
      { line: 1, cells: ['企业名称', '富文本 ', '', 'a&b\rc'] },
      { line: 3, cells: ['2023-07-14', '2023-07-14', '2023-07-14 12:00', '0.5', '1.25', '1900-01-01'] },
      { line: 4, cells: ['', '内联', 'TRUE', '#N/A', '企业名称x'] },
      { line: 6, cells: ['7', '8'] },
    ]);
  });

  it('handles namespace prefixes, the 1904 date system, CR/LF in XML text and a hidden first sheet', async () => {
    const file = handmade({
      prefix: 'x',
      workbookPr: '<x:workbookPr date1904="1"/>',
      styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
      sheets: [
        { name: 'Hidden', state: 'hidden', xml: '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>' },
        {
          name: '名单',
          xml: '<x:row r="2"><x:c r="B2" s="1"><x:v>0</x:v></x:c><x:c r="C2" t="inlineStr"><x:is><x:t>a\r\nb</x:t></x:is></x:c></x:row>',
        },
      ],
    });
    expect(await collect(readXlsx(file))).toEqual([{ line: 2, cells: ['', '1904-01-01', 'a\nb'] }]);
    expect(await collect(readXlsx(file, { sheet: 0 }))).toEqual([{ line: 1, cells: ['1'] }]);
  });

  it('converts Excel serials like Excel does', () => {
    expect(excelSerialToDate('1', false, false)).toBe('1900-01-01');
    expect(excelSerialToDate('59', false, false)).toBe('1900-02-28');
    expect(excelSerialToDate('61', false, false)).toBe('1900-03-01');
    expect(excelSerialToDate('44197', false, false)).toBe('2021-01-01');
    expect(excelSerialToDate('44197.75', false, true)).toBe('2021-01-01 18:00');
    expect(excelSerialToDate('abc', false, false)).toBe('abc');
    expect(excelSerialToDate('-3', false, false)).toBe('-3');
  });

  it('lets empty styled cells far to the right cost nothing, and counts rows for the report', async () => {
    const xml =
      '<row r="2"><c r="A2" t="inlineStr"><is><t>名称</t></is></c><c r="XFD2" s="1"/></row>' +
      '<row r="3" s="1" customFormat="1"/>' +
      '<row r="5"><c r="B5"><v>7</v></c><c r="XFC5" t="s"/></row>';
    const stats = emptyStats('xlsx');
    expect(await collect(readXlsx(handmade({ sheets: [{ name: 'S', xml }] }), { stats }))).toEqual([
      { line: 2, cells: ['名称'] },
      { line: 5, cells: ['', '7'] },
    ]);
    expect(stats).toMatchObject({ format: 'xlsx', lines: 5, readerLines: 5, records: 2, emptyLines: 3, breaksInCells: 0 });
  });

  it('calls a sheet without rows empty', async () => {
    const e = await failure(() => collect(readXlsx(handmade({ sheets: [{ name: '空表', xml: '<row r="1"/>' }] }))));
    expect(e).toMatchObject({ code: 'empty' });
    expect(zhError(e)).toBe('工作表“空表”为空');
  });
});

describe('readXlsx refuses', () => {
  it('a legacy .xls (OLE) file', async () => {
    const xls = new Uint8Array(4096);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const e = await failure(() => collect(readXlsx(xls)));
    expect(e).toMatchObject({ code: 'unsupported' });
    expect(zhError(e)).toContain('暂不支持 .xls 旧格式');
  });

  it('files that are not an XLSX: text, another zip, a truncated zip', async () => {
    const notZip = await failure(() => collect(readXlsx(strToU8('a,b\n1,2\n'))));
    expect(notZip).toMatchObject({ code: 'xlsx-invalid' });
    expect(zhError(notZip)).toBe('不是有效的 Excel（.xlsx）文件');
    const otherZip = await failure(() => collect(readXlsx(zipSync({ 'word/document.xml': strToU8('<w/>') }))));
    expect(otherZip.code).toBe('xlsx-invalid');
    const whole = writeXlsx(table);
    const truncated = await failure(() => collect(readXlsx(whole.subarray(0, whole.length - 200))));
    expect(truncated.code).toBe('xlsx-invalid');
  });

  it('a zip bomb: over the size cap', async () => {
    const big = '<row r="1"><c r="A1" t="inlineStr"><is><t>' + 'x'.repeat(3 << 20) + '</t></is></c></row>';
    const file = handmade({ sheets: [{ name: 'S', xml: big }] });
    const e = await failure(() => collect(readXlsx(file, { maxUncompressedBytes: 1 << 20 })));
    expect(e).toMatchObject({ code: 'xlsx-too-large' });
    expect(zhError(e)).toContain('过大');
  });

  it('a zip bomb: an extreme compression ratio, also when the directory lies about the size', async () => {
    const zeros = '<row r="1"><c r="A1"><v>1</v></c></row>' + ' '.repeat(40 << 20);
    const file = handmade({ sheets: [{ name: 'S', xml: zeros }] });
    const declared = await failure(() => collect(readXlsx(file)));
    expect(declared.code).toBe('xlsx-too-large');

    // Rewrite every central-directory entry's uncompressed size to 1 byte.
    const lying = file.slice();
    const view = new DataView(lying.buffer);
    for (let i = 0; i + 4 < lying.length; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 1, true);
    }
    const streamed = await failure(() => collect(readXlsx(lying)));
    expect(streamed.code).toBe('xlsx-too-large');
  });

  it('a wide-row file: rows each holding one cell in column XFC stop at the first row', async () => {
    let xml = '';
    for (let r = 1; r <= 100_000; r++) xml += `<row r="${r}"><c r="XFC${r}"><v>1</v></c></row>`;
    const e = await failure(() => collect(readXlsx(handmade({ sheets: [{ name: 'S', xml }] }))));
    expect(e).toMatchObject({ code: 'xlsx-too-large', line: 1 });
    expect(zhError(e)).toContain('第 16,383 列（XFC1），超出可读取的前 1,024 列');
  });

  it('a sheet over its budget of cells, counting the empty cells a far-right cell pulls in', async () => {
    let xml = '';
    for (let r = 1; r <= 100; r++) xml += `<row r="${r}"><c r="AMJ${r}"><v>1</v></c></row>`;
    const file = handmade({ sheets: [{ name: 'S', xml }] });
    expect(await collect(readXlsx(file, { maxCells: 100 * 1024 }))).toHaveLength(100);
    const e = await failure(() => collect(readXlsx(file, { maxCells: 10 * 1024 })));
    expect(e).toMatchObject({ code: 'xlsx-too-large', line: 11 });
    expect(zhError(e)).toContain('单元格已超过 10,240 个');
  });

  it('stops with "aborted" when the signal fires', async () => {
    const controller = new AbortController();
    const rows = Array.from({ length: 20_000 }, (_, i) => [`行${i}`, i]);
    const file = writeXlsx({ sheets: [{ name: 's', rows }] });
    let seen = 0;
    const e = await failure(async () => {
      for await (const _ of readXlsx(file, { signal: controller.signal })) if (++seen === 10) controller.abort();
    });
    expect(e.code).toBe('aborted');
    expect(seen).toBe(10);
  });
});

// Our readers and writers against files written and read by others: SheetJS (@e965/xlsx) for XLSX and CSV,
// csv-parse for CSV. Each side's output is read back by the other side's reader.
import * as XLSX from '@e965/xlsx';
import { parse as parseCsvSync } from 'csv-parse/sync';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zhError } from '../words';
import { readCsv, readXlsx, readXlsxMerges, writeCsv, writeXlsx } from '../../../lib/io';
import { cellsOf, chunked, collect, utf8 } from './helpers';

// Text as people type it into tables: Chinese, full-width forms, markup and XML specials, quotes, delimiters,
// line breaks, spaces at the ends, and strings that look like numbers, dates or formulas.
const TEXT_UNITS = [
  '企',
  '业',
  '（',
  '）',
  '〔',
  '〕',
  'a',
  'Z',
  '0',
  '7',
  ' ',
  ',',
  ';',
  '"',
  "'",
  '&',
  '<',
  '>',
  '\n',
  '\t',
  '=',
  '-',
  '_x0041_',
  '名称',
  '·',
];
const text = fc.string({ unit: fc.constantFrom(...TEXT_UNITS), minLength: 1, maxLength: 10 });
// Dates from 1904 on: both date systems can hold them, and Excel's phantom 29 February 1900 is out of the way.
const isoDate = fc
  .integer({ min: Date.UTC(1904, 0, 2) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000));

type Cell = string | number | boolean | Date | null;
const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 5, arbitrary: text },
  {
    weight: 2,
    arbitrary: fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })),
  },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: isoDate },
  { weight: 1, arbitrary: fc.constant(null) },
);
const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });

const iso = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Text as an XLSX cell holding it reads. SheetJS writes a literal `_x0041_` unescaped, and in OOXML that is
 * the escape of `A` (SheetJS reads its own file back as `A` too); a writer following the format escapes the
 * underscore (`_x005F_x0041_`, as writeXlsx does).
 */
const ooxmlText = (s: string): string => s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** What our reader should give for a table SheetJS wrote: rows by number, trailing empties cut. */
function expectedRecords(rows: readonly (readonly Cell[])[]): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  rows.forEach((row, r) => {
    const cells = row.map((v) =>
      v === null
        ? ''
        : typeof v === 'boolean'
          ? v
            ? 'TRUE'
            : 'FALSE'
          : v instanceof Date
            ? iso(v)
            : typeof v === 'number'
              ? String(v)
              : ooxmlText(v),
    );
    while (cells.length && cells.at(-1) === '') cells.pop();
    if (cells.length) out.push({ line: r + 1, cells });
  });
  return out;
}

/** Numbers as our reader gives them (the `<v>` text) compared by value, everything else as text. */
function sameCells(actual: readonly { line: number; cells: string[] }[], expected: readonly { line: number; cells: string[] }[]): void {
  expect(actual.map((r) => r.line)).toEqual(expected.map((r) => r.line));
  actual.forEach((r, i) => {
    const want = expected[i]!.cells;
    expect(r.cells.length).toBe(want.length);
    r.cells.forEach((c, j) => {
      const w = want[j]!;
      if (w !== '' && /^-?\d/.test(w) && !Number.isNaN(Number(w)) && !/^\d{4}-\d{2}-\d{2}$/.test(w)) expect(Number(c)).toBe(Number(w));
      else expect(c).toBe(w);
    });
  });
}

function sheetJsWorkbook(rows: readonly (readonly Cell[])[], opts: { date1904: boolean; merges?: string[] }): XLSX.WorkBook {
  const ws = XLSX.utils.aoa_to_sheet(rows as Cell[][], { cellDates: true, UTC: true });
  if (opts.merges) ws['!merges'] = opts.merges.map((m) => XLSX.utils.decode_range(m));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '名单');
  wb.Workbook = { WBProps: { date1904: opts.date1904 } };
  return wb;
}

describe('XLSX written by SheetJS, read by readXlsx', () => {
  it('shared or inline strings, numbers, booleans, dates in the 1900 and 1904 systems (property)', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.boolean(), fc.boolean(), async (rows, bookSST, date1904) => {
        const bytes = XLSX.write(sheetJsWorkbook(rows, { date1904 }), { type: 'array', bookType: 'xlsx', bookSST }) as ArrayBuffer;
        const expected = expectedRecords(rows);
        // A sheet with no value in any cell is refused as empty, with the sheet's name, rather than read as nothing.
        if (expected.length === 0) {
          const e = await collect(readXlsx(new Uint8Array(bytes))).catch((x: unknown) => x);
          expect(zhError(e)).toMatch(/名单.*为空/);
        } else sameCells(await collect(readXlsx(new Uint8Array(bytes))), expected);
      }),
      { numRuns: 150 },
    );
  });

  it('merged ranges', async () => {
    const merges = ['A1:D1', 'B3:C5', 'E2:E9'];
    const bytes = XLSX.write(sheetJsWorkbook([['标题'], ['a', 'b']], { date1904: false, merges }), { type: 'array', bookType: 'xlsx' });
    expect(await readXlsxMerges(new Uint8Array(bytes as ArrayBuffer))).toEqual(merges);
  });
});

describe('XLSX written by writeXlsx, read by SheetJS', () => {
  const ours = fc.array(
    fc.array(
      fc.oneof(
        text,
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
        fc.constant(null),
      ),
      {
        minLength: 1,
        maxLength: 6,
      },
    ),
    { minLength: 1, maxLength: 12 },
  );

  it('every value comes back as written (property)', async () => {
    fc.assert(
      fc.property(ours, (rows) => {
        const wb = XLSX.read(writeXlsx({ sheets: [{ name: '名单', rows }] }), { type: 'array' });
        const back = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['名单']!, { header: 1, raw: true, defval: null, blankrows: true });
        const width = Math.max(...back.map((r) => r.length), 0);
        rows.forEach((row, r) => {
          const got = back[r] ?? [];
          for (let c = 0; c < Math.max(width, row.length); c++) {
            const want = row[c] ?? null;
            expect(got[c] ?? null).toEqual(Object.is(want, -0) ? 0 : want); // a number's text has no sign of zero
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it('text that starts like a formula: the same text, a string, and a quote-prefixed style (单引号前缀)', () => {
    const texts = ['=1+1', '+86 731 8888', '-', '@x', ' =SUM(A1)'];
    const bytes = writeXlsx({
      sheets: [{ name: '名单', rows: [[...texts, '普通文本']], styles: [{ range: 'A1:B1', style: { bold: true } }] }],
    });
    const wb = XLSX.read(bytes, { type: 'array', cellStyles: true });
    const sheet = wb.Sheets['名单']!;
    // SheetJS parses the style table but does not say which cell uses which format: that index is the sheet's `s`
    const sheetXml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    const cellXfs = (wb as { Styles?: { CellXf?: Array<{ quotePrefix?: boolean; fontId?: number }> } }).Styles!.CellXf!;
    const xfOf = (ref: string) => cellXfs[Number(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(sheetXml)![1] ?? 0)]!;
    texts.forEach((text, c) => {
      const ref = XLSX.utils.encode_cell({ r: 0, c });
      expect(sheet[ref]).toMatchObject({ t: 's', v: text, w: text });
      expect(sheet[ref]!.f).toBeUndefined();
      expect(xfOf(ref).quotePrefix).toBe(true);
    });
    // the twins keep the look of their range: bold in A1:B1, the default font after it
    expect(xfOf('A1').fontId).not.toBe(0);
    expect(xfOf('B1').fontId).toBe(xfOf('A1').fontId);
    expect(xfOf('C1').fontId).toBe(0);
    expect(sheet['F1']).toMatchObject({ t: 's', v: '普通文本' });
    expect(xfOf('F1').quotePrefix).toBeUndefined();
  });

  it('merged ranges and the sheet name', () => {
    const wb = XLSX.read(writeXlsx({ sheets: [{ name: '工作情况表', rows: [['标题']], merges: ['A1:D1', 'A2:B2'] }] }), { type: 'array' });
    expect(wb.SheetNames).toEqual(['工作情况表']);
    expect(wb.Sheets['工作情况表']!['!merges']!.map((m) => XLSX.utils.encode_range(m))).toEqual(['A1:D1', 'A2:B2']);
  });
});

describe('CSV written by SheetJS, read by readCsv', () => {
  it('quoted cells with delimiters, quotes and line breaks (property)', async () => {
    const strings = fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(strings, fc.boolean(), fc.integer({ min: 1, max: 17 }), async (rows, forceQuotes, chunk) => {
        // SheetJS quotes a field holding the first character of the record separator: with its default LF, a
        // cell's LF is quoted (with CRLF it would not be, and the file would be malformed)
        const csv = XLSX.utils.sheet_to_csv(XLSX.utils.aoa_to_sheet(rows), { FS: ',', RS: '\n', forceQuotes });
        const back = await collect(readCsv(chunked(utf8(csv), chunk), { delimiter: ',' }));
        // SheetJS writes every row as wide as the sheet
        const width = Math.max(...rows.map((r) => r.length));
        expect(cellsOf(back)).toEqual(rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]));
      }),
      { numRuns: 150 },
    );
  });
});

describe('CSV written by writeCsv, read by csv-parse', () => {
  it('every cell comes back, BOM and CRLF included (property)', () => {
    const rows = fc.array(fc.array(fc.oneof(text, fc.constant('')), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(rows, (table) => {
        const parsed = parseCsvSync(writeCsv(table, { neutralize: false }), { bom: true, relax_column_count: true }) as string[][];
        expect(parsed).toEqual(table);
      }),
      { numRuns: 200 },
    );
  });
});

describe('readCsv agrees with csv-parse', () => {
  it('on well-formed files with any quoting, CRLF, LF or CR, a BOM and blank lines (property)', async () => {
    const field = fc.record({ value: fc.oneof(text, fc.constant('')), quoted: fc.boolean() });
    const file = fc.record({
      rows: fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 10 }),
      eol: fc.constantFrom('\r\n', '\n', '\r'),
      bom: fc.boolean(),
      blankEvery: fc.integer({ min: 0, max: 4 }),
      chunk: fc.integer({ min: 1, max: 19 }),
    });
    await fc.assert(
      fc.asyncProperty(file, async ({ rows, eol, bom, blankEvery, chunk }) => {
        const lines: string[] = [];
        rows.forEach((row, i) => {
          // a field must be quoted when it holds a delimiter, a quote or a line break
          const write = ({ value, quoted }: { value: string; quoted: boolean }) =>
            quoted || /[",\r\n]/.test(value) || (row.length === 1 && value === '') ? `"${value.replaceAll('"', '""')}"` : value;
          lines.push(row.map(write).join(','));
          if (blankEvery && i % blankEvery === 0) lines.push('');
        });
        const textOut = (bom ? '\uFEFF' : '') + lines.join(eol) + eol;
        const theirs = parseCsvSync(textOut, {
          bom: true,
          relax_column_count: true,
          skip_empty_lines: true,
          record_delimiter: eol,
        }) as string[][];
        const mine = cellsOf(await collect(readCsv(chunked(utf8(textOut), chunk), { delimiter: ',' })));
        expect(mine).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });
});

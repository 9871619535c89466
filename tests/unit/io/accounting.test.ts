import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyStats, linesAccounted, readCsv, readTable, UNMATCHED_QUOTE, type CsvRecord, type TableStats } from '../../../lib/io';
import { LineCounter } from '../../../lib/io/stats';
import { bundledPacks, translatorFromMessages, type MessageEntry } from '../../../lib/rules';
import { auditFile, type AuditRow } from '../../../lib/rules/audit';
import zhMessages from '../../../public/_locales/zh_CN/messages.json';
import { chunked, collect, concat, hex, utf8 } from './helpers';
import { zhWords } from '../words';

/** Reads a CSV with stats, whole and in `chunk`-byte pieces; both must agree. */
async function read(bytes: Uint8Array, chunk = 4096, opts = {}): Promise<{ records: CsvRecord[]; stats: TableStats }> {
  const stats = emptyStats('csv');
  const records = await collect(readCsv(bytes, { ...opts, stats }));
  const again = emptyStats('csv');
  expect(await collect(readCsv(chunked(bytes, chunk), { ...opts, stats: again }))).toEqual(records);
  expect(again).toEqual(stats);
  return { records, stats };
}

/** Physical lines as an outside reader counts them: LF, CR and CRLF end a line; a last line without one counts. */
function physicalLines(text: string): number {
  const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  return breaks + (text === '' || /[\r\n]$/.test(text) ? 0 : 1);
}

const row = (i: number) => `上海测试${i}有限公司,9131000000000${String(i).padStart(5, '0')},2024-01-02`;

describe('a quote without its match', () => {
  it('costs its own line, not the rest of the file (line 5,000 of 10,000)', async () => {
    const lines = ['企业名称,统一社会信用代码,列入日期'];
    for (let i = 2; i <= 10_000; i++) lines.push(i === 5000 ? `"${row(i)}` : row(i));
    const { records, stats } = await read(utf8(lines.join('\r\n') + '\r\n'));
    expect(records).toHaveLength(10_000);
    expect(records.filter((r) => r.error)).toEqual([{ line: 5000, cells: `"${row(5000)}`.split(','), error: UNMATCHED_QUOTE }]);
    expect(records.map((r) => r.line)).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
    expect(records[9_999]!.cells).toEqual(row(10_000).split(','));
    expect(stats).toMatchObject({ lines: 10_000, readerLines: 10_000, records: 10_000, malformed: 1, breaksInCells: 0 });
    expect(linesAccounted(stats)).toBe(true);
  });

  it('is found when a later quoted cell would close it, and the later cell reads as written', async () => {
    const text = 'a,b\n"甲公司,1\n乙公司,2\n丙公司,"备注,含逗号"\n丁公司,4\n';
    const { records, stats } = await read(utf8(text), 3);
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['"甲公司', '1'], error: UNMATCHED_QUOTE },
      { line: 3, cells: ['乙公司', '2'] },
      { line: 4, cells: ['丙公司', '备注,含逗号'] },
      { line: 5, cells: ['丁公司', '4'] },
    ]);
    expect(linesAccounted(stats)).toBe(true);
  });

  it('is found when nothing closes it within the longest record, without reading the file into one cell', async () => {
    const body = Array.from({ length: 2000 }, (_, i) => row(i)).join('\n');
    const { records, stats } = await read(utf8(`h\n"${row(-1)}\n${body}\n`), 1000, { maxLineBytes: 4096 });
    expect(records[1]).toMatchObject({ line: 2, error: UNMATCHED_QUOTE });
    expect(records).toHaveLength(2002);
    expect(records.at(-1)).toEqual({ line: 2002, cells: row(1999).split(',') });
    expect(stats).toMatchObject({ lines: 2002, readerLines: 2002, malformed: 1 });
  });

  it('spanning lines and closing on other text is reported too; on one line, text after the quote is kept', async () => {
    const { records } = await read(utf8('"多行\n单元格"尾巴,1\n下一行,2\n"甲"乙,3\n'), 2);
    expect(records).toEqual([
      { line: 1, cells: ['"多行'], error: UNMATCHED_QUOTE },
      { line: 2, cells: ['单元格"尾巴', '1'] },
      { line: 3, cells: ['下一行', '2'] },
      { line: 4, cells: ['甲乙', '3'] },
    ]);
  });

  it('still reads well-formed cells across lines, with CRLF, LF and CR inside them', async () => {
    const text = '名称,备注\r\n"甲","第一行\r\n第二行\n第三行\r第四行"\r\n乙,"a ""引号"" b"\r\n';
    const { records, stats } = await read(utf8(text), 1);
    expect(records).toEqual([
      { line: 1, cells: ['名称', '备注'] },
      { line: 2, cells: ['甲', '第一行\r\n第二行\n第三行\r第四行'] },
      { line: 6, cells: ['乙', 'a "引号" b'] },
    ]);
    expect(stats).toMatchObject({ lines: 6, readerLines: 6, records: 3, breaksInCells: 3, malformed: 0 });
  });
});

describe('the bulk audit', () => {
  it('keeps a row with a stray quote as insufficient, with the reason and its line, and audits the rows after it', async () => {
    const head = '行政处罚决定书文号,行政相对人名称,行政处罚内容,作出决定的日期';
    const good = (n: number) => `沪市监处〔2024〕${n}号,上海某${n}有限公司,警告,2024-04-15`;
    const text = [head, good(1), `"沪市监处〔2024〕2号,上海某2有限公司,警告,2024-04-15`, good(3), good(4)].join('\r\n');
    const t = translatorFromMessages(zhMessages as Record<string, MessageEntry>);
    const run = await auditFile({ name: 'cases.csv', source: utf8(text) }, { at: '2025-01-01', packs: bundledPacks, t });
    const rows: AuditRow[] = [];
    for await (const batch of run.rows) rows.push(...batch);
    expect(rows.map((r) => [r.line, r.verdict, r.error])).toEqual([
      [2, 'not-required', undefined],
      [3, 'insufficient', zhWords(UNMATCHED_QUOTE)],
      [4, 'not-required', undefined],
      [5, 'not-required', undefined],
    ]);
  });
});

describe('line counts', () => {
  it('count a CRLF split across pieces once, and a last line without a break', () => {
    const c = new LineCounter();
    for (const piece of ['a\r', '\nb\r', 'c\n', '', 'd']) c.push(piece);
    expect(c.lines).toBe(4);
    const d = new LineCounter();
    d.push('x\r');
    expect(d.lines).toBe(1);
    expect(new LineCounter().lines).toBe(0);
  });

  it('agree between the file and the parser, with skipped empty lines accounted for', async () => {
    const text = '\uFEFFa,b\r\n\r\n1,2\n\n\r3,"x\ny"\r';
    const { stats } = await read(utf8(text), 1);
    expect(stats).toMatchObject({ lines: 7, readerLines: 7, records: 3, emptyLines: 3, breaksInCells: 1, encoding: 'utf-8' });
    expect(linesAccounted(stats)).toBe(true);
    const kept = await read(utf8(text), 1, { skipEmptyLines: false });
    expect(kept.stats).toMatchObject({ lines: 7, readerLines: 7, records: 6, emptyLines: 0, breaksInCells: 1 });
  });

  it('are filled in by readTable for CSV and XLSX alike', async () => {
    const stats = emptyStats('xlsx');
    await collect(readTable({ name: 'a.csv', source: utf8('a\nb\n') }, { stats }));
    expect(stats).toMatchObject({ format: 'csv', lines: 2, records: 2 });
  });
});

describe('BOM-less UTF-16', () => {
  const utf16 = (text: string, le: boolean): Uint8Array => {
    const out = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[i * 2 + (le ? 0 : 1)] = c & 0xff;
      out[i * 2 + (le ? 1 : 0)] = c >> 8;
    }
    return out;
  };

  it('is read even when characters such as 一 (U+4E00) put NULs on the other side', async () => {
    const text = '企业名称,备注\r\n一一食品有限公司,一\r\n万丈（上海）贸易有限公司,一二三\r\n';
    for (const le of [true, false]) {
      const { records, stats } = await read(utf16(text, le), 7);
      expect(records.map((r) => r.cells)).toEqual([
        ['企业名称', '备注'],
        ['一一食品有限公司', '一'],
        ['万丈（上海）贸易有限公司', '一二三'],
      ]);
      expect(stats.encoding).toBe(le ? 'utf-16le' : 'utf-16be');
    }
  });

  it('is not claimed for binary data whose NULs happen to lean one way', async () => {
    const junk = Uint8Array.from({ length: 8192 }, (_, i) => (i & 1 ? 0 : [1, 2, 3, 0xd8, 0xdc][i % 5]!));
    await expect(collect(readCsv(junk))).rejects.toMatchObject({ code: 'binary' });
    const zip = concat(hex('50 4B 03 04 14 00 06 00 08 00 00 00 21 00'), new Uint8Array(200));
    await expect(collect(readCsv(zip))).rejects.toMatchObject({ code: 'binary' });
  });
});

describe('every line accounted for (property)', () => {
  const plain = fc.string({ unit: fc.constantFrom('a', '甲', ' ', '1', '-', '（', '一'), maxLength: 6 });
  const quotedText = fc.string({ unit: fc.constantFrom('a', '甲', ',', '"', '\n', '\r\n', '\r', ' '), maxLength: 8 });
  type Cell = { kind: 'plain' | 'quoted' | 'stray'; text: string };
  const cell: fc.Arbitrary<Cell> = fc.oneof(
    { weight: 6, arbitrary: plain.map((text) => ({ kind: 'plain' as const, text })) },
    { weight: 3, arbitrary: quotedText.map((text) => ({ kind: 'quoted' as const, text })) },
    { weight: 1, arbitrary: plain.map((text) => ({ kind: 'stray' as const, text })) },
  );
  const line = fc.record({
    cells: fc.oneof(fc.constant([] as Cell[]), fc.array(cell, { minLength: 1, maxLength: 4 })),
    eol: fc.constantFrom('\r\n', '\n', '\r'),
  });
  const file = fc.record({
    lines: fc.array(line, { minLength: 1, maxLength: 25 }),
    bom: fc.boolean(),
    trailingBreak: fc.boolean(),
    chunk: fc.integer({ min: 1, max: 23 }),
  });

  const written = (c: Cell): string =>
    c.kind === 'quoted' ? `"${c.text.replaceAll('"', '""')}"` : c.kind === 'stray' ? `"${c.text}` : c.text;

  it('lines of the file = lines the parser read = records + empty lines + breaks in cells; good rows read exactly', async () => {
    await fc.assert(
      fc.asyncProperty(file, async ({ lines, bom, trailingBreak, chunk }) => {
        let text = '';
        const starts: number[] = []; // physical line each generated row starts on
        const offsets: number[] = [];
        const bodies = lines.map((l) => l.cells.map(written).join(','));
        lines.forEach((l, i) => {
          starts.push(physicalLines(text + 'x'));
          offsets.push(text.length);
          let eol = i < lines.length - 1 || trailingBreak ? l.eol : '';
          // a CR before an empty line ending in LF would make one CRLF of two breaks
          if (eol === '\r' && bodies[i + 1] === '' && lines[i + 1]!.eol.startsWith('\n')) eol = '\r\n';
          text += bodies[i] + eol;
        });
        const bytes = utf8((bom ? '\uFEFF' : '') + text);
        if (!/[^\r\n]/.test(text)) {
          await expect(collect(readCsv(bytes))).rejects.toMatchObject({ code: 'empty' });
          return;
        }
        const { records, stats } = await read(bytes, chunk);

        const expected = physicalLines(text);
        expect(stats.lines).toBe(expected);
        expect(stats.readerLines).toBe(expected);
        expect(stats.records + stats.emptyLines + stats.breaksInCells).toBe(expected);
        expect(stats.records).toBe(records.length);
        expect(stats.malformed).toBe(records.filter((r) => r.error).length);

        const strays = lines.flatMap((l, i) => (l.cells.some((c) => c.kind === 'stray') ? [i] : []));
        const rowsOf = (from: number, to: number) =>
          lines
            .slice(from, to)
            .map((l, k) => ({ line: starts[from + k]!, cells: l.cells.map((c) => c.text), body: bodies[from + k]! }))
            .filter((r) => r.body !== '')
            .map(({ line, cells }) => ({ line, cells }));
        if (strays.length === 0) {
          expect(records).toEqual(rowsOf(0, lines.length));
          return;
        }
        // Up to the first stray quote everything reads as written, and a record starts on its row.
        const first = strays[0]!;
        expect(records.filter((r) => r.line < starts[first]!)).toEqual(rowsOf(0, first));
        expect(records.some((r) => r.line === starts[first])).toBe(true);
        // A lone stray quote with no quote after it costs exactly its own row.
        const cells = lines[first]!.cells;
        const k = cells.findIndex((c) => c.kind === 'stray');
        const strayAt = offsets[first]! + cells.slice(0, k).map(written).join(',').length + (k > 0 ? 1 : 0);
        if (strays.length === 1 && !text.includes('"', strayAt + 1)) {
          expect(records.filter((r) => r.error).map((r) => r.line)).toEqual([starts[first]]);
          expect(records.filter((r) => !r.error)).toEqual([...rowsOf(0, first), ...rowsOf(first + 1, lines.length)]);
        }
      }),
      { numRuns: 400 },
    );
  });
});

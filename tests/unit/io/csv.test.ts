import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhError } from '../words';
import { CsvParser, readCsv, readCsvBatches, sniffDelimiter, UNMATCHED_QUOTE, writeCsv, type CsvRecord } from '../../../lib/io';
import { cellsOf, chunked, collect, failure, utf8 } from './helpers';

/** Parse whole and in 1-byte chunks; both must agree. */
async function parse(text: string, opts = {}): Promise<CsvRecord[]> {
  const whole = await collect(readCsv(utf8(text), opts));
  const bytewise = await collect(readCsv(chunked(utf8(text), 1), opts));
  expect(bytewise).toEqual(whole);
  return whole;
}

describe('readCsv (RFC 4180)', () => {
  it('splits fields and records with CRLF, LF or CR', async () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      expect(cellsOf(await parse(`a,b,c${eol}1,2,3${eol}`))).toEqual([
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ]);
    }
  });

  it('handles quotes, doubled quotes, delimiters and line breaks inside quotes', async () => {
    const records = await parse('名称,备注\r\n"某某, 有限公司","他说""好""\r\n第二行"\r\n"",x\r\n');
    expect(records).toEqual([
      { line: 1, cells: ['名称', '备注'] },
      { line: 2, cells: ['某某, 有限公司', '他说"好"\r\n第二行'] },
      { line: 4, cells: ['', 'x'] },
    ]);
  });

  it('numbers records by the physical line they start on', async () => {
    const records = await parse('h\n"a\nb\nc"\n\nz\r\n"q\r\nr"\rlast');
    expect(records.map((r) => r.line)).toEqual([1, 2, 6, 7, 9]);
  });

  it('ignores a trailing empty line and keeps a last line without a break', async () => {
    expect(cellsOf(await parse('a,b\n1,2\n'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(cellsOf(await parse('a,b\n1,2'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps empty fields, including trailing ones', async () => {
    expect(cellsOf(await parse('a,,c,\n,,\n'))).toEqual([
      ['a', '', 'c', ''],
      ['', '', ''],
    ]);
  });

  it('can keep empty lines when asked', async () => {
    expect(await parse('a\n\nb\n', { skipEmptyLines: false })).toEqual([
      { line: 1, cells: ['a'] },
      { line: 2, cells: [''] },
      { line: 3, cells: ['b'] },
    ]);
  });

  it('keeps text after a closing quote and quotes inside unquoted fields, as spreadsheets do', async () => {
    expect(cellsOf(await parse('"a"b,c"d\n'))).toEqual([['ab', 'c"d']]);
  });

  it('reports an unterminated quote at its line and reads the lines after it', async () => {
    // Until issue 10 the quote took the rest of the file into one cell.
    expect(await parse('a,"b\nc')).toEqual([
      { line: 1, cells: ['a', '"b'], error: UNMATCHED_QUOTE },
      { line: 2, cells: ['c'] },
    ]);
  });

  it('sniffs semicolon and tab delimiters from the first line', async () => {
    expect(cellsOf(await parse('a;b;c\n"1;x";2,5;3\n'))).toEqual([
      ['a', 'b', 'c'],
      ['1;x', '2,5', '3'],
    ]);
    expect(cellsOf(await parse('a\tb\n1,5\t2\n'))).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ]);
    expect(sniffDelimiter('"a;b;c",d,e')).toBe(',');
    expect(sniffDelimiter('single')).toBe(',');
  });

  it('accepts a forced delimiter', async () => {
    expect(cellsOf(await parse('a|b\n', { delimiter: '|' }))).toEqual([['a', 'b']]);
  });

  it('reads Blob, ReadableStream and buffer sources alike', async () => {
    const text = 'a,b\r\n"x\r\ny",2\r\n';
    const fromBlob = await collect(readCsv(new Blob([text])));
    const fromStream = await collect(readCsv(new Blob([text]).stream()));
    expect(fromBlob).toEqual(await collect(readCsv(utf8(text))));
    expect(fromStream).toEqual(fromBlob);
  });

  it('yields progressively and reports bytes read', async () => {
    const text = 'h\n' + 'row\n'.repeat(300_000);
    const bytes = utf8(text);
    const progress: Array<[number, number | undefined]> = [];
    let batches = 0;
    let rows = 0;
    for await (const batch of readCsvBatches(chunked(bytes, 65536), {
      totalBytes: bytes.length,
      onProgress: (read, total) => progress.push([read, total]),
    })) {
      batches++;
      rows += batch.length;
    }
    expect(rows).toBe(300_001);
    expect(batches).toBeGreaterThan(10);
    expect(progress.at(-1)).toEqual([bytes.length, bytes.length]);
    expect(progress.map(([read]) => read)).toEqual([...progress.map(([read]) => read)].sort((a, b) => a - b));
  });
});

describe('readCsv failures', () => {
  it('calls an empty file empty', async () => {
    for (const bytes of [new Uint8Array(0), new Uint8Array([0xef, 0xbb, 0xbf]), utf8('\r\n\n')]) {
      const e = await failure(() => collect(readCsv(bytes)));
      expect(e).toMatchObject({ code: 'empty' });
      expect(zhError(e)).toBe('文件为空');
    }
  });

  it('calls binary junk binary', async () => {
    const junk = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 2654435761) >>> 24);
    const e = await failure(() => collect(readCsv(junk)));
    expect(e).toMatchObject({ code: 'binary' });
    expect(zhError(e)).toBe('文件不是文本表格（可能是二进制文件或已损坏）');
  });

  it('stops a 50 MB line early, without reading the rest or building huge strings', async () => {
    const block = utf8('a'.repeat(64 * 1024));
    let pulled = 0;
    async function* fiftyMegabytes(): AsyncGenerator<Uint8Array> {
      yield utf8('header\n');
      for (let i = 0; i < 800; i++) {
        pulled++;
        yield block;
      }
    }
    const e = await failure(() => collect(readCsv(fiftyMegabytes())));
    expect(e).toMatchObject({ code: 'line-too-long', line: 2 });
    expect(zhError(e)).toBe('第 2 行超过 1 MB，文件可能已损坏');
    expect(pulled).toBeLessThan(40);
  });

  it('applies maxLineBytes to quoted records too', async () => {
    const text = `a\n"${'x'.repeat(5000)}\n${'y'.repeat(5000)}"\n`;
    const e = await failure(() => collect(readCsv(chunked(utf8(text), 1000), { maxLineBytes: 4096 })));
    expect(e).toMatchObject({ code: 'line-too-long', line: 2 });
  });

  it('stops with "aborted" when the signal fires mid-stream, and releases the source', async () => {
    const controller = new AbortController();
    let closed = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; ; i++) yield utf8(`${i},x\n`);
      } finally {
        closed = true;
      }
    }
    let seen = 0;
    const e = await failure(async () => {
      for await (const _ of readCsv(endless(), { signal: controller.signal })) {
        if (++seen === 100) controller.abort();
      }
    });
    expect(e).toMatchObject({ code: 'aborted' });
    expect(zhError(e)).toBe('已取消');
    expect(seen).toBeLessThan(200);
    expect(closed).toBe(true);
  });

  it('cancels a ReadableStream source when the reader stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(utf8('a,b\n'.repeat(100))),
      cancel: () => {
        cancelled = true;
      },
    });
    for await (const _ of readCsv(stream)) break;
    expect(cancelled).toBe(true);
  });

  it('wraps a failing source as read-failed', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield utf8('a\n');
      throw new Error('disk gone');
    }
    const e = await failure(() => collect(readCsv(broken())));
    expect(e.code).toBe('read-failed');
  });
});

describe('CsvParser', () => {
  it('waits for the character after a CR before ending a record', () => {
    const p = new CsvParser();
    expect(p.push('a,b\r', false)).toEqual([]);
    expect(p.push('\n1,2\r', false)).toEqual([{ line: 1, cells: ['a', 'b'] }]);
    expect(p.push('', true)).toEqual([{ line: 2, cells: ['1', '2'] }]);
  });
});

describe('writeCsv', () => {
  it('writes a BOM, CRLF and quotes only where needed', () => {
    expect(
      writeCsv([
        ['名称', '备注'],
        ['a,b', 'say "hi"'],
        ['line\nbreak', 5],
      ]),
    ).toBe('\uFEFF名称,备注\r\n"a,b","say ""hi"""\r\n"line\nbreak",5\r\n');
    expect(writeCsv([['x']], { bom: false })).toBe('x\r\n');
  });

  it('neutralises formula-looking strings but leaves numbers alone', () => {
    const csv = writeCsv([['=SUM(A1)', '+1', '-2', '@x', ' =1', '\t=1', 'a=b', -3, 1.5, null]], { bom: false });
    expect(csv).toBe(`'=SUM(A1),'+1,'-2,'@x,' =1,'\t=1,a=b,-3,1.5,\r\n`);
  });

  it('writes a lone empty cell so that it reads back as a record', async () => {
    const csv = writeCsv([['a'], [''], ['b']], { bom: false });
    expect(cellsOf(await collect(readCsv(utf8(csv))))).toEqual([['a'], [''], ['b']]);
  });

  it('round-trips random tables through readCsv (property)', async () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('"', '""', ',', '\r\n', '\n', '\r', ' ', '=1+1', '企业,名称', '"a\nb"'),
    );
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(table, fc.integer({ min: 1, max: 17 }), async (rows, chunk) => {
        // Rows of one empty cell are written as "" and survive; a table must not be all blank lines.
        const csv = writeCsv(rows, { neutralize: false });
        const back = await collect(readCsv(chunked(utf8(csv), chunk), { delimiter: ',' }));
        expect(cellsOf(back)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { zhError } from '../words';
import { detectEncoding, readCsv } from '../../../lib/io';
import { cellsOf, chunked, collect, concat, failure, hex, utf8 } from './helpers';

// GB18030 (GBK) bytes of the Chinese used below, as Chinese Excel writes them.
const GBK = {
  企业名称: hex('C6 F3 D2 B5 C3 FB B3 C6'),
  统一社会信用代码: hex('CD B3 D2 BB C9 E7 BB E1 D0 C5 D3 C3 B4 FA C2 EB'),
  列入日期: hex('C1 D0 C8 EB C8 D5 C6 DA'),
  某某食品有限公司: hex('C4 B3 C4 B3 CA B3 C6 B7 D3 D0 CF DE B9 AB CB BE'),
  张三: hex('D5 C5 C8 FD'),
};
const ascii = (s: string): Uint8Array => utf8(s);

describe('detectEncoding', () => {
  it('tells the BOMs apart', () => {
    expect(detectEncoding(concat(hex('EF BB BF'), utf8('名称')))).toBe('utf-8-bom');
    expect(detectEncoding(hex('FF FE 0D 4F'))).toBe('utf-16le');
  });

  it('prefers UTF-8 when the bytes are valid UTF-8', () => {
    expect(detectEncoding(utf8('企业名称,统一社会信用代码\n'))).toBe('utf-8');
    expect(detectEncoding(utf8('name,code\n'))).toBe('utf-8');
  });

  it('recognises GB18030 (GBK) as Chinese Excel saves it', () => {
    expect(detectEncoding(concat(GBK.企业名称, ascii(','), GBK.统一社会信用代码, ascii('\r\n')))).toBe('gb18030');
  });

  it('tolerates a character cut off at the end of the sample, unless the sample is the whole file', () => {
    const cut = utf8('企业名称').subarray(0, 5);
    expect(detectEncoding(cut)).toBe('utf-8');
    expect(detectEncoding(cut, { complete: true })).not.toBe('utf-8');
  });

  it('calls NUL-heavy or control-heavy junk binary', () => {
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    expect(detectEncoding(junk)).toBe('binary');
    expect(detectEncoding(hex('50 4B 03 04 14 00 06 00 08 00 00 00 21 00'))).toBe('binary');
    expect(detectEncoding(utf8('a,b\x01\x02\x03\x04\n'))).toBe('binary');
  });

  it('says unknown for high bytes that are neither UTF-8 nor GB18030', () => {
    expect(detectEncoding(hex('61 FF 62 FF 63 80'), { complete: true })).toBe('unknown');
  });
});

describe('readCsv decoding', () => {
  const gbkFile = concat(
    GBK.企业名称,
    ascii(','),
    GBK.统一社会信用代码,
    ascii(','),
    GBK.列入日期,
    ascii('\r\n'),
    GBK.某某食品有限公司,
    ascii(',91350100M000100Y43,2023-07-14\r\n'),
    GBK.张三,
    ascii(',,2024-01-02\r\n'),
  );
  const expected = [
    ['企业名称', '统一社会信用代码', '列入日期'],
    ['某某食品有限公司', '91350100M000100Y43', '2023-07-14'],
    ['张三', '', '2024-01-02'],
  ];

  it('reads GB18030 whole and in 1-byte chunks (multi-byte characters split across chunks)', async () => {
    expect(cellsOf(await collect(readCsv(gbkFile)))).toEqual(expected);
    expect(cellsOf(await collect(readCsv(chunked(gbkFile, 1))))).toEqual(expected);
    expect(cellsOf(await collect(readCsv(chunked(gbkFile, 3))))).toEqual(expected);
  });

  it('reads UTF-8 with and without BOM, the BOM not ending up in the first header', async () => {
    const text = '企业名称,统一社会信用代码,列入日期\r\n某某食品有限公司,91350100M000100Y43,2023-07-14\r\n张三,,2024-01-02\r\n';
    for (const bytes of [utf8(text), concat(hex('EF BB BF'), utf8(text))]) {
      expect(cellsOf(await collect(readCsv(bytes)))).toEqual(expected);
      expect(cellsOf(await collect(readCsv(chunked(bytes, 1))))).toEqual(expected);
    }
  });

  it('reads UTF-16LE with BOM (Excel "Unicode text", tab-separated)', async () => {
    const text = '企业名称\t代码\r\n张三\t1\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect(cellsOf(await collect(readCsv(chunked(bytes, 1))))).toEqual([
      ['企业名称', '代码'],
      ['张三', '1'],
    ]);
  });

  it('decides between UTF-8 and GB18030 late when the start of a big file is plain ASCII', async () => {
    const head = ascii('name,code\r\n' + 'abc,123\r\n'.repeat(10_000));
    const file = concat(head, GBK.张三, ascii(',9\r\n'));
    const records = await collect(readCsv(chunked(file, 4096)));
    expect(records.at(-1)).toEqual({ line: 10_002, cells: ['张三', '9'] });
  });

  it('rejects a file mixing encodings with an encoding error naming the line', async () => {
    const file = concat(utf8('名称\r\n' + '张三\r\n'.repeat(20_000)), GBK.张三, ascii('\r\n'));
    const e = await failure(() => collect(readCsv(chunked(file, 1000))));
    expect(e).toMatchObject({ code: 'encoding', line: 20_002 });
    expect(zhError(e)).toContain('第 20002 行');
  });

  it('rejects bytes in no known encoding', async () => {
    const e = await failure(() => collect(readCsv(hex('61 FF 62 FF 63 80 0A'))));
    expect(e).toMatchObject({ code: 'encoding' });
    expect(zhError(e)).toContain('无法识别文件编码');
  });

  it('honours a forced encoding', async () => {
    const records = await collect(readCsv(concat(GBK.张三, ascii('\n')), { encoding: 'gb18030' }));
    expect(cellsOf(records)).toEqual([['张三']]);
  });
});

describe('damaged UTF-8', () => {
  it('is reported, not read as GB18030 mojibake', async () => {
    const file = concat(utf8('企业名称,统一社会信用代码\r\n某某食品有限公司,1\r\n'), hex('FF'), utf8('张三,2\r\n'));
    expect(detectEncoding(file, { complete: true })).toBe('utf-8');
    const e = await failure(() => collect(readCsv(file)));
    expect(e).toMatchObject({ code: 'encoding' });
    expect(zhError(e)).toContain('第 3 行');
  });
});

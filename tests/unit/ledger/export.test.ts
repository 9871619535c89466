import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { readCsv, readXlsx, readXlsxMerges } from '../../../lib/io';
import {
  COUNTING_RULES,
  formatPeriod,
  statsTableCsv,
  statsTableHtml,
  statsTableXlsx,
  tallyTable,
  type StatsTable,
} from '../../../lib/ledger';
import { makeCase } from './helpers';

const TITLE = '经营主体严重违法失信行为专项治理行动工作情况表';
const HEADERS = ['监管领域', '列入严重违法失信名单（件）', '集中公示“屡禁不止、屡罚不改”经营主体户数（户）', '宣传曝光典型案例（件）'];
const ROWS = ['食品安全', '药品、医疗器械、化妆品', '质量安全', '侵害消费者权益', '破坏公平竞争秩序和扰乱市场秩序', '其他', '合计'];

function sampleTable(): StatsTable {
  return tallyTable(
    [
      makeCase({ domain: 'food', listingDate: '2023-07-03' }),
      makeCase({ domain: 'food', listingDate: '2023-07-04', exposureDate: '2023-07-05' }),
      makeCase({ domain: 'drug', listingDate: '2023-07-06' }),
      makeCase({ domain: 'competition', repeatPublicityDate: '2023-07-07', partyName: '某公司' }),
      makeCase({ domain: 'other', exposureDate: '2023-07-08' }),
    ],
    { from: '2023-07-01', to: '2023-11-30' },
  );
}

async function rowsOf(source: Uint8Array, sheet?: number): Promise<string[][]> {
  const out: string[][] = [];
  for await (const r of readXlsx(source, sheet === undefined ? {} : { sheet })) out[r.line - 1] = r.cells;
  return out;
}

describe('statsTableXlsx', () => {
  const bytes = statsTableXlsx(sampleTable(), { unitName: '洛阳市市场监督管理局', periodText: '2023年7月至11月' });

  it('reads back in the annex layout with the counts', async () => {
    const rows = await rowsOf(bytes);
    expect(rows[0]![0]).toBe(TITLE);
    expect(rows[1]![0]).toBe('填报单位：洛阳市市场监督管理局');
    expect(rows[1]![2]).toBe('时间：2023年7月至11月');
    expect(rows[2]).toEqual(HEADERS);
    expect(rows.slice(3, 10).map((r) => r[0])).toEqual(ROWS);
    expect(rows.slice(3, 10).map((r) => r.slice(1).map(Number))).toEqual([
      [2, 0, 1],
      [1, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [3, 1, 2],
    ]);
    expect(rows).toHaveLength(10);
  });

  it('merges the title and the 填报单位 / 时间 cells, borders the table and sets A4 portrait', async () => {
    expect((await readXlsxMerges(bytes)).sort()).toEqual(['A1:D1', 'A2:B2', 'C2:D2']);
    const files = unzipSync(bytes);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('<mergeCell ref="A1:D1"/>');
    expect(sheet).toContain('<mergeCell ref="A2:B2"/>');
    expect(sheet).toContain('<mergeCell ref="C2:D2"/>');
    expect(sheet).toMatch(/<pageSetup paperSize="9" orientation="portrait"\/>/);
    expect(sheet.match(/<col min="\d" max="\d" width="\d+" customWidth="1"\/>/g)).toHaveLength(4);
    const styles = strFromU8(files['xl/styles.xml']!);
    // Every table cell A3:D10 uses a cell format with the thin border.
    const xfs = [...styles.matchAll(/<xf numFmtId="\d+" fontId="\d+" fillId="0" borderId="(\d)"/g)].map((m) => m[1]);
    const cellXfs = xfs.slice(1); // the first is cellStyleXfs
    for (const ref of ['A3', 'D3', 'A4', 'B9', 'D10']) {
      const s = new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet);
      expect(s, ref).not.toBeNull();
      expect(cellXfs[Number(s![1])], ref).toBe('1');
    }
    expect(/<c r="A1" s="(\d+)"/.exec(sheet)).not.toBeNull();
  });

  it('states the counting rules on a second sheet', async () => {
    const rules = (await rowsOf(bytes, 1)).map((r) => r[0]);
    expect(rules[0]).toBe('统计口径');
    for (const r of COUNTING_RULES) expect(rules).toContain(r.zh);
    expect(rules.some((l) => l?.includes('2023年7月1日至2023年11月30日'))).toBe(true);
  });

  it('prefixes the city when asked and derives the period text by default', async () => {
    const rows = await rowsOf(statsTableXlsx(sampleTable(), { unitName: '某局', titlePrefix: '洛阳市' }));
    expect(rows[0]![0]).toBe(`洛阳市${TITLE}`);
    expect(rows[1]![2]).toBe('时间：2023年7月1日至2023年11月30日');
    expect(formatPeriod('2023-07-01', '2023-07-01')).toBe('2023年7月1日');
  });
});

describe('statsTableCsv', () => {
  it('starts with a BOM, keeps the layout and neutralises a formula-like unit name', async () => {
    const csv = statsTableCsv(sampleTable(), { unitName: '=HYPERLINK("http://x","点我")', periodText: '@SUM(A1)' });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = [];
    for await (const r of readCsv(new TextEncoder().encode(csv))) rows.push(r.cells);
    expect(rows[0]![0]).toBe(TITLE);
    expect(rows[1]).toEqual(['填报单位：', `'=HYPERLINK("http://x","点我")`, '时间：', "'@SUM(A1)"]);
    expect(rows[2]).toEqual(HEADERS);
    expect(rows.slice(3).map((r) => r[0])).toEqual(ROWS);
    expect(rows[9]).toEqual(['合计', '3', '1', '2']);
  });
});

describe('statsTableHtml', () => {
  it('is an A4 print page with every untrusted text escaped', () => {
    const html = statsTableHtml(sampleTable(), {
      unitName: '<img src=x onerror=alert(1)>某局',
      periodText: '2023年"7"月',
      withRules: true,
    });
    expect(html).toContain('@page { size: A4 portrait;');
    expect(html).not.toContain('<img');
    expect(html).toContain('填报单位：&lt;img src=x onerror=alert(1)&gt;某局');
    expect(html).toContain('时间：2023年&quot;7&quot;月');
    expect(html).not.toMatch(/<script/i);
    for (const h of HEADERS) expect(html).toContain(h);
    const rowTitles = [...html.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(rowTitles).toEqual(ROWS);
    expect(html).toContain('<tr class="total"><th scope="row">合计</th><td>3</td><td>1</td><td>2</td></tr>');
    expect(html).toContain(COUNTING_RULES[0]!.zh);
  });
});

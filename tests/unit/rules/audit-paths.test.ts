import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import zhMessages from '../../../public/_locales/zh_CN/messages.json';
import { csvRow } from '../../../lib/io';
import { bundledPacks, translatorFromMessages, type MessageEntry } from '../../../lib/rules';
import { auditFile, type AuditOptions, type AuditRow } from '../../../lib/rules/audit';
import { EXPORT_HEADER, generateCaseExport, generateCaseRows } from '../../bench/gen-cases';
import { EXPORT_COLUMNS, RealDecision } from '../../fixtures/real-decisions/schema';

// The bulk audit's default path recalls what repeats from row to row (legal bases, penalty wordings, dates); the
// plain path reads every row afresh. On the same rows both must give the same report, column for column.

const t = translatorFromMessages(zhMessages as Record<string, MessageEntry>);

/** Every output column of every row, with the row's line. */
async function report(name: string, source: Uint8Array | Blob, opts: Omit<AuditOptions, 't' | 'packs'>) {
  const run = await auditFile({ name, source }, { ...opts, packs: bundledPacks, t });
  const rows: Array<Pick<AuditRow, 'line' | 'verdict' | 'unlisted' | 'reasons' | 'citations'>> = [];
  for await (const batch of run.rows) {
    for (const r of batch)
      rows.push({ line: r.line, verdict: r.verdict, unlisted: r.unlisted, reasons: r.reasons, citations: r.citations });
  }
  return { rows, summary: run.summary };
}

async function bothPaths(name: string, source: Uint8Array | Blob, at: string) {
  const fast = await report(name, source, { at });
  const plain = await report(name, source, { at, plain: true });
  return { fast, plain };
}

function realDecisionsExport(): string {
  const dir = 'tests/fixtures/real-decisions/cases';
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => RealDecision.parse(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
  const lines = [csvRow(EXPORT_COLUMNS.map(([header]) => header))];
  for (const c of cases) lines.push(csvRow(EXPORT_COLUMNS.map(([, cell]) => cell(c) ?? '')));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// Dates on and around the bounds of the packs and of the law versions their signals name, and partial ones.
const EDGE_DATES = [
  '2017-12-31',
  '2018-01-01',
  '2021-08-31',
  '2021-09-01',
  '2025-10-13',
  '2025-10-14',
  '2025-10-15',
  '2025-10',
  '2021年9月',
  '',
];

/**
 * The generated rows, about half with texts of their own (the facts and the amounts in the penalty differ from row
 * to row, as in an export whose 违法的主要事实 tells each case) and the others repeating the same wordings over
 * dates on either side of each bound, so that what is recalled meets both.
 */
function mixedExport(n: number, seed: number): string {
  const lines = [csvRow(EXPORT_HEADER)];
  let i = 0;
  for (const cells of generateCaseRows(n, seed)) {
    const row = [...cells];
    if (i % 2 === 0) row[4] = `${row[4]}经查，当事人第${i}批次产品涉案。`;
    if (i % 3 === 0) row[6] = row[6]!.replace(/\d+(?:\.\d+)?/, String(100 + i));
    if (i % 5 === 1) row[5] = `${row[5]}第二款`;
    if (i % 4 === 2) row[8] = EDGE_DATES[(i >> 2) % EDGE_DATES.length]!;
    if (i % 11 === 3) row[0] = '';
    if (i % 13 === 5) {
      // Cited by number only: whether the provision counts depends on the law's version in force on the date.
      row[4] = '当事人违反规定从事经营活动。';
      row[5] = '《中华人民共和国反不正当竞争法》第二十一条';
      row[8] = EDGE_DATES[i % EDGE_DATES.length]!;
    }
    lines.push(csvRow(row, { neutralize: false }));
    i++;
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

describe('the bulk audit: default path against the plain path', () => {
  it.each([
    [1, '2026-11-22'],
    [7, '2025-01-01'],
  ])(
    'generated export (seed %i, at %s): the same report',
    async (seed, at) => {
      const { fast, plain } = await bothPaths('generated.csv', generateCaseExport(4000, seed), at);
      expect(fast.rows).toHaveLength(4000);
      expect(fast.rows).toEqual(plain.rows);
      expect(fast.summary).toEqual(plain.summary);
      // Every verdict occurs, so the comparison covers every rule.
      expect(Object.values(fast.summary.counts).every((n) => n > 0)).toBe(true);
    },
    120_000,
  );

  it('generated export with many distinct texts and dates on every bound: the same report', async () => {
    const { fast, plain } = await bothPaths('mixed.csv', new Blob([mixedExport(3000, 3)]), '2026-11-22');
    expect(fast.rows).toHaveLength(3000);
    expect(fast.rows).toEqual(plain.rows);
    expect(Object.values(fast.summary.counts).every((n) => n > 0)).toBe(true);
  }, 120_000);

  it('the same wordings without and then with a fine of unstated level: the same report', async () => {
    // The fine's level is asked of texts first read for a row that had no fine, with other texts read between.
    const row = (no: number, fine: string, facts = '当事人生产经营超过保质期的食品。') =>
      csvRow([
        `沪市监罚〔2024〕${no}号`,
        '上海某食品有限公司',
        '',
        '食品安全',
        facts,
        '《中华人民共和国食品安全法》第一百二十四条第一款第（二）项',
        '警告',
        fine,
        '2024-05-06',
        '',
        '否',
      ]);
    const text = [csvRow(EXPORT_HEADER), row(1, ''), row(2, '', '当事人未按规定公示年度报告。'), row(3, '5'), row(4, '0.2')].join('\r\n');
    const { fast, plain } = await bothPaths('fine-later.csv', new Blob([`${text}\r\n`]), '2026-11-22');
    expect(fast.rows).toHaveLength(4);
    expect(fast.rows).toEqual(plain.rows);
  });

  it('demo export: the same report', async () => {
    const { fast, plain } = await bothPaths('cases-export.csv', readFileSync('tests/fixtures/demo/data/cases-export.csv'), '2026-11-22');
    expect(fast.rows.length).toBeGreaterThan(0);
    expect(fast.rows).toEqual(plain.rows);
  });

  it('real-decisions corpus: the same report', async () => {
    const { fast, plain } = await bothPaths('real-decisions.csv', new Blob([realDecisionsExport()]), '2026-12-03');
    expect(fast.rows.length).toBeGreaterThan(50);
    expect(fast.rows).toEqual(plain.rows);
  });
});

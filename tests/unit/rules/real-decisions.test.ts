import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zhMessages from '../../../public/_locales/zh_CN/messages.json';
import { csvRow } from '../../../lib/io';
import { bundledPacks, translatorFromMessages, type MessageEntry } from '../../../lib/rules';
import { auditFile, type AuditRow } from '../../../lib/rules/audit';
import { EXPORT_COLUMNS, RealDecision, decidedBeforeOrder44 } from '../../fixtures/real-decisions/schema';

// The corpus of real public decisions (tests/fixtures/real-decisions), written as one case export and run through
// the bulk audit exactly as `npm run audit` runs it (auditFile over a CSV file). It fails on a real listing called
// not-required, on a verdict outside a case's acceptable ones, and on 应列未列 raised for a decision made before
// Order No. 44. Cases whose source is incomplete are audited but not asserted.

const DIR = 'tests/fixtures/real-decisions/cases';
/** The day the corpus was read: the date used for rows without a readable decision date. */
const AT = '2026-12-03';

const cases: RealDecision[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const parsed = RealDecision.safeParse(JSON.parse(readFileSync(join(DIR, f), 'utf8')));
    if (!parsed.success) throw new Error(`${f}: ${parsed.error.message}`);
    if (`${parsed.data.id}.json` !== f) throw new Error(`${f}: id ${parsed.data.id} does not match the file name`);
    return parsed.data;
  });

const t = translatorFromMessages(zhMessages as Record<string, MessageEntry>);
const verdictOf = new Map<string, AuditRow>();

function exportCsv(): string {
  const lines = [csvRow(EXPORT_COLUMNS.map(([header]) => header))];
  for (const c of cases) lines.push(csvRow(EXPORT_COLUMNS.map(([, cell]) => cell(c) ?? '')));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

beforeAll(async () => {
  const run = await auditFile({ name: 'real-decisions.csv', source: new Blob([exportCsv()]) }, { at: AT, packs: bundledPacks, t });
  const rows: AuditRow[] = [];
  for await (const batch of run.rows) rows.push(...batch);
  // Line 1 is the header; case i is on line i + 2.
  for (const row of rows) verdictOf.set(cases[row.line - 2]!.id, row);
});

const isListing = (c: RealDecision) => c.outcome.listed === 'yes';
const evidence = cases.filter((c) => c.sourceComplete);

/** The per-article count of the corpus (evidence only), and every case's verdict today. */
afterAll(() => {
  const count = (p: (c: RealDecision) => boolean) => evidence.filter(p).length;
  const table: Record<string, number> = {};
  for (const a of ['5', '6', '7', '8', '9', '10', '11', 'judgment'] as const)
    table[a === 'judgment' ? 'listed on a court judgment' : `listed, Art. ${a}`] = count((c) => isListing(c) && c.outcome.article === a);
  table['listed, article not stated'] = count((c) => isListing(c) && c.outcome.article === null);
  table['ordinary penalty, nothing heavier'] = count((c) => c.penaltyClass === 'ordinary');
  table['heavier penalty, listing not reported'] = count((c) => c.penaltyClass === 'heavier' && !isListing(c));
  table['fine of unstated level'] = count((c) => c.penaltyClass === 'fine-level-unstated');
  table['decided before 2021-09-01'] = count(decidedBeforeOrder44);
  table['evidence (total)'] = evidence.length;
  table['incomplete source (not evidence)'] = cases.length - evidence.length;
  console.log('Real-decisions corpus');
  console.table(table);
  console.table(
    cases.map((c) => {
      const row = verdictOf.get(c.id);
      return {
        id: c.id,
        evidence: c.sourceComplete ? '' : 'no',
        expected: c.expected.verdicts.join('|'),
        verdict: row?.verdict,
        unlisted: row?.unlisted,
        ok: !c.sourceComplete || (row !== undefined && c.expected.verdicts.includes(row.verdict)) ? '' : '✗',
      };
    }),
  );
});

describe('real public decisions through the bulk audit', () => {
  it('every case became one audited row', () => {
    expect(cases.length).toBeGreaterThan(0);
    expect([...verdictOf.keys()].sort()).toEqual(cases.map((c) => c.id).sort());
  });

  describe.each(evidence.filter(isListing).map((c) => [c.id, c] as const))('real listing %s', (_id, c) => {
    it('is never not-required', () => {
      expect(verdictOf.get(c.id)?.verdict, c.expected.why).not.toBe('not-required');
    });
  });

  describe.each(evidence.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    it(`${c.expected.strict ? 'strict' : 'room'}: verdict is one of ${c.expected.verdicts.join(', ')}`, () => {
      const row = verdictOf.get(c.id)!;
      expect(c.expected.verdicts, `${row.verdict}: ${row.reasons.join(' / ')} — expected because ${c.expected.why}`).toContain(row.verdict);
    });
  });

  describe.each(evidence.filter(decidedBeforeOrder44).map((c) => [c.id, c] as const))('decided before Order 44: %s', (_id, c) => {
    it('raises no 应列未列', () => {
      const row = verdictOf.get(c.id)!;
      expect(row.unlisted, `${row.verdict}: ${row.reasons.join(' / ')}`).toBe('no');
    });
  });
});

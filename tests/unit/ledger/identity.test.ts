import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageCode } from '../../../lib/messages';
import { countPenalties } from '../../../lib/entities';
import { caseIdentity, casesDigest, exportLedgerFile, parseLedgerFile, planMerge, recordCase, refoldIdentity } from '../../../lib/ledger';
import { freshDb, makeCase } from './helpers';

/*
 * One case, one identity, wherever identity is decided: the ledger (recording), merges (ledger files), and
 * repeat-offender counting. A number written with invisible characters, another bracket style, full-width
 * digits or stray spaces is the same case.
 */

const INVISIBLES = ['\u00ad', '\u200b', '\u200d', '\u2060', '\ufeff', '\u200e', '\u202b', '\u202c', '\u2066', '\u2069', '\u00a0', '\u3000'];
const BRACKETS: [string, string][] = [
  ['〔', '〕'],
  ['[', ']'],
  ['【', '】'],
  ['（', '）'],
  ['﹝', '﹞'],
  ['［', '］'],
  ['〖', '〗'],
];

const variant = fc.record({
  serial: fc.integer({ min: 1, max: 9999 }),
  brackets: fc.constantFrom(...BRACKETS),
  inserts: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLES)), { maxLength: 5 }),
  wide: fc.boolean(),
});

function written(v: { serial: number; brackets: [string, string]; inserts: [number, string][]; wide: boolean }): string {
  const digits = (s: string) => (v.wide ? s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : s);
  const units = [...`渝万州市监处字${v.brackets[0]}${digits('2023')}${v.brackets[1]}${digits(String(v.serial))}号`];
  for (const [at, c] of v.inserts) units.splice(at % (units.length + 1), 0, c);
  return units.join('');
}
const plain = (serial: number) => `渝万州市监处字〔2023〕${serial}号`;

describe('one case, one identity', () => {
  it('recording the same number written another way updates the one record (a soft hyphen, issue 10)', async () => {
    const db = freshDb();
    const who = { unit: '某县局', recorder: '张三' };
    await recordCase(db, { decisionNo: plain(497), partyName: '甲公司', listingDate: '2024-04-10', ...who });
    const again = await recordCase(db, { decisionNo: '渝万州市监处字〔2023〕49\u00ad7号', exposureDate: '2024-05-01', ...who });
    expect(again.created).toBe(false);
    expect(await db.cases.count()).toBe(1);
    await fc.assert(
      fc.asyncProperty(
        variant.filter((v) => v.serial === 497),
        async (v) => {
          const r = await recordCase(db, { decisionNo: written(v), ...who });
          expect(r.id).toBe(plain(497));
          expect(await db.cases.count()).toBe(1);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('merging a file whose numbers carry invisible characters or other brackets matches my cases', async () => {
    await fc.assert(
      fc.asyncProperty(variant, async (v) => {
        const mine = makeCase({ decisionNo: plain(v.serial), listingDate: '2023-07-01' });
        const theirs = makeCase({ decisionNo: written(v), listingDate: '2023-07-01', unit: '乙县局' });
        // a file written by a version that kept these characters in the id
        const file = JSON.parse(await exportLedgerFile([{ ...theirs, id: written(v).replace(/\s/g, '') }], '乙县局'));
        file.sha256 = await casesDigest(file.cases);
        const parsed = await parseLedgerFile(JSON.stringify(file));
        if (!parsed.ok) throw new Error(messageCode(parsed.error));
        const plan = planMerge([mine], parsed.file);
        expect(plan.add).toEqual([]);
        expect(plan.same.map((c) => c.id)).toEqual([mine.id]);
      }),
      { numRuns: 30 },
    );
  });

  it('repeat-offender counting counts a decision once however its number is written', () => {
    fc.assert(
      fc.property(fc.array(variant, { minLength: 1, maxLength: 12 }), (vs) => {
        const decisions = vs.map((v) => ({ decisionNo: written(v), date: '2023-06-01', creditRepaired: false }));
        expect(countPenalties(decisions, '2023-12-31').count).toBe(new Set(vs.map((v) => v.serial)).size);
      }),
    );
  });

  it('an id written with an older folding refolds to the current identity', () => {
    fc.assert(
      fc.property(variant, (v) => {
        expect(refoldIdentity(written(v).replace(/\s/g, ''))).toBe(caseIdentity({ decisionNo: written(v) }));
        expect(refoldIdentity(`case:${written(v).replace(/\s/g, '')}`)).toBe(caseIdentity({ caseNo: written(v) }));
      }),
    );
  });
});

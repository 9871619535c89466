import { describe, expect, it } from 'vitest';
import { importPack, packRows } from '../../../entrypoints/options/pack-import';
import { bundledPacks } from '../../../lib/rules';
import { PACK, packJson } from './helpers';

const t = (key: string, subs: string[] = []) => [key, ...subs].join('|');

/** The bundled pack re-issued under another id (its citations follow the id), for a province. */
function provincial(version = '1.0.0', effectiveFrom = '2021-09-01'): Record<string, unknown> {
  const text = JSON.stringify(packJson()).replaceAll('"order44-2021/', '"zj-order44/');
  return { ...JSON.parse(text), id: 'zj-order44', version, jurisdiction: '浙江', effectiveFrom };
}

describe('importing a rule pack', () => {
  it('adds a valid pack to the stored list', () => {
    const r = importPack(JSON.stringify(provincial()), [], bundledPacks, t);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.pack.id).toBe('zj-order44');
    expect(r.stored).toHaveLength(1);
  });

  it('refuses a broken pack with the Chinese reason, leaving the list as it was', () => {
    const stored = [provincial()];
    const broken = provincial('1.1.0');
    (broken as { effectiveFrom: string }).effectiveFrom = '2021-02-30';
    const r = importPack(JSON.stringify(broken), stored, bundledPacks, t);
    expect(r).toEqual({ ok: false, error: expect.stringContaining('effectiveFrom：日期无效') });
    expect(stored).toHaveLength(1);
    expect(importPack('{"id":', stored, bundledPacks, t)).toMatchObject({ ok: false, error: expect.stringContaining('不是有效的 JSON') });
  });

  it('refuses the id and version of the bundled pack or of an imported one', () => {
    expect(importPack(JSON.stringify(packJson()), [], bundledPacks, t)).toEqual({
      ok: false,
      error: `packs_error_duplicateBundled|order44-2021|${PACK.version}`,
    });
    const again = importPack(JSON.stringify(provincial()), [provincial()], bundledPacks, t);
    expect(again).toEqual({ ok: false, error: 'packs_error_duplicateImported|zj-order44|1.0.0' });
    expect(importPack(JSON.stringify(provincial('1.0.1')), [provincial()], bundledPacks, t).ok).toBe(true);
  });
});

describe('the list of packs', () => {
  it('marks the pack in use today: a provincial pack in force before the national one', () => {
    const rows = packRows([provincial(), provincial('2.0.0', '2030-01-01'), { id: 'broken' }], bundledPacks, '2025-06-01');
    expect(rows.map((r) => [r.source, r.pack?.version ?? null, r.inForce, r.active])).toEqual([
      ['bundled', PACK.version, true, false],
      ['imported', '1.0.0', true, true],
      ['imported', '2.0.0', false, false],
      ['imported', null, false, false],
    ]);
    expect(rows[3]).toMatchObject({ index: 2, error: expect.stringContaining('规则包无效') });
    expect(packRows([], bundledPacks, '2025-06-01')[0]!.active).toBe(true);
    expect(packRows([], bundledPacks, '2020-01-01')[0]).toMatchObject({ inForce: false, active: false });
  });
});

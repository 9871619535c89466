import { describe, expect, it } from 'vitest';
import { importPack, packRows, withoutPack } from '../../../entrypoints/options/pack-import';
import zhMessages from '../../../public/_locales/zh_CN/messages.json';
import { bundledPacks, packFile, parseRulePack, translatorFromMessages, type MessageEntry } from '../../../lib/rules';
import { PACK, packJson } from './helpers';

const t = (key: string, subs: string[] = []) => [key, ...subs].join('|');
const zhT = translatorFromMessages(zhMessages as Record<string, MessageEntry>);

/** The bundled pack re-issued under another id (its citations follow the id), for a province. */
function provincial(version = '1.0.0', effectiveFrom = '2021-09-01'): Record<string, unknown> {
  const text = JSON.stringify(packJson()).replaceAll('"order44-2021/', '"zj-order44/');
  return { ...JSON.parse(text), id: 'zj-order44', version, jurisdiction: '浙江', effectiveFrom };
}

describe('removing an imported pack', () => {
  it('removes the entry shown, wherever another tab has moved it since', () => {
    const a = provincial('1.0.0');
    const b = provincial('1.1.0');
    const c = provincial('1.2.0');
    // the page showed [a, b]; meanwhile another tab put c in front
    expect(withoutPack([c, a, b], b)).toEqual([c, a]);
    expect(withoutPack([a, b], a)).toEqual([b]);
  });

  it('removes nothing when the entry shown is gone, and a damaged entry by its content too', () => {
    expect(withoutPack([provincial('1.0.0')], provincial('1.1.0'))).toBeNull();
    expect(withoutPack(['not a pack', 7], 7)).toEqual(['not a pack']);
  });
});

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
    const r = importPack(JSON.stringify(broken), stored, bundledPacks, zhT);
    expect(r).toEqual({ ok: false, error: '规则包无效：施行日期：日期无效（应为 YYYY-MM-DD 格式的真实日期）' });
    expect(stored).toHaveLength(1);
    expect(importPack('{"id":', stored, bundledPacks, zhT)).toEqual({ ok: false, error: '规则包无效：第 1 行第 7 列附近不是有效的 JSON' });
    expect(stored).toEqual([provincial()]);
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

describe('exporting the bundled pack', () => {
  it('gives a pretty-printed file that reads back as the same pack, and imports once its version or id is changed', () => {
    const pack = bundledPacks[0]!;
    const file = packFile(pack);
    expect(file.name).toBe(`order44-2021-${pack.version}.json`);
    expect(file.text.split('\n').length).toBeGreaterThan(100);
    const back = parseRulePack(file.text);
    expect(back).toEqual({ ok: true, pack });
    // as exported it is the bundled pack itself
    expect(importPack(file.text, [], bundledPacks, t)).toMatchObject({
      ok: false,
      error: expect.stringContaining('packs_error_duplicateBundled'),
    });
    const ownVersion = file.text.replace(`"version": "${pack.version}"`, '"version": "99.0.0"');
    expect(importPack(ownVersion, [], bundledPacks, t)).toMatchObject({ ok: true, pack: { id: 'order44-2021', version: '99.0.0' } });
    const ownId = file.text.replaceAll('"order44-2021/', '"gz-order44/').replace('"id": "order44-2021"', '"id": "gz-order44"');
    expect(importPack(ownId, [], bundledPacks, t)).toMatchObject({ ok: true, pack: { id: 'gz-order44' } });
  });
});

describe('the list of packs', () => {
  it('marks the pack in use today: a provincial pack in force before the national one', () => {
    const rows = packRows([provincial(), provincial('2.0.0', '2030-01-01'), { id: 'broken' }], bundledPacks, '2025-06-01', zhT);
    expect(rows.map((r) => [r.source, r.pack?.version ?? null, r.inForce, r.active])).toEqual([
      ['bundled', PACK.version, true, false],
      ['imported', '1.0.0', true, true],
      ['imported', '2.0.0', false, false],
      ['imported', null, false, false],
    ]);
    expect(rows[3]).toMatchObject({ index: 2, error: expect.stringMatching(/^规则包无效：版本号：缺少此项；标题：缺少此项；/) });
    expect(packRows([], bundledPacks, '2025-06-01', zhT)[0]!.active).toBe(true);
    expect(packRows([], bundledPacks, '2020-01-01', zhT)[0]).toMatchObject({ inForce: false, active: false });
  });
});

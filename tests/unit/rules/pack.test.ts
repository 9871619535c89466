import { describe, expect, it } from 'vitest';
import { bundledPacks, CITATION_RE, packCitations, parseRulePack, selectPack, type RulePack } from '../../../lib/rules';
import { PACK, packJson } from './helpers';

describe('bundled Order 44 pack', () => {
  it('is valid and dated', () => {
    expect(bundledPacks).toHaveLength(1);
    expect(PACK).toMatchObject({
      id: 'order44-2021',
      effectiveFrom: '2021-09-01',
      effectiveTo: null,
      jurisdiction: 'national',
      title: '《市场监督管理严重违法失信名单管理办法》（国家市场监督管理总局令第44号）',
    });
    expect(PACK.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('cites every entry uniquely in the documented grammar', () => {
    const all = packCitations(PACK).map((c) => c.citation);
    expect(new Set(all).size).toBe(all.length);
    for (const c of all) expect(c).toMatch(CITATION_RE);
    expect(all).toEqual(
      expect.arrayContaining([
        'order44-2021/art2/1',
        'order44-2021/art2/4',
        'order44-2021/art5/1',
        'order44-2021/art5/catchall',
        'order44-2021/art10/2',
        'order44-2021/art11/0',
        'order44-2021/art12/0',
        'company-law-2023/art178/4',
        'market-entity-registration-2021/art12/4',
      ]),
    );
  });

  it('carries the statuses DOMAIN.md marks', () => {
    const item = (c: string) => PACK.violationArticles.flatMap((a) => a.items).find((i) => i.citation === c)!;
    expect(PACK.heavierPenalty.items.map((i) => i.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed']);
    expect(PACK.heavierPenalty.items.find((i) => i.item === 4)?.catchall).toBe(true);
    expect(item('order44-2021/art5/1').status).toBe('confirmed');
    expect(item('order44-2021/art5/5').status).toBe('partial');
    expect(item('order44-2021/art5/6').status).toBe('unconfirmed');
    const art6 = PACK.violationArticles.find((a) => a.article === 6)!;
    expect(art6.items.filter((i) => i.item !== 'catchall').every((i) => i.status === 'unconfirmed')).toBe(true);
    expect(item('order44-2021/art7/1').status).toBe('partial');
    expect(item('order44-2021/art8/1').status).toBe('confirmed');
    expect(item('order44-2021/art8/2')).toMatchObject({ status: 'partial', articleNumberConfirmed: false });
    for (const c of ['order44-2021/art9/1', 'order44-2021/art9/2', 'order44-2021/art9/3', 'order44-2021/art9/4']) {
      expect(item(c).status).toBe('confirmed');
    }
    expect(item('order44-2021/art10/2')).toMatchObject({ status: 'confirmed', itemNumberConfirmed: true });
    expect(item('order44-2021/art10/3').status).toBe('partial');
    for (const a of PACK.violationArticles) expect(a.items.find((i) => i.item === 'catchall')?.status).toBe('partial');
    expect(PACK.refusalToPerform.status).toBe('unconfirmed');
    expect(PACK.judgment.noIntentException.status).toBe('unconfirmed');
    expect(PACK.procedure.upperLevelConsent).toMatchObject({ value: true, status: 'confirmed' });
    expect(PACK.procedure.publicationDeadlineWorkingDays).toMatchObject({ value: 20, status: 'unconfirmed' });
    expect(PACK.listingPeriodYears).toMatchObject({ value: 3, status: 'partial' });
    expect(PACK.earlyRemovalAfterYears).toMatchObject({ value: 1, status: 'confirmed' });
    expect(PACK.managementMeasures).toHaveLength(5);
    expect(PACK.repeatOffender.windowYears.value).toBe(3);
    expect(PACK.repeatOffender.threshold.value).toBe(10);
  });

  it('labels every wording as a summary (no official text is recorded)', () => {
    const kinds = [
      ...PACK.heavierPenalty.items,
      ...PACK.violationArticles.flatMap((a) => [a, ...a.items]),
      PACK.refusalToPerform,
      PACK.judgment,
    ].map((p) => p.wordingKind);
    expect(new Set(kinds)).toEqual(new Set(['summary']));
  });

  it('marks item numbers as unconfirmed except Art. 2 and Art. 10(2)', () => {
    const confirmed = PACK.violationArticles
      .flatMap((a) => a.items)
      .filter((i) => i.itemNumberConfirmed)
      .map((i) => i.citation);
    expect(confirmed).toEqual(['order44-2021/art10/2']);
  });
});

describe('parseRulePack', () => {
  it('accepts the bundled pack as an object or as JSON text', () => {
    expect(parseRulePack(packJson()).ok).toBe(true);
    expect(parseRulePack(JSON.stringify(packJson())).ok).toBe(true);
  });

  it('rejects a pack with a missing status, naming the path', () => {
    const json = packJson() as { violationArticles: Array<{ items: Array<Record<string, unknown>> }> };
    delete json.violationArticles[0]!.items[1]!.status;
    const r = parseRulePack(json);
    expect(r).toEqual({ ok: false, error: expect.stringContaining('violationArticles[0].items[1].status：缺少字段') });
  });

  it('rejects duplicate citations', () => {
    const json = packJson() as { violationArticles: Array<{ items: Array<Record<string, unknown>> }> };
    json.violationArticles[1]!.items.push({ ...json.violationArticles[1]!.items[0]! });
    const r = parseRulePack(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('引用编号重复：order44-2021/art6/1');
  });

  it('rejects bad dates, bad versions, bad patterns and citations out of step with their item', () => {
    const cases: Array<[(j: Record<string, unknown>) => void, string]> = [
      [(j) => void (j.effectiveFrom = '2021-02-30'), 'effectiveFrom：日期无效'],
      [(j) => void (j.effectiveTo = '2020-01-01'), 'effectiveTo：失效日期早于施行日期'],
      [(j) => void (j.version = 'v1'), 'version：版本号应为 x.y.z 格式'],
      [
        (j) => void ((j.violationArticles as Array<{ items: Array<{ signals: { patterns: string[] } }> }>)[0]!.items[0]!.signals.patterns = ['(']),
        'violationArticles[0].items[0].signals.patterns[0]：不是有效的正则表达式',
      ],
      [
        (j) => void ((j.violationArticles as Array<{ items: Array<{ citation: string }> }>)[0]!.items[0]!.citation = 'order44-2021/art6/1'),
        '引用编号应为 order44-2021/art5/1',
      ],
      [(j) => void ((j.heavierPenalty as { items: Array<{ status: string }> }).items[0]!.status = 'maybe'), '取值无效'],
      [(j) => void (j.extra = 1), '未知字段：extra'],
    ];
    for (const [breakIt, message] of cases) {
      const json = packJson();
      breakIt(json);
      const r = parseRulePack(json);
      expect(r.ok, message).toBe(false);
      if (!r.ok) expect(r.error).toContain(message);
    }
  });

  it('rejects text that is not JSON and values that are not packs', () => {
    expect(parseRulePack('{')).toEqual({ ok: false, error: expect.stringContaining('不是有效的 JSON') });
    expect(parseRulePack(null)).toEqual({ ok: false, error: expect.stringContaining('规则包无效') });
    expect(parseRulePack([])).toMatchObject({ ok: false });
  });
});

describe('selectPack', () => {
  const variant = (patch: Partial<RulePack>): RulePack => ({ ...PACK, ...patch });

  it('picks the pack in force on the date, bounds inclusive', () => {
    expect(selectPack([PACK], '2021-08-31')).toBeNull();
    expect(selectPack([PACK], '2021-09-01')).toBe(PACK);
    const ended = variant({ effectiveTo: '2025-12-31' });
    expect(selectPack([ended], '2025-12-31')).toBe(ended);
    expect(selectPack([ended], '2026-01-01')).toBeNull();
    expect(selectPack([], '2024-01-01')).toBeNull();
  });

  it('prefers a provincial pack, then the latest effectiveFrom, then the highest version', () => {
    const provincial = variant({ id: 'zj-2023', jurisdiction: '浙江', effectiveFrom: '2023-01-01' });
    const newer = variant({ effectiveFrom: '2024-01-01' });
    const patched = variant({ version: '1.10.0' });
    expect(selectPack([PACK, provincial, newer], '2024-06-01')).toBe(provincial);
    expect(selectPack([PACK, newer], '2024-06-01')).toBe(newer);
    expect(selectPack([PACK, newer], '2023-06-01')).toBe(PACK);
    expect(selectPack([patched, PACK], '2024-06-01')).toBe(patched);
    expect(selectPack([PACK, variant({ version: '1.9.0' }), patched], '2024-06-01')).toBe(patched);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import enMessages from '../../../public/_locales/en/messages.json';
import zhMessages from '../../../public/_locales/zh_CN/messages.json';
import {
  bundledPacks,
  formatPackProblems,
  CITATION_RE,
  matchesEverything,
  packCitations,
  packPatterns,
  packSegments,
  parseRulePack,
  RulePackSchema,
  selectPack,
  translatorFromMessages,
  type MessageEntry,
  type RulePack,
  type Translate,
} from '../../../lib/rules';
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
    // DOMAIN.md §2.9 (real listings and reports): Art. 6's drug items and illegally added cosmetics are partial now;
    // unregistered devices and banned cosmetic raw materials stay unconfirmed.
    for (const c of ['order44-2021/art6/1', 'order44-2021/art6/2', 'order44-2021/art6/4', 'order44-2021/art6/5']) {
      expect(item(c).status, c).toBe('partial');
    }
    for (const c of ['order44-2021/art6/3', 'order44-2021/art6/6']) expect(item(c).status, c).toBe('unconfirmed');
    expect(item('order44-2021/art5/11').status).toBe('partial');
    for (const c of ['order44-2021/art7/6', 'order44-2021/art7/7', 'order44-2021/art9/7', 'order44-2021/art9/9', 'order44-2021/art9/10']) {
      expect(item(c).status, c).toBe('partial');
    }
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
    // 撤销/取消 + 资格… counts as Art. 2 item 2 only as far as the listings show it.
    expect(PACK.heavierPenalty.items[1]!.writtenAs).toEqual([expect.objectContaining({ id: 'annul-qualification', status: 'partial' })]);
    expect(PACK.courtJudgment).toMatchObject({ citation: 'order44-2021/court-judgment', status: 'partial' });
  });

  it('gives every entry a source (where its wording comes from, read when) and links real listings', () => {
    const entries: Array<{ citation: string; sources?: unknown[] }> = [
      PACK.effective,
      PACK.heavierPenalty,
      ...PACK.heavierPenalty.items,
      ...PACK.violationArticles.flatMap((a) => [a, ...a.items]),
      PACK.refusalToPerform,
      PACK.judgment,
      PACK.criminalTransfer,
      PACK.courtJudgment!,
      ...Object.values(PACK.procedure),
      PACK.listingPeriodYears,
      PACK.earlyRemovalAfterYears,
      PACK.repeatOffender,
      ...PACK.related,
      PACK.publicity!,
    ];
    for (const e of entries) expect(e.sources?.length ?? 0, e.citation).toBeGreaterThan(0);
    for (const f of [...PACK.judgment.factors, PACK.judgment.noIntentException, ...PACK.managementMeasures]) {
      expect(f.sources?.length ?? 0, f.id).toBeGreaterThan(0);
    }
    const listed = [
      ...PACK.heavierPenalty.items.flatMap((i) => [...(i.listings ?? []), ...(i.writtenAs ?? []).flatMap((w) => w.listings ?? [])]),
      ...PACK.violationArticles.flatMap((a) => a.items.flatMap((i) => i.listings ?? [])),
      ...(PACK.courtJudgment?.listings ?? []),
    ];
    expect(listed.length).toBeGreaterThan(10);
    // Every listing cited is a case of the real-decisions corpus, found by its source page (the pack names no test).
    const corpusUrls = new Set(
      readdirSync('tests/fixtures/real-decisions/cases').map(
        (f) => (JSON.parse(readFileSync(`tests/fixtures/real-decisions/cases/${f}`, 'utf8')) as { source: { url: string } }).source.url,
      ),
    );
    for (const l of listed) expect(corpusUrls.has(l.url), l.url).toBe(true);
  });

  it('says of every pattern what it catches', () => {
    const all = [
      ...PACK.violationArticles.flatMap((a) => a.items.map((i) => i.signals)),
      PACK.refusalToPerform.signals,
      PACK.courtJudgment!.signals,
      ...PACK.judgment.factors.flatMap((f) => (f.signals ? [f.signals] : [])),
    ].flatMap((s) => [...(s.patterns ?? []), ...(s.requireAlso ?? []), ...(s.negative ?? [])]);
    const writtenAs = PACK.heavierPenalty.items.flatMap((i) => (i.writtenAs ?? []).map((w) => w.pattern));
    expect(all.length).toBeGreaterThan(80);
    for (const p of [...all, ...writtenAs]) {
      expect(typeof p, JSON.stringify(p)).toBe('object');
      if (typeof p === 'object') expect(p.catches.length).toBeGreaterThan(0);
    }
  });

  it('has no pattern that matches everything', () => {
    for (const { source } of packPatterns(PACK)) expect(matchesEverything(source), source).toBe(false);
  });

  it('labels every wording of the measure as a summary (no official text is recorded)', () => {
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

/** Every field name the pack format has, read from the schema itself. */
function schemaFields(schema: z.ZodType, out = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (v: unknown) => schemaFields(v as z.ZodType, out);
  if (def.type === 'object') {
    for (const [name, field] of Object.entries(def.shape as Record<string, z.ZodType>)) {
      out.add(name);
      inner(field);
    }
  } else if (def.type === 'array') inner(def.element);
  else if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') inner(def.innerType);
  else if (def.type === 'union') (def.options as z.ZodType[]).forEach(inner);
  else if (def.type === 'pipe') [def.in, def.out].forEach(inner);
  return out;
}

const FIELDS = [...schemaFields(RulePackSchema)];
const zhT = translatorFromMessages(zhMessages as Record<string, MessageEntry>);
const enT = translatorFromMessages(enMessages as Record<string, MessageEntry>);

/** Why a pack is refused, as the user reads it in Chinese (null when it is accepted). */
function reason(input: unknown, t: Translate = zhT): string | null {
  const r = parseRulePack(input);
  return r.ok ? null : formatPackProblems(r.problems, t);
}

/** The reason is Chinese: no field name of the format, no JSON parser English, no key left unworded. */
function expectChinese(text: string | null): void {
  expect(text).toMatch(/\p{Script=Han}/u);
  for (const name of FIELDS) expect(text, name).not.toMatch(new RegExp(`(?<![A-Za-z])${name}(?![A-Za-z])`));
  expect(text).not.toMatch(/Unexpected|Expected|position|token|packError_|\[\d+\]/);
}

describe('parseRulePack', () => {
  it('accepts the bundled pack as an object or as JSON text', () => {
    expect(parseRulePack(packJson()).ok).toBe(true);
    expect(parseRulePack(JSON.stringify(packJson())).ok).toBe(true);
  });

  it('names every field of the format in both locales', () => {
    expect(FIELDS.length).toBeGreaterThan(70);
    for (const name of FIELDS) {
      const key = `packError_field_${name}`;
      expect(zhMessages, key).toHaveProperty([key]);
      expect(enMessages, key).toHaveProperty([key]);
      expect(zhT(key), key).toMatch(/\p{Script=Han}/u);
    }
    const named = Object.keys(zhMessages).flatMap((k) => (k.startsWith('packError_field_') ? [k.slice('packError_field_'.length)] : []));
    expect(named.filter((n) => n !== 'unnamed' && !FIELDS.includes(n))).toEqual([]);
  });

  it('rejects a pack with a missing status, naming the place in Chinese', () => {
    const json = packJson() as { violationArticles: Array<{ items: Array<Record<string, unknown>> }> };
    delete json.violationArticles[0]!.items[1]!.status;
    const r = parseRulePack(json);
    expect(r).toEqual({ ok: false, problems: [{ path: ['violationArticles', 0, 'items', 1, 'status'], code: 'required', params: [] }] });
    const text = reason(json);
    expect(text).toBe('规则包无效：违法行为条款第 1 项的各项第 2 项的核实状态：缺少此项');
    expectChinese(text);
    expect(reason(json, enT)).toBe('The rule pack is not valid: violation articles entry 1 › items entry 2 › status: missing');
  });

  it('rejects duplicate citations', () => {
    const json = packJson() as { violationArticles: Array<{ items: Array<Record<string, unknown>> }> };
    json.violationArticles[1]!.items.push({ ...json.violationArticles[1]!.items[0]! });
    const text = reason(json);
    expect(text).toContain('引用编号重复：order44-2021/art6/1');
    expectChinese(text);
  });

  it('rejects bad dates, bad versions, bad patterns and citations out of step with their item, in Chinese', () => {
    const cases: Array<[(j: Record<string, unknown>) => void, string]> = [
      [(j) => void (j.effectiveFrom = '2021-02-30'), '施行日期：日期无效'],
      [(j) => void (j.effectiveTo = '2020-01-01'), '失效日期：失效日期早于施行日期'],
      [(j) => void (j.version = 'v1'), '版本号：版本号应为 x.y.z 格式'],
      [(j) => void (j.version = 1), '版本号：类型错误，应为文本'],
      [(j) => void (j.title = ''), '标题：不能为空'],
      [
        (j) =>
          void ((j.violationArticles as Array<{ items: Array<{ signals: { patterns: string[] } }> }>)[0]!.items[0]!.signals.patterns = [
            '(',
          ]),
        '违法行为条款第 1 项的各项第 1 项的识别依据的匹配规则第 1 项：不是有效的正则表达式',
      ],
      [
        (j) => void ((j.violationArticles as Array<{ items: Array<{ citation: string }> }>)[0]!.items[0]!.citation = 'order44-2021/art6/1'),
        '的引用编号：引用编号应为 order44-2021/art5/1',
      ],
      [
        (j) => void ((j.heavierPenalty as { items: Array<{ status: string }> }).items[0]!.status = 'maybe'),
        '较重行政处罚条款的各项第 1 项的核实状态：取值无效',
      ],
      [(j) => void (j.extra = 1), '规则包本身：有本格式没有的字段：extra'],
      [(j) => void (j.managementMeasures = []), '管理措施：至少需要 1 项'],
      [
        (j) =>
          void ((j.violationArticles as Array<{ items: Array<{ signals: { patterns: unknown[] } }> }>)[0]!.items[0]!.signals.patterns = [
            '假药|',
          ]),
        '匹配规则第 1 项：正则表达式会匹配任何文本',
      ],
      [
        (j) =>
          void ((j.violationArticles as Array<{ items: Array<{ signals: { patterns: unknown[] } }> }>)[0]!.items[0]!.signals.patterns = [
            { pattern: '[\\s\\S]', catches: '任何字符' },
          ]),
        '正则表达式会匹配任何文本',
      ],
      [
        (j) => void ((j.effective as { sources: unknown[] }).sources = [{ read: '2026-12-03' }]),
        '施行条款的来源第 1 项：来源须写明网址或文件名称',
      ],
    ];
    for (const [breakIt, message] of cases) {
      const json = packJson();
      breakIt(json);
      const text = reason(json);
      expect(text, message).toContain(message);
      expectChinese(text);
    }
  });

  it('names the first problems and counts the rest', () => {
    const json = packJson();
    for (const name of ['title', 'shortTitle', 'jurisdiction', 'effectiveFrom', 'version']) delete json[name];
    const text = reason(json);
    expect(text).toMatch(/^规则包无效：[^；]+；[^；]+；[^；]+；另有 2 处问题$/);
    expectChinese(text);
  });

  it('places a JSON syntax error by line and column, without the parser’s English', () => {
    expect(reason('{')).toBe('规则包无效：第 1 行第 2 列附近不是有效的 JSON');
    // V8 names no position for an unexpected token: the place is found by scanning the text
    expect(reason('{\n  "id": "x",\n  "version": 1.0.0\n}')).toBe('规则包无效：第 3 行第 17 列附近不是有效的 JSON');
    expect(reason('{\n  "id": "x",\n}')).toBe('规则包无效：第 3 行第 1 列附近不是有效的 JSON');
    expect(reason('[1, 2]\n[3]')).toBe('规则包无效：第 2 行第 1 列附近不是有效的 JSON');
    expect(reason('{"id": "甲\n"}')).toBe('规则包无效：第 1 行第 10 列附近不是有效的 JSON');
    expect(reason('')).toBe('规则包无效：第 1 行第 1 列附近不是有效的 JSON');
    for (const text of ['{', '{"a": x}', '{"a":1,}', '[1,\n2,,3]', '"\\x"']) expectChinese(reason(text));
    expect(reason('{', enT)).toBe('The rule pack is not valid: not valid JSON near line 1, column 2');
  });

  it('rejects values that are not packs', () => {
    expect(reason(null)).toBe('规则包无效：规则包本身：类型错误，应为对象（{…}）');
    expect(reason([])).toContain('类型错误');
    expect(reason('"a pack"')).toContain('类型错误');
  });
});

describe('matchesEverything', () => {
  it.each(['.*', 'a|', '(?:)', 'x?', '.', '[\\s\\S]', '\\W|\\w', '[^a]|a'])('%s matches everything', (p) => {
    expect(matchesEverything(p)).toBe(true);
  });
  it.each(['假药|劣药', '罚款', '[^。]{0,3}吊销', '\\d+元'])('%s does not', (p) => {
    expect(matchesEverything(p)).toBe(false);
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

  it('over an interval: the pack in force on every day of it, else null', () => {
    expect(selectPack([PACK], { from: '2022-01-01', to: '2022-12-31' })).toBe(PACK);
    expect(selectPack([PACK], { from: '2016-10-01', to: '2016-10-31' })).toBeNull();
    expect(selectPack([PACK], { from: '2021-01-01', to: '2021-12-31' })).toBeNull();
    expect(packSegments([PACK], { from: '2021-01-01', to: '2021-12-31' })).toEqual([
      { from: '2021-01-01', to: '2021-08-31', pack: null },
      { from: '2021-09-01', to: '2021-12-31', pack: PACK },
    ]);
    const revised = variant({ id: 'order44-2026', effectiveFrom: '2026-07-01' });
    const ended = variant({ effectiveTo: '2026-06-30' });
    expect(packSegments([ended, revised], { from: '2026-01-01', to: '2026-12-31' }).map((s) => [s.from, s.to, s.pack?.id])).toEqual([
      ['2026-01-01', '2026-06-30', 'order44-2021'],
      ['2026-07-01', '2026-12-31', 'order44-2026'],
    ]);
  });
});

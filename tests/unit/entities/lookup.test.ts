import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { upgradeLegacyCase, type LedgerCase } from '../../../lib/db';
import {
  type PenaltyDecision,
  countPenalties,
  importList,
  lookupParty,
  partyFlags,
  listingYearsAt,
  partyRulesAt,
  seriousListFromDb,
} from '../../../lib/entities';
import { bundledPacks, type RulePack } from '../../../lib/rules';
import { checkCreditCode } from '../../../lib/party';
import { PENALTY_HEADERS, SERIOUS_HEADERS, code, freshDb, records, stream } from './helpers';

type Db = ReturnType<typeof freshDb>;
const PACK = bundledPacks[0]!;

async function serious(db: Db, rows: string[][]) {
  return importList(db, {
    kind: 'serious',
    name: '省严重违法失信名单',
    source: 's.csv',
    headers: SERIOUS_HEADERS,
    rows: stream(records(rows)),
  });
}

async function penalties(db: Db, rows: string[][]) {
  return importList(db, {
    kind: 'penalty-history',
    name: '处罚记录',
    source: 'p.csv',
    headers: PENALTY_HEADERS,
    rows: stream(records(rows)),
  });
}

const ledgerCase = (decisionNo: string, over: Partial<LedgerCase> = {}): LedgerCase =>
  upgradeLegacyCase({
    id: decisionNo,
    decisionNo,
    caseNo: null,
    partyName: '甲公司',
    partyNameNorm: '甲公司',
    uscc: code(1),
    domain: 'food',
    domainSource: 'item',
    verdict: 'not-required',
    packId: null,
    packVersion: null,
    citations: [],
    unlisted: 'no',
    listingDecision: null,
    listingDate: null,
    exposureDate: null,
    repeatPublicityDate: null,
    decisionDate: '2023-06-01',
    creditRepaired: false,
    unit: '某县局',
    recorder: '张三',
    origin: 'local',
    createdAt: '2023-06-01T00:00:00.000Z',
    updatedAt: '2023-06-01T00:00:00.000Z',
    revision: 1,
    ...over,
  });

describe('serious-list status at a date', () => {
  const listed = ['甲公司', code(1), '2021-09-15', '未经许可生产食品', '长沙市市场监督管理局', ''];
  const removedEarly = ['乙公司', code(2), '2022-01-10', '虚假广告', '湖南省市场监督管理局', '2023-03-01'];

  it('is on the list from the listing day until the day before the third anniversary', async () => {
    const db = freshDb();
    await serious(db, [listed]);
    const at = async (d: string) => (await lookupParty(db, { uscc: code(1), at: d })).seriousList.onList;
    expect(await at('2021-09-14')).toBe(false);
    expect(await at('2021-09-15')).toBe(true);
    expect(await at('2024-09-14')).toBe(true);
    expect(await at('2024-09-15')).toBe(false);
    const ctx = await lookupParty(db, { uscc: code(1), at: '2022-01-01' });
    expect(ctx.seriousList.record).toMatchObject({
      listingDate: '2021-09-15',
      until: '2024-09-15',
      reason: '未经许可生产食品',
      authority: '长沙市市场监督管理局',
      listName: '省严重违法失信名单',
      matchedBy: 'code',
    });
  });

  it('honours early removal from the removal day on', async () => {
    const db = freshDb();
    await serious(db, [removedEarly]);
    const at = async (d: string) => (await lookupParty(db, { uscc: code(2), at: d })).seriousList;
    expect((await at('2023-02-28')).record?.until).toBe('2023-03-01');
    expect((await at('2023-03-01')).onList).toBe(false);
    expect((await at('2023-03-01')).records).toHaveLength(1);
  });

  it('takes the listing period from the rule pack', async () => {
    const db = freshDb();
    await serious(db, [listed]);
    const ctx = await lookupParty(db, { uscc: code(1), at: '2025-09-14', rules: { listingYears: 5 } });
    expect(ctx.seriousList.record?.until).toBe('2026-09-15');
  });
});

describe('matching', () => {
  it('matches full-width and lower-case codes', async () => {
    const db = freshDb();
    await serious(db, [['甲公司', code(1), '2023-01-01', '', '', '']]);
    const fullWidth = code(1).replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    for (const typed of [code(1).toLowerCase(), fullWidth, ` ${code(1).slice(0, 9)} ${code(1).slice(9)} `]) {
      const ctx = await lookupParty(db, { uscc: typed, at: '2023-06-01' });
      expect(ctx.matchedBy).toBe('code');
      expect(ctx.seriousList.onList).toBe(true);
    }
  });

  it('the code beats the name: records of the same name under another code are not applied', async () => {
    const db = freshDb();
    await serious(db, [['甲公司', code(2), '2023-01-01', '', '', '']]);
    await penalties(db, [['甲公司', code(1), '湘罚〔2023〕1号', '2023-02-01', '否']]);
    const ctx = await lookupParty(db, { uscc: code(1), name: '甲公司', at: '2023-06-01' });
    expect(ctx.matchedBy).toBe('code');
    expect(ctx.seriousList.records).toEqual([]);
    expect(ctx.warnings).toEqual([{ code: 'name-other-codes', codes: [code(2)] }]);
    expect(ctx.repeatOffender.count).toBe(1);
  });

  it('falls back to the normalised name, and name-only rows apply beside a code match', async () => {
    const db = freshDb();
    await serious(db, [['（长沙）甲 食品公司', '', '2023-01-01', '', '', '']]);
    const byName = await lookupParty(db, { name: '(长沙)甲食品公司', at: '2023-06-01' });
    expect(byName.matchedBy).toBe('name');
    expect(byName.seriousList.record?.matchedBy).toBe('name');
    const withCode = await lookupParty(db, { uscc: code(9), name: '(长沙)甲食品公司', at: '2023-06-01' });
    expect(withCode.seriousList.onList).toBe(true);
  });

  it('without a valid code, a name with several codes applies them all and warns', async () => {
    const db = freshDb();
    await serious(db, [
      ['甲公司', code(1), '2023-01-01', '', '', ''],
      ['甲公司', code(2), '2020-01-01', '', '', ''],
    ]);
    const ctx = await lookupParty(db, { uscc: '9143', name: '甲公司', at: '2023-06-01' });
    expect(ctx.matchedBy).toBe('name');
    expect(ctx.warnings).toEqual([{ code: 'name-several-codes', codes: [code(1), code(2)].sort() }]);
    expect(ctx.seriousList.records.map((r) => r.code)).toEqual([code(1), code(2)]);
    expect(ctx.codes).toEqual(['9143', code(1), code(2)].sort());
  });

  it('finds nothing for an unknown party', async () => {
    const db = freshDb();
    await serious(db, [['甲公司', code(1), '2023-01-01', '', '', '']]);
    const ctx = await lookupParty(db, { uscc: code(3), name: '乙公司', at: '2023-06-01' });
    expect(ctx).toMatchObject({ matchedBy: null, warnings: [], commitmentExcluded: null, keyDomain: null, risk: null });
    expect(partyFlags(ctx, checkCreditCode(code(3)))).toEqual([]);
  });

  it('sees lists imported after an earlier lookup (the list cache is checked)', async () => {
    const db = freshDb();
    expect((await lookupParty(db, { uscc: code(1), at: '2023-06-01' })).matchedBy).toBeNull();
    await serious(db, [['甲公司', code(1), '2023-01-01', '', '', '']]);
    expect((await lookupParty(db, { uscc: code(1), at: '2023-06-01' })).matchedBy).toBe('code');
  });
});

describe('commitment exclusion', () => {
  async function commitments(db: Db, rows: string[][]) {
    return importList(db, {
      kind: 'commitment',
      name: '承诺不实',
      source: 'c.csv',
      headers: ['企业名称', '统一社会信用代码', '认定日期', '承诺事项', '修复情况'],
      rows: stream(records(rows)),
    });
  }

  it('a listed party is excluded because of the list', async () => {
    const db = freshDb();
    await serious(db, [['甲公司', code(1), '2023-01-01', '', '', '']]);
    await commitments(db, [['甲公司', code(1), '2022-01-01', '食品经营许可', '未修复']]);
    const ctx = await lookupParty(db, { uscc: code(1), at: '2023-06-01' });
    expect(ctx.commitmentExcluded).toEqual({ reason: 'serious-list', since: '2023-01-01' });
  });

  it('an unrepaired false commitment excludes, a repaired or later one does not', async () => {
    const db = freshDb();
    await commitments(db, [
      ['甲公司', code(1), '2022-05-01', '食品经营许可', '未修复'],
      ['乙公司', code(2), '2022-05-01', '食品经营许可', '已修复'],
      ['丙公司', code(3), '2024-05-01', '食品经营许可', '否'],
    ]);
    const ex = async (i: number) => (await lookupParty(db, { uscc: code(i), at: '2023-06-01' })).commitmentExcluded;
    expect(await ex(1)).toEqual({ reason: 'false-commitment', since: '2022-05-01', matter: '食品经营许可' });
    expect(await ex(2)).toBeNull();
    expect(await ex(3)).toBeNull();
  });
});

describe('risk class', () => {
  it('is the latest class dated at or before the date', async () => {
    const db = freshDb();
    await importList(db, {
      kind: 'risk',
      name: '风险分类',
      source: 'r.csv',
      headers: ['统一社会信用代码', '风险等级', '分类日期'],
      rows: stream(
        records([
          [code(1), 'A', '2023-01-31'],
          [code(1), 'D', '2023-06-30'],
          [code(1), 'B', '2024-01-31'],
        ]),
      ),
    });
    const risk = async (at: string) => (await lookupParty(db, { uscc: code(1), at })).risk?.riskClass ?? null;
    expect([await risk('2022-12-31'), await risk('2023-06-29'), await risk('2023-06-30'), await risk('2025-01-01')]).toEqual([
      null,
      'A',
      'D',
      'B',
    ]);
  });
});

describe('countPenalties', () => {
  const d = (decisionNo: string, date: string | null, creditRepaired = false): PenaltyDecision => ({ decisionNo, date, creditRepaired });

  it('counts decisions in [at − 3 years, at], both ends included', () => {
    const at = '2024-06-15';
    const r = countPenalties(
      [d('A〔2021〕1号', '2021-06-14'), d('B〔2021〕2号', '2021-06-15'), d('C〔2024〕3号', '2024-06-15'), d('D〔2024〕4号', '2024-06-16')],
      at,
    );
    expect(r).toMatchObject({
      count: 2,
      threshold: 10,
      window: { from: '2021-06-15', to: '2024-06-15' },
      decisions: ['B〔2021〕2号', 'C〔2024〕3号'],
      counted: [
        { decisionNo: 'B〔2021〕2号', date: '2021-06-15', source: 'history' },
        { decisionNo: 'C〔2024〕3号', date: '2024-06-15', source: 'history' },
      ],
      includesForm: false,
    });
  });

  it('counts a decision once across sources and bracket spellings, and never a repaired one', () => {
    const r = countPenalties(
      [
        d('湘罚[2023]1号', '2023-01-01'),
        d('湘罚【2023】1 号', '2023-01-01'),
        d('湘罚〔2023〕2号', '2023-02-01'),
        d('湘罚(2023)2号', '2023-02-01', true),
        d('湘罚〔2023〕3号', null),
        d('', '2023-03-01'),
      ],
      '2024-01-01',
    );
    expect(r.decisions).toEqual(['湘罚〔2023〕1号']);
  });

  it('takes window and threshold from the pack', () => {
    const r = countPenalties([d('A〔2022〕1号', '2022-01-01')], '2024-01-01', { repeatWindowYears: 1, repeatThreshold: 5 });
    expect(r).toMatchObject({ count: 0, threshold: 5, window: { from: '2023-01-01', to: '2024-01-01' } });
  });
});

describe('repeat offender across imported history and the ledger', () => {
  it('counts each decision once and flags at the threshold', async () => {
    const db = freshDb();
    const rows = Array.from({ length: 8 }, (_, i) => ['甲公司', code(1), `湘长市监罚[2023]${i + 1}号`, `2023-0${i + 1}-10`, '否']);
    rows.push(['甲公司', code(1), '湘长市监罚〔2023〕9号', '2023-09-10', '是']);
    await penalties(db, rows);
    await db.cases.bulkPut([
      ledgerCase('湘长市监罚〔2023〕1号'), // also in the history
      ledgerCase('湘长市监罚〔2024〕1号', { decisionDate: '2024-01-05' }),
      ledgerCase('case:立案2024-2', { decisionNo: null, decisionDate: '2024-01-06' }),
    ]);
    const before = await lookupParty(db, { uscc: code(1), at: '2024-02-01' });
    expect(before.repeatOffender.count).toBe(9);
    expect(partyFlags(before).map((f) => f.flag)).not.toContain('repeat-offender');

    const form = { decisionNo: '湘长市监罚（2024）2号', date: '2024-02-01', creditRepaired: false };
    const ctx = await lookupParty(db, { uscc: code(1), name: '甲公司', at: '2024-02-01', decisions: [form] });
    expect(ctx.repeatOffender.count).toBe(10);
    expect(ctx.repeatOffender.decisions).toContain('湘长市监罚〔2024〕2号');
    expect(ctx.repeatOffender.decisions).not.toContain('湘长市监罚〔2023〕9号');
    const flag = partyFlags(ctx).find((f) => f.flag === 'repeat-offender');
    expect(flag).toMatchObject({
      status: 'confirmed',
      basis: {
        code: 'party.repeat-offender.with-form',
        params: { count: 10, threshold: 10, years: 3, from: '2021-02-01', to: '2024-02-01', includesForm: 'yes' },
      },
      measures: ['repeat-offender-publicity'],
    });
    // The flag lists the decisions it counted, with their dates, earliest first.
    const listed = flag!.basis.params.decisions as string[];
    expect(listed).toHaveLength(10);
    expect(listed[0]).toBe('湘长市监罚〔2023〕1号（2023-01-10）');
    expect(listed.at(-1)).toBe('湘长市监罚〔2024〕2号（2024-02-01）');
    expect(ctx.repeatOffender.counted.find((c) => c.decisionNo === '湘长市监罚〔2024〕2号')?.source).toBe('form');
    expect(ctx.repeatOffender.counted.find((c) => c.decisionNo === '湘长市监罚〔2023〕1号')?.source).toBe('ledger');
  });

  it("counts the form's decision only once it is made: a full decision number or a date", async () => {
    const db = freshDb();
    const rows = Array.from({ length: 9 }, (_, i) => ['甲公司', code(1), `湘长市监罚〔2023〕${i + 1}号`, `2023-0${i + 1}-10`, '否']);
    await penalties(db, rows);
    const at = '2024-02-01';
    const with_ = async (decision: PenaltyDecision) => (await lookupParty(db, { uscc: code(1), at, decisions: [decision] })).repeatOffender;
    const draft = await with_({ decisionNo: '湘长市监罚〔 〕号', date: null, creditRepaired: false });
    expect(draft).toMatchObject({ count: 9, includesForm: false });
    expect(partyFlags({ ...(await lookupParty(db, { uscc: code(1), at })), repeatOffender: draft }).map((f) => f.flag)).not.toContain(
      'repeat-offender',
    );
    const numbered = await with_({ decisionNo: '湘长市监罚〔2024〕3号', date: null, creditRepaired: false });
    expect(numbered).toMatchObject({ count: 10, includesForm: true });
    expect(numbered.counted.at(-1)).toEqual({ decisionNo: '湘长市监罚〔2024〕3号', date: at, source: 'form' });
    const dated = await with_({ decisionNo: '湘长市监罚〔 〕号', date: '2024-01-20', creditRepaired: false });
    expect(dated).toMatchObject({ count: 10, includesForm: true });
  });

  it('takes the window and threshold from the pack in force on the date, an imported one too', async () => {
    const db = freshDb();
    const rows = Array.from({ length: 5 }, (_, i) => ['甲公司', code(1), `湘长市监罚〔2023〕${i + 1}号`, `2023-0${i + 1}-10`, '否']);
    await penalties(db, rows);
    const strict: RulePack = {
      ...PACK,
      id: 'hn-order44',
      jurisdiction: '湖南',
      effectiveFrom: '2023-06-01',
      repeatOffender: { ...PACK.repeatOffender, windowYears: { value: 1, status: 'partial' }, threshold: { value: 5, status: 'partial' } },
    };
    const ctx = await lookupParty(db, { uscc: code(1), at: '2024-01-01', packs: [PACK, strict] });
    expect(ctx.repeatOffender).toMatchObject({
      count: 5,
      threshold: 5,
      windowYears: 1,
      applies: true,
      rule: { status: 'partial', pack: `hn-order44@${PACK.version}` },
    });
    expect(partyFlags(ctx).find((f) => f.flag === 'repeat-offender')).toMatchObject({
      status: 'partial',
      basis: { params: { years: 1, threshold: 5 } },
    });
    // Before the provincial pack, the national one: 3 years, 10 times.
    const national = await lookupParty(db, { uscc: code(1), at: '2023-05-31', packs: [PACK, strict] });
    expect(national.repeatOffender).toMatchObject({ threshold: 10, windowYears: 3 });
    // Before any pack, the rule does not apply.
    const before = await lookupParty(db, { uscc: code(1), at: '2021-06-01', packs: [PACK, strict] });
    expect(before.repeatOffender.applies).toBe(false);
    expect(partyFlags(before).map((f) => f.flag)).not.toContain('repeat-offender');
  });

  it('partyRulesAt reads the numbers of the pack in force', () => {
    expect(partyRulesAt([PACK], '2024-01-01')).toMatchObject({ listingYears: 3, repeatWindowYears: 3, repeatThreshold: 10 });
    expect(partyRulesAt([PACK], '2021-01-01')).toBeNull();
  });

  it('listingYearsAt: the listing period of the pack in force, for the 名单 search as for lookups and the audit', () => {
    const longer = { ...PACK, id: 'zj-order44', effectiveFrom: '2025-01-01', listingPeriodYears: { ...PACK.listingPeriodYears, value: 5 } };
    expect(listingYearsAt([PACK], '2024-01-01')).toBe(3);
    expect(listingYearsAt([PACK, longer], '2025-06-01')).toBe(5);
    expect(listingYearsAt([PACK, longer], '2024-06-01')).toBe(3);
    // no pack in force, or none given: Order No. 44's three years
    expect(listingYearsAt([PACK], '2021-01-01')).toBe(3);
    expect(listingYearsAt(undefined, '2024-01-01')).toBe(3);
  });

  it('finds ledger cases by name when the form has no code', async () => {
    const db = freshDb();
    await db.cases.put(ledgerCase('湘罚〔2023〕7号', { uscc: null, partyName: '乙商行', partyNameNorm: '乙商行' }));
    const ctx = await lookupParty(db, { name: '乙商行', at: '2024-01-01' });
    expect(ctx).toMatchObject({ matchedBy: 'name', repeatOffender: { count: 1 } });
  });
});

describe('partyFlags', () => {
  it('flags a listed party with the five measures and the commitment exclusion', async () => {
    const db = freshDb();
    await serious(db, [['甲公司', code(1), '2023-01-01', '虚假广告', '长沙市市场监督管理局', '']]);
    const ctx = await lookupParty(db, { uscc: code(1), at: '2023-06-01' });
    expect(partyFlags(ctx, checkCreditCode(code(1)))).toEqual([
      {
        flag: 'serious-list',
        status: 'confirmed',
        basis: {
          code: 'party.serious-list',
          params: {
            listName: '省严重违法失信名单',
            listingDate: '2023-01-01',
            until: '2026-01-01',
            reason: '虚假广告',
            authority: '长沙市市场监督管理局',
            matchedBy: 'code',
          },
        },
        date: '2023-01-01',
        measures: ['permit-review-weighted', 'key-supervision', 'no-notification-commitment', 'no-honours', 'other-legal-measures'],
      },
      {
        flag: 'commitment-excluded',
        status: 'confirmed',
        basis: { code: 'party.commitment-excluded.serious-list', params: { since: '2023-01-01', matter: '', matchedBy: 'code' } },
        date: '2023-01-01',
        measures: ['no-notification-commitment'],
      },
    ]);
  });

  it('risk flags carry the inspection guidance of seed 003, key-domain is partial, bad codes are flagged', async () => {
    const db = freshDb();
    await importList(db, {
      kind: 'risk',
      name: '风险分类',
      source: 'r.csv',
      headers: ['统一社会信用代码', '风险等级', '分类日期'],
      rows: stream(
        records([
          [code(1), 'C', '2023-01-31'],
          [code(2), 'D', '2023-01-31'],
          [code(3), 'A', '2023-01-31'],
        ]),
      ),
    });
    await importList(db, {
      kind: 'key-domain',
      name: '重点领域',
      source: 'k.csv',
      headers: ['类别', '企业名称', '统一社会信用代码', '许可证编号'],
      rows: stream(records([['食品生产企业', '甲公司', code(1), 'SC1']])),
    });
    const flags = async (i: number) => partyFlags(await lookupParty(db, { uscc: code(i), at: '2023-06-01' }));
    expect((await flags(1)).map((f) => [f.flag, f.status, f.measures])).toEqual([
      ['key-domain', 'partial', ['credit-repair-stricter']],
      ['risk-C', 'confirmed', ['inspection-raised-rate', 'inspection-on-site']],
    ]);
    expect((await flags(2))[0]).toMatchObject({ flag: 'risk-D', status: 'partial', date: '2023-01-31' });
    expect((await flags(3))[0]).toMatchObject({ flag: 'risk-A', measures: ['inspection-may-skip'] });

    const typo = code(4).slice(0, 17) + (code(4).endsWith('0') ? '1' : '0');
    const ctx = await lookupParty(db, { uscc: typo, at: '2023-06-01' });
    expect(partyFlags(ctx, checkCreditCode(typo))).toEqual([
      {
        flag: 'uscc-invalid',
        status: 'confirmed',
        // a check-character problem (校验位), as a code the overlay words
        basis: { code: 'party.uscc-invalid', params: { value: typo, reason: expect.stringMatching(/^(check|orgCheck)$/), detail: '' } },
      },
    ]);
    expect(partyFlags(ctx, checkCreditCode(''))).toEqual([]);
  });

  it('an unrepaired false commitment is a partial exclusion', async () => {
    const db = freshDb();
    await importList(db, {
      kind: 'commitment',
      name: '承诺不实',
      source: 'c.csv',
      headers: ['企业名称', '统一社会信用代码', '认定日期', '承诺事项'],
      rows: stream(records([['甲公司', code(1), '2022-05-01', '食品经营许可']])),
    });
    const [flag] = partyFlags(await lookupParty(db, { uscc: code(1), at: '2023-06-01' }));
    expect(flag).toMatchObject({
      flag: 'commitment-excluded',
      status: 'partial',
      basis: { code: 'party.commitment-excluded.false-commitment', params: { since: '2022-05-01', matter: '食品经营许可' } },
    });
  });
});

describe('the serious-list check of the bulk audit', () => {
  it('covers a decision by the listing in force on its date, or one made on or after it', async () => {
    const db = freshDb();
    await serious(db, [['甲公司', code(1), '2024-04-15', '未经许可生产食品', '长沙市市场监督管理局', '']]);
    const check = seriousListFromDb(db, [PACK]);
    const hits = await check([
      { uscc: code(1), name: null, at: '2024-04-15' },
      { uscc: code(1), name: null, at: '2024-04-10' },
      { uscc: code(1), name: null, at: '2027-06-01' },
      { uscc: null, name: '甲公司', at: '2024-05-01' },
      { uscc: code(2), name: null, at: '2024-05-01' },
    ]);
    expect(hits.map((h) => h?.listingDate ?? null)).toEqual(['2024-04-15', '2024-04-15', null, '2024-04-15', null]);
    expect(hits[0]).toEqual({ listName: '省严重违法失信名单', listingDate: '2024-04-15' });
  });

  it('the overlay is told the same: a listing made after the decision date covers the case, though not in force then', async () => {
    const db = freshDb();
    await serious(db, [
      ['甲公司', code(1), '2024-04-15', '未经许可生产食品', '长沙市市场监督管理局', ''],
      ['甲公司', code(1), '2019-01-10', '虚假广告', '长沙市市场监督管理局', ''],
    ]);
    const status = async (at: string) => (await lookupParty(db, { uscc: code(1), at, packs: [PACK] })).seriousList;
    const before = await status('2024-04-10');
    expect(before.onList).toBe(false);
    expect(before.caseListing?.listingDate).toBe('2024-04-15');
    const inForce = await status('2024-06-01');
    expect(inForce.onList).toBe(true);
    expect(inForce.caseListing?.listingDate).toBe('2024-04-15');
    // between the first listing's end and the second: the later one covers a case decided then
    expect((await status('2023-01-01')).caseListing?.listingDate).toBe('2024-04-15');
    const after = await status('2027-06-01');
    expect(after.onList).toBe(false);
    expect(after.caseListing).toBeNull();
  });
});

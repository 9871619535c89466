// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packRows } from '../../../entrypoints/options/pack-import';
import zhMessages from '../../../public/_locales/zh_CN/messages.json';
import { bundledPacks, translatorFromMessages, type MessageEntry } from '../../../lib/rules';
import { checkSettings } from '../../../lib/settings';
import {
  applyManagedProfiles,
  applyManagedSettings,
  formatPolicyProblem,
  MANAGED_POLICY_KEYS,
  effectivePacks,
  isManagedSite,
  managedProfile,
  managedSites,
  parseManagedPolicy,
  readManagedMirror,
  settingsAfterEdit,
  type PolicyProblem,
} from '../../../lib/settings/managed';

const t = translatorFromMessages(zhMessages as Record<string, MessageEntry>);
const worded = (errors: readonly PolicyProblem[]) => errors.map((e) => formatPolicyProblem(e, t));

/** The bundled pack re-issued under another id for a province (its citations follow the id). */
function provincialPack(version = '1.0.0'): Record<string, unknown> {
  const text = JSON.stringify(bundledPacks[0]).replaceAll('"order44-2021/', '"sh-order44/');
  return { ...JSON.parse(text), id: 'sh-order44', version, jurisdiction: '上海' };
}

const profile = (origin: string, selector = '#dsr') => ({
  version: 1,
  origin,
  name: '执法办案系统',
  pins: [{ key: 'partyName', selector }],
  updatedAt: '2024-05-01T08:00:00.000Z',
});

/** A policy as an administrator might push it, with a broken item in every list and some broken values. */
const POLICY = {
  sites: [
    'http://10.1.2.3:8080',
    'http://zfba.scjg.internal:8080/zfba/index.do',
    'ftp://files.internal',
    '10.9.9.9:80',
    42,
    'http://10.1.2.3:8080/',
  ],
  unitName: '  上海市浦东新区市场监督管理局 ',
  province: 'shanghai',
  profiles: [
    profile('http://10.1.2.3:8080'),
    profile('http://10.1.2.3:8080/path'),
    profile('http://10.1.2.3:8080', '#other'),
    JSON.stringify(profile('http://10.7.7.7')),
  ],
  rulePacks: [JSON.stringify(provincialPack()), { id: 'broken' }, '{"id":', provincialPack(), bundledPacks[0]],
  colour: 'red',
};

describe('parsing a managed policy', () => {
  const { policy, errors } = parseManagedPolicy(POLICY);

  it('keeps every valid part', () => {
    expect(policy.sites).toEqual(['http://10.1.2.3:8080', 'http://zfba.scjg.internal:8080']);
    expect(policy.unitName).toBe('上海市浦东新区市场监督管理局');
    expect(policy.province).toBe('shanghai');
    expect(policy.profiles?.map((p) => p.origin)).toEqual(['http://10.1.2.3:8080', 'http://10.7.7.7']);
    expect(policy.profiles?.[0]?.pins[0]?.selector).toBe('#dsr');
    expect(policy.rulePacks?.map((p) => `${p.id}@${p.version}`)).toEqual(['sh-order44@1.0.0']);
  });

  it('ignores and reports each broken part in Chinese, naming where it is', () => {
    const has = (...parts: string[]) => worded(errors).some((e) => parts.every((p) => e.includes(p)));
    expect(has('sites', '第3项', 'ftp://files.internal')).toBe(true);
    expect(has('sites', '第4项', '10.9.9.9:80')).toBe(true);
    expect(has('sites', '第5项', '42')).toBe(true);
    expect(has('profiles', '第2项', '系统地址')).toBe(true);
    expect(has('profiles', '第3项', '重复')).toBe(true);
    expect(has('rulePacks', '第2项', '规则包无效')).toBe(true);
    expect(has('rulePacks', '第3项', '第 1 行第 7 列附近不是有效的 JSON')).toBe(true);
    expect(worded(errors).join('\n')).not.toMatch(/managedError_|packError_|Unexpected|position/);
    expect(has('rulePacks', '第4项', '重复')).toBe(true);
    expect(has('rulePacks', '第5项', '内置规则包')).toBe(true);
    expect(has('colour')).toBe(true);
    expect(errors).toHaveLength(10);
  });

  it('rejects bad values of single settings and keeps the others', () => {
    const r = parseManagedPolicy({
      unitName: '',
      province: 'atlantis',
      lowerAmountFine: { individual: -1, organisation: 5, inclusive: 'yes' },
      sites: 'http://a',
    });
    expect(r.policy).toEqual({});
    expect(r.errors).toHaveLength(4);
    expect(worded(r.errors).join('\n')).toMatch(/unitName[\s\S]*lowerAmountFine[\s\S]*province[\s\S]*/);
    expect(worded(parseManagedPolicy({ province: 'custom' }).errors)[0]).toContain('custom');
    expect(parseManagedPolicy({ unitName: '某'.repeat(101) }).policy.unitName).toBeUndefined();
  });

  it('never throws, whatever it is given', () => {
    for (const raw of [undefined, null, 'x', 3, [], [1], { sites: null }, { profiles: [null, [], 7] }, { rulePacks: { a: 1 } }]) {
      expect(() => parseManagedPolicy(raw)).not.toThrow();
    }
    expect(parseManagedPolicy(undefined)).toEqual({ policy: {}, errors: [] });
    expect(worded(parseManagedPolicy('x').errors)).toEqual(['管理策略应为一个对象，已全部忽略']);
    expect(parseManagedPolicy({ sites: Array.from({ length: 250 }, (_, i) => `http://10.0.0.${i % 250}`) }).policy.sites).toHaveLength(200);
  });

  it('reads its own mirror back, and nothing from a damaged one', () => {
    const mirror = JSON.parse(JSON.stringify(parseManagedPolicy(POLICY)));
    expect(readManagedMirror(mirror)).toEqual({ policy, errors });
    // the stored errors that are not problems are dropped; the policy read again gives its own
    const damaged = readManagedMirror({
      policy: { unitName: 7 },
      errors: [1, 'x', { code: 'x y', params: [] }, { code: 'notList', params: [1] }],
    });
    expect(damaged).toEqual({ policy: {}, errors: [{ code: 'unitName', params: [] }] });
    expect(readManagedMirror('garbage')).toEqual({ policy: {}, errors: [] });
  });
});

describe('merging managed values over the user’s', () => {
  const { settings: user } = checkSettings({
    unitName: '我的单位',
    recorderName: '张伟',
    province: 'guizhou',
    lowerAmountFine: { individual: 5000, organisation: 50000, inclusive: false },
  });

  it('applies the managed unit name and thresholds and says which fields are locked', () => {
    const { settings, locked } = applyManagedSettings(user, {
      unitName: '某市局',
      lowerAmountFine: { individual: 3000, organisation: 30000, inclusive: true },
    });
    expect(settings).toEqual({
      unitName: '某市局',
      recorderName: '张伟',
      province: 'custom',
      lowerAmountFine: { individual: 3000, organisation: 30000, inclusive: true },
    });
    expect(locked).toEqual(['unitName', 'lowerAmountFine']);
  });

  it('a managed province takes its preset thresholds', () => {
    const { settings, locked } = applyManagedSettings(user, { province: 'shanghai' });
    expect(settings.lowerAmountFine).toEqual({ individual: 5000, organisation: 50000, inclusive: true });
    expect(settings.unitName).toBe('我的单位');
    expect(locked).toEqual(['lowerAmountFine']);
  });

  it('without a policy the user’s settings are untouched', () => {
    expect(applyManagedSettings(user, {})).toEqual({ settings: user, locked: [] });
  });

  it('saving the settings page keeps the user’s own values of locked fields in storage', () => {
    const edited = {
      ...user,
      unitName: '某市局',
      recorderName: '李娜',
      province: 'custom',
      lowerAmountFine: { individual: 1, organisation: 2, inclusive: true },
    };
    const edit = { started: user, edited };
    expect(settingsAfterEdit(edit, user, ['unitName', 'lowerAmountFine'])).toEqual({ ...user, recorderName: '李娜' });
    expect(settingsAfterEdit(edit, user, [])).toEqual(edited);
  });

  it('saving the settings page stores only the fields changed in it, over the settings stored now', () => {
    // two tabs opened on the same settings; tab 1 saved its recorder first
    const tab1 = { started: user, edited: { ...user, recorderName: '李娜' } };
    const tab2 = { started: user, edited: { ...user, unitName: '某市局' } };
    const afterTab1 = settingsAfterEdit(tab1, user, []);
    expect(settingsAfterEdit(tab2, afterTab1, [])).toEqual({ ...user, recorderName: '李娜', unitName: '某市局' });
    // a field both changed: the later save wins
    const tab3 = { started: user, edited: { ...user, recorderName: '王芳' } };
    expect(settingsAfterEdit(tab3, afterTab1, []).recorderName).toBe('王芳');
    // a field changed back to where the form started counts as unchanged
    expect(settingsAfterEdit({ started: user, edited: user }, afterTab1, [])).toEqual(afterTab1);
  });

  it('a province and its threshold are saved together, as the form changes them', () => {
    const shanghai = { ...user, province: 'shanghai', lowerAmountFine: { individual: 5000, organisation: 50000, inclusive: true } };
    const elsewhere = { ...user, province: 'custom', lowerAmountFine: { individual: 2000, organisation: 20000, inclusive: false } };
    // only the province was picked here; the threshold it brings is saved with it over another tab's custom one
    expect(settingsAfterEdit({ started: user, edited: shanghai }, elsewhere, [])).toEqual(shanghai);
    // only the threshold's amount changed here: the province shown beside it is saved too
    const amount = { ...user, lowerAmountFine: { ...user.lowerAmountFine!, individual: 4000 } };
    expect(settingsAfterEdit({ started: user, edited: amount }, elsewhere, [])).toEqual({
      ...elsewhere,
      province: 'guizhou',
      lowerAmountFine: amount.lowerAmountFine,
    });
  });

  it('a managed profile replaces the user’s for its system only', () => {
    const { policy } = parseManagedPolicy({ profiles: [profile('http://10.1.2.3:8080', '#managed')] });
    const merged = applyManagedProfiles(
      { 'http://10.1.2.3:8080': profile('http://10.1.2.3:8080', '#mine'), 'http://10.4.4.4': profile('http://10.4.4.4') },
      policy,
    );
    expect((merged['http://10.1.2.3:8080'] as { pins: Array<{ selector: string }> }).pins[0]!.selector).toBe('#managed');
    expect(merged['http://10.4.4.4']).toEqual(profile('http://10.4.4.4'));
    expect(managedProfile(policy, 'http://10.1.2.3:8080')?.pins[0]?.selector).toBe('#managed');
    expect(managedProfile(policy, 'http://10.4.4.4')).toBeUndefined();
  });

  it('managed packs set the user’s imports aside; without them the imports count', () => {
    const { policy } = parseManagedPolicy({ rulePacks: [provincialPack('2.0.0')] });
    const mine = parseManagedPolicy({ rulePacks: [provincialPack('1.0.0')] }).policy.rulePacks!;
    expect(effectivePacks(bundledPacks, mine, policy).map((p) => p.version)).toEqual([bundledPacks[0]!.version, '2.0.0']);
    expect(effectivePacks(bundledPacks, mine, policy)[1]!.id).toBe('sh-order44');
    expect(effectivePacks(bundledPacks, mine, {}).map((p) => `${p.id}@${p.version}`)).toEqual([
      `order44-2021@${bundledPacks[0]!.version}`,
      'sh-order44@1.0.0',
    ]);
    expect(effectivePacks(bundledPacks, mine, { rulePacks: [] })).toEqual([...bundledPacks]);
  });

  it('managed systems become sites with the same patterns the popup asks for', () => {
    const { policy } = parseManagedPolicy({ sites: ['http://10.1.2.3:8080/zfba/'] });
    expect(managedSites(policy)).toEqual([{ origin: 'http://10.1.2.3:8080', pattern: 'http://10.1.2.3:8080/*' }]);
    expect(managedSites(policy, { withPort: false })).toEqual([{ origin: 'http://10.1.2.3:8080', pattern: 'http://10.1.2.3/*' }]);
    expect(isManagedSite(policy, 'http://10.1.2.3:8080')).toBe(true);
    expect(isManagedSite(policy, 'http://10.1.2.3')).toBe(false);
  });
});

interface Schema {
  type: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  minimum?: number;
}

/** The part of Chrome's policy-schema validation the schema file uses: type, properties, items, enum, minimum. */
function schemaErrors(value: unknown, schema: Schema, at = '$'): string[] {
  const type = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : value === null ? 'null' : typeof value;
  if (type !== schema.type && !(schema.type === 'number' && type === 'integer')) return [`${at}: ${type} is not ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: not in enum`];
  if (schema.minimum !== undefined && (value as number) < schema.minimum) return [`${at}: below minimum`];
  if (Array.isArray(value)) return value.flatMap((v, i) => schemaErrors(v, schema.items!, `${at}[${i}]`));
  if (type === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      schema.properties?.[k] ? schemaErrors(v, schema.properties[k], `${at}.${k}`) : [`${at}.${k}: unknown`],
    );
  }
  return [];
}

describe('the managed-storage schema Chrome validates policies against', () => {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../../public/managed_schema.json'), 'utf8')) as Schema;

  it('declares exactly the policies the extension reads', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties!).sort()).toEqual([...MANAGED_POLICY_KEYS].sort());
  });

  it('accepts a full policy that the extension applies without a single error', () => {
    const full = {
      sites: ['http://10.1.2.3:8080'],
      unitName: '某市市场监督管理局',
      province: 'custom',
      lowerAmountFine: { individual: 3000, organisation: 30000, inclusive: true },
      profiles: [profile('http://10.1.2.3:8080')],
      rulePacks: [JSON.stringify(provincialPack())],
    };
    expect(schemaErrors(full, schema)).toEqual([]);
    expect(parseManagedPolicy(full).errors).toEqual([]);
  });

  it('would let Chrome drop what the extension would refuse anyway', () => {
    expect(schemaErrors({ province: 'atlantis', lowerAmountFine: { individual: -1 } }, schema)).toHaveLength(2);
    expect(schemaErrors({ rulePacks: [provincialPack()] }, schema)).toEqual(['$.rulePacks[0]: object is not string']);
  });
});

describe('the rule packs page under a policy', () => {
  it('lists the managed packs after the bundled one, uses them, and sets the user’s imports aside', () => {
    const managed = parseManagedPolicy({ rulePacks: [JSON.stringify(provincialPack('2.0.0'))] }).policy.rulePacks;
    const rows = packRows([provincialPack('1.0.0')], bundledPacks, '2025-06-01', t, managed);
    expect(rows.map((r) => [r.source, r.pack?.version, r.active, r.setAside ?? false])).toEqual([
      ['bundled', bundledPacks[0]!.version, false, false],
      ['managed', '2.0.0', true, false],
      ['imported', '1.0.0', false, true],
    ]);
    // without a policy the user's provincial pack is the one in use again
    expect(packRows([provincialPack('1.0.0')], bundledPacks, '2025-06-01', t).map((r) => r.active)).toEqual([false, true]);
  });
});

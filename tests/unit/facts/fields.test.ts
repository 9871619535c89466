import { describe, expect, it } from 'vitest';
import {
  compileLexicon,
  fieldLexicon,
  FieldLexiconSchema,
  mapFields,
  mapHeaders,
  matchLabel,
  routeIdentity,
  type FieldLexicon,
} from '../../../lib/facts/fields';
import { LOGICAL_KEYS, type LogicalKey } from '../../../lib/facts/keys';
import type { FieldSnapshot, SnapshotField } from '../../../lib/form/types';
import { idCheckChar, makeValidUscc } from '../../../lib/party';
import { normalizeLabel } from '../../../lib/text';

const USCC = makeValidUscc('91500101MA5U3KXX0'.replace(/X/g, '1'));
const ID = `11010519491231002${idCheckChar('11010519491231002')}`;

const synonymLabel = (s: FieldLexicon['fields'][LogicalKey]['synonyms'][number]): string => (typeof s === 'string' ? s : s.label);

function snap(fields: Array<Partial<SnapshotField> & { label: string; value: string }>): FieldSnapshot {
  return {
    url: 'http://zfba.scjg.internal:8080/case',
    headings: [],
    readOnlyView: false,
    truncated: false,
    fields: fields.map((f, i) => ({
      rawLabel: f.label,
      kind: 'text',
      locator: `#f${i}`,
      labelSource: 'label-for',
      readOnly: false,
      ...f,
      label: normalizeLabel(f.label),
    })),
  };
}

describe('the field lexicon', () => {
  it('has an entry for every logical key', () => {
    expect(Object.keys(fieldLexicon.fields).sort()).toEqual([...LOGICAL_KEYS].sort());
  });

  it('maps every synonym, as shown and normalised, to its own key', () => {
    for (const key of LOGICAL_KEYS) {
      for (const s of fieldLexicon.fields[key].synonyms) {
        const label = synonymLabel(s);
        expect(matchLabel(label), label).toMatchObject({ key, exact: true, byValue: false });
        expect(matchLabel(normalizeLabel(label))?.key, label).toBe(key);
      }
    }
  });

  it('has no normalised synonym under two keys, and refuses a lexicon that has one', () => {
    const owner = new Map<string, string>();
    for (const key of LOGICAL_KEYS) {
      for (const s of fieldLexicon.fields[key].synonyms) {
        const n = normalizeLabel(synonymLabel(s));
        expect(owner.get(n) ?? key, `${synonymLabel(s)} is under ${owner.get(n)} and ${key}`).toBe(key);
        owner.set(n, key);
      }
    }
    for (const s of fieldLexicon.identity.synonyms) expect(owner.has(normalizeLabel(synonymLabel(s)))).toBe(false);
    const clash: FieldLexicon = structuredClone(fieldLexicon);
    clash.fields.caseNo.synonyms.push('当事人名称（）');
    expect(() => compileLexicon(clash)).toThrow(/当事人名称/);
  });

  it.each([
    ['当事人名称：', 'partyName'],
    ['* 被处罚单位名称', 'partyName'],
    ['企业名称', 'partyName'],
    ['统一社会信用代码（注册号）', 'uscc'],
    ['行政相对人代码_1', 'uscc'],
    ['行政处罚决定书文号', 'decisionNo'],
    ['决定文书号', 'decisionNo'],
    ['立案号', 'caseNo'],
    ['行政处罚内容和种类', 'penalty'],
    ['处罚类别', 'penalty'],
    ['罚款金额(万元)', 'fineAmount'],
    ['没收违法所得、没收非法财物的金额（万元）', 'confiscation'],
    ['处罚决定书签发日期', 'decisionDate'],
    ['作出决定的机关名称', 'authority'],
    ['是否列严', 'listingDecision'],
    ['是否涉嫌犯罪移送', 'criminalTransfer'],
    ['法定代表人（负责人、经营者）', 'legalRep'],
    ['住所（住址）', 'address'],
    ['案件名称', 'caseCause'],
    ['是否告知承诺', 'approvalMode'],
  ])('exact: %s → %s', (label, key) => {
    expect(matchLabel(label)).toMatchObject({ key, exact: true });
  });

  it.each([
    ['当事人名称（中文）', 'partyName'],
    ['当事人统一社会信用代码', 'uscc'],
    ['当事人经营场所', 'address'],
    ['罚款金额大写', 'fineAmount'],
    ['作出处罚决定的机关全称', 'authority'],
    ['违法的主要事实及证据', 'violation'],
    ['处罚依据（法律条款）', 'legalBasis'],
    ['已移送公安机关', 'criminalTransfer'],
  ])('containment: %s → %s', (label, key) => {
    expect(matchLabel(label)).toMatchObject({ key, exact: false });
  });

  it.each([
    ['法定代表人身份证号', 'names the representative, not the party'],
    ['当事人联系电话', 'a phone number'],
    ['立案日期', 'a date of another step'],
    ['主体资格证照名称', 'a licence name'],
    ['执法人员', 'nothing known'],
    ['违法行为发生地', 'a place'],
  ])('no key for %s (%s)', (label) => {
    expect(matchLabel(label)).toBeNull();
  });

  it.each([
    ['裁量等次', 'aggravation'],
    ['裁量阶次', 'aggravation'],
    ['裁量档次', 'aggravation'],
    ['裁量情节', 'aggravation'],
    ['适用裁量基准', 'aggravation'],
    ['拟处罚意见', 'penalty'],
    ['拟处罚内容', 'penalty'],
    ['处罚决定内容', 'penalty'],
    ['行政处罚种类和数额', 'penalty'],
    ['处罚结果', 'penalty'],
    ['处罚依据及裁量理由', 'legalBasis'],
    ['法律依据', 'legalBasis'],
  ])("real systems' wording: %s → %s", (label, key) => {
    expect(matchLabel(label)).toMatchObject({ key, exact: true });
  });

  it.each([
    ['处罚依据和裁量理由', 'legalBasis'],
    ['裁量阶次及理由', 'aggravation'],
    ['拟处罚意见及理由', 'penalty'],
    ['处罚种类和数额', 'penalty'],
    ['当事人名称／姓名', 'partyName'],
    ['违法事实与证据', 'violation'],
    ['适用裁量基准以及理由', 'aggravation'],
  ])('a conjunction is matched by its head, whatever it adds: %s → %s', (label, key) => {
    expect(matchLabel(label)).toMatchObject({ key, exact: false });
  });

  it('a head that names nothing leaves the whole label to containment', () => {
    expect(matchLabel('履行方式和期限')).toBeNull();
    expect(matchLabel('从重、从轻、减轻情节说明')?.key).toBe('aggravation');
  });

  it("names where every entry's wording comes from", () => {
    const entries = [...Object.values(fieldLexicon.fields), fieldLexicon.identity];
    for (const e of entries) {
      expect(e.from.length).toBeGreaterThan(0);
      for (const id of e.from) expect(fieldLexicon.sources[id], id).toMatch(/\S/);
    }
    const unsourced = structuredClone(fieldLexicon);
    unsourced.fields.penalty.from = ['hearsay'];
    expect(() => FieldLexiconSchema.parse(unsourced)).toThrow(/hearsay/);
  });

  it('generic words match only as the whole label', () => {
    expect(matchLabel('名称')?.key).toBe('partyName');
    expect(matchLabel('类型')?.key).toBe('partyKind');
    expect(matchLabel('机构名称')).toBeNull();
    expect(matchLabel('证照类型')).toBeNull();
  });

  it('keeps the unit of amount labels', () => {
    expect(matchLabel('罚款金额（万元）')?.unit).toBe('wan');
    expect(matchLabel('罚款金额（元）')?.unit).toBe('yuan');
    expect(matchLabel('没收违法所得、没收非法财物的金额（万元）')?.unit).toBe('wan');
    expect(matchLabel('罚款金额')?.unit).toBeUndefined();
  });
});

describe('routing a 统一社会信用代码或身份证件号码 field by its value', () => {
  it('routes by checkCreditCode / isIdNumber', () => {
    expect(matchLabel('统一社会信用代码或身份证件号码')).toMatchObject({ byValue: true, key: 'uscc' });
    expect(routeIdentity(USCC)).toBe('uscc');
    expect(routeIdentity(ID)).toBe('idNumber');
    expect(routeIdentity('')).toBe('uscc');
  });

  it('puts the field under idNumber or uscc in mapFields', () => {
    const person = mapFields(snap([{ label: '统一社会信用代码或身份证件号码', value: ID }]));
    expect(person.idNumber?.value).toBe(ID);
    expect(person.uscc).toBeUndefined();
    const firm = mapFields(snap([{ label: '统一社会信用代码或身份证件号码：', value: USCC }]));
    expect(firm.uscc?.value).toBe(USCC);
    expect(firm.idNumber).toBeUndefined();
  });
});

describe('mapFields', () => {
  it('maps a penalty form to logical keys with label, locator and kind', () => {
    const m = mapFields(
      snap([
        { label: '当事人：', value: '重庆某某食品有限公司' },
        { label: '统一社会信用代码', value: USCC },
        { label: '行政处罚决定书文号', value: '渝万州市监处字〔2023〕497号' },
        { label: '罚款金额（万元）', value: '5' },
        { label: '是否列入严重违法失信名单', value: '否', kind: 'radio' },
        { label: '备注', value: '无' },
      ]),
    );
    expect(Object.keys(m).sort()).toEqual(['decisionNo', 'fineAmount', 'listingDecision', 'partyName', 'uscc']);
    expect(m.partyName).toEqual({
      key: 'partyName',
      value: '重庆某某食品有限公司',
      label: '当事人',
      rawLabel: '当事人：',
      locator: '#f0',
      kind: 'text',
    });
    expect(m.fineAmount).toMatchObject({ value: '5', unit: 'wan' });
    expect(m.listingDecision?.kind).toBe('radio');
  });

  it('prefers a profile pin, then the better label, then a non-empty value, then the first', () => {
    const fields = [
      { label: '名称', value: '弱匹配公司' },
      { label: '企业名称', value: '' },
      { label: '当事人', value: '强匹配公司' },
      { label: '当事人', value: '第二个' },
    ];
    expect(mapFields(snap(fields)).partyName?.value).toBe('强匹配公司');
    const pinned = snap([...fields, { label: '', value: '固定的公司', labelSource: 'profile', key: 'partyName' }]);
    expect(mapFields(pinned).partyName).toMatchObject({ value: '固定的公司', locator: '#f4' });
    const emptyFirst = snap([
      { label: '当事人', value: '' },
      { label: '当事人名称', value: '有值公司' },
    ]);
    expect(mapFields(emptyFirst).partyName?.value).toBe('有值公司');
  });

  it('never takes a lone yes/no box as an amount: a 罚款 option drawn alone leaves fineAmount to the amount field', () => {
    const m = mapFields(
      snap([
        { label: '罚款', value: '是', kind: 'checkbox' },
        { label: '没收违法所得', value: '是', kind: 'checkbox' },
        { label: '罚款', value: '20000' },
      ]),
    );
    expect(m.fineAmount).toMatchObject({ value: '20000', locator: '#f2' });
    expect(m.confiscation).toBeUndefined();
    // a box for a key that is no amount still counts
    expect(mapFields(snap([{ label: '是否移送公安机关', value: '是', kind: 'checkbox' }])).criminalTransfer?.value).toBe('是');
  });

  it('ignores pins to unknown keys', () => {
    const m = mapFields(snap([{ label: '', value: 'x', labelSource: 'profile', key: 'shoeSize' }]));
    expect(m).toEqual({});
  });

  it('joins 违法的主要事实 and 违法行为类型 into violation, the facts first', () => {
    const m = mapFields(
      snap([
        { label: '违法行为类型', value: '销售不符合食品安全标准的食品' },
        { label: '违法的主要事实', value: '当事人于2023年5月销售过期食品。' },
      ]),
    );
    expect(m.violation).toMatchObject({
      value: '当事人于2023年5月销售过期食品。；销售不符合食品安全标准的食品',
      label: '违法的主要事实',
    });
    expect(mapFields(snap([{ label: '违法行为类型', value: '无照经营' }])).violation?.value).toBe('无照经营');
  });
});

describe('mapFields on busy pages and rendered documents', () => {
  it('never maps a search bar field, even the only one for its key', () => {
    const s = {
      ...snap([
        { label: '当事人名称', value: '筛选' },
        { label: '处罚内容', value: '警告' },
      ]),
      filters: [0],
    };
    const m = mapFields(s);
    expect(m.partyName).toBeUndefined();
    expect(m.penalty?.value).toBe('警告');
  });

  it('between equal labels, the field whose own container holds more recognised keys', () => {
    const fields = [
      { label: '当事人', value: '旁栏公司' },
      { label: '备注', value: '无' },
      { label: '当事人', value: '表单公司' },
      { label: '统一社会信用代码', value: USCC },
      { label: '处罚内容', value: '警告' },
    ];
    const scopes = [
      [1, 2],
      [1, 2],
      [1, 3],
      [1, 3],
      [1, 3],
    ];
    expect(mapFields({ ...snap(fields), scopes }).partyName?.value).toBe('表单公司');
    // a better label still wins over a bigger container
    const weaker = [{ label: '当事人', value: '旁栏公司' }, { label: '当事人全称（必填）', value: '表单公司' }, ...fields.slice(3)];
    expect(
      mapFields({
        ...snap(weaker),
        scopes: [
          [1, 2],
          [1, 3],
          [1, 3],
          [1, 3],
        ],
      }).partyName?.value,
    ).toBe('旁栏公司');
  });

  it("a document reading's key counts, below any labelled field of that key, and is not joined to it", () => {
    const doc = { label: '处罚决定', value: '一、罚款人民币1万元。', labelSource: 'document' as const, key: 'penalty' };
    expect(mapFields(snap([doc])).penalty?.value).toBe('一、罚款人民币1万元。');
    const both = mapFields(snap([doc, { label: '处罚内容', value: '警告' }]));
    expect(both.penalty?.value).toBe('警告');
    expect(mapFields(snap([{ ...doc, key: 'shoeSize' }]))).toEqual({});
  });
});

describe('mapHeaders', () => {
  it('maps a publicity-table export, keeping units and listing unknown headers', () => {
    const headers = [
      '序号',
      '被处罚单位名称',
      '统一社会信用代码或身份证件号码',
      '行政处罚决定书文号',
      '案件名称',
      '违法的主要事实',
      '违法行为类型',
      '行政处罚内容和种类',
      '罚款金额（万元）',
      '作出决定的机关名称',
      '作出决定的日期',
      '履行方式和期限',
      '',
    ];
    const { columns, unknown } = mapHeaders(headers);
    expect(columns.map((c) => c.key)).toEqual([
      null,
      'partyName',
      'uscc',
      'decisionNo',
      'caseCause',
      'violation',
      'violation',
      'penalty',
      'fineAmount',
      'authority',
      'decisionDate',
      null,
      null,
    ]);
    expect(columns[2]).toMatchObject({ byValue: true });
    expect(columns[8]).toMatchObject({ unit: 'wan', index: 8, header: '罚款金额（万元）' });
    expect(unknown).toEqual(['序号', '履行方式和期限']);
  });

  it('gives a key to one column only: the best match, else the first', () => {
    const { columns, unknown } = mapHeaders(['名称', '当事人', '当事人名称']);
    expect(columns.map((c) => c.key)).toEqual([null, 'partyName', null]);
    expect(unknown).toEqual(['名称', '当事人名称']);
  });
});

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { diagnosePage, readCase } from '../../../lib/facts';
import { readForm } from '../../../lib/form';
import { diagnoseForm, diagnosisToHtml, maskValue, parseDiagnosis } from '../../../lib/form/diagnose';

/** Values a case holds, planted in every place a value can hide: inputs, selects, cells, lines, titles, a document. */
const PLANTED = {
  party: '上海禾味坊食品有限公司',
  uscc: '91310115MA125MLR27',
  no: '沪浦市监处罚〔2024〕3127号',
  amount: '354000',
  person: '诸葛孔明',
  address: '浦东新区张江路1188弄',
  date: '2024年6月18日',
  cnDate: '二〇二四年六月十八日',
  fact: '销售过期的蓝莓酸奶',
};

const PAGE = `
  <h2>${PLANTED.party}行政处罚决定书</h2>
  <form id="f-20240618">
    <div class="el-form-item"><label class="el-form-item__label">当事人名称</label>
      <div class="el-form-item__content"><input id="p" class="el-input__inner" title="${PLANTED.party}"></div></div>
    <div class="el-form-item"><label class="el-form-item__label">统一社会信用代码</label>
      <div class="el-form-item__content"><input id="u"></div></div>
    <div class="el-form-item"><label class="el-form-item__label">罚款金额（元）</label>
      <div class="el-form-item__content"><input id="a" placeholder="请输入金额"></div></div>
    <div class="el-form-item"><label class="el-form-item__label">法定代表人</label>
      <div class="el-form-item__content"><select id="s"><option>请选择</option><option selected>${PLANTED.person}</option></select></div></div>
    <div class="el-form-item"><label class="el-form-item__label">违法事实</label>
      <div class="el-form-item__content"><textarea id="t"></textarea></div></div>
  </form>
  <table><tr><th>住所</th><td>${PLANTED.address}</td><th>决定日期</th><td>${PLANTED.date}</td></tr></table>
  <div class="el-form-item"><label class="el-form-item__label">裁量等级</label>
    <div class="el-form-item__content"><div class="el-radio-group" role="radiogroup">
      <label class="el-radio is-checked" role="radio" aria-checked="true"><input type="radio" name="cl" checked>从重</label>
      <label class="el-radio" role="radio" aria-checked="false"><input type="radio" name="cl">一般</label></div></div></div>
  <p>文号：${PLANTED.no}</p>
  <div class="doc"><p>依据《中华人民共和国食品安全法》第一百二十四条的规定，本局决定：</p><p>一、罚款人民币${PLANTED.amount}元。</p>
    <p>${PLANTED.cnDate}</p></div>`;

function plant(): void {
  document.body.innerHTML = PAGE;
  (document.getElementById('p') as HTMLInputElement).value = PLANTED.party;
  (document.getElementById('u') as HTMLInputElement).value = PLANTED.uscc;
  (document.getElementById('a') as HTMLInputElement).value = PLANTED.amount;
  (document.getElementById('t') as HTMLTextAreaElement).value = PLANTED.fact;
  (document.getElementById('s') as HTMLSelectElement).selectedIndex = 1;
}

describe('导出诊断: the form structure with every value masked', () => {
  it('never holds a planted value, party name, number or date', () => {
    plant();
    expect(readCase(readForm(document)).fields.partyName?.value).toBe(PLANTED.party);
    const json = JSON.stringify(diagnosePage(document));
    for (const v of Object.values(PLANTED)) expect(json, v).not.toContain(v);
    for (const digits of ['3127', '354', '1188', '2024', '125']) expect(json).not.toContain(digits);
    // which option is chosen is a value too
    expect(json).not.toMatch(/checked|selected/i);
  });

  it('holds the labels, kinds, keys, classes and what was not read', () => {
    plant();
    const d = diagnosePage(document);
    const byLabel = Object.fromEntries(d.fields.map((f) => [f.label, f]));
    expect(byLabel['当事人名称']).toMatchObject({ kind: 'text', labelSource: 'div-table', key: 'partyName', labelKept: true });
    expect(byLabel['当事人名称']!.value).toEqual({ empty: false, length: PLANTED.party.length, shape: 'han' });
    expect(byLabel['罚款金额（元）']).toMatchObject({ key: 'fineAmount', value: { shape: 'digit' } });
    expect(d.keys.decisionNo).toBeDefined();
    expect(d.keys.penalty).toBeDefined();
    expect(JSON.stringify(d.tree)).toContain('el-form-item__label');
    expect(d.headings[0]).toMatch(/^某+有限公司行政处罚决定书$/);
    expect(d.page.layout).toBe(false);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('lists fields it planned but did not read, and label-like text nothing took', () => {
    document.body.innerHTML = `<div hidden><label>案由<input value="x"></label></div><div><span>裁量阶次</span></div><label>当事人<input></label>`;
    const d = diagnoseForm(document);
    expect(d.unread).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ what: 'field', reason: 'hidden', label: '案由' }),
        expect.objectContaining({ what: 'text', reason: 'unpaired', label: '裁量阶次' }),
      ]),
    );
  });

  it('masks every character of a value by its kind', () => {
    expect(maskValue('沪浦〔2024〕3127号 AB')).toBe('某某〔0000〕0000某 xx');
  });
});

describe('a diagnosis made into a page (field report → test)', () => {
  it('reproduces the structure: the same labels map to the same keys, values are placeholders', () => {
    plant();
    const before = diagnosePage(document);
    const html = diagnosisToHtml(JSON.parse(JSON.stringify(before)));
    for (const v of Object.values(PLANTED)) expect(html).not.toContain(v);
    document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
    const { fields } = readCase(readForm(document));
    expect(Object.keys(fields).sort()).toEqual(Object.keys(before.keys).sort());
    expect(fields.partyName?.value).toBe('示例有限公司');
    expect(fields.penalty?.value).toContain('罚款人民币10000元');
  });

  it('keeps distinct generated ids distinct, and a chosen radio option chosen in the page made', () => {
    document.body.innerHTML = `
      <label for="textfield-1012-inputEl">当事人名称</label><input id="textfield-1012-inputEl" value="${PLANTED.party}">
      <label for="textfield-1013-inputEl">统一社会信用代码</label><input id="textfield-1013-inputEl" value="${PLANTED.uscc}">
      <fieldset><legend>裁量等级</legend>
        <label><input type="radio" name="cl">从轻</label><label><input type="radio" name="cl" checked>从重</label></fieldset>`;
    const d = diagnoseForm(document);
    const ids = JSON.stringify(d.tree).match(/textfield-\d+-inputEl/g) ?? [];
    expect(new Set(ids).size).toBe(2);
    expect(JSON.stringify(d)).not.toContain('1012');
    const html = diagnosisToHtml(JSON.parse(JSON.stringify(d)));
    document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
    const read = readForm(document).fields;
    expect(read.map((f) => f.label)).toEqual(expect.arrayContaining(['当事人名称', '统一社会信用代码']));
    expect(read.find((f) => f.label === '当事人名称')?.value).not.toBe('');
    expect(read.find((f) => f.label === '裁量等级')?.value).not.toBe('');
  });

  it('refuses what is not a diagnosis, with a message in Chinese', () => {
    expect(parseDiagnosis({ version: 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/诊断文件/) });
    expect(parseDiagnosis('<html>')).toMatchObject({ ok: false });
  });
});

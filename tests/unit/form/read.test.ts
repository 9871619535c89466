// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { FieldSnapshotSchema, readField, readForm, resolveLocator, type SiteProfile } from '../../../lib/form';
import { field, read, values } from './helpers';

const profile = (pins: SiteProfile['pins']): SiteProfile => ({
  version: 1,
  origin: 'http://zfba.scjg.internal:8080',
  name: '测试系统',
  pins,
  updatedAt: '2024-01-01T00:00:00Z',
});

describe('readForm values and kinds', () => {
  it('reads markup-like text as text, never as markup, and leaves script contents out', () => {
    document.body.innerHTML = `
      <table><tr><th>当事人</th><td>某公司&lt;script&gt;alert(1)&lt;/script&gt;<script>var leaked = 1;</script></td></tr></table>
      <label for="n">企业名称</label><input id="n">`;
    (document.getElementById('n') as HTMLInputElement).value = '<img src=x onerror=alert(1)>某某';
    const s = readForm(document);
    expect(field(s, '当事人').value).toBe('某公司<script>alert(1)</script>');
    expect(field(s, '企业名称').value).toBe('<img src=x onerror=alert(1)>某某');
    expect(document.querySelectorAll('img')).toHaveLength(0);
  });

  it('skips hidden, password, file and button inputs and invisible elements', () => {
    const s = read(`
      <style>.gone { display: none }</style>
      <label>案号<input type="hidden" value="h"></label>
      <label>密码<input type="password" value="p"></label>
      <label>附件<input type="file"></label>
      <input type="submit" value="提交"><input type="button" value="保存">
      <div style="display:none"><label>隐藏一<input value="1"></label></div>
      <div hidden><label>隐藏二<input value="2"></label></div>
      <div class="gone"><label>隐藏三<input value="3"></label></div>
      <label style="visibility:hidden">隐藏四<input value="4"></label>
      <table style="display:none"><tr><th>当事人</th><td>隐藏公司</td></tr></table>
      <label>可见<input value="v"></label>`);
    expect(values(s)).toEqual({ 可见: 'v' });
  });

  it('takes the chosen option text of selects, none for a prompt option, several joined with 、', () => {
    document.body.innerHTML = `
      <label>处罚种类<select id="a"><option value="">请选择</option><option value="fk">罚款</option></select></label>
      <label>领域<select id="b" multiple><option value="1">食品安全</option><option value="2">质量安全</option><option value="3">其他</option></select></label>`;
    (document.getElementById('b') as HTMLSelectElement).options[0]!.selected = true;
    (document.getElementById('b') as HTMLSelectElement).options[2]!.selected = true;
    let s = readForm(document);
    expect(field(s, '处罚种类')).toMatchObject({ value: '', kind: 'select' });
    expect(field(s, '领域').value).toBe('食品安全、其他');
    (document.getElementById('a') as HTMLSelectElement).value = 'fk';
    s = readForm(document);
    expect(field(s, '处罚种类').value).toBe('罚款');
  });

  it('marks disabled and read-only inputs read-only, and a page of values as a read-only view', () => {
    const s = read(`
      <label>案号<input value="1" disabled></label>
      <label>案由<input value="2" readonly></label>
      <fieldset disabled><label>文号<input value="3"></label></fieldset>
      <p>当事人：某公司</p>`);
    expect(s.fields.every((f) => f.readOnly)).toBe(true);
    expect(s.readOnlyView).toBe(true);
    const form = read(`<label>案号<input value="1"></label><label>案由<input value="2"></label><p>当事人：某公司</p>`);
    expect(form.readOnlyView).toBe(false);
  });

  it('types: date inputs, My97 Wdate inputs and numbers', () => {
    const s = read(`
      <label>决定日期<input type="date" value="2023-07-14"></label>
      <label>立案日期<input class="Wdate" onclick="WdatePicker()" value="2023-06-01"></label>
      <label>罚款金额<input type="number" value="5000"></label>`);
    expect(s.fields.map((f) => f.kind)).toEqual(['date', 'date', 'text']);
  });

  it('never changes the page', () => {
    document.body.innerHTML = `
      <form><table><tr><td>当事人：</td><td><input name="a" value="甲"></td></tr>
      <tr><td>处罚种类</td><td><input type="checkbox" name="p" checked>警告<input type="checkbox" name="p">罚款</td></tr></table>
      <div class="el-form-item"><label class="el-form-item__label">案由</label><div class="el-form-item__content"><span>无照经营</span></div></div>
      <p>文号：卫市监处罚〔2024〕7号</p><div contenteditable="true">事实</div><x-host id="h"></x-host></form>`;
    const sr = document.getElementById('h')!.attachShadow({ mode: 'open' });
    sr.innerHTML = '<label for="f">罚款</label><input id="f" value="1">';
    const before = document.documentElement.outerHTML;
    const shadowBefore = sr.innerHTML;
    const s = readForm(document);
    readForm(document, { profile: profile([{ key: 'partyName', selector: 'input[name="a"]' }]) });
    expect(s.fields.length).toBeGreaterThan(5);
    expect(document.documentElement.outerHTML).toBe(before);
    expect(sr.innerHTML).toBe(shadowBefore);
  });

  it('caps the number of fields and says so', () => {
    const html = Array.from({ length: 30 }, (_, i) => `<label>字段${i}<input value="${i}"></label>`).join('');
    document.body.innerHTML = html;
    const s = readForm(document, { maxFields: 10 });
    expect(s.fields).toHaveLength(10);
    expect(s.truncated).toBe(true);
    expect(readForm(document).truncated).toBe(false);
  });

  it('returns a snapshot that passes its own schema, with the document title in headings', () => {
    document.title = '案件审核表 - 执法办案系统';
    const s = read(`<h3>案件审核表</h3><label>案由<input value="x"></label>`);
    expect(FieldSnapshotSchema.safeParse(s).success).toBe(true);
    expect(s.headings).toEqual(['案件审核表 - 执法办案系统', '案件审核表']);
    document.title = '';
  });

  it('does not read the overlay host nor descend into frames', () => {
    document.body.innerHTML = `<label>案由<input value="x"></label><credit-case-assistant></credit-case-assistant><iframe srcdoc="<input>"></iframe>`;
    document.querySelector('credit-case-assistant')!.attachShadow({ mode: 'open' }).innerHTML =
      '<label>当事人<input value="overlay"></label><p>文号：overlay</p>';
    const s = readForm(document);
    expect(values(s)).toEqual({ 案由: 'x' });
  });

  it('reads only under an element root, with locators still unique in the frame', () => {
    document.body.innerHTML = `<div id="a"><label>案由<input value="1"></label></div><div id="b"><label>案由<input value="2"></label></div>`;
    const s = readForm(document.getElementById('b')!);
    expect(s.fields.map((f) => f.value)).toEqual(['2']);
    expect((resolveLocator(document, s.fields[0]!.locator) as HTMLInputElement).value).toBe('2');
  });
});

describe('staying current', () => {
  it('sees values typed since the last read (values are never cached)', () => {
    read(`<label>案由<input id="c" value="旧"></label>`);
    (document.getElementById('c') as HTMLInputElement).value = '新';
    expect(field(readForm(document), '案由').value).toBe('新');
  });

  it('sees structural changes made in the same task as the read', () => {
    read(`<label id="l">案由<input value="x"></label>`);
    document.getElementById('l')!.firstChild!.nodeValue = '案件名称';
    document.body.insertAdjacentHTML('beforeend', '<p>当事人：某公司</p>');
    const s = readForm(document);
    expect(values(s)).toEqual({ 案件名称: 'x', 当事人: '某公司' });
    document.querySelector('input')!.setAttribute('aria-label', '文号');
    expect(values(readForm(document))).toEqual({ 文号: 'x', 当事人: '某公司' });
  });

  it('sees a shadow root a custom element attaches after the first read (an upgrade is no mutation)', () => {
    read(`<label>案由<input value="x"></label><x-late id="late"></x-late>`);
    document.getElementById('late')!.attachShadow({ mode: 'open' }).innerHTML = '<label>文号<input value="y"></label>';
    expect(values(readForm(document))).toEqual({ 案由: 'x', 文号: 'y' });
  });

  it('sees visibility changes without a structural change', () => {
    read(`<div id="box"><label>案由<input value="x"></label></div>`);
    document.getElementById('box')!.style.display = 'none';
    expect(readForm(document).fields).toEqual([]);
    document.getElementById('box')!.style.display = '';
    expect(readForm(document).fields).toHaveLength(1);
  });
});

describe('readField', () => {
  it('re-reads the field an element is or belongs to', () => {
    document.body.innerHTML = `
      <table><tr><th>当事人</th><td id="v">某公司</td></tr>
      <tr><td>是否列严</td><td><input type="radio" name="r" id="r1" checked><label for="r1">是</label><input type="radio" name="r" id="r2"><label for="r2">否</label></td></tr></table>
      <p id="p">文号：卫市监处罚〔2024〕7号</p><div contenteditable="true" id="ce"><b id="inner">事实</b></div>`;
    expect(readField(document.getElementById('v')!)).toMatchObject({ label: '当事人', value: '某公司', kind: 'cell' });
    expect(readField(document.querySelector('th')!)).toMatchObject({ label: '当事人', value: '某公司' });
    expect(readField(document.getElementById('r2')!)).toMatchObject({ label: '是否列严', value: '是', kind: 'radio' });
    expect(readField(document.getElementById('p')!)).toMatchObject({ label: '文号', value: '卫市监处罚〔2024〕7号' });
    expect(readField(document.getElementById('inner')!)).toMatchObject({ kind: 'contenteditable', value: '事实' });
    expect(readField(document.body)).toBeNull();
  });
});

describe('site profile pins', () => {
  it('pinned fields carry their key and labelSource profile, even where heuristics found nothing', () => {
    document.body.innerHTML = `
      <div class="x"><span class="caption">编码</span><input name="bm" value="万市监立〔2023〕12号"></div>
      <div><span id="dsr">某某公司</span></div>
      <label>案由<input name="ay" value="无照经营"></label>`;
    const s = readForm(document, {
      profile: profile([
        { key: 'caseNo', selector: 'input[name="bm"]' },
        { key: 'partyName', selector: '#dsr' },
        { key: 'decisionNo', selector: '#missing' },
      ]),
    });
    expect(s.fields.find((f) => f.key === 'caseNo')).toMatchObject({ value: '万市监立〔2023〕12号', labelSource: 'profile' });
    expect(s.fields.find((f) => f.key === 'partyName')).toMatchObject({ value: '某某公司', labelSource: 'profile' });
    expect(s.fields.filter((f) => f.key !== undefined)).toHaveLength(2);
    expect(field(s, '案由').labelSource).toBe('enclosing-label');
  });
});

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mapFields } from '../../../lib/facts/fields';
import { field, read } from './helpers';

describe('widget quirks of real systems', () => {
  it('a label around its input keeps its words when the typed value happens to end them', () => {
    const s = read(`<form><label>姓名 <input value="名"></label><label>联系电话<input value="电话"></label></form>`);
    expect(s.fields.map((f) => [f.label, f.value])).toEqual([
      ['姓名', '名'],
      ['联系电话', '电话'],
    ]);
  });

  it('a rich-text toolbar between the label and the editor is looked past', () => {
    const s = read(`
      <div class="el-form-item">
        <label class="el-form-item__label">违法事实</label>
        <div class="el-form-item__content"><div class="w-editor">
          <div class="w-toolbar"><span>B</span><span>I</span><span>U</span><span>≡</span></div>
          <div class="w-text" contenteditable="true"><p>销售超过保质期的食品</p></div>
        </div></div>
      </div>`);
    expect(field(s, '违法事实')).toMatchObject({ kind: 'contenteditable', value: '销售超过保质期的食品' });
  });

  it('a combobox named by its own chosen text (PrimeVue Select without inputId) takes the label before it', () => {
    const s = read(`
      <div class="field"><label>主体类型</label>
        <div class="p-select"><span class="p-select-label" tabindex="0" role="combobox" aria-label="个体工商户"
          aria-haspopup="listbox" aria-expanded="false">个体工商户</span><div class="p-select-dropdown"></div></div>
      </div>`);
    expect(field(s, '主体类型')).toMatchObject({ value: '个体工商户' });
  });

  it('a floating label drawn after its input in a box of the two (PrimeVue FloatLabel) labels that input', () => {
    const s = read(`
      <div class="row">
        <span class="p-floatlabel"><input type="text" class="p-inputtext" value="武汉某某肉类食品有限公司"><label>当事人名称</label></span>
        <span class="p-floatlabel"><input type="text" class="p-inputtext" value="91420106MA4K7T2H1H"><label>统一社会信用代码</label></span>
      </div>`);
    expect(field(s, '当事人名称')).toMatchObject({ value: '武汉某某肉类食品有限公司' });
    expect(field(s, '统一社会信用代码')).toMatchObject({ value: '91420106MA4K7T2H1H' });
  });

  it('Element UI names its checkbox group "checkbox-group": that is not a label', () => {
    const s = read(`
      <div class="el-form-item">
        <label class="el-form-item__label">处罚种类</label>
        <div class="el-form-item__content">
          <div role="group" aria-label="checkbox-group" class="el-checkbox-group">
            <label class="el-checkbox is-checked"><span class="el-checkbox__input"><input type="checkbox" checked></span><span class="el-checkbox__label">罚款</span></label>
            <label class="el-checkbox"><span class="el-checkbox__input"><input type="checkbox"></span><span class="el-checkbox__label">警告</span></label>
          </div>
        </div>
      </div>`);
    expect(field(s, '处罚种类')).toMatchObject({ kind: 'checkbox', value: '罚款' });
  });

  it("radios sharing a kit's default name across fields are grouped by their containers, the drawn choice read", () => {
    // the browser keeps one checked radio per name in a form: the first group's 否 is checked only as drawn
    const group = (id: string, label: string, checked: boolean) => `
      <div class="f-field"><label class="f-label" id="${id}-label">${label}</label>
        <div class="f-radios" aria-labelledby="${id}-label">
          <label class="f-radio"><input type="radio" name="default"><span>是</span></label>
          <label class="f-radio f-radio-checked"><input type="radio" name="default"${checked ? ' checked' : ''}><span>否</span></label>
        </div></div>`;
    const s = read(`<form>${group('a', '是否列入严重违法失信名单', false)}${group('b', '是否移送公安机关', true)}</form>`);
    expect(field(s, '是否列入严重违法失信名单')).toMatchObject({ kind: 'radio', value: '否' });
    expect(field(s, '是否移送公安机关')).toMatchObject({ kind: 'radio', value: '否' });
  });

  it('a record laid out as label and value cells under a header table of its own is read, not taken for a list', () => {
    const rows = [
      ['当事人名称', '苏州某某食品有限公司'],
      ['统一社会信用代码', '91320506MA27QW5LX1'],
      ['违法事实', '销售超过保质期的食品'],
      ['决定日期', '2024-06-18'],
    ];
    const s = read(`
      <div class="grid"><div class="head"><table><thead><tr><th>项目</th><th>内容</th></tr></thead></table></div>
      <div class="body"><table><tbody>${rows.map(([l, v]) => `<tr><td><span>${l}</span></td><td><span>${v}</span></td></tr>`).join('')}</tbody></table></div></div>`);
    expect(field(s, '统一社会信用代码')?.value).toBe('91320506MA27QW5LX1');
    expect(field(s, '决定日期')?.value).toBe('2024-06-18');
  });

  it('a <label for> wrapping the whole field box holds the value it draws: that is no part of the label', () => {
    const s = read(`
      <label class="field" for="kind"><div class="control">
        <div class="caption">主体类型</div>
        <div class="native"><span class="shown">有限责任公司（自然人投资或控股）</span><input id="kind" role="combobox" readonly value="有限责任公司（自然人投资或控股）"></div>
      </div></label>
      <label class="field" for="rep"><div class="control"><div class="caption">法定代表人</div><input id="rep" value="周某某"></div></label>`);
    expect(field(s, '主体类型').value).toBe('有限责任公司（自然人投资或控股）');
    expect(mapFields(s).partyKind?.value).toBe('有限责任公司（自然人投资或控股）');
    expect(field(s, '法定代表人').value).toBe('周某某');
  });

  it('a multiple select drawing its choices as chips inside the label wrapping it: they are no part of the label', () => {
    const s = read(`
      <label class="field" for="kinds"><div class="control">
        <div class="caption">处罚种类</div>
        <div class="native"><div class="chip">罚款</div><div class="chip">吊销许可证件</div>
          <input id="kinds" role="combobox" readonly value="罚款, 吊销许可证件"></div>
      </div></label>
      <label class="field" for="pen"><div class="control"><div class="caption">处罚内容</div><textarea id="pen">罚款人民币5万元</textarea></div></label>`);
    expect(field(s, '处罚种类').value).toBe('罚款, 吊销许可证件');
    expect(mapFields(s).penalty?.value).toContain('吊销许可证件');
  });

  it('ARIA options wrapping a native input the widget never checks: aria-checked tells the choice', () => {
    const option = (role: string, type: string, text: string, on: boolean): string =>
      `<div role="${role}" aria-checked="${on}" aria-label="${text}"><div aria-hidden="true"><input type="${type}"></div><div>${text}</div></div>`;
    const s = read(`
      <div><div class="caption">是否移送公安机关</div>
        <div role="radiogroup">${option('radio', 'radio', '是', true)}${option('radio', 'radio', '否', false)}</div></div>
      <div><div class="caption">处罚种类</div>
        <div role="group">${['警告', '罚款', '没收违法所得'].map((k, i) => option('checkbox', 'checkbox', k, i > 0)).join('')}</div></div>`);
    expect(field(s, '是否移送公安机关').value).toBe('是');
    expect(field(s, '处罚种类').value).toBe('罚款、没收违法所得');
  });

  it('checkboxes each deep in wrappers of their own (Vuetify v-checkbox) still make one group, not lone boxes', () => {
    const box = (k: string, i: number, on: boolean): string =>
      `<div class="col"><div class="input"><div class="control"><div class="selection"><div class="wrapper"><div class="mark">
        <input id="k${i}" type="checkbox" value="${k}"${on ? ' checked' : ''}></div></div>
        <label for="k${i}">${k}</label></div></div></div></div>`;
    const s = read(`
      <div class="caption">处罚种类</div>
      <div class="row">${['警告', '罚款', '没收违法所得'].map((k, i) => box(k, i, i > 0)).join('')}</div>
      <label for="fine">罚款金额（元）</label><input id="fine" value="2000">`);
    expect(field(s, '处罚种类').value).toBe('罚款、没收违法所得');
    expect(mapFields(s).fineAmount?.value).toBe('2000');
  });

  it('a list of records under a header table stays a list', () => {
    const rows = [
      ['苏州某某食品有限公司', '苏吴市监处罚〔2024〕312号', '2024-06-18'],
      ['杭州某某商行', '杭上市监处罚〔2024〕1046号', '2024-09-05'],
    ];
    const s = read(`
      <div class="grid"><div class="head"><table><thead><tr><th>当事人名称</th><th>决定书文号</th><th>决定日期</th></tr></thead></table></div>
      <div class="body"><table><tbody>${rows.map((r) => `<tr>${r.map((v) => `<td>${v}</td>`).join('')}</tr>`).join('')}</tbody></table></div></div>`);
    expect(s.fields.some((f) => f.value.includes('苏吴市监处罚'))).toBe(false);
  });
});

describe('mapping legacy labels', () => {
  it('a bare 裁量 column header is the discretion level, and 处罚种类 joins 处罚内容 in `penalty`', () => {
    const s = read(`
      <table>
        <tr><td>处罚种类：</td><td><input type="checkbox" checked>罚款 <input type="checkbox" checked>吊销许可证件</td></tr>
        <tr><td>处罚内容：</td><td><textarea>罚款人民币5万元，吊销食品经营许可证</textarea></td></tr>
        <tr><td>罚款金额</td><td>裁量</td></tr>
        <tr><td><input value="50000"></td><td><select><option>从重处罚</option><option selected>一般</option></select></td></tr>
      </table>`);
    const map = mapFields(s);
    expect(map.aggravation?.value).toBe('一般');
    expect(map.penalty?.value).toContain('罚款人民币5万元，吊销食品经营许可证');
    expect(map.penalty?.value).toContain('吊销许可证件');
  });
});

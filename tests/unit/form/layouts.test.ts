// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readField, readForm, resolveLocator } from '../../../lib/form';
import { field, read, values } from './helpers';

describe('label inference, one layout family at a time', () => {
  it('Element UI form: label from .el-form-item__label through the div-table walk', () => {
    const s = read(`
      <form class="el-form">
        <div class="el-form-item is-required">
          <label for="partyName" class="el-form-item__label">当事人名称</label>
          <div class="el-form-item__content"><div class="el-input"><input type="text" class="el-input__inner" value="重庆某某食品有限公司"></div></div>
        </div>
        <div class="el-form-item">
          <label class="el-form-item__label">处罚种类</label>
          <div class="el-form-item__content">
            <div class="el-select"><div class="el-input el-input--suffix"><input type="text" readonly class="el-input__inner" value="罚款"><span class="el-input__suffix"><i class="el-icon-arrow-up"></i></span></div></div>
          </div>
        </div>
        <div class="el-form-item">
          <label class="el-form-item__label">处罚决定日期</label>
          <div class="el-form-item__content"><div class="el-date-editor el-input"><input type="text" class="el-input__inner" value="2023-07-14"></div></div>
        </div>
        <div class="el-form-item">
          <label class="el-form-item__label">违法事实</label>
          <div class="el-form-item__content"><div class="el-textarea"><textarea class="el-textarea__inner">销售超过保质期的食品</textarea></div></div>
        </div>
      </form>`);
    expect(field(s, '当事人名称')).toMatchObject({ value: '重庆某某食品有限公司', kind: 'text', labelSource: 'div-table' });
    // the read-only input of an el-select is editable through its dropdown
    expect(field(s, '处罚种类')).toMatchObject({ value: '罚款', kind: 'select', readOnly: false });
    expect(field(s, '处罚决定日期')).toMatchObject({ value: '2023-07-14', kind: 'date' });
    expect(field(s, '违法事实')).toMatchObject({ value: '销售超过保质期的食品', kind: 'textarea' });
    expect(s.fields).toHaveLength(4);
    expect(s.readOnlyView).toBe(false);
  });

  it('Ant Design form: label[for] matching the input id, and the combobox text of an ant-select', () => {
    const s = read(`
      <form class="ant-form">
        <div class="ant-form-item"><div class="ant-row">
          <div class="ant-col ant-form-item-label"><label for="case_decisionNo" title="决定书文号">决定书文号</label></div>
          <div class="ant-col ant-form-item-control"><div class="ant-form-item-control-input"><div class="ant-form-item-control-input-content">
            <input id="case_decisionNo" class="ant-input" value="渝万州市监处字〔2023〕497号"></div></div></div>
        </div></div>
        <div class="ant-form-item"><div class="ant-row">
          <div class="ant-col ant-form-item-label"><label title="裁量等级">裁量等级</label></div>
          <div class="ant-col ant-form-item-control"><div class="ant-form-item-control-input"><div class="ant-form-item-control-input-content">
            <div class="ant-select"><div class="ant-select-selector">
              <span class="ant-select-selection-search"><input role="combobox" readonly class="ant-select-selection-search-input" value=""></span>
              <span class="ant-select-selection-item" title="从重">从重</span>
            </div></div></div></div></div>
        </div></div>
      </form>`);
    expect(field(s, '决定书文号')).toMatchObject({ value: '渝万州市监处字〔2023〕497号', labelSource: 'label-for' });
    expect(field(s, '裁量等级')).toMatchObject({ value: '从重', kind: 'select', labelSource: 'div-table' });
  });

  it('legacy JSP table: previous cell, required mark, colon, colspan, checkbox group and select', () => {
    document.body.innerHTML = `
      <table class="formTable">
        <tr><td class="tdTitle"><span style="color:red">*</span>当事人：</td><td><input name="dsrmc" value="甲公司"></td>
            <td class="tdTitle">统一社会信用代码：</td><td><input name="tyshxydm" value="91500000MA5U000000"></td></tr>
        <tr><td class="tdTitle">违法事实：</td><td colspan="3"><textarea name="wfss">销售过期食品</textarea></td></tr>
        <tr><td class="tdTitle">处罚种类：</td><td colspan="3">
            <input type="checkbox" name="cfzl_jg" checked>警告
            <input type="checkbox" name="cfzl_fk" checked>罚款
            <input type="checkbox" name="cfzl_mswfsd">没收违法所得</td></tr>
        <tr><td class="tdTitle">罚款金额（元）：</td><td><input name="fkje" value="50000"> 元</td>
            <td class="tdTitle">是否移送公安：</td><td><select name="sfys"><option value="">--请选择--</option><option value="1">是</option><option value="0" selected>否</option></select></td></tr>
      </table>`;
    // happy-dom 21 honours `selected` on the wrong option when parsing; a browser selects 否 from the markup
    document.querySelector('select')!.selectedIndex = 2;
    const s = readForm(document);
    expect(values(s)).toEqual({
      当事人: '甲公司',
      统一社会信用代码: '91500000MA5U000000',
      违法事实: '销售过期食品',
      处罚种类: '警告、罚款',
      罚款金额元: '50000',
      是否移送公安: '否',
    });
    expect(field(s, '当事人')).toMatchObject({ rawLabel: '*当事人：', labelSource: 'previous-cell' });
    expect(field(s, '处罚种类').kind).toBe('checkbox');
  });

  it('a label cell carrying a hint is the label of the input beside it, not a line of its own', () => {
    const s = read(`<table><tr><td>当事人：（必填）</td><td><input value=""></td></tr></table>
      <div class="row"><div>案由：请按规范填写</div><div><input value="无照经营"></div></div>`);
    expect(s.fields.map((f) => [f.label, f.value, f.kind])).toEqual([
      ['当事人必填', '', 'text'],
      ['案由请按规范填写', '无照经营', 'text'],
    ]);
  });

  it('label-above-input table: the aligned cell in the row above, respecting colspan', () => {
    const s = read(`
      <table>
        <tr><th colspan="2">当事人</th><th>罚款金额</th></tr>
        <tr><td><input value="名字"></td><td><input value="第二格"></td><td><input value="3000"></td></tr>
      </table>`);
    expect(s.fields.map((f) => [f.label, f.value, f.labelSource])).toEqual([
      ['当事人', '名字', 'cell-above'],
      ['当事人', '第二格', 'cell-above'],
      ['罚款金额', '3000', 'cell-above'],
    ]);
  });

  it('label-above-input table: an empty cell in the label row (a spacer) still leaves it a label row', () => {
    const s = read(`
      <table>
        <tr><td>当事人</td><td></td><td>罚款金额</td><td>决定日期</td></tr>
        <tr><td><input value="名字"></td><td><input value="第二格"></td><td><input value="3000"></td><td><input value="2024-06-18"></td></tr>
      </table>`);
    expect(s.fields.map((f) => [f.label, f.value])).toEqual(
      expect.arrayContaining([
        ['当事人', '名字'],
        ['罚款金额', '3000'],
        ['决定日期', '2024-06-18'],
      ]),
    );
    expect(
      s.fields.every((f) => f.value !== '决定日期' && f.value !== ''),
      'no label read as a value',
    ).toBe(true);
  });

  it('read-only view: 4-column label|value rows, colspan values, rowspan group headers', () => {
    const s = read(`
      <h2>案件详情</h2>
      <table class="view">
        <tr><th>当事人</th><td>乙公司</td><th>统一社会信用代码</th><td>91500000MA5U000000</td></tr>
        <tr><th>违法事实</th><td colspan="3">经查，当事人销售不符合食品安全标准的食品。</td></tr>
        <tr><td rowspan="2">当事人情况</td><td>法定代表人</td><td>张三</td></tr>
        <tr><td>住所</td><td>重庆市万州区</td></tr>
        <tr><td>罚款金额</td><td></td></tr>
      </table>`);
    expect(values(s)).toEqual({
      当事人: '乙公司',
      统一社会信用代码: '91500000MA5U000000',
      违法事实: '经查，当事人销售不符合食品安全标准的食品。',
      法定代表人: '张三',
      住所: '重庆市万州区',
      罚款金额: '',
    });
    expect(s.fields.every((f) => f.kind === 'cell' && f.readOnly)).toBe(true);
    expect(s.readOnlyView).toBe(true);
    expect(s.headings).toContain('案件详情');
  });

  it('read-only records under header rows are read column by column; a case list is not read as pairs', () => {
    const record = read(`<table><thead><tr><th>当事人</th><th>文号</th></tr></thead>
      <tbody><tr><td>丙公司</td><td>卫市监处罚〔2024〕7号</td></tr></tbody></table>`);
    expect(record.fields.map((f) => [f.label, f.value, f.labelSource])).toEqual([
      ['当事人', '丙公司', 'cell-above'],
      ['文号', '卫市监处罚〔2024〕7号', 'cell-above'],
    ]);
    const alternating = read(`<table>
      <tr><th>当事人</th><th>统一社会信用代码</th></tr><tr><td>丙公司</td><td>91500000MA5U000000</td></tr>
      <tr><th>文号</th><th>决定日期</th></tr><tr><td>卫市监处罚〔2024〕7号</td><td>2024-01-05</td></tr></table>`);
    for (const f of alternating.fields) expect(readField(resolveLocator(document, f.locator)!)).toEqual(f);
    expect(values(alternating)).toEqual({
      当事人: '丙公司',
      统一社会信用代码: '91500000MA5U000000',
      文号: '卫市监处罚〔2024〕7号',
      决定日期: '2024-01-05',
    });
    const list = read(`<table><thead><tr><th>序号</th><th>当事人</th><th>文号</th></tr></thead><tbody>
      <tr><td>1</td><td>丙公司</td><td>卫市监处罚〔2024〕7号</td></tr>
      <tr><td>2</td><td>丁公司</td><td>卫市监处罚〔2024〕8号</td></tr></tbody></table>`);
    expect(list.fields).toEqual([]);
  });

  it('rendered document: label：value paragraphs, prose without a label is skipped', () => {
    const s = read(`
      <div class="document">
        <h1>行政处罚决定书</h1>
        <p>卫市监处罚〔2024〕7号</p>
        <p>当事人：某某商贸有限公司</p>
        <p><span>住所：</span><span>重庆市渝中区解放碑</span></p>
        <p>经查，当事人于2023年5月在其经营场所销售过期食品，货值金额人民币3000元。</p>
        <div>法定代表人: 李四</div>
      </div>`);
    expect(values(s)).toEqual({ 当事人: '某某商贸有限公司', 住所: '重庆市渝中区解放碑', 法定代表人: '李四' });
    expect(field(s, '当事人')).toMatchObject({ kind: 'line', labelSource: 'line', readOnly: true });
    expect(s.headings).toContain('行政处罚决定书');
  });

  it('dt/dd pairs and dt-labelled inputs', () => {
    const s = read(`<dl><dt>案件编号</dt><dd>万市监立〔2023〕12号</dd><dt>案由</dt><dd><input value="销售过期食品案"></dd></dl>`);
    expect(field(s, '案件编号')).toMatchObject({ value: '万市监立〔2023〕12号', kind: 'cell', labelSource: 'dt-dd' });
    expect(field(s, '案由')).toMatchObject({ value: '销售过期食品案', kind: 'text', labelSource: 'dt-dd' });
  });

  it('div-table read-only pairs: Element descriptions, Ant descriptions, generic label/value classes', () => {
    const s = read(`
      <div class="el-descriptions"><table><tbody><tr class="el-descriptions-row">
        <th class="el-descriptions-item__label">当事人</th><td class="el-descriptions-item__content">戊公司</td></tr></tbody></table></div>
      <div class="ant-descriptions-item-container"><span class="ant-descriptions-item-label">罚款金额（万元）</span><span class="ant-descriptions-item-content">5</span></div>
      <div class="info-row"><div class="info-label">处罚依据</div><div class="info-value">《中华人民共和国食品安全法》第一百二十四条</div></div>`);
    expect(values(s)).toEqual({ 当事人: '戊公司', 罚款金额万元: '5', 处罚依据: '《中华人民共和国食品安全法》第一百二十四条' });
    expect(s.readOnlyView).toBe(true);
  });

  it('aria-labelledby, aria-label, enclosing label, previous text and placeholder fallbacks', () => {
    const s = read(`
      <span id="lbl-fine">罚款金额</span><input aria-labelledby="lbl-fine" value="5000">
      <input aria-label="没收违法所得" value="1200">
      <label>案由 <input value="无照经营"></label>
      <div>处罚依据：<input value="食品安全法第一百二十四条"></div>
      <input placeholder="请输入作出决定的机关名称" value="某市市场监督管理局">`);
    expect(field(s, '罚款金额')).toMatchObject({ value: '5000', labelSource: 'aria' });
    expect(field(s, '没收违法所得')).toMatchObject({ value: '1200', labelSource: 'aria' });
    expect(field(s, '案由')).toMatchObject({ value: '无照经营', labelSource: 'enclosing-label' });
    expect(field(s, '处罚依据')).toMatchObject({ labelSource: 'previous-text' });
    expect(field(s, '作出决定的机关名称')).toMatchObject({ labelSource: 'placeholder' });
  });

  it('label[for] wins over a misleading previous cell', () => {
    const s = read(`<table><tr><td>备注</td><td><label for="x">当事人</label><input id="x" value="己公司"></td></tr></table>`);
    expect(field(s, '当事人')).toMatchObject({ value: '己公司', labelSource: 'label-for' });
  });

  it('radio groups (named and Element UI), lone checkboxes as 是/否', () => {
    const s = read(`
      <table>
        <tr><td>是否列入严重违法失信名单</td><td>
          <input type="radio" name="sflr" id="r1" value="1"><label for="r1">是</label>
          <input type="radio" name="sflr" id="r2" value="0" checked><label for="r2">否</label></td></tr>
        <tr><td>是否移送公安</td><td><input type="checkbox" id="ys"><label for="ys">是</label></td></tr>
      </table>
      <div class="el-form-item"><label class="el-form-item__label">裁量等级</label><div class="el-form-item__content">
        <div role="radiogroup" class="el-radio-group">
          <label class="el-radio"><span class="el-radio__input"><input type="radio" class="el-radio__original" value="a" checked></span><span class="el-radio__label">从重</span></label>
          <label class="el-radio"><span class="el-radio__input"><input type="radio" class="el-radio__original" value="b"></span><span class="el-radio__label">一般</span></label>
        </div></div></div>
      <label><input type="checkbox" checked> 已移送公安机关</label>`);
    expect(field(s, '是否列入严重违法失信名单')).toMatchObject({ value: '否', kind: 'radio', labelSource: 'previous-cell' });
    expect(field(s, '是否移送公安')).toMatchObject({ value: '否', kind: 'checkbox' });
    expect(field(s, '裁量等级')).toMatchObject({ value: '从重', kind: 'radio', labelSource: 'div-table' });
    expect(field(s, '已移送公安机关')).toMatchObject({ value: '是', kind: 'checkbox' });
    expect(s.fields).toHaveLength(4);
  });

  it('fieldset legend labels a checkbox group', () => {
    const s = read(`<fieldset><legend>处罚种类</legend>
      <label><input type="checkbox" name="p" checked>警告</label>
      <label><input type="checkbox" name="p">罚款</label>
      <label><input type="checkbox" name="p" checked>吊销营业执照</label></fieldset>`);
    expect(field(s, '处罚种类')).toMatchObject({ value: '警告、吊销营业执照', kind: 'checkbox' });
  });

  it('contenteditable regions are read as one field', () => {
    const s = read(
      `<div class="row"><span class="lbl">违法事实</span><div contenteditable="true"><p>第一段</p><p>第二段<b>加粗</b></p></div></div>`,
    );
    expect(field(s, '违法事实')).toMatchObject({ value: '第一段 第二段加粗', kind: 'contenteditable', readOnly: false });
  });

  it('open shadow roots: fields inside, labelled inside or through their host', () => {
    document.body.innerHTML = `<table><tr><td>当事人</td><td><x-input id="party"></x-input></td></tr></table><x-panel id="panel"></x-panel>`;
    document.getElementById('party')!.attachShadow({ mode: 'open' }).innerHTML = '<input value="庚公司">';
    document.getElementById('panel')!.attachShadow({ mode: 'open' }).innerHTML =
      '<label for="fine">罚款金额</label><input id="fine" value="800">';
    const s = readForm(document);
    expect(field(s, '当事人')).toMatchObject({ value: '庚公司', locator: '#party >>> input' });
    expect(field(s, '罚款金额')).toMatchObject({ value: '800', labelSource: 'label-for', locator: '#panel >>> #fine' });
    expect(s.fields).toHaveLength(2);
  });
});

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readField, readForm } from '../../../lib/form';
import { field, read, values } from './helpers';

// Each test is one heuristic of "read the value a person sees" (issue 13, item 2), on the markup the named
// kind of widget renders; the reader itself names no framework.

describe('the displayed text wins over the control behind it', () => {
  it('a hidden select whose widget shows the choice in a read-only text box (layui): one field, the shown text', () => {
    document.body.innerHTML = `
      <style>.skin select { display: none }</style>
      <form class="skin">
        <div class="item"><label class="item-label">处罚种类</label>
          <div class="item-block">
            <select name="cfzl"><option value=""></option><option value="01" selected>警告</option><option value="02">罚款</option></select>
            <div class="unselect form-select">
              <div class="select-title"><input type="text" placeholder="请选择" value="罚款" readonly class="input"><i class="edge"></i></div>
              <dl class="anim"><dd lay-value="">请选择</dd><dd lay-value="01">警告</dd><dd lay-value="02" class="this">罚款</dd></dl>
            </div>
          </div>
        </div>
      </form>`;
    const s = readForm(document);
    expect(values(s)).toEqual({ 处罚种类: '罚款' });
    expect(field(s, '处罚种类').kind).toBe('select');
  });

  it('a hidden select whose stand-in lists its options again (no class, no role): the shown text', () => {
    const s = read(`
      <div><span>裁量阶次</span>
        <select style="display:none"><option>从重</option><option selected>一般</option><option>从轻</option></select>
        <div><b>从轻</b><ul style="display:none"><li>从重</li><li>一般</li><li>从轻</li></ul></div>
      </div>`);
    expect(values(s)).toEqual({ 裁量阶次: '从轻' });
  });

  it('a select hidden inside a wrapper whose button shows the choice (bootstrap-select)', () => {
    const s = read(`
      <div class="form-group"><label>处罚种类</label>
        <div class="dropdown bootstrap-select">
          <select class="selectpicker" style="display:none"><option value="1">警告</option><option value="2" selected>罚款</option></select>
          <button type="button" class="btn dropdown-toggle" title="罚款"><div class="filter-option"><div class="filter-option-inner"><div class="filter-option-inner-inner">罚款</div></div></div></button>
          <div class="dropdown-menu"><div class="inner" role="listbox"><ul><li>警告</li><li>罚款</li></ul></div></div>
        </div>
      </div>`);
    expect(values(s)).toEqual({ 处罚种类: '罚款' });
  });

  it('a hidden input whose widget box shows its text and keeps the code in a hidden input (EasyUI combobox)', () => {
    const s = read(`
      <table><tr><td>裁量等次</td><td>
        <input class="combobox-f combo-f textbox-f" style="display:none" value="03">
        <span class="textbox combo"><span class="textbox-addon"><a class="combo-arrow" href="javascript:;"></a></span>
          <input class="textbox-text validatebox-text" readonly value="从轻处罚"><input type="hidden" class="textbox-value" value="03"></span>
      </td></tr></table>`);
    expect(values(s)).toEqual({ 裁量等次: '从轻处罚' });
  });

  it('a select that is shown stays read as it is: its next sibling is no stand-in unless it is a widget', () => {
    const s = read(`<label>领域<select><option>食品安全</option><option selected>质量安全</option></select></label><span>（必选）</span>`);
    expect(values(s)).toEqual({ 领域: '质量安全' });
  });

  it('a focusable box with no control inside is a picker: its displayed text, a prompt being no value (Naive UI, View UI)', () => {
    const s = read(`
      <div class="form-item"><label class="form-item-label"><span class="label-text">处罚种类</span><span class="asterisk">&nbsp;*</span></label>
        <div class="form-item-blank"><div class="base-selection" tabindex="0">
          <div class="base-selection-label" tabindex="-1"><div class="selection-input" title="罚款"><div class="selection-input__content">罚款</div></div></div>
          <div class="base-selection__border"></div></div></div></div>
      <div class="form-item"><label class="form-item-label">裁量阶次</label>
        <div class="form-item-blank"><div class="base-selection" tabindex="0">
          <div class="base-selection-placeholder"><div class="base-selection-placeholder__inner">请选择</div></div></div></div></div>
      <div class="select"><div class="selection" tabindex="0"><input type="hidden" name="ly" value="02">
        <span class="selected-value">质量安全</span><i class="arrow"></i></div>
        <div class="dropdown" style="display:none"><ul class="dropdown-list"><li>食品安全</li><li>质量安全</li></ul></div></div>`);
    expect(s.fields.map((f) => [f.label, f.value, f.kind])).toEqual([
      ['处罚种类', '罚款', 'select'],
      ['裁量阶次', '', 'select'],
      ['', '质量安全', 'select'],
    ]);
  });

  it('a combobox input left empty shows its choice in the box around it (Element Plus)', () => {
    const s = read(`
      <div class="form-item"><label class="form-item__label">裁量等次</label>
        <div class="form-item__content"><div class="sel"><div class="sel__wrapper"><div class="sel__selection">
          <div class="sel__selected-item sel__placeholder"><span>从重</span></div>
          <div class="sel__selected-item sel__input-wrapper is-hidden"><input type="text" role="combobox" readonly aria-haspopup="listbox" value=""></div>
        </div><div class="sel__suffix"><i class="caret"></i></div></div></div></div></div>`);
    expect(values(s)).toEqual({ 裁量等次: '从重' });
  });

  it('a picker box never reads its hidden menu of options (a dropdown drawn inside it)', () => {
    const s = read(`
      <style>.menu { display: none } .open .menu { display: block }</style>
      <div class="field"><label>处罚种类</label>
        <div class="ui selection dropdown" tabindex="0"><input type="hidden" name="cfzl" value="2"><i class="icon"></i>
          <div class="text">罚款</div>
          <div class="menu" tabindex="-1"><div class="item">警告</div><div class="item">罚款</div></div></div></div>`);
    expect(values(s)).toEqual({ 处罚种类: '罚款' });
  });

  it('focus guards, tabs and buttons made focusable are no pickers', () => {
    const s = read(`
      <div class="modal"><div tabindex="0" aria-hidden="true" style="width:0;height:0"></div>
        <div role="tablist"><div role="tab" tabindex="0">基本信息</div></div>
        <div><span>当事人</span><span role="button" tabindex="0">选择</span></div>
        <div tabindex="0" aria-hidden="true"></div></div>`);
    expect(s.fields).toEqual([]);
  });

  it('re-reads a picker box on its own (watcher and picker path)', () => {
    document.body.innerHTML = `<div><label class="lab">处罚种类</label><div><div class="box" tabindex="0"><span>罚款</span></div></div></div>`;
    expect(readField(document.querySelector('.box')!)).toMatchObject({ label: '处罚种类', value: '罚款', kind: 'select' });
  });
});

describe('options tied to their label without a name', () => {
  it('radios without name in a plain container form one group with the label before it', () => {
    document.body.innerHTML = `
      <div class="row"><span class="t">裁量阶次</span>
        <div class="opts"><label><input type="radio">从重</label><label><input type="radio" id="r2">一般</label><label><input type="radio">从轻</label></div></div>`;
    (document.getElementById('r2') as HTMLInputElement).checked = true;
    const s = readForm(document);
    expect(s.fields.map((f) => [f.label, f.value, f.kind])).toEqual([['裁量阶次', '一般', 'radio']]);
  });

  it('radios without name beside their label in one row still form a group', () => {
    document.body.innerHTML = `<div class="row"><label>是否列入严重违法失信名单</label><input type="radio" id="y">是<input type="radio">否</div>`;
    (document.getElementById('y') as HTMLInputElement).checked = true;
    expect(values(readForm(document))).toEqual({ 是否列入严重违法失信名单: '是' });
  });

  it('checkboxes without name in a container holding only them form a set; field-like boxes stay single', () => {
    document.body.innerHTML = `
      <div class="item"><div class="lbl">处罚种类</div>
        <div class="set"><label><input type="checkbox" id="a">警告</label><label><input type="checkbox" id="b">罚款</label></div></div>
      <div class="flags"><label><input type="checkbox" id="c">是否移送公安机关</label><label><input type="checkbox">是否列入严重违法失信名单</label></div>`;
    (document.getElementById('b') as HTMLInputElement).checked = true;
    (document.getElementById('c') as HTMLInputElement).checked = true;
    expect(values(readForm(document))).toEqual({ 处罚种类: '罚款', 是否移送公安机关: '是', 是否列入严重违法失信名单: '否' });
  });

  it('hidden inputs drawn by the widget right after them count as shown (layui radios)', () => {
    document.body.innerHTML = `
      <style>.skin input[type=radio] { display: none }</style>
      <div class="skin"><label class="lbl">裁量等次</label><div class="blk">
        <input type="radio" name="cl" value="1" title="从重"><div class="unselect radio"><i class="icon"></i><div>从重</div></div>
        <input type="radio" name="cl" value="2" title="一般" id="g"><div class="unselect radio radioed"><i class="icon"></i><div>一般</div></div>
      </div></div>`;
    (document.getElementById('g') as HTMLInputElement).checked = true;
    expect(values(readForm(document))).toEqual({ 裁量等次: '一般' });
  });

  it('ARIA options without native inputs (Vant): role=radio / role=checkbox with aria-checked', () => {
    const s = read(`
      <div class="cell"><div class="cell__title"><span>裁量阶次</span></div>
        <div class="cell__value"><div role="radiogroup" class="radio-group">
          <div role="radio" tabindex="0" aria-checked="false" class="radio"><span class="radio__label">从重</span></div>
          <div role="radio" tabindex="-1" aria-checked="true" class="radio"><span class="radio__label">从轻</span></div>
        </div></div></div>
      <div class="cell"><div class="cell__title"><span>处罚种类</span></div>
        <div class="cell__value"><div role="group" class="checkbox-group">
          <div role="checkbox" tabindex="0" aria-checked="true" class="checkbox"><span>警告</span></div>
          <div role="checkbox" tabindex="0" aria-checked="true" class="checkbox"><span>罚款</span></div>
          <div role="checkbox" tabindex="0" aria-checked="false" class="checkbox"><span>没收违法所得</span></div>
        </div></div></div>`);
    expect(s.fields.map((f) => [f.label, f.value, f.kind])).toEqual([
      ['裁量阶次', '从轻', 'radio'],
      ['处罚种类', '警告、罚款', 'checkbox'],
    ]);
  });
});

describe('a required mark is never a value', () => {
  it('a mark element after the label text (Ext JS) leaves the value to the value element', () => {
    const s = read(`
      <div class="field form-item"><label class="form-item-label"><span class="form-item-label-inner">
        <span class="form-item-label-text">当事人:</span><span class="required-mark" style="color:red">*</span></span></label>
        <div class="form-item-body"><div class="display-field">上海某某食品有限公司</div></div></div>`);
    expect(values(s)).toEqual({ 当事人: '上海某某食品有限公司' });
  });

  it('a mark cell between the label cell and the value cell is skipped', () => {
    expect(
      values(read(`<table><tr><td>当事人</td><td>＊</td><td>某公司</td></tr><tr><td>案由</td><td>无照经营</td></tr></table>`)),
    ).toEqual({
      当事人: '某公司',
      案由: '无照经营',
    });
  });

  it('a `label：*` line is a label for what follows, not a value', () => {
    const s = read(`<div class="r"><div>当事人：<span style="color:red">*</span></div><div><input value="某公司"></div></div>`);
    expect(values(s)).toEqual({ 当事人: '某公司' });
  });

  it('a mark before or after the label text is left out of the label', () => {
    const s = read(`
      <div class="a"><span style="color:red">＊</span><span>统一社会信用代码</span><span><input value="91310000MA1K000000"></span></div>
      <div class="b"><span>法定代表人</span><em class="req">*</em><span><input value="张三"></span></div>`);
    expect(values(s)).toEqual({ 统一社会信用代码: '91310000MA1K000000', 法定代表人: '张三' });
  });
});

describe('label and value parts whatever their class names', () => {
  it('title/value cells that repeat (Vant): each a pair', () => {
    const s = read(`
      <div class="cell-group">
        <div class="cell"><div class="cell__title"><span>当事人</span></div><div class="cell__value"><span>上海某某食品有限公司</span></div></div>
        <div class="cell"><div class="cell__title"><span>处罚决定书文号</span></div><div class="cell__value"><span>沪市监处〔2024〕12号</span></div></div>
        <div class="cell"><div class="cell__title"><span>裁量阶次</span></div><div class="cell__value"><span>从重</span></div></div>
      </div>`);
    expect(values(s)).toEqual({ 当事人: '上海某某食品有限公司', 处罚决定书文号: '沪市监处〔2024〕12号', 裁量阶次: '从重' });
    expect(s.fields.every((f) => f.readOnly && f.kind === 'cell')).toBe(true);
    expect(s.readOnlyView).toBe(true);
  });

  it('a lone two-part element pairs when its label ends with a colon or the class names say so', () => {
    const s = read(`
      <section><div class="x"><b>当事人：</b><i>某公司</i></div></section>
      <section><div class="y"><span class="k-name">处罚内容</span><span class="k-val">警告</span></div></section>
      <article><div class="z"><span>首页</span><span>列表</span></div></article>`);
    expect(values(s)).toEqual({ 当事人: '某公司', 处罚内容: '警告' });
  });

  it('a cell whose title block holds the label and the text under it (Vant cell with a description)', () => {
    const s = read(`
      <div class="group">
        <div class="cell"><div class="cell__title"><span>违法事实</span><div class="cell__label">经查，当事人作虚假宣传。</div></div></div>
        <div class="cell"><div class="cell__title"><span>处罚内容</span><div class="cell__label">罚款人民币1800000元。</div></div></div>
      </div>`);
    expect(values(s)).toEqual({ 违法事实: '经查，当事人作虚假宣传。', 处罚内容: '罚款人民币1800000元。' });
  });

  it('navigation is not read as pairs', () => {
    const s = read(`<nav><ul><li><span>当事人</span><span>查询</span></li><li><span>当事人</span><span>查询</span></li></ul></nav>`);
    expect(s.fields).toEqual([]);
  });
});

describe('a document header line holding several pairs', () => {
  it('splits `label：value` pairs set apart by spaces, never inside a sentence', () => {
    const s = read(`
      <p>法定代表人：张三　　职务：经理</p>
      <p>违法事实：经查，当事人于2024年1月 销售：过期食品。</p>`);
    expect(s.fields.map((f) => [f.label, f.value])).toEqual([
      ['法定代表人', '张三'],
      ['职务', '经理'],
      ['违法事实', '经查，当事人于2024年1月 销售：过期食品。'],
    ]);
  });
});

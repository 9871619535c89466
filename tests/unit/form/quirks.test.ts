// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mapFields } from '../../../lib/facts/fields';
import { field, read } from './helpers';

describe('widget quirks of real systems', () => {
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

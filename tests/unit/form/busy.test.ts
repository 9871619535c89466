// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mapFields } from '../../../lib/facts/fields';
import { readForm } from '../../../lib/form';
import { read, values } from './helpers';

/** A search bar, a case list and the document form on one page (issue 13, item 4). */
const BUSY = `
  <div class="page">
    <div class="toolbar">
      <div class="q"><span>当事人名称</span><input id="q1" placeholder="请输入"></div>
      <div class="q"><span>案件编号</span><input id="q2"></div>
      <button type="button"><span>查 询</span></button><button type="button">重置</button>
    </div>
    <div class="list"><div class="list-head"><table><thead><tr><th>序号</th><th>当事人名称</th><th>处罚决定书文号</th></tr></thead></table></div>
      <div class="list-body"><table><tbody>
        <tr><td>1</td><td>列表一公司</td><td>沪市监处〔2024〕1号</td></tr>
      </tbody></table></div></div>
    <form class="doc">
      <div class="row"><label>当事人名称</label><input id="party" value="表单中的公司"></div>
      <div class="row"><label>统一社会信用代码</label><input value="91310000MA1K000000"></div>
      <div class="row"><label>处罚决定书文号</label><input value="沪市监处〔2024〕12号"></div>
      <div class="row"><label>处罚内容</label><textarea>罚款人民币5万元</textarea></div>
    </form>
  </div>`;

describe('the right form on a busy page', () => {
  it("a search bar's fields are marked and never mapped, even when filled", () => {
    document.body.innerHTML = BUSY;
    (document.getElementById('q1') as HTMLInputElement).value = '筛选用的公司';
    const s = readForm(document);
    const filtered = (s.filters ?? []).map((i) => s.fields[i]!.label);
    expect(filtered).toEqual(['当事人名称', '案件编号']);
    const map = mapFields(s);
    expect(map.partyName?.value).toBe('表单中的公司');
    expect(map.caseNo).toBeUndefined();
    expect(map.decisionNo?.value).toBe('沪市监处〔2024〕12号');
  });

  it('the rows of a list whose header is a table of its own are never read', () => {
    document.body.innerHTML = BUSY;
    const s = readForm(document);
    expect(s.fields.map((f) => f.value)).not.toContain('列表一公司');
    expect(s.fields.map((f) => f.value)).not.toContain('沪市监处〔2024〕1号');
  });

  it('a lookup button beside one field of the case form does not make it a search bar', () => {
    const s = read(`<form>
      <div><label>当事人</label><input value="某公司"></div>
      <div class="uscc"><label>统一社会信用代码</label><input value="91310000MA1K000000"><button type="button">查询</button></div>
      <div><label>处罚内容</label><textarea>警告</textarea></div></form>`);
    expect(s.filters).toBeUndefined();
    expect(mapFields(s).uscc?.value).toBe('91310000MA1K000000');
  });

  it('two equal candidates: the one in the container holding most recognised keys wins', () => {
    const s = read(`
      <aside class="side"><div class="card"><p>当事人：侧栏里的公司</p><p>备注：无</p></div></aside>
      <main><div class="sheet">
        <p>当事人：正文里的公司</p><p>统一社会信用代码：91310000MA1K000000</p>
        <p>处罚依据：《中华人民共和国食品安全法》第一百二十二条</p><p>处罚内容：罚款人民币5万元</p></div></main>`);
    expect(s.scopes).toHaveLength(s.fields.length);
    expect(mapFields(s).partyName?.value).toBe('正文里的公司');
    // without the structure the first on the page would win
    expect(mapFields({ ...s, scopes: undefined }).partyName?.value).toBe('侧栏里的公司');
  });

  it('cards of a case list drawn with divs are not the case; editable repeats (two parties) are kept', () => {
    const list = read(`<div class="cards">
      <div class="card"><p>当事人：甲公司</p><p>文号：沪市监处〔2024〕1号</p></div>
      <div class="card"><p>当事人：乙公司</p><p>文号：沪市监处〔2024〕2号</p></div></div>`);
    expect(list.fields).toEqual([]);
    const parties = read(`<form>
      <div class="party"><label>当事人</label><input value="甲公司"><label>住所</label><input value="上海"></div>
      <div class="party"><label>当事人</label><input value="乙公司"><label>住所</label><input value="北京"></div></form>`);
    expect(values(parties)).toMatchObject({ 当事人: '乙公司' });
    expect(parties.fields).toHaveLength(4);
  });

  it('a detail card and the rendered decision in a sibling card share a few labels: no list', () => {
    const s = read(`<div class="page">
      <div class="card"><table><tr><th>当事人</th><td>甲公司</td></tr><tr><th>住所</th><td>上海</td></tr>
        <tr><th>案由</th><td>无照经营</td></tr><tr><th>处罚内容</th><td>警告</td></tr><tr><th>罚款金额</th><td>0</td></tr></table></div>
      <div class="card"><p>当事人：甲公司</p><p>住所：上海</p></div></div>`);
    expect(values(s)).toMatchObject({ 当事人: '甲公司', 案由: '无照经营', 处罚内容: '警告' });
  });

  it('numbered rows and a td header naming 序号/操作 are lists', () => {
    expect(
      read(`<table><tr><td>1</td><td>甲公司</td><td>罚款</td></tr><tr><td>2</td><td>乙公司</td><td>警告</td></tr></table>`).fields,
    ).toEqual([]);
    expect(
      read(`<table><tr><td>当事人</td><td>处罚内容</td><td>操作</td></tr><tr><td>甲公司</td><td>罚款</td><td>查看</td></tr>
        <tr><td>乙公司</td><td>警告</td><td>查看</td></tr></table>`).fields,
    ).toEqual([]);
  });
});

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { missingCoreKeys, readCase } from '../../../lib/facts';
import { FieldSnapshotSchema, readForm, resolveLocator } from '../../../lib/form';
import { read } from './helpers';

/** A decision exported from Word: every paragraph a `<p>`, numbers in runs of their own (issue 13, item 3). */
const EXPORTED = `
  <p align="center"><span>上海市某区市场监督管理局</span></p>
  <p align="center"><span>行政处罚决定书</span></p>
  <p align="center"><span>沪某市监处罚〔</span>2024<span>〕</span>88<span>号</span></p>
  <p>&nbsp;</p>
  <p><span>当事人：上海某某餐饮管理有限公司</span></p>
  <p><span>统一社会信用代码：</span>91310115MA1K4C7Q2M</p>
  <p><span>住所：上海市某区某路</span>8<span>号</span></p>
  <p><span>法定代表人：张某</span>　　<span>职务：执行董事</span></p>
  <p><span>经查，当事人于</span>2024<span>年</span>2<span>月在其门店销售超过保质期的食品，货值金额人民币</span>3200<span>元。</span></p>
  <p><span>本局认为，当事人的行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。当事人积极配合调查，主动消除违法后果，依法从轻处罚。</span></p>
  <p><span>依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，本局决定：</span></p>
  <p><span>一、没收违法所得人民币</span>800<span>元；</span></p>
  <p><span>二、罚款人民币</span>50000<span>元。</span></p>
  <p><span>当事人应当自收到本处罚决定书之日起十五日内缴纳罚款。</span></p>
  <p><span>如不服本处罚决定，可以在收到本处罚决定书之日起六十日内申请行政复议。</span></p>
  <p>&nbsp;</p>
  <p align="right"><span>上海市某区市场监督管理局</span></p>
  <p align="right"><span>二〇二四年三月十八日</span></p>`;

describe('a decision rendered as a document', () => {
  it('reads the 文号 line, the header lines, the basis and the penalty of 依据…决定：一、…二、…, the authority and the date', () => {
    const { fields } = readCase(read(EXPORTED));
    expect(fields.decisionNo?.value).toBe('沪某市监处罚〔2024〕88号');
    expect(fields.partyName?.value).toBe('上海某某餐饮管理有限公司');
    expect(fields.uscc?.value).toBe('91310115MA1K4C7Q2M');
    expect(fields.legalRep?.value).toBe('张某');
    expect(fields.legalBasis?.value).toBe('依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定');
    expect(fields.penalty?.value).toBe('一、没收违法所得人民币800元；二、罚款人民币50000元。');
    expect(fields.decisionDate?.value).toBe('二〇二四年三月十八日');
    expect(fields.authority?.value).toBe('上海市某区市场监督管理局');
  });

  it('snapshots with document fields are valid snapshots', () => {
    expect(() => FieldSnapshotSchema.parse(read(EXPORTED))).not.toThrow();
  });

  it('gives the facts the reasoning, its 从轻 wording, and what makes the case decided and recordable', () => {
    const { facts, fields } = readCase(read(EXPORTED));
    expect(fields.violation?.value).toContain('销售超过保质期的食品');
    expect(fields.aggravation?.value).toBe('依法从轻处罚');
    expect(facts.aggravation).toBe('从轻');
    expect(facts.decisionDate).toBe('2024-03-18');
    expect(facts.decided).toBe(true);
    expect(facts.readOnlyView).toBe(true);
    expect(facts.formKind).toBe('penalty');
    expect(facts.penalties.map((p) => p.kind).sort()).toEqual(['ConfiscateGains', 'Fine']);
    expect(facts.legalBasis[0]).toMatchObject({ law: '食品安全法', article: 124 });
    expect(missingCoreKeys(facts)).toEqual([]);
  });

  it('a decision stated in its own sentence, without a colon (不予行政处罚 too)', () => {
    const { fields } = readCase(
      read(`<div class="preview">
        <div>当事人：某某商行</div>
        <div>经查，当事人销售的商品未按规定明码标价，违法行为轻微并及时改正，没有造成危害后果。</div>
        <div>依据《中华人民共和国行政处罚法》第三十三条第一款的规定，本局决定对当事人不予行政处罚。</div>
        <div>2024年5月6日</div></div>`),
    );
    expect(fields.penalty?.value).toBe('决定对当事人不予行政处罚');
    expect(fields.legalBasis?.value).toContain('第三十三条第一款');
    expect(fields.decisionDate?.value).toBe('2024年5月6日');
  });

  it('the authority and the date in one signature block, and the number also shown in a timeline elsewhere', () => {
    const { fields } = readCase(
      read(`<ul class="timeline"><li>处罚决定　沪某市监处〔2024〕871号</li></ul>
        <div class="document"><h2>行政处罚决定书</h2><p class="no">沪某市监处〔2024〕871号</p><p>当事人：某公司</p>
        <p>依据《中华人民共和国食品安全法》第一百二十三条的规定，本局决定：罚款人民币2300000元。</p>
        <p class="sign">上海市某区市场监督管理局<br>2024年6月18日</p></div>`),
    );
    expect(fields.decisionNo?.value).toBe('沪某市监处〔2024〕871号');
    expect(resolveLocator(document, fields.decisionNo!.locator)?.className).toBe('no');
    expect(fields.decisionDate?.value).toBe('2024年6月18日');
    expect(fields.authority?.value).toBe('上海市某区市场监督管理局');
  });

  it('a negated discretion phrase is not the level stated', () => {
    const { fields } = readCase(
      read(`<p>当事人：某公司</p><p>本局认为，当事人不具有从轻、减轻处罚的情形，应当从重处罚。</p>
        <p>依据《中华人民共和国广告法》第五十五条第一款的规定，本局决定：罚款人民币20万元。</p>`),
    );
    expect(fields.aggravation?.value).toBe('应当从重处罚');
    expect(fields.penalty?.value).toBe('罚款人民币20万元。');
  });

  it('a form beside a preview of its decision keeps its own fields', () => {
    const s = read(`
      <form>
        <div><label>处罚内容</label><textarea>警告</textarea></div>
        <div><label>处罚依据</label><input value="《中华人民共和国产品质量法》第五十条"></div>
      </form>
      <div class="preview"><p>依据《中华人民共和国产品质量法》第五十条的规定，本局决定：</p><p>一、警告；</p><p>二、罚款人民币1万元。</p>
        <p>2024年1月2日</p></div>`);
    const { fields } = readCase(s);
    expect(fields.penalty?.value).toBe('警告');
    expect(fields.legalBasis?.value).toBe('《中华人民共和国产品质量法》第五十条');
    expect(s.fields.filter((f) => f.labelSource === 'document').map((f) => f.key)).toEqual(['legalBasis', 'penalty', 'decisionDate']);
  });

  it('no decision sentence, no document reading: a lone date or number on a form page is no decision', () => {
    const s = read(`<p>沪某市监处罚〔2024〕88号</p><div><label>当事人</label><input value="某公司"></div><p>2024年3月18日</p>`);
    expect(s.fields.some((f) => f.labelSource === 'document')).toBe(false);
    expect(readCase(s).facts.decided).toBe(false);
  });

  it('a decision sentence beside the inputs of a form is a hint of the form, not a document', () => {
    document.body.innerHTML = `<form><p>依据《中华人民共和国食品安全法》第一百二十四条的规定，本局决定：</p><p>一、警告。</p><input value="x"></form>`;
    expect(readForm(document).fields.filter((f) => f.labelSource === 'document')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import en from '../../../public/_locales/en/messages.json';
import zh from '../../../public/_locales/zh_CN/messages.json';
import {
  formatAssessmentText,
  formatCitation,
  formatNotice,
  translatorFromMessages,
  type Assessment,
  type MessageEntry,
} from '../../../lib/rules';
import { judge } from './helpers';

const ZH = zh as Record<string, MessageEntry>;
const EN = en as Record<string, MessageEntry>;
const tZh = translatorFromMessages(ZH);
const tEn = translatorFromMessages(EN);

const SHANGHAI = { individual: 5000, organisation: 50000, inclusive: true };
const DECIDED = { decisionNo: '渝万州市监处字〔2023〕497号', decisionDate: '2023-07-14' };

/** Assessments that between them produce every code the engine emits. */
function scenarios(): Assessment[] {
  const noPermit = '当事人未取得食品经营许可从事食品销售活动';
  return [
    judge({ penalty: '吊销营业执照', violation: noPermit, partyName: '某某有限公司' }),
    judge({ penalty: '吊销营业执照', violation: noPermit, ...DECIDED }),
    judge({ penalty: '吊销食品经营许可证', violation: noPermit, decisionDate: '2019-05-10' }),
    judge({ penalty: '', ...DECIDED, decisionDate: '' }),
    judge({ penalty: '按规定处理' }),
    judge({ penalty: '撤销登记', violation: '加油站使用作弊的计量器具', ...DECIDED }),
    judge({ penalty: '责令关闭', violation: '当事人违法经营' }),
    judge({ penalty: '吊销营业执照', violation: '销售腐败变质食品' }),
    judge({ penalty: '吊销营业执照', legalBasis: '《计量法》第二十五条' }),
    judge({ penalty: '罚款5万元', violation: noPermit }),
    judge({ penalty: '罚款2万元', aggravation: '一般', violation: '拒不履行行政处罚决定', criminalTransfer: '是' }),
    judge({ penalty: '警告' }, { settings: { lowerAmountFine: SHANGHAI } }),
    judge({ penalty: '不予行政处罚' }),
    judge({ penalty: '通报批评' }),
    judge({ penalty: '罚款5000元', partyKind: '自然人' }, { settings: { lowerAmountFine: SHANGHAI } }),
    judge({ penalty: '罚款5000元' }, { settings: { lowerAmountFine: SHANGHAI } }),
    judge({ penalty: '罚款4000余元', partyKind: '企业' }, { settings: { lowerAmountFine: SHANGHAI } }),
    judge({
      penalty: '吊销医疗器械经营许可证',
      legalBasis: '《医疗器械监督管理条例》第八十一条',
      violation: '经营未取得医疗器械注册证的第二类医疗器械',
    }),
    judge({ penalty: '没收违法所得1万元', legalBasis: '《医疗器械监督管理条例》第八十九条' }),
    judge(
      {
        penalty: '罚款',
        approvalMode: '告知承诺',
        aggravation: '较重',
        decisionNo: '〔 〕号',
        decisionDate: '二〇二三年十三月',
        fineAmount: '若干',
        confiscation: '若干',
        uscc: '123',
        listingDecision: '研究中',
        criminalTransfer: '其他',
        domain: '未知',
      },
      { partyOnSeriousList: true },
    ),
    judge({ penalty: '依法从重处罚……依法从轻处罚' }),
    judge({ penalty: '撤销气瓶充装资格', violation: '对超期未检的气瓶进行充装' }),
    judge({ penalty: '对当事人予以从重处罚', violation: noPermit }),
    judge({ penalty: '犯销售有毒、有害食品罪，被人民法院判处有期徒刑一年' }),
    judge({ penalty: '罚款5万元', violation: '当事人曾因同类违法行为受到行政处罚，屡罚不改', legalBasis: '《食品安全法》第一百二十六条' }),
    judge({ penalty: '罚款5万元', legalBasis: '《食品安全法》第一百二十六条第一款', violation: '未按规定查验许可证' }),
    judge({ penalty: '罚款300万元', legalBasis: '《反不正当竞争法》第二十三条', violation: '商业诋毁', decisionDate: '2023-01-05' }),
    judge({ penalty: '罚款5000元', legalBasis: '《食品安全法》第一百二十六条第一款', violation: noPermit }),
    judge({ penalty: '罚款3000元', legalBasis: '《食品安全法》第一百二十六条第一款', violation: noPermit }),
    judge({ penalty: '吊销食品经营许可证', violation: noPermit, decisionDate: '2021年' }),
    judge({ penalty: '吊销食品经营许可证', violation: noPermit, decisionDate: '2016年10月' }),
    judge({ penalty: '吊销食品经营许可证', violation: noPermit, decisionNo: '渝万州市监处字〔2022〕4号' }),
  ];
}

describe('locale messages', () => {
  const engineKeys = (m: Record<string, MessageEntry>) =>
    Object.keys(m)
      .filter((k) => k.startsWith('engine_'))
      .sort();

  it('zh_CN and en have the same engine keys with the same placeholders', () => {
    expect(engineKeys(ZH)).toEqual(engineKeys(EN));
    for (const k of engineKeys(ZH)) {
      const names = (e: MessageEntry) => Object.keys(e.placeholders ?? {}).sort();
      expect(names(EN[k]!), k).toEqual(names(ZH[k]!));
      for (const m of [ZH[k]!.message, EN[k]!.message]) {
        for (const [, name] of m.matchAll(/\$([A-Za-z0-9_]+)\$/g)) expect(ZH[k]!.placeholders, k).toHaveProperty(name!.toLowerCase());
      }
    }
  });

  it('every code the engine emits has a sentence in both locales', () => {
    for (const a of scenarios()) {
      for (const t of [tZh, tEn]) {
        const text = formatAssessmentText(a, t);
        const all = [
          text.verdict,
          text.unlisted ?? '',
          text.publicity ?? '',
          ...text.reasons,
          ...text.missing,
          ...text.notices,
          ...text.related,
          ...text.checklist,
        ];
        for (const line of all) {
          expect(line).not.toMatch(/engine_|key_|\$[A-Z0-9]+\$|undefined/);
        }
      }
    }
  });

  it('the scenarios cover every verdict and the main codes', () => {
    const as = scenarios();
    expect(new Set(as.map((a) => a.verdict))).toEqual(new Set(['must-list', 'review', 'not-required', 'insufficient']));
    const codes = new Set(as.flatMap((a) => [...a.reasons, ...a.related, ...a.notices].map((x) => x.code)));
    for (const c of [
      'heavier-penalty',
      'heavier-penalty-possible',
      'domain-item',
      'domain-catchall',
      'fine-discretion-unstated',
      'refusal-to-perform',
      'criminal-transfer',
      'no-heavier-penalty',
      'no-penalty',
      'not-in-force',
      'penalty-unreadable',
      'legal-rep-restriction',
      'upper-level-consent',
      'announce-with-penalty',
      'listing-period',
      'art12-judgment',
      'unconfirmed-basis',
      'item-number-unconfirmed',
      'article-number-unconfirmed',
      'no-domain-item',
      'domain-doubtful',
      'repair-sector-doubt',
      'party-on-serious-list',
      'commitment-not-applicable',
      'date-from-today',
      'date-partial',
      'date-from-decision-number',
      'date-straddles',
      'heavier-penalty-unnamed',
      'court-judgment',
      'aggravation-sign',
      'fine-top-of-range',
      'fine-serious-branch',
      'fine-at-floor',
      'fine-below-range',
    ]) {
      expect(codes, c).toContain(c);
    }
    const publicity = new Set(as.map((a) => a.publicity?.code));
    for (const c of [
      'publicity-not-published',
      'publicity-short',
      'publicity-short-fine',
      'publicity-long',
      'publicity-long-fixed',
      'publicity-threshold-unset',
      'publicity-fine-unknown',
      'publicity-party-kind-unknown',
    ]) {
      expect(publicity, c).toContain(c);
    }
  });
});

describe('formatting', () => {
  it('renders the not-in-force reason as the product says it', () => {
    const a = judge({ penalty: '吊销食品经营许可证', decisionDate: '2019-05-10' });
    expect(formatAssessmentText(a, tZh).reasons[0]).toContain('该决定日期（2019-05-10）早于《办法》施行日期（2021-09-01），本办法尚未施行');
  });

  it('renders a must-list case with citations, statuses, the banner and the checklist', () => {
    const a = judge({
      penalty: '吊销食品经营许可证',
      violation: '当事人未取得食品经营许可从事食品销售活动',
      ...DECIDED,
    });
    const text = formatAssessmentText(a, tZh);
    expect(text.verdict).toBe('应当列入严重违法失信名单');
    expect(text.unlisted).toContain('应列未列');
    expect(text.reasons[0]).toBe('第2条第2项 吊销许可证件属于较重行政处罚：降低资质等级，吊销许可证件、营业执照（已核实）');
    expect(text.reasons[1]).toContain('第5条第1项');
    expect(text.checklist[0]).toBe('主观恶意（已核实）');
    expect(formatAssessmentText(a, tEn).verdict).toBe('Must be put on the serious illegal and dishonest list');
  });

  it('renders only the citations of the pack as its articles', () => {
    const a = judge({ penalty: '吊销营业执照', violation: '当事人未取得食品经营许可从事食品销售活动', partyName: '某有限公司' });
    const related = formatAssessmentText(a, tZh).related[0]!;
    expect(related.startsWith('company-law-2023/art178/4 因吊销营业执照')).toBe(true);
    expect(related).toContain('《中华人民共和国公司法》（2023年修订）第一百七十八条第一款第（四）项');
  });

  it('formats citations and problem notices', () => {
    expect(formatCitation('order44-2021/art5/catchall', tZh)).toBe('第5条兜底条款');
    expect(formatCitation('order44-2021/art11/0', tZh)).toBe('第11条');
    expect(formatCitation('order44-2021/upper-level-consent', tZh)).toBe('order44-2021/upper-level-consent');
    expect(formatNotice({ code: 'problem-date-unparseable', params: { key: 'decisionDate', value: 'x' } }, tZh)).toBe(
      '无法识别处罚决定日期“x”',
    );
  });
});

describe('translatorFromMessages', () => {
  const t = translatorFromMessages({
    hi: { message: 'Hello $WHO$, $$5 from $FROM$', placeholders: { who: { content: '$1' }, from: { content: '$2' } } },
    plain: { message: 'plain' },
  });

  it('substitutes like browser.i18n', () => {
    expect(t('hi', ['Li', 'Wang'])).toBe('Hello Li, $5 from Wang');
    expect(t('plain')).toBe('plain');
    expect(t('hi')).toBe('Hello , $5 from ');
    expect(t('missing')).toBe('missing');
  });
});

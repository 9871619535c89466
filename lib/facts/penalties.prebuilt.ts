import { LiteralIndex, requiredLiterals } from '../text';
import { PenaltyKind } from './schema';

/**
 * The penalty patterns of penalties.ts, each with the words any match of it contains: most penalty texts name two
 * or three kinds, so most patterns need not run at all. A prebuilt module (scripts/prebuilt.ts): the extension's
 * build computes it once and ships the result.
 */

// Each pattern catches one penalty kind as decisions word it; the comment says which wordings.
const SIMPLE_PATTERNS: ReadonlyArray<[PenaltyKind, RegExp]> = [
  // 警告, not 警告书
  [PenaltyKind.Warning, /警告(?!书)/g],
  [PenaltyKind.PublicCriticism, /通报批评/g],
  // 罚款, 罚没款, and 罚没 + an amount (`罚没140余万元`, `罚没金额合计…`) or ending its clause (`…万元的罚没`)
  [
    PenaltyKind.Fine,
    /罚没?款|罚没(?=\s*(?:人民币|金额|合计|共计|计)?\s*[0-9一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾百千万￥¥])|罚没(?=\s*(?:[，,。；;\n]|$))/g,
  ],
  [PenaltyKind.SuspendPermit, /暂扣[^，,。；;]{0,20}?(?:许可证|执照|证件|证书|资格证)/g],
  // 降低资质等级, 降低…级别, 降级, 资质由一级降为二级
  [PenaltyKind.LowerQualification, /降低[^，,。；;]{0,10}?(?:资质|资格)?(?:等级|级别)|降级|(?:资质|资格|等级)[^，,。；;]{0,8}?降为/g],
  [PenaltyKind.RestrictActivity, /限制(?:开展)?(?:生产经营|生产|经营)(?:活动)?/g],
  // 责令停产停业, 停业整顿, 责令停业; 给予停产(停业)处罚; 责令停止生产经营 / 停止营业
  [
    PenaltyKind.SuspendBusiness,
    /(?:责令(?:其)?)?(?:停产停业|停业整顿|停产整顿)|责令(?:其)?(?:停业|停产)|给予(?:其)?(?:停产停业|停产|停业)|责令(?:其)?停止(?:生产经营|生产、经营|营业)/g,
  ],
  [PenaltyKind.OrderClosure, /责令(?:其)?关闭/g],
  // 限制从业 as written: 禁止从业, N年内不得从事…, and reports' 禁业 (终身禁业, 10年禁业) and 职业/行业禁入
  [
    PenaltyKind.RestrictEmployment,
    /限制从业|禁止从业|从业禁止|(?:终身|[0-9一二三四五六七八九十]+年内?)(?:禁止|不得)(?:从事|担任|申请)|禁业|(?:职业|行业)禁入/g,
  ],
  [PenaltyKind.Detention, /行政拘留/g],
  // 撤销登记 / 注册 (the 撤销 of a permit or qualification is a revocation, below); 其他行政处罚
  [PenaltyKind.Other, /撤销[^，,。；;]{0,15}?(?:登记|注册)|其他行政处罚/g],
];
const words = new LiteralIndex();
export const SIMPLE = SIMPLE_PATTERNS.map(([kind, re]) => ({
  kind,
  re,
  literals: words.addAll(requiredLiterals(re.source, re.flags, 'long')),
}));
// 吊销 / 撤销 / 取消 and 没收 send the text to the revocation and confiscation readers
export const REVOKE_WORDS = ['吊销', '撤销', '取消'].map((w) => words.add(w));
export const CONFISCATE_WORD = words.add('没收');
export const PENALTY_WORDS = words.toTable();

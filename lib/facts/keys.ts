/**
 * Logical field keys of the contract (ARCHITECTURE.md "Logical field keys").
 * `caseCause` (案由) and `approvalMode` (审批方式, e.g. 告知承诺) extend the contract; see CHANGELOG.md.
 */
export const LOGICAL_KEYS = [
  'decisionNo', // 行政处罚决定书文号
  'caseNo', // 立案/案件编号
  'partyName', // 当事人
  'uscc', // 统一社会信用代码 / 注册号
  'idNumber', // 身份证件号码 (natural persons)
  'partyKind', // 主体类型
  'legalRep', // 法定代表人（负责人、经营者）
  'address', // 住所（住址）
  'caseCause', // 案由
  'violation', // 违法事实 / 违法行为类型
  'legalBasis', // 处罚依据
  'penalty', // 处罚内容 / 处罚种类
  'fineAmount', // 罚款金额
  'confiscation', // 没收违法所得、非法财物
  'aggravation', // 从重 | 一般 | 从轻 | 减轻 | 不予处罚
  'decisionDate', // 处罚决定日期
  'authority', // 作出决定的机关
  'listingDecision', // 是否列入严重违法失信名单
  'criminalTransfer', // 是否移送公安
  'domain', // 监管领域
  'approvalMode', // 审批方式 (告知承诺制 or ordinary review) on licensing forms
] as const;

export type LogicalKey = (typeof LOGICAL_KEYS)[number];

export function isLogicalKey(s: string): s is LogicalKey {
  return (LOGICAL_KEYS as readonly string[]).includes(s);
}

import { z } from 'zod';
import { USCC_PROBLEMS } from '../party/uscc';
import { DOMAINS } from './domain';
import { LOGICAL_KEYS } from './keys';

/** Penalty types of Administrative Penalty Law Art. 9 (行政处罚法第九条). */
export const PenaltyKind = {
  Warning: 'Warning', // 警告
  PublicCriticism: 'PublicCriticism', // 通报批评
  Fine: 'Fine', // 罚款
  ConfiscateGains: 'ConfiscateGains', // 没收违法所得
  ConfiscateProperty: 'ConfiscateProperty', // 没收非法财物
  SuspendPermit: 'SuspendPermit', // 暂扣许可证件
  LowerQualification: 'LowerQualification', // 降低资质等级
  RevokePermit: 'RevokePermit', // 吊销许可证件
  RevokeLicence: 'RevokeLicence', // 吊销营业执照
  RestrictActivity: 'RestrictActivity', // 限制开展生产经营活动
  SuspendBusiness: 'SuspendBusiness', // 责令停产停业
  OrderClosure: 'OrderClosure', // 责令关闭
  RestrictEmployment: 'RestrictEmployment', // 限制从业
  Detention: 'Detention', // 行政拘留
  Other: 'Other', // 其他
} as const;
export type PenaltyKind = (typeof PenaltyKind)[keyof typeof PenaltyKind];
export const PENALTY_KINDS = Object.values(PenaltyKind) as [PenaltyKind, ...PenaltyKind[]];
export const PenaltyKindSchema = z.enum(PENALTY_KINDS);

/** The statutory name of each penalty kind, for display (Chinese legal terms). */
export const PENALTY_KIND_TITLES: Record<PenaltyKind, string> = {
  Warning: '警告',
  PublicCriticism: '通报批评',
  Fine: '罚款',
  ConfiscateGains: '没收违法所得',
  ConfiscateProperty: '没收非法财物',
  SuspendPermit: '暂扣许可证件',
  LowerQualification: '降低资质等级',
  RevokePermit: '吊销许可证件',
  RevokeLicence: '吊销营业执照',
  RestrictActivity: '限制开展生产经营活动',
  SuspendBusiness: '责令停产停业',
  OrderClosure: '责令关闭',
  RestrictEmployment: '限制从业',
  Detention: '行政拘留',
  Other: '其他行政处罚',
};

/** Discretion level (裁量阶次); `unstated` when the form does not say. */
export const AGGRAVATIONS = ['从重', '一般', '从轻', '减轻', '不予处罚', 'unstated'] as const;
const AggravationSchema = z.enum(AGGRAVATIONS);
export type Aggravation = z.infer<typeof AggravationSchema>;

const MoneySchema = z.object({
  yuan: z.number(),
  approximate: z.boolean(),
  text: z.string(),
  index: z.number(),
});

const PenaltySchema = z.object({ kind: PenaltyKindSchema, text: z.string() });
export type Penalty = z.infer<typeof PenaltySchema>;

/** One legal-basis citation: `《中华人民共和国食品安全法》第一百二十二条第一款` → 食品安全法 art 122 para 1. */
const LegalCitationSchema = z.object({
  /** canonical short name, without 中华人民共和国 and version notes: `食品安全法` */
  law: z.string(),
  /** the name as written when it differs from `law` */
  lawFull: z.string().optional(),
  article: z.number().int().positive(),
  paragraph: z.number().int().positive().optional(),
  item: z.number().int().positive().optional(),
  /** the text that was parsed, for display */
  text: z.string(),
});
export type LegalCitation = z.infer<typeof LegalCitationSchema>;

const PartyKindSchema = z.enum([
  'enterprise',
  'individual-business',
  'farmer-coop',
  'institution',
  'social-org',
  'other-org',
  'natural-person',
  'unknown',
]);

const CodeCheckSchema = z.object({
  ok: z.boolean(),
  normalized: z.string(),
  kind: z.enum(['uscc', 'regNo', 'unknown']),
  partyKind: PartyKindSchema,
  reason: z.enum(USCC_PROBLEMS).optional(),
  detail: z.string().max(40).optional(),
});

const PartySchema = z.object({
  name: z.string().nullable(),
  normalizedName: z.string().nullable(),
  /** the credit code or registration number as written */
  code: z.string().nullable(),
  codeCheck: z.nullable(CodeCheckSchema),
  idNumber: z.string().nullable(),
  kind: PartyKindSchema,
});

/** Amounts a statutory fine is computed from (货值金额, 违法所得, 广告费用, 违法经营额), as the facts state them. */
const FINE_BASES = ['goods-value', 'illegal-gains', 'ad-cost', 'turnover'] as const;
export const FineBaseSchema = z.enum(FINE_BASES);
export type FineBase = z.infer<typeof FineBaseSchema>;

/** A decision date known only to the month or the year: every day it may be, both ends inclusive. */
const DecisionPeriodSchema = z.object({
  from: z.string(),
  to: z.string(),
  precision: z.enum(['month', 'year']),
  /** read from the date field, or the year of the decision number when the form has no date */
  source: z.enum(['date', 'decision-number']),
});

const FormKindSchema = z.enum(['penalty', 'licensing', 'inspection', 'other']);
export type FormKind = z.infer<typeof FormKindSchema>;

/** Sectors whose penalty information waits 1 year instead of 6 months for credit repair (国市监信规〔2021〕3号). */
export const RepairSectorSchema = z.enum(['food', 'drug', 'special-equipment']);
export type RepairSector = z.infer<typeof RepairSectorSchema>;

const FactProblemSchema = z.object({
  code: z.string(),
  key: z.enum(LOGICAL_KEYS),
  /** the text that caused it */
  value: z.string(),
});
export type FactProblem = z.infer<typeof FactProblemSchema>;

export const CaseFactsSchema = z.object({
  formKind: FormKindSchema,
  readOnlyView: z.boolean(),
  /** a decision number or decision date is present, or the page is a read-only view */
  decided: z.boolean(),
  decisionNo: z.object({ raw: z.string(), folded: z.string() }).nullable(),
  caseNo: z.string().nullable(),
  /** folded decision number, else case number: the case's identity everywhere */
  caseId: z.string().nullable(),
  party: PartySchema,
  penalties: z.array(PenaltySchema),
  /** false when the penalty content is empty or names no penalty the parser knows */
  penaltyReadable: z.boolean(),
  fine: z.nullable(MoneySchema),
  /** confiscated illegal gains (没收违法所得) */
  confiscation: z.nullable(MoneySchema),
  aggravation: AggravationSchema,
  /** the text that set `aggravation` */
  aggravationText: z.string().nullable(),
  /** citations in the legal-basis field (处罚依据) */
  legalBasis: z.array(LegalCitationSchema),
  /** citations in the violation and case-cause texts (违反了…第…条) */
  violatedProvisions: z.array(LegalCitationSchema),
  violation: z.string().nullable(),
  caseCause: z.string().nullable(),
  domain: z.enum(DOMAINS).nullable(),
  domainSource: z.enum(['laws', 'field', 'keywords']).nullable(),
  /** the domain came from a law the lexicon marks doubtful */
  domainDoubtful: z.boolean(),
  repairSector: z.nullable(RepairSectorSchema),
  criminalTransfer: z.boolean().nullable(),
  listingDecision: z.enum(['yes', 'no']).nullable(),
  decisionDate: z.string().nullable(),
  /** when decisionDate is null: the month or year the decision was made in, if that much is known */
  decisionPeriod: DecisionPeriodSchema.nullable().optional(),
  /** the bases of statutory fine ranges the texts state (`货值金额3200元`); 0 for `没有违法所得` */
  fineBases: z.partialRecord(FineBaseSchema, MoneySchema).optional(),
  authority: z.string().nullable(),
  approvalMode: z.enum(['commitment', 'ordinary']).nullable(),
  /** the values read, by logical key, for display */
  fields: z.partialRecord(z.enum(LOGICAL_KEYS), z.string()),
  problems: z.array(FactProblemSchema),
});
export type CaseFacts = z.infer<typeof CaseFactsSchema>;

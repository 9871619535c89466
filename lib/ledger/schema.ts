import { z } from 'zod';
import { DOMAINS } from '../facts/domain';
import type { LedgerCase } from '../db';
import { isIsoDate } from '../text';

/** An ISO calendar date `YYYY-MM-DD` (China Standard Time), or null. */
export const IsoDateSchema = z.string().refine(isIsoDate, { message: '日期应为有效的“年-月-日”（如 2023-07-01）' });

export const VerdictSchema = z.enum(['must-list', 'review', 'not-required', 'insufficient']);
export const DomainSchema = z.enum(DOMAINS);

/**
 * A stored ledger case, as read back from a ledger exchange file or a backup: every field of
 * lib/db's LedgerCase, dates as ISO calendar dates.
 */
export const LedgerCaseSchema = z.object({
  id: z.string().min(1),
  decisionNo: z.string().nullable(),
  caseNo: z.string().nullable(),
  partyName: z.string(),
  partyNameNorm: z.string(),
  uscc: z.string().nullable(),
  domain: DomainSchema,
  domainSource: z.enum(['item', 'law', 'user']),
  verdict: VerdictSchema,
  packId: z.string().nullable(),
  packVersion: z.string().nullable(),
  citations: z.array(z.string()),
  unlisted: z.enum(['yes', 'possible', 'no']),
  listingDecision: z.enum(['yes', 'no']).nullable(),
  listingDate: IsoDateSchema.nullable(),
  exposureDate: IsoDateSchema.nullable(),
  repeatPublicityDate: IsoDateSchema.nullable(),
  decisionDate: IsoDateSchema.nullable(),
  creditRepaired: z.boolean(),
  unit: z.string(),
  recorder: z.string(),
  origin: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int().positive(),
}) satisfies z.ZodType<LedgerCase>;

/** Fields a merge compares; the rest (id, timestamps, revision, origin, derived name) is bookkeeping. */
export const CONTENT_FIELDS = [
  'decisionNo',
  'caseNo',
  'partyName',
  'uscc',
  'domain',
  'domainSource',
  'verdict',
  'packId',
  'packVersion',
  'citations',
  'unlisted',
  'listingDecision',
  'listingDate',
  'exposureDate',
  'repeatPublicityDate',
  'decisionDate',
  'creditRepaired',
  'unit',
  'recorder',
] as const satisfies readonly (keyof LedgerCase)[];
export type ContentField = (typeof CONTENT_FIELDS)[number];

/** Chinese names of the fields, for conflict lists and error messages. */
export const FIELD_TITLES: Record<ContentField, string> = {
  decisionNo: '行政处罚决定书文号',
  caseNo: '案件编号',
  partyName: '当事人',
  uscc: '统一社会信用代码',
  domain: '监管领域',
  domainSource: '领域来源',
  verdict: '判断结果',
  packId: '规则包',
  packVersion: '规则包版本',
  citations: '依据条款',
  unlisted: '应列未列',
  listingDecision: '是否列入严重违法失信名单',
  listingDate: '列入日期',
  exposureDate: '宣传曝光日期',
  repeatPublicityDate: '屡禁不止集中公示日期',
  decisionDate: '处罚决定日期',
  creditRepaired: '已信用修复',
  unit: '填报单位',
  recorder: '记录人',
};

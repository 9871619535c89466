import { LEDGER_CONTENT_FIELDS, type FieldChange, type LedgerContentField } from '../db/case';

/*
 * The fields of a recorded case, their Chinese names and limits, and the ledger's error. No zod and no Dexie
 * here: the record form (which runs in a page's frame) uses these, and recordChanges, without either.
 */

export const CONTENT_FIELDS = LEDGER_CONTENT_FIELDS;
export type ContentField = LedgerContentField;

/** Chinese names of the fields, for change previews, histories, conflicts and error messages. */
export const FIELD_TITLES: Record<ContentField | 'unit' | 'recorder', string> = {
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

/**
 * Fields a handler may empty, by naming them in `cleared`. The decision and case numbers are the case's
 * identity and are never emptied; the others always hold a value.
 */
export const CLEARABLE_FIELDS = [
  'uscc',
  'packId',
  'packVersion',
  'citations',
  'listingDecision',
  'listingDate',
  'exposureDate',
  'repeatPublicityDate',
  'decisionDate',
] as const satisfies readonly ContentField[];
export type ClearableField = (typeof CLEARABLE_FIELDS)[number];

/**
 * Longest stored text per field, in UTF-16 code units. Generous for real data (the longest registered
 * company names are under 100 characters), small enough that no single record can fill a disk.
 */
export const MAX_LENGTHS = {
  decisionNo: 100,
  caseNo: 100,
  partyName: 200,
  uscc: 40,
  packId: 100,
  packVersion: 50,
  /** one citation */
  citation: 120,
  unit: 100,
  recorder: 50,
} as const;
/** Most citations one record keeps. */
export const MAX_CITATIONS = 100;
/** Most revisions one record keeps (a record edited daily for five years stays well below). */
export const MAX_HISTORY = 5_000;

export type LedgerErrorCode = 'invalid' | 'unit-missing' | 'not-found' | 'duplicate' | 'stale' | 'undo-expired' | 'unresolved';

/**
 * Why a ledger operation was refused. `message` is Chinese, fit to show after one prefix of the caller's own
 * (such as 记录失败：); it never starts with one. `unit-missing`: the 填报单位 or 记录人 is not set, and
 * `missing` says which — the record form offers a link to 设置. `stale`: `current` is the record as it now
 * stands: its revision (0: deleted) and what was changed since the revision the caller saved against.
 */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    readonly missing: readonly ('unit' | 'recorder')[] = [],
    readonly current?: { revision: number; changes: readonly FieldChange[] },
  ) {
    super(message);
  }
}

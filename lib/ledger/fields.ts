import { LEDGER_CONTENT_FIELDS, type FieldChange, type LedgerContentField } from '../db/case';
import { codeKey, joinMessages, messageCode, userMessage, type UserMessage } from '../messages';

/*
 * The fields of a recorded case, their names and limits, and the ledger's error. No zod and no Dexie
 * here: the record form (which runs in a page's frame) uses these, and recordChanges, without either.
 */

export const CONTENT_FIELDS = LEDGER_CONTENT_FIELDS;
export type ContentField = LedgerContentField;

/** A field's name as the interface says it (`recordfield_<field>`), for error messages. */
export function fieldTitle(field: ContentField | 'unit' | 'recorder'): UserMessage {
  return userMessage(codeKey('recordfield_', field));
}

/** 填报单位 and/or 记录人: what a refused save lacks, for `尚未设置$WHAT$`. */
export const authorTitles = (missing: readonly ('unit' | 'recorder')[]): UserMessage =>
  joinMessages('common_both', missing.map(fieldTitle));

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
 * Why a ledger operation was refused. `userMessage` is what the view words, fit to show after one prefix of the
 * caller's own (such as 记录失败：); it never starts with one. `unit-missing`: the 填报单位 or 记录人 is not set, and
 * `missing` says which — the record form offers a link to 设置. `stale`: `current` is the record as it now
 * stands: its revision (0: deleted) and what was changed since the revision the caller saved against.
 */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  constructor(
    readonly code: LedgerErrorCode,
    readonly userMessage: UserMessage,
    readonly missing: readonly ('unit' | 'recorder')[] = [],
    readonly current?: { revision: number; changes: readonly FieldChange[] },
  ) {
    super(messageCode(userMessage));
  }
}

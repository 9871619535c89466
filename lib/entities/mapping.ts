import type { ListKind } from '../db/schema';
import { type HeaderSynonyms, matchHeaders } from '../io/headers';
import { userMessage, type UserMessage } from '../messages';
import { type FieldName, LIST_HEADER_SYNONYMS, REQUIRED_FIELDS, fieldTitleKey } from './kinds';

/** Field → 0-based column index. */
export type ColumnMapping = Partial<Record<FieldName, number>>;

export interface DetectedMapping {
  mapping: ColumnMapping;
  /** the required columns not found, each a field or fields either of which will do (`企业名称或统一社会信用代码`) */
  missing: UserMessage[];
  /** columns no field was mapped to */
  ignored: number[];
}

/**
 * The column of each field, from the header synonyms (LIST_HEADER_SYNONYMS) through lib/io's matchHeaders:
 * exact matches first, then headers containing a synonym (the longest wins). A column serves one field.
 */
export function detectMapping(kind: ListKind, headers: readonly string[], opts: { dataDate?: string } = {}): DetectedMapping {
  const matched = matchHeaders(headers, LIST_HEADER_SYNONYMS[kind] as HeaderSynonyms<FieldName>);
  const mapping: ColumnMapping = {};
  const ignored: number[] = [];
  matched.mapping.forEach((field, col) => {
    if (field === null) ignored.push(col);
    else mapping[field] = col;
  });
  return { mapping, missing: missingColumns(kind, mapping, opts), ignored };
}

/** Required columns the mapping lacks, for the user. A risk list may take its date from `dataDate`. */
export function missingColumns(kind: ListKind, mapping: ColumnMapping, opts: { dataDate?: string } = {}): UserMessage[] {
  return REQUIRED_FIELDS[kind]
    .filter((group) => !group.some((f) => mapping[f] !== undefined))
    .filter((group) => !(kind === 'risk' && group.includes('date') && opts.dataDate))
    .map((group) => group.map((f) => userMessage(fieldTitleKey(kind, f))).reduce((either, f) => userMessage('common_either', either, f)));
}

/**
 * Finds the header row among the first records of a file (title rows such as `附件` or the list's title may
 * come first): the first record whose mapping lacks no required column.
 */
export function locateHeader(
  kind: ListKind,
  records: readonly { line: number; cells: readonly string[] }[],
  opts: { dataDate?: string } = {},
): { index: number; line: number; detected: DetectedMapping } | null {
  for (let i = 0; i < records.length; i++) {
    const rec = records[i]!;
    const detected = detectMapping(kind, rec.cells, opts);
    if (detected.missing.length === 0) return { index: i, line: rec.line, detected };
  }
  return null;
}

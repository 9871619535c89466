import type { ListKind } from '../db/schema';
import { normalizeLabel } from '../text';
import { type FieldName, LIST_HEADER_SYNONYMS, REQUIRED_FIELDS, fieldLabel, kindFields } from './kinds';

/** Field → 0-based column index. */
export type ColumnMapping = Partial<Record<FieldName, number>>;

export interface DetectedMapping {
  mapping: ColumnMapping;
  /** Chinese descriptions of required columns not found, e.g. `企业名称或统一社会信用代码` */
  missing: string[];
  /** columns no field was mapped to */
  ignored: number[];
}

/** A header cell reduced for comparison with the synonyms. */
export function normalizeHeader(s: string): string {
  return normalizeLabel(s).replace(/[、/／]/g, '').toUpperCase();
}

const CONTAINS_MIN = 3;

/**
 * The column of each field, from header synonyms (LIST_HEADER_SYNONYMS): exact matches first, then headers
 * containing a synonym of at least 3 characters (the longest synonym wins). A column serves one field.
 */
export function detectMapping(
  kind: ListKind,
  headers: readonly string[],
  opts: { dataDate?: string } = {},
): DetectedMapping {
  const norm = headers.map(normalizeHeader);
  const synonyms = LIST_HEADER_SYNONYMS[kind];
  const fields = kindFields(kind);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  for (const field of fields) {
    const syn = (synonyms[field] ?? []).map(normalizeHeader);
    // Earlier synonyms are the more specific ones: try them in order.
    for (const s of syn) {
      const col = norm.findIndex((h, i) => h === s && !taken.has(i));
      if (col >= 0) {
        mapping[field] = col;
        taken.add(col);
        break;
      }
    }
  }
  for (const field of fields) {
    if (mapping[field] !== undefined) continue;
    let best: { col: number; len: number } | null = null;
    for (const s of (synonyms[field] ?? []).map(normalizeHeader)) {
      if (s.length < CONTAINS_MIN) continue;
      norm.forEach((h, i) => {
        if (!taken.has(i) && h.includes(s) && (!best || s.length > best.len)) best = { col: i, len: s.length };
      });
    }
    const found = best as { col: number; len: number } | null;
    if (found) {
      mapping[field] = found.col;
      taken.add(found.col);
    }
  }
  return {
    mapping,
    missing: missingColumns(kind, mapping, opts),
    ignored: headers.map((_, i) => i).filter((i) => !taken.has(i)),
  };
}

/** Required columns the mapping lacks, in Chinese. A risk list may take its date from `dataDate`. */
export function missingColumns(kind: ListKind, mapping: ColumnMapping, opts: { dataDate?: string } = {}): string[] {
  return REQUIRED_FIELDS[kind]
    .filter((group) => !group.some((f) => mapping[f] !== undefined))
    .filter((group) => !(kind === 'risk' && group.includes('date') && opts.dataDate))
    .map((group) => group.map((f) => fieldLabel(kind, f)).join('或'));
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

import { normalizeLabel } from '../text';
import type { CsvRecord } from './csv';
import { IoError } from './errors';
import { prepend } from './iter';

/**
 * A header reduced for comparison: width-folded, without spaces, brackets (their content stays),
 * `*`, colons, BOM or quotes, Latin letters in lower case. `'* 企业名称（全称）'` → `'企业名称全称'`.
 */
export function normalizeHeader(s: string): string {
  return normalizeLabel(s)
    .replace(/[〔〕〈〉《》「」『』{}<>"'“”‘’]/g, '')
    .toLowerCase();
}

export interface HeaderMatch<K extends string> {
  /** Per column, the key it was matched to. */
  mapping: Array<K | null>;
  /** Required keys with no column. */
  missing: K[];
}

export type HeaderSynonyms<K extends string> = Readonly<Record<K, readonly string[]>>;

interface Candidate<K> {
  column: number;
  key: K;
  exact: boolean;
  /** Length of the synonym found inside the header (longer is more specific). */
  length: number;
  /** Position of the synonym in its list (earlier is preferred). */
  rank: number;
}

/**
 * Map columns to keys by synonyms. An exact match (after normalizeHeader) beats a header that merely
 * contains a synonym of two or more characters; among contained ones the longer synonym wins. Each
 * key and each column is used once. The key itself counts as its last synonym.
 */
export function matchHeaders<K extends string>(
  headers: readonly string[],
  synonyms: HeaderSynonyms<K>,
  opts: { required?: readonly K[] } = {},
): HeaderMatch<K> {
  const keys = Object.keys(synonyms) as K[];
  const normalized = headers.map((h) => normalizeHeader(h ?? ''));
  const lists = keys.map((k) => [...synonyms[k], k].map(normalizeHeader).filter((s) => s !== ''));
  const candidates: Candidate<K>[] = [];
  normalized.forEach((h, column) => {
    if (!h) return;
    keys.forEach((key, k) => {
      let best: Candidate<K> | undefined;
      lists[k]!.forEach((syn, rank) => {
        const exact = syn === h;
        if (!exact && (syn.length < 2 || !h.includes(syn))) return;
        const c = { column, key, exact, length: syn.length, rank };
        if (!best || better(c, best)) best = c;
      });
      if (best) candidates.push(best);
    });
  });
  candidates.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : a.column - b.column));
  const mapping: Array<K | null> = headers.map(() => null);
  const used = new Set<K>();
  for (const c of candidates) {
    if (mapping[c.column] !== null || used.has(c.key)) continue;
    mapping[c.column] = c.key;
    used.add(c.key);
  }
  return { mapping, missing: (opts.required ?? []).filter((k) => !used.has(k)) };
}

function better<K>(a: Candidate<K>, b: Candidate<K>): boolean {
  if (a.exact !== b.exact) return a.exact;
  if (!a.exact && a.length !== b.length) return a.length > b.length;
  return a.rank < b.rank;
}

export interface FoundHeader<K extends string> extends HeaderMatch<K> {
  /** The header record itself (its `line` and cell texts). */
  header: CsvRecord;
  /** The records after the header row. */
  rows: AsyncGenerator<CsvRecord, void, undefined>;
}

/**
 * Find the header row among the first `maxScan` records (exports often put a title or notes above it):
 * the one with every required key, then the most keys matched; the first record when none matches.
 * Throws IoError 'empty' when there are no records.
 */
export async function findHeader<K extends string>(
  records: AsyncIterable<CsvRecord>,
  synonyms: HeaderSynonyms<K>,
  opts: { required?: readonly K[]; maxScan?: number } = {},
): Promise<FoundHeader<K>> {
  const it = records[Symbol.asyncIterator]();
  const maxScan = opts.maxScan ?? 20;
  const keyCount = Object.keys(synonyms).length;
  const seen: CsvRecord[] = [];
  let best: { index: number; match: HeaderMatch<K>; score: number } | undefined;
  while (seen.length < maxScan) {
    const r = await it.next();
    if (r.done) break;
    seen.push(r.value);
    const match = matchHeaders(r.value.cells, synonyms, opts);
    const found = match.mapping.filter((k) => k !== null).length;
    const score = (match.missing.length === 0 ? keyCount + 1 : 0) + found;
    if (found > 0 && (!best || score > best.score)) best = { index: seen.length - 1, match, score };
    if (found === keyCount) break;
  }
  if (seen.length === 0) {
    await it.return?.();
    throw new IoError('empty');
  }
  const index = best?.index ?? 0;
  const header = seen[index]!;
  const match = best?.match ?? matchHeaders(header.cells, synonyms, opts);
  return { ...match, header, rows: prepend(seen.slice(index + 1), it) };
}

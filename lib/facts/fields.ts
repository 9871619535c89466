import { z } from 'zod';
import lexiconJson from '../../rules/field-lexicon.json';
import type { FieldKind, FieldSnapshot, SnapshotField } from '../form/types';
import { checkCreditCode, isIdNumber } from '../party';
import { normalizeLabel } from '../text';
import { LOGICAL_KEYS, isLogicalKey, type LogicalKey } from './keys';

/** Unit of a bare amount in a field or column: 罚款金额（万元） holds 万元. */
export type AmountUnit = 'wan' | 'yuan';

const SynonymSchema = z.union([
  z.string().min(1),
  z
    .object({
      label: z.string().min(1),
      /** `exact`: a generic word (名称, 类型) that must be the whole label */
      match: z.enum(['exact', 'contains']).optional(),
      /** ranks below the key's other synonyms (违法行为类型 beside 违法事实) */
      weak: z.boolean().optional(),
      unit: z.enum(['wan', 'yuan']).optional(),
    })
    .strict(),
]);

const EntrySchema = z
  .object({
    synonyms: z.array(SynonymSchema).min(1),
    /** words that, present in a label, forbid a containment match for this key */
    exclude: z.array(z.string().min(1)).optional(),
    /** several fields of this key are joined with this separator (strong ones first) */
    join: z.string().min(1).optional(),
  })
  .strict();

/** rules/field-lexicon.json: every logical key with the labels it goes by, plus the USCC-or-ID labels. */
export const FieldLexiconSchema = z
  .object({
    id: z.string(),
    version: z.string(),
    title: z.string(),
    notes: z.string().optional(),
    fields: z.record(z.enum(LOGICAL_KEYS), EntrySchema),
    /** labels such as 统一社会信用代码或身份证件号码: the field goes to uscc or idNumber by its value */
    identity: EntrySchema,
  })
  .strict();
export type FieldLexicon = z.infer<typeof FieldLexiconSchema>;

/** A field read from a page, assigned to a logical key. */
export type MappedField = {
  key: LogicalKey;
  value: string;
  label: string;
  rawLabel: string;
  locator: string;
  kind: FieldKind;
  /** unit of a bare amount (fineAmount, confiscation) when the label says it */
  unit?: AmountUnit;
};
export type FieldMap = Partial<Record<LogicalKey, MappedField>>;

export interface LabelMatch {
  key: LogicalKey;
  /** the label names a credit code or an identity number: `routeIdentity(value)` decides (key is then `uscc`) */
  byValue: boolean;
  exact: boolean;
  /** 0–1; exact matches always outrank containment matches */
  score: number;
  /** the lexicon entry as written */
  synonym: string;
  unit?: AmountUnit;
}

interface Synonym {
  key: LogicalKey | null;
  shown: string;
  norm: string;
  exactOnly: boolean;
  weak: boolean;
  unit?: AmountUnit;
  exclude: readonly string[];
}

export interface CompiledLexicon {
  exact: Map<string, Synonym>;
  contains: Synonym[];
  join: Partial<Record<LogicalKey, string>>;
  cache: Map<string, LabelMatch | null>;
}

/**
 * Indexes a lexicon by normalised label. Throws when one normalised label belongs to two keys: a label must
 * never map to two keys.
 */
export function compileLexicon(lex: FieldLexicon): CompiledLexicon {
  const exact = new Map<string, Synonym>();
  const contains: Synonym[] = [];
  const join: Partial<Record<LogicalKey, string>> = {};
  const clashes: string[] = [];
  const add = (key: LogicalKey | null, entry: z.infer<typeof EntrySchema>): void => {
    const exclude = (entry.exclude ?? []).map(normalizeLabel);
    for (const s of entry.synonyms) {
      const o = typeof s === 'string' ? { label: s } : s;
      const syn: Synonym = {
        key,
        shown: o.label,
        norm: normalizeLabel(o.label),
        exactOnly: o.match === 'exact',
        weak: o.weak === true,
        unit: o.unit,
        exclude,
      };
      const prior = exact.get(syn.norm);
      if (prior) {
        if (prior.key !== key) clashes.push(`${o.label}（${prior.key ?? 'identity'} / ${key ?? 'identity'}）`);
        continue;
      }
      exact.set(syn.norm, syn);
      if (!syn.exactOnly) contains.push(syn);
    }
    if (key && entry.join) join[key] = entry.join;
  };
  for (const key of LOGICAL_KEYS) add(key, lex.fields[key]);
  add(null, lex.identity);
  if (clashes.length) throw new Error(`字段词库中同一标签对应两个字段：${clashes.join('，')}`);
  return { exact, contains, join, cache: new Map() };
}

// validated by tests/unit/ext/bundled-data.test.ts, not in every frame at start
export const fieldLexicon: FieldLexicon = lexiconJson as FieldLexicon;
const compiled = compileLexicon(fieldLexicon);

const AMOUNT_KEYS = new Set<LogicalKey>(['fineAmount', 'confiscation']);

function unitOf(key: LogicalKey, syn: Synonym, norm: string): AmountUnit | undefined {
  if (syn.unit) return syn.unit;
  if (!AMOUNT_KEYS.has(key)) return undefined;
  if (norm.includes('万元')) return 'wan';
  return norm.includes('元') ? 'yuan' : undefined;
}

function toMatch(syn: Synonym, exact: boolean, score: number, norm: string): LabelMatch {
  const key = syn.key ?? 'uscc';
  const m: LabelMatch = { key, byValue: syn.key === null, exact, score, synonym: syn.shown };
  const unit = unitOf(key, syn, norm);
  if (unit) m.unit = unit;
  return m;
}

/** Containment scores closer than this between two keys make a label ambiguous. */
const TIE = 0.02;
const MIN_SCORE = 0.2;

function matchUncached(norm: string, lex: CompiledLexicon): LabelMatch | null {
  const hit = lex.exact.get(norm);
  if (hit) return toMatch(hit, true, hit.weak ? 0.9 : 1, norm);
  let best: { syn: Synonym; score: number } | null = null;
  let rival = 0;
  for (const syn of lex.contains) {
    if (syn.norm.length >= norm.length || !norm.includes(syn.norm)) continue;
    if (syn.exclude.some((w) => norm.includes(w) && !syn.norm.includes(w))) continue;
    const score = (syn.weak ? 0.5 : 1) * 0.85 * (syn.norm.length / norm.length);
    if (!best || score > best.score) {
      if (best && best.syn.key !== syn.key) rival = Math.max(rival, best.score);
      best = { syn, score };
    } else if (syn.key !== best.syn.key) {
      rival = Math.max(rival, score);
    }
  }
  if (!best || best.score < MIN_SCORE || best.score - rival < TIE) return null;
  return toMatch(best.syn, false, best.score, norm);
}

/**
 * The logical key a label (as shown or normalised) stands for: an exact normalised match first, then the
 * synonym it contains that covers most of it. Null when nothing fits or two keys fit equally.
 */
export function matchLabel(label: string, lex: CompiledLexicon = compiled): LabelMatch | null {
  const norm = normalizeLabel(label);
  if (!norm) return null;
  let m = lex.cache.get(norm);
  if (m === undefined) {
    m = matchUncached(norm, lex);
    if (lex.cache.size > 5000) lex.cache.clear();
    lex.cache.set(norm, m);
  }
  return m;
}

/** A field labelled 统一社会信用代码或身份证件号码 holds whichever its value is. */
export function routeIdentity(value: string): 'uscc' | 'idNumber' {
  if (checkCreditCode(value).ok) return 'uscc';
  return isIdNumber(value) ? 'idNumber' : 'uscc';
}

interface Candidate {
  field: SnapshotField;
  key: LogicalKey;
  pinned: boolean;
  score: number;
  order: number;
  unit?: AmountUnit;
}

function better(a: Candidate, b: Candidate): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  const ae = a.field.value.trim() === '';
  const be = b.field.value.trim() === '';
  if (ae !== be) return ae ? 1 : -1;
  return a.order - b.order;
}

function mapped(c: Candidate, value: string): MappedField {
  const f = c.field;
  const m: MappedField = { key: c.key, value, label: f.label, rawLabel: f.rawLabel, locator: f.locator, kind: f.kind };
  if (c.unit) m.unit = c.unit;
  return m;
}

/**
 * One field per logical key: a site-profile pin first, then the best label match, then a non-empty value,
 * then the first on the page. Keys the lexicon marks `join` (violation: 违法事实 + 违法行为类型) get the
 * distinct non-empty values of all their fields, strongest first.
 */
export function mapFields(snapshot: FieldSnapshot, lex: CompiledLexicon = compiled): FieldMap {
  const byKey = new Map<LogicalKey, Candidate[]>();
  snapshot.fields.forEach((field, order) => {
    let c: Candidate | null = null;
    if (field.labelSource === 'profile' && field.key !== undefined) {
      if (isLogicalKey(field.key)) c = { field, key: field.key, pinned: true, score: 2, order };
    } else {
      const m = matchLabel(field.label || field.rawLabel, lex);
      if (m) {
        const key = m.byValue ? routeIdentity(field.value) : m.key;
        c = { field, key, pinned: false, score: m.score, order, unit: m.unit };
      }
    }
    if (!c) return;
    const list = byKey.get(c.key);
    if (list) list.push(c);
    else byKey.set(c.key, [c]);
  });
  const out: FieldMap = {};
  for (const [key, list] of byKey) {
    list.sort(better);
    const best = list[0]!;
    let value = best.field.value.trim();
    const sep = lex.join[key];
    if (sep && !best.pinned) {
      const parts: string[] = [];
      for (const c of list) {
        const v = c.field.value.trim();
        if (v && !c.pinned && !parts.includes(v)) parts.push(v);
      }
      value = parts.join(sep);
    }
    out[key] = mapped(best, value);
  }
  return out;
}

export interface HeaderColumn {
  index: number;
  header: string;
  key: LogicalKey | null;
  unit?: AmountUnit;
  /** a 统一社会信用代码或身份证件号码 column: each value goes to `routeIdentity(value)` (key says uscc) */
  byValue?: true;
}

/**
 * Maps the header row of a CSV/XLSX case export to logical keys. A key is given to one column only (the best
 * match, else the first), except keys whose values are joined (violation).
 */
export function mapHeaders(
  headers: readonly string[],
  lex: CompiledLexicon = compiled,
): { columns: HeaderColumn[]; unknown: string[] } {
  const matches = headers.map((h) => matchLabel(h ?? '', lex));
  const owner = new Map<LogicalKey, number>();
  matches.forEach((m, i) => {
    if (!m || lex.join[m.key]) return;
    const prior = owner.get(m.key);
    if (prior === undefined || m.score > (matches[prior]?.score ?? 0)) owner.set(m.key, i);
  });
  const columns = headers.map((header, index): HeaderColumn => {
    const m = matches[index];
    const keep = m && (lex.join[m.key] || owner.get(m.key) === index);
    const col: HeaderColumn = { index, header, key: keep ? m.key : null };
    if (keep && m.unit) col.unit = m.unit;
    if (keep && m.byValue) col.byValue = true;
    return col;
  });
  const unknown = columns.filter((c) => c.key === null && (c.header ?? '').trim() !== '').map((c) => c.header);
  return { columns, unknown };
}

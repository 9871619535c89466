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
    /** where the wording comes from: keys of the lexicon's `sources` */
    from: z.array(z.string().min(1)).min(1),
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
    /** the origins of the wording, by the ids entries name in `from` */
    sources: z.record(z.string(), z.string().min(1)),
    fields: z.record(z.enum(LOGICAL_KEYS), EntrySchema),
    /** labels such as 统一社会信用代码或身份证件号码: the field goes to uscc or idNumber by its value */
    identity: EntrySchema,
  })
  .strict()
  .superRefine((lex, ctx) => {
    const entries: Array<[string, z.infer<typeof EntrySchema>]> = [...Object.entries(lex.fields), ['identity', lex.identity]];
    for (const [key, entry] of entries) {
      for (const id of entry.from) {
        if (!(id in lex.sources)) ctx.addIssue({ code: 'custom', message: `字段词库 ${key} 的来源 ${id} 未在 sources 中说明` });
      }
    }
  });
export type FieldLexicon = z.infer<typeof FieldLexiconSchema>;

/** A field read from a page, assigned to a logical key. */
type MappedField = {
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

/** Joins two things a label names: `处罚依据及裁量理由`, `行政处罚种类和数额`, `当事人名称／姓名`. */
const CONJUNCTION = /以及|及|和|与|、|\//;
/** A label matched by its head ranks just below a containment of the whole label's length. */
const HEAD_FACTOR = 0.9;

function matchUncached(norm: string, lex: CompiledLexicon): LabelMatch | null {
  const hit = lex.exact.get(norm);
  if (hit) return toMatch(hit, true, hit.weak ? 0.9 : 1, norm);
  // The words before the first conjunction name the field; what follows (及理由, 和数额) qualifies it, so
  // its words neither exclude the head's key nor need synonyms of their own.
  const cut = CONJUNCTION.exec(norm);
  if (cut && cut.index >= 2) {
    const head = matchUncached(norm.slice(0, cut.index), lex);
    if (head) return { ...head, exact: false, score: head.score * HEAD_FACTOR };
  }
  return containment(norm, lex);
}

function containment(norm: string, lex: CompiledLexicon): LabelMatch | null {
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
  /** containers holding the field among others, outermost first (snapshot.scopes) */
  scope: readonly number[];
  /** distinct keys recognised in the field's own part of the page, where it competes with an equal rival */
  region: number;
}

function better(a: Candidate, b: Candidate): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  if (a.region !== b.region) return b.region - a.region;
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

/** A document reading's key ranks below any label that names the key (a form beside a preview wins). */
const DOCUMENT_SCORE = 0.5;

/**
 * Candidates for one key that tie on their label: each is given the number of distinct keys recognised in
 * its own part of the page — the outermost container holding it but none of its rivals. The document form
 * holds most keys; a search bar, a side panel or a list holds few.
 */
function rankRegions(list: Candidate[], keysIn: Map<number, Set<LogicalKey>>): void {
  const top = list.filter((c) => !c.pinned && c.score === list[0]!.score && !list[0]!.pinned);
  if (top.length < 2) return;
  for (const c of top) {
    const rivals = new Set<number>();
    for (const r of top) if (r !== c) for (const id of r.scope) rivals.add(id);
    const own = c.scope.find((id) => !rivals.has(id));
    c.region = own === undefined ? 1 : (keysIn.get(own)?.size ?? 1);
  }
}

/**
 * One field per logical key: a site-profile pin first, then the best label match, then the field in the
 * part of the page holding most recognised keys (the case form, not a search bar or a list), then a
 * non-empty value, then the first on the page. Fields of a search or filter bar are never the case's.
 * A document reading's keys (文号 under the title, 依据…决定：…) rank below labelled fields. Keys the
 * lexicon marks `join` (violation: 违法事实 + 违法行为类型) get the distinct non-empty values of all their
 * fields, strongest first.
 */
// A lone box's 是 / 否 (a 罚款 option drawn alone) is no amount, nor what was taken (AMOUNT_KEYS).
const isYesNoBox = (f: SnapshotField): boolean => f.kind === 'checkbox' && (f.value === '是' || f.value === '否');

export function mapFields(snapshot: FieldSnapshot, lex: CompiledLexicon = compiled): FieldMap {
  const byKey = new Map<LogicalKey, Candidate[]>();
  const filters = new Set(snapshot.filters ?? []);
  const scopes = snapshot.scopes;
  snapshot.fields.forEach((field, order) => {
    if (filters.has(order)) return;
    const scope = scopes?.[order] ?? [];
    let c: Candidate | null = null;
    if ((field.labelSource === 'profile' || field.labelSource === 'document') && field.key !== undefined) {
      if (isLogicalKey(field.key)) {
        const pinned = field.labelSource === 'profile';
        c = { field, key: field.key, pinned, score: pinned ? 2 : DOCUMENT_SCORE, order, scope, region: 0 };
      }
    } else {
      const m = matchLabel(field.label || field.rawLabel, lex);
      const key = m && (m.byValue ? routeIdentity(field.value) : m.key);
      if (m && key && !(AMOUNT_KEYS.has(key) && isYesNoBox(field))) {
        c = { field, key, pinned: false, score: m.score, order, unit: m.unit, scope, region: 0 };
      }
    }
    if (!c) return;
    const list = byKey.get(c.key);
    if (list) list.push(c);
    else byKey.set(c.key, [c]);
  });
  const keysIn = new Map<number, Set<LogicalKey>>();
  if (scopes) {
    for (const [key, list] of byKey) {
      for (const c of list) {
        for (const id of c.scope) {
          const set = keysIn.get(id);
          if (set) set.add(key);
          else keysIn.set(id, new Set([key]));
        }
      }
    }
  }
  const out: FieldMap = {};
  for (const [key, list] of byKey) {
    list.sort(better);
    if (scopes && list.length > 1) {
      rankRegions(list, keysIn);
      list.sort(better);
    }
    const best = list[0]!;
    let value = best.field.value.trim();
    const sep = lex.join[key];
    if (sep && !best.pinned) {
      const parts: string[] = [];
      const fromDocument = best.field.labelSource === 'document';
      for (const c of list) {
        const v = c.field.value.trim();
        // a preview of the document beside the form repeats what the form says
        if (!fromDocument && c.field.labelSource === 'document') continue;
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
export function mapHeaders(headers: readonly string[], lex: CompiledLexicon = compiled): { columns: HeaderColumn[]; unknown: string[] } {
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

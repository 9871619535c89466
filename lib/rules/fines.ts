import { z } from 'zod';
import fineRangesJson from '../../rules/fine-ranges.json';
import { FineBaseSchema, type CaseFacts, type FineBase, type LegalCitation } from '../facts/schema';
import { isIsoDate, type Money } from '../text';
import { CITATION_RE, SourceSchema, StatusSchema, WordingKindSchema, type Status } from './schema';

/**
 * Statutory fine ranges (rules/fine-ranges.json): what a fine of a cited article may be, so that its size can be
 * weighed. A fine in the top share of the range that applies (or at its maximum) is a sign of 从重; one at the
 * minimum of every range that may apply was not aggravated, and one below it is a sign of 减轻 (Administrative
 * Penalty Law Art. 32: below the floor).
 */

const IsoDate = z.string().refine(isIsoDate, { message: 'iso-date' });
const Yuan = z.number().nonnegative();

const BranchSchema = z
  .object({
    /** the branch applies when the base amount is below / at least a value, or stated as nil (无违法所得, 无法计算) */
    when: z
      .object({ base: FineBaseSchema, below: Yuan.optional(), atLeast: Yuan.optional(), nil: z.literal(true).optional() })
      .strict()
      .optional(),
    /** a fixed range in yuan (`五万元以上十万元以下`; `…以下` alone has min 0) */
    min: Yuan.optional(),
    max: Yuan.optional(),
    /** a multiple of a base (`货值金额十倍以上二十倍以下`) */
    of: FineBaseSchema.optional(),
    minTimes: Yuan.optional(),
    maxTimes: Yuan.optional(),
    /** the branch for 情节严重 / 两年内三次以上: a fine only it allows is itself a sign of aggravation */
    serious: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => (b.max !== undefined) !== (b.maxTimes !== undefined && b.of !== undefined), { message: 'fine-branch' });
export type FineBranch = z.infer<typeof BranchSchema>;

const EntrySchema = z
  .object({
    citation: z.string().regex(CITATION_RE),
    /** canonical short name, as lib/facts/lexicon names laws */
    law: z.string().min(1),
    article: z.number().int().positive(),
    paragraph: z.number().int().positive().optional(),
    item: z.number().int().positive().optional(),
    title: z.string().min(1),
    status: StatusSchema,
    wording: z.string().min(1),
    wordingKind: WordingKindSchema,
    /** the days the version read is in force; a decision outside them is not weighed against it */
    versionFrom: IsoDate,
    versionTo: IsoDate.nullable(),
    branches: z.array(BranchSchema).min(1),
    note: z.string().optional(),
    sources: z.array(SourceSchema).min(1),
  })
  .strict();
export type FineRangeEntry = z.infer<typeof EntrySchema>;

export const FineRangesSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    title: z.string().min(1),
    notes: z.string().optional(),
    /** the share of a range, from its top, that is a sign of 从重 (0.2: the top fifth) */
    topShare: z.number().gt(0).lt(1),
    entries: z.array(EntrySchema).min(1),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.entries.forEach((e, i) => {
      if (seen.has(e.citation)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'citation'], message: `duplicate-citation:${e.citation}` });
      seen.add(e.citation);
    });
  });
export type FineRanges = z.infer<typeof FineRangesSchema>;

/** The bundled table, validated at load. */
export const fineRanges: FineRanges = FineRangesSchema.parse(fineRangesJson);

export interface FineSign {
  /** 从重 signs: top-of-range, serious-branch; signs it was not aggravated: at-floor, below-range (减轻) */
  kind: 'top-of-range' | 'serious-branch' | 'at-floor' | 'below-range';
  entry: FineRangeEntry;
  /** the range the fine was weighed against, in yuan */
  min: number;
  max: number;
  fine: Money;
}

// Per law, the entries of the table (a case cites one or two laws; the table has dozens of entries).
const BY_LAW = new WeakMap<FineRanges, Map<string, FineRangeEntry[]>>();

function entriesOf(table: FineRanges, law: string): readonly FineRangeEntry[] {
  let byLaw = BY_LAW.get(table);
  if (!byLaw) {
    byLaw = new Map();
    for (const e of table.entries) {
      const list = byLaw.get(e.law);
      if (list) list.push(e);
      else byLaw.set(e.law, [e]);
    }
    BY_LAW.set(table, byLaw);
  }
  return byLaw.get(law) ?? [];
}

/** The entries a citation may mean: its article, and its paragraph and item where both name one. */
function entriesCited(table: FineRanges, c: LegalCitation, date: string): FineRangeEntry[] {
  return entriesOf(table, c.law).filter(
    (e) =>
      e.article === c.article &&
      (e.paragraph === undefined || c.paragraph === undefined || e.paragraph === c.paragraph) &&
      (e.item === undefined || c.item === undefined || e.item === c.item) &&
      e.versionFrom <= date &&
      (e.versionTo === null || date <= e.versionTo),
  );
}

type Bases = Partial<Record<FineBase, Money>>;

/** true / false when the branch's condition is settled by the facts, null when its base is not stated. */
function applies(b: FineBranch, bases: Bases): boolean | null {
  if (!b.when) return true;
  const base = bases[b.when.base];
  if (base === undefined) return null;
  const v = base.yuan;
  if (b.when.nil) return v === 0;
  // An approximate base (…余元) is a lower bound: it settles `atLeast`, and `below` only when already at least.
  if (b.when.atLeast !== undefined && v < b.when.atLeast) return base.approximate ? null : false;
  if (b.when.below !== undefined && v >= b.when.below) return false;
  if (b.when.below !== undefined && base.approximate) return null;
  return true;
}

/** The range of a branch in yuan, or null when it is a multiple of a base the facts do not state exactly. */
function rangeOf(b: FineBranch, bases: Bases): [number, number] | null {
  if (b.max !== undefined) return [b.min ?? 0, b.max];
  const base = bases[b.of!];
  if (base === undefined || base.approximate) return null;
  return [(b.minTimes ?? 0) * base.yuan, b.maxTimes! * base.yuan];
}

/**
 * Signs of the discretion level in the size of a fine, weighed against the statutory ranges of the articles the
 * legal basis cites (in the version in force on `date`). Only a range the facts settle counts: a branch whose
 * condition or base the facts do not state decides nothing. A combined 罚没 amount is not weighed.
 */
export function fineSigns(facts: CaseFacts, date: string, table: FineRanges = fineRanges): FineSign[] {
  const fine = facts.fine;
  if (fine === null || fine.yuan <= 0) return [];
  const finePenalty = facts.penalties.find((p) => p.kind === 'Fine');
  if (finePenalty && finePenalty.text.includes('罚没') && !/罚款/.test(finePenalty.text)) return [];
  const bases: Bases = { ...facts.fineBases };
  if (bases['illegal-gains'] === undefined && facts.confiscation) bases['illegal-gains'] = facts.confiscation;
  const signs: FineSign[] = [];
  const seen = new Set<string>();
  for (const c of facts.legalBasis) {
    const entries = entriesCited(table, c, date);
    // A citation without its paragraph may mean any of the article's: weigh it only when they agree.
    const verdicts = entries.map((e) => weigh(e, fine, bases, table.topShare));
    if (verdicts.length === 0) continue;
    const first = verdicts[0]!;
    const agree = verdicts.every((v) => (v === null ? first === null : first !== null && v.kind === first.kind));
    if (!agree || first === null || seen.has(first.entry.citation)) continue;
    seen.add(first.entry.citation);
    signs.push(first);
  }
  return signs;
}

function weigh(entry: FineRangeEntry, fine: Money, bases: Bases, topShare: number): FineSign | null {
  const f = fine.yuan;
  const known: Array<{ b: FineBranch; r: [number, number] }> = [];
  let unsettled = false;
  for (const b of entry.branches) {
    const a = applies(b, bases);
    if (a === false) continue;
    const r = rangeOf(b, bases);
    if (a === null || r === null) {
      unsettled = true;
      continue;
    }
    known.push({ b, r });
  }
  if (known.length === 0) return null;
  const ordinary = known.filter((k) => !k.b.serious);
  // At the maximum, or in the top share, of a range that may apply (the fine is a lower bound when approximate).
  for (const { r } of ordinary) {
    const [min, max] = r;
    if (max > min && f <= max && f >= max - topShare * (max - min)) return { kind: 'top-of-range', entry, min, max, fine };
  }
  // Beyond every ordinary range, inside a serious one (only when every branch is settled).
  if (!unsettled && ordinary.every(({ r }) => f > r[1])) {
    const serious = known.find((k) => k.b.serious && f >= k.r[0] && f <= k.r[1]);
    if (serious) return { kind: 'serious-branch', entry, min: serious.r[0], max: serious.r[1], fine };
  }
  // At or below the floor of every range that may apply: only when every branch is settled and the amount exact.
  if (!unsettled && !fine.approximate && known.every(({ r }) => r[0] > 0 && f <= r[0])) {
    const floor = Math.min(...known.map(({ r }) => r[0]));
    const kind = f < floor ? 'below-range' : 'at-floor';
    return { kind, entry, min: floor, max: Math.max(...known.map(({ r }) => r[1])), fine };
  }
  return null;
}

/** A sign's status: the table entry's. */
export function signStatus(sign: FineSign): Status {
  return sign.entry.status;
}

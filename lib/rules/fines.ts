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
    /** the base counts as at least this (`货值金额不足十万元的，按十万元计算`) */
    minBase: Yuan.optional(),
    /** the branch for 情节严重 / 两年内三次以上: a fine only it allows is itself a sign of aggravation */
    serious: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => (b.max !== undefined) !== (b.maxTimes !== undefined && b.of !== undefined), { message: 'fine-branch' });
type FineBranch = z.infer<typeof BranchSchema>;

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
    /** the provisions whose breach this article punishes (`违反本法第八条规定…`): a case citing only those is weighed here */
    punishes: z
      .array(z.object({ article: z.number().int().positive(), paragraph: z.number().int().positive().optional() }).strict())
      .optional(),
    note: z.string().optional(),
  })
  .strict();
type FineRangeEntry = z.infer<typeof EntrySchema>;

export const FineRangesSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    title: z.string().min(1),
    notes: z.string().optional(),
    /** the share of a range, from its top, that is a sign of 从重 (0.2: the top fifth) */
    topShare: z.number().gt(0).lt(1),
    /** per law (its canonical short name), the text the entries' wordings are read from */
    sources: z.record(z.string(), SourceSchema),
    /** the share from its floor where a fine is not 从重, and how sure that rule is */
    bottom: z
      .object({ share: z.number().gt(0).lt(1), status: StatusSchema, note: z.string().min(1), sources: z.array(SourceSchema).min(1) })
      .strict(),
    entries: z.array(EntrySchema).min(1),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.entries.forEach((e, i) => {
      if (!t.sources[e.law]) ctx.addIssue({ code: 'custom', path: ['entries', i, 'law'], message: `no-source:${e.law}` });
      if (seen.has(e.citation))
        ctx.addIssue({ code: 'custom', path: ['entries', i, 'citation'], message: `duplicate-citation:${e.citation}` });
      seen.add(e.citation);
    });
  });
export type FineRanges = z.infer<typeof FineRangesSchema>;

/** The bundled table; validated by tests/unit/rules/fines.test.ts rather than in every frame at start. */
export const fineRanges: FineRanges = fineRangesJson as FineRanges;

export interface FineSign {
  /** 从重 signs: top-of-range, serious-branch; signs it was not: at-floor, bottom-of-range, below-range (减轻) */
  kind: 'top-of-range' | 'serious-branch' | 'at-floor' | 'bottom-of-range' | 'below-range';
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

const inVersion = (e: FineRangeEntry, date: string | null): boolean =>
  date === null || (e.versionFrom <= date && (e.versionTo === null || date <= e.versionTo));

/** The entries a citation may mean: its article, and its paragraph and item where both name one. */
function entriesCited(table: FineRanges, c: LegalCitation, date: string | null): FineRangeEntry[] {
  return entriesOf(table, c.law).filter(
    (e) =>
      e.article === c.article &&
      (e.paragraph === undefined || c.paragraph === undefined || e.paragraph === c.paragraph) &&
      (e.item === undefined || c.item === undefined || e.item === c.item) &&
      inVersion(e, date),
  );
}

/** The entries punishing the breach of a cited provision (a decision that cites the duty, not the penalty). */
function entriesPunishing(table: FineRanges, c: LegalCitation, date: string | null): FineRangeEntry[] {
  return entriesOf(table, c.law).filter(
    (e) =>
      inVersion(e, date) &&
      (e.punishes ?? []).some(
        (p) => p.article === c.article && (p.paragraph === undefined || c.paragraph === undefined || p.paragraph === c.paragraph),
      ),
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
  const counted = Math.max(base.yuan, b.minBase ?? 0);
  return [(b.minTimes ?? 0) * counted, b.maxTimes! * counted];
}

/** The least fine a branch allows, known even when its base is not: the base is at least `atLeast` or `minBase`. */
function floorOf(b: FineBranch, bases: Bases): number {
  if (b.max !== undefined) return b.min ?? 0;
  const bound = b.when && b.when.base === b.of ? (b.when.atLeast ?? 0) : 0;
  const base = bases[b.of!]?.yuan ?? bound;
  return (b.minTimes ?? 0) * Math.max(base, b.minBase ?? 0);
}

/**
 * Signs of the discretion level in the size of a fine, weighed against the statutory ranges of the articles the
 * legal basis cites (in the version in force on `date`; null: the date is unknown, any version recorded). Only a
 * range the facts settle counts: a branch whose
 * condition or base the facts do not state decides nothing. A combined 罚没 amount is not weighed.
 */
export function fineSigns(facts: CaseFacts, date: string | null, table: FineRanges): FineSign[] {
  const fine = facts.fine;
  if (fine === null || fine.yuan <= 0) return [];
  const finePenalty = facts.penalties.find((p) => p.kind === 'Fine');
  if (finePenalty && finePenalty.text.includes('罚没') && !/罚款/.test(finePenalty.text)) return [];
  const bases: Bases = { ...facts.fineBases };
  if (bases['illegal-gains'] === undefined && facts.confiscation) bases['illegal-gains'] = facts.confiscation;
  const signs: FineSign[] = [];
  const seen = new Set<string>();
  // The penalty articles the basis cites; failing those, the articles punishing the duties the case cites.
  const direct = facts.legalBasis.map((c) => entriesCited(table, c, date));
  const groups = direct.some((g) => g.length > 0)
    ? direct
    : [...facts.legalBasis, ...facts.violatedProvisions].map((c) => entriesPunishing(table, c, date));
  for (const entries of groups) {
    // A citation without its paragraph may mean any of the article's: weigh it only when they agree.
    const verdicts = entries.map((e) => weigh(e, fine, bases, table));
    if (verdicts.length === 0) continue;
    const first = verdicts[0]!;
    const agree = verdicts.every((v) => (v === null ? first === null : first !== null && v.kind === first.kind));
    if (!agree || first === null || seen.has(first.entry.citation)) continue;
    seen.add(first.entry.citation);
    signs.push(first);
  }
  return signs;
}

type Place = 'below' | 'bottom' | 'middle' | 'top' | 'above' | 'unknown';

/**
 * Where a fine falls in each branch that may apply: below its floor (known even for a base not stated, from the
 * branch's condition), in its bottom or top share, in between, above it, or unknown (a range the facts do not
 * settle, the fine not below its floor).
 */
function weigh(entry: FineRangeEntry, fine: Money, bases: Bases, table: FineRanges): FineSign | null {
  const f = fine.yuan;
  const places: Array<{ b: FineBranch; r: [number, number] | null; place: Place }> = [];
  for (const b of entry.branches) {
    const a = applies(b, bases);
    if (a === false) continue;
    const floor = floorOf(b, bases);
    const r = a === true ? rangeOf(b, bases) : null;
    let place: Place;
    if (floor > 0 && f < floor) place = 'below';
    else if (r === null) place = 'unknown';
    else if (f > r[1]) place = 'above';
    else if (r[1] > r[0] && f >= r[1] - table.topShare * (r[1] - r[0])) place = 'top';
    else if (f <= r[0] + table.bottom.share * (r[1] - r[0])) place = 'bottom';
    else place = 'middle';
    places.push({ b, r, place });
  }
  if (places.length === 0) return null;
  // At the maximum, or in the top share, of an ordinary range that applies (an approximate fine is a lower bound).
  const top = places.find((p) => !p.b.serious && p.place === 'top');
  if (top) return signOf('top-of-range', entry, top.r!, fine);
  const unknown = places.some((p) => p.place === 'unknown');
  // Beyond every ordinary range, inside a serious one.
  const serious = places.find((p) => p.b.serious && p.r !== null && p.place !== 'below' && p.place !== 'above');
  if (!unknown && serious && places.every((p) => p.b.serious || p.place === 'above'))
    return signOf('serious-branch', entry, serious.r!, fine);
  // At the floor, in the bottom share, or below every range that may apply: not aggravated. An approximate amount
  // could be anything above it, so it settles none of these.
  if (unknown || fine.approximate || !places.every((p) => p.place === 'below' || p.place === 'bottom')) return null;
  const floors = places.map((p) => (p.r ? p.r[0] : floorOf(p.b, bases)));
  const lowest = Math.min(...floors);
  const highest = Math.max(...places.map((p) => (p.r ? p.r[1] : 0)));
  if (places.every((p) => p.place === 'below')) return signOf('below-range', entry, [lowest, highest], fine);
  const bottom = places.find((p) => p.place === 'bottom')!;
  return signOf(f === bottom.r![0] ? 'at-floor' : 'bottom-of-range', entry, bottom.r!, fine);
}

function signOf(kind: FineSign['kind'], entry: FineRangeEntry, r: readonly [number, number], fine: Money): FineSign {
  return { kind, entry, min: r[0], max: r[1], fine };
}

/** How sure a sign is: the table entry's status, and for the bottom share the status of that rule too. */
export function signStatus(sign: FineSign, table: FineRanges): Status {
  if (sign.kind !== 'bottom-of-range') return sign.entry.status;
  const rank: Record<Status, number> = { confirmed: 2, partial: 1, unconfirmed: 0 };
  return rank[table.bottom.status] < rank[sign.entry.status] ? table.bottom.status : sign.entry.status;
}

import { z } from 'zod';
import { DOMAINS } from '../facts/domain';
import { PenaltyKindSchema, RepairSectorSchema } from '../facts/schema';
import { isIsoDate } from '../text';

/**
 * Rule pack schema. A pack mirrors one measure article by article (rules/README.md describes the format
 * and the citation grammar). Every entry carries a citation and a status.
 */

export const StatusSchema = z.enum(['confirmed', 'partial', 'unconfirmed']);
export type Status = z.infer<typeof StatusSchema>;
export const WordingKindSchema = z.enum(['summary', 'verbatim']);
export type WordingKind = z.infer<typeof WordingKindSchema>;

/** `<sourceId>/art<N>/<item>` or, for a provision whose article number is not recorded, `<sourceId>/<topic>`. */
export const CITATION_RE = /^[a-z0-9][a-z0-9.-]*(?:\/art[1-9]\d*\/(?:0|[1-9]\d*|catchall)|\/[a-z0-9][a-z0-9-]*)$/;
const Citation = z.string().regex(CITATION_RE, { message: 'citation-format' });

const IsoDate = z.string().refine(isIsoDate, { message: 'iso-date' });
const Semver = z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, { message: 'semver' });

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

// One character of each kind a case text holds: a pattern that matches every one of them matches nearly any text.
const PROBES = ['a', 'Z', '0', '甲', '中', '。', '，', ' '];

/**
 * True when a pattern would match any case text: it matches the empty string (`a|`, `(?:)`, `.*`, `x?`), or every
 * probe character (`.`, `[\s\S]`, `\W|\w`). Such a pattern would make its entry apply to every case.
 */
export function matchesEverything(source: string): boolean {
  const re = new RegExp(source);
  return re.test('') || PROBES.every((p) => re.test(p));
}

const RegexSource = z
  .string()
  .min(1)
  .refine(compiles, { message: 'regex' })
  .refine((s) => !compiles(s) || !matchesEverything(s), { message: 'regex-matches-everything' });

/** A pattern, alone or with a comment on what it catches (every pattern of a bundled pack has one). */
const PatternSchema = z.union([RegexSource, z.object({ pattern: RegexSource, catches: z.string().min(1) }).strict()]);
export type Pattern = z.infer<typeof PatternSchema>;

/** The regular expression source of a pattern. */
export function patternSource(p: Pattern): string {
  return typeof p === 'string' ? p : p.pattern;
}

/** Where an entry's wording comes from: a URL or a document name, and the date it was read. */
export const SourceSchema = z
  .object({
    document: z.string().min(1).optional(),
    url: z
      .string()
      .regex(/^https?:\/\/\S+$/, { message: 'url' })
      .optional(),
    read: IsoDate,
    note: z.string().optional(),
  })
  .strict()
  .refine((s) => s.document !== undefined || s.url !== undefined, { message: 'source-empty' });
export type Source = z.infer<typeof SourceSchema>;

/** A real listing (or listing report) that cites an entry: the evidence its status rests on. */
const ListingRefSchema = z
  .object({
    url: z.string().regex(/^https?:\/\/\S+$/, { message: 'url' }),
    read: IsoDate,
    /** the listing or penalty decision number, as published */
    decisionNo: z.string().min(1).optional(),
    date: IsoDate.optional(),
    note: z.string().optional(),
  })
  .strict();
export type ListingRef = z.infer<typeof ListingRefSchema>;

/** The fields every entry a reason can cite has. */
const provision = {
  citation: Citation,
  status: StatusSchema,
  /** a short Chinese title */
  title: z.string().min(1),
  /** the provision's content as recorded; a summary unless wordingKind is 'verbatim' */
  wording: z.string().min(1),
  wordingKind: WordingKindSchema,
  note: z.string().optional(),
  /** where the wording comes from (OpenFisca's `reference`) */
  sources: z.array(SourceSchema).optional(),
  /** real listings that cite the entry */
  listings: z.array(ListingRefSchema).optional(),
};

const LawSignalSchema = z
  .object({
    law: z.string().min(1),
    articles: z.array(z.number().int().positive()).optional(),
    /** when given, the citation must name one of these paragraphs (款) too */
    paragraphs: z.array(z.number().int().positive()).optional(),
    /** the days the law's numbering used here is in force (a revision may renumber the articles) */
    versionFrom: IsoDate.optional(),
    versionTo: IsoDate.optional(),
    /** why this article stands for the entry (e.g. the article that defines the violation) */
    note: z.string().optional(),
  })
  .strict();

const SignalsSchema = z
  .object({
    /** a citation of one of these laws (canonical short names) and, when given, articles */
    laws: z.array(LawSignalSchema).optional(),
    /** regular expressions over the violation, case cause and legal-basis texts; any one suffices */
    patterns: z.array(PatternSchema).optional(),
    /** when given, one of these must match as well (e.g. goods that concern life and health) */
    requireAlso: z.array(PatternSchema).optional(),
    /** any match vetoes the entry */
    negative: z.array(PatternSchema).optional(),
  })
  .strict();
export type Signals = z.infer<typeof SignalsSchema>;

const ItemNumber = z.union([z.number().int().positive(), z.literal('catchall')]);

const HeavierItemSchema = z
  .object({
    ...provision,
    item: z.number().int().positive(),
    itemNumberConfirmed: z.boolean(),
    /** any of these penalty kinds satisfies the item */
    penalties: z.array(PenaltyKindSchema).min(1),
    /** the item also needs this discretion level (Art. 2 item 1: a fine under 从重) */
    requiresAggravation: z.literal('从重').optional(),
    /** the tool cannot tell whether the item applies: a match prompts review, never must-list */
    catchall: z.boolean(),
    /**
     * Other wordings that real decisions use for the item's penalties, each with the status of the evidence that
     * they count (撤销气瓶充装资格 as 吊销许可证件): a penalty worded so makes the reason carry that status.
     */
    writtenAs: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
            title: z.string().min(1),
            /** over the penalty's own text */
            pattern: PatternSchema,
            status: StatusSchema,
            note: z.string().optional(),
            sources: z.array(SourceSchema).optional(),
            listings: z.array(ListingRefSchema).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

const ViolationItemSchema = z
  .object({
    ...provision,
    item: ItemNumber,
    /** false when the number is this pack's own stable numbering, not the official item number */
    itemNumberConfirmed: z.boolean().optional(),
    /** false when even the article this item belongs to is not confirmed */
    articleNumberConfirmed: z.boolean().optional(),
    signals: SignalsSchema,
  })
  .strict();
export type ViolationItem = z.infer<typeof ViolationItemSchema>;

const ViolationArticleSchema = z
  .object({ ...provision, article: z.number().int().positive(), domain: z.enum(DOMAINS), items: z.array(ViolationItemSchema).min(1) })
  .strict();

const ChecklistEntry = z
  .object({
    id: z.string().min(1),
    status: StatusSchema,
    text: z.string().min(1),
    note: z.string().optional(),
    sources: z.array(SourceSchema).optional(),
    listings: z.array(ListingRefSchema).optional(),
    /** words in the facts that are signs of this factor (屡罚不改 for 违法频次); a sign of aggravation */
    signals: SignalsSchema.optional(),
  })
  .strict();

const Setting = <T extends z.ZodType>(value: T) => z.object({ ...provision, value }).strict();

export const RulePackSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { message: 'pack-id' }),
    version: Semver,
    title: z.string().min(1),
    /** how reasons refer to the measure, e.g. 《办法》 */
    shortTitle: z.string().min(1),
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable(),
    /** 'national', or the province (e.g. '浙江') of a provincial pack */
    jurisdiction: z.string().min(1),
    notes: z.string().optional(),
    effective: z.object(provision).strict(),
    heavierPenalty: z.object({ ...provision, article: z.number().int().positive(), items: z.array(HeavierItemSchema).min(1) }).strict(),
    violationArticles: z.array(ViolationArticleSchema).min(1),
    refusalToPerform: z
      .object({ ...provision, article: z.number().int().positive(), domain: z.enum(DOMAINS), signals: SignalsSchema })
      .strict(),
    judgment: z
      .object({
        ...provision,
        article: z.number().int().positive(),
        factors: z.array(ChecklistEntry).min(1),
        noIntentException: ChecklistEntry,
      })
      .strict(),
    criminalTransfer: z.object(provision).strict(),
    /** listings resting on an effective criminal judgment (法院生效判决) */
    courtJudgment: z
      .object({ ...provision, signals: SignalsSchema })
      .strict()
      .optional(),
    procedure: z
      .object({
        upperLevelConsent: Setting(z.boolean()),
        publicationDeadlineWorkingDays: Setting(z.number().int().positive()),
        art12SeparateStep: Setting(z.boolean()),
        announceWithPenalty: Setting(z.boolean()),
      })
      .strict(),
    listingPeriodYears: Setting(z.number().positive()),
    earlyRemovalAfterYears: Setting(z.number().positive()),
    managementMeasures: z.array(ChecklistEntry).min(1),
    repeatOffender: z
      .object({
        ...provision,
        windowYears: z.object({ value: z.number().positive(), status: StatusSchema }).strict(),
        threshold: z.object({ value: z.number().int().positive(), status: StatusSchema }).strict(),
        source: z.string().min(1),
      })
      .strict(),
    /** provisions of other laws shown beside a verdict (not part of this measure) */
    related: z.array(
      z
        .object({
          ...provision,
          source: z.string().min(1),
          alsoCited: z.array(z.object({ citation: Citation, source: z.string().min(1) }).strict()).optional(),
          /** shown when any of these penalties was imposed */
          penalties: z.array(PenaltyKindSchema).min(1),
        })
        .strict(),
    ),
    /** publicity of the penalty information and credit repair (Order 45, 国市监信规〔2021〕3号) */
    publicity: z
      .object({
        ...provision,
        source: z.string().min(1),
        shortMonths: z.number().int().positive(),
        longMonths: z.number().int().positive(),
        /** kinds that on their own (or with a lower-amount fine) stop showing after shortMonths */
        shortKinds: z.array(PenaltyKindSchema),
        /** kinds that alone are not published at all */
        notPublishedAlone: z.array(PenaltyKindSchema),
        noEarlyStop: z
          .object({ citation: Citation, status: StatusSchema, kinds: z.array(PenaltyKindSchema).min(1), note: z.string().optional() })
          .strict(),
        repair: z
          .object({
            citation: Citation,
            status: StatusSchema,
            months: z.number().int().positive(),
            sectorMonths: z.number().int().positive(),
            sectors: z.array(RepairSectorSchema),
            wording: z.string().min(1),
            wordingKind: WordingKindSchema,
          })
          .strict(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((pack, ctx) => {
    if (pack.effectiveTo !== null && pack.effectiveTo < pack.effectiveFrom) {
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'effective-order' });
    }
    const seen = new Map<string, string>();
    for (const { citation, path } of packCitations(pack)) {
      const earlier = seen.get(citation);
      if (earlier !== undefined) {
        ctx.addIssue({ code: 'custom', path, message: `duplicate-citation:${citation}` });
      } else seen.set(citation, path.join('.'));
    }
    const articleCitation = (article: number, item: number | string, path: PropertyKey[], citation: string): void => {
      const expected = `${pack.id}/art${article}/${item}`;
      if (citation !== expected) ctx.addIssue({ code: 'custom', path, message: `citation-mismatch:${expected}` });
    };
    const h = pack.heavierPenalty;
    articleCitation(h.article, 0, ['heavierPenalty', 'citation'], h.citation);
    h.items.forEach((it, i) => articleCitation(h.article, it.item, ['heavierPenalty', 'items', i, 'citation'], it.citation));
    pack.violationArticles.forEach((a, i) => {
      articleCitation(a.article, 0, ['violationArticles', i, 'citation'], a.citation);
      a.items.forEach((it, j) => {
        articleCitation(a.article, it.item, ['violationArticles', i, 'items', j, 'citation'], it.citation);
        if (it.item !== 'catchall' && it.itemNumberConfirmed === undefined) {
          ctx.addIssue({ code: 'custom', path: ['violationArticles', i, 'items', j, 'itemNumberConfirmed'], message: 'required' });
        }
      });
    });
    articleCitation(pack.refusalToPerform.article, 0, ['refusalToPerform', 'citation'], pack.refusalToPerform.citation);
    articleCitation(pack.judgment.article, 0, ['judgment', 'citation'], pack.judgment.citation);
    const ids = new Set<string>();
    [...pack.judgment.factors, pack.judgment.noIntentException].forEach((f, i) => {
      if (ids.has(f.id)) ctx.addIssue({ code: 'custom', path: ['judgment', 'factors', i, 'id'], message: `duplicate-id:${f.id}` });
      ids.add(f.id);
    });
  });
export type RulePack = z.infer<typeof RulePackSchema>;

/** Every citation a pack defines, with where it is. */
export function packCitations(pack: RulePack): Array<{ citation: string; path: PropertyKey[] }> {
  const out: Array<{ citation: string; path: PropertyKey[] }> = [];
  const add = (citation: string, ...path: PropertyKey[]): void => {
    out.push({ citation, path: [...path, 'citation'] });
  };
  add(pack.effective.citation, 'effective');
  add(pack.heavierPenalty.citation, 'heavierPenalty');
  pack.heavierPenalty.items.forEach((it, i) => add(it.citation, 'heavierPenalty', 'items', i));
  pack.violationArticles.forEach((a, i) => {
    add(a.citation, 'violationArticles', i);
    a.items.forEach((it, j) => add(it.citation, 'violationArticles', i, 'items', j));
  });
  add(pack.refusalToPerform.citation, 'refusalToPerform');
  add(pack.judgment.citation, 'judgment');
  add(pack.criminalTransfer.citation, 'criminalTransfer');
  if (pack.courtJudgment) add(pack.courtJudgment.citation, 'courtJudgment');
  for (const [name, setting] of Object.entries(pack.procedure)) add(setting.citation, 'procedure', name);
  add(pack.listingPeriodYears.citation, 'listingPeriodYears');
  add(pack.earlyRemovalAfterYears.citation, 'earlyRemovalAfterYears');
  add(pack.repeatOffender.citation, 'repeatOffender');
  pack.related.forEach((r, i) => {
    add(r.citation, 'related', i);
    r.alsoCited?.forEach((c, j) => add(c.citation, 'related', i, 'alsoCited', j));
  });
  if (pack.publicity) {
    add(pack.publicity.citation, 'publicity');
    add(pack.publicity.noEarlyStop.citation, 'publicity', 'noEarlyStop');
    add(pack.publicity.repair.citation, 'publicity', 'repair');
  }
  return out;
}

/** Every regular expression of a pack, with where it is (for checks and for the pack page). */
export function packPatterns(pack: RulePack): Array<{ source: string; path: string }> {
  const out: Array<{ source: string; path: string }> = [];
  const add = (s: Signals | undefined, path: string): void => {
    if (!s) return;
    for (const k of ['patterns', 'requireAlso', 'negative'] as const) {
      (s[k] ?? []).forEach((p, i) => out.push({ source: patternSource(p), path: `${path}.${k}[${i}]` }));
    }
  };
  pack.heavierPenalty.items.forEach((it, i) =>
    (it.writtenAs ?? []).forEach((w, j) =>
      out.push({ source: patternSource(w.pattern), path: `heavierPenalty.items[${i}].writtenAs[${j}]` }),
    ),
  );
  pack.violationArticles.forEach((a, i) => a.items.forEach((it, j) => add(it.signals, `violationArticles[${i}].items[${j}].signals`)));
  add(pack.refusalToPerform.signals, 'refusalToPerform.signals');
  add(pack.courtJudgment?.signals, 'courtJudgment.signals');
  pack.judgment.factors.forEach((f, i) => add(f.signals, `judgment.factors[${i}].signals`));
  return out;
}

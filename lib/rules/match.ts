import { negatedAt } from '../facts/penalties';
import type { LegalCitation } from '../facts/schema';
import { LiteralIndex, requiredLiterals, type LiteralsFound } from '../text';
import { patternSource, type RulePack, type Signals, type ViolationItem } from './schema';

/** A pack pattern with the words every match of it contains (ids in the pack's LiteralIndex; null: none known). */
interface CompiledPattern {
  re: RegExp;
  literals: number[] | null;
}

interface CompiledLaw {
  law: string;
  articles: ReadonlySet<number> | null;
  paragraphs: ReadonlySet<number> | null;
  versionFrom: string | null;
  versionTo: string | null;
}

export interface CompiledSignals {
  laws: CompiledLaw[];
  patterns: CompiledPattern[];
  requireAlso: CompiledPattern[];
  negative: CompiledPattern[];
}

export interface CompiledItem {
  item: ViolationItem;
  article: number;
  domain: RulePack['violationArticles'][number]['domain'];
  signals: CompiledSignals;
}

export interface CompiledPack {
  items: CompiledItem[];
  /** the catch-all items among them, in pack order */
  catchalls: CompiledItem[];
  refusal: CompiledSignals;
  courtJudgment: CompiledSignals | null;
  /** Art. 12 factors whose signs the facts may show (违法频次: 屡罚不改), in pack order */
  factorSigns: Array<{ factor: RulePack['judgment']['factors'][number]; signals: CompiledSignals }>;
  /** Art. 2 items' other wordings, by item number */
  writtenAs: Map<number, Array<{ variant: NonNullable<RulePack['heavierPenalty']['items'][number]['writtenAs']>[number]; re: RegExp }>>;
  /** the literals of every pattern above */
  literals: LiteralIndex;
  /**
   * Which items a case can match at all, so that the others are not tried: by literal id, the items with a
   * pattern needing it; the items with a pattern needing no known literal; by law, the items citing it.
   */
  itemsByLiteral: Array<number[] | undefined>;
  itemsAlways: number[];
  itemsByLaw: Map<string, number[]>;
  /** itemMarks[i] === itemScans when item i is possible for the case being matched (no set per case) */
  itemMarks: Int32Array;
  itemScans: number;
  /** some literal holds a newline (linesOfCaseText must scan) */
  newlineLiterals: boolean;
  /** the first and last days of the law versions the signals are bound to, sorted, each once */
  versionBounds: string[];
}

/** A case text as the signals read it: width-folded, with the pack's literals found in it. */
export interface CaseText {
  folded: string;
  found: LiteralsFound;
}

export function caseText(pack: CompiledPack, folded: string): CaseText {
  return { folded, found: pack.literals.scan(folded) };
}

/** `text` with `rest` (width-folded) appended: only the new end is scanned. `text` is spent: read the result. */
export function extendCaseText(pack: CompiledPack, text: CaseText, rest: string): CaseText {
  const folded = text.folded + rest;
  return { folded, found: pack.literals.scan(folded, { found: text.found, from: text.folded.length }) };
}

/**
 * `folded`, made of lines of `text.folded` joined by newlines, with the literals found in `text`: all of its own
 * and perhaps more, which only lets a pattern be tried that then does not match. Without a second scan, unless
 * some literal holds a newline (one could then span two of the lines joined here).
 */
export function linesOfCaseText(pack: CompiledPack, text: CaseText, folded: string): CaseText {
  return pack.newlineLiterals ? caseText(pack, folded) : { folded, found: text.found };
}

function compilePattern(literals: LiteralIndex, source: string, flags: string): CompiledPattern {
  return { re: new RegExp(source, flags), literals: literals.addAll(requiredLiterals(source, flags, 'long')) };
}

function compileSignals(literals: LiteralIndex, s: Signals): CompiledSignals {
  return {
    laws: (s.laws ?? []).map((l) => ({
      law: l.law,
      articles: l.articles ? new Set(l.articles) : null,
      paragraphs: l.paragraphs ? new Set(l.paragraphs) : null,
      versionFrom: l.versionFrom ?? null,
      versionTo: l.versionTo ?? null,
    })),
    patterns: (s.patterns ?? []).map((p) => compilePattern(literals, patternSource(p), 'g')),
    requireAlso: (s.requireAlso ?? []).map((p) => compilePattern(literals, patternSource(p), '')),
    negative: (s.negative ?? []).map((p) => compilePattern(literals, patternSource(p), '')),
  };
}

/** Whether a cited provision is one a law signal names, in the version of the law in force on `date`. */
function citesLaw(l: CompiledLaw, c: LegalCitation, date: string | null): boolean {
  if (c.law !== l.law) return false;
  if (l.articles !== null && !l.articles.has(c.article)) return false;
  if (l.paragraphs !== null && (c.paragraph === undefined || !l.paragraphs.has(c.paragraph))) return false;
  // A date outside the version whose numbering the signal uses: the same number may be another article.
  if (date !== null && ((l.versionFrom !== null && date < l.versionFrom) || (l.versionTo !== null && date > l.versionTo))) return false;
  return true;
}

function versionBoundsOf(signals: readonly CompiledSignals[]): string[] {
  const bounds = new Set<string>();
  for (const s of signals) {
    for (const l of s.laws) {
      if (l.versionFrom !== null) bounds.add(l.versionFrom);
      if (l.versionTo !== null) bounds.add(l.versionTo);
    }
  }
  return [...bounds].sort();
}

/**
 * Where `date` lies among the pack's law-version bounds (before, on or after each): the law signals read two
 * dates of one class alike (citesLaw only compares the date with these bounds). -1 for no date.
 */
export function lawDateClass(pack: CompiledPack, date: string | null): number {
  if (date === null) return -1;
  const bounds = pack.versionBounds;
  let i = 0;
  while (i < bounds.length && bounds[i]! < date) i++;
  return 2 * i + (bounds[i] === date ? 1 : 0);
}

// Packs are immutable data: compile each one once.
const cache = new WeakMap<RulePack, CompiledPack>();

export function compilePack(pack: RulePack): CompiledPack {
  let compiled = cache.get(pack);
  if (!compiled) {
    const literals = new LiteralIndex();
    const items = pack.violationArticles.flatMap((a) =>
      a.items.map((item) => ({ item, article: a.article, domain: a.domain, signals: compileSignals(literals, item.signals) })),
    );
    compiled = {
      items,
      catchalls: items.filter((c) => c.item.item === 'catchall'),
      refusal: compileSignals(literals, pack.refusalToPerform.signals),
      courtJudgment: pack.courtJudgment ? compileSignals(literals, pack.courtJudgment.signals) : null,
      factorSigns: pack.judgment.factors.flatMap((factor) =>
        factor.signals ? [{ factor, signals: compileSignals(literals, factor.signals) }] : [],
      ),
      writtenAs: new Map(
        pack.heavierPenalty.items.map((it) => [
          it.item,
          (it.writtenAs ?? []).map((variant) => ({ variant, re: new RegExp(patternSource(variant.pattern)) })),
        ]),
      ),
      literals,
      itemsByLiteral: [],
      itemsAlways: [],
      itemsByLaw: new Map(),
      itemMarks: new Int32Array(items.length),
      itemScans: 0,
      newlineLiterals: literals.some((l) => l.includes('\n')),
      versionBounds: [],
    };
    const index = compiled;
    index.versionBounds = versionBoundsOf([
      ...items.map((i) => i.signals),
      index.refusal,
      ...(index.courtJudgment ? [index.courtJudgment] : []),
      ...index.factorSigns.map((f) => f.signals),
    ]);
    items.forEach(({ signals }, i) => {
      for (const p of signals.patterns) {
        if (p.literals === null) index.itemsAlways.push(i);
        else for (const id of p.literals) (index.itemsByLiteral[id] ??= []).push(i);
      }
      for (const { law } of signals.laws) {
        const list = index.itemsByLaw.get(law);
        if (list) list.push(i);
        else index.itemsByLaw.set(law, [i]);
      }
    });
    cache.set(pack, compiled);
  }
  return compiled;
}

function anyMatches(literals: LiteralIndex, patterns: readonly CompiledPattern[], text: CaseText): boolean {
  for (const p of patterns) if (literals.mayMatch(text.found, p.literals) && p.re.test(text.folded)) return true;
  return false;
}

/** The first non-empty, non-negated match of a global pattern, cut from `original`; else null. */
function firstMatch(literals: LiteralIndex, p: CompiledPattern, folded: CaseText, original: string): string | null {
  if (!literals.mayMatch(folded.found, p.literals)) return null;
  const text = folded.folded;
  const re = p.re;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++; // as matchAll steps over an empty match
      continue;
    }
    if (negatedAt(text, m.index)) continue;
    return original.slice(m.index, m.index + m[0].length);
  }
  return null;
}

/**
 * Whether signals match a case: a cited law/article or a (non-negated) pattern in the text, plus one of
 * `requireAlso` when given, and no `negative`. Returns the evidence: the words or citation that matched. A law
 * signal bound to a version of the law counts only for a decision `date` inside it (null: any date).
 * `folded` is the width-folded text (foldWidth keeps positions, so evidence can be cut from the original),
 * scanned once for the literals of every item of the pack.
 */
export function matchSignals(
  pack: CompiledPack,
  s: CompiledSignals,
  folded: CaseText,
  original: string,
  citations: readonly LegalCitation[],
  date: string | null = null,
): string | null {
  // Words of the violation make better evidence than a citation, so patterns are tried first.
  let evidence: string | null = null;
  for (const p of s.patterns) {
    evidence = firstMatch(pack.literals, p, folded, original);
    if (evidence !== null) break;
  }
  if (evidence === null) {
    for (const l of s.laws) {
      const c = citations.find((c) => citesLaw(l, c, date));
      if (c) {
        evidence = c.text;
        break;
      }
    }
  }
  if (evidence === null) return null;
  if (s.requireAlso.length > 0 && !anyMatches(pack.literals, s.requireAlso, folded)) return null;
  if (anyMatches(pack.literals, s.negative, folded)) return null;
  return evidence;
}

/**
 * The items of the pack (catch-alls aside) whose signals match the case, in pack order, with their evidence.
 * Only items that a found literal or a cited law makes possible are tried: the others cannot match.
 */
export function matchItems(
  pack: CompiledPack,
  folded: CaseText,
  original: string,
  citations: readonly LegalCitation[],
  date: string | null = null,
): Array<{ compiled: CompiledItem; evidence: string }> {
  const scan = ++pack.itemScans;
  const marks = pack.itemMarks;
  for (const i of pack.itemsAlways) marks[i] = scan;
  for (const id of folded.found.ids) {
    const items = pack.itemsByLiteral[id];
    if (items) for (const i of items) marks[i] = scan;
  }
  for (const c of citations) {
    const items = pack.itemsByLaw.get(c.law);
    if (items) for (const i of items) marks[i] = scan;
  }
  const hits: Array<{ compiled: CompiledItem; evidence: string }> = [];
  for (let i = 0; i < pack.items.length; i++) {
    const c = pack.items[i]!;
    if (marks[i] !== scan || c.item.item === 'catchall') continue;
    const evidence = matchSignals(pack, c.signals, folded, original, citations, date);
    if (evidence !== null) hits.push({ compiled: c, evidence });
  }
  return hits;
}

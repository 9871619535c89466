import { negatedAt } from '../facts/penalties';
import type { LegalCitation } from '../facts/schema';
import type { RulePack, Signals, ViolationItem } from './schema';

interface CompiledSignals {
  laws: Array<{ law: string; articles: ReadonlySet<number> | null }>;
  patterns: RegExp[];
  requireAlso: RegExp[];
  negative: RegExp[];
}

export interface CompiledItem {
  item: ViolationItem;
  article: number;
  domain: RulePack['violationArticles'][number]['domain'];
  signals: CompiledSignals;
}

export interface CompiledPack {
  items: CompiledItem[];
  refusal: CompiledSignals;
}

function compileSignals(s: Signals): CompiledSignals {
  return {
    laws: (s.laws ?? []).map((l) => ({ law: l.law, articles: l.articles ? new Set(l.articles) : null })),
    patterns: (s.patterns ?? []).map((p) => new RegExp(p, 'g')),
    requireAlso: (s.requireAlso ?? []).map((p) => new RegExp(p)),
    negative: (s.negative ?? []).map((p) => new RegExp(p)),
  };
}

// Packs are immutable data: compile each one once.
const cache = new WeakMap<RulePack, CompiledPack>();

export function compilePack(pack: RulePack): CompiledPack {
  let compiled = cache.get(pack);
  if (!compiled) {
    compiled = {
      items: pack.violationArticles.flatMap((a) =>
        a.items.map((item) => ({ item, article: a.article, domain: a.domain, signals: compileSignals(item.signals) })),
      ),
      refusal: compileSignals(pack.refusalToPerform.signals),
    };
    cache.set(pack, compiled);
  }
  return compiled;
}

/**
 * Whether signals match a case: a cited law/article or a (non-negated) pattern in `text`, plus one of
 * `requireAlso` when given, and no `negative`. Returns the evidence: the words or citation that matched.
 * `text` must be width-folded (foldWidth keeps positions, so evidence can be cut from the original).
 */
export function matchSignals(
  s: CompiledSignals,
  text: string,
  original: string,
  citations: readonly LegalCitation[],
): string | null {
  // Words of the violation make better evidence than a citation, so patterns are tried first.
  let evidence: string | null = null;
  outer: for (const re of s.patterns) {
    for (const m of text.matchAll(re)) {
      if (m[0] === '' || negatedAt(text, m.index)) continue;
      evidence = original.slice(m.index, m.index + m[0].length);
      break outer;
    }
  }
  if (evidence === null) {
    for (const l of s.laws) {
      const c = citations.find((c) => c.law === l.law && (l.articles === null || l.articles.has(c.article)));
      if (c) {
        evidence = c.text;
        break;
      }
    }
  }
  if (evidence === null) return null;
  if (s.requireAlso.length > 0 && !s.requireAlso.some((re) => re.test(text))) return null;
  if (s.negative.some((re) => re.test(text))) return null;
  return evidence;
}

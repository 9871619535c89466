import { z } from 'zod';
import lexiconJson from '../../rules/law-domains.json';
import { foldWidth } from '../text';
import { DOMAINS, type Domain } from './domain';
import { RepairSectorSchema, type LegalCitation, type RepairSector } from './schema';

/**
 * The law → domain lexicon (rules/law-domains.json). Its schema lives here rather than in lib/rules
 * because lib/facts, which reads it, comes before lib/rules in the import order.
 */
export const LawLexiconSchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  notes: z.string().optional(),
  laws: z.array(
    z.object({
      name: z.string().min(1),
      full: z.string().optional(),
      domain: z.enum(DOMAINS).nullable(),
      certainty: z.enum(['sure', 'doubtful']),
      repairSector: z.optional(RepairSectorSchema),
      note: z.string().optional(),
    }),
  ),
  domainKeywords: z.record(z.enum(DOMAINS), z.array(z.string().min(1))),
});
export type LawLexicon = z.infer<typeof LawLexiconSchema>;
type LawEntry = LawLexicon['laws'][number];

// validated by tests/unit/ext/bundled-data.test.ts, not in every frame at start
export const lawLexicon: LawLexicon = lexiconJson as LawLexicon;

const BY_NAME = new Map<string, LawEntry>();
for (const law of lawLexicon.laws) {
  BY_NAME.set(law.name, law);
  if (law.full) BY_NAME.set(law.full, law);
}

/** Every name (short and full) of the lexicon, longest first, for matching law names written without 《》. */
export const KNOWN_LAW_NAMES: readonly string[] = [...BY_NAME.keys()].sort((a, b) => b.length - a.length);

const VERSION_NOTE = /[(（][^()（）]*(?:修订|修正|修改|施行|版|年)[^()（）]*[)）]$/;

/**
 * Canonical short name of a law as written: `《中华人民共和国食品安全法（2021年修正）》` → `食品安全法`.
 */
export function canonicalLawName(written: string): string {
  let name = CANONICAL.get(written);
  if (name === undefined) {
    name = canonicalOf(written);
    if (CANONICAL.size >= MAX_CANONICAL) CANONICAL.clear();
    CANONICAL.set(written, name);
  }
  return name;
}

// Few distinct law names are ever written, each in every case of an export: remember their canonical forms
// (bounded, since the input is not).
const CANONICAL = new Map<string, string>();
const MAX_CANONICAL = 2000;

function canonicalOf(written: string): string {
  let s = foldWidth(written).replace(/[《》〈〉\s]/g, '');
  s = s.replace(VERSION_NOTE, '');
  const known = BY_NAME.get(s);
  if (known) return known.name;
  return s.replace(/^中华人民共和国/, '');
}

const KEYWORD_RES: ReadonlyArray<[Domain, RegExp]> = DOMAINS.flatMap((d) => {
  const words = lawLexicon.domainKeywords[d] ?? [];
  if (words.length === 0) return [];
  return [[d, new RegExp(words.map(escapeRegExp).join('|'), 'i')] as [Domain, RegExp]];
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface DomainGuess {
  domain: Domain | null;
  source: 'laws' | 'keywords' | null;
  doubtful: boolean;
}

/** Domain of the first cited law that has one (procedural laws have none). */
export function domainFromLaws(citations: readonly LegalCitation[]): DomainGuess {
  for (const c of citations) {
    const entry = BY_NAME.get(c.law);
    if (entry?.domain) return { domain: entry.domain, source: 'laws', doubtful: entry.certainty === 'doubtful' };
  }
  return { domain: null, source: null, doubtful: false };
}

/** Domain from violation keywords: the first row, in DOMAINS order, with a match. */
export function domainFromKeywords(text: string): DomainGuess {
  if (text !== '') {
    for (const [domain, re] of KEYWORD_RES) {
      if (re.test(text)) return { domain, source: 'keywords', doubtful: false };
    }
  }
  return { domain: null, source: null, doubtful: false };
}

const SPECIAL_EQUIPMENT = /特种设备|电梯|锅炉|压力容器|压力管道|气瓶|起重机械|客运索道|大型游乐设施|场\(厂\)内专用机动车辆/;

/** The credit-repair sector of a case: from the laws cited, else special-equipment words in the violation. */
export function repairSectorOf(citations: readonly LegalCitation[], violationText: string): RepairSector | null {
  for (const c of citations) {
    const sector = BY_NAME.get(c.law)?.repairSector;
    if (sector) return sector;
  }
  return SPECIAL_EQUIPMENT.test(foldWidth(violationText)) ? 'special-equipment' : null;
}

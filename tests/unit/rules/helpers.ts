import { extractFactsFromRecord, type FactValues } from '../../../lib/facts';
import { assess, bundledPacks, type AssessContext, type Assessment, type RulePack } from '../../../lib/rules';

export const PACK: RulePack = bundledPacks[0]!;
export const TODAY = '2024-03-01';

/** Facts from a record, judged against the bundled packs. */
export function judge(
  record: FactValues,
  ctx: Partial<AssessContext> = {},
  opts: { readOnlyView?: boolean; packs?: readonly RulePack[] } = {},
): Assessment {
  const facts = extractFactsFromRecord(record, { readOnlyView: opts.readOnlyView });
  return assess(facts, opts.packs ?? bundledPacks, { today: TODAY, ...ctx });
}

export const citations = (a: Assessment): string[] => a.reasons.map((r) => r.citation);

/** A deep copy of the bundled pack as plain JSON, for building broken or alternative packs. */
export function packJson(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(PACK)) as Record<string, unknown>;
}

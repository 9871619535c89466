/*
 * The four verdicts on a case (ARCHITECTURE.md "Verdicts"), their order and their words: defined here once, for the
 * engine, the overlay, the ledger, the charts, the bulk audit and the messages between them. No imports, so that
 * every bundle (the reader's included) can take it.
 */

/**
 * The verdicts in the order every page shows and sorts them: what asks most of the handler first. 应当列入,
 * 需要研判, 信息不足 (a case to complete), 无需列入.
 */
export const VERDICTS = ['must-list', 'review', 'insufficient', 'not-required'] as const;

export type Verdict = (typeof VERDICTS)[number];

const RANK = new Map<string, number>(VERDICTS.map((v, i) => [v, i]));

/** Compares two verdicts in the order of VERDICTS (for sorting). */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  return RANK.get(a)! - RANK.get(b)!;
}

export function isVerdict(v: unknown): v is Verdict {
  return typeof v === 'string' && RANK.has(v);
}

/**
 * The message keys of each verdict's words (public/_locales): `name` is the verdict as the overlay states it,
 * `short` its tag in pills, tables, filters and charts, `sentence` the engine's full sentence (CLI and tests).
 */
export const VERDICT_LABELS = {
  'must-list': { name: 'verdict_must_list', short: 'verdict_short_must_list', sentence: 'engine_verdict_must_list' },
  review: { name: 'verdict_review', short: 'verdict_short_review', sentence: 'engine_verdict_review' },
  insufficient: { name: 'verdict_insufficient', short: 'verdict_short_insufficient', sentence: 'engine_verdict_insufficient' },
  'not-required': { name: 'verdict_not_required', short: 'verdict_short_not_required', sentence: 'engine_verdict_not_required' },
} as const satisfies Record<Verdict, { name: string; short: string; sentence: string }>;

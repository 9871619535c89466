import type { PartyKind } from '../party';
import type { CaseFacts, PenaltyKind } from '../facts/schema';
import type { LowerAmountFineSetting } from './assessment';
import type { RulePack } from './schema';

export interface PublicityNote {
  code: string;
  params: Record<string, string | number>;
}

// Individual businesses (个体工商户) are natural persons in civil law, so the individual threshold applies
// to them; the provincial rules seen do not say so explicitly (rules/README.md).
const INDIVIDUAL_KINDS: ReadonlySet<PartyKind> = new Set<PartyKind>(['natural-person', 'individual-business']);

/**
 * How long the penalty information stays public and when credit repair becomes possible (DOMAIN.md §3),
 * or null when nothing is published because nothing was imposed.
 */
/** Published for the long term: with credit repair after `repairMonths`, unless a kind of penalty rules out an early stop. */
function longPublicity(p: NonNullable<RulePack['publicity']>, kinds: readonly PenaltyKind[], repairMonths: number): PublicityNote {
  return kinds.some((k) => p.noEarlyStop.kinds.includes(k))
    ? { code: 'publicity-long-fixed', params: { months: p.longMonths } }
    : { code: 'publicity-long', params: { months: p.longMonths, repairMonths } };
}

export function publicityOf(facts: CaseFacts, pack: RulePack, lowerAmountFine: LowerAmountFineSetting | null): PublicityNote | null {
  const p = pack.publicity;
  if (!p || !facts.penaltyReadable || facts.penalties.length === 0) return null;
  const kinds = new Set<PenaltyKind>(facts.penalties.map((x) => x.kind));
  const all = [...kinds];
  if (all.every((k) => p.notPublishedAlone.includes(k))) return { code: 'publicity-not-published', params: {} };

  const repairMonths =
    facts.repairSector !== null && p.repair.sectors.includes(facts.repairSector) ? p.repair.sectorMonths : p.repair.months;
  const open = { shortMonths: p.shortMonths, longMonths: p.longMonths, repairMonths };

  const shortOnly = all.every((k) => p.notPublishedAlone.includes(k) || p.shortKinds.includes(k) || k === 'Fine');
  if (!shortOnly) return longPublicity(p, all, repairMonths);
  if (!kinds.has('Fine')) return { code: 'publicity-short', params: { months: p.shortMonths } };

  if (!lowerAmountFine) return { code: 'publicity-threshold-unset', params: open };
  const fine = facts.fine;
  if (fine === null) return { code: 'publicity-fine-unknown', params: open };
  if (facts.party.kind === 'unknown') {
    return {
      code: 'publicity-party-kind-unknown',
      params: { ...open, individual: lowerAmountFine.individual, organisation: lowerAmountFine.organisation },
    };
  }
  const category = INDIVIDUAL_KINDS.has(facts.party.kind) ? 'individual' : 'organisation';
  const threshold = lowerAmountFine[category];
  const lower = lowerAmountFine.inclusive ? fine.yuan <= threshold : fine.yuan < threshold;
  // An approximate amount (…余元) is a lower bound: below the threshold it may still be above it.
  if (lower && fine.approximate) return { code: 'publicity-fine-unknown', params: open };
  if (!lower) return longPublicity(p, all, repairMonths);
  return {
    code: 'publicity-short-fine',
    params: {
      months: p.shortMonths,
      fine: fine.yuan,
      category,
      comparison: lowerAmountFine.inclusive ? '≤' : '<',
      threshold,
    },
  };
}

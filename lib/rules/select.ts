import { addDays, type DateInterval } from '../text';
import type { RulePack } from './schema';

// Choosing the pack in force: no data loaded here, so that the background can use it with the packs it reads.

const JURISDICTION_RANK = (p: RulePack): number => (p.jurisdiction === 'national' ? 0 : 1);

function compareSemver(a: string, b: string): number {
  const pa = a.split(/[-+]/)[0]!.split('.').map(Number);
  const pb = b.split(/[-+]/)[0]!.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** True when `pack` is in force on `isoDate` (both bounds inclusive; effectiveTo is the last day in force). */
export function inForce(pack: RulePack, isoDate: string): boolean {
  return pack.effectiveFrom <= isoDate && (pack.effectiveTo === null || isoDate <= pack.effectiveTo);
}

/**
 * The pack in force on `date`, or null. When several are: a provincial pack before the national one
 * (the user imported it for their province), then the latest effectiveFrom, then the highest version.
 * For an interval (a decision date known only to the month or year), the pack chosen on every day of it, or null
 * when the choice differs within it (packSegments tells the parts).
 */
export function selectPack(packs: readonly RulePack[], date: string | Pick<DateInterval, 'from' | 'to'>): RulePack | null {
  if (typeof date !== 'string') {
    const segments = packSegments(packs, date);
    return segments.length === 1 ? segments[0]!.pack : null;
  }
  const isoDate = date;
  let best: RulePack | null = null;
  for (const p of packs) {
    if (inForce(p, isoDate) && (best === null || preferred(p, best))) best = p;
  }
  return best;
}

function preferred(a: RulePack, b: RulePack): boolean {
  const d =
    JURISDICTION_RANK(a) - JURISDICTION_RANK(b) || a.effectiveFrom.localeCompare(b.effectiveFrom) || compareSemver(a.version, b.version);
  return d > 0;
}

/** A run of days over which the same pack (or none) is in force. */
export interface PackSegment {
  from: string;
  to: string;
  pack: RulePack | null;
}

/**
 * The interval [from, to] cut where the pack in force changes: one segment when one pack (or none) decides every
 * day of it. Only the days where some pack starts or stops can change the choice, so only those are tried.
 */
export function packSegments(packs: readonly RulePack[], interval: { from: string; to: string }): PackSegment[] {
  const cuts = new Set<string>();
  for (const p of packs) {
    if (p.effectiveFrom > interval.from && p.effectiveFrom <= interval.to) cuts.add(p.effectiveFrom);
    if (p.effectiveTo !== null) {
      const after = addDays(p.effectiveTo, 1);
      if (after > interval.from && after <= interval.to) cuts.add(after);
    }
  }
  const starts = [interval.from, ...[...cuts].sort()];
  const segments: PackSegment[] = [];
  starts.forEach((from, i) => {
    const to = i + 1 < starts.length ? addDays(starts[i + 1]!, -1) : interval.to;
    const pack = selectPack(packs, from);
    const last = segments[segments.length - 1];
    if (last && last.pack === pack) last.to = to;
    else segments.push({ from, to, pack });
  });
  return segments;
}

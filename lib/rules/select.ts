import type { RulePack } from './schema';

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
 * The pack in force on `isoDate`, or null. When several are: a provincial pack before the national one
 * (the user imported it for their province), then the latest effectiveFrom, then the highest version.
 */
export function selectPack(packs: readonly RulePack[], isoDate: string): RulePack | null {
  let best: RulePack | null = null;
  for (const p of packs) {
    if (inForce(p, isoDate) && (best === null || preferred(p, best))) best = p;
  }
  return best;
}

function preferred(a: RulePack, b: RulePack): boolean {
  const d =
    JURISDICTION_RANK(a) - JURISDICTION_RANK(b) ||
    a.effectiveFrom.localeCompare(b.effectiveFrom) ||
    compareSemver(a.version, b.version);
  return d > 0;
}

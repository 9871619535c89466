import type { LedgerCase } from '../db/case';
import { foldCaseNo } from '../db/identity';

export { caseIdentity, foldCaseNo, refoldIdentity } from '../db/identity';

type Linkable = Pick<LedgerCase, 'decisionNo' | 'caseNo' | 'uscc' | 'partyNameNorm'>;

/**
 * True when two records with different identities are the same case seen at two moments: one recorded
 * by its case number before the decision number existed, one with it. Case numbers are not unique across
 * units, so the party must match too (credit code, else normalised name), and two different decision
 * numbers never link.
 */
export function sameCaseByCaseNo(a: Linkable, b: Linkable): boolean {
  if (a.decisionNo && b.decisionNo) return false;
  const caseNo = foldCaseNo(a.caseNo);
  if (!caseNo || caseNo !== foldCaseNo(b.caseNo)) return false;
  if (a.uscc && b.uscc) return a.uscc === b.uscc;
  return a.partyNameNorm !== '' && a.partyNameNorm === b.partyNameNorm;
}

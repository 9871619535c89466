import type { LedgerCase } from '../db';
import { foldDecisionNo, foldWidth, removeSpace } from '../text';

/** A case number (案件编号) in identity form: width folded, without whitespace. */
export function foldCaseNo(s: string | null | undefined): string {
  return removeSpace(foldWidth(s ?? ''));
}

/**
 * A case's identity everywhere (ARCHITECTURE.md): the folded decision number (文号), else `case:` + the
 * folded case number (案件编号); null when the case has neither.
 */
export function caseIdentity(c: { decisionNo?: string | null; caseNo?: string | null }): string | null {
  const decisionNo = foldDecisionNo(c.decisionNo ?? '');
  if (decisionNo) return decisionNo;
  const caseNo = foldCaseNo(c.caseNo);
  return caseNo ? `case:${caseNo}` : null;
}

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

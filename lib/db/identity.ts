import { foldDecisionNo } from '../text/decisionNo';

/*
 * A case's identity everywhere (ARCHITECTURE.md): the folded decision number (文号), else `case:` + the folded
 * case number (案件编号). Here rather than in lib/ledger because the database's upgrades re-fold stored ids.
 */

/** A case number (案件编号) in identity form: folded like a decision number (brackets, width, invisibles). */
export function foldCaseNo(s: string | null | undefined): string {
  return foldDecisionNo(s ?? '');
}

/** The identity of a case, or null when it has neither a decision nor a case number. */
export function caseIdentity(c: { decisionNo?: string | null; caseNo?: string | null }): string | null {
  const decisionNo = foldDecisionNo(c.decisionNo ?? '');
  if (decisionNo) return decisionNo;
  const caseNo = foldCaseNo(c.caseNo);
  return caseNo ? `case:${caseNo}` : null;
}

/**
 * A stored identity brought to the current folding. Folding is idempotent and each version folds at least
 * what the one before did, so an id written by an older version refolds to the id the current one computes.
 */
export function refoldIdentity(id: string): string {
  return id.startsWith('case:') ? `case:${foldCaseNo(id.slice(5))}` : foldDecisionNo(id);
}

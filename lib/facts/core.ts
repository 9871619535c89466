import type { LogicalKey } from './keys';
import type { CaseFacts } from './schema';

/**
 * The keys a handler expects to see read on a penalty form, each with the keys that stand in for it: a
 * natural person's identity number for the credit code, the case number before a decision number exists.
 */
const CORE: ReadonlyArray<readonly [LogicalKey, ...LogicalKey[]]> = [
  ['partyName'],
  ['uscc', 'idNumber'],
  ['decisionNo', 'caseNo'],
  ['penalty'],
  ['legalBasis'],
  ['decisionDate'],
];
/** On licensing, inspection and other forms only the party is core: they carry no decision. */
const PARTY_ONLY = 2;

/**
 * Core keys (party, credit code, decision or case number, penalty, basis, date) with no value read, in that
 * order; a key stands for its group (`uscc` when neither a credit code nor an identity number was read).
 * The overlay offers to pick each one on the page.
 */
export function missingCoreKeys(facts: Pick<CaseFacts, 'fields' | 'formKind'>): LogicalKey[] {
  const groups = facts.formKind === 'penalty' ? CORE : CORE.slice(0, PARTY_ONLY);
  const read = (k: LogicalKey): boolean => (facts.fields[k] ?? '').trim() !== '';
  return groups.filter((g) => !g.some(read)).map((g) => g[0]);
}

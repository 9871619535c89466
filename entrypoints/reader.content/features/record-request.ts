import type { RecordAnswers } from '../../../components/RecordForm';
import type { CaseFacts } from '../../../lib/facts/schema';
import type { ClearableField } from '../../../lib/ledger/fields';
import type { RecordRequest } from '../../../lib/messaging/protocol';
import type { Assessment } from '../../../lib/rules/assessment';

/** What the page says, in the record form's terms. */
export function pageAnswers(f: CaseFacts, a: Assessment): RecordAnswers {
  return {
    decisionNo: f.decisionNo?.raw ?? '',
    caseNo: f.caseNo ?? '',
    partyName: f.party.name ?? '',
    uscc: f.party.code ?? '',
    domain: a.domain,
    listingDecision: f.listingDecision ?? '',
    listingDate: f.listingDecision === 'yes' ? (f.decisionDate ?? '') : '',
    exposureDate: '',
    repeatPublicityDate: '',
  };
}

/**
 * What goes to the ledger: the handler's answers, the verdict and what it rests on. An empty answer keeps what
 * the ledger holds; only the fields in `cleared`, emptied on purpose, are emptied.
 */
export function recordRequest(d: RecordAnswers, cleared: ClearableField[], facts: CaseFacts, a: Assessment): RecordRequest {
  return {
    decisionNo: d.decisionNo.trim() || null,
    caseNo: d.caseNo.trim() || null,
    partyName: d.partyName,
    uscc: d.uscc.trim() || null,
    domain: d.domain,
    domainSource: d.domain === a.domain ? (a.reasons.some((r) => r.code === 'domain-item') ? 'item' : 'law') : 'user',
    verdict: a.verdict,
    packId: a.pack?.id ?? null,
    packVersion: a.pack?.version ?? null,
    citations: a.reasons.map((r) => r.citation),
    unlisted: a.unlisted,
    listingDecision: d.listingDecision || null,
    listingDate: d.listingDate || null,
    exposureDate: d.exposureDate || null,
    repeatPublicityDate: d.repeatPublicityDate || null,
    decisionDate: facts.decisionDate ?? null,
    ...(cleared.length > 0 ? { cleared } : {}),
  };
}

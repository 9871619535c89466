export * from './schema';
export * from './extract';
export { parseCitations } from './citations';
export { FieldMemo } from './memo';
export { parsePenalties, fineInText, confiscationInText } from './penalties';
export { aggravationFromField, aggravationFromText } from './discretion';
export { parseListingDecision, parseCriminalTransfer, criminalTransferInText, parseApprovalMode, formKindOf } from './flags';
export { lawLexicon, canonicalLawName, domainFromLaws, domainFromKeywords, repairSectorOf } from './lexicon';

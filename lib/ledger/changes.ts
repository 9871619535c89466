import {
  COUNTED_DATE_FIELDS,
  EMPTY_CONTENT,
  contentOf,
  diffContent,
  sameValue,
  type FieldChange,
  type LedgerCase,
  type LedgerEntry,
  type LedgerRevision,
} from '../db/case';
import { caseIdentity } from '../db/identity';
import { normalizePartyName } from '../party/name';
import { foldDecisionNo } from '../text/decisionNo';
import { userMessage } from '../messages';
import { LedgerError, MAX_HISTORY } from './fields';
import { checkRecordInput, type CaseContent, type ParsedInput, type RecordInput } from './input';

/*
 * What a save changes, as pure functions: the preview the record form shows (recordChanges), and the next
 * stored record with its revision (nextRecord). No zod, no Dexie.
 */

export { EMPTY_CONTENT, contentOf, diffContent, sameValue, type FieldChange };
// what the record form needs besides recordChanges, from this one zod-free module
export { CLEARABLE_FIELDS, LedgerError, type ClearableField, type ContentField, type LedgerErrorCode } from './fields';
export type { RecordInput } from './input';

/** `base` with the input's values set and its cleared fields emptied; the decision number in identity form. */
export function applyParsed(base: CaseContent, input: ParsedInput): CaseContent {
  const next = { ...contentOf(base), ...input.set };
  for (const f of input.cleared) (next as Record<string, unknown>)[f] = f === 'citations' ? [] : null;
  if (next.decisionNo) next.decisionNo = foldDecisionNo(next.decisionNo);
  return next;
}

/**
 * What saving `input` over `existing` (null: a case not in the ledger yet) would change, field by field, for
 * the `将更改：列入日期 2024-04-10 → …` preview. Pure. Throws a LedgerError (`invalid`) when the input cannot be
 * saved, with the reasons.
 */
export function recordChanges(existing: CaseContent | null, input: RecordInput): FieldChange[] {
  const parsed = checkRecordInput(input);
  return diffContent(existing, applyParsed(existing ?? EMPTY_CONTENT, parsed), parsed.set);
}

/** A revision id unique across ledgers. */
export function newRevisionId(): string {
  return globalThis.crypto.randomUUID();
}

const noDateUnits = (): LedgerCase['dateUnits'] => ({ listingDate: '', exposureDate: '', repeatPublicityDate: '' });

/**
 * The credit of each counted date after `changes` by `unit`: a date recorded where there was none counts for
 * `unit`; a corrected date keeps the credit of whoever first recorded it (a reviewer fixing a typo does not
 * take a county's listing); an emptied date counts for nobody.
 */
function dateUnitsAfter(before: LedgerCase['dateUnits'] | null, changes: readonly FieldChange[], unit: string): LedgerCase['dateUnits'] {
  const next = { ...(before ?? noDateUnits()) };
  for (const c of changes) {
    if (!(COUNTED_DATE_FIELDS as readonly string[]).includes(c.field)) continue;
    const f = c.field as keyof LedgerCase['dateUnits'];
    if (c.to === null) next[f] = '';
    else if (c.from === null || next[f] === '') next[f] = c.by?.unit ?? unit;
  }
  return next;
}

/** Appends a revision, refusing a history that would grow past MAX_HISTORY. */
export function withRevision(history: readonly LedgerRevision[], rev: LedgerRevision): LedgerRevision[] {
  if (history.length >= MAX_HISTORY) {
    throw new LedgerError('invalid', userMessage('ledgerError_historyFull', MAX_HISTORY));
  }
  return [...history, rev];
}

/**
 * The stored record after a save of `content` over `existing` (null: new) by `who`, with its revision; null
 * when nothing changes. `id` and the derived fields are recomputed; `createdAt`, `origin`, the first unit and
 * recorder are kept.
 */
export function nextRecord(
  existing: LedgerEntry | null,
  content: CaseContent,
  who: { unit: string; recorder: string; kind: LedgerRevision['kind']; at: string },
  given: Partial<CaseContent> = {},
): { record: LedgerEntry; changes: FieldChange[] } | null {
  const changes = diffContent(existing, content, given);
  if (existing && changes.length === 0) return null;
  const id = caseIdentity(content);
  if (id === null) throw new LedgerError('invalid', userMessage('ledgerError_noIdentity'));
  const revision = (existing?.revision ?? 0) + 1;
  const rev: LedgerRevision = {
    id: newRevisionId(),
    revision,
    at: who.at,
    unit: who.unit,
    recorder: who.recorder,
    kind: who.kind,
    changes,
  };
  const record: LedgerEntry = {
    ...content,
    id,
    partyNameNorm: normalizePartyName(content.partyName),
    unit: existing?.unit || who.unit,
    recorder: existing?.recorder || who.recorder,
    origin: existing?.origin ?? 'local',
    createdAt: existing?.createdAt ?? who.at,
    updatedAt: who.at,
    revision,
    dateUnits: dateUnitsAfter(existing?.dateUnits ?? null, changes, who.unit),
    history: withRevision(existing?.history ?? [], rev),
  };
  return { record, changes };
}

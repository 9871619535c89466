import { z } from 'zod';
import { DOMAINS } from '../facts/domain';
import { VERDICTS } from '../rules/verdicts';
import type { LedgerCase, LedgerEntry, LegacyCase } from '../db';
import { isIsoDate } from '../text';
import { userMessage, type MessageFamily, type UserMessage } from '../messages';
import { CONTENT_FIELDS, MAX_CITATIONS, MAX_HISTORY, MAX_LENGTHS } from './fields';

export { CLEARABLE_FIELDS, CONTENT_FIELDS, MAX_CITATIONS, MAX_HISTORY, MAX_LENGTHS } from './fields';
export type { ClearableField, ContentField } from './fields';

type LedgerIssue = MessageFamily<'ledgerIssue_'>;
const LEDGER_ISSUES = new Set<string>([
  'date',
  'tooLong',
  'control',
  'timestamp',
  'base64',
  'markup',
  'undoCase',
  'identity',
] satisfies LedgerIssue[]);

/** A refinement's message as a code (`ledgerIssue_<issue>`), with its substitutions: issueMessage words it. */
export const ledgerIssue = (code: LedgerIssue, ...subs: string[]) => ({
  message: `ledgerIssue_${code}`,
  ...(subs.length ? { params: { subs } } : {}),
});

/**
 * What a failed check of a stored or imported row says: our refinements' codes as messages (with the limit a
 * too-long text broke), zod's own messages as they are (technical, about a file no one wrote by hand).
 */
export function issueMessage(issue: z.core.$ZodIssue): UserMessage | string {
  const code = issue.message.startsWith('ledgerIssue_') ? issue.message.slice('ledgerIssue_'.length) : '';
  if (!LEDGER_ISSUES.has(code)) return issue.message;
  const subs = issue.code === 'too_big' ? [String(issue.maximum)] : ((issue as { params?: { subs?: string[] } }).params?.subs ?? []);
  return userMessage(`ledgerIssue_${code as LedgerIssue}`, ...subs);
}

/** An ISO calendar date `YYYY-MM-DD` (China Standard Time), or null. */
export const IsoDateSchema = z.string().refine(isIsoDate, ledgerIssue('date'));

export const VerdictSchema = z.enum(VERDICTS);
export const DomainSchema = z.enum(DOMAINS);

// C0 controls and DEL: never in a value the ledger wrote (spaces are normalised), so a sign of a forged file.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A stored text of at most `max` characters, without control characters. */
export const textOf = (max: number) =>
  z
    .string()
    .max(max, ledgerIssue('tooLong'))
    .refine((s) => !CONTROL.test(s), ledgerIssue('control'));

/** An ISO 8601 timestamp as `Date#toISOString` writes it (or any date-time Date.parse reads). */
export const TimestampSchema = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), ledgerIssue('timestamp'));

const UnitSchema = textOf(MAX_LENGTHS.unit);
const RecorderSchema = textOf(MAX_LENGTHS.recorder);

/** A value a field held before or after a change: text, a flag, a list of citations, or nothing. */
const ChangeValueSchema = z.union([
  textOf(MAX_LENGTHS.partyName),
  z.null(),
  z.boolean(),
  z.array(textOf(MAX_LENGTHS.citation)).max(MAX_CITATIONS),
]);

export const FieldChangeSchema = z.object({
  field: z.enum(CONTENT_FIELDS),
  from: ChangeValueSchema,
  to: ChangeValueSchema,
  by: z.object({ unit: UnitSchema, recorder: RecorderSchema, at: TimestampSchema }).optional(),
});

export const LedgerRevisionSchema = z.object({
  id: textOf(200).min(1),
  revision: z.number().int().positive(),
  at: TimestampSchema,
  unit: UnitSchema,
  recorder: RecorderSchema,
  kind: z.enum(['record', 'edit', 'merge', 'upgrade']),
  changes: z.array(FieldChangeSchema).max(CONTENT_FIELDS.length),
  source: UnitSchema.optional(),
});

const legacyShape = {
  id: textOf(MAX_LENGTHS.decisionNo + 5).min(1),
  decisionNo: textOf(MAX_LENGTHS.decisionNo).nullable(),
  caseNo: textOf(MAX_LENGTHS.caseNo).nullable(),
  partyName: textOf(MAX_LENGTHS.partyName),
  partyNameNorm: textOf(MAX_LENGTHS.partyName),
  uscc: textOf(MAX_LENGTHS.uscc).nullable(),
  domain: DomainSchema,
  domainSource: z.enum(['item', 'law', 'user']),
  verdict: VerdictSchema,
  packId: textOf(MAX_LENGTHS.packId).nullable(),
  packVersion: textOf(MAX_LENGTHS.packVersion).nullable(),
  citations: z.array(textOf(MAX_LENGTHS.citation)).max(MAX_CITATIONS),
  unlisted: z.enum(['yes', 'possible', 'no']),
  listingDecision: z.enum(['yes', 'no']).nullable(),
  listingDate: IsoDateSchema.nullable(),
  exposureDate: IsoDateSchema.nullable(),
  repeatPublicityDate: IsoDateSchema.nullable(),
  decisionDate: IsoDateSchema.nullable(),
  creditRepaired: z.boolean(),
  unit: UnitSchema,
  recorder: RecorderSchema,
  origin: UnitSchema.min(1),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  revision: z.number().int().positive(),
};

/** A case as ledger files and backups of version 1 hold it (no history). */
export const LegacyLedgerCaseSchema = z.object(legacyShape) satisfies z.ZodType<LegacyCase>;

/**
 * A stored ledger case (a row of the `cases` table, as a backup holds it): every field of lib/db's LedgerCase,
 * dates as ISO calendar dates, every text within its MAX_LENGTHS.
 */
export const LedgerCaseSchema = z.object({
  ...legacyShape,
  dateUnits: z.object({ listingDate: UnitSchema, exposureDate: UnitSchema, repeatPublicityDate: UnitSchema }),
}) satisfies z.ZodType<LedgerCase>;

export const HistorySchema = z.array(LedgerRevisionSchema).min(1).max(MAX_HISTORY);

/** A case with its revision history, as a ledger exchange file (and an undo entry) holds it. */
export const LedgerEntrySchema = LedgerCaseSchema.extend({ history: HistorySchema }) satisfies z.ZodType<LedgerEntry>;

/** A row of the `histories` table. */
export const CaseHistorySchema = z.object({ caseId: textOf(MAX_LENGTHS.decisionNo + 5).min(1), revisions: HistorySchema });

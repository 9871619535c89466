import { z } from 'zod';
import { LEDGER_CONTENT_FIELDS } from '../db/case';
import { DOMAINS } from '../facts/domain';
import { CaseFactsSchema } from '../facts/schema';
import { LOGICAL_KEYS } from '../facts/keys';
import { VERDICTS } from '../rules/verdicts';
import { DASHBOARD_PAGES, PART_NAMES, type Request } from './protocol';

/**
 * The validator of every request (protocol.ts), run by the background on what it receives. Lengths are capped:
 * a content script's message carries what a host page put in its form.
 */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Text = (max: number) => z.string().max(max);
const OptionalText = (max: number) => z.optional(z.nullable(Text(max)));
const OptionalDate = z.optional(z.nullable(z.union([IsoDate, z.literal('')])));

/** The record form's fields; strict, so that nothing else (the unit, the recorder) can ride along. */
const RecordRequestSchema = z.strictObject({
  decisionNo: OptionalText(200),
  caseNo: OptionalText(200),
  partyName: OptionalText(500),
  uscc: OptionalText(64),
  domain: z.optional(z.enum(DOMAINS)),
  domainSource: z.optional(z.enum(['item', 'law', 'user'])),
  verdict: z.optional(z.enum(VERDICTS)),
  packId: OptionalText(100),
  packVersion: OptionalText(40),
  citations: z.optional(z.nullable(z.array(Text(200)).max(100).readonly())),
  unlisted: z.optional(z.enum(['yes', 'possible', 'no'])),
  listingDecision: z.optional(z.nullable(z.enum(['yes', 'no']))),
  listingDate: OptionalDate,
  exposureDate: OptionalDate,
  repeatPublicityDate: OptionalDate,
  decisionDate: OptionalDate,
  /** the fields the handler emptied on purpose */
  cleared: z.optional(z.array(z.enum(LEDGER_CONTENT_FIELDS)).max(LEDGER_CONTENT_FIELDS.length).readonly()),
});

const OverlayPlacementSchema = z.strictObject({
  collapsed: z.boolean(),
  right: z.number().finite().min(-10_000).max(10_000),
  top: z.number().finite().min(-10_000).max(10_000),
});

const SiteRef = z.strictObject({ origin: Text(300), pattern: Text(300) });

const RequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('getReaderConfig') }),
  z.strictObject({
    type: z.literal('lookupParty'),
    uscc: z.nullable(Text(64)),
    name: z.nullable(Text(200)),
    at: IsoDate,
    decision: z.nullable(z.strictObject({ decisionNo: Text(100), date: z.nullable(Text(40)) })),
  }),
  z.strictObject({
    type: z.literal('assessCase'),
    facts: CaseFactsSchema,
    today: IsoDate,
    partyOnSeriousList: z.boolean(),
    caseListed: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('findRecord'),
    decisionNo: z.nullable(Text(200)),
    caseNo: z.nullable(Text(200)),
    uscc: z.nullable(Text(64)),
    partyName: z.nullable(Text(500)),
  }),
  z.strictObject({
    type: z.literal('recordCase'),
    input: RecordRequestSchema,
    baseRevision: z.number().int().nonnegative(),
    baseVersion: Text(100).optional(),
  }),
  z.strictObject({ type: z.literal('loadPart'), part: z.enum(PART_NAMES) }),
  z.strictObject({
    type: z.literal('savePin'),
    key: z.enum(LOGICAL_KEYS),
    selector: z.string().trim().min(1).max(2000),
    title: Text(1000),
  }),
  z.strictObject({ type: z.literal('saveOverlayState'), state: OverlayPlacementSchema }),
  z.strictObject({ type: z.literal('openDashboard'), page: z.optional(z.enum(DASHBOARD_PAGES)) }),
  z.strictObject({ type: z.literal('enableSite'), site: SiteRef, tabId: z.optional(z.number().int()) }),
  z.strictObject({ type: z.literal('disableSite'), origin: Text(300) }),
  z.strictObject({ type: z.literal('analyzeTab'), tabId: z.number().int() }),
]);

// the validator accepts exactly the protocol's requests (a mismatch is a type error here)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const requestsMatch: Same<z.output<typeof RequestSchema>, Request> = true;
void requestsMatch;

export function parseRequest(raw: unknown): Request | null {
  const r = RequestSchema.safeParse(raw);
  return r.success ? r.data : null;
}

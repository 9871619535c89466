import { z } from 'zod';

/**
 * The one request/response union between extension contexts (content script, popup) and the background.
 * Every message is parsed on both sides: a content script runs next to a page we do not control.
 */

const SiteRef = z.object({ origin: z.string(), pattern: z.string() });

export const RequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('enableSite'), site: SiteRef, tabId: z.number().int().optional() }),
  z.object({ type: z.literal('disableSite'), origin: z.string() }),
  z.object({ type: z.literal('analyzeTab'), tabId: z.number().int() }),
  z.object({
    type: z.literal('lookupParty'),
    uscc: z.string().max(64).nullable(),
    name: z.string().max(200).nullable(),
    /** ISO date the party's status is computed at: the decision date, else today */
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** the form's own decision, counted once with the history and the ledger */
    decision: z.object({ decisionNo: z.string().max(100), date: z.string().nullable() }).nullable(),
  }),
  z.object({ type: z.literal('recordCase'), input: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('openDashboard'), page: z.string().optional() }),
]);
export type Request = z.infer<typeof RequestSchema>;
export type RequestType = Request['type'];

export type Response<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

export function ok<T>(value: T): Response<T> {
  return { ok: true, value };
}

export function fail(error: string): Response<never> {
  return { ok: false, error };
}

export const ResponseSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** Sends a request through `send` (browser.runtime.sendMessage) and checks the shape of the answer. */
export async function request<T>(send: (m: unknown) => Promise<unknown>, message: Request): Promise<Response<T>> {
  const parsed = RequestSchema.parse(message);
  const raw = await send(parsed);
  const res = ResponseSchema.safeParse(raw);
  if (!res.success) return fail('bad-response');
  return res.data as Response<T>;
}

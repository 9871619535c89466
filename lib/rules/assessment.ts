import { z } from 'zod';
import { DOMAINS } from '../facts/domain';
import { StatusSchema, WordingKindSchema } from './schema';
import { VERDICTS } from './verdicts';

const VerdictSchema = z.enum(VERDICTS);

const Params = z.record(z.string(), z.union([z.string(), z.number()]));

/** One reason behind a verdict: a machine code with params (turned into a sentence by lib/rules/format.ts). */
const ReasonSchema = z.object({
  /** the pack item, e.g. `order44-2021/art2/2` (README of rules/ describes the grammar) */
  citation: z.string(),
  status: StatusSchema,
  /** e.g. 'heavier-penalty', 'domain-item', 'not-in-force' */
  code: z.string(),
  params: Params,
  /** the pack item's short Chinese title */
  title: z.string(),
  /** the item's wording as recorded in the pack */
  wording: z.string(),
  wordingKind: WordingKindSchema,
  /** the text on the form that matched, e.g. `吊销食品经营许可证` */
  evidence: z.string(),
});
export type Reason = z.infer<typeof ReasonSchema>;

const NoticeSchema = z.object({ code: z.string(), params: Params.optional() });
export type Notice = z.infer<typeof NoticeSchema>;

export const AssessmentSchema = z.object({
  verdict: VerdictSchema,
  /** the date the pack was chosen for: the decision date, else today; `from/to` for a month or year (ISO 8601) */
  date: z.string(),
  dateSource: z.enum(['decision', 'today']),
  /** the decision date is known only to the month or year (or the decision number's year): every day it may be */
  period: z
    .object({ from: z.string(), to: z.string(), precision: z.enum(['month', 'year']), source: z.enum(['date', 'decision-number']) })
    .optional(),
  pack: z.object({ id: z.string(), version: z.string(), title: z.string() }).nullable(),
  reasons: z.array(ReasonSchema),
  /** 应列未列: yes for must-list, possible for review, only on decided cases not listed */
  unlisted: z.enum(['yes', 'possible', 'no']),
  /** logical keys whose values would settle an insufficient or review verdict */
  missing: z.array(z.object({ key: z.string(), code: z.string() })),
  /** Art. 12 factors to weigh (must-list and review only) */
  checklist: z.array(z.object({ id: z.string(), citation: z.string(), status: StatusSchema, text: z.string() })),
  notices: z.array(NoticeSchema),
  /** provisions beside the verdict: the legal-representative restriction, the listing procedure */
  related: z.array(ReasonSchema),
  /** how long the penalty information stays public and when credit repair becomes possible */
  publicity: NoticeSchema.extend({ params: Params }).nullable(),
  domain: z.enum(DOMAINS),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

export interface LowerAmountFineSetting {
  individual: number;
  organisation: number;
  /** true when the threshold itself counts as lower (≤), as in Shanghai */
  inclusive: boolean;
}

export interface AssessContext {
  /** ISO date in China time, used when the form has no decision date */
  today: string;
  /** the party is on an imported serious illegal and dishonest list at the case's date (告知承诺制 does not apply) */
  partyOnSeriousList?: boolean;
  /** a listing on an imported serious list covers this case: in force at its date, or made on or after it (not 应列未列) */
  caseListed?: boolean;
  settings?: { lowerAmountFine?: LowerAmountFineSetting | null };
}

import type { CaseContent, LedgerCase } from '../db/case';
import { DOMAINS } from '../facts/domain';
import { normalizeCode } from '../party/uscc';
import { VERDICTS } from '../rules/verdicts';
import { isIsoDate, todayInChina } from '../text/dates';
import { cleanText } from '../text/fold';
import { joinMessages, userMessage, type UserMessage } from '../messages';
import {
  CLEARABLE_FIELDS,
  CONTENT_FIELDS,
  LedgerError,
  MAX_CITATIONS,
  MAX_LENGTHS,
  fieldTitle,
  type ClearableField,
  type ContentField,
} from './fields';

/*
 * What the record form (记录本案) or the 台账 editor hands over, and its check. Plain TypeScript, no zod: the
 * record form uses recordChanges in a page's frame.
 */

export type { CaseContent };

/**
 * One save of a case. A field left out (undefined) keeps what the ledger has. An empty value (null, '', or a
 * blank text) also keeps it: a recorded value becomes empty only when its field is named in `cleared`.
 */
export interface RecordInput {
  decisionNo?: string | null;
  caseNo?: string | null;
  partyName?: string | null;
  uscc?: string | null;
  domain?: LedgerCase['domain'];
  /** where the domain came from: the matched Order 44 item, the laws cited, or the user */
  domainSource?: LedgerCase['domainSource'];
  verdict?: LedgerCase['verdict'];
  packId?: string | null;
  packVersion?: string | null;
  /** the citations behind the verdict; given, they replace the stored ones (an empty list included) */
  citations?: readonly string[] | null;
  unlisted?: LedgerCase['unlisted'];
  listingDecision?: LedgerCase['listingDecision'];
  /** `YYYY-MM-DD`, or an ISO date-time (its calendar date in China Standard Time) */
  listingDate?: string | null;
  exposureDate?: string | null;
  repeatPublicityDate?: string | null;
  decisionDate?: string | null;
  creditRepaired?: boolean;
  /** fields the handler emptied on purpose (CLEARABLE_FIELDS) */
  cleared?: readonly ContentField[];
  /** 填报单位 of whoever saves, filled by the caller from settings */
  unit?: string;
  /** 记录人 of whoever saves, filled by the caller from settings */
  recorder?: string;
}

/** A checked RecordInput: the values to set, the fields to empty, and who saves. */
export interface ParsedInput {
  set: Partial<CaseContent>;
  cleared: ClearableField[];
  unit: string;
  recorder: string;
}

const DATE_FIELDS = ['listingDate', 'exposureDate', 'repeatPublicityDate', 'decisionDate'] as const;

/**
 * A date as typed or read: `YYYY-MM-DD`, or an ISO date-time. A date-time with `Z` or an offset becomes its
 * calendar date in China Standard Time (`2023-07-31T16:30:00Z` → 2023-08-01); one without an offset is
 * taken as China wall-clock time (its date part). Null when it is none of these.
 */
function isoDayOf(t: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (!m || !isIsoDate(m[1]!)) return null;
  if (m[2] === undefined) return m[1]!;
  if (Number.isNaN(Date.parse(`${m[1]}T${m[2]}Z`))) return null;
  if (m[3] === undefined) return m[1]!;
  const offset = m[3] === 'Z' ? 'Z' : `${m[3].slice(0, 3)}:${m[3].slice(-2)}`;
  const ms = Date.parse(`${m[1]}T${m[2]}${offset}`);
  return Number.isNaN(ms) ? null : todayInChina(new Date(ms));
}

type Issues = UserMessage[];

function tooLong(title: UserMessage, max: number): UserMessage {
  return userMessage('recordInput_tooLong', title, max);
}

/** A text field: spaces normalised; blank → undefined (keep); over `max` → an issue. */
function textOf(raw: unknown, field: ContentField | 'unit' | 'recorder', max: number, issues: Issues): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const title = fieldTitle(field);
  if (typeof raw !== 'string') {
    issues.push(userMessage('recordInput_notText', title));
    return undefined;
  }
  // Refuse at once what cannot fit even after spaces collapse, without normalising megabytes first.
  if (raw.length > max * 4 + 1000) {
    issues.push(tooLong(title, max));
    return undefined;
  }
  const v = cleanText(raw);
  if (v.length > max) {
    issues.push(tooLong(title, max));
    return undefined;
  }
  return v === '' ? undefined : v;
}

function oneOf<T extends string>(raw: unknown, allowed: readonly T[], field: ContentField, issues: Issues): T | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
  issues.push(userMessage('recordInput_badValue', fieldTitle(field)));
  return undefined;
}

function dateOf(raw: unknown, field: ContentField, issues: Issues): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const t = typeof raw === 'string' ? raw.trim() : null;
  if (t === '') return undefined;
  const day = t === null || t.length > 40 ? null : isoDayOf(t);
  if (day === null) {
    const shown = typeof raw === 'string' ? raw.slice(0, 40) : String(raw).slice(0, 40);
    issues.push(userMessage('recordInput_badDate', fieldTitle(field), shown));
    return undefined;
  }
  return day;
}

function citationsOf(raw: unknown, issues: Issues): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const title = fieldTitle('citations');
  if (!Array.isArray(raw) || raw.some((c) => typeof c !== 'string')) {
    issues.push(userMessage('recordInput_notCitations', title));
    return undefined;
  }
  if (raw.length > MAX_CITATIONS) {
    issues.push(userMessage('recordInput_tooManyCitations', title, MAX_CITATIONS));
    return undefined;
  }
  const out: string[] = [];
  for (const c of raw as string[]) {
    const v = c.length > MAX_LENGTHS.citation * 4 ? null : cleanText(c);
    if (v === null || v.length > MAX_LENGTHS.citation) {
      issues.push(tooLong(title, MAX_LENGTHS.citation));
      return undefined;
    }
    if (v !== '' && !out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * Checks one save. Returns the values, or the reasons it cannot be saved, one per field joined in one message
 * (`列入日期：“2023-02-30”不是有效日期…`), without any prefix.
 */
export function parseRecordInput(input: unknown): { ok: true; value: ParsedInput } | { ok: false; error: UserMessage } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: userMessage('recordInput_notObject') };
  }
  const r = input as Record<string, unknown>;
  const issues: Issues = [];
  const set: Partial<CaseContent> = {};
  const put = <K extends ContentField>(k: K, v: CaseContent[K] | undefined) => {
    if (v !== undefined) set[k] = v;
  };
  put('decisionNo', textOf(r.decisionNo, 'decisionNo', MAX_LENGTHS.decisionNo, issues));
  put('caseNo', textOf(r.caseNo, 'caseNo', MAX_LENGTHS.caseNo, issues));
  put('partyName', textOf(r.partyName, 'partyName', MAX_LENGTHS.partyName, issues));
  const uscc = textOf(r.uscc, 'uscc', MAX_LENGTHS.uscc, issues);
  put('uscc', uscc === undefined ? undefined : normalizeCode(uscc) || undefined);
  put('domain', oneOf(r.domain, DOMAINS, 'domain', issues));
  put('domainSource', oneOf(r.domainSource, ['item', 'law', 'user'] as const, 'domainSource', issues));
  put('verdict', oneOf(r.verdict, VERDICTS, 'verdict', issues));
  put('packId', textOf(r.packId, 'packId', MAX_LENGTHS.packId, issues));
  put('packVersion', textOf(r.packVersion, 'packVersion', MAX_LENGTHS.packVersion, issues));
  put('citations', citationsOf(r.citations, issues));
  put('unlisted', oneOf(r.unlisted, ['yes', 'possible', 'no'] as const, 'unlisted', issues));
  put('listingDecision', oneOf(r.listingDecision, ['yes', 'no'] as const, 'listingDecision', issues));
  for (const f of DATE_FIELDS) put(f, dateOf(r[f], f, issues));
  if (r.creditRepaired !== undefined && r.creditRepaired !== null) {
    if (typeof r.creditRepaired === 'boolean') set.creditRepaired = r.creditRepaired;
    else issues.push(userMessage('recordInput_badValue', fieldTitle('creditRepaired')));
  }
  const unit = textOf(r.unit, 'unit', MAX_LENGTHS.unit, issues) ?? '';
  const recorder = textOf(r.recorder, 'recorder', MAX_LENGTHS.recorder, issues) ?? '';

  const cleared: ClearableField[] = [];
  if (r.cleared !== undefined && r.cleared !== null) {
    if (!Array.isArray(r.cleared)) issues.push(userMessage('recordInput_clearedNotList'));
    else {
      for (const f of r.cleared as unknown[]) {
        if (!(CLEARABLE_FIELDS as readonly unknown[]).includes(f)) {
          const known = typeof f === 'string' && (CONTENT_FIELDS as readonly string[]).includes(f);
          issues.push(userMessage('recordInput_notClearable', known ? fieldTitle(f as ContentField) : String(f).slice(0, 40)));
        } else if (set[f as ClearableField] !== undefined && !(f === 'citations' && set.citations?.length === 0)) {
          issues.push(userMessage('recordInput_clearedAndSet', fieldTitle(f as ClearableField)));
        } else if (!cleared.includes(f as ClearableField)) cleared.push(f as ClearableField);
      }
    }
  }
  if (issues.length) return { ok: false, error: joinMessages('common_joinClauses', issues) };
  for (const f of cleared) delete set[f];
  return { ok: true, value: { set, cleared, unit, recorder } };
}

/** parseRecordInput, throwing a LedgerError (`invalid`) with its reasons. */
export function checkRecordInput(input: unknown): ParsedInput {
  const r = parseRecordInput(input);
  if (!r.ok) throw new LedgerError('invalid', r.error);
  return r.value;
}

import type { z } from 'zod';
import { joinMessages, messageCode, userMessage, type UserMessage } from '../messages';
import type { CsvRecord } from './csv';

export type RowResult<T> = { ok: true; line: number; value: T } | { ok: false; line: number; errors: UserMessage[] };

export interface ValidateOptions {
  /** The header row's texts, to name columns in messages (else the key is used). */
  headers?: readonly string[];
  /** Skip rows whose mapped cells are all empty (default true): Excel leaves many such rows behind. */
  skipBlank?: boolean;
}

/**
 * The mapped cells of a record as an object: cells trimmed, empty ones absent, so that
 * `.optional()` means "may be left blank".
 */
function recordToObject(cells: readonly string[], mapping: ReadonlyArray<string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < mapping.length; i++) {
    const key = mapping[i];
    if (!key) continue;
    const v = cells[i]?.trim();
    if (v) out[key] = v;
  }
  return out;
}

// What the per-parse error map answers: "word it from the issue". Messages written into the schema
// (`.regex(re, '…')`, `.refine(fn, '…')`) take precedence over the map and stay as their author wrote them.
const OURS = '\u0000';

/** A zod issue zod itself raised, as a message code with its params. */
function issueMessage(issue: z.core.$ZodIssue): UserMessage {
  if (issue.input === undefined) return userMessage('validate_required');
  switch (issue.code) {
    case 'invalid_type':
      if (['number', 'int', 'bigint', 'nan'].includes(issue.expected)) return userMessage('validate_number');
      if (issue.expected === 'date') return userMessage('validate_date');
      if (issue.expected === 'boolean') return userMessage('validate_boolean');
      return userMessage('validate_format');
    case 'invalid_format':
      if (issue.format === 'date' || issue.format === 'datetime') return userMessage('validate_date');
      if (issue.format === 'email') return userMessage('validate_email');
      return userMessage('validate_format');
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? userMessage('validate_required') : userMessage('validate_minLength', String(issue.minimum));
      }
      if (issue.origin === 'date') return userMessage('validate_dateEarly');
      return userMessage('validate_min', String(issue.minimum));
    case 'too_big':
      if (issue.origin === 'string') return userMessage('validate_maxLength', String(issue.maximum));
      if (issue.origin === 'date') return userMessage('validate_dateLate');
      return userMessage('validate_max', String(issue.maximum));
    case 'invalid_value':
      return userMessage(
        'validate_oneOf',
        joinMessages(
          'common_joinList',
          issue.values.map((v) => userMessage('validate_quoted', String(v))),
        ),
      );
    default:
      return userMessage('validate_format');
  }
}

/** Row-level validation of one record against a zod schema (synchronous schemas only). */
function validateRecord<T>(
  record: CsvRecord,
  mapping: ReadonlyArray<string | null>,
  schema: z.ZodType<T>,
  opts: { headers?: readonly string[] } = {},
): RowResult<T> {
  const input = recordToObject(record.cells, mapping);
  const result = schema.safeParse(input, { error: () => OURS, reportInput: true });
  if (result.success) return { ok: true, line: record.line, value: result.data };
  const errors = new Map<string, UserMessage>();
  for (const issue of result.error.issues) {
    const said = issue.message === OURS ? issueMessage(issue) : issue.message;
    const key = issue.path[0];
    const column = typeof key === 'string' ? mapping.indexOf(key) : -1;
    const label = typeof key === 'string' ? (column >= 0 ? opts.headers?.[column]?.trim() : undefined) || key : null;
    const m = userMessage('listRow_line', record.line, label === null ? said : userMessage('validate_column', label, said));
    errors.set(messageCode(m), m);
  }
  return { ok: false, line: record.line, errors: [...errors.values()] };
}

/**
 * Validate records (the rows after the header) one by one: each becomes an object of its mapped cells
 * and goes through `schema`; failures carry messages naming the column (the view words them), e.g.
 * `第 12 行：‘列入日期’不是有效日期`. Never throws on bad rows.
 */
export async function* validateRows<T>(
  records: AsyncIterable<CsvRecord>,
  mapping: ReadonlyArray<string | null>,
  schema: z.ZodType<T>,
  opts: ValidateOptions = {},
): AsyncGenerator<RowResult<T>, void, undefined> {
  const skipBlank = opts.skipBlank ?? true;
  for await (const record of records) {
    if (skipBlank && isBlank(record.cells, mapping)) continue;
    yield validateRecord(record, mapping, schema, opts);
  }
}

/** True when every mapped cell is empty or whitespace. */
function isBlank(cells: readonly string[], mapping: ReadonlyArray<string | null>): boolean {
  for (let i = 0; i < mapping.length; i++) if (mapping[i] && cells[i]?.trim()) return false;
  return true;
}

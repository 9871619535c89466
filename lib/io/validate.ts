import type { z } from 'zod';
import type { CsvRecord } from './csv';

export type RowResult<T> = { ok: true; line: number; value: T } | { ok: false; line: number; errors: string[] };

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

/**
 * Chinese wording of a zod issue, used as the per-parse error map: messages written into the schema
 * (`.regex(re, '不是有效的统一社会信用代码')`, `.refine(fn, '…')`) take precedence over it.
 */
function chineseIssue(issue: z.core.$ZodRawIssue): string {
  if (issue.input === undefined) return '不能为空';
  switch (issue.code) {
    case 'invalid_type':
      if (['number', 'int', 'bigint', 'nan'].includes(issue.expected)) return '不是有效数字';
      if (issue.expected === 'date') return '不是有效日期';
      if (issue.expected === 'boolean') return '应为“是”或“否”';
      return '格式不正确';
    case 'invalid_format':
      if (issue.format === 'date' || issue.format === 'datetime') return '不是有效日期';
      if (issue.format === 'email') return '不是有效的电子邮箱';
      return '格式不正确';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少应有 ${issue.minimum} 个字`;
      if (issue.origin === 'date') return '日期过早';
      return `不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `不能超过 ${issue.maximum} 个字`;
      if (issue.origin === 'date') return '日期过晚';
      return `不能大于 ${issue.maximum}`;
    case 'invalid_value':
      return `应为${issue.values.map((v) => `“${String(v)}”`).join('、')}之一`;
    default:
      return '格式不正确';
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
  const result = schema.safeParse(input, { error: chineseIssue });
  if (result.success) return { ok: true, line: record.line, value: result.data };
  const prefix = `第 ${record.line} 行：`;
  const errors = new Set<string>();
  for (const issue of result.error.issues) {
    const key = issue.path[0];
    if (typeof key !== 'string') {
      errors.add(prefix + issue.message);
      continue;
    }
    const column = mapping.indexOf(key);
    const label = (column >= 0 ? opts.headers?.[column]?.trim() : undefined) || key;
    errors.add(`${prefix}‘${label}’${issue.message}`);
  }
  return { ok: false, line: record.line, errors: [...errors] };
}

/**
 * Validate records (the rows after the header) one by one: each becomes an object of its mapped cells
 * and goes through `schema`; failures carry Chinese messages naming the column, e.g.
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

import type { z } from 'zod';
import order44 from '../../rules/order44-2021.json';
import type { MessageFamily } from '../messages';
import type { Translate } from './format';
import { RulePackSchema, type RulePack } from './schema';
import { valueAt } from '../path';

/** What is wrong at one place of a rejected pack; the sentence is `packError_<code>` with `params`. */
type PackProblemCode =
  | 'json'
  | 'jsonAnywhere'
  | 'required'
  | 'type'
  | 'value'
  | 'tooFewItems'
  | 'empty'
  | 'tooSmall'
  | 'tooSmallInclusive'
  | 'unknownFields'
  | 'format'
  | 'citationFormat'
  | 'isoDate'
  | 'semver'
  | 'regex'
  | 'regexMatchesEverything'
  | 'url'
  | 'sourceEmpty'
  | 'effectiveOrder'
  | 'packId'
  | 'duplicateCitation'
  | 'citationMismatch'
  | 'duplicateId';

export interface PackProblem {
  /** where in the pack: field names and list positions (0-based), empty for the pack itself */
  path: Array<string | number>;
  code: PackProblemCode;
  params: string[];
}

/** The schema's messages (schema.ts) and the problem each stands for; the tagged ones carry a value after `:`. */
const SCHEMA_MESSAGES: Record<string, PackProblemCode> = {
  'citation-format': 'citationFormat',
  'iso-date': 'isoDate',
  semver: 'semver',
  regex: 'regex',
  'regex-matches-everything': 'regexMatchesEverything',
  url: 'url',
  'source-empty': 'sourceEmpty',
  'effective-order': 'effectiveOrder',
  'pack-id': 'packId',
  required: 'required',
  'duplicate-citation': 'duplicateCitation',
  'citation-mismatch': 'citationMismatch',
  'duplicate-id': 'duplicateId',
};

const TYPE_NAMES = new Set<string>(['string', 'number', 'int', 'boolean', 'array', 'object', 'null'] satisfies TypeName[]);
type TypeName = MessageFamily<'packError_type_'>;
const isTypeName = (s: string | undefined): s is TypeName => s !== undefined && TYPE_NAMES.has(s);

/**
 * Field names come from the pack being read, so whether one has a message is known only when it is looked up (a
 * missing message gives its key back); pack.test checks that every field of the format has one.
 */
const mayNameField = (name: string): name is MessageFamily<'packError_field_'> => /^[A-Za-z0-9_]+$/.test(name);

function problemOf(issue: z.core.$ZodIssue, input: unknown): PackProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const at = (code: PackProblemCode, ...params: string[]): PackProblem => ({ path, code, params });
  const [tag, arg] = issue.message.split(/:(.*)/s) as [string, string | undefined];
  const known = SCHEMA_MESSAGES[tag];
  if (known) return arg === undefined ? at(known) : at(known, arg);
  const absent = issue.path.length > 0 && valueAt(input, issue.path) === undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (absent) return at('required');
      return at('type', TYPE_NAMES.has(issue.expected) ? issue.expected : 'other');
    case 'invalid_value':
      if (absent) return at('required');
      return at('value', issue.values.map((v) => JSON.stringify(v)).join(' / '));
    case 'too_small':
      if (issue.origin === 'array') return at('tooFewItems', String(issue.minimum));
      if (issue.origin === 'string') return at('empty');
      return at(issue.inclusive ? 'tooSmallInclusive' : 'tooSmall', String(issue.minimum));
    case 'unrecognized_keys':
      return at('unknownFields', issue.keys.join('、'));
    case 'invalid_union':
      return absent ? at('required') : at('format');
    default:
      return at('format');
  }
}

/** Where JSON.parse stopped, as an offset into the text: from the engine's message, else by scanning. */
function jsonErrorOffset(text: string, message: string): number | null {
  const position = /\bposition (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const lineColumn = /\bline (\d+) column (\d+)/.exec(message);
  if (lineColumn) {
    let offset = 0;
    for (let line = 1; line < Number(lineColumn[1]); line++) offset = text.indexOf('\n', offset) + 1;
    return offset + Number(lineColumn[2]) - 1;
  }
  return firstJsonError(text);
}

class JsonStop {
  constructor(readonly offset: number) {}
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 1000;

/** The offset of the first character that makes the text not JSON (RFC 8259), or null when it is JSON. */
function firstJsonError(text: string): number | null {
  let i = 0;
  const stop = (): never => {
    throw new JsonStop(i);
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (c: string): void => {
    space();
    if (text[i] !== c) stop();
    i++;
  };
  const string = (): void => {
    if (text[i] !== '"') stop();
    i++;
    for (;;) {
      if (i >= text.length) stop();
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) stop();
      if (c !== 0x5c) i++;
      else if (text[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
      else if (text[i + 1] !== undefined && '"\\/bfnrt'.includes(text[i + 1]!)) i += 2;
      else stop();
    }
  };
  // A list of members or elements up to `close`; `member` reads one.
  const sequence = (close: string, member: () => void): void => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      member();
      space();
      if (text[i] === ',') i++;
      else if (text[i] === close) return void i++;
      else stop();
    }
  };
  const value = (depth: number): void => {
    space();
    if (depth > MAX_DEPTH) stop();
    const c = text[i];
    if (c === '{') {
      sequence('}', () => {
        space();
        string();
        expect(':');
        value(depth + 1);
      });
    } else if (c === '[') sequence(']', () => value(depth + 1));
    else if (c === '"') string();
    else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else {
      NUMBER_RE.lastIndex = i;
      if (!NUMBER_RE.test(text)) stop();
      i = NUMBER_RE.lastIndex;
    }
  };
  try {
    value(0);
    space();
    if (i < text.length) stop();
    return null;
  } catch (e) {
    if (e instanceof JsonStop) return e.offset;
    throw e;
  }
}

/** Line and column (both from 1) of an offset. */
function lineColumn(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return [line, offset - before.lastIndexOf('\n')];
}

export type PackParse = { ok: true; pack: RulePack } | { ok: false; problems: PackProblem[] };

/**
 * Validates a rule pack (an object, or JSON text). A broken pack is rejected with its problems, each with its
 * place in the pack (formatPackProblems words them); duplicate citations, missing statuses and bad dates too.
 */
export function parseRulePack(json: unknown): PackParse {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json);
    } catch (e) {
      const offset = jsonErrorOffset(json, e instanceof Error ? e.message : String(e));
      const code = offset === null ? 'jsonAnywhere' : 'json';
      const params = offset === null ? [] : lineColumn(json, Math.min(offset, json.length)).map(String);
      return { ok: false, problems: [{ path: [], code, params }] };
    }
  }
  const parsed = RulePackSchema.safeParse(input);
  if (parsed.success) return { ok: true, pack: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => problemOf(i, input)) };
}

const MAX_REPORTED = 3;

/** A field's name from the locale files (`packError_field_<name>`), or a generic one when it has none. */
function fieldName(name: string, t: Translate): string {
  const key = `packError_field_${name}`;
  const text = mayNameField(name) ? t(`packError_field_${name}`) : '';
  return text === '' || text === key ? t('packError_field_unnamed') : text;
}

/** `['violationArticles', 0, 'items', 2, 'citation']` → 违法行为条款第 1 项的各项第 3 项的引用编号. */
function packPathText(path: ReadonlyArray<string | number>, t: Translate): string {
  const steps: string[] = [];
  for (const p of path) {
    if (typeof p === 'number') {
      const last = steps.pop();
      steps.push(last === undefined ? t('packError_entry', [String(p + 1)]) : t('packError_entryOf', [last, String(p + 1)]));
    } else steps.push(fieldName(p, t));
  }
  const [first, ...rest] = steps;
  return first === undefined ? t('packError_root') : rest.reduce((outer, inner) => t('packError_pathStep', [outer, inner]), first);
}

function problemText(p: PackProblem, t: Translate): string {
  const type = p.params[0];
  const params = p.code === 'type' ? [t(`packError_type_${isTypeName(type) ? type : 'other'}`)] : p.params;
  return t(`packError_${p.code}`, params);
}

/** The reason a pack was refused, in the user's language: the first problems, each with where it is. */
export function formatPackProblems(problems: readonly PackProblem[], t: Translate): string {
  const json = problems.find((p) => p.code === 'json' || p.code === 'jsonAnywhere');
  if (json) return t('packError_rejected', [problemText(json, t)]);
  const shown = problems.slice(0, MAX_REPORTED).map((p) => t('packError_at', [packPathText(p.path, t), problemText(p, t)]));
  if (problems.length > MAX_REPORTED) shown.push(t('packError_more', [String(problems.length - MAX_REPORTED)]));
  const [first = '', ...rest] = shown;
  return t('packError_rejected', [rest.reduce((list, next) => t('packError_and', [list, next]), first)]);
}

/**
 * A pack as a file an office can start its own pack from: pretty-printed JSON named `<id>-<version>.json`. With
 * another version (or another id, with its citations' prefix), the file imports as a pack of its own.
 */
export function packFile(pack: RulePack): { name: string; text: string } {
  return { name: `${pack.id}-${pack.version}.json`, text: `${JSON.stringify(pack, null, 2)}\n` };
}

function loadBundled(json: unknown): RulePack {
  const r = parseRulePack(json);
  if (!r.ok) throw new Error(`bundled rule pack invalid: ${JSON.stringify(r.problems.slice(0, MAX_REPORTED))}`);
  return r.pack;
}

/** The valid packs of a stored list (lib/settings/items.ts importedPacksItem); anything else in it is skipped (the packs page shows why). */
export function storedPacks(raw: unknown): RulePack[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((p) => {
    const r = parseRulePack(p);
    return r.ok ? [r.pack] : [];
  });
}

/** The packs shipped with the extension, validated at load. */
export const bundledPacks: readonly RulePack[] = [loadBundled(order44)];

export { inForce, packSegments, selectPack } from './select';

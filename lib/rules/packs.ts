import type { z } from 'zod';
import order44 from '../../rules/order44-2021.json';
import { RulePackSchema, type RulePack } from './schema';

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true/false）',
  array: '数组',
  object: '对象',
  null: 'null',
};

const CUSTOM_MESSAGES: Record<string, string> = {
  'citation-format': '引用编号格式错误（应为 <编号>/art<条>/<项> 或 <编号>/<主题>，小写字母、数字和连字符）',
  'iso-date': '日期无效（应为 YYYY-MM-DD 格式的真实日期）',
  semver: '版本号应为 x.y.z 格式',
  regex: '不是有效的正则表达式',
  'regex-matches-everything': '正则表达式会匹配任何文本（含空分支、只有 .* 之类），不能作为判断依据',
  url: '网址应以 http:// 或 https:// 开头',
  'source-empty': '来源须写明网址或文件名称',
  'effective-order': '失效日期早于施行日期',
  'pack-id': '规则包编号只能含小写字母、数字、点和连字符',
  required: '缺少字段',
};

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '（根）' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function describe(issue: z.core.$ZodIssue, input: unknown): string {
  const [tag, arg] = issue.message.split(/:(.*)/s) as [string, string | undefined];
  if (tag === 'duplicate-citation') return `引用编号重复：${arg}`;
  if (tag === 'citation-mismatch') return `引用编号应为 ${arg}`;
  if (tag === 'duplicate-id') return `编号重复：${arg}`;
  const custom = CUSTOM_MESSAGES[issue.message];
  if (custom) return custom;
  const absent = issue.path.length > 0 && valueAt(input, issue.path) === undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (absent) return '缺少字段';
      return `类型错误，应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      if (absent) return '缺少字段';
      return `取值无效，应为 ${issue.values.map((v) => JSON.stringify(v)).join(' / ')} 之一`;
    case 'too_small':
      if (issue.origin === 'array') return `至少需要 ${String(issue.minimum)} 项`;
      if (issue.origin === 'string') return '不能为空';
      return `数值应大于${issue.inclusive ? '或等于' : ''} ${String(issue.minimum)}`;
    case 'unrecognized_keys':
      return `未知字段：${issue.keys.join('、')}`;
    case 'invalid_union':
      return absent ? '缺少字段' : '格式不符';
    default:
      return '格式不符';
  }
}

const MAX_REPORTED = 3;

/**
 * Validates a rule pack (an object, or JSON text). A broken pack is rejected with a Chinese reason naming
 * the path of the first problems; duplicate citations, missing statuses and bad dates are rejected too.
 */
export function parseRulePack(json: unknown): { ok: true; pack: RulePack } | { ok: false; error: string } {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json);
    } catch (e) {
      return { ok: false, error: `规则包不是有效的 JSON：${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const parsed = RulePackSchema.safeParse(input);
  if (parsed.success) return { ok: true, pack: parsed.data };
  const issues = parsed.error.issues;
  const shown = issues.slice(0, MAX_REPORTED).map((i) => `${pathText(i.path)}：${describe(i, input)}`);
  const more = issues.length > MAX_REPORTED ? `；另有 ${issues.length - MAX_REPORTED} 处问题` : '';
  return { ok: false, error: `规则包无效：${shown.join('；')}${more}` };
}

function loadBundled(json: unknown): RulePack {
  const r = parseRulePack(json);
  if (!r.ok) throw new Error(r.error);
  return r.pack;
}

/** The valid packs of a stored list (PACKS_KEY); anything else in it is skipped (the packs page shows why). */
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

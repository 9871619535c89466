import { z } from 'zod';
import { SHADOW_SEPARATOR } from './locator';
import { valueAt } from '../path';

/**
 * A pin: the element a selector designates holds the value of a logical key. The key is checked only for
 * its shape here (lib/form precedes lib/facts, which owns LOGICAL_KEYS); pass the known keys to
 * parseSiteProfile to reject unknown ones.
 */
const SitePinSchema = z.object({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/),
  selector: z.string().trim().min(1).max(2000),
});

/** `http://zfba.scjg.internal:8080`: scheme, host and port, nothing after. */
function isOrigin(s: string): boolean {
  try {
    const u = new URL(s);
    return /^https?:$/.test(u.protocol) && u.origin === s;
  } catch {
    return false;
  }
}

const SiteProfileSchema = z.object({
  version: z.literal(1),
  origin: z.string().refine(isOrigin),
  name: z.string().max(200),
  pins: z.array(SitePinSchema).max(200),
  updatedAt: z.string().min(1).max(40),
});
export type SiteProfile = z.infer<typeof SiteProfileSchema>;

export type ParsedProfile = { ok: true; profile: SiteProfile } | { ok: false; error: string };

const FIELD_NAMES: Record<string, string> = {
  version: '版本',
  origin: '系统地址',
  name: '名称',
  pins: '固定字段',
  updatedAt: '更新时间',
  key: '字段',
  selector: '选择器',
};

function where(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => (typeof p === 'number' ? `第${p + 1}项` : (FIELD_NAMES[String(p)] ?? String(p)))).join('的');
}

function issueMessage(issue: z.core.$ZodIssue, data: unknown): string {
  const at = where(issue.path);
  const last = issue.path[issue.path.length - 1];
  if (issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined) return `缺少${at}`;
  if (last === 'version') return '不支持的站点配置版本（应为 1）';
  if (last === 'origin') return '系统地址格式不正确，应形如 http://10.1.2.3:8080（不含路径）';
  if (last === 'key') return `${at}名称不正确（应为英文字段键，如 partyName）`;
  if (issue.code === 'too_big') return `${at}过长或过多`;
  if (issue.code === 'too_small') return `${at}不能为空`;
  return `${at}的值无效`;
}

/** A selector the page's own engine accepts (checked only where a DOM exists: dashboard, content script). */
function selectorError(selector: string): string | null {
  const doc = (globalThis as { document?: Document }).document;
  if (!doc) return null;
  const frag = doc.createDocumentFragment();
  for (const part of selector.split(SHADOW_SEPARATOR.trim())) {
    try {
      frag.querySelector(part.trim());
    } catch {
      return part.trim();
    }
  }
  return null;
}

/**
 * Checks a site profile (an object, or its JSON text as imported from a file). Errors are in Chinese. With
 * `keys`, pins to keys outside that list are rejected.
 */
export function parseSiteProfile(json: unknown, opts: { keys?: readonly string[] } = {}): ParsedProfile {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch {
      return { ok: false, error: '站点配置不是有效的 JSON 文本' };
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, error: '站点配置应为一个 JSON 对象' };
  }
  const r = SiteProfileSchema.safeParse(data);
  if (!r.success) {
    const first = r.error.issues[0];
    return { ok: false, error: `站点配置有误：${first ? issueMessage(first, data) : '格式不正确'}` };
  }
  const seen = new Set<string>();
  for (const [i, pin] of r.data.pins.entries()) {
    if (opts.keys && !opts.keys.includes(pin.key)) {
      return { ok: false, error: `站点配置有误：第${i + 1}个固定字段的字段“${pin.key}”不是已知字段` };
    }
    if (seen.has(pin.key)) return { ok: false, error: `站点配置有误：字段“${pin.key}”被固定了两次` };
    seen.add(pin.key);
    const bad = selectorError(pin.selector);
    if (bad !== null) return { ok: false, error: `站点配置有误：第${i + 1}个固定字段的选择器无效：${bad}` };
  }
  return { ok: true, profile: r.data };
}

import type { Assessment, Notice, Reason, Verdict } from './assessment';
import type { Status } from './schema';

/**
 * Turning the engine's codes into sentences. The engine returns codes and params; the sentences live in
 * public/_locales/<locale>/messages.json under `engine_…` keys, looked up through `t` (browser.i18n in the
 * extension, translatorFromMessages in the CLI and tests).
 */
export type Translate = (key: string, subs?: string[]) => string;

const keyOf = (prefix: string, code: string): string => `engine_${prefix}_${code.replace(/[^A-Za-z0-9]+/g, '_')}`;

const str = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

export function formatVerdict(v: Verdict, t: Translate): string {
  return t(keyOf('verdict', v));
}

export function formatStatus(s: Status, t: Translate): string {
  return t(keyOf('status', s));
}

/**
 * `order44-2021/art5/1` → 第5条第1项; `…/catchall` → 第5条兜底条款; other forms are shown as written. With
 * `packId`, only that pack's citations are rendered as articles (another law's article numbers would read
 * as the measure's).
 */
export function formatCitation(citation: string, t: Translate, packId?: string): string {
  const m = /^([^/]+)\/art(\d+)\/(0|\d+|catchall)$/.exec(citation);
  if (!m || (packId !== undefined && m[1] !== packId)) return citation;
  const [, , article = '', item = ''] = m;
  if (item === '0') return t('engine_citation_article', [article]);
  if (item === 'catchall') return t('engine_citation_catchall', [article]);
  return t('engine_citation_item', [article, item]);
}

function aggravationLabel(level: string | number | undefined, t: Translate): string {
  return level === 'unstated' ? t('engine_aggravation_unstated') : str(level);
}

// The substitutions of each reason message, in placeholder order.
const REASON_SUBS: Record<string, (r: Reason, t: Translate) => string[]> = {
  'not-in-force': (r) => [str(r.params.date), str(r.params.effectiveFrom), str(r.params.title)],
  'pack-expired': (r) => [str(r.params.date), str(r.params.effectiveTo), str(r.params.title)],
  'penalty-unreadable': (r) => [r.evidence],
  'heavier-penalty': (r) => [str(r.params.penalties), r.title],
  'heavier-penalty-possible': (r) => [str(r.params.penalties), r.title],
  'domain-item': (r) => [str(r.params.article), r.title, r.evidence],
  'domain-catchall': (r) => [str(r.params.article), r.title],
  'fine-discretion-unstated': (r) => [r.evidence],
  'refusal-to-perform': (r) => [r.evidence],
  'criminal-transfer': (r) => [r.evidence],
  'no-heavier-penalty': (r, t) => [str(r.params.penalties), aggravationLabel(r.params.aggravation, t)],
  'no-penalty': () => [],
  'legal-rep-restriction': (r) => [str(r.params.penalties), str(r.params.source), str(r.params.alsoCited)],
  'upper-level-consent': () => [],
  'announce-with-penalty': () => [],
  'listing-period': (r) => [str(r.params.years), str(r.params.earlyYears)],
};

/** The sentence of a reason (without citation or status). */
export function formatReasonSentence(r: Reason, t: Translate): string {
  const subs = REASON_SUBS[r.code]?.(r, t) ?? Object.values(r.params).map(str);
  return t(keyOf('reason', r.code), subs);
}

/** `第2条第2项 吊销许可证件属于较重行政处罚（已核实）` */
export function formatReason(r: Reason, t: Translate, packId?: string): string {
  return t('engine_reason_line', [formatCitation(r.citation, t, packId), formatReasonSentence(r, t), formatStatus(r.status, t)]);
}

const NOTICE_SUBS: Record<string, (n: Notice) => string[]> = {
  'date-from-today': (n) => [str(n.params?.date)],
  'unconfirmed-basis': (n) => [str(n.params?.citations)],
  'item-number-unconfirmed': (n) => [str(n.params?.citations)],
  'article-number-unconfirmed': (n) => [str(n.params?.citations)],
};

export function formatNotice(n: Notice, t: Translate): string {
  if (n.code.startsWith('problem-')) {
    const key = str(n.params?.key);
    return t(keyOf('problem', n.code.slice('problem-'.length)), [t(`key_${key}`), str(n.params?.value)]);
  }
  const subs = NOTICE_SUBS[n.code]?.(n) ?? [];
  return t(keyOf('notice', n.code), subs);
}

export function formatMissing(m: Assessment['missing'][number], t: Translate): string {
  return t(keyOf('missing', m.code), [t(`key_${m.key}`)]);
}

const PUBLICITY_SUBS: Record<string, (p: Record<string, string | number>, t: Translate) => string[]> = {
  'publicity-not-published': () => [],
  'publicity-short': (p) => [str(p.months)],
  'publicity-short-fine': (p, t) => [
    str(p.fine),
    t(keyOf('category', str(p.category))),
    str(p.comparison),
    str(p.threshold),
    str(p.months),
  ],
  'publicity-long': (p) => [str(p.months), str(p.repairMonths)],
  'publicity-long-fixed': (p) => [str(p.months)],
  'publicity-threshold-unset': (p) => [str(p.shortMonths), str(p.longMonths), str(p.repairMonths)],
  'publicity-fine-unknown': (p) => [str(p.shortMonths), str(p.longMonths), str(p.repairMonths)],
  'publicity-party-kind-unknown': (p) => [
    str(p.shortMonths),
    str(p.longMonths),
    str(p.repairMonths),
    str(p.individual),
    str(p.organisation),
  ],
};

export function formatPublicity(p: NonNullable<Assessment['publicity']>, t: Translate): string {
  const subs = PUBLICITY_SUBS[p.code]?.(p.params, t) ?? [];
  return t(keyOf('publicity', p.code.replace(/^publicity-/, '')), subs);
}

export interface AssessmentText {
  verdict: string;
  /** the 应列未列 banner text, or null */
  unlisted: string | null;
  reasons: string[];
  missing: string[];
  notices: string[];
  checklist: string[];
  related: string[];
  publicity: string | null;
}

/** Every user-visible sentence of an assessment, for the overlay and the CLI. */
export function formatAssessmentText(a: Assessment, t: Translate): AssessmentText {
  return {
    verdict: formatVerdict(a.verdict, t),
    unlisted: a.unlisted === 'no' ? null : t(keyOf('unlisted', a.unlisted)),
    reasons: a.reasons.map((r) => formatReason(r, t, a.pack?.id)),
    missing: a.missing.map((m) => formatMissing(m, t)),
    notices: a.notices.map((n) => formatNotice(n, t)),
    checklist: a.checklist.map((c) => t('engine_checklist_line', [c.text, formatStatus(c.status, t)])),
    related: a.related.map((r) => formatReason(r, t, a.pack?.id)),
    publicity: a.publicity ? formatPublicity(a.publicity, t) : null,
  };
}

export interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/**
 * A `t` over a parsed messages.json that substitutes like browser.i18n.getMessage: named placeholders
 * (`$NAME$`, case-insensitive) take their content, in which `$1`…`$9` are the substitutions; `$$` is `$`.
 * Missing keys give the key itself.
 */
export function translatorFromMessages(messages: Record<string, MessageEntry>): Translate {
  return (key, subs = []) => {
    const entry = messages[key];
    if (!entry) return key;
    const sub = (s: string): string => s.replace(/\$([1-9])/g, (_, d: string) => subs[Number(d) - 1] ?? '');
    const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
    return entry.message
      .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
        const content = placeholders.get(name.toLowerCase());
        return content === undefined ? whole : sub(content);
      })
      .replace(/\$\$/g, '$');
  };
}

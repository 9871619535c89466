import { messageFor, type MessageKey } from '../messages';
import { isLogicalKey } from '../facts/keys';
import type { Assessment, Notice, Reason } from './assessment';
import type { Status } from './schema';
import { VERDICT_LABELS, type Verdict } from './verdicts';

/**
 * Turning the engine's codes into sentences. The engine returns codes and params; the sentences live in
 * public/_locales/<locale>/messages.json under `engine_…` keys, looked up through `t` (browser.i18n in the
 * extension, translatorFromMessages in the CLI and tests).
 */
export type Translate = (key: MessageKey, subs?: string[]) => string;

// The engine's codes and the messages that word them, one map per family (a code outside them shows its would-be key).
const CODE_MESSAGES = {
  reason: {
    'not-in-force': 'engine_reason_not_in_force',
    'pack-expired': 'engine_reason_pack_expired',
    'penalty-unreadable': 'engine_reason_penalty_unreadable',
    'heavier-penalty': 'engine_reason_heavier_penalty',
    'heavier-penalty-possible': 'engine_reason_heavier_penalty_possible',
    'heavier-penalty-unnamed': 'engine_reason_heavier_penalty_unnamed',
    'domain-item': 'engine_reason_domain_item',
    'domain-catchall': 'engine_reason_domain_catchall',
    'fine-discretion-unstated': 'engine_reason_fine_discretion_unstated',
    'refusal-to-perform': 'engine_reason_refusal_to_perform',
    'criminal-transfer': 'engine_reason_criminal_transfer',
    'court-judgment': 'engine_reason_court_judgment',
    'aggravation-sign': 'engine_reason_aggravation_sign',
    'fine-top-of-range': 'engine_reason_fine_top_of_range',
    'fine-serious-branch': 'engine_reason_fine_serious_branch',
    'fine-at-floor': 'engine_reason_fine_at_floor',
    'fine-bottom-of-range': 'engine_reason_fine_bottom_of_range',
    'fine-below-range': 'engine_reason_fine_below_range',
    'date-straddles': 'engine_reason_date_straddles',
    'no-heavier-penalty': 'engine_reason_no_heavier_penalty',
    'no-penalty': 'engine_reason_no_penalty',
    'legal-rep-restriction': 'engine_reason_legal_rep_restriction',
    'upper-level-consent': 'engine_reason_upper_level_consent',
    'announce-with-penalty': 'engine_reason_announce_with_penalty',
    'listing-period': 'engine_reason_listing_period',
  },
  notice: {
    'art12-judgment': 'engine_notice_art12_judgment',
    'date-from-today': 'engine_notice_date_from_today',
    'date-partial': 'engine_notice_date_partial',
    'date-from-decision-number': 'engine_notice_date_from_decision_number',
    'party-on-serious-list': 'engine_notice_party_on_serious_list',
    'commitment-not-applicable': 'engine_notice_commitment_not_applicable',
    'no-pack': 'engine_notice_no_pack',
    'no-domain-item': 'engine_notice_no_domain_item',
    'unconfirmed-basis': 'engine_notice_unconfirmed_basis',
    'item-number-unconfirmed': 'engine_notice_item_number_unconfirmed',
    'article-number-unconfirmed': 'engine_notice_article_number_unconfirmed',
    'domain-doubtful': 'engine_notice_domain_doubtful',
    'repair-sector-doubt': 'engine_notice_repair_sector_doubt',
  },
  missing: {
    'penalty-empty': 'engine_missing_penalty_empty',
    'penalty-unrecognised': 'engine_missing_penalty_unrecognised',
    'penalty-kind-unstated': 'engine_missing_penalty_kind_unstated',
    'decision-date-empty': 'engine_missing_decision_date_empty',
    'decision-day-missing': 'engine_missing_decision_day_missing',
    'aggravation-unstated': 'engine_missing_aggravation_unstated',
    'aggravation-unstated-signs': 'engine_missing_aggravation_unstated_signs',
    'violation-unmatched': 'engine_missing_violation_unmatched',
    'legal-basis-empty': 'engine_missing_legal_basis_empty',
  },
  problem: {
    'decision-no-incomplete': 'engine_problem_decision_no_incomplete',
    'uscc-invalid': 'engine_problem_uscc_invalid',
    'fine-unparseable': 'engine_problem_fine_unparseable',
    'confiscation-unparseable': 'engine_problem_confiscation_unparseable',
    'aggravation-unrecognised': 'engine_problem_aggravation_unrecognised',
    'aggravation-conflict': 'engine_problem_aggravation_conflict',
    'penalty-unrecognised': 'engine_problem_penalty_unrecognised',
    'listing-decision-unrecognised': 'engine_problem_listing_decision_unrecognised',
    'criminal-transfer-unrecognised': 'engine_problem_criminal_transfer_unrecognised',
    'domain-unrecognised': 'engine_problem_domain_unrecognised',
    'date-unparseable': 'engine_problem_date_unparseable',
  },
  publicity: {
    'not-published': 'engine_publicity_not_published',
    short: 'engine_publicity_short',
    'short-fine': 'engine_publicity_short_fine',
    long: 'engine_publicity_long',
    'long-fixed': 'engine_publicity_long_fixed',
    'threshold-unset': 'engine_publicity_threshold_unset',
    'fine-unknown': 'engine_publicity_fine_unknown',
    'party-kind-unknown': 'engine_publicity_party_kind_unknown',
  },
} as const satisfies Record<string, Record<string, MessageKey>>;

type CodeFamily = keyof typeof CODE_MESSAGES;

/** A code's sentence; a code without a message shows the key it would have, as a missing message shows its key. */
function wordCode(t: Translate, family: CodeFamily, code: string, subs: string[] = []): string {
  const messages: Readonly<Record<string, MessageKey>> = CODE_MESSAGES[family];
  const key = Object.prototype.hasOwnProperty.call(messages, code) ? messages[code] : undefined;
  return key === undefined ? `engine_${family}_${code.replace(/[^A-Za-z0-9]+/g, '_')}` : t(key, subs);
}

const PRECISION_MESSAGES = { month: 'engine_precision_month', year: 'engine_precision_year' } as const;
const CATEGORY_MESSAGES = { individual: 'engine_category_individual', organisation: 'engine_category_organisation' } as const;

/** A value's word through a typed map; a value outside it shows as itself. */
function wordOf<V extends string>(t: Translate, keys: Readonly<Record<V, MessageKey>>, value: string | number | undefined): string {
  const key = messageFor(keys, value);
  return key === null ? str(value) : t(key);
}

/** The name of a logical key (`key_decisionNo` → 决定书文号), or the key itself when it is none. */
function keyName(key: string, t: Translate): string {
  return isLogicalKey(key) ? t(`key_${key}`) : `key_${key}`;
}

const str = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

function formatVerdict(v: Verdict, t: Translate): string {
  return t(VERDICT_LABELS[v].sentence);
}

function formatStatus(s: Status, t: Translate): string {
  return t(`engine_status_${s}`);
}

/**
 * `order44-2021/art5/1` → 第5条第1项; `…/catchall` → 第5条兜底条款; other forms are shown as written. With
 * `packId`, only that pack's citations are rendered as articles (another law's article numbers would read
 * as the measure's).
 */
export function formatCitation(citation: string, t: Translate, packId?: string): string {
  const m = citationParts(citation);
  if (!m || (packId !== undefined && m[0] !== packId)) return citation;
  const [, article, item] = m;
  if (item === '0') return t('engine_citation_article', [article]);
  if (item === 'catchall') return t('engine_citation_catchall', [article]);
  return t('engine_citation_item', [article, item]);
}

// A pack has a few dozen citations, formatted again for every row: read each once.
const MAX_KEYS = 2000;
const CITATIONS = new Map<string, readonly [string, string, string] | null>();

/** `order44-2021/art5/1` → [pack, article, item]; null for other forms. */
function citationParts(citation: string): readonly [string, string, string] | null {
  let parts = CITATIONS.get(citation);
  if (parts === undefined) {
    const m = /^([^/]+)\/art(\d+)\/(0|\d+|catchall)$/.exec(citation);
    parts = m ? [m[1]!, m[2]!, m[3]!] : null;
    if (CITATIONS.size >= MAX_KEYS) CITATIONS.clear();
    CITATIONS.set(citation, parts);
  }
  return parts;
}

function aggravationLabel(level: string | number | undefined, t: Translate): string {
  return level === 'unstated' ? t('engine_aggravation_unstated') : str(level);
}

// The substitutions of each reason message, in placeholder order.
const REASON_SUBS: Record<string, (r: Reason, t: Translate) => string[]> = {
  'not-in-force': (r) => [str(r.params.date), str(r.params.effectiveFrom), str(r.params.title)],
  'pack-expired': (r) => [str(r.params.date), str(r.params.effectiveTo), str(r.params.title)],
  'penalty-unreadable': (r) => [r.evidence],
  'heavier-penalty': (r) => [
    r.params.writtenAs ? `${str(r.params.penalties)}（${str(r.params.writtenAs)}）` : str(r.params.penalties),
    r.title,
  ],
  'heavier-penalty-unnamed': (r) => [r.evidence],
  'court-judgment': (r) => [r.evidence],
  'aggravation-sign': (r) => [str(r.params.factor), r.evidence],
  'fine-top-of-range': (r) => [str(r.params.fine), str(r.params.provision), str(r.params.min), str(r.params.max)],
  'fine-serious-branch': (r) => [str(r.params.fine), str(r.params.provision), str(r.params.min), str(r.params.max)],
  'fine-at-floor': (r) => [str(r.params.fine), str(r.params.provision), str(r.params.min)],
  'fine-bottom-of-range': (r) => [str(r.params.fine), str(r.params.provision), str(r.params.min), str(r.params.max)],
  'fine-below-range': (r) => [str(r.params.fine), str(r.params.provision), str(r.params.min)],
  'date-straddles': (r, t) => [
    str(r.params.date),
    str(r.params.effectiveFrom),
    str(r.params.title),
    wordOf(t, PRECISION_MESSAGES, r.params.precision),
  ],
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
  return wordCode(t, 'reason', r.code, subs);
}

// A pack's citations and the three statuses, worded again for every reason of every audited row: word each once
// per translator (a translator is a pure function of its key and substitutions).
const WORDED = new WeakMap<Translate, Map<string | undefined, Map<string, string>>>();

function worded(t: Translate, scope: string | undefined, key: string, word: () => string): string {
  let scopes = WORDED.get(t);
  if (scopes === undefined) WORDED.set(t, (scopes = new Map()));
  let words = scopes.get(scope);
  if (words === undefined) scopes.set(scope, (words = new Map()));
  let text = words.get(key);
  if (text === undefined) {
    text = word();
    if (words.size >= MAX_KEYS) words.clear();
    words.set(key, text);
  }
  return text;
}

/** `第2条第2项 吊销许可证件属于较重行政处罚（已核实）` */
export function formatReason(r: Reason, t: Translate, packId?: string): string {
  const citation = worded(t, packId, r.citation, () => formatCitation(r.citation, t, packId));
  const status = worded(t, STATUS_SCOPE, r.status, () => formatStatus(r.status, t));
  return t('engine_reason_line', [citation, formatReasonSentence(r, t), status]);
}

// Statuses are worded in a scope of their own (a pack id never has this form).
const STATUS_SCOPE = ' status';

const NOTICE_SUBS: Record<string, (n: Notice) => string[]> = {
  'date-from-today': (n) => [str(n.params?.date)],
  'date-partial': (n) => [str(n.params?.from), str(n.params?.to)],
  'date-from-decision-number': (n) => [str(n.params?.from), str(n.params?.to)],
  'unconfirmed-basis': (n) => [str(n.params?.citations)],
  'item-number-unconfirmed': (n) => [str(n.params?.citations)],
  'article-number-unconfirmed': (n) => [str(n.params?.citations)],
};

export function formatNotice(n: Notice, t: Translate): string {
  if (n.code.startsWith('problem-')) {
    const key = str(n.params?.key);
    return wordCode(t, 'problem', n.code.slice('problem-'.length), [keyName(key, t), str(n.params?.value)]);
  }
  const subs = NOTICE_SUBS[n.code]?.(n) ?? [];
  return wordCode(t, 'notice', n.code, subs);
}

function formatMissing(m: Assessment['missing'][number], t: Translate): string {
  return wordCode(t, 'missing', m.code, [keyName(m.key, t)]);
}

const PUBLICITY_SUBS: Record<string, (p: Record<string, string | number>, t: Translate) => string[]> = {
  'publicity-not-published': () => [],
  'publicity-short': (p) => [str(p.months)],
  'publicity-short-fine': (p, t) => [
    str(p.fine),
    wordOf(t, CATEGORY_MESSAGES, p.category),
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

function formatPublicity(p: NonNullable<Assessment['publicity']>, t: Translate): string {
  const subs = PUBLICITY_SUBS[p.code]?.(p.params, t) ?? [];
  return wordCode(t, 'publicity', p.code.replace(/^publicity-/, ''), subs);
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
    unlisted: a.unlisted === 'no' ? null : t(`engine_unlisted_${a.unlisted}`),
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
export function translatorFromMessages(messages: Record<string, MessageEntry>): (key: string, subs?: string[]) => string {
  // The bulk audit words every reason of every row: each message is split into its parts once.
  const compiled = new Map<string, { entry: MessageEntry; parts: MessagePart[] }>();
  return (key, subs = []) => {
    const entry = messages[key];
    if (!entry) return key;
    let c = compiled.get(key);
    if (c === undefined || c.entry !== entry) {
      c = { entry, parts: compileMessage(entry) };
      compiled.set(key, c);
    }
    const parts = c.parts;
    let out = '';
    for (const p of parts) out += typeof p === 'number' ? (subs[p] ?? '') : p;
    return out.includes('$$') ? out.replace(/\$\$/g, '$') : out;
  };
}

/** Literal text, or the index of a substitution. */
type MessagePart = string | number;

/** The message with each known placeholder replaced by its content's parts (`$$` is left to the caller). */
function compileMessage(entry: MessageEntry): MessagePart[] {
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const message = entry.message;
  const parts: MessagePart[] = [];
  let last = 0;
  for (const m of message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)) {
    const content = placeholders.get(m[1]!.toLowerCase());
    if (content === undefined) continue; // an unknown $NAME$ stays as written
    parts.push(message.slice(last, m.index));
    let from = 0;
    for (const d of content.matchAll(/\$([1-9])/g)) {
      parts.push(content.slice(from, d.index), Number(d[1]) - 1);
      from = d.index + d[0].length;
    }
    parts.push(content.slice(from));
    last = m.index + m[0].length;
  }
  parts.push(message.slice(last));
  return parts;
}

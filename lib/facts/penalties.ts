import { findMoney, foldWidth, LiteralIndex, requiredLiterals, type Money } from '../text';
import { PenaltyKind, type Penalty } from './schema';

/**
 * A match preceded by one of these does not count: `不予罚款`, `免予处罚`, `不予吊销`, `未…`.
 * Checked on the few characters before the match.
 */
export const NEGATION_BEFORE = /(?:未发现|未见|没有发现|查无|不予以?|免予|免于|免除|不宜|不适用|不存在|不属于|不具有|不具备|不符合|不再|无需|无|未|没有|不|非)$/;
const LOOKBEHIND = 4;
// The last character of every negation word above: one lookup rejects almost every position.
const NEGATION_LAST = new Set('现见无予以于除宜用在有备合再需未不非');

export function negatedAt(text: string, index: number): boolean {
  if (index === 0 || !NEGATION_LAST.has(text[index - 1]!)) return false;
  return NEGATION_BEFORE.test(text.slice(Math.max(0, index - LOOKBEHIND), index));
}

const SIMPLE_PATTERNS: ReadonlyArray<[PenaltyKind, RegExp]> = [
  [PenaltyKind.Warning, /警告(?!书)/g],
  [PenaltyKind.PublicCriticism, /通报批评/g],
  [PenaltyKind.Fine, /罚没?款/g],
  [PenaltyKind.SuspendPermit, /暂扣[^，,。；;]{0,20}?(?:许可证|执照|证件|证书|资格证)/g],
  [PenaltyKind.LowerQualification, /降低[^，,。；;]{0,10}?(?:资质|资格)?等级/g],
  [PenaltyKind.RestrictActivity, /限制(?:开展)?(?:生产经营|生产|经营)(?:活动)?/g],
  [PenaltyKind.SuspendBusiness, /(?:责令(?:其)?)?(?:停产停业|停业整顿|停产整顿)|责令(?:其)?(?:停业|停产)/g],
  [PenaltyKind.OrderClosure, /责令(?:其)?关闭/g],
  [
    PenaltyKind.RestrictEmployment,
    /限制从业|禁止从业|从业禁止|(?:终身|[0-9一二三四五六七八九十]+年内?)(?:禁止|不得)(?:从事|担任|申请)/g,
  ],
  [PenaltyKind.Detention, /行政拘留/g],
  [PenaltyKind.Other, /撤销[^，,。；;]{0,15}?(?:登记|许可|注册|证书)|其他行政处罚/g],
];
// Each pattern with the words any match of it contains: most penalty texts name two or three kinds, so most
// patterns need not run at all. One pass over the text finds all the words.
const WORDS = new LiteralIndex();
const SIMPLE = SIMPLE_PATTERNS.map(([kind, re]) => ({ kind, re, literals: WORDS.addAll(requiredLiterals(re.source, re.flags, 'long')) }));
const REVOKE_WORD = WORDS.add('吊销');
const CONFISCATE_WORD = WORDS.add('没收');

// 加处罚款 is a late-payment surcharge (执行罚), not a fine; boilerplate on payment mentions 罚款 too.
const NOT_A_FINE = /加处罚款|缴纳罚款|罚款数额|罚款缴|罚款票据|罚款收据|代收罚款/;
const REVOKE_RE = /吊销([^，,。；;]{0,40})/g;
const PERMIT_WORDS = /许可|证|资质|资格|执业|注册/;
const CONFISCATE_RE = /没收([^，,。；;]{0,60})/g;
const GAINS_RE = /违法所得/;
const PROPERTY_WORDS =
  /财物|物品|商品|产品|食品|原料|辅料|工具|设备|器械|药品|假药|劣药|化妆品|标签|包装|物料|器具|用于违法|违法生产|违法经营|非法|侵权|假冒|烟草/;
const NO_PENALTY_RE = /(?:不予|免予|免于|免除)(?:行政)?处罚/;

export interface PenaltyParse {
  penalties: Penalty[];
  /** the text says no penalty is imposed (不予行政处罚) */
  noPenalty: boolean;
}

// Characters that end a clause, by code (compared as numbers: no one-character strings in the loops).
const CLAUSE_END = new Set([...'，,。；;：:\n'].map((c) => c.charCodeAt(0)));
const MAX_EVIDENCE = 40;

function clauseBounds(text: string, index: number): [number, number] {
  let start = index;
  while (start > 0 && !CLAUSE_END.has(text.charCodeAt(start - 1))) start--;
  let end = index;
  while (end < text.length && !CLAUSE_END.has(text.charCodeAt(end))) end++;
  return [start, end];
}

function clauseOf(text: string, index: number): string {
  const [start, end] = clauseBounds(text, index);
  return text.slice(start, end);
}

type Found = Array<Penalty & { index: number }>;

// The evidence is the whole clause (`并处罚款5万元`, `责令停产停业三个月`), or the match if the clause is long.
function addFound(found: Found, text: string, folded: string, kind: PenaltyKind, index: number, length: number): void {
  if (found.some((p) => p.kind === kind)) return;
  const [start, end] = clauseBounds(folded, index);
  const clause = end - start <= MAX_EVIDENCE ? text.slice(start, end) : text.slice(index, index + length);
  found.push({ kind, text: clause.trim(), index });
}

/**
 * Penalty kinds named in a penalty text, each with the words that evidence it:
 * `没收违法所得5000元，并处罚款5万元，吊销食品经营许可证` → ConfiscateGains, Fine, RevokePermit.
 * Negated mentions (`不予吊销`) and the late-payment boilerplate (`每日按罚款数额的3%加处罚款`) do not count.
 */
export function parsePenalties(text: string): PenaltyParse {
  return parsePenaltiesFolded(text, foldWidth(text));
}

/** parsePenalties of a text whose foldWidth the caller already has. */
export function parsePenaltiesFolded(text: string, folded: string): PenaltyParse {
  const found: Found = [];
  const words = WORDS.scan(folded);
  for (const { kind, re, literals } of SIMPLE) {
    if (!WORDS.mayMatch(words, literals)) continue;
    // Only the first counted mention of a kind is kept.
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      if (negatedAt(folded, m.index)) continue;
      if (kind === PenaltyKind.Fine && NOT_A_FINE.test(clauseOf(folded, m.index))) continue;
      addFound(found, text, folded, kind, m.index, m[0].length);
      break;
    }
  }
  if (WORDS.has(words, REVOKE_WORD)) {
    REVOKE_RE.lastIndex = 0;
    for (let m = REVOKE_RE.exec(folded); m !== null; m = REVOKE_RE.exec(folded)) {
      if (negatedAt(folded, m.index)) continue;
      const object = m[1] ?? '';
      if (object.includes('营业执照')) addFound(found, text, folded, PenaltyKind.RevokeLicence, m.index, m[0].length);
      if (PERMIT_WORDS.test(object.replace(/营业执照/g, ''))) addFound(found, text, folded, PenaltyKind.RevokePermit, m.index, m[0].length);
    }
  }
  if (WORDS.has(words, CONFISCATE_WORD)) {
    CONFISCATE_RE.lastIndex = 0;
    for (let m = CONFISCATE_RE.exec(folded); m !== null; m = CONFISCATE_RE.exec(folded)) {
      if (negatedAt(folded, m.index)) continue;
      let object = m[1] ?? '';
      if (GAINS_RE.test(object)) addFound(found, text, folded, PenaltyKind.ConfiscateGains, m.index, m[0].length);
      if (has(found, PenaltyKind.ConfiscateProperty)) continue; // the amounts below would change nothing
      for (const money of findMoney(object)) object = object.replace(money.text, '');
      if (PROPERTY_WORDS.test(object.replace(/违法所得/g, ''))) {
        addFound(found, text, folded, PenaltyKind.ConfiscateProperty, m.index, m[0].length);
      }
    }
  }
  if (found.length > 1) found.sort((a, b) => a.index - b.index);
  const noPenalty = found.length === 0 && NO_PENALTY_RE.test(folded);
  return { penalties: found.map(({ kind, text: t }) => ({ kind, text: t })), noPenalty };
}

function has(found: Found, kind: PenaltyKind): boolean {
  return found.some((p) => p.kind === kind);
}

const isFineSegment = (s: string): boolean => !s.includes('罚没款') && !s.includes('没收') && !NOT_A_FINE.test(s);
const isGainsSegment = (s: string): boolean => /没收[^，,。；;]*违法所得/.test(s);

/** The fine in a penalty text: the first amount in a segment that imposes a fine (`并处罚款5万元`). */
export function fineInText(text: string): Money | null {
  return fineInFolded(text, foldWidth(text));
}

/** fineInText of a text whose foldWidth the caller already has. */
export function fineInFolded(text: string, folded: string): Money | null {
  return amountInSegments(text, folded, '罚款', isFineSegment);
}

/** Confiscated illegal gains in a penalty text (`没收违法所得5000元`). */
export function confiscationInText(text: string): Money | null {
  return confiscationInFolded(text, foldWidth(text));
}

/** confiscationInText of a text whose foldWidth the caller already has. */
export function confiscationInFolded(text: string, folded: string): Money | null {
  return folded.includes('违法所得') ? amountInSegments(text, folded, '没收', isGainsSegment) : null;
}

// Penalty texts list one sanction per segment (`没收违法所得5000元，并处罚款5万元`): a segment is a maximal run
// of characters outside SEGMENT_BREAK, none of which starts a SEGMENT_STOP word. 罚款 and 没收 never straddle
// a segment's end, so the segments that matter are found from those words.
const SEGMENT_BREAK = new Set([...'，,。；;：:\n、及和并'].map((c) => c.charCodeAt(0)));
const SEGMENT_STOP = ['并处', '并且', '同时', '以及'];
const SEGMENT_STOP_FIRST = new Set(SEGMENT_STOP.map((w) => w.charCodeAt(0)));

function inSegment(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (SEGMENT_BREAK.has(c)) return false;
  return !(SEGMENT_STOP_FIRST.has(c) && SEGMENT_STOP.some((w) => text.startsWith(w, i)));
}

/**
 * The first amount in a segment (in text order) that holds `keyword` and passes `pick`, unless the segment's
 * first 罚款/没收 is negated.
 */
function amountInSegments(text: string, folded: string, keyword: string, pick: (segment: string) => boolean): Money | null {
  for (let k = folded.indexOf(keyword); k >= 0; ) {
    let start = k;
    while (start > 0 && inSegment(folded, start - 1)) start--;
    let end = k + keyword.length;
    while (end < folded.length && inSegment(folded, end)) end++;
    const segment = folded.slice(start, end);
    if (pick(segment) && !negatedAt(folded, start + firstSanction(segment))) {
      const money = findMoney(text.slice(start, end))[0];
      if (money) return { ...money, index: money.index + start };
    }
    k = folded.indexOf(keyword, end);
  }
  return null;
}

/** Position of the first 罚款 or 没收 in a segment (one of them is there). */
function firstSanction(segment: string): number {
  const fine = segment.indexOf('罚款');
  const seize = segment.indexOf('没收');
  return fine < 0 ? seize : seize < 0 ? fine : Math.min(fine, seize);
}

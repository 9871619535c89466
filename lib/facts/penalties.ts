import { findMoney, foldWidth, LiteralIndex, moneyAt, parseChineseInteger, type Money } from '../text';
import { CONFISCATE_WORD, PENALTY_WORDS, REVOKE_WORDS, SIMPLE } from './penalties.prebuilt';
import { PenaltyKind, type FineBase, type Penalty } from './schema';

/**
 * A match preceded by one of these does not count: `不予罚款`, `免予处罚`, `不予吊销`, `未…`.
 * Checked on the few characters before the match.
 */
const NEGATION_BEFORE =
  /(?:未发现|未见|没有发现|查无|不予以?|免予|免于|免除|不宜|不适用|不存在|不属于|不具有|不具备|不符合|不再|无需|无|未|没有|不|非)$/;
const LOOKBEHIND = 4;
// The last character of every negation word above: one lookup rejects almost every position.
const NEGATION_LAST = new Set('现见无予以于除宜用在有备合再需未不非');

// A penalty the text only says may be imposed (`可以吊销营业执照`, quoting the statute) is not imposed.
const MAY_BEFORE = /(?:可以|并可|可)(?:依法)?(?:并处|处以|处|给予|予以)?$/;

/** True when the match at `index` is preceded by 可以 / 并可: a possibility the statute gives, not a penalty. */
function permittedOnlyAt(text: string, index: number): boolean {
  return index > 0 && MAY_BEFORE.test(text.slice(Math.max(0, index - 8), index));
}

export function negatedAt(text: string, index: number): boolean {
  if (index === 0 || !NEGATION_LAST.has(text[index - 1]!)) return false;
  return NEGATION_BEFORE.test(text.slice(Math.max(0, index - LOOKBEHIND), index));
}

// The penalty patterns with the words they need, computed at build (penalties.prebuilt.ts): one pass over the text
// finds all the words, and only the patterns whose words it holds are run.
const WORDS = LiteralIndex.fromTable(PENALTY_WORDS);

// 加处罚款 is a late-payment surcharge (执行罚), not a fine; boilerplate on payment mentions 罚款 too.
const NOT_A_FINE = /加处罚款|缴纳罚款|罚款数额|罚款缴|罚款票据|罚款收据|代收罚款/;
// 吊销 (always a revocation) and 撤销 / 取消 (a revocation when a permit or qualification is its object, as
// real listings word it: 撤销气瓶充装资格, 取消检验资格).
const REVOKE_RE = /(吊销|撤销|取消)([^，,。；;]{0,40})/g;
const PERMIT_WORDS = /许可|证|资质|资格|执业|注册/;
const ANNULLED_PERMIT_WORDS = /许可|资格|资质|证书|认定/;
const CONFISCATE_RE = /没收([^，,。；;]{0,60})/g;
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

const COMMA = ','.charCodeAt(0);
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** A comma between digits (`50,000元`, width-folded `５０，０００元`) groups thousands: it ends nothing. */
function thousandsComma(text: string, i: number): boolean {
  return text.charCodeAt(i) === COMMA && isDigitCode(text.charCodeAt(i - 1)) && isDigitCode(text.charCodeAt(i + 1));
}

function endsClause(text: string, i: number): boolean {
  return CLAUSE_END.has(text.charCodeAt(i)) && !thousandsComma(text, i);
}

function clauseBounds(text: string, index: number): [number, number] {
  let start = index;
  while (start > 0 && !endsClause(text, start - 1)) start--;
  let end = index;
  while (end < text.length && !endsClause(text, end)) end++;
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

// Markers of enumerated penalties: `一、` `（二）` `3、` `4.`; a marker counts only as part of a run 1, 2, 3…
const ITEM_MARKERS: readonly RegExp[] = [
  /(?<![第0-9一二三四五六七八九十百千万])([一二三四五六七八九十]{1,3})、/g,
  /\(([一二三四五六七八九十]{1,3})\)/g,
  /(?<![第0-9.])([1-9][0-9]?)[、.](?![0-9])/g,
];
const ITEM_BREAK = '；';

/**
 * `一、没收违法所得二、罚款5万元三、吊销…`: the markers of an enumeration (a run 一、二、三、… in order) replaced by
 * clause breaks of the same length, so that each item is a clause of its own. Positions are kept.
 */
export function breakEnumeration(folded: string): string {
  // The same penalty text is broken for its penalties, its fine and its confiscation in turn: remember the last.
  if (folded === lastBroken.text) return lastBroken.broken;
  const broken = breakEnumerationOnce(folded);
  lastBroken = { text: folded, broken };
  return broken;
}

let lastBroken = { text: '', broken: '' };
// Every marker ends with one of these.
const MARKER_ENDS = /[、).]/;

function breakEnumerationOnce(folded: string): string {
  if (!MARKER_ENDS.test(folded)) return folded;
  let out = folded;
  for (const re of ITEM_MARKERS) {
    if (!re.test(out)) continue;
    re.lastIndex = 0;
    const run: Array<{ index: number; length: number }> = [];
    let expected = 1;
    for (let m = re.exec(out); m !== null; m = re.exec(out)) {
      if (parseChineseInteger(m[1]!) !== expected) continue;
      run.push({ index: m.index, length: m[0].length });
      expected++;
    }
    re.lastIndex = 0;
    if (run.length < 2) continue;
    let next = '';
    let last = 0;
    for (const r of run) {
      next += out.slice(last, r.index) + ITEM_BREAK.repeat(r.length);
      last = r.index + r.length;
    }
    out = next + out.slice(last);
  }
  return out;
}

/**
 * Penalty kinds named in a penalty text, each with the words that evidence it:
 * `没收违法所得5000元，并处罚款5万元，吊销食品经营许可证` → ConfiscateGains, Fine, RevokePermit.
 * Negated mentions (`不予吊销`) and the late-payment boilerplate (`每日按罚款数额的3%加处罚款`) do not count.
 * `widthFolded` is foldWidth(text), when the caller has it.
 */
export function parsePenalties(text: string, widthFolded = foldWidth(text)): PenaltyParse {
  const folded = breakEnumeration(widthFolded);
  const found: Found = [];
  const words = WORDS.scan(folded);
  for (const { kind, re, literals } of SIMPLE) {
    if (!WORDS.mayMatch(words, literals)) continue;
    // Only the first counted mention of a kind is kept.
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      if (negatedAt(folded, m.index) || permittedOnlyAt(folded, m.index)) continue;
      if (kind === PenaltyKind.Fine && NOT_A_FINE.test(clauseOf(folded, m.index))) continue;
      addFound(found, text, folded, kind, m.index, m[0].length);
      break;
    }
  }
  if (REVOKE_WORDS.some((id) => WORDS.has(words, id))) {
    REVOKE_RE.lastIndex = 0;
    for (let m = REVOKE_RE.exec(folded); m !== null; m = REVOKE_RE.exec(folded)) {
      if (negatedAt(folded, m.index) || permittedOnlyAt(folded, m.index)) continue;
      const object = m[2] ?? '';
      if (m[1] !== '吊销') {
        if (ANNULLED_PERMIT_WORDS.test(object)) addFound(found, text, folded, PenaltyKind.RevokePermit, m.index, m[0].length);
        continue;
      }
      if (object.includes('营业执照')) addFound(found, text, folded, PenaltyKind.RevokeLicence, m.index, m[0].length);
      if (PERMIT_WORDS.test(without(object, '营业执照'))) addFound(found, text, folded, PenaltyKind.RevokePermit, m.index, m[0].length);
    }
  }
  if (WORDS.has(words, CONFISCATE_WORD)) {
    CONFISCATE_RE.lastIndex = 0;
    for (let m = CONFISCATE_RE.exec(folded); m !== null; m = CONFISCATE_RE.exec(folded)) {
      if (negatedAt(folded, m.index)) continue;
      let object = m[1] ?? '';
      if (object.includes('违法所得')) addFound(found, text, folded, PenaltyKind.ConfiscateGains, m.index, m[0].length);
      if (has(found, PenaltyKind.ConfiscateProperty)) continue; // the amounts below would change nothing
      for (const money of findMoney(object)) object = object.replace(money.text, '');
      if (PROPERTY_WORDS.test(without(object, '违法所得'))) {
        addFound(found, text, folded, PenaltyKind.ConfiscateProperty, m.index, m[0].length);
      }
    }
  }
  if (found.length > 1) found.sort((a, b) => a.index - b.index);
  const noPenalty = found.length === 0 && NO_PENALTY_RE.test(folded);
  return { penalties: found.map(({ kind, text: t }) => ({ kind, text: t })), noPenalty };
}

/** `text` without any `word`. */
function without(text: string, word: string): string {
  return text.includes(word) ? text.replaceAll(word, '') : text;
}

function has(found: Found, kind: PenaltyKind): boolean {
  return found.some((p) => p.kind === kind);
}

const isFineSegment = (s: string): boolean => !s.includes('罚没款') && !s.includes('没收') && !NOT_A_FINE.test(s);
const GAINS_SEGMENT = /没收[^，,。；;]*违法所得/;
const isGainsSegment = (s: string): boolean => GAINS_SEGMENT.test(s);
const isForfeitSegment = (s: string): boolean => !NOT_A_FINE.test(s);

/**
 * The fine in a penalty text: the first amount in a segment that imposes a fine (`并处罚款5万元`). `widthFolded`
 * is foldWidth(text), when the caller has it.
 */
export function fineInText(text: string, widthFolded = foldWidth(text)): Money | null {
  const folded = breakEnumeration(widthFolded);
  // A fine of its own first; else the amount of 罚没 / 罚没款 (fines and confiscations together, as real
  // decisions often state them: `罚没140余万元`).
  return amountInSegments(text, folded, '罚款', isFineSegment) ?? amountInSegments(text, folded, '罚没', isForfeitSegment);
}

/** Confiscated illegal gains in a penalty text (`没收违法所得5000元`); `folded` is foldWidth(text) when known. */
export function confiscationInText(text: string, folded = foldWidth(text)): Money | null {
  return folded.includes('违法所得') ? amountInSegments(text, breakEnumeration(folded), '没收', isGainsSegment) : null;
}

// Penalty texts list one sanction per segment (`没收违法所得5000元，并处罚款5万元`): a segment is a maximal run
// of characters outside SEGMENT_BREAK, none of which starts a SEGMENT_STOP word. 罚款 and 没收 never straddle
// a segment's end, so the segments that matter are found from those words.
const SEGMENT_BREAK = new Set([...'，,。；;：:\n、及和并'].map((c) => c.charCodeAt(0)));
const SEGMENT_STOP = ['并处', '并且', '同时', '以及'];
const SEGMENT_STOP_FIRST = new Set(SEGMENT_STOP.map((w) => w.charCodeAt(0)));

function inSegment(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (SEGMENT_BREAK.has(c)) return thousandsComma(text, i);
  return !(SEGMENT_STOP_FIRST.has(c) && SEGMENT_STOP.some((w) => text.startsWith(w, i)));
}

/**
 * The first amount in a segment (in text order) that holds `keyword` and passes `pick`, unless the segment's
 * first 罚款/没收 is negated.
 */
function amountInSegments(text: string, folded: string, keyword: string, pick: (segment: string) => boolean): Money | null {
  for (let k = folded.indexOf(keyword); k >= 0;) {
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

// The words that name each base of a statutory fine, and the connectives allowed between them and the amount.
// Each with the word every match contains, so that a text without it is not searched.
const BASE_WORDS: ReadonlyArray<[FineBase, string, RegExp]> = [
  // 货值金额3200元, 货值共计1.2万元, 涉案产品货值金额为人民币…
  ['goods-value', '货值', /货值(?:金额)?/g],
  // 违法所得1500元 (never 没收违法所得: that is the penalty, read as the confiscation)
  ['illegal-gains', '违法所得', /(?<!没收)违法所得/g],
  // 广告费用8000元, 广告费3000元
  ['ad-cost', '广告费', /广告费用?/g],
  // 违法经营额5万元
  ['turnover', '违法经营额', /违法经营额/g],
];
const BASE_LINK = /^\s*(?:金额|总额|总计|合计|共计|累计|计|达|约|为|是|人民币|:|：)*\s*/;
// Bases stated as nil: `没有违法所得`, `违法所得无法确定` (then the fine is the one for no illegal gains,
// 价格违法行为行政处罚规定 Art. 18); `广告费用无法计算` (then the Advertising Law's fixed amounts apply).
const NIL_BASES: ReadonlyArray<[FineBase, string, RegExp]> = [
  ['illegal-gains', '违法所得', /(?:没有|无|未产生|未获得|未发现)违法所得|违法所得(?:无法|难以|不能)(?:确定|计算|认定)/],
  ['ad-cost', '广告费', /广告费用?(?:无法|难以|不能)(?:确定|计算)/],
];

/**
 * The amounts a statutory fine range is computed from, as the texts state them: `货值金额3200元` (goods-value),
 * `违法所得1500元`, `广告费用8000元`, `违法经营额5万元`. The first stated amount of each counts; a base stated as nil
 * (`没有违法所得`, `广告费用无法计算`) is 0. `folded` is foldWidth(text), when the caller has it.
 */
export function fineBasesIn(text: string, folded = foldWidth(text)): Partial<Record<FineBase, Money>> {
  const out: Partial<Record<FineBase, Money>> = {};
  for (const [base, word, re] of BASE_WORDS) {
    if (!folded.includes(word)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      if (negatedAt(folded, m.index)) continue;
      const after = m.index + m[0].length;
      const link = BASE_LINK.exec(folded.slice(after, after + 12));
      const at = after + (link ? link[0].length : 0);
      const money = moneyAt(text.slice(at, at + 30), folded.slice(at, at + 30));
      if (money) {
        out[base] = { ...money, index: at };
        break;
      }
    }
  }
  for (const [base, word, re] of NIL_BASES) {
    const nil = out[base] === undefined && folded.includes(word) ? re.exec(folded) : null;
    if (nil) out[base] = { yuan: 0, approximate: false, text: text.slice(nil.index, nil.index + nil[0].length), index: nil.index };
  }
  return out;
}

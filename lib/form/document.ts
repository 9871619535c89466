// A decision rendered as a document (a preview, a Word/WPS export, a printed view): its structure read as
// fields. The 文号 standing alone under the title, the 依据《…》…的规定，本局决定：一、…二、… sentence (basis and
// penalty), the reasoning before it (with 从重/从轻/减轻 wording), the authority and the date above the seal.
import { findDates, foldWidth, looksLikeDecisionNo, normalizeSpace, removeSpace } from '../text';
import { parentOf } from './native';

/** A block of running text: a paragraph, a line of a preview. */
export interface DocumentBlock {
  el: Element;
  text: string;
}

/** A field of the document: its logical key (a string: lib/form precedes lib/facts) and how to read it. */
export interface DocumentField {
  key: string;
  /** a short Chinese name of what was read, for the snapshot's label */
  label: string;
  /** the blocks it is read from, the first standing for it */
  els: Element[];
  read: () => string;
}

/** `依据《…》…的规定，（本局）决定（如下）：` — the basis, then what was decided. */
const DECISION =
  /(依据|根据|依照|按照)([^。]{2,400}?)(?:之|的)?规定[，,]([^。：:]{0,60}?)(决定|作出如下(?:行政)?处罚|给予如下(?:行政)?处罚)([^。：:]{0,120}?)([：:]|。|$)/;
/** An item of an enumeration: 一、 （一） 1. 1、 （1） ① */
const ENUMERATED = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．)）]|[①-⑳])/;
/** Boilerplate after the penalty: payment, remedies. */
const AFTER_PENALTY = /^\s*(?:当事人应|当事人如|当事人须|如不服|逾期|到期|限你|请你|请于|本决定书|罚没款)/;
const AUTHORITY = /(?:局|委员会|厅|办公室|政府|中心|所|队|分局|监管局)$/;
/** Discretion wording in the reasoning: 从重处罚, 从轻处罚, 减轻处罚, 从重情形 … */
const DISCRETION = /(?:从重|从轻|减轻)(?:处罚|行政处罚|情节|情形|裁量|处理)?/g;
const NEGATION = /(?:不予|不|未|无|没有|不具有|不存在|不属于|不适用)$/;

function squash(s: string): string {
  return removeSpace(foldWidth(s));
}

/** The whole block is a decision number: `苏吴市监处罚〔2024〕312号`. */
function isDecisionNoLine(text: string): boolean {
  const t = squash(text);
  return t.length <= 40 && /号$/.test(t) && !/[：:，,。；;]/.test(t) && looksLikeDecisionNo(t);
}

/** The whole block is a date: `二〇二四年六月十八日`, `2024年6月18日`. */
function isDateLine(text: string): boolean {
  const t = squash(text);
  if (t.length > 20) return false;
  const dates = findDates(t);
  return dates.length === 1 && dates[0]!.index === 0 && /[日号]$|\d$/.test(t) && !/[，,。；;：:]/.test(t);
}

function isAuthorityLine(text: string): boolean {
  const t = squash(text);
  return t.length >= 4 && t.length <= 40 && AUTHORITY.test(t) && !/[：:，,。；;、《》]/.test(t);
}

/**
 * A block ending in a date alone: the date, and what comes before it on the same block (the authority's name
 * over the date, joined by a line break).
 */
function dateTail(text: string): { date: string; before: string } | null {
  const t = normalizeSpace(text);
  if (isDateLine(t)) return { date: t, before: '' };
  const cut = t.lastIndexOf(' ');
  if (cut < 0 || !isDateLine(t.slice(cut + 1))) return null;
  return { date: t.slice(cut + 1), before: t.slice(0, cut) };
}

/** Of several blocks, the one sharing the deepest container with `el`; the last of equals. */
function closest(candidates: readonly DocumentBlock[], el: Element): DocumentBlock | undefined {
  let best: DocumentBlock | undefined;
  let bestDepth = -1;
  for (const c of candidates) {
    const depth = sharedDepth(c.el, el);
    if (depth >= bestDepth) {
      best = c;
      bestDepth = depth;
    }
  }
  return best;
}

function sharedDepth(a: Element, b: Element): number {
  const chain = new Set<Element>();
  for (let p = parentOf(a); p; p = parentOf(p)) chain.add(p);
  let depth = 0;
  let common: Element | null = null;
  for (let p = parentOf(b); p; p = parentOf(p)) {
    if (chain.has(p)) {
      common = p;
      break;
    }
  }
  for (let p = common; p; p = parentOf(p)) depth++;
  return depth;
}

/** A header line of the document: `当事人：…`, short label then a colon. */
function isLabelLine(text: string): boolean {
  return /^[^：:，,。；;]{1,20}[：:]/.test(text.trim());
}

/** The clause around `index`: between sentence or clause marks. */
function clauseAt(text: string, index: number): string {
  let start = index;
  while (start > 0 && !/[，,。；;：:]/.test(text[start - 1]!)) start--;
  let end = index;
  while (end < text.length && !/[，,。；;]/.test(text[end]!)) end++;
  return text.slice(start, end).trim();
}

/** The last clause of the reasoning stating a discretion level, not negated (`本局对当事人从重处罚`). */
function discretionClause(text: string): string {
  let found = '';
  DISCRETION.lastIndex = 0;
  for (let m = DISCRETION.exec(text); m !== null; m = DISCRETION.exec(text)) {
    if (NEGATION.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    found = clauseAt(text, m.index);
  }
  return found;
}

/** What the decision sentence itself says was decided: after its colon (boilerplate cut off), or the sentence. */
function decidedText(text: string): string {
  const m = DECISION.exec(text);
  if (!m) return '';
  if (m[6] === '。') return `${m[4]}${m[5]}`;
  if (m[6] === '') return '';
  const kept: string[] = [];
  for (const sentence of text.slice(m.index + m[0].length).split(/(?<=。)/)) {
    if (AFTER_PENALTY.test(sentence)) break;
    kept.push(sentence);
  }
  return kept.join('').trim();
}

/** The block a rendered decision is found by: without one, a page holds no document. */
export function isDecisionBlock(text: string): boolean {
  return text.includes('规定') && DECISION.test(text);
}

/**
 * The fields of a rendered decision among the page's blocks of text (document order), or none when no block
 * holds the decision sentence (依据…的规定，…决定…). Values are read afresh from the blocks each time.
 */
export function readDocument(blocks: readonly DocumentBlock[], textOf: (el: Element) => string): DocumentField[] {
  const at = blocks.findIndex((b) => isDecisionBlock(b.text));
  if (at < 0) return [];
  const decision = blocks[at]!;
  const out: DocumentField[] = [];
  const live = (el: Element): string => normalizeSpace(textOf(el));

  const basis = (): string => {
    const text = live(decision.el);
    const m = DECISION.exec(text);
    if (!m) return '';
    const from = m.index + m[1]!.length + m[2]!.length;
    return text.slice(m.index, text.indexOf('规定', from) + 2);
  };
  out.push({ key: 'legalBasis', label: '处罚依据', els: [decision.el], read: basis });

  // the penalty: what follows the colon, then the enumerated items after it; or the sentence itself
  const opens = (x: RegExpExecArray): boolean => x[6] !== '。';
  const m = DECISION.exec(decision.text)!;
  const items: Element[] = [];
  if (opens(m)) {
    const inline = decidedText(decision.text) !== '';
    for (let i = at + 1; i < blocks.length; i++) {
      const t = blocks[i]!.text;
      if (AFTER_PENALTY.test(t)) break;
      if (ENUMERATED.test(t) || (items.length === 0 && !inline)) items.push(blocks[i]!.el);
      else break;
    }
  }
  const penalty = (): string => [decidedText(live(decision.el)), ...items.map(live)].filter(Boolean).join('');
  out.push({ key: 'penalty', label: '处罚决定', els: [decision.el, ...items], read: penalty });

  // the 文号 standing alone above the decision (under the title): of several, the one sharing most of the
  // decision's containers (a case's timeline may show the number too)
  const no = closest(
    blocks.slice(0, at).filter((b) => isDecisionNoLine(b.text)),
    decision.el,
  );
  if (no) out.push({ key: 'decisionNo', label: '文号', els: [no.el], read: () => live(no.el) });

  // the reasoning: running text between the header lines and the decision
  const first = no ? blocks.indexOf(no) + 1 : 0;
  const body = blocks.slice(first, at).filter((b) => b.text.length >= 15 && !isLabelLine(b.text) && /[，,。]/.test(b.text));
  if (body.length > 0) {
    out.push({ key: 'violation', label: '违法事实及理由', els: body.map((b) => b.el), read: () => body.map((b) => live(b.el)).join('\n') });
    const stated = body.filter((b) => discretionClause(b.text) !== '');
    const last = stated.at(-1);
    if (last) out.push({ key: 'aggravation', label: '裁量', els: [last.el], read: () => discretionClause(live(last.el)) });
  }

  // the date above the seal, and the authority's name right above it (or before it on the same line)
  let dateAt = -1;
  for (let i = blocks.length - 1; i > at; i--) {
    if (dateTail(blocks[i]!.text) !== null) {
      dateAt = i;
      break;
    }
  }
  if (dateAt > 0) {
    const sign = blocks[dateAt]!;
    const tail = dateTail(sign.text)!;
    out.push({ key: 'decisionDate', label: '决定日期', els: [sign.el], read: () => dateTail(live(sign.el))?.date ?? '' });
    if (tail.before !== '' && isAuthorityLine(tail.before)) {
      out.push({ key: 'authority', label: '作出决定的机关', els: [sign.el], read: () => dateTail(live(sign.el))?.before ?? '' });
    } else {
      const above = blocks[dateAt - 1];
      if (tail.before === '' && above && dateAt - 1 > at && isAuthorityLine(above.text)) {
        out.push({ key: 'authority', label: '作出决定的机关', els: [above.el], read: () => live(above.el) });
      }
    }
  }
  return out;
}

import { foldWidth, parseChineseInteger } from '../text';
import { canonicalLawName, KNOWN_LAW_NAMES } from './lexicon';
import type { LegalCitation } from './schema';

const N = '[0-9一二三四五六七八九十百千零〇两]+';
const SEP = '[、,和及与或至]';

/**
 * The tokens of a citation, in the order they are tried at a position (as the alternatives of one regex would
 * be): a law in 《》, a known law name written bare, an article, a paragraph, an item, a bracketed item.
 * Every token starts with a known character, so only positions holding one are tried; the bare names go
 * through a trie rather than a hundred-way alternation.
 */
const BRACKET_RE = /《([^《》]{2,80})》/y;
const ART_RE = new RegExp(`第\\s*(${N}(?:\\s*${SEP}\\s*第?\\s*${N})*)\\s*条(?:之${N})?`, 'y');
const PARA_RE = new RegExp(`第\\s*(${N}(?:\\s*${SEP}\\s*第?\\s*${N})*)\\s*款`, 'y');
const ITEM_RE = new RegExp(`第\\s*(\\(?${N}\\)?(?:\\s*${SEP}\\s*第?\\s*\\(?${N}\\)?)*)\\s*项`, 'y');
const PITEM_RE = new RegExp(`(\\(${N}\\)(?:\\s*${SEP}\\s*\\(${N}\\))*)\\s*项`, 'y');
const BRACKET_OPEN = '《'.charCodeAt(0);
const ORDINAL = '第'.charCodeAt(0);
const PAREN_OPEN = '('.charCodeAt(0);

/** Known law names by character code (code units, as the text is read). */
interface TrieNode {
  next: Map<number, TrieNode>;
  /** a whole name ends here */
  end: boolean;
}
const NAMES: TrieNode = { next: new Map(), end: false };
for (const name of KNOWN_LAW_NAMES) {
  let node = NAMES;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    let child = node.next.get(c);
    if (!child) node.next.set(c, (child = { next: new Map(), end: false }));
    node = child;
  }
  node.end = true;
}

// One bit per UTF-16 code unit that can start a token: most positions are passed over after one lookup.
const TOKEN_START = new Int32Array(0x10000 / 32);
// Law names start with common characters (中, 食, 产…): their first two characters (hashed into a bit set)
// rule out most of those positions before the trie is walked. A one-character name would be a position of
// its own.
const NAME_STARTS = new Int32Array(0x10000 / 32);
const ONE_CHARACTER_NAMES = new Set<number>();
for (const c of [BRACKET_OPEN, ORDINAL, PAREN_OPEN]) setBit(TOKEN_START, c);
for (const name of KNOWN_LAW_NAMES) {
  setBit(TOKEN_START, name.charCodeAt(0));
  if (name.length === 1) ONE_CHARACTER_NAMES.add(name.charCodeAt(0));
  else setBit(NAME_STARTS, pairHash(name.charCodeAt(0), name.charCodeAt(1)));
}

function setBit(bits: Int32Array, n: number): void {
  bits[n >> 5]! |= 1 << (n & 31);
}

function hasBit(bits: Int32Array, n: number): boolean {
  return (bits[n >> 5]! & (1 << (n & 31))) !== 0;
}

function pairHash(c0: number, c1: number): number {
  return (c0 * 31 + c1) & 0xffff;
}

/** Whether a token may start at `i` (false only when none does). */
function mayStartToken(text: string, i: number, c: number): boolean {
  if (!hasBit(TOKEN_START, c)) return false;
  if (c === BRACKET_OPEN || c === ORDINAL || c === PAREN_OPEN || ONE_CHARACTER_NAMES.has(c)) return true;
  return hasBit(NAME_STARTS, pairHash(c, text.charCodeAt(i + 1)));
}

/** End of the longest known law name at `i`, or -1 (the longest-first alternation's choice). */
function lawNameEnd(text: string, i: number): number {
  let node: TrieNode | undefined = NAMES;
  let end = -1;
  for (let j = i; j < text.length; j++) {
    node = node.next.get(text.charCodeAt(j));
    if (node === undefined) break;
    if (node.end) end = j + 1;
  }
  return end;
}

type TokenKind = 'bracket' | 'bare' | 'art' | 'para' | 'item' | 'pitem';
interface Token {
  kind: TokenKind;
  index: number;
  end: number;
  /** the law name, or the list of numbers */
  value: string;
}

function sticky(re: RegExp, kind: TokenKind, text: string, i: number): Token | null {
  re.lastIndex = i;
  const m = re.exec(text);
  return m ? { kind, index: i, end: re.lastIndex, value: m[1]! } : null;
}

function tokenAt(text: string, i: number, c: number): Token | null {
  if (c === BRACKET_OPEN) {
    const t = sticky(BRACKET_RE, 'bracket', text, i);
    if (t) return t;
  }
  const end = lawNameEnd(text, i);
  if (end > 0) return { kind: 'bare', index: i, end, value: text.slice(i, end) };
  if (c === ORDINAL) return sticky(ART_RE, 'art', text, i) ?? sticky(PARA_RE, 'para', text, i) ?? sticky(ITEM_RE, 'item', text, i);
  return c === PAREN_OPEN ? sticky(PITEM_RE, 'pitem', text, i) : null;
}

/** Tokens in order of appearance, none overlapping: what a global regex of all alternatives would find. */
function tokens(folded: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < folded.length;) {
    const c = folded.charCodeAt(i);
    const t = mayStartToken(folded, i, c) ? tokenAt(folded, i, c) : null;
    if (t) out.push(t);
    i = t ? t.end : i + 1;
  }
  return out;
}

const NUMBER_RE = new RegExp(N, 'g');
// What a bracketed title must look like to be taken as a law (not a licence such as 《食品经营许可证》).
const LAW_TITLE = /(?:法|条例|规定|办法|细则|决定|规则|规范|解释)(?:[(（][^()（）]*[)）])?$/;
// Paragraph and item tokens attach to the article just before them only across this much text.
const MAX_ATTACH_GAP = 2;
// A law name stays the context of a following article across this much text for display.
const MAX_LAW_GAP = 4;

// The same article numbers are cited in case after case: read each list once (bounded, as input is not).
const NUMBER_LISTS = new Map<string, readonly number[]>();
const MAX_NUMBER_LISTS = 2000;

/** The positive numbers in an article, paragraph or item list (`一百二十二、一百二十四`). */
function numbers(list: string): readonly number[] {
  let out = NUMBER_LISTS.get(list);
  if (out === undefined) {
    const values: number[] = [];
    for (const m of list.matchAll(NUMBER_RE)) {
      const n = parseChineseInteger(m[0]);
      if (n !== null && n > 0) values.push(n);
    }
    if (NUMBER_LISTS.size >= MAX_NUMBER_LISTS) NUMBER_LISTS.clear();
    NUMBER_LISTS.set(list, values);
    out = values;
  }
  return out;
}

interface Draft {
  citation: LegalCitation;
  start: number;
}

/** Sets the display text of the citations made by one article token and the tokens extending it. */
function finishGroup(group: readonly Draft[], text: string, groupEnd: number): void {
  for (const d of group) d.citation.text = text.slice(d.start, groupEnd).trim();
}

/**
 * Legal-basis citations in `text`, in order: `《中华人民共和国食品安全法》第一百二十二条第一款`,
 * `《食品安全法》第122条`, `第三十四条第（四）项`, lists (`第一百二十二条、第一百二十四条`), several laws in one
 * field, and articles written after an earlier law name (`…依据该法第…条`). Articles before any law name are
 * skipped: their law is unknown. `folded` is foldWidth(text), when the caller has it.
 */
export function parseCitations(text: string, folded = foldWidth(text)): LegalCitation[] {
  // Every citation comes from an article (第…条): a text without 第 has none.
  if (!folded.includes('第')) return [];
  const out: LegalCitation[] = [];
  let law: { name: string; written: string; end: number; start: number } | null = null;
  let group: Draft[] = []; // citations made by the last article token, extended by paragraphs and items
  let groupEnd = -1;

  for (const t of tokens(folded)) {
    const { index, end } = t;
    if (t.kind === 'bracket' || t.kind === 'bare') {
      if (t.kind === 'bracket' && !LAW_TITLE.test(t.value.trim())) continue;
      finishGroup(group, text, groupEnd);
      group = [];
      law = { name: canonicalLawName(t.value), written: t.value.replace(/\s/g, ''), start: index, end };
      continue;
    }
    if (t.kind === 'art') {
      finishGroup(group, text, groupEnd);
      group = [];
      if (law === null) continue;
      const start = index - law.end <= MAX_LAW_GAP ? law.start : index;
      for (const article of numbers(t.value)) {
        const citation: LegalCitation = { law: law.name, article, text: '' };
        if (law.written !== law.name) citation.lawFull = law.written;
        out.push(citation);
        group.push({ citation, start });
      }
      groupEnd = end;
      continue;
    }
    const isParagraph = t.kind === 'para';
    const list = t.value;
    const base = group[group.length - 1];
    if (base === undefined || index - groupEnd > MAX_ATTACH_GAP) {
      finishGroup(group, text, groupEnd);
      group = [];
      continue;
    }
    const values = numbers(list);
    const target = base.citation;
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      const taken = isParagraph ? target.paragraph !== undefined || target.item !== undefined : target.item !== undefined;
      if (i === 0 && !taken) {
        if (isParagraph) target.paragraph = value;
        else target.item = value;
        continue;
      }
      const copy: LegalCitation = { ...target };
      if (isParagraph) {
        copy.paragraph = value;
        delete copy.item;
      } else copy.item = value;
      out.push(copy);
      group.push({ citation: copy, start: base.start });
    }
    groupEnd = end;
  }
  finishGroup(group, text, groupEnd);
  return out;
}

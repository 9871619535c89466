/**
 * Required literals of a regular expression: strings one of which every match contains. A text that contains
 * none of them cannot match, so a cheap `includes()` can skip running the regex at all (the bulk audit runs
 * about a hundred rule-pack patterns over every case). The reader is conservative: any construct it does not
 * know makes it answer null ("no guarantee"), which only costs speed, never a missed match.
 */

/** What a piece of a pattern matches: exactly one of `exact` (when finite and small), and always one of `need`. */
interface Info {
  exact: string[] | null;
  need: string[] | null;
}

// Bounds keep the analysis small; beyond them a piece simply gives a weaker (or no) guarantee.
const MAX_EXACT = 8;
const MAX_NEED = 16;

const ANY: Info = { exact: null, need: null };
const EMPTY: Info = { exact: [''], need: null };

class Unsupported extends Error {}

function exactInfo(exact: string[]): Info {
  const set = [...new Set(exact)];
  return { exact: set, need: set.includes('') ? null : minimal(set) };
}

/** Drops members that contain another member: containing the longer one implies containing the shorter. */
function minimal(set: readonly string[]): string[] {
  const sorted = [...new Set(set)].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const s of sorted) if (!out.some((o) => s.includes(o))) out.push(s);
  return out;
}

function cross(a: readonly string[], b: readonly string[]): string[] | null {
  if (a.length * b.length > MAX_EXACT) return null;
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return [...new Set(out)];
}

/**
 * How good a set of literals is as a filter, higher is better. `few`: each member costs an `includes()`, so
 * few members beat long ones; `long`: members are looked up together (LiteralIndex), so longer, rarer ones win.
 */
export type LiteralPreference = 'few' | 'long';
type Score = (set: readonly string[]) => number;

const SCORES: Record<LiteralPreference, Score> = {
  few: (set) => {
    const shortest = Math.min(...set.map((s) => s.length));
    return Math.min(shortest, 3) * 10 - set.length * 3 + Math.min(shortest, 8) / 10;
  },
  long: (set) => Math.min(...set.map((s) => s.length)) * 10 - set.length,
};

function better(a: string[] | null, b: string[] | null, score: Score): string[] | null {
  if (a === null) return b;
  if (b === null) return a;
  return score(b) > score(a) ? b : a;
}

/** The best product of consecutive exact pieces (`从轻` of `从轻(?:或者?减轻)?处罚`, not all six spellings). */
function bestOfRun(pieces: readonly string[][], score: Score): string[] | null {
  let best: string[] | null = null;
  for (let a = 0; a < pieces.length; a++) {
    let product: string[] | null = [''];
    for (let b = a; b < pieces.length && product; b++) {
      product = cross(product, pieces[b]!);
      if (product && !product.includes('')) best = better(best, minimal(product), score);
    }
  }
  return best;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', v: '\v', f: '\f' };
const CLASS_ESCAPES = 'dDwWsS';

class Reader {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly score: Score,
  ) {}

  parse(): Info {
    const info = this.alternation();
    if (this.i < this.src.length) throw new Unsupported(); // an unmatched ')'
    return info;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alternation(): Info {
    const branches: Info[] = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    let exact: string[] | null = [];
    let need: string[] | null = [];
    for (const b of branches) {
      exact = exact && b.exact ? [...exact, ...b.exact] : null;
      need = need && b.need ? [...need, ...b.need] : null;
    }
    if (exact && new Set(exact).size <= MAX_EXACT) return exactInfo(exact);
    return { exact: null, need: need && need.length <= MAX_NEED ? minimal(need) : null };
  }

  private sequence(): Info {
    let run: string[][] = []; // the exact pieces since the last inexact one
    let whole: string[] | null = ['']; // product of every piece, while all are exact and few
    let best: string[] | null = null;
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      const piece = this.quantified(this.atom());
      best = better(best, piece.need, this.score);
      whole = whole && piece.exact ? cross(whole, piece.exact) : null;
      if (piece.exact) run.push(piece.exact);
      else {
        best = better(best, bestOfRun(run, this.score), this.score);
        run = [];
      }
    }
    best = better(best, bestOfRun(run, this.score), this.score);
    if (whole) return { exact: [...new Set(whole)], need: whole.includes('') ? null : better(minimal(whole), best, this.score) };
    return { exact: null, need: best };
  }

  private atom(): Info {
    const c = this.src[this.i++]!;
    switch (c) {
      case '^':
      case '$':
        return EMPTY;
      case '.':
        return ANY;
      case '*':
      case '+':
      case '?':
      case '{':
        throw new Unsupported(); // a quantifier without an atom, or a literal brace
      case '[':
        return this.charClass();
      case '(':
        return this.group();
      case '\\':
        return this.escape();
      default:
        return exactInfo([c]);
    }
  }

  private escape(): Info {
    const c = this.src[this.i++];
    if (c === undefined) throw new Unsupported();
    if (c === 'b' || c === 'B') return EMPTY;
    if (CLASS_ESCAPES.includes(c)) return ANY;
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) return exactInfo([simple]);
    const hex = c === 'u' ? 4 : c === 'x' ? 2 : 0;
    if (hex > 0) {
      const digits = this.src.slice(this.i, this.i + hex);
      if (!new RegExp(`^[0-9A-Fa-f]{${hex}}$`).test(digits)) throw new Unsupported();
      this.i += hex;
      return exactInfo([String.fromCharCode(parseInt(digits, 16))]);
    }
    if (/[0-9A-Za-z_]/.test(c)) throw new Unsupported(); // backreferences, \c, \k, \p and the like
    return exactInfo([c]);
  }

  /** `[日号]` is a small exact set; every other class matches "some character". */
  private charClass(): Info {
    const chars: string[] = [];
    let plain = this.peek() !== '^';
    for (;;) {
      const c = this.src[this.i++];
      if (c === undefined) throw new Unsupported();
      if (c === ']') break;
      if (c === '\\') {
        const e = this.src[this.i++];
        if (e === undefined) throw new Unsupported();
        if (/[0-9A-Za-z_]/.test(e)) plain = false;
        else chars.push(e);
      } else if (c === '-') plain = false;
      else chars.push(c);
    }
    return plain && chars.length > 0 && chars.length <= MAX_EXACT ? exactInfo(chars) : ANY;
  }

  private group(): Info {
    let lookaround = false;
    if (this.peek() === '?') {
      const head = this.src.slice(this.i, this.i + 3);
      if (head.startsWith('?:')) this.i += 2;
      else if (head.startsWith('?=') || head.startsWith('?!')) {
        this.i += 2;
        lookaround = true;
      } else if (head === '?<=' || head === '?<!') {
        this.i += 3;
        lookaround = true;
      } else if (/^\?<[A-Za-z_$]/.test(head)) {
        const close = this.src.indexOf('>', this.i);
        if (close < 0) throw new Unsupported();
        this.i = close + 1;
      } else throw new Unsupported(); // modifiers such as (?i:…)
    }
    const inner = this.alternation();
    if (this.src[this.i++] !== ')') throw new Unsupported();
    // A lookaround consumes nothing, so the match around it stays contiguous.
    return lookaround ? EMPTY : inner;
  }

  private quantified(atom: Info): Info {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '?' || c === '*' || c === '+') {
      this.i++;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Infinity;
    } else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Unsupported();
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else return atom;
    if (this.peek() === '?') this.i++; // lazy: the same strings
    if (min === 1 && max === 1) return atom;
    if (min === 0) return max === 1 && atom.exact ? exactInfo([...atom.exact, '']) : max === 0 ? EMPTY : ANY;
    // One or more repetitions contain the atom at least once.
    return { exact: null, need: atom.need };
  }
}

/**
 * Strings one of which occurs in every match of `source` (compiled with `flags`), or null when the pattern
 * gives no such guarantee or uses syntax this reader does not know. `prefer` weighs several candidates. Only flags that keep literals literal
 * are accepted (`g`, `y`, `m`, `s`, `d`); `i`, `u` and `v` give null.
 */
export function requiredLiterals(source: string, flags = '', prefer: LiteralPreference = 'few'): string[] | null {
  if (/[iuv]/.test(flags)) return null;
  try {
    const need = new Reader(source, SCORES[prefer]).parse().need;
    return need && need.length > 0 && !need.includes('') ? need : null;
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

/** False only when `text` cannot match: it contains none of the literals (null literals: always true). */
export function mayMatch(literals: readonly string[] | null, text: string): boolean {
  if (literals === null) return true;
  for (const l of literals) if (text.includes(l)) return true;
  return false;
}

const BUCKETS = 4096;

/** Which literals of a LiteralIndex a text contains: valid until the index scans another text. */
export interface LiteralsFound {
  readonly scan: number;
  /** the ids found */
  readonly ids: readonly number[];
}

/**
 * A LiteralIndex as plain data, as a prebuilt module (scripts/prebuilt.ts) exports it: `LiteralIndex.fromTable`
 * puts it back without reading a literal again. Only the non-empty buckets and bit-set words are listed.
 */
export interface LiteralTable {
  literals: string[];
  longest: number;
  /** pairs of (word index, bits) of the start bit set */
  starts: number[];
  singles: Array<[bucket: number, ids: number[]]>;
  pairs: Array<[bucket: number, ids: number[]]>;
}

/**
 * Literals looked up together (every pattern of a rule pack, say): one pass over a text tells which of them
 * it contains, however many there are.
 */
export class LiteralIndex {
  private readonly literals: string[] = [];
  // made when a literal is added, not when an index is read back from its table
  private ids: Map<string, number> | null = new Map();
  private longest = 0;
  // Literal ids by their first character, or their first two for longer ones (hashed): at each position only
  // the few literals that start like the text there are compared. Filled up front so the arrays stay dense.
  private readonly singles = new Array<number[] | null>(BUCKETS).fill(null);
  private readonly pairs = new Array<number[] | null>(BUCKETS).fill(null);
  // One bit per UTF-16 code unit that starts a literal: most positions are passed over after one lookup.
  private readonly starts = new Int32Array(0x10000 / 32);
  // marks[id] === scans when the last scanned text contains literal id: marking a number per scan costs far
  // less than allocating a fresh set for every text.
  private marks = new Int32Array(0);
  private scans = 0;

  /** The id of a non-empty literal, added if new. */
  add(literal: string): number {
    const ids = (this.ids ??= new Map(this.literals.map((l, k) => [l, k])));
    let id = ids.get(literal);
    if (id === undefined) {
      if (literal === '') throw new Error('LiteralIndex: empty literal');
      id = this.literals.length;
      this.literals.push(literal);
      ids.set(literal, id);
      this.longest = Math.max(this.longest, literal.length);
      const c0 = literal.charCodeAt(0);
      this.starts[c0 >> 5]! |= 1 << (c0 & 31);
      if (literal.length === 1) (this.singles[c0 & (BUCKETS - 1)] ??= []).push(id);
      else (this.pairs[pairHash(c0, literal.charCodeAt(1))] ??= []).push(id);
    }
    return id;
  }

  /** The index as data, for a prebuilt module to export. */
  toTable(): LiteralTable {
    const buckets = (lists: ReadonlyArray<number[] | null>): Array<[number, number[]]> =>
      lists.flatMap((ids, bucket) => (ids ? [[bucket, [...ids]] as [number, number[]]] : []));
    return {
      literals: [...this.literals],
      longest: this.longest,
      starts: [...this.starts].flatMap((bits, word) => (bits !== 0 ? [word, bits] : [])),
      singles: buckets(this.singles),
      pairs: buckets(this.pairs),
    };
  }

  /** The index a table was made from (`toTable`), with nothing recomputed. */
  static fromTable(table: LiteralTable): LiteralIndex {
    const index = new LiteralIndex();
    index.ids = null;
    index.literals.push(...table.literals);
    index.longest = table.longest;
    for (let k = 0; k < table.starts.length; k += 2) index.starts[table.starts[k]!] = table.starts[k + 1]!;
    for (const [bucket, ids] of table.singles) index.singles[bucket] = ids.slice();
    for (const [bucket, ids] of table.pairs) index.pairs[bucket] = ids.slice();
    return index;
  }

  /** Whether some literal of the index satisfies `test`. */
  some(test: (literal: string) => boolean): boolean {
    return this.literals.some(test);
  }

  /** The ids of `literals` (null stays null: "no literal known"). */
  addAll(literals: readonly string[] | null): number[] | null {
    return literals && literals.map((l) => this.add(l));
  }

  /**
   * The literals `text` contains. With `grown`, `text` is the text scanned for `grown.found` with more at its
   * end, from `grown.from` on: only that end is read again.
   */
  scan(text: string, grown?: { found: LiteralsFound; from: number }): LiteralsFound {
    if (this.marks.length < this.literals.length) this.marks = new Int32Array(this.literals.length);
    const { literals, singles, pairs, marks, starts } = this;
    const scan = ++this.scans;
    const ids: number[] = [];
    let start = 0;
    if (grown) {
      for (const id of grown.found.ids) marks[id] = scan;
      ids.push(...grown.found.ids);
      start = Math.max(0, grown.from - this.longest + 1);
    }
    const n = text.length;
    for (let i = start; i < n; i++) {
      const c0 = text.charCodeAt(i);
      if ((starts[c0 >> 5]! & (1 << (c0 & 31))) === 0) continue;
      const single = singles[c0 & (BUCKETS - 1)]!;
      if (single !== null) {
        for (let k = 0; k < single.length; k++) {
          const id = single[k]!;
          if (marks[id] !== scan && literals[id]!.charCodeAt(0) === c0) {
            marks[id] = scan;
            ids.push(id);
          }
        }
      }
      if (i + 1 === n) break; // the last position starts no longer literal
      const pair = pairs[pairHash(c0, text.charCodeAt(i + 1))]!;
      if (pair !== null) {
        for (let k = 0; k < pair.length; k++) {
          const id = pair[k]!;
          if (marks[id] !== scan && text.startsWith(literals[id]!, i)) {
            marks[id] = scan;
            ids.push(id);
          }
        }
      }
    }
    return { scan, ids };
  }

  /** True when the scanned text contains literal `id`. */
  has(found: LiteralsFound, id: number): boolean {
    if (found.scan !== this.scans) throw new Error('LiteralIndex: the index has scanned another text since');
    return this.marks[id] === found.scan;
  }

  /**
   * False only when the scanned text cannot match a pattern needing one of `ids`: it contains none of them
   * (null ids: always true).
   */
  mayMatch(found: LiteralsFound, ids: readonly number[] | null): boolean {
    if (ids === null) return true;
    for (let k = 0; k < ids.length; k++) if (this.has(found, ids[k]!)) return true;
    return false;
  }
}

function pairHash(c0: number, c1: number): number {
  return (c0 * 31 + c1) & (BUCKETS - 1);
}

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

/** Higher is better: long members reject most texts, few members are few `includes()` calls. */
function score(set: readonly string[]): number {
  const shortest = Math.min(...set.map((s) => s.length));
  return Math.min(shortest, 4) * 10 - set.length;
}

function better(a: string[] | null, b: string[] | null): string[] | null {
  if (a === null) return b;
  if (b === null) return a;
  return score(b) > score(a) ? b : a;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', v: '\v', f: '\f' };
const CLASS_ESCAPES = 'dDwWsS';

class Reader {
  private i = 0;
  constructor(private readonly src: string) {}

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
    let run: string[] | null = null; // product of the exact pieces since the last inexact one
    let whole: string[] | null = ['']; // product of every piece, while all are exact and few
    let best: string[] | null = null;
    const closeRun = (): void => {
      if (run && !run.includes('')) best = better(best, minimal(run));
    };
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      const piece = this.quantified(this.atom());
      best = better(best, piece.need);
      whole = whole && piece.exact ? cross(whole, piece.exact) : null;
      if (piece.exact) {
        const next: string[] | null = run ? cross(run, piece.exact) : piece.exact;
        if (next) run = next;
        else {
          closeRun();
          run = piece.exact;
        }
      } else {
        closeRun();
        run = null;
      }
    }
    closeRun();
    if (whole) return exactInfo(whole);
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
 * gives no such guarantee or uses syntax this reader does not know. Only flags that keep literals literal
 * are accepted (`g`, `y`, `m`, `s`, `d`); `i`, `u` and `v` give null.
 */
export function requiredLiterals(source: string, flags = ''): string[] | null {
  if (/[iuv]/.test(flags)) return null;
  try {
    const need = new Reader(source).parse().need;
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

/**
 * Literals looked up together (every pattern of a rule pack, say): one pass over a text tells which of them
 * it contains, however many there are.
 */
export class LiteralIndex {
  private readonly literals: string[] = [];
  private readonly ids = new Map<string, number>();
  private longest = 0;
  // Literal ids by their first character (hashed): only those are tried where the character occurs. Filled
  // with null up front so the array stays dense.
  private readonly buckets: Array<number[] | null> = new Array<number[] | null>(BUCKETS).fill(null);

  /** The id of a non-empty literal, added if new. */
  add(literal: string): number {
    let id = this.ids.get(literal);
    if (id === undefined) {
      if (literal === '') throw new Error('LiteralIndex: empty literal');
      id = this.literals.length;
      this.literals.push(literal);
      this.ids.set(literal, id);
      this.longest = Math.max(this.longest, literal.length);
      (this.buckets[literal.charCodeAt(0) & (BUCKETS - 1)] ??= []).push(id);
    }
    return id;
  }

  /** The ids of `literals` (null stays null: "no literal known"). */
  addAll(literals: readonly string[] | null): number[] | null {
    return literals && literals.map((l) => this.add(l));
  }

  /** How many literals there are (ids run from 0). */
  get size(): number {
    return this.literals.length;
  }

  /**
   * Per literal id, 1 when `text` contains the literal. With `from` and `found`, only occurrences ending after
   * `from` are added to `found` (a text that grew at its end needs no second full pass).
   */
  scan(text: string, from = 0, found = new Uint8Array(this.literals.length)): Uint8Array {
    for (let i = Math.max(0, from - this.longest + 1); i < text.length; i++) {
      const bucket = this.buckets[text.charCodeAt(i) & (BUCKETS - 1)]!;
      if (bucket === null) continue;
      for (const id of bucket) if (found[id] === 0 && text.startsWith(this.literals[id]!, i)) found[id] = 1;
    }
    return found;
  }
}

/** False only when the scanned text cannot match: it contains none of the literals (null ids: always true). */
export function mayMatchFound(ids: readonly number[] | null, found: Uint8Array): boolean {
  if (ids === null) return true;
  for (const id of ids) if (found[id] === 1) return true;
  return false;
}

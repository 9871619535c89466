/**
 * What the fact parsers read from one field alone, kept per text for the length of a bulk audit. An export
 * repeats its legal bases, penalty wordings and dates from row to row (the same office, the same statute, the
 * same standard sanctions), so each distinct text is read once. Only parsers whose result depends on nothing but
 * the text may be recalled, and their results are shared between cases: nothing may change them.
 */
type Parser<R> = (text: string, folded?: string) => R;

/** One parser's texts: what it read of each, and how often a text came again since the last restart. */
interface Known {
  results: Map<string, unknown>;
  repeats: number;
  /** the parser's texts hardly repeat (every case has its own amount, say): it is no longer remembered */
  unremembered: boolean;
}

export class FieldMemo {
  private readonly byParser = new Map<Parser<unknown>, Known>();

  constructor(
    /** distinct texts kept per parser; past it the parser's memory starts afresh (input size is not bounded) */
    private readonly limit = 4096,
  ) {}

  recall<R>(parse: Parser<R>, text: string, folded?: string): R {
    let known = this.byParser.get(parse);
    if (known === undefined) this.byParser.set(parse, (known = { results: new Map(), repeats: 0, unremembered: false }));
    if (known.unremembered) return parse(text, folded);
    const { results } = known;
    let result = results.get(text) as R | undefined;
    if (result !== undefined || results.has(text)) {
      known.repeats++;
      return result as R;
    }
    result = parse(text, folded);
    if (results.size >= this.limit) {
      // Fewer repeats than distinct texts kept: remembering costs more than it saves.
      if (known.repeats < this.limit) known.unremembered = true;
      results.clear();
      known.repeats = 0;
    }
    if (!known.unremembered) results.set(text, result);
    return result;
  }
}

/** `parse(text, folded)`, recalled from `memo` when there is one. `folded` is foldWidth(text), if the parser takes it. */
export function recall<R>(memo: FieldMemo | undefined, parse: Parser<R>, text: string, folded?: string): R {
  return memo === undefined ? parse(text, folded) : memo.recall(parse, text, folded);
}

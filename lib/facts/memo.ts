/**
 * What the fact parsers read from one field alone, kept per text for the length of a bulk audit. An export
 * repeats its legal bases, penalty wordings and dates from row to row (the same office, the same statute, the
 * same standard sanctions), so each distinct text is read once. Only parsers whose result depends on nothing but
 * the text may be recalled, and their results are shared between cases: nothing may change them.
 */
type Parser<R> = (text: string, folded?: string) => R;

export class FieldMemo {
  private readonly byParser = new Map<Parser<unknown>, Map<string, unknown>>();

  constructor(
    /** distinct texts kept per parser; past it the parser's memory starts afresh (input size is not bounded) */
    private readonly limit = 4096,
  ) {}

  recall<R>(parse: Parser<R>, text: string, folded?: string): R {
    let known = this.byParser.get(parse) as Map<string, R> | undefined;
    if (known === undefined) this.byParser.set(parse, (known = new Map()));
    let result = known.get(text);
    if (result === undefined && !known.has(text)) {
      result = parse(text, folded);
      if (known.size >= this.limit) known.clear();
      known.set(text, result);
    }
    return result as R;
  }
}

/** `parse(text, folded)`, recalled from `memo` when there is one. `folded` is foldWidth(text), if the parser takes it. */
export function recall<R>(memo: FieldMemo | undefined, parse: Parser<R>, text: string, folded?: string): R {
  return memo === undefined ? parse(text, folded) : memo.recall(parse, text, folded);
}

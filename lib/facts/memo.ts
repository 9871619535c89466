/**
 * What the fact parsers read from one field alone, kept per text for the length of a bulk audit. An export
 * repeats its legal bases, penalty wordings and dates from row to row (the same office, the same statute, the
 * same standard sanctions), so each distinct text is read once. Only parsers whose result depends on nothing but
 * the text may be recalled, and their results are shared between cases: nothing may change them.
 */
type Parser<R> = (text: string, folded?: string) => R;
type ManyParser<R> = (...texts: string[]) => R;
/** Results by their texts, one level per text (no key joined from them: joining copies and hashes each row's texts anew). */
type Tree = Map<string, unknown>;

export class FieldMemo {
  private readonly byParser = new Map<Parser<unknown>, Map<string, unknown>>();
  private readonly byManyParser = new Map<ManyParser<unknown>, { tree: Tree; size: number }>();

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

  /** `parse(...texts)`, recalled when the same texts were read together before. */
  recallAll<R>(parse: ManyParser<R>, texts: readonly string[]): R {
    let known = this.byManyParser.get(parse);
    if (known === undefined) this.byManyParser.set(parse, (known = { tree: new Map(), size: 0 }));
    let node = known.tree;
    const last = texts.length - 1;
    for (let i = 0; i < last; i++) {
      let next = node.get(texts[i]!) as Tree | undefined;
      if (next === undefined) node.set(texts[i]!, (next = new Map()));
      node = next;
    }
    if (node.has(texts[last]!)) return node.get(texts[last]!) as R;
    const result = parse(...texts);
    if (known.size >= this.limit) {
      known.tree.clear();
      known.size = 0;
      return result;
    }
    node.set(texts[last]!, result);
    known.size++;
    return result;
  }
}

/** `parse(...texts)`, recalled from `memo` when there is one. */
export function recallAll<R>(memo: FieldMemo | undefined, parse: ManyParser<R>, ...texts: string[]): R {
  return memo === undefined ? parse(...texts) : memo.recallAll(parse, texts);
}

/** `parse(text, folded)`, recalled from `memo` when there is one. `folded` is foldWidth(text), if the parser takes it. */
export function recall<R>(memo: FieldMemo | undefined, parse: Parser<R>, text: string, folded?: string): R {
  return memo === undefined ? parse(text, folded) : memo.recall(parse, text, folded);
}

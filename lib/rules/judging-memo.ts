import type { LegalCitation } from '../facts/schema';
import type { CompiledPack } from './match';

/**
 * What the engine found in a case's texts under one pack, kept for the length of a bulk audit. An export repeats
 * its wordings from row to row (the same offences, statutes and standard sanctions), so each distinct set of
 * texts is scanned once per pack and class of date. An entry holds only for the citations it was read with: the
 * texts and citations are compared whole, so a recalled reading is the one the texts would give afresh.
 */
interface Entry {
  citations: readonly LegalCitation[];
  value: unknown;
}

const sameCitation = (a: LegalCitation, b: LegalCitation): boolean =>
  a.law === b.law &&
  a.article === b.article &&
  a.paragraph === b.paragraph &&
  a.item === b.item &&
  a.text === b.text &&
  a.lawFull === b.lawFull;

function sameCitations(a: readonly LegalCitation[], b: readonly LegalCitation[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameCitation(a[i]!, b[i]!)) return false;
  return true;
}

/** Entries by the class of date, then by each text in turn (no key joined from them: joining copies each row's texts). */
type Tree = Map<number | string, unknown>;

export class JudgingMemo {
  private readonly byPack = new Map<CompiledPack, { tree: Tree; size: number }>();

  constructor(
    /** distinct readings kept per pack; past it the pack's memory starts afresh (input size is not bounded) */
    private readonly limit = 4096,
  ) {}

  /**
   * `read()`, recalled when `texts` (in order, with the class of date) and `citations` were read before under
   * `pack`. The result is shared between cases: nothing may change it.
   */
  recall<R>(pack: CompiledPack, dateClass: number, texts: readonly string[], citations: readonly LegalCitation[], read: () => R): R {
    let known = this.byPack.get(pack);
    if (known === undefined) this.byPack.set(pack, (known = { tree: new Map(), size: 0 }));
    let node = known.tree;
    const keys = [dateClass, ...texts];
    const last = keys.length - 1;
    for (let i = 0; i < last; i++) {
      let next = node.get(keys[i]!) as Tree | undefined;
      if (next === undefined) node.set(keys[i]!, (next = new Map()));
      node = next;
    }
    const entry = node.get(keys[last]!) as Entry | undefined;
    if (entry !== undefined && sameCitations(entry.citations, citations)) return entry.value as R;
    const value = read();
    if (entry === undefined && known.size >= this.limit) {
      known.tree.clear();
      known.size = 0;
      return value;
    }
    if (entry === undefined) known.size++;
    node.set(keys[last]!, { citations, value });
    return value;
  }
}

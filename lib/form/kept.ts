// What a splice (splice.ts) keeps from one plan to the next, brought up to date with the items that came and
// went rather than looked up again over every item: the fields' ancestors, and what the items read.
import type { PlanItem } from './items';
import { claimedBy, type ReadParts } from './plan';
import { keptScopes, up } from './regions';
import { parentOf } from './native';

/** Ancestors numbered across splices, per field: content coming and going adds to them until renumbered. */
export const MAX_ANCESTORS_KEPT = 8;

/**
 * The fields' ancestors, numbered as first met, and each field's chain of them, kept while it stays where it
 * is (a splice gives up on moves). Counting by number spares the hashing of elements on every splice.
 */
export class KeptAncestors {
  private readonly els: Element[] = [];
  private readonly ids = new Map<Element, number>();
  private readonly chains = new WeakMap<Element, number[]>();

  get size(): number {
    return this.els.length;
  }

  /**
   * The containers each field shares with others (regions.ts `keptScopes`), ranked as `rankedScopes` ranks them;
   * `id` numbers elements in document order. Counted and ranked by number, in typed arrays.
   */
  scopes(els: readonly Element[], id: (el: Element) => number): number[][] {
    const chains = els.map((el) => this.chain(el));
    const n = this.els.length;
    const counts = new Uint32Array(n);
    for (const chain of chains) for (const a of chain) counts[a]!++;
    const scopes = keptScopes(
      chains,
      (a) => counts[a]!,
      (a) => a,
    );
    const seen = new Uint8Array(n);
    const order = new Float64Array(n);
    const containers: number[] = [];
    for (const scope of scopes) {
      for (const a of scope) {
        if (seen[a]) continue;
        seen[a] = 1;
        order[a] = id(this.els[a]!);
        containers.push(a);
      }
    }
    containers.sort((x, y) => order[x]! - order[y]!);
    // containers of one id (unnumbered ones) share a rank, as in rankedScopes
    const rank = new Uint32Array(n);
    let r = -1;
    for (let i = 0; i < containers.length; i++) {
      if (i === 0 || order[containers[i]!] !== order[containers[i - 1]!]) r++;
      rank[containers[i]!] = r;
    }
    for (const scope of scopes) for (let i = 0; i < scope.length; i++) scope[i] = rank[scope[i]!]!;
    return scopes;
  }

  /** An element that may be elsewhere now: its ancestors are looked up again. */
  forget(el: Element): void {
    this.chains.delete(el);
  }

  private chain(el: Element): number[] {
    let chain = this.chains.get(el);
    if (chain) return chain;
    chain = [];
    for (let a = up(el); a; a = up(a)) {
      let i = this.ids.get(a);
      if (i === undefined) this.ids.set(a, (i = this.els.push(a) - 1));
      chain.push(i);
    }
    this.chains.set(el, chain);
    return chain;
  }
}

/** Counts per element: present while above zero. */
class Counts {
  private readonly n = new Map<Element, number>();

  has(el: Element): boolean {
    return this.n.has(el);
  }

  /** Adds `d`; true when `el` came or went. */
  add(el: Element, d: number): boolean {
    const was = this.n.get(el) ?? 0;
    const now = was + d;
    if (now > 0) this.n.set(el, now);
    else this.n.delete(el);
    return was > 0 !== now > 0;
  }
}

/**
 * What the planning steps' items and the headings read, and every ancestor of it (the layout pass's unread
 * text leaves them out), counted per item so that items can come and go. What an item read, and the ancestors
 * of each part, are kept as they were counted: an item goes when its part left the page, or moved within it.
 */
export class KeptParts implements ReadParts {
  readonly claimed = new Counts();
  readonly around = new Counts();
  private readonly parts = new Map<PlanItem, Element[]>();
  private readonly chains = new Map<Element, Element[]>();

  constructor(items: readonly PlanItem[], headings: readonly Element[]) {
    for (const h of headings) this.claim(h, 1);
    this.change(new Set(), items);
  }

  /**
   * Items that went and came (an item in both, kept by a step run again, stays). Gives the elements now read that
   * were not, or no longer read: the unread text around them is not what it was.
   */
  change(gone: ReadonlySet<PlanItem>, made: readonly PlanItem[]): Element[] {
    const came = new Set(made);
    const turned: Element[] = [];
    for (const it of gone) {
      if (came.has(it)) continue;
      for (const el of this.parts.get(it) ?? []) if (this.claim(el, -1)) turned.push(el);
      this.parts.delete(it);
    }
    for (const it of came) {
      if (gone.has(it)) continue;
      const read = [...claimedBy([it])];
      this.parts.set(it, read);
      for (const el of read) if (this.claim(el, 1)) turned.push(el);
    }
    return turned;
  }

  /** True when `el` came to be read or is no longer. */
  private claim(el: Element, d: 1 | -1): boolean {
    if (!this.claimed.add(el, d)) return false;
    let chain = this.chains.get(el);
    if (d > 0) {
      chain = [];
      for (let a = parentOf(el); a; a = parentOf(a)) chain.push(a);
      this.chains.set(el, chain);
    } else this.chains.delete(el);
    for (const a of chain ?? []) this.around.add(a, d);
    return true;
  }
}

import { isChoice, isDocument, isShadowRoot, scopeOf, type Scope } from './dom';
import {
  attrOf,
  childCountOf,
  childrenOf,
  containsNode,
  nextOf,
  parentNodeOf,
  parentOf,
  previousOf,
  queryAllOf,
  queryOf,
  rootOf,
  shadowOf,
  tagOf,
} from './native';

/** Separates the host's locator from the path inside its open shadow root. */
export const SHADOW_SEPARATOR = ' >>> ';

const SAFE_ID = /^[A-Za-z][\w-]{0,63}$/;
/**
 * Ids that frameworks generate and regenerate on every render: long digit runs, React's `:r1:`, Element
 * Plus `el-id-1024-3`, Ant's `rc_select_0`, hex hashes.
 */
const AUTO_ID =
  /\d{3,}|^(el-id|rc[_-]|ember|ext-gen|ext-comp|x-auto|react-select|mui-|headlessui|radix|uid-|__)|(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}/i;
/** Names usable inside `[name="…"]` without escaping. */
const SAFE_NAME = /^[^"\\\n\r>]{1,100}$/;

function isStableId(id: string): boolean {
  return SAFE_ID.test(id) && !AUTO_ID.test(id);
}

const NAMEABLE = new Set(['input', 'select', 'textarea']);

/** `:nth-of-type(k)` by walking the siblings, or '' for the only element of its type. */
function nthAmongFew(el: Element): string {
  let k = 1;
  for (let p = previousOf(el); p; p = previousOf(p)) if (tagOf(p) === tagOf(el)) k++;
  if (k > 1) return `:nth-of-type(${k})`;
  for (let n = nextOf(el); n; n = nextOf(n)) if (tagOf(n) === tagOf(el)) return ':nth-of-type(1)';
  return '';
}

/** Builds locators; counts of ids and names and sibling positions are computed once per scope / parent. */
export class LocatorBuilder {
  // counted and kept per scope, parent and element; splice.ts brings them up to date after nodes came or went
  readonly ids = new Map<Scope, Map<string, number>>();
  readonly names = new Map<Scope, Map<string, number>>();
  readonly nths = new Map<Element, string>();
  readonly memo = new Map<Element, string>();
  /** elements a locator names by their place among siblings: a sibling of the same tag added or removed changes it */
  readonly positional = new Set<Element>();
  /** the place each of those was named by */
  readonly placeNamed = new Map<Element, string>();

  private counts(cache: Map<Scope, Map<string, number>>, scope: Scope, attr: 'id' | 'name'): Map<string, number> {
    let m = cache.get(scope);
    if (!m) {
      m = new Map();
      const found = queryAllOf(scope, `[${attr}]`);
      for (let i = 0; i < found.length; i++) {
        const v = attrOf(found[i]!, attr) ?? '';
        m.set(v, (m.get(v) ?? 0) + 1);
      }
      cache.set(scope, m);
    }
    return m;
  }

  nth(el: Element): string {
    let s = this.nths.get(el);
    if (s !== undefined) return s;
    const parent = parentOf(el) ?? (parentNodeOf(el) as ParentNode | null);
    if (!parent || childCountOf(parent) <= 16) return nthAmongFew(el);
    const siblings = parent ? Array.from(childrenOf(parent)) : [el];
    const total = new Map<string, number>();
    for (const c of siblings) total.set(tagOf(c), (total.get(tagOf(c)) ?? 0) + 1);
    const seen = new Map<string, number>();
    for (const c of siblings) {
      const k = (seen.get(tagOf(c)) ?? 0) + 1;
      seen.set(tagOf(c), k);
      this.nths.set(c, (total.get(tagOf(c)) ?? 0) > 1 ? `:nth-of-type(${k})` : '');
    }
    s = this.nths.get(el) ?? '';
    return s;
  }

  /** `#id` when unique and stable, `input[name="…"]` when unique, else a path from the nearest such anchor. */
  locator(el: Element): string {
    const cached = this.memo.get(el);
    if (cached !== undefined) return cached;
    const scope = scopeOf(el);
    let out = scope ? this.path(el, scope) : tagOf(el);
    if (isShadowRoot(scope)) out = this.locator(scope.host) + SHADOW_SEPARATOR + out;
    this.memo.set(el, out);
    return out;
  }

  private path(el: Element, scope: Scope): string {
    const segs: string[] = [];
    for (let e: Element | null = el; e; e = parentOf(e)) {
      const id = attrOf(e, 'id');
      if (id && isStableId(id) && this.counts(this.ids, scope, 'id').get(id) === 1) {
        segs.push(`#${id}`);
        break;
      }
      const name = e === el && NAMEABLE.has(tagOf(e)) ? attrOf(e, 'name') : null;
      if (name && SAFE_NAME.test(name) && this.counts(this.names, scope, 'name').get(name) === 1) {
        segs.push(`${tagOf(e)}[name="${name}"]`);
        break;
      }
      if (isDocument(scope) && tagOf(e) === 'body') {
        segs.push('body');
        break;
      }
      const nth = this.nth(e);
      this.positional.add(e);
      this.placeNamed.set(e, nth);
      segs.push(tagOf(e) + nth);
    }
    return segs.reverse().join(' > ');
  }

  /** A selector for a site-profile pin: a radio/checkbox group by its name, else the locator. */
  selector(el: Element): string {
    const name = attrOf(el, 'name');
    if (isChoice(el) && name && SAFE_NAME.test(name)) {
      const scope = scopeOf(el);
      const own = `input[name="${name}"]`;
      return isShadowRoot(scope) ? this.locator(scope.host) + SHADOW_SEPARATOR + own : own;
    }
    return this.locator(el);
  }
}

export function locatorOf(el: Element): string {
  return new LocatorBuilder().locator(el);
}

/** A robust selector for pinning `element` in a site profile (prefers stable ids and names). */
export function selectorFor(element: Element): string {
  return new LocatorBuilder().selector(element);
}

const SEGMENT = /^(?:#([A-Za-z][\w-]*)|([a-z][a-z0-9-]*)(\[name="[^"\\\n\r>]*"\])?(?::nth-of-type\((\d+)\))?)$/;

interface Segment {
  id?: string;
  tag?: string;
  named: boolean;
  nth?: number;
  text: string;
}

function parseSegments(part: string): Segment[] | null {
  const out: Segment[] = [];
  for (const text of part.split(' > ')) {
    const m = SEGMENT.exec(text.trim());
    if (!m) return null;
    out.push({ id: m[1], tag: m[2], named: m[3] !== undefined, nth: m[4] ? Number(m[4]) : undefined, text: text.trim() });
  }
  return out;
}

function childMatching(parent: ParentNode, seg: Segment): Element | null {
  if (!seg.tag || seg.named || seg.id) return null;
  let k = 0;
  for (const c of Array.from(childrenOf(parent))) {
    if (tagOf(c) !== seg.tag) continue;
    k++;
    if (seg.nth === undefined || seg.nth === k) return c;
  }
  return null;
}

function query(scope: Scope, selector: string): Element | null {
  try {
    return queryOf(scope, selector);
  } catch {
    return null;
  }
}

/** Resolves one part of a locator within a document or shadow root: our own paths exactly, anything else as CSS. */
function resolvePart(scope: Scope, part: string): Element | null {
  const segs = parseSegments(part);
  const first = segs?.[0];
  if (!segs || !first) return query(scope, part);
  let el: Element | null;
  if (first.id) el = scope.getElementById(first.id);
  else if (first.named) el = query(scope, first.text);
  else if (isDocument(scope)) {
    if (first.tag === 'body') el = scope.body;
    else if (first.tag === 'html') el = scope.documentElement;
    else return query(scope, part);
  } else {
    el = childMatching(scope, first) ?? null;
    if (!el) return query(scope, part);
  }
  for (let i = 1; el && i < segs.length; i++) el = childMatching(el, segs[i]!);
  return el ?? null;
}

/**
 * The element a locator (or a site-profile selector) designates, or null. Parts after ` >>> ` are looked up
 * in the open shadow root of the element before.
 */
export function resolveLocator(root: Document | Element | ShadowRoot, locator: string): Element | null {
  let scope: Scope | null = isDocument(root) || isShadowRoot(root) ? root : scopeOf(root);
  let el: Element | null = null;
  const parts = locator.split(SHADOW_SEPARATOR.trim()).map((p) => p.trim());
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) scope = shadowOf(el) ?? null;
    const part = parts[i];
    if (!scope || !part) return null;
    el = resolvePart(scope, part);
    if (!el) return null;
  }
  if (el && !isDocument(root) && !isShadowRoot(root) && !containsNode(root, el) && rootOf(el) === rootOf(root)) {
    return null;
  }
  return el;
}

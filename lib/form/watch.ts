import { OVERLAY_HOST_TAG, WATCHED_ATTRS, editableRootOf, isPageMutation, isShadowRoot } from './dom';
import { readDetailed, type ReadOptions, type ReadResult } from './read';
import { itemValue } from './values';
import type { FieldSnapshot, SnapshotField } from './types';

export interface WatchOptions extends ReadOptions {
  /** quiet time before a full re-read after structural changes (default 150 ms) */
  debounceMs?: number;
  /** a page that never stops mutating is still re-read this often (default 1000 ms) */
  maxWaitMs?: number;
}

export interface FormWatch {
  stop(): void;
  /** the latest snapshot (the initial one until something changes) */
  snapshot(): FieldSnapshot;
}

function sameField(a: SnapshotField, b: SnapshotField): boolean {
  return (
    a.value === b.value &&
    a.label === b.label &&
    a.locator === b.locator &&
    a.rawLabel === b.rawLabel &&
    a.kind === b.kind &&
    a.labelSource === b.labelSource &&
    a.readOnly === b.readOnly &&
    a.key === b.key
  );
}

function sameNumbers(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  return a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));
}

function sameSnapshot(a: FieldSnapshot, b: FieldSnapshot): boolean {
  return (
    a.url === b.url &&
    sameNumbers(a.filters, b.filters) &&
    (a.scopes?.length ?? 0) === (b.scopes?.length ?? 0) &&
    a.readOnlyView === b.readOnlyView &&
    a.truncated === b.truncated &&
    a.fields.length === b.fields.length &&
    a.headings.length === b.headings.length &&
    a.headings.every((h, i) => h === b.headings[i]) &&
    a.fields.every((f, i) => sameField(f, b.fields[i]!))
  );
}

const LISTEN: AddEventListenerOptions = { capture: true, passive: true };

/** The state of one watch: the last read, the observers and listeners, and the pending re-read. */
class Watcher implements FormWatch {
  private result: ReadResult;
  private current: FieldSnapshot;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pendingSince = 0;
  /** the editable region typed in last: its own text mutations are already handled by the event */
  private typedIn: Element | null = null;
  private readonly handled = new WeakSet<Event>();
  private readonly observers = new Map<Node, MutationObserver>();
  private readonly onEvent = (e: Event): void => this.typed(e);
  private readonly onMutations = (records: MutationRecord[]): void => this.mutated(records);

  constructor(
    private readonly root: Document,
    private readonly onChange: (snapshot: FieldSnapshot) => void,
    private readonly opts: WatchOptions,
  ) {
    this.result = readDetailed(root, opts);
    this.current = this.result.snapshot;
    this.attach(this.result.observed);
  }

  snapshot(): FieldSnapshot {
    return this.current;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const n of this.observers.keys()) this.detach(n);
  }

  private emit(next: FieldSnapshot): void {
    if (sameSnapshot(this.current, next)) return;
    this.current = next;
    this.onChange(next);
  }

  private fullRead(): void {
    this.timer = undefined;
    this.pendingSince = 0;
    if (this.stopped) return;
    this.result = readDetailed(this.root, this.opts);
    this.attach(this.result.observed);
    this.emit(this.result.snapshot);
  }

  /** A re-read once the page has been quiet for a while, or has kept changing for too long. */
  private schedule(): void {
    if (this.stopped) return;
    const now = Date.now();
    if (!this.pendingSince) this.pendingSince = now;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const wait = Math.min(this.opts.debounceMs ?? 150, this.pendingSince + (this.opts.maxWaitMs ?? 1000) - now);
    this.timer = setTimeout(() => this.fullRead(), Math.max(0, wait));
  }

  /** Typing: only the field typed in is read again, in the same task. */
  private typed(e: Event): void {
    if (this.stopped || this.handled.has(e)) return;
    this.handled.add(e);
    const path = e.composedPath();
    const target = path[0];
    if (!target || (target as Node).nodeType !== 1) return;
    if (path.some((n) => (n as Element).localName === OVERLAY_HOST_TAG)) return;
    const el = target as Element;
    const editable = editableRootOf(el);
    this.typedIn = editable;
    const i = this.result.index.get(el) ?? (editable ? this.result.index.get(editable) : undefined);
    const it = i === undefined ? null : this.result.items[i];
    const old = i === undefined ? undefined : this.current.fields[i];
    if (i === undefined || !it || !old) {
      this.schedule();
      return;
    }
    const value = itemValue(it);
    if (value === old.value) return;
    const fields = this.current.fields.slice();
    fields[i] = { ...old, value };
    this.current = { ...this.current, fields };
    this.onChange(this.current);
  }

  private mutated(records: MutationRecord[]): void {
    const typedIn = this.typedIn;
    if (records.some((r) => isPageMutation(r) && !(typedIn !== null && typedIn.contains(r.target)))) this.schedule();
    this.typedIn = null;
  }

  /** Observes the root and every open shadow root read, and only those. */
  private attach(nodes: readonly Node[]): void {
    const keep = new Set(nodes);
    for (const n of this.observers.keys()) if (!keep.has(n)) this.detach(n);
    const MO = this.root.defaultView?.MutationObserver ?? globalThis.MutationObserver;
    for (const n of nodes) {
      if (this.observers.has(n)) continue;
      const o = new MO(this.onMutations);
      o.observe(n, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRS });
      this.observers.set(n, o);
      // `change` is not composed: it never leaves a shadow root, so each open shadow root gets its own listener
      if (isShadowRoot(n) || n === this.root) {
        n.addEventListener('input', this.onEvent, LISTEN);
        n.addEventListener('change', this.onEvent, LISTEN);
      }
    }
  }

  private detach(n: Node): void {
    this.observers.get(n)?.disconnect();
    this.observers.delete(n);
    n.removeEventListener('input', this.onEvent, LISTEN);
    n.removeEventListener('change', this.onEvent, LISTEN);
  }
}

/**
 * Keeps a document's snapshot current. Typing is seen at once: capture-phase `input`/`change` listeners
 * re-read just the changed field and call `onChange` in the same task. Structural changes (a SPA
 * re-rendering) go through MutationObservers and a debounced full re-read. Mutations of the overlay host are
 * ignored; nothing runs while nothing changes; `onChange` is called only when the snapshot changed (not for
 * the initial one, which `snapshot()` returns).
 */
export function watchForm(root: Document, onChange: (snapshot: FieldSnapshot) => void, opts: WatchOptions = {}): FormWatch {
  return new Watcher(root, onChange, opts);
}

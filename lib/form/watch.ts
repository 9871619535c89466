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

/**
 * Keeps a document's snapshot current. Typing is seen at once: capture-phase `input`/`change` listeners
 * re-read just the changed field and call `onChange` in the same task. Structural changes (a SPA
 * re-rendering) go through MutationObservers and a debounced full re-read. Mutations of the overlay host are
 * ignored; nothing runs while nothing changes; `onChange` is called only when the snapshot changed (not for
 * the initial one, which `snapshot()` returns).
 */
export function watchForm(root: Document, onChange: (snapshot: FieldSnapshot) => void, opts: WatchOptions = {}): FormWatch {
  const debounceMs = opts.debounceMs ?? 150;
  const maxWaitMs = opts.maxWaitMs ?? 1000;
  let result: ReadResult = readDetailed(root, opts);
  let current = result.snapshot;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pendingSince = 0;
  /** the editable region typed in last: its own text mutations are already handled by the event */
  let typedIn: Element | null = null;
  const handled = new WeakSet<Event>();
  const observers = new Map<Node, MutationObserver>();

  const emit = (next: FieldSnapshot): void => {
    if (sameSnapshot(current, next)) return;
    current = next;
    onChange(next);
  };

  const fullRead = (): void => {
    timer = undefined;
    pendingSince = 0;
    if (stopped) return;
    result = readDetailed(root, opts);
    attach(result.observed);
    emit(result.snapshot);
  };

  const schedule = (): void => {
    if (stopped) return;
    const now = Date.now();
    if (!pendingSince) pendingSince = now;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(fullRead, Math.max(0, Math.min(debounceMs, pendingSince + maxWaitMs - now)));
  };

  const onEvent = (e: Event): void => {
    if (stopped || handled.has(e)) return;
    handled.add(e);
    const path = e.composedPath();
    const target = path[0];
    if (!target || (target as Node).nodeType !== 1) return;
    if (path.some((n) => (n as Element).localName === OVERLAY_HOST_TAG)) return;
    const el = target as Element;
    const editable = editableRootOf(el);
    typedIn = editable;
    const i = result.index.get(el) ?? (editable ? result.index.get(editable) : undefined);
    const it = i === undefined ? null : result.items[i];
    const old = i === undefined ? undefined : current.fields[i];
    if (i === undefined || !it || !old) {
      schedule();
      return;
    }
    const value = itemValue(it);
    if (value === old.value) return;
    const fields = current.fields.slice();
    fields[i] = { ...old, value };
    current = { ...current, fields };
    onChange(current);
  };

  const onMutations = (records: MutationRecord[]): void => {
    const inTyped = (r: MutationRecord): boolean => typedIn !== null && typedIn.contains(r.target);
    if (records.some((r) => isPageMutation(r) && !inTyped(r))) schedule();
    typedIn = null;
  };

  const listenOpts: AddEventListenerOptions = { capture: true, passive: true };
  const MO = root.defaultView?.MutationObserver ?? globalThis.MutationObserver;

  function attach(nodes: readonly Node[]): void {
    const keep = new Set(nodes);
    for (const [n, o] of observers) {
      if (keep.has(n)) continue;
      o.disconnect();
      observers.delete(n);
      n.removeEventListener('change', onEvent, listenOpts);
      n.removeEventListener('input', onEvent, listenOpts);
    }
    for (const n of nodes) {
      if (observers.has(n)) continue;
      const o = new MO(onMutations);
      o.observe(n, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRS });
      observers.set(n, o);
      // `change` is not composed: it never leaves a shadow root, so each open shadow root gets its own listener
      if (isShadowRoot(n) || n === root) {
        n.addEventListener('input', onEvent, listenOpts);
        n.addEventListener('change', onEvent, listenOpts);
      }
    }
  }

  attach(result.observed);

  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const [n, o] of observers) {
        o.disconnect();
        n.removeEventListener('input', onEvent, listenOpts);
        n.removeEventListener('change', onEvent, listenOpts);
      }
      observers.clear();
    },
    snapshot: () => current,
  };
}

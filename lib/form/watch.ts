import { OVERLAY_HOST_TAG, WATCHED_ATTRS, editableRootOf, editedFrameBody, isPageMutation, isShadowRoot } from './dom';
import { listenForMoves } from './moves';
import { dropPlan } from './plan-cache';
import { readDetailed, type ReadOptions, type ReadResult } from './read';
import { itemValue } from './values';
import type { FieldSnapshot, SnapshotField } from './types';
import { containsNode, eventTargetTag, tagOf } from './native';

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

/** The page's element an input event came from: none for the overlay's own. */
function eventTarget(e: Event): Element | null {
  const path = e.composedPath();
  const target = path[0];
  if (!target || !eventTargetTag(target)) return null;
  return path.some((n) => eventTargetTag(n) === OVERLAY_HOST_TAG) ? null : (target as Element);
}

/**
 * The field typed in, with its value now: null when no value changed, 'unknown' when the element is no field
 * read (a re-read must find it).
 */
function typedField(
  el: Element,
  editable: Element | null,
  result: ReadResult,
  current: FieldSnapshot,
): { i: number; value: string } | null | 'unknown' {
  const i = result.index.get(el) ?? (editable ? result.index.get(editable) : undefined);
  const it = i === undefined ? null : result.items[i];
  const old = i === undefined ? undefined : current.fields[i];
  if (i === undefined || !it || !old) return 'unknown';
  const value = itemValue(it);
  return value === old.value ? null : { i, value };
}

/** What a read watches: the roots it read and the bodies of edited frames (typing there changes no node of the page). */
function watchedBy(result: ReadResult): Node[] {
  const frames: Node[] = [];
  for (const it of result.items) {
    const body = it && tagOf(it.el) === 'iframe' ? editedFrameBody(it.el) : null;
    if (body) frames.push(body);
  }
  return frames.length > 0 ? [...result.observed, ...frames] : result.observed;
}

/** Observes and listens on exactly `nodes` (the root and every open shadow root read). */
function attachTo(
  nodes: readonly Node[],
  root: Document,
  observers: Map<Node, MutationObserver>,
  onMutations: MutationCallback,
  onEvent: (e: Event) => void,
): void {
  const keep = new Set(nodes);
  for (const [n, o] of observers) {
    if (keep.has(n)) continue;
    o.disconnect();
    observers.delete(n);
    n.removeEventListener('change', onEvent, LISTEN);
    n.removeEventListener('input', onEvent, LISTEN);
  }
  const MO = root.defaultView?.MutationObserver ?? globalThis.MutationObserver;
  for (const n of nodes) {
    if (observers.has(n)) continue;
    const o = new MO(onMutations);
    o.observe(n, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRS });
    observers.set(n, o);
    // `change` is not composed: it never leaves a shadow root, so each open shadow root gets its own listener
    if (isShadowRoot(n) || n === root) {
      n.addEventListener('input', onEvent, LISTEN);
      n.addEventListener('change', onEvent, LISTEN);
    }
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

  const fullRead = (): void => {
    timer = undefined;
    pendingSince = 0;
    if (stopped) return;
    result = readDetailed(root, opts);
    attach(result);
    if (sameSnapshot(current, result.snapshot)) return;
    current = result.snapshot;
    onChange(current);
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
    const el = eventTarget(e);
    if (!el) return;
    typedIn = editableRootOf(el);
    const typed = typedField(el, typedIn, result, current);
    if (typed === 'unknown') schedule();
    if (!typed || typed === 'unknown') return;
    const fields = current.fields.slice();
    fields[typed.i] = { ...fields[typed.i]!, value: typed.value };
    current = { ...current, fields };
    onChange(current);
  };

  const onMutations = (records: MutationRecord[]): void => {
    const inTyped = (r: MutationRecord): boolean => typedIn !== null && containsNode(typedIn, r.target);
    if (records.some((r) => isPageMutation(r) && !inTyped(r))) schedule();
    typedIn = null;
  };

  // a font or an image arriving moves what the layout pass paired, with no mutation: read again
  let listened: readonly Node[] = [];
  let unlisten = (): void => {};
  const attach = (read: ReadResult | null): void => {
    attachTo(read ? watchedBy(read) : [], root, observers, onMutations, onEvent);
    const nodes = read?.observed ?? [];
    if (nodes === listened) return;
    unlisten();
    listened = nodes;
    unlisten = nodes.length > 0 ? listenForMoves(root, nodes, schedule) : () => {};
  };
  attach(result);

  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      attach(null);
      dropPlan(root);
    },
    snapshot: () => current,
  };
}

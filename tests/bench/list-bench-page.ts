/**
 * Bundled by tests/bench/import-bench.mjs into a bench-only page copied beside the test build (the extension's
 * CSP loads scripts only from the extension's own files). Two measurements need code in an extension page:
 * the naive import baseline, through the same reader (lib/io) and row validation the product uses, and
 * lookupParty called directly on the extension's database (the lookup without the message round trip), what
 * lookups keep in memory, and lookups sent through the reader's own transport (the port of lib/messaging/port.ts
 * over lib/ext/reader-api.ts, as a frame's reader sends them) beside empty requests.
 */
import '../../lib/jitless';
import Dexie from 'dexie';
import { type ListKind, openDb } from '../../lib/db';
import { lookupMemoryBytes, lookupParty, warmLookups } from '../../lib/entities';
import { type CsvRecord, readTableBatches } from '../../lib/io';
import { readerApi } from '../../lib/ext/reader-api';
import { request } from '../../lib/messaging/client';
import { READER_PORT, portSender } from '../../lib/messaging/port';
import { NaiveDb, type NaiveResult, naiveImportBaseline } from './naive-import';

async function naiveImport(file: File, kind: ListKind): Promise<NaiveResult> {
  const name = `naive-import-baseline-${Date.now()}`;
  const db = new NaiveDb(name);
  try {
    const it = readTableBatches(file)[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done || !first.value[0]) throw new Error('empty bench file');
    const head: CsvRecord[] = first.value;
    async function* rows(): AsyncGenerator<CsvRecord[]> {
      yield head.slice(1);
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    }
    return await naiveImportBaseline(db, rows(), { kind, headers: head[0]!.cells });
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

/** Milliseconds per lookup, in order, of lookupParty on the extension's own database. */
async function lookupDirect(queries: readonly { uscc: string; name: string }[], at: string): Promise<number[]> {
  const db = openDb();
  try {
    const times: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      await lookupParty(db, { uscc: q.uscc, name: q.name, at });
      times.push(performance.now() - t0);
    }
    return times;
  } finally {
    db.close();
  }
}

/** What lookups keep in memory, loaded as a waking service worker loads it: the time it takes and its size. */
async function lookupMemory(): Promise<{ ms: number; bytes: number }> {
  const db = openDb();
  try {
    const t0 = performance.now();
    await warmLookups(db);
    return { ms: performance.now() - t0, bytes: lookupMemoryBytes(db) };
  } finally {
    db.close();
  }
}

type Query = { uscc: string; name: string };

/** The transport a frame's reader sends with. */
function readerTransport() {
  const api = readerApi();
  return portSender(() => api.connect(READER_PORT), api.sendMessage);
}

/** A lookup as the reader asks it; true when the party is on the serious list. */
async function lookupAsReader(send: ReturnType<typeof readerTransport>, q: Query, at: string): Promise<boolean> {
  const res = await request(send, { type: 'lookupParty', uscc: q.uscc, name: q.name, at, decision: null });
  if (!res.ok) throw new Error(`lookupParty failed: ${res.error}`);
  return res.value.flags.some((f) => f.flag === 'serious-list');
}

/** A bare port of the reader's kind: an empty request (the background refuses one of no known type at once). */
function barePort(): () => Promise<void> {
  const port = chrome.runtime.connect({ name: READER_PORT });
  let answered: (() => void) | null = null;
  let id = 0;
  port.onMessage.addListener(() => answered?.());
  return () =>
    new Promise((resolve) => {
      answered = resolve;
      port.postMessage({ id: ++id, message: { type: 'bench-noop' } });
    });
}

/**
 * Sequential lookups through the reader's transport after `warmMs` of warm-up (the worker loads what lookups keep
 * in memory), each followed by an empty request on a bare port and an empty one-off message, so all three see the
 * same load. Milliseconds each, and whether each party was found listed.
 */
async function lookupsAsReader(queries: readonly Query[], at: string, warmMs: number) {
  const send = readerTransport();
  for (let k = 0, t0 = performance.now(); k < 50 || performance.now() - t0 < warmMs; k++)
    await lookupAsReader(send, queries[k % queries.length]!, at);
  const empty = barePort();
  const times: number[] = [];
  const listed: boolean[] = [];
  const emptyPort: number[] = [];
  const emptyMessage: number[] = [];
  for (const q of queries) {
    let t0 = performance.now();
    listed.push(await lookupAsReader(send, q, at));
    times.push(performance.now() - t0);
    t0 = performance.now();
    await empty();
    emptyPort.push(performance.now() - t0);
    t0 = performance.now();
    await chrome.runtime.sendMessage({ type: 'bench-noop' });
    emptyMessage.push(performance.now() - t0);
  }
  return { times, listed, emptyPort, emptyMessage };
}

/** The first request of a fresh reader after the worker was stopped: a lookup, or an empty request on a new port. */
async function firstAfterStop(what: 'lookup' | 'empty', q: Query, at: string): Promise<number> {
  const t0 = performance.now();
  if (what === 'lookup') await lookupAsReader(readerTransport(), q, at);
  else await barePort()();
  return performance.now() - t0;
}

Object.assign(window, {
  __naiveImport: naiveImport,
  __lookupDirect: lookupDirect,
  __lookupMemory: lookupMemory,
  __lookupsAsReader: lookupsAsReader,
  __firstAfterStop: firstAfterStop,
});

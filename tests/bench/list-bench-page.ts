/**
 * Bundled by tests/bench/import-bench.mjs into a bench-only page copied beside the test build (the extension's
 * CSP loads scripts only from the extension's own files). Two measurements need code in an extension page:
 * the naive import baseline, through the same reader (lib/io) and row validation the product uses, and
 * lookupParty called directly on the extension's database (the lookup without the message round trip), and what
 * lookups keep in memory.
 */
import '../../lib/jitless';
import Dexie from 'dexie';
import { type ListKind, openDb } from '../../lib/db';
import { lookupMemoryBytes, lookupParty, warmLookups } from '../../lib/entities';
import { type CsvRecord, readTableBatches } from '../../lib/io';
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

Object.assign(window, { __naiveImport: naiveImport, __lookupDirect: lookupDirect, __lookupMemory: lookupMemory });

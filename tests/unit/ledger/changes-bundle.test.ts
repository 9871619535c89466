import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The record form runs in a page's frame, where zod does not run and the database is never opened: what it
 * uses of the ledger (recordChanges, the field names, LedgerError) must bundle without either.
 */
describe('lib/ledger/changes for the record form', () => {
  it('bundles without zod and without Dexie', async () => {
    const entry = fileURLToPath(new URL('../../../lib/ledger/changes.ts', import.meta.url));
    const out = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.filter((p) => /node_modules\/(zod|dexie)\//.test(p))).toEqual([]);
    expect(inputs.some((p) => p.endsWith('lib/ledger/changes.ts'))).toBe(true);
  });
});

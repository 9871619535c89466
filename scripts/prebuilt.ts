import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

/**
 * Prebuilt modules (`*.prebuilt.ts`) compute data from data: the words every penalty pattern needs, the lexicons
 * in the form the matchers read. Node (tsx, Vitest) runs them as they are, at load; the extension's build runs
 * them once and ships their exports as constants, so no frame of a page recomputes them at start, and the code
 * that computes them (the pattern analysis) stays out of the bundles.
 */
export const PREBUILT_MODULE = /\.prebuilt\.ts$/;

/** The module's exports, computed now and written as constants; `inputs` are the files it read. */
export async function prebuiltModuleSource(file: string): Promise<{ code: string; inputs: string[] }> {
  const out = await build({
    entryPoints: [file],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', out.outputFiles[0]!.text)(module, module.exports);
  const lines = Object.keys(module.exports)
    .sort()
    .map((name) => {
      if (name === 'default') throw new Error(`${file}: a prebuilt module has named exports only`);
      return `export const ${name} = ${constant(module.exports[name], name)};`;
    });
  return { code: `${lines.join('\n')}\n`, inputs: Object.keys(out.metafile.inputs).map((input) => resolve(input)) };
}

/** JavaScript source that evaluates to `value`: data only (no functions, no class instances but RegExp, Map, Set). */
function constant(value: unknown, path: string): string {
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'string')
    return JSON.stringify(value) ?? 'undefined';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path}: ${value} is not written as a constant`);
    return Object.is(value, -0) ? '-0' : String(value);
  }
  if (Array.isArray(value)) {
    return `[${Array.from(value.keys(), (k) => {
      if (!(k in value)) throw new Error(`${path}[${k}]: a hole in an array`);
      return constant(value[k], `${path}[${k}]`);
    }).join(',')}]`;
  }
  if (value instanceof RegExp) {
    if (value.lastIndex !== 0) throw new Error(`${path}: a RegExp in use (lastIndex ${value.lastIndex})`);
    return `/${value.source}/${value.flags}`;
  }
  if (value instanceof Map) return `new Map(${constant([...value], path)})`;
  if (value instanceof Set) return `new Set(${constant([...value], path)})`;
  const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    throw new Error(`${path}: ${typeof value === 'object' ? proto?.constructor?.name : typeof value} is not data`);
  }
  const entries = Object.entries(value as object).map(([k, v]) => `${JSON.stringify(k)}:${constant(v, `${path}.${k}`)}`);
  return `{${entries.join(',')}}`;
}

// by module file, for every build of the process (WXT makes a plugin per group of entry points)
const computed = new Map<string, { code: string; inputs: string[]; stamp: string }>();
const stampOf = (files: readonly string[]): string => files.map((f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? -1).join();

/**
 * The extension's build: every prebuilt module becomes its exports. Each is computed once per run of the build
 * (which bundles its entry points one group at a time), again only when a file it read has changed.
 */
export function prebuiltModules(): Plugin {
  return {
    name: 'cca:prebuilt-modules',
    enforce: 'pre',
    async load(id) {
      const file = id.split('?')[0] ?? '';
      if (!PREBUILT_MODULE.test(file)) return null;
      let done = computed.get(file);
      if (!done || stampOf(done.inputs) !== done.stamp) {
        const { code, inputs } = await prebuiltModuleSource(file);
        done = { code, inputs, stamp: stampOf(inputs) };
        computed.set(file, done);
      }
      for (const input of done.inputs) this.addWatchFile(input);
      return { code: done.code, map: null };
    },
  };
}

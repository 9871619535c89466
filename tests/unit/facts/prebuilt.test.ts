import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { prebuiltModuleSource } from '../../../scripts/prebuilt';

// The extension ships the prebuilt modules (lib/facts/*.prebuilt.ts) as the constants they compute at build; Node
// computes them at load. Both must read every text alike.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FACTS = join(ROOT, 'lib/facts');
const PREBUILT = readdirSync(FACTS).filter((f) => f.endsWith('.prebuilt.ts'));
const work = mkdtempSync(join(tmpdir(), 'cca-prebuilt-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A prebuilt module as the extension's build writes it, imported. */
async function asBuilt(file: string): Promise<{ code: string; exports: Record<string, unknown> }> {
  const { code } = await prebuiltModuleSource(join(FACTS, file));
  const out = join(work, file.replace(/\.ts$/, '.mjs'));
  writeFileSync(out, code);
  return { code, exports: (await import(/* @vite-ignore */ pathToFileURL(out).href)) as Record<string, unknown> };
}

/** Every string of a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

// The real-decisions corpus: every text of every case, and each case's texts as one; the lexicons' words.
const CASES = join(ROOT, 'tests/fixtures/real-decisions/cases');
const caseTexts = readdirSync(CASES).map((f) => strings(JSON.parse(readFileSync(join(CASES, f), 'utf8'))));
const lexiconTexts = ['rules/law-domains.json', 'rules/field-lexicon.json'].flatMap((f) =>
  strings(JSON.parse(readFileSync(join(ROOT, f), 'utf8'))),
);
const TEXTS = [...caseTexts.flat(), ...caseTexts.map((t) => t.join('。')), ...lexiconTexts];

type Facts = {
  penalties: typeof import('../../../lib/facts/penalties');
  discretion: typeof import('../../../lib/facts/discretion');
  flags: typeof import('../../../lib/facts/flags');
};
const loadFacts = async (): Promise<Facts> => ({
  penalties: await import('../../../lib/facts/penalties'),
  discretion: await import('../../../lib/facts/discretion'),
  flags: await import('../../../lib/facts/flags'),
});

/** What the facts layer reads from a text through the prebuilt patterns. */
function readings({ penalties, discretion, flags }: Facts, text: string): unknown {
  return {
    penalties: penalties.parsePenalties(text),
    fine: penalties.fineInText(text),
    confiscation: penalties.confiscationInText(text),
    level: discretion.aggravationFromText(text),
    transfer: flags.criminalTransferInText(text),
  };
}

describe('prebuilt modules', () => {
  it('are found', () => {
    expect(PREBUILT).toEqual(expect.arrayContaining(['penalties.prebuilt.ts', 'discretion.prebuilt.ts', 'flags.prebuilt.ts']));
  });

  it.each(PREBUILT)('%s: the build writes constants equal to what Node computes at load, importing nothing', async (file) => {
    const built = await asBuilt(file);
    expect(built.code).not.toMatch(/\bimport\b|\brequire\(/);
    const atLoad = (await import(/* @vite-ignore */ pathToFileURL(join(FACTS, file)).href)) as Record<string, unknown>;
    expect({ ...built.exports }).toEqual({ ...atLoad });
  });

  describe('the facts read through the built constants equal those read through constants computed at load', () => {
    let built: Facts;
    let atLoad: Facts;
    beforeAll(async () => {
      atLoad = await loadFacts();
      vi.resetModules();
      for (const file of PREBUILT) {
        const { exports } = await asBuilt(file);
        vi.doMock(join(FACTS, file), () => exports);
      }
      built = await loadFacts();
      vi.resetModules();
      for (const file of PREBUILT) vi.doUnmock(join(FACTS, file));
    });

    it('the two are different modules', () => {
      expect(built.penalties).not.toBe(atLoad.penalties);
    });

    it(`on the real-decisions corpus and the lexicons (${TEXTS.length} texts)`, () => {
      let read = 0;
      for (const text of TEXTS) {
        const b = readings(built, text);
        expect(b, text).toEqual(readings(atLoad, text));
        if ((b as { penalties: { penalties: unknown[] } }).penalties.penalties.length > 0) read++;
      }
      // the corpus exercises the patterns: most cases name a penalty somewhere
      expect(read).toBeGreaterThan(caseTexts.length);
    });
  });
});

describe('prebuiltModuleSource', () => {
  const write = (name: string, body: string): string => {
    const file = join(work, name);
    writeFileSync(file, body);
    return file;
  };

  it('writes data: strings, numbers, arrays, objects, RegExps, Maps and Sets', async () => {
    const file = write(
      'data.prebuilt.ts',
      "export const A = { s: 'a\\u2028`${b}`', n: [-0, 1.5, null], re: /[/]x(?<!y)/g, m: new Map([[1, new Set(['z'])]]), u: undefined };",
    );
    const { code } = await prebuiltModuleSource(file);
    const out = join(work, 'data.mjs');
    writeFileSync(out, code);
    const { A } = (await import(/* @vite-ignore */ pathToFileURL(out).href)) as { A: Record<string, unknown> };
    expect(A).toEqual({ s: 'a\u2028`${b}`', n: [-0, 1.5, null], re: /[/]x(?<!y)/g, m: new Map([[1, new Set(['z'])]]), u: undefined });
    expect(Object.is((A.n as number[])[0], -0)).toBe(true);
  });

  it.each([
    ['a function', 'export const f = () => 1;'],
    ['a class instance', 'export const d = new Date(0);'],
    ['a RegExp in use', "export const r = /a/g; r.exec('a');"],
    ['a default export', 'export default 1;'],
    ['an array with a hole', 'export const h = [1, , 2];'],
  ])('refuses %s', async (_, body) => {
    await expect(prebuiltModuleSource(write(`bad-${body.length}.prebuilt.ts`, body))).rejects.toThrow();
  });
});

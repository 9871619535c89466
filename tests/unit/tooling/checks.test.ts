// The code checks `npm test` counts (ESLint, Prettier, knip, tsc) fail on a violation with this project's own
// configuration, and pass the same code once it is fixed: a check that cannot fail would count a pass for nothing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SLOW = 120_000;

describe('ESLint with the project config', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const rulesHit = async (code: string, file: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
    return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId);
  };

  it('reports an unused variable in lib/, and nothing once it is used', { timeout: SLOW }, async () => {
    expect(await rulesHit('export function f(): number {\n  const unused = 1;\n  return 2;\n}\n', 'lib/probe.ts')).toContain(
      '@typescript-eslint/no-unused-vars',
    );
    expect(await rulesHit('export function f(): number {\n  const used = 1;\n  return used;\n}\n', 'lib/probe.ts')).toEqual([]);
  });

  it('reports a hook called under a condition in a component', { timeout: SLOW }, async () => {
    const component = (body: string) =>
      `import { useState } from 'react';\nexport function Probe({ on }: { on: boolean }) {\n${body}\n  return null;\n}\n`;
    expect(await rulesHit(component('  if (on) useState(0);'), 'components/Probe.tsx')).toContain('react-hooks/rules-of-hooks');
    expect(await rulesHit(component('  const [n] = useState(on ? 1 : 0);\n  void n;'), 'components/Probe.tsx')).toEqual([]);
  });
});

describe('Prettier with the project config', () => {
  const file = join(ROOT, 'lib/probe.ts');

  it('rejects double quotes and a missing semicolon, and accepts the house style', async () => {
    const options = { ...(await prettier.resolveConfig(file)), filepath: file };
    expect(await prettier.check('export const s = "text"\n', options)).toBe(false);
    expect(await prettier.check("export const s = 'text';\n", options)).toBe(true);
  });

  it('checks code but leaves the rule packs and fixture pages alone', async () => {
    const ignored = async (path: string) =>
      (await prettier.getFileInfo(join(ROOT, path), { ignorePath: [join(ROOT, '.gitignore'), join(ROOT, '.prettierignore')] })).ignored;
    expect(await ignored('lib/rules/assess.ts')).toBe(false);
    expect(await ignored('scripts/test.mjs')).toBe(false);
    expect(await ignored('rules/order44-2021.json')).toBe(true);
    expect(await ignored('tests/fixtures/demo/legacy/js/cfjds.js')).toBe(true);
  });
});

describe('knip', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cca-knip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const knip = () =>
    spawnSync(process.execPath, [join(ROOT, 'node_modules/knip/bin/knip.js'), '--directory', dir, '--no-progress', '--no-config-hints'], {
      encoding: 'utf8',
    });

  it('fails on an unused file and an unused export, and passes once both are gone', { timeout: SLOW }, () => {
    write('package.json', JSON.stringify({ name: 'knip-probe', private: true, type: 'module' }));
    write('knip.json', JSON.stringify({ entry: ['src/main.ts'], project: ['src/**/*.ts'] }));
    write('src/main.ts', "import { used } from './parts';\nconsole.log(used);\n");
    write('src/parts.ts', 'export const used = 1;\nexport const forgotten = 2;\n');
    write('src/orphan.ts', 'export const orphan = 3;\n');
    const failing = knip();
    expect(failing.status).not.toBe(0);
    expect(failing.stdout).toContain('src/orphan.ts');
    expect(failing.stdout).toContain('forgotten');

    rmSync(join(dir, 'src/orphan.ts'));
    write('src/parts.ts', 'export const used = 1;\n');
    const passing = knip();
    expect(passing.stdout + passing.stderr).toBe('');
    expect(passing.status).toBe(0);
  });
});

describe('tsc with the project compiler options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cca-tsc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const errors = (code: string) => {
    const file = join(dir, 'probe.ts');
    writeFileSync(file, code);
    const program = ts.createProgram([file], { ...parsed.options, noEmit: true, types: [] });
    return ts.getPreEmitDiagnostics(program).map((d) => d.code);
  };

  it('reports an unchecked index access (noUncheckedIndexedAccess), and nothing once it is checked', { timeout: SLOW }, () => {
    expect(errors('export const first = (xs: number[]): number => xs[0];\n')).toContain(2322);
    expect(errors('export const first = (xs: number[]): number => xs[0] ?? 0;\n')).toEqual([]);
  });
});

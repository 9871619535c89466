// `npm run read` (scripts/read.ts): what the reader sees on a saved page or in a diagnosis, in headless Chromium.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const DECISION = resolve('tests/fixtures/frameworks/word-export/decision.html');

function read(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/read.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cca-read-'));
});
test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('reads a saved decision: its keys and verdict', () => {
  const r = read([DECISION, '--json', '--at', '2026-12-03']);
  expect(r.status, r.stderr).toBe(0);
  const reading = JSON.parse(r.stdout);
  expect(reading.keys).toMatchObject({ decisionNo: '苏吴市监处罚〔2024〕312号', decisionDate: '二〇二四年六月十八日' });
  expect(reading.keys.penalty).toContain('四、吊销食品经营许可证');
  expect(reading).toMatchObject({ verdict: 'must-list', unlisted: 'yes', formKind: 'penalty', missingCore: [] });
});

test('a diagnosis holds no value and reads back as the same structure; a page made from it too', () => {
  const diagnosis = join(dir, 'decision.diagnosis.json');
  const fixture = join(dir, 'decision.fixture.html');
  expect(read([DECISION, '--diagnosis', diagnosis, '--at', '2026-12-03']).status).toBe(0);
  const text = readFileSync(diagnosis, 'utf8');
  for (const value of ['苏州某某食品有限公司', '91320506MA27QW5LX1', '312号', '1557000', '二〇二四年六月十八日', '王某某']) {
    expect(text).not.toContain(value);
  }
  const r = read([diagnosis, '--json', '--fixture', fixture, '--at', '2026-12-03']);
  expect(r.status, r.stderr).toBe(0);
  const keys = Object.keys(JSON.parse(r.stdout).keys).sort();
  expect(keys).toEqual(Object.keys(JSON.parse(text).keys).sort());
  expect(readFileSync(fixture, 'utf8')).toContain('示例有限公司');
});

test('a file that is no diagnosis gets a clear message in Chinese', () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"fields": 3}');
  const r = read([bad]);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/诊断文件格式不对/);
});

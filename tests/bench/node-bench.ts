/**
 * Node-side benches for `npm run bench`: one JSON line per figure, each beside a baseline measured here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditFile, parseOnly } from '../../lib/rules/audit';
import { bundledPacks, translatorFromMessages, type MessageEntry } from '../../lib/rules';
import { generateCaseExport } from './gen-cases';

function row(section: string, figure: string, value: string, baselineName: string, baseline: string, goal = ''): void {
  console.log(JSON.stringify({ section, figure, value, baselineName, baseline, goal }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function auditThroughput(n: number): Promise<void> {
  const bytes = generateCaseExport(n);
  const file = { name: 'bench.csv', source: bytes };
  const messages = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/zh_CN/messages.json'), 'utf8')) as Record<string, MessageEntry>;
  const t = translatorFromMessages(messages);
  const parse: number[] = [];
  const audit: number[] = [];
  for (let i = 0; i < 3; i++) {
    let t0 = performance.now();
    const rows = await parseOnly(file);
    parse.push(rows / ((performance.now() - t0) / 1000));
    t0 = performance.now();
    const run = await auditFile(file, { at: '2026-11-22', packs: bundledPacks, t });
    let audited = 0;
    for await (const batch of run.rows) audited += batch.length;
    audit.push(audited / ((performance.now() - t0) / 1000));
  }
  const a = median(audit);
  const p = median(parse);
  row(`audit ${n.toLocaleString('en')} rows`, 'cases/s (parse + facts + assessment)', a.toFixed(0), 'parse the file alone, rows/s', p.toFixed(0), `goal > 20000 · ${(a / p).toFixed(2)} of parse`);
}

await auditThroughput(100_000);

import { readFileSync } from 'node:fs';
import { auditFile, parseOnly } from './lib/rules/audit';
import { bundledPacks, translatorFromMessages } from './lib/rules';
import { generateCaseExport } from './tests/bench/gen-cases';
const t = translatorFromMessages(JSON.parse(readFileSync('./public/_locales/zh_CN/messages.json','utf8')));
const N = 30000;
const bytes = generateCaseExport(N);
for (let k = 0; k < 3; k++) {
  let c0 = process.cpuUsage(); let w0 = performance.now();
  await parseOnly({ name: 'x.csv', source: bytes });
  let c = process.cpuUsage(c0); const pw = performance.now() - w0;
  const pcpu = (c.user + c.system) / 1000;
  c0 = process.cpuUsage(); w0 = performance.now();
  const run = await auditFile({ name: 'x.csv', source: bytes }, { at: '2025-01-01', packs: bundledPacks, t });
  for await (const b of run.rows) {}
  c = process.cpuUsage(c0); const aw = performance.now() - w0;
  const acpu = (c.user + c.system) / 1000;
  console.log(`parse cpu ${pcpu.toFixed(0)}ms wall ${pw.toFixed(0)}ms (${(N/pcpu*1000).toFixed(0)}/s cpu); audit cpu ${acpu.toFixed(0)}ms wall ${aw.toFixed(0)}ms → ${(N/acpu*1000).toFixed(0)}/s per cpu-second`);
}

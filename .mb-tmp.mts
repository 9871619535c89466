import { readFileSync } from 'node:fs';
import { extractFactsFromRecord } from './lib/facts';
import { assess, bundledPacks, translatorFromMessages, formatReason } from './lib/rules';
import { generateCaseRows } from './tests/bench/gen-cases';
const t = translatorFromMessages(JSON.parse(readFileSync('./public/_locales/zh_CN/messages.json','utf8')));
const keys = ['decisionNo','partyName','uscc','violation','violation2','legalBasis','penalty','fineAmount','decisionDate','authority','listingDecision'];
const recs = [...generateCaseRows(20000)].map(c => ({ decisionNo: c[0], partyName: c[1], uscc: c[2], violation: c[4] + '；' + c[3], legalBasis: c[5], penalty: c[6], fineAmount: c[7], decisionDate: c[8], authority: c[9], listingDecision: c[10] }));
for (let k = 0; k < 3; k++) {
  let t0 = performance.now();
  const facts = recs.map(r => extractFactsFromRecord(r as any, { units: { fineAmount: 'wan' } }));
  const te = performance.now() - t0; t0 = performance.now();
  const as = facts.map(f => assess(f, bundledPacks, { today: '2025-01-01' }));
  const ta = performance.now() - t0; t0 = performance.now();
  let n = 0; for (const a of as) for (const r of a.reasons) n += formatReason(r, t, a.pack?.id).length;
  const tf = performance.now() - t0;
  console.log(`extract ${(te/20).toFixed(1)}us assess ${(ta/20).toFixed(1)}us format ${(tf/20).toFixed(1)}us per row (x1000/20000)`);
}

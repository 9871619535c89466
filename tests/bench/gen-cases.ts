import templates from '../fixtures/demo/data/export-rows.json' with { type: 'json' };
import { csvRow } from '../../lib/io/csv';
import { seededRandom } from '../seeded';

/**
 * Realistic rows of a case export for the audit bench: the 30 demo export rows (every verdict path, the
 * national publicity-table headers, 罚款金额 in 万元) as templates, each copy with its own decision number,
 * party name, date and amounts. Deterministic for a seed.
 */

export const EXPORT_HEADER = [
  '行政处罚决定书文号',
  '被处罚单位名称',
  '统一社会信用代码',
  '违法行为类型',
  '违法的主要事实',
  '行政处罚依据',
  '行政处罚内容',
  '罚款金额（万元）',
  '作出决定的日期',
  '作出决定的机关名称',
  '是否列入严重违法失信名单',
] as const;

interface Template {
  decisionNo: string;
  party: string;
  uscc: string;
  type: string;
  facts: string;
  basis: string;
  content: string;
  fineWan: string;
  date: string;
  authority: string;
  listed: string;
}

const TEMPLATES = templates as readonly Template[];
const WORDS = ['恒泰', '瑞丰', '宏达', '嘉禾', '鑫源', '永安', '华盛', '佳和', '新锐', '德隆', '锦程', '惠民', '康泰', '百汇'];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `n` data rows (without the header), cells in EXPORT_HEADER order. */
export function* generateCaseRows(n: number, seed = 1): Generator<string[]> {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  for (let i = 0; i < n; i++) {
    const t = pick(TEMPLATES);
    const year = t.date ? 2021 + Math.floor(rnd() * 5) : 0;
    // Keep the templates that are about the date (施行前, 2013) on their own date.
    const keepDate = !t.date || t.date < '2021-09-01' || !/^\d{4}-\d{2}-\d{2}$/.test(t.date);
    const date = keepDate ? t.date : `${year}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
    const serial = 1 + Math.floor(rnd() * 9000);
    const decisionNo = t.decisionNo ? t.decisionNo.replace(/\d+号$/, `${serial}号`) : '';
    // 上海金穗营养食品有限公司 → 上海恒泰营养食品有限公司; a natural person's name stays.
    const party = t.party.startsWith('上海') ? `上海${pick(WORDS)}${t.party.slice(4)}` : t.party;
    const scale = 0.5 + rnd();
    const fineWan = t.fineWan && /^\d+(?:\.\d+)?$/.test(t.fineWan) ? String(Math.round(Number(t.fineWan) * scale * 100) / 100) : t.fineWan;
    yield [decisionNo, party, t.uscc, t.type, t.facts, t.basis, t.content, fineWan, date, t.authority, t.listed];
  }
}

/** A whole export as CSV text: UTF-8 BOM, CRLF, the header then `n` rows. */
export function generateCaseExportText(n: number, seed = 1): string {
  const lines: string[] = [csvRow(EXPORT_HEADER)];
  for (const row of generateCaseRows(n, seed)) lines.push(csvRow(row, { neutralize: false }));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same export as bytes, ready for readTable / auditFile. */
export function generateCaseExport(n: number, seed = 1): Uint8Array {
  return new TextEncoder().encode(generateCaseExportText(n, seed));
}

/**
 * How the 工作情况表 is counted (DOMAIN.md §8), as text shown beside the table and attached to exports,
 * so a reader of the table knows what was counted. Kept here as data (zh + en) next to the code it
 * describes; tests pin the behaviour each sentence states.
 */
export interface CountingRule {
  id: 'source' | 'period' | 'listed' | 'repeatOffenders' | 'exposed' | 'domain' | 'total' | 'merge';
  zh: string;
  en: string;
}

export const COUNTING_RULES: readonly CountingRule[] = [
  {
    id: 'source',
    zh: '统计对象为本机台账中记录的案件（含合并导入的其他单位台账）；未在台账中记录的案件不计入。',
    en: 'Only cases recorded in this ledger are counted (including ledgers merged from other units).',
  },
  {
    id: 'period',
    zh: '日期按北京时间的日历日计算，统计期间的起止日期均包含在内。',
    en: 'Dates are calendar dates in China Standard Time; both ends of the period are included.',
  },
  {
    id: 'listed',
    zh: '列入严重违法失信名单（件）：列入日期在统计期间内的案件数；同一案件（以行政处罚决定书文号识别，无文号时以案件编号识别）只计一件。',
    en: 'Listed (cases): cases whose listing date falls in the period; one per case (decision number, else case number).',
  },
  {
    id: 'repeatOffenders',
    zh: '集中公示“屡禁不止、屡罚不改”经营主体户数（户）：集中公示日期在统计期间内的不同经营主体户数；同一经营主体（以统一社会信用代码识别，无代码时以规范化后的名称识别，名称与某一代码的记录相同时视为该代码的经营主体）只计一户。一户在期间内有多个领域的记录时，只计入其最近一次公示记录所属领域的那一行（公示日期相同时，计入表中靠前的那一行）。',
    en:
      'Repeat offenders publicised (parties): distinct parties (credit code, else normalised name; a name matching a ' +
      'record with a code is that party) whose publicity date falls in the period. A party recorded in several ' +
      'domains counts only in the row of its latest publicity record (on the same date: the row higher in the table).',
  },
  {
    id: 'exposed',
    zh: '宣传曝光典型案例（件）：曝光日期在统计期间内的案件数；同一案件只计一件。',
    en: 'Typical cases exposed (cases): cases whose exposure date falls in the period; one per case.',
  },
  {
    id: 'domain',
    zh: '监管领域按所匹配的《市场监督管理严重违法失信名单管理办法》条款确定：第五条 食品安全；第六条 药品、医疗器械、化妆品；第七条 质量安全；第八条 侵害消费者权益；第九条 破坏公平竞争秩序和扰乱市场秩序；第十条、第十一条或未匹配条款的 其他；未匹配条款时按所引法律确定；记录时可由办案人员更正。',
    en:
      'Row: the domain of the Order 44 article matched (Art. 5 food; 6 drugs, devices, cosmetics; 7 quality; ' +
      '8 consumers; 9 competition and market order; 10, 11 or none: other), else of the laws cited; the handler ' +
      'may correct it when recording.',
  },
  {
    id: 'total',
    zh: '合计：每个案件、每户经营主体只属于一个领域，合计等于各行之和，且同一案件、同一户不重复计数。',
    en: 'Total: every case and every party belongs to exactly one row, so the total equals the sum of the rows and counts nothing twice.',
  },
  {
    id: 'merge',
    zh: '合并多个单位的台账时按案件标识去重，同一案件只计一次；按填报单位统计时，列入日期、曝光日期、公示日期各自只计入最先记录该日期的单位（同一案件由甲单位记录列入、乙单位记录曝光时，列入计入甲，曝光计入乙），因此合并其他单位的台账不改变本单位的统计。',
    en:
      'Merged ledgers are deduplicated by case identity, so a case counts once. In a per-unit table each date (listing, exposure, ' +
      'publicity) counts only for the unit that first recorded it (unit A records the listing, unit B the exposure: the listing ' +
      'counts for A, the exposure for B), so merging other units’ ledgers never changes a unit’s own table.',
  },
];

/** The rules as sentences in one language, in display order. */
export function countingRules(locale: 'zh' | 'en' = 'zh'): string[] {
  return COUNTING_RULES.map((r) => r[locale]);
}

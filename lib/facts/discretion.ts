import { foldWidth, mayMatch, removeSpace } from '../text';
import { TEXT_LEVELS } from './discretion.prebuilt';
import { negatedAt } from './penalties';
import type { Aggravation } from './schema';

export interface AggravationParse {
  level: Aggravation;
  /** the words that set the level */
  text: string | null;
  /** 'aggravation-unrecognised' | 'aggravation-conflict' */
  problem?: string;
}

const NONE: AggravationParse = { level: 'unstated', text: null };

/**
 * The discretion level stated in a field (从重处罚, 一般, 从轻, 减轻, 不予处罚). A yes/no answer counts when the
 * field's label asks about 从重 (`是否从重处罚：是`); "no" is read as the ordinary level, since the verdict only
 * distinguishes 从重 from the rest.
 */
export function aggravationFromField(value: string, label = ''): AggravationParse {
  const v = removeSpace(foldWidth(value));
  if (v === '') return NONE;
  if (/^(?:是|有|√|✓|true|yes)$/i.test(v) && /从重/.test(label)) return { level: '从重', text: value };
  if (/^(?:否|无|×|false|no)$/i.test(v) && /从重/.test(label)) return { level: '一般', text: value };
  if (/不予(?:行政)?处罚|免予处罚|免于处罚/.test(v)) return { level: '不予处罚', text: value };
  const neg = /不予|不|未|无/.test(v.replace(/一般|减轻|从轻|从重/g, ''));
  if (!neg) {
    if (/从重/.test(v)) return { level: '从重', text: value };
    if (/减轻/.test(v)) return { level: '减轻', text: value };
    if (/从轻/.test(v)) return { level: '从轻', text: value };
    if (/^(?:一般|中等|普通|一般处罚|一般裁量|一般情形|一般情节)/.test(v)) return { level: '一般', text: value };
  }
  return { level: 'unstated', text: value, problem: 'aggravation-unrecognised' };
}

// A level word listed after another one (`从轻、减轻情形`, `从轻或者减轻`) shares the negation before the first.
const LISTED_AFTER = /(?:从轻|从重|减轻|不予处罚)(?:、|或者|或|和|及|以及|,)$/;

/** True when the level phrase at `index` is negated, directly or as a later member of a negated list. */
function negatedLevelAt(folded: string, index: number): boolean {
  let i = index;
  for (let steps = 0; steps < 4; steps++) {
    if (negatedAt(folded, i)) return true;
    const before = LISTED_AFTER.exec(folded.slice(Math.max(0, i - 8), i));
    if (!before) return false;
    i -= before[0].length;
  }
  return false;
}

/**
 * The discretion level stated in free text (penalty content, legal basis, violation, case cause) wherever it
 * stands: `依法从重处罚`, `按照从重处罚原则`, `顶格处罚`, `处以最高罚款`, `依法从轻`, `减轻处罚`, `不予处罚`.
 * Negated phrases (`不予从重`, `不具有从重处罚情形`) do not count. 从重 together with 从轻/减轻 is a conflict the
 * form must settle: the level is then unstated. `folded` is foldWidth(text), when the caller has it.
 */
export function aggravationFromText(text: string, folded = foldWidth(text)): AggravationParse {
  const hits = new Map<Aggravation, string>();
  for (const { level, re, literals } of TEXT_LEVELS) {
    if (!mayMatch(literals, folded)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      if (negatedLevelAt(folded, m.index)) continue;
      hits.set(level, text.slice(m.index, m.index + m[0].length));
      break;
    }
  }
  const heavy = hits.get('从重');
  const light = hits.get('减轻') ?? hits.get('从轻');
  if (heavy !== undefined && light !== undefined) {
    return { level: 'unstated', text: `${heavy}／${light}`, problem: 'aggravation-conflict' };
  }
  if (heavy !== undefined) return { level: '从重', text: heavy };
  if (hits.has('减轻')) return { level: '减轻', text: hits.get('减轻')! };
  if (hits.has('从轻')) return { level: '从轻', text: hits.get('从轻')! };
  if (hits.has('一般')) return { level: '一般', text: hits.get('一般')! };
  if (hits.has('不予处罚')) return { level: '不予处罚', text: hits.get('不予处罚')! };
  return NONE;
}

import { requiredLiterals } from '../text';
import type { Aggravation } from './schema';

// The discretion levels of discretion.ts as decisions word them. A prebuilt module (scripts/prebuilt.ts): the
// extension's build computes the words each pattern needs once and ships the result.

// Each level as decisions state it in the penalty, the basis or the facts; the comments say what each catches.
const TEXT_LEVEL_PATTERNS: ReadonlyArray<[Exclude<Aggravation, 'unstated'>, RegExp]> = [
  [
    '从重',
    // 从重处罚 / 从重处以 / 从重作出 / 从重情节…, also paired as 从重从严 / 从重从快 (从重从严行政处罚); 按照从重处罚原则;
    // 依法从重; 顶格处罚; 处以最高(额)罚款
    /从重(?:从[严快])?(?:处罚|处以|罚款|处理|给予|予以|作出|实施|的?行政处罚|裁量|情节|情形|档次|阶次)|(?:按照?|依照|依据|适用)从重(?:处罚)?原则|(?<=依法|依法予以)从重|顶格(?:处罚|罚款|处以|给予|裁量)|处以(?:法定)?最高|处(?:法定)?最高(?:额|限额|罚款)/g,
  ],
  // 减轻处罚 / 减轻情节…; 依法减轻
  ['减轻', /减轻(?:行政)?处罚|减轻(?:处理|裁量|情节|情形|档次|阶次)|(?<=依法|依法予以)减轻/g],
  // 从轻处罚, 从轻或者减轻处罚, 从轻情节…; 依法从轻, 予以从轻
  ['从轻', /从轻(?:或者?减轻)?(?:行政)?处罚|从轻(?:处理|裁量|情节|情形|档次|阶次)|(?<=依法|予以)从轻/g],
  // 一般处罚 / 一般情节…, 按一般
  ['一般', /(?:一般|中等)(?:处罚|裁量|情节|情形|档次|阶次)|按一般/g],
  // 不予处罚, 免予行政处罚 (weakest: counts only when no other level is stated)
  ['不予处罚', /(?:不予|免予|免于)(?:行政)?处罚/g],
];
// Most texts state no level: the words every match contains let the patterns be skipped.
export const TEXT_LEVELS = TEXT_LEVEL_PATTERNS.map(([level, re]) => ({ level, re, literals: requiredLiterals(re.source, re.flags) }));

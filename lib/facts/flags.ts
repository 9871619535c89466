import { foldWidth, mayMatch, removeSpace } from '../text';
import { TRANSFER_IN_TEXT, TRANSFER_IN_TEXT_LITERALS } from './flags.prebuilt';
import { negatedAt } from './penalties';
import type { FormKind } from './schema';
import type { LogicalKey } from './keys';

function squash(s: string): string {
  return removeSpace(foldWidth(s)).replace(/[。.；;]+$/, '');
}

const YES = /^(?:是|有|√|✓|☑|true|yes|y|1)$/i;
const NO = /^(?:否|无|不|×|✗|☐|false|no|n|0)$/i;

/** Listing decision (是否列入严重违法失信名单): 是/已列入/拟列入 → yes; 否/未列入/不予列入/暂不列入 → no. */
export function parseListingDecision(value: string): 'yes' | 'no' | null {
  const v = squash(value);
  if (v === '') return null;
  if (NO.test(v) || /未列入|不列入|不予列入|暂不列入|不拟列入|无需列入|不需要?列入|不应列入|不符合列入|未列严|不列严/.test(v)) {
    return 'no';
  }
  if (YES.test(v) || /列入|列严/.test(v)) return 'yes';
  return null;
}

const TRANSFER_NO = /未移送|不移送|不予移送|无需移送|不需要?移送|未涉嫌|不涉嫌|不构成犯罪|未达到?(?:刑事)?立案(?:追诉)?标准/;
const TRANSFER_YES = /移送|移交|涉嫌(?:犯罪|刑事)/;

/** Criminal transfer (是否移送公安/司法机关) from its field. */
export function parseCriminalTransfer(value: string): boolean | null {
  const v = squash(value);
  if (v === '') return null;
  if (NO.test(v) || TRANSFER_NO.test(v)) return false;
  if (YES.test(v) || TRANSFER_YES.test(v)) return true;
  return null;
}

/**
 * An explicit, non-negated transfer to the police or judiciary in a narrative text; else null (not stated).
 * `folded` is foldWidth(text), when the caller has it.
 */
export function criminalTransferInText(text: string, folded = foldWidth(text)): { text: string } | null {
  if (!mayMatch(TRANSFER_IN_TEXT_LITERALS, folded)) return null;
  TRANSFER_IN_TEXT.lastIndex = 0;
  for (let m = TRANSFER_IN_TEXT.exec(folded); m !== null; m = TRANSFER_IN_TEXT.exec(folded)) {
    if (negatedAt(folded, m.index)) continue;
    return { text: text.slice(m.index, m.index + m[0].length) };
  }
  return null;
}

/**
 * Approval mode of a licensing form: 告知承诺 → commitment; 一般程序/普通/不适用告知承诺 → ordinary. A yes/no
 * answer counts when the label asks about 告知承诺 (`是否适用告知承诺制：是`).
 */
export function parseApprovalMode(value: string, label = ''): 'commitment' | 'ordinary' | null {
  const v = squash(value);
  if (v === '') return null;
  if (/告知承诺/.test(label) && YES.test(v)) return 'commitment';
  const i = v.indexOf('告知承诺');
  if (i >= 0) return negatedAt(v, i) ? 'ordinary' : 'commitment';
  if (/一般程序|普通|常规|一般审批|实质审查|现场核查|审查|审批|否/.test(v)) return 'ordinary';
  return null;
}

const PENALTY_KEYS: readonly LogicalKey[] = ['penalty', 'fineAmount', 'legalBasis', 'decisionNo', 'aggravation', 'violation'];
const HEADING_KINDS: ReadonlyArray<[FormKind, RegExp]> = [
  ['penalty', /行政处罚|处罚|立案|案件|违法/],
  ['licensing', /许可|审批|登记|备案|申请|受理|告知承诺|准予/],
  ['inspection', /检查|抽查|巡查|核查|检验/],
  ['penalty', /决定书|告知书/],
];

/** Form kind: penalty keys on the form settle it; else the headings; else a licensing key. */
export function formKindOf(headings: readonly string[], keys: ReadonlySet<LogicalKey>): FormKind {
  return formKindFrom(headings, (key) => keys.has(key));
}

/** formKindOf with the keys present told by a function (no set to build for every case). */
export function formKindFrom(headings: readonly string[], has: (key: LogicalKey) => boolean): FormKind {
  if (PENALTY_KEYS.some(has)) return 'penalty';
  const text = foldWidth(headings.join(' '));
  for (const [kind, re] of HEADING_KINDS) if (re.test(text)) return kind;
  return has('approvalMode') ? 'licensing' : 'other';
}

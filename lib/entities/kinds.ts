import { z } from 'zod';
import type { ListKind } from '../db/schema';
import { codeKey, messageCode, userMessage, type MessageKey, type UserMessage } from '../messages';
import { foldDecisionNo, foldWidth, isIsoDate, normalizeSpace, parseDate, removeSpace } from '../text';

/** 重点领域企业清单 sections (seed 004 annex). */
export type KeyDomainSection = 'food-production' | 'special-equipment';
export const KEY_DOMAIN_SECTION_TITLES: Record<KeyDomainSection, string> = {
  'food-production': '食品生产企业',
  'special-equipment': '特种设备获证企业',
};

/** General enterprise credit risk classes (国市监信发〔2022〕6号): A low … D high. */
export type RiskClass = 'A' | 'B' | 'C' | 'D';

/** 严重违法失信名单 row. */
interface SeriousRow {
  name: string;
  code: string;
  listingDate: string;
  reason: string;
  authority: string;
  removalDate: string | null;
}
/** 承诺不实 record. */
interface CommitmentRow {
  name: string;
  code: string;
  date: string;
  matter: string;
  repaired: boolean;
}
/** 重点领域企业清单 row. */
interface KeyDomainRow {
  name: string;
  code: string;
  section: KeyDomainSection | null;
  seq: string;
  licenceNo: string;
  note: string;
}
/** 信用风险分类 result. */
interface RiskRow {
  name: string;
  code: string;
  riskClass: RiskClass;
  date: string;
}
/** Past administrative penalty, for repeat-offender counting. */
interface PenaltyRow {
  name: string;
  code: string;
  /** folded (foldDecisionNo) */
  decisionNo: string;
  date: string;
  creditRepaired: boolean;
}

export interface RowByKind {
  serious: SeriousRow;
  commitment: CommitmentRow;
  'key-domain': KeyDomainRow;
  risk: RiskRow;
  'penalty-history': PenaltyRow;
}

/** A stored row: the validated fields plus where it came from and whether its code passed the check. */
export type EntityRow<K extends ListKind = ListKind> = { [P in K]: RowByKind[P] & { kind: P; line: number; codeOk: boolean } }[K];

type FieldType = 'text' | 'date' | 'date?' | 'bool' | 'section' | 'class';

/**
 * Columns of each kind in storage and export order (after the common name and code), with their type.
 * The order is part of the stored format: append new fields at the end only.
 */
export const KIND_FIELDS = {
  serious: [
    ['listingDate', 'date'],
    ['reason', 'text'],
    ['authority', 'text'],
    ['removalDate', 'date?'],
  ],
  commitment: [
    ['date', 'date'],
    ['matter', 'text'],
    ['repaired', 'bool'],
  ],
  'key-domain': [
    ['section', 'section'],
    ['seq', 'text'],
    ['licenceNo', 'text'],
    ['note', 'text'],
  ],
  risk: [
    ['riskClass', 'class'],
    ['date', 'date'],
  ],
  'penalty-history': [
    ['decisionNo', 'text'],
    ['date', 'date'],
    ['creditRepaired', 'bool'],
  ],
} as const satisfies Record<ListKind, readonly (readonly [string, FieldType])[]>;

export type FieldName = 'name' | 'code' | (typeof KIND_FIELDS)[ListKind][number][0];

/** Chinese column titles, as exported list files head their columns (data of the file, not of the interface). */
const FIELD_LABELS: Record<FieldName, string> = {
  name: '企业名称',
  code: '统一社会信用代码',
  listingDate: '列入日期',
  reason: '列入原因',
  authority: '作出决定机关',
  removalDate: '移出日期',
  date: '日期',
  matter: '承诺事项',
  repaired: '是否修复',
  section: '类别',
  seq: '序号',
  licenceNo: '许可证编号',
  note: '备注',
  riskClass: '风险分类',
  decisionNo: '行政处罚决定书文号',
  creditRepaired: '是否信用修复',
};

/** Per-kind titles where the generic one would be vague. */
const KIND_LABELS: Partial<Record<ListKind, Partial<Record<FieldName, string>>>> = {
  commitment: { date: '认定日期' },
  risk: { date: '分类日期' },
  'penalty-history': { date: '处罚决定日期' },
};

export function fieldLabel(kind: ListKind, field: FieldName): string {
  return KIND_LABELS[kind]?.[field] ?? FIELD_LABELS[field];
}

// The kinds whose field has a title of its own in the interface, where the generic one would be vague.
const KIND_FIELD_KEYS: Partial<Record<ListKind, Partial<Record<FieldName, MessageKey>>>> = {
  commitment: { date: 'import_field_date_commitment' },
  risk: { date: 'import_field_date_risk' },
  'penalty-history': { date: 'import_field_date_penalty_history' },
};

/** A list field's title in the interface (`import_field_<field>`, or the kind's own). */
export function fieldTitleKey(kind: ListKind, field: FieldName): MessageKey {
  return KIND_FIELD_KEYS[kind]?.[field] ?? codeKey('import_field_', field);
}

// The titles the row checks name, made once: a million-row import names them per cell.
const titleOf = (kind: ListKind, field: FieldName): UserMessage => userMessage(fieldTitleKey(kind, field));
const TITLE = {
  name: titleOf('serious', 'name'),
  code: titleOf('serious', 'code'),
  listingDate: titleOf('serious', 'listingDate'),
  reason: titleOf('serious', 'reason'),
  authority: titleOf('serious', 'authority'),
  removalDate: titleOf('serious', 'removalDate'),
  matter: titleOf('commitment', 'matter'),
  repaired: titleOf('commitment', 'repaired'),
  section: titleOf('key-domain', 'section'),
  seq: titleOf('key-domain', 'seq'),
  licenceNo: titleOf('key-domain', 'licenceNo'),
  note: titleOf('key-domain', 'note'),
  riskClass: titleOf('risk', 'riskClass'),
  decisionNo: titleOf('penalty-history', 'decisionNo'),
  creditRepaired: titleOf('penalty-history', 'creditRepaired'),
  commitmentDate: titleOf('commitment', 'date'),
  riskDate: titleOf('risk', 'date'),
  penaltyDate: titleOf('penalty-history', 'date'),
};

/** Every field of a kind, in storage/export order. */
export function kindFields(kind: ListKind): FieldName[] {
  return ['name', 'code', ...KIND_FIELDS[kind].map(([f]) => f)];
}

export function fieldType(kind: ListKind, field: FieldName): FieldType {
  if (field === 'name' || field === 'code') return 'text';
  const found = (KIND_FIELDS[kind] as readonly (readonly [string, FieldType])[]).find(([f]) => f === field);
  return found ? found[1] : 'text';
}

const NAME_SYNONYMS = [
  '企业名称',
  '名称',
  '当事人',
  '当事人名称',
  '市场主体名称',
  '经营主体名称',
  '主体名称',
  '单位名称',
  '企业机构名称',
  '被处罚单位名称',
  '被处罚单位',
  '被处罚人',
  '被处罚人名称',
  '列入主体名称',
  '经营者名称',
  '申请人',
  '申请人名称',
  '商户名称',
  '企业名字',
  '公司名称',
];
const CODE_SYNONYMS = [
  '统一社会信用代码',
  '统一社会信用代码注册号',
  '统一社会信用代码/注册号',
  '统一社会信用代码或注册号',
  '信用代码',
  '社会信用代码',
  '统一代码',
  '注册号',
  '主体代码',
  '企业代码',
  '统一社会信用代码或身份证件号码',
  '统一社会信用代码身份证号',
];

/**
 * Header synonyms per kind and field, for lib/io's matchHeaders (headers and synonyms normalised; exact
 * matches win, then the longest synonym a header contains). Earlier synonyms are preferred.
 */
export const LIST_HEADER_SYNONYMS: { [K in ListKind]: Partial<Record<FieldName, readonly string[]>> } = {
  serious: {
    name: NAME_SYNONYMS,
    code: CODE_SYNONYMS,
    listingDate: [
      '列入日期',
      '列入时间',
      '列入严重违法失信名单日期',
      '列入严重违法失信名单时间',
      '列严日期',
      '列入决定日期',
      '作出列入决定日期',
      '作出列入决定的日期',
      '列入名单日期',
    ],
    reason: [
      '列入原因',
      '列入事由',
      '列入严重违法失信名单原因',
      '列入严重违法失信名单事由',
      '列入依据',
      '违法行为',
      '违法事实',
      '主要违法事实',
      '事由',
      '原因',
    ],
    authority: [
      '作出决定机关',
      '作出决定的机关',
      '作出决定机关名称',
      '作出决定的机关名称',
      '列入机关',
      '列入决定机关',
      '决定机关',
      '作出列入决定机关',
      '作出列入决定的机关',
      '列入决定作出机关',
    ],
    removalDate: ['移出日期', '移出时间', '移出名单日期', '提前移出日期', '移除日期', '移出严重违法失信名单日期'],
  },
  commitment: {
    name: NAME_SYNONYMS,
    code: CODE_SYNONYMS,
    date: ['认定日期', '认定时间', '承诺不实认定日期', '发现日期', '核查日期', '记录日期', '处理日期', '作出决定日期', '日期'],
    matter: ['承诺事项', '事项', '事项名称', '许可事项', '审批事项', '涉及事项', '承诺内容', '承诺不实事项', '不实内容', '承诺不实情形'],
    repaired: ['是否修复', '是否已修复', '修复情况', '修复状态', '信用修复', '是否信用修复', '已修复'],
  },
  'key-domain': {
    section: ['类别', '企业类别', '清单类别', '类型', '企业类型', '领域', '所属领域', '重点领域', '重点领域类别'],
    seq: ['序号'],
    name: NAME_SYNONYMS,
    code: CODE_SYNONYMS,
    licenceNo: [
      '许可证编号',
      '许可证号',
      '证书编号',
      '许可证书编号',
      '许可编号',
      '生产许可证编号',
      '食品生产许可证编号',
      '特种设备生产许可证编号',
      '许可证书号',
    ],
    note: ['备注', '说明'],
  },
  risk: {
    name: NAME_SYNONYMS,
    code: CODE_SYNONYMS,
    riskClass: [
      '风险分类',
      '风险等级',
      '风险类别',
      '信用风险分类',
      '信用风险等级',
      '信用风险类别',
      '分类结果',
      '风险分类结果',
      '信用风险分类结果',
      '分类',
      '类别',
      '等级',
    ],
    date: ['分类日期', '分类时间', '评价日期', '评定日期', '分类月份', '数据日期', '更新日期', '日期'],
  },
  'penalty-history': {
    name: NAME_SYNONYMS,
    code: CODE_SYNONYMS,
    decisionNo: [
      '行政处罚决定书文号',
      '决定书文号',
      '处罚决定书文号',
      '文号',
      '决定文书号',
      '行政处罚决定文书号',
      '处罚文书号',
      '决定书编号',
      '处罚决定书编号',
      '行政处罚决定书编号',
    ],
    date: [
      '作出决定的日期',
      '作出决定日期',
      '作出行政处罚决定日期',
      '作出处罚决定日期',
      '处罚决定日期',
      '决定日期',
      '处罚日期',
      '处罚决定书签发日期',
      '决定书签发日期',
      '日期',
    ],
    creditRepaired: ['是否信用修复', '是否已信用修复', '信用修复', '已信用修复', '信用修复情况', '修复情况', '是否修复', '是否已修复'],
  },
};

/**
 * Column groups a file must have, per kind: each inner list is satisfied by any one of its fields.
 * The risk date may instead come from the list's data date.
 */
export const REQUIRED_FIELDS: Record<ListKind, readonly (readonly FieldName[])[]> = {
  serious: [['name', 'code'], ['listingDate']],
  commitment: [['name', 'code'], ['date']],
  'key-domain': [['name', 'code']],
  risk: [['code'], ['riskClass'], ['date']],
  'penalty-history': [['name', 'code'], ['decisionNo'], ['date']],
};

// ── cell parsers used by the row schemas ──

/**
 * Longest text a stored field may hold, in characters: free text (reasons, matters, notes) up to
 * TEXT_MAX; names, codes and numbers far less. A longer cell makes the row invalid, with its reason.
 */
const TEXT_MAX = 2000;
const FIELD_MAX: Partial<Record<FieldName, number>> = {
  name: 200,
  code: 64,
  authority: 200,
  decisionNo: 200,
  seq: 32,
  licenceNo: 64,
};
const maxOf = (field: FieldName): number => FIELD_MAX[field] ?? TEXT_MAX;

/** 是/否 and their variants; null when the text says neither. */
export function parseYesNo(s: string): boolean | null {
  const t = removeSpace(foldWidth(s)).toUpperCase();
  if (t === '') return false;
  if (/^(是|已修复|已信用修复|修复|已|Y|YES|TRUE|1|√)$/.test(t)) return true;
  if (/^(否|未修复|未信用修复|不|无|没有|N|NO|FALSE|0|×|-)$/.test(t)) return false;
  return null;
}

/** A/B/C/D, also as the Chinese class names (信用风险低/一般/较高/高; Hunan's 较低 is the lowest). */
export function parseRiskClass(s: string): RiskClass | null {
  const t = removeSpace(foldWidth(s))
    .toUpperCase()
    .replace(/^信用风险/, '')
    .replace(/风险$/, '')
    .replace(/类$/, '');
  if (/^[ABCD]$/.test(t)) return t as RiskClass;
  if (t === '低' || t === '较低') return 'A';
  if (t === '一般') return 'B';
  if (t === '较高') return 'C';
  if (t === '高') return 'D';
  return null;
}

/** Section from a cell such as `食品生产企业`, `一、特种设备获证企业`, `食品 生产 企业（含特殊食品）`, `食品`. */
export function parseSection(s: string): KeyDomainSection | null {
  const t = removeSpace(foldWidth(s));
  if (t === '' || t.length > 60) return null;
  const core = t.replace(/^\(?[一二三四五六七八九十\d]+[)、.]?/, '').replace(/\(.*\)$/, '');
  if (/^(特殊)?食品(生产)?(企业)?(清单)?$/.test(core)) return 'food-production';
  if (/^特种设备(获证|生产)?(企业|单位)?(清单)?$/.test(core)) return 'special-equipment';
  return null;
}

/** ISO date from a cell: the common ISO spelling directly, anything else through parseDate. */
function cellDate(s: string): string | null {
  return s.length === 10 && isIsoDate(s) ? s : parseDate(s);
}

/**
 * Remembers a pure cell parser's answers: list files repeat the same dates, 是/否 and classes millions of
 * times, and parsing them again would dominate the import.
 */
function memo<T>(f: (s: string) => T, max = 8192): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    if (cache.has(s)) return cache.get(s) as T;
    if (cache.size >= max) cache.clear();
    const v = f(s);
    cache.set(s, v);
    return v;
  };
}

const dateOf = memo(cellDate);
const yesNoOf = memo(parseYesNo);
const riskClassOf = memo(parseRiskClass);
const sectionOf = memo(parseSection);

function clip(s: string): string {
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}

// Most cells hold no whitespace at all; normalizeSpace would return them unchanged.
const WHITESPACE = /[\s\u200b-\u200d]/;

type Errors = UserMessage[];

function tooLong(label: UserMessage, max: number): UserMessage {
  return userMessage('listRow_tooLong', label, max);
}

function text(s: string, field: FieldName, label: UserMessage, errors: Errors, required = false): string {
  const t = WHITESPACE.test(s) ? normalizeSpace(s) : s;
  const max = maxOf(field);
  if (required && t === '') errors.push(userMessage('listRow_empty', label));
  else if (t.length > max) errors.push(tooLong(label, max));
  return t;
}

function date(s: string, label: UserMessage, errors: Errors): string {
  const t = s.trim();
  if (t === '') {
    errors.push(userMessage('listRow_empty', label));
    return '';
  }
  const d = dateOf(t);
  if (d === null) errors.push(userMessage('listRow_badDate', label, clip(t)));
  return d ?? '';
}

function optionalDate(s: string, label: UserMessage, errors: Errors): string | null {
  const t = s.trim();
  if (t === '') return null;
  const d = dateOf(t);
  if (d === null) errors.push(userMessage('listRow_badDate', label, clip(t)));
  return d;
}

function yesNo(s: string, label: UserMessage, errors: Errors): boolean {
  const v = yesNoOf(s);
  if (v === null) errors.push(userMessage('listRow_badYesNo', label, clip(s.trim())));
  return v ?? false;
}

/** The party's name; the code is only trimmed and capped (an invalid code keeps the row and is flagged by importList). */
const nameOf = (r: Record<string, string>, e: Errors) => text(r.name ?? '', 'name', TITLE.name, e);

function codeOf(r: Record<string, string>, e: Errors): string {
  const code = (r.code ?? '').trim();
  if (code.length > maxOf('code')) e.push(tooLong(TITLE.code, maxOf('code')));
  return code;
}

function needNameOrCode(row: { name: string; code: string }, errors: Errors): void {
  if (row.name === '' && row.code === '') errors.push(userMessage('listRow_nameAndCodeEmpty', TITLE.name, TITLE.code));
}

/** What a row check found wrong, as a custom issue's `params` carries it (the issue's message is its code). */
export function rowProblem(issue: { message: string; params?: Record<string, unknown> }): UserMessage {
  const m = issue.params?.problem as UserMessage | undefined;
  return m ?? userMessage('listRow_invalid', issue.message);
}

// One error list reused by every row: a transform runs synchronously and hands its errors to zod at once.
const rowErrors: Errors = [];

/**
 * A row schema: every field of the kind as a string (missing columns as ''), converted in one transform
 * (one per row rather than one per cell keeps a million-row import fast). Each problem names the column's field
 * and rides in its issue's `params` (rowProblem).
 */
function rowSchema<K extends ListKind>(
  kind: K,
  convert: (r: Record<string, string>, errors: Errors) => RowByKind[K],
): z.ZodType<RowByKind[K], Record<string, string>> {
  const shape: Record<string, z.ZodString> = {};
  for (const f of kindFields(kind)) shape[f] = z.string();
  return z.object(shape).transform((r, ctx) => {
    rowErrors.length = 0;
    const row = convert(r as Record<string, string>, rowErrors);
    for (const problem of rowErrors) ctx.addIssue({ code: 'custom', message: messageCode(problem), params: { problem } });
    return row;
  }) as unknown as z.ZodType<RowByKind[K], Record<string, string>>;
}

/** Row schemas per kind: mapped cells in, typed row out. */
export const ROW_SCHEMAS: { [K in ListKind]: z.ZodType<RowByKind[K], Record<string, string>> } = {
  serious: rowSchema('serious', (r, e) => {
    const row: SeriousRow = {
      name: nameOf(r, e),
      code: codeOf(r, e),
      listingDate: date(r.listingDate ?? '', TITLE.listingDate, e),
      reason: text(r.reason ?? '', 'reason', TITLE.reason, e),
      authority: text(r.authority ?? '', 'authority', TITLE.authority, e),
      removalDate: optionalDate(r.removalDate ?? '', TITLE.removalDate, e),
    };
    needNameOrCode(row, e);
    if (row.removalDate !== null && row.listingDate !== '' && row.removalDate < row.listingDate) {
      e.push(userMessage('listRow_removalBeforeListing', TITLE.removalDate, TITLE.listingDate));
    }
    return row;
  }),
  commitment: rowSchema('commitment', (r, e) => {
    const row: CommitmentRow = {
      name: nameOf(r, e),
      code: codeOf(r, e),
      date: date(r.date ?? '', TITLE.commitmentDate, e),
      matter: text(r.matter ?? '', 'matter', TITLE.matter, e),
      repaired: yesNo(r.repaired ?? '', TITLE.repaired, e),
    };
    needNameOrCode(row, e);
    return row;
  }),
  'key-domain': rowSchema('key-domain', (r, e) => {
    const cell = (r.section ?? '').trim();
    const section = cell === '' ? null : sectionOf(cell);
    if (cell !== '' && section === null) {
      e.push(userMessage('listRow_badSection', TITLE.section, clip(cell)));
    }
    const row: KeyDomainRow = {
      name: nameOf(r, e),
      code: codeOf(r, e),
      section,
      seq: text(r.seq ?? '', 'seq', TITLE.seq, e),
      licenceNo: text(r.licenceNo ?? '', 'licenceNo', TITLE.licenceNo, e),
      note: text(r.note ?? '', 'note', TITLE.note, e),
    };
    needNameOrCode(row, e);
    return row;
  }),
  risk: rowSchema('risk', (r, e) => {
    const name = nameOf(r, e);
    const code = codeOf(r, e);
    if (code === '') e.push(userMessage('listRow_empty', TITLE.code));
    const cell = (r.riskClass ?? '').trim();
    const riskClass = riskClassOf(cell);
    if (riskClass === null) {
      e.push(userMessage('listRow_badRiskClass', TITLE.riskClass, clip(cell)));
    }
    return { name, code, riskClass: riskClass ?? 'A', date: date(r.date ?? '', TITLE.riskDate, e) };
  }),
  'penalty-history': rowSchema('penalty-history', (r, e) => {
    const row: PenaltyRow = {
      name: nameOf(r, e),
      code: codeOf(r, e),
      decisionNo: foldDecisionNo(text(r.decisionNo ?? '', 'decisionNo', TITLE.decisionNo, e, true)),
      date: date(r.date ?? '', TITLE.penaltyDate, e),
      creditRepaired: yesNo(r.creditRepaired ?? '', TITLE.creditRepaired, e),
    };
    needNameOrCode(row, e);
    return row;
  }),
};

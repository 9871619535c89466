// 导出诊断 (issue 13, item 8): the structure of a page's form as the reader sees it, with every value masked, so a
// handler or IT staff can send it without sending case data; and the way back, a page reproducing that structure
// with placeholder values, so a field report becomes a test.
import { z } from 'zod';
import { makeValidUscc } from '../party';
import { normalizeSpace } from '../text';
import { OVERLAY_HOST_TAG, isVisible, textOf } from './dom';
import type { PlanItem } from './items';
import { inspectForm, type FormInspection, type ReadResult } from './read';
import type { FieldSnapshot } from './types';
import { attrOf, classNameOf, firstNodeOf, nextNodeOf, nodeTypeOf, ownerDocumentOf, rectOf, shadowOf, tagOf } from './native';

const DIAGNOSIS_VERSION = 1;

/** One node of the page's skeleton: an element (tag, kept attributes, box) or a text. */
interface DiagnosisNode {
  /** tag; absent for a text */
  t?: string;
  /** element id within the diagnosis, referenced by fields */
  n?: number;
  /** attributes kept, masked where they could carry case data */
  a?: Record<string, string>;
  /** text, masked */
  x?: string;
  /** box in page coordinates: left, top, width, height (CSS pixels, rounded) */
  b?: [number, number, number, number];
  /** not shown */
  h?: 1;
  c?: DiagnosisNode[];
}

interface DiagnosedField {
  /** skeleton node of the field, of its label, and of the other blocks a document field is read from */
  node: number | null;
  labelNode: number | null;
  parts?: number[];
  kind: string;
  labelSource: string;
  /** the label as shown when it is the form's own wording, else masked */
  label: string;
  labelKept: boolean;
  readOnly: boolean;
  /** logical key the field was mapped to, when a mapper was given */
  key?: string;
  /** what the value looks like, never the value */
  value: { empty: boolean; length: number; shape: string };
  filter?: true;
}

export interface FormDiagnosis {
  version: typeof DIAGNOSIS_VERSION;
  tool: 'credit-case-assistant';
  page: { origin: string; path: string; title: string; viewport: [number, number]; layout: boolean };
  headings: string[];
  fields: DiagnosedField[];
  /** logical key → index in `fields` */
  keys: Record<string, number>;
  /** what the reader saw and did not read */
  unread: Array<{ node: number | null; what: 'field' | 'text'; reason: 'hidden' | 'cap' | 'unpaired'; kind?: string; label?: string }>;
  frames: Array<{ node: number | null; src: string; reachable: boolean; diagnosis?: FormDiagnosis }>;
  tree: DiagnosisNode;
  /** the skeleton was cut at its node cap */
  truncated: boolean;
}

export interface DiagnoseOptions {
  /** locator → logical key(s, comma-joined) of the mapped fields (lib/facts' readCase, passed in: lib/form precedes it) */
  mapKeys?: (snapshot: FieldSnapshot) => Record<string, string>;
  /** words kept as they are in masked text (the field lexicon's labels); the built-in list covers the rest */
  vocabulary?: readonly string[];
  /** cap on skeleton nodes (default 6000) */
  maxNodes?: number;
}

/** Form and document wording, never case data: kept in masked text so the structure stays readable. */
const BASE_VOCABULARY = [
  '行政处罚决定书',
  '行政处罚',
  '处罚决定',
  '决定书',
  '告知书',
  '审批表',
  '审核表',
  '立案',
  '案件',
  '案由',
  '编号',
  '文号',
  '当事人',
  '名称',
  '姓名',
  '统一社会信用代码',
  '注册号',
  '身份证件号码',
  '身份证',
  '号码',
  '法定代表人',
  '负责人',
  '经营者',
  '住所',
  '住址',
  '地址',
  '经营场所',
  '类型',
  '主体',
  '违法事实',
  '违法行为',
  '事实',
  '证据',
  '处罚依据',
  '依据',
  '根据',
  '规定',
  '决定',
  '如下',
  '本局',
  '处罚内容',
  '处罚种类',
  '种类',
  '内容',
  '罚款',
  '警告',
  '通报批评',
  '没收',
  '违法所得',
  '非法财物',
  '吊销',
  '暂扣',
  '许可证',
  '营业执照',
  '责令',
  '停产停业',
  '关闭',
  '限制',
  '从业',
  '金额',
  '数额',
  '人民币',
  '万元',
  '元',
  '裁量',
  '等级',
  '等次',
  '阶次',
  '从重',
  '从轻',
  '减轻',
  '一般',
  '不予',
  '处罚',
  '日期',
  '时间',
  '年',
  '月',
  '日',
  '号',
  '第',
  '条',
  '款',
  '项',
  '机关',
  '市场监督管理局',
  '市场监管局',
  '监管局',
  '是否',
  '列入',
  '严重违法失信名单',
  '移送',
  '公安机关',
  '司法机关',
  '监管领域',
  '领域',
  '食品安全',
  '药品',
  '医疗器械',
  '化妆品',
  '质量安全',
  '消费者',
  '权益',
  '公平竞争',
  '其他',
  '是',
  '否',
  '有',
  '无',
  '请选择',
  '请输入',
  '选择',
  '输入',
  '查询',
  '搜索',
  '重置',
  '保存',
  '提交',
  '返回',
  '审批',
  '审核',
  '意见',
  '备注',
  '附件',
  '有限公司',
  '有限责任公司',
  '股份',
  '公司',
  '个体工商户',
  '中华人民共和国',
  '法',
  '条例',
  '办法',
  '审批方式',
  '告知承诺',
  '一般程序',
  '经查',
  '违反',
  '构成',
  '认为',
  '详情',
  '信息',
  '基本',
];

type Masker = (s: string) => string;

/** Every character of a value replaced by its kind: Han 某, digit 0, letter x; spacing and punctuation kept. */
export function maskValue(s: string): string {
  return s
    .replace(/\p{Script=Han}/gu, '某')
    .replace(/[0-9０-９〇○零一二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]/g, '0')
    .replace(/[A-Za-zＡ-Ｚａ-ｚ]/g, 'x');
}

/** Masks text but keeps the form's vocabulary (labels, legal and UI words); digits never survive. */
function makeMasker(vocabulary: readonly string[]): Masker {
  const words = [...new Set([...BASE_VOCABULARY, ...vocabulary])]
    .map((w) => w.replace(/[0-9０-９]/g, ''))
    .filter((w) => w.length > 0)
    .sort((a, b) => b.length - a.length);
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = escaped.length > 0 ? new RegExp(escaped.join('|'), 'g') : null;
  return (s) => {
    if (!re) return maskValue(s);
    let out = '';
    let at = 0;
    re.lastIndex = 0;
    for (let m = re.exec(s); m !== null; m = re.exec(s)) {
      out += maskValue(s.slice(at, m.index)) + m[0];
      at = m.index + m[0].length;
    }
    return out + maskValue(s.slice(at));
  };
}

function shapeOf(value: string): DiagnosedField['value'] {
  const v = value.trim();
  const kinds: string[] = [];
  if (/\p{Script=Han}/u.test(v)) kinds.push('han');
  if (/[0-9]/.test(v)) kinds.push('digit');
  if (/[A-Za-z]/.test(v)) kinds.push('latin');
  if (/[^\p{Script=Han}0-9A-Za-z\s]/u.test(v)) kinds.push('mark');
  return { empty: v === '', length: v.length, shape: kinds.join('+') };
}

/** Ids and names: kept for the structure, long digit runs (case numbers) masked. */
function maskName(s: string): string {
  return s.replace(/\d{3,}/g, (d) => '0'.repeat(d.length)).replace(/\p{Script=Han}/gu, '某');
}

/**
 * Ids and names of one diagnosis: each distinct digit run (3+ digits) or Han run stands for a number of its own,
 * so generated ids (`textfield-1012-inputEl`) stay distinct and every `for`/`aria-labelledby` still points at its
 * element, while no number or word of the page's survives.
 */
function makeNameMasker(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) =>
    s.replace(/\d{3,}|\p{Script=Han}+/gu, (run) => {
      let out = seen.get(run);
      if (out === undefined) {
        const n = String(seen.size + 1);
        out = /\d/.test(run) ? n.padStart(run.length, '0') : `某${n}`;
        seen.set(run, out);
      }
      return out;
    });
}

function maskUrl(href: string): { origin: string; path: string } {
  try {
    const u = new URL(href);
    return { origin: u.origin, path: maskName(u.pathname) };
  } catch {
    return { origin: '', path: '' };
  }
}

// The attributes a diagnosis keeps; no checked, selected or aria-checked: which option is chosen is the value
const KEPT_ATTRS = [
  'type',
  'role',
  'colspan',
  'rowspan',
  'tabindex',
  'contenteditable',
  'readonly',
  'disabled',
  'hidden',
  'multiple',
  'aria-haspopup',
  'aria-hidden',
  'aria-disabled',
  'aria-readonly',
  'align',
  'lang',
];
/** Class words telling which option is chosen (is-checked, layui-form-radioed, ant-select-item-option-selected). */
const STATE_CLASS = /checked|selected|radioed/i;
const NAME_ATTRS = ['id', 'name', 'for', 'aria-labelledby'];
const WORD_ATTRS = ['placeholder', 'aria-label'];
const SKIPPED_TAGS = new Set(['script', 'style', 'template', 'noscript', 'link', 'meta', 'head', OVERLAY_HOST_TAG]);
const VOID_CONTENT = new Set(['svg', 'canvas', 'video', 'audio', 'object', 'embed', 'img', 'picture']);

interface Walk {
  ids: Map<Element, number>;
  count: number;
  max: number;
  truncated: boolean;
  layout: boolean;
  mask: Masker;
  /** ids and names, distinct ones kept distinct */
  maskId: (s: string) => string;
  /** elements whose text is a value: masked whole */
  values: Set<Element>;
  /** elements whose text is a label kept as shown */
  kept: Set<Element>;
  frames: Element[];
}

function boxOf(el: Element, win: Window | null): [number, number, number, number] | undefined {
  const r = rectOf(el);
  if (r.width <= 0 && r.height <= 0) return undefined;
  const sx = win?.scrollX ?? 0;
  const sy = win?.scrollY ?? 0;
  return [Math.round(r.left + sx), Math.round(r.top + sy), Math.round(r.width), Math.round(r.height)];
}

function skeleton(el: Element, w: Walk, inValue: boolean, inKept: boolean): DiagnosisNode | null {
  if (w.count >= w.max) {
    w.truncated = true;
    return null;
  }
  const tag = tagOf(el);
  if (SKIPPED_TAGS.has(tag)) return null;
  const id = w.count++;
  w.ids.set(el, id);
  const node: DiagnosisNode = { t: tag, n: id };
  const a: Record<string, string> = {};
  const cls = classNameOf(el).trim();
  const shownClasses = cls
    .split(/\s+/)
    .filter((c) => c && !STATE_CLASS.test(c))
    .join(' ');
  if (shownClasses) a.class = shownClasses.replace(/\p{Script=Han}/gu, '某');
  for (const name of KEPT_ATTRS) {
    const v = attrOf(el, name);
    if (v !== null) a[name] = maskName(v);
  }
  for (const name of NAME_ATTRS) {
    const v = attrOf(el, name);
    if (v !== null) a[name] = w.maskId(v);
  }
  for (const name of WORD_ATTRS) {
    const v = attrOf(el, name);
    if (v !== null) a[name] = w.mask(v);
  }
  // a title often repeats the value shown (select items, long cells)
  const title = attrOf(el, 'title');
  if (title !== null) a.title = maskValue(title);
  if (Object.keys(a).length > 0) node.a = a;
  const win = ownerDocumentOf(el).defaultView;
  if (w.layout) {
    const b = boxOf(el, win);
    if (b) node.b = b;
  }
  if (!isVisible(el, w.layout)) node.h = 1;
  if (tag === 'iframe' || tag === 'frame') {
    w.frames.push(el);
    return node;
  }
  if (VOID_CONTENT.has(tag)) return node;
  const value = inValue || w.values.has(el);
  const kept = inKept || w.kept.has(el);
  const children: DiagnosisNode[] = [];
  const root = shadowOf(el) ?? el;
  for (let c = firstNodeOf(root); c; c = nextNodeOf(c)) {
    if (nodeTypeOf(c) === 3) {
      const text = normalizeSpace(c.nodeValue ?? '');
      if (!text) continue;
      // option texts and labels are the form's words; values never leave the page
      children.push({ x: value ? maskValue(text) : kept ? text.replace(/[0-9]/g, '0') : w.mask(text) });
    } else if (nodeTypeOf(c) === 1) {
      const child = skeleton(c as Element, w, value, kept);
      if (child) children.push(child);
    }
  }
  if (children.length > 0) node.c = children;
  return node;
}

/** A label kept as shown: the form's own wording, found where labels are written, or naming a key. */
function labelKept(it: PlanItem | null, mapped: boolean): boolean {
  if (!it) return false;
  if (mapped) return true;
  if (['label-for', 'aria', 'enclosing-label', 'placeholder', 'document', 'profile'].includes(it.source)) return true;
  const l = it.labelEl;
  if (l && (/^(label|th|dt|legend)$/.test(tagOf(l)) || /label|title/i.test(classNameOf(l)))) return true;
  return /[：:]\s*$/.test(it.rawLabel);
}

/** Which elements hold values (masked whole) and which labels are kept as shown. */
function textRoles(result: ReadResult, byLocator: Record<string, string>): { values: Set<Element>; kept: Set<Element> } {
  const values = new Set<Element>();
  const kept = new Set<Element>();
  result.items.forEach((it, i) => {
    if (!it) return;
    const f = result.snapshot.fields[i]!;
    // a value shown as text: cells, lines, editable regions and custom widgets (a select drawn with divs)
    if (it.kind === 'cell' || it.kind === 'line' || (!/^(input|select|textarea)$/.test(tagOf(it.el)) && !it.group)) values.add(it.el);
    for (const p of it.parts ?? []) values.add(p);
    if (it.display) values.add(it.display);
    if (it.standIn) values.add(it.standIn);
    if (it.labelEl && it.labelEl !== it.el && labelKept(it, byLocator[f.locator] !== undefined)) kept.add(it.labelEl);
  });
  return { values, kept };
}

type NodeId = (el: Element | null | undefined) => number | null;

/** Each field read: its nodes, kind, label (kept or masked) and the shape of its value, and the first field of each key. */
function diagnosedFields(
  result: ReadResult,
  byLocator: Record<string, string>,
  mask: Masker,
  node: NodeId,
): { fields: DiagnosedField[]; keys: Record<string, number> } {
  const snapshot = result.snapshot;
  const filters = new Set(snapshot.filters ?? []);
  const keys: Record<string, number> = {};
  const fields = snapshot.fields.map((f, i): DiagnosedField => {
    const it = result.items[i] ?? null;
    const key = byLocator[f.locator];
    const isKept = labelKept(it, key !== undefined);
    const d: DiagnosedField = {
      node: node(it?.el),
      labelNode: node(it?.labelEl),
      kind: f.kind,
      labelSource: f.labelSource,
      label: isKept ? (f.rawLabel || f.label).replace(/[0-9]/g, '0') : mask(f.rawLabel || f.label),
      labelKept: isKept,
      readOnly: f.readOnly,
      value: shapeOf(f.value),
    };
    if (it?.parts && it.parts.length > 1) d.parts = it.parts.map((p) => node(p)).filter((n): n is number => n !== null);
    const own = f.key ?? key;
    if (own) {
      d.key = own;
      for (const k of own.split(',')) if (keys[k] === undefined) keys[k] = i;
    }
    if (filters.has(i)) d.filter = true;
    return d;
  });
  return { fields, keys };
}

/** The frames met in the walk, each diagnosed in turn where it can be reached (three levels deep at most). */
function framesOf(w: Walk, node: NodeId, opts: DiagnoseOptions, depth: number): FormDiagnosis['frames'] {
  return w.frames.map((el) => {
    const src = maskUrl((el as HTMLIFrameElement).src ?? '');
    let inner: Document | null;
    try {
      inner = (el as HTMLIFrameElement).contentDocument;
    } catch {
      inner = null;
    }
    const entry: FormDiagnosis['frames'][number] = { node: node(el), src: `${src.origin}${src.path}`, reachable: inner !== null };
    if (inner && depth < 3) entry.diagnosis = diagnoseDocument(inner, opts, depth + 1);
    return entry;
  });
}

/** Fields planned but not read, and label-like text no field took. */
function unreadOf(inspection: FormInspection, node: NodeId, mask: Masker): FormDiagnosis['unread'] {
  return [
    ...inspection.unread.map((it) => ({
      node: node(it.el),
      what: 'field' as const,
      reason: 'hidden' as const,
      kind: it.kind,
      label: labelKept(it, false) ? it.rawLabel : mask(it.rawLabel),
    })),
    ...inspection.unpaired.map((el) => ({ node: node(el), what: 'text' as const, reason: 'unpaired' as const, label: mask(textOf(el)) })),
  ];
}

function diagnoseDocument(doc: Document, opts: DiagnoseOptions, depth: number): FormDiagnosis {
  const mask = makeMasker(opts.vocabulary ?? []);
  const inspection = inspectForm(doc);
  const { result, layout } = inspection;
  const snapshot = result.snapshot;
  const byLocator = opts.mapKeys ? opts.mapKeys(snapshot) : {};
  const { values, kept } = textRoles(result, byLocator);
  const w: Walk = {
    ids: new Map(),
    count: 0,
    max: opts.maxNodes ?? 6000,
    truncated: false,
    layout,
    mask,
    maskId: makeNameMasker(),
    values,
    kept,
    frames: [],
  };
  const tree = (doc.body ? skeleton(doc.body, w, false, false) : null) ?? { t: 'body', n: 0 };
  const node: NodeId = (el) => (el ? (w.ids.get(el) ?? null) : null);
  const { fields, keys } = diagnosedFields(result, byLocator, mask, node);
  const win = doc.defaultView;
  const page = maskUrl(doc.URL);
  return {
    version: DIAGNOSIS_VERSION,
    tool: 'credit-case-assistant',
    page: { ...page, title: mask(normalizeSpace(doc.title ?? '')), viewport: [win?.innerWidth ?? 0, win?.innerHeight ?? 0], layout },
    headings: snapshot.headings.map((h) => mask(h)),
    fields,
    keys,
    unread: unreadOf(inspection, node, mask),
    frames: framesOf(w, node, opts, depth),
    tree,
    truncated: w.truncated || snapshot.truncated,
  };
}

/**
 * The form structure of a page as the reader sees it: labels, element kinds, class names, boxes, frames it can
 * reach, what was read and mapped to which key, and what was not — with every value masked (values, party
 * names and numbers never appear). JSON-serialisable. Reads only; never changes the page.
 */
export function diagnoseForm(root: Document, opts: DiagnoseOptions = {}): FormDiagnosis {
  return diagnoseDocument(root, opts, 0);
}

// ───────────────────────── reading a diagnosis back ─────────────────────────

const NodeSchema: z.ZodType<DiagnosisNode> = z.lazy(() =>
  z.object({
    t: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .optional(),
    n: z.number().int().optional(),
    a: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.string()).optional(),
    x: z.string().optional(),
    b: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
    h: z.literal(1).optional(),
    c: z.array(NodeSchema).optional(),
  }),
);

const FieldSchema = z.object({
  node: z.number().int().nullable(),
  labelNode: z.number().int().nullable(),
  parts: z.array(z.number().int()).optional(),
  kind: z.string(),
  labelSource: z.string(),
  label: z.string(),
  labelKept: z.boolean(),
  readOnly: z.boolean(),
  key: z.string().optional(),
  value: z.object({ empty: z.boolean(), length: z.number(), shape: z.string() }),
  filter: z.literal(true).optional(),
});

const DiagnosisSchema: z.ZodType<FormDiagnosis> = z.lazy(() =>
  z.object({
    version: z.literal(DIAGNOSIS_VERSION),
    tool: z.literal('credit-case-assistant'),
    page: z.object({
      origin: z.string(),
      path: z.string(),
      title: z.string(),
      viewport: z.tuple([z.number(), z.number()]),
      layout: z.boolean(),
    }),
    headings: z.array(z.string()),
    fields: z.array(FieldSchema),
    keys: z.record(z.string(), z.number().int()),
    unread: z.array(
      z.object({
        node: z.number().int().nullable(),
        what: z.enum(['field', 'text']),
        reason: z.enum(['hidden', 'cap', 'unpaired']),
        kind: z.string().optional(),
        label: z.string().optional(),
      }),
    ),
    frames: z.array(
      z.object({ node: z.number().int().nullable(), src: z.string(), reachable: z.boolean(), diagnosis: DiagnosisSchema.optional() }),
    ),
    tree: NodeSchema,
    truncated: z.boolean(),
  }),
);

/** Checks a diagnosis file; a clear message (Chinese) when it is not one. */
export function parseDiagnosis(data: unknown): { ok: true; diagnosis: FormDiagnosis } | { ok: false; error: string } {
  const r = DiagnosisSchema.safeParse(data);
  if (r.success) return { ok: true, diagnosis: r.data };
  const issue = r.error.issues[0];
  return { ok: false, error: `不是本助手导出的诊断文件（${issue ? `${issue.path.join('.') || '根'}：${issue.message}` : '格式不符'}）` };
}

/** Values shown in a page made from a diagnosis: plausible, fictional, of the key's kind. */
const PLACEHOLDERS: Record<string, string> = {
  decisionNo: '示例市监处罚〔2024〕1号',
  caseNo: '示例市监立案〔2024〕1号',
  partyName: '示例有限公司',
  uscc: makeValidUscc('91310000MA1K00000'),
  idNumber: '11010519491231002X',
  partyKind: '有限责任公司',
  legalRep: '示例人',
  address: '示例市示例区示例路1号',
  caseCause: '示例案由',
  violation: '经查，当事人销售超过保质期的食品。',
  legalBasis: '《中华人民共和国食品安全法》第一百二十四条第一款',
  penalty: '罚款人民币10000元',
  fineAmount: '10000',
  confiscation: '1000',
  aggravation: '一般',
  decisionDate: '2024-01-02',
  authority: '示例市市场监督管理局',
  listingDecision: '否',
  criminalTransfer: '否',
  domain: '食品安全',
  approvalMode: '一般程序',
};

/** The placeholder a document block shows: the sentence shapes a rendered decision is read by. */
function documentText(key: string, part: number): string {
  switch (key) {
    case 'legalBasis':
    case 'penalty':
      return part === 0
        ? '依据《中华人民共和国食品安全法》第一百二十四条第一款的规定，本局决定：'
        : `${['一', '二', '三', '四', '五'][part - 1] ?? '六'}、罚款人民币10000元；`;
    case 'decisionDate':
      return '二〇二四年一月二日';
    case 'aggravation':
      // long enough to be read as reasoning, as the diagnosed block was
      return '本局认为，当事人的上述行为构成违法，依法从轻处罚。';
    case 'violation':
      return '经查，当事人销售超过保质期的食品，违反了《中华人民共和国食品安全法》第三十四条的规定。';
    default:
      return PLACEHOLDERS[key] ?? '示例';
  }
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const VOID = new Set(['input', 'br', 'hr', 'img', 'meta', 'link', 'col', 'wbr', 'area', 'base', 'source', 'track', 'embed']);

interface Fill {
  /** node → text replacing its content */
  text: Map<number, string>;
  /** node → value of a control */
  value: Map<number, string>;
  /** radio and checkbox inputs made checked */
  checked: Set<number>;
}

function nodesOf(node: DiagnosisNode, out: Map<number, DiagnosisNode>): Map<number, DiagnosisNode> {
  if (node.t && node.n !== undefined) out.set(node.n, node);
  for (const c of node.c ?? []) nodesOf(c, out);
  return out;
}

const textIn = (node: DiagnosisNode): string => node.x ?? (node.c ?? []).map(textIn).join('');

/** The native radio or checkbox inputs under a node, each with the text shown beside it (its option). */
function choicesIn(node: DiagnosisNode, out: Array<{ n: number; option: string }> = []): Array<{ n: number; option: string }> {
  const kids = node.c ?? [];
  kids.forEach((c, i) => {
    if (c.t === 'input' && c.n !== undefined && /^(radio|checkbox)$/.test(c.a?.type ?? '')) {
      const next = kids[i + 1];
      out.push({ n: c.n, option: (node.t === 'label' ? textIn(node) : next ? textIn(next) : '').trim() });
    } else {
      choicesIn(c, out);
    }
  });
  return out;
}

function fillsOf(d: FormDiagnosis): Fill {
  const fill: Fill = { text: new Map(), value: new Map(), checked: new Set() };
  const nodes = nodesOf(d.tree, new Map());
  const tags = new Map([...nodes].map(([n, node]) => [n, node.t ?? '']));
  for (const f of d.fields) {
    if (f.node === null) continue;
    const key = f.key?.split(',')[0] ?? '';
    const placeholder = PLACEHOLDERS[key] ?? (f.value.empty ? '' : '示例');
    if (f.labelSource === 'document') {
      const blocks = [f.node, ...(f.parts ?? []).filter((n) => n !== f.node)];
      blocks.forEach((n, i) => {
        if (!fill.text.has(n) || key === 'penalty' || key === 'aggravation') fill.text.set(n, documentText(key, i));
      });
    } else if (f.kind === 'line') {
      fill.text.set(f.node, `${f.label}：${placeholder}`);
    } else if (f.kind === 'radio' || f.kind === 'checkbox') {
      // the options are kept; which was chosen is not in the diagnosis: the placeholder's option, else the first
      if (!f.value.empty) {
        const node = nodes.get(f.node) ?? {};
        const choices = node.t === 'input' ? [{ n: f.node, option: '' }] : choicesIn(node);
        const chosen = choices.find((c) => c.option === placeholder) ?? choices[0];
        if (chosen) fill.checked.add(chosen.n);
      }
    } else if (f.kind === 'cell' || f.kind === 'contenteditable' || !/^(input|select|textarea)$/.test(tags.get(f.node) ?? '')) {
      fill.text.set(f.node, placeholder);
    } else {
      fill.value.set(f.node, placeholder);
    }
  }
  return fill;
}

function render(node: DiagnosisNode, parent: DiagnosisNode | null, fill: Fill, layout: boolean, out: string[]): void {
  if (node.t === undefined) {
    out.push(escapeHtml(node.x ?? ''));
    return;
  }
  const attrs: string[] = [];
  for (const [k, v] of Object.entries(node.a ?? {})) attrs.push(`${k}="${escapeHtml(v)}"`);
  const styles: string[] = [];
  if (node.h) styles.push('display:none');
  else if (layout && node.b && parent?.b) {
    // every box where the diagnosed page had it, relative to its parent's box
    const [x, y, w, h] = node.b;
    styles.push(
      `position:absolute;left:${x - parent.b[0]}px;top:${y - parent.b[1]}px;width:${w}px;height:${h}px;margin:0;box-sizing:border-box;overflow:visible`,
    );
  } else if (layout && node.b) {
    styles.push(`position:relative;width:${node.b[2]}px;height:${node.b[3]}px;margin:0`);
  }
  if (styles.length > 0) attrs.push(`style="${styles.join(';')}"`);
  const id = node.n ?? -1;
  const value = fill.value.get(id);
  if (value !== undefined && node.t === 'input') attrs.push(`value="${escapeHtml(value)}"`);
  if (fill.checked.has(id)) attrs.push('checked');
  const open = `<${node.t}${attrs.length > 0 ? ` ${attrs.join(' ')}` : ''}>`;
  out.push(open);
  if (VOID.has(node.t)) return;
  const text = fill.text.get(id);
  if (text !== undefined) {
    out.push(escapeHtml(text));
  } else if (value !== undefined && node.t === 'textarea') {
    out.push(escapeHtml(value));
  } else {
    for (const c of node.c ?? []) render(c, node, fill, layout, out);
    if (value !== undefined && node.t === 'select') out.push(`<option selected>${escapeHtml(value)}</option>`);
  }
  out.push(`</${node.t}>`);
}

/**
 * A page reproducing a diagnosis: the same elements, classes and attributes, each box where it was (when the
 * diagnosis has layout), the form's words as they were, and placeholder values of each field's key in place of
 * the masked values. Frames reachable when diagnosed become inline frames of their own pages (srcdoc).
 */
export function diagnosisToHtml(d: FormDiagnosis): string {
  const fill = fillsOf(d);
  const out: string[] = [];
  const frames = new Map<number, FormDiagnosis>();
  for (const f of d.frames) if (f.node !== null && f.diagnosis) frames.set(f.node, f.diagnosis);
  const withFrames = (node: DiagnosisNode): DiagnosisNode => {
    if ((node.t === 'iframe' || node.t === 'frame') && node.n !== undefined && frames.has(node.n)) {
      return { ...node, a: { ...node.a, srcdoc: diagnosisToHtml(frames.get(node.n)!) } };
    }
    return node.c ? { ...node, c: node.c.map(withFrames) } : node;
  };
  const body = withFrames(d.tree);
  for (const c of body.c ?? []) render(c, d.page.layout ? body : null, fill, d.page.layout, out);
  const bodyStyle = d.page.layout && body.b ? ` style="position:relative;margin:0;min-height:${body.b[3]}px"` : '';
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(d.page.title)}</title></head><body${bodyStyle}>${out.join('')}</body></html>\n`;
}

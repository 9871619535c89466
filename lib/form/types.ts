import { z } from 'zod';

/** How a value was found on the page. */
export const FieldKindSchema = z.enum([
  'text', // input[type=text|number|tel|…]
  'date', // input[type=date] or a date-picker input
  'select', // value = chosen option's text
  'textarea',
  'checkbox', // a group: checked labels joined with 、; a single box: 是 / 否
  'radio', // the checked option's label
  'contenteditable',
  'cell', // read-only table cell / div pair
  'line', // "label：value" line of a rendered document
]);
export type FieldKind = z.infer<typeof FieldKindSchema>;

/** Which step of the label-inference order produced the label (ARCHITECTURE.md). */
export const LabelSourceSchema = z.enum([
  'profile',
  'label-for',
  'aria',
  'enclosing-label',
  'previous-cell',
  'cell-above',
  'previous-text',
  'div-table',
  'dt-dd',
  'placeholder',
  'pair', // read-only label/value pair
  'line',
  'geometry', // the nearest label-like text by layout, for a value no DOM step labelled
  'document', // a rendered document's own structure (文号 under the title, 依据…决定：…, the date above the seal)
]);
export type LabelSource = z.infer<typeof LabelSourceSchema>;

export const SnapshotFieldSchema = z.object({
  /** normalised label: full-width folded, `*：:（）()` and spaces stripped */
  label: z.string(),
  /** label text as shown */
  rawLabel: z.string(),
  value: z.string(),
  kind: FieldKindSchema,
  /** stable CSS-path-like locator, unique within the frame (shadow roots joined with ` >>> `) */
  locator: z.string(),
  labelSource: LabelSourceSchema,
  readOnly: z.boolean(),
  /**
   * logical key a site-profile pin (labelSource 'profile') or the document reader (labelSource 'document')
   * assigned to this field; a string because lib/form precedes lib/facts
   */
  key: z.string().optional(),
});
export type SnapshotField = z.infer<typeof SnapshotFieldSchema>;

export const FieldSnapshotSchema = z.object({
  url: z.string(),
  /** document.title plus visible headings (h1–h3, legend, caption, .title): used to tell the form kind */
  headings: z.array(z.string()),
  fields: z.array(SnapshotFieldSchema),
  /** true when the page shows values as text and has (almost) no editable controls */
  readOnlyView: z.boolean(),
  /** true when the field cap was hit */
  truncated: z.boolean(),
  /**
   * per field (same index), the containers holding it among other fields, outermost first, as ids valid
   * within this snapshot: where two fields could be the same key, the one in the container holding more
   * recognised keys is the case form's
   */
  scopes: z.array(z.array(z.number().int())).optional(),
  /** indices of fields in a search or filter bar (查询/搜索): they filter a list, they are not the case */
  filters: z.array(z.number().int()).optional(),
});
export type FieldSnapshot = z.infer<typeof FieldSnapshotSchema>;

import { z } from 'zod';
import type { MessageKey } from '../messages';
import type { Translate } from '../rules';

/** User settings, kept in the extension's storage.local (never in a host page's origin; ./items.ts). */

/** 较低数额罚款 thresholds (DOMAIN.md §3): set per province, so a setting with presets for the known ones. */
export const LowerAmountFineSchema = z.object({
  individual: z.number().nonnegative(),
  organisation: z.number().nonnegative(),
  /** Shanghai counts the threshold itself as lower (≤); Guizhou and Fujian do not (<) */
  inclusive: z.boolean(),
});
export type LowerAmountFine = z.infer<typeof LowerAmountFineSchema>;

export const LOWER_AMOUNT_PRESETS: Record<string, LowerAmountFine> = {
  shanghai: { individual: 5000, organisation: 50000, inclusive: true },
  guizhou: { individual: 5000, organisation: 50000, inclusive: false },
  fujian: { individual: 5000, organisation: 50000, inclusive: false },
};

export const SettingsSchema = z.object({
  /** 填报单位 */
  unitName: z.string().max(100).default(''),
  /** 记录人 */
  recorderName: z.string().max(50).default(''),
  province: z.string().default(''),
  lowerAmountFine: LowerAmountFineSchema.nullable().default(null),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsField = keyof Settings;

/** What nothing stored yet means (SettingsSchema's defaults). */
export const DEFAULT_SETTINGS: Settings = { unitName: '', recorderName: '', province: '', lowerAmountFine: null };
const SETTINGS_FIELDS: readonly SettingsField[] = ['unitName', 'recorderName', 'province', 'lowerAmountFine'];

export interface CheckedSettings {
  settings: Settings;
  /** stored fields that did not validate: each took its default, the others were kept */
  invalid: SettingsField[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The stored settings, field by field: a damaged field takes its default and is named, so that it never costs the
 * user the fields that are fine. A stored value that is not an object at all names every field.
 */
export function checkSettings(raw: unknown): CheckedSettings {
  if (raw === undefined || raw === null) return { settings: { ...DEFAULT_SETTINGS }, invalid: [] };
  if (!isRecord(raw)) return { settings: { ...DEFAULT_SETTINGS }, invalid: [...SETTINGS_FIELDS] };
  const invalid = SETTINGS_FIELDS.filter((f) => !SettingsSchema.shape[f].safeParse(raw[f]).success);
  const kept = Object.fromEntries(SETTINGS_FIELDS.filter((f) => !invalid.includes(f)).map((f) => [f, raw[f]]));
  return { settings: SettingsSchema.parse(kept), invalid };
}

/** Each field's name on the settings page (locale keys). */
const FIELD_LABELS: Record<SettingsField, MessageKey> = {
  unitName: 'settings_unit',
  recorderName: 'settings_recorder',
  province: 'settings_province',
  lowerAmountFine: 'settings_lowerAmount',
};

/** The damaged stored fields as the settings page names them, in the user's language. */
export function damagedSettingsLabels(invalid: readonly SettingsField[], t: Translate): string[] {
  return invalid.map((f) => t(FIELD_LABELS[f]));
}

/** Overlay placement and collapsed state, remembered per site origin. */
export const OverlayStateSchema = z.object({
  collapsed: z.boolean().default(false),
  right: z.number().default(16),
  top: z.number().default(72),
});

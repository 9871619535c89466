import { z } from 'zod';

/** User settings, kept in the extension's storage.local (never in a host page's origin). */

export const SETTINGS_KEY = 'settings';

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

export function parseSettings(raw: unknown): Settings {
  const parsed = SettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : SettingsSchema.parse({});
}

/** Overlay placement and collapsed state, remembered per site origin. */
export const OverlayStateSchema = z.object({
  collapsed: z.boolean().default(false),
  right: z.number().default(16),
  top: z.number().default(72),
});

export function overlayStateKey(origin: string): string {
  return `overlay:${origin}`;
}

export const PROFILES_KEY = 'profiles';
export const PACKS_KEY = 'rulePacks';

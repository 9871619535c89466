import { useMemo } from 'react';
import { checkSettings, type CheckedSettings } from '../../lib/settings';
import { managedMirrorItem, settingsItem } from '../../lib/settings/items';
import { applyManagedSettings, readManagedMirror, type LockedSetting, type ManagedMirror } from '../../lib/settings/managed';
import { useStoredItem, type Stored } from './storage';

/**
 * The settings in force, as the background applies them (lib/settings/stored.ts loadEffectiveSettings): the
 * administrator's policy over the user's own. `own` is what the user stored, which the settings page edits.
 */
export function useEffectiveSettings() {
  const own: Stored<CheckedSettings> = useStoredItem(settingsItem, checkSettings);
  const mirror: Stored<ManagedMirror> = useStoredItem(managedMirrorItem, readManagedMirror);
  const effective = useMemo(() => applyManagedSettings(own.value.settings, mirror.value.policy), [own.value, mirror.value]);
  return {
    own: own.value,
    mirror: mirror.value,
    settings: effective.settings,
    locked: effective.locked as LockedSetting[],
    loaded: own.loaded && mirror.loaded,
  };
}

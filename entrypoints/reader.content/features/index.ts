import type { FeatureFactory } from '../feature';
import { commitmentFeature } from './commitment';
import { diagnosisFeature } from './diagnosis';
import { fieldsFeature } from './fields';
import { partyFlagsFeature } from './flags';
import { missingKeysFeature } from './missing-keys';
import { pickerFeature } from './picker';
import { recordFeature } from './record';
import { verdictFeature } from './verdict';

/** The overlay's features. Each is one module; the panel orders their views by slot (feature.ts), not by this list. */
export const FEATURES: readonly FeatureFactory[] = [
  verdictFeature,
  commitmentFeature,
  partyFlagsFeature,
  recordFeature,
  missingKeysFeature,
  fieldsFeature,
  pickerFeature,
  diagnosisFeature,
];

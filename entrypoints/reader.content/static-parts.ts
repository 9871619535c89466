import { CommitmentWarning } from '../../components/CommitmentWarning';
import { Picker } from '../../components/Picker';
import { RecordForm } from '../../components/RecordForm';
import type { PartName } from '../../lib/messaging/protocol';
import { partModule, providePart } from './parts';

/** The parts bundled with the reader (until they are injected on demand). */
export async function staticParts(name: PartName): Promise<boolean> {
  if (name === 'record-form') providePart(name, partModule(RecordForm));
  else if (name === 'picker') providePart(name, partModule(Picker));
  else providePart(name, partModule(CommitmentWarning));
  return true;
}

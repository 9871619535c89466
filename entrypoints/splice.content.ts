import { splicePlan } from '../lib/form/splice';
import { providePart } from './reader.content/parts';

/** A part of the reader, run by the background in the frame whose reader asked for it (the `loadPart` request). */
export default defineUnlistedScript(() => providePart('splice', { splicePlan }));

import '../lib/jitless';
import { DiagnosisExport } from '../components/DiagnosisExport';
import { partModule, providePart } from './reader.content/parts';

/** A part of the overlay, run by the background in the frame whose reader asked for it (the `loadPart` request). */
export default defineUnlistedScript(() => providePart('diagnosis', partModule(DiagnosisExport)));

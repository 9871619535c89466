import { CommitmentWarning } from '../components/CommitmentWarning';
import css from '../components/commitment-warning.css?inline';
import { partModule, providePart } from './reader.content/parts';

/** A part of the overlay, run by the background in the frame whose reader asked for it (the `loadPart` request). */
export default defineUnlistedScript(() => providePart('commitment-warning', partModule(CommitmentWarning, css)));

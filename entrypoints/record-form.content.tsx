import { RecordForm } from '../components/RecordForm';
import css from '../components/record-form.css?inline';
import { partModule, providePart } from './reader.content/parts';

/** A part of the overlay, run by the background in the frame whose reader asked for it (the `loadPart` request). */
export default defineUnlistedScript(() => providePart('record-form', partModule(RecordForm, css)));

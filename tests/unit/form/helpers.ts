import { readForm, type FieldSnapshot, type SnapshotField } from '../../../lib/form';

/** Replaces the body and reads the document. */
export function read(html: string): FieldSnapshot {
  document.body.innerHTML = html;
  return readForm(document);
}

/** The only field with this normalised label (fails loudly when there are none or several). */
export function field(s: FieldSnapshot, label: string): SnapshotField {
  const found = s.fields.filter((f) => f.label === label);
  if (found.length !== 1) {
    throw new Error(`expected one field labelled ${label}, got ${found.length}: ${JSON.stringify(s.fields.map((f) => f.label))}`);
  }
  return found[0]!;
}

/** label → value of every field. */
export function values(s: FieldSnapshot): Record<string, string> {
  return Object.fromEntries(s.fields.map((f) => [f.label, f.value]));
}

import { diagnoseForm, type FormDiagnosis } from '../form/diagnose';
import type { FieldSnapshot } from '../form/types';
import { readCase } from './extract';
import { fieldLexicon } from './fields';
import { LOGICAL_KEYS } from './keys';

/** The logical keys each located field was mapped to (comma-joined where one element holds several). */
export function keysByLocator(snapshot: FieldSnapshot): Record<string, string> {
  const map = readCase(snapshot).fields;
  const out: Record<string, string> = {};
  for (const key of LOGICAL_KEYS) {
    const f = map[key];
    if (f) out[f.locator] = out[f.locator] ? `${out[f.locator]},${key}` : key;
  }
  return out;
}

/** The field lexicon's labels: the form's own wording, kept in a diagnosis's masked text. */
export const LEXICON_WORDS: readonly string[] = [...Object.values(fieldLexicon.fields), fieldLexicon.identity].flatMap((e) =>
  e.synonyms.map((s) => (typeof s === 'string' ? s : s.label)),
);

/**
 * 导出诊断 of a page: its form structure with every value masked (lib/form/diagnose.ts), each field with the
 * logical key it maps to. What the overlay's button saves.
 */
export function diagnosePage(doc: Document): FormDiagnosis {
  return diagnoseForm(doc, { mapKeys: keysByLocator, vocabulary: LEXICON_WORDS });
}

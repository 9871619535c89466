import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
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

/** The same page, read by a reader that never saw it: a second window with a copy of the markup and the values. */
export function freshRead(doc: Document): FieldSnapshot {
  const win = new Window({ url: 'http://localhost/', width: 1024, height: 768 });
  const copy = win.document as unknown as Document;
  // a clone, not markup: the parser would mend what edits broke (a row moved out of its table)
  const clone = copy.importNode(doc.documentElement, true);
  copy.documentElement.remove();
  copy.appendChild(clone);
  const controls = (d: Document): Element[] => Array.from(d.body.querySelectorAll('input, select, textarea'));
  const from = controls(doc);
  const to = controls(copy);
  from.forEach((el, i) => {
    const t = to[i]!;
    if (el.localName === 'select') (t as HTMLSelectElement).selectedIndex = (el as HTMLSelectElement).selectedIndex;
    else if (el.localName === 'input') (t as HTMLInputElement).checked = (el as HTMLInputElement).checked;
    if (el.localName !== 'select') (t as HTMLInputElement).value = (el as HTMLInputElement).value;
  });
  const s = readForm(copy);
  win.close();
  return s;
}

export const comparable = (s: FieldSnapshot): Omit<FieldSnapshot, 'url'> => {
  const { url: _url, ...rest } = s;
  return rest;
};

const FIXTURES = join(__dirname, '../../fixtures');

/** Real pages among the fixtures, as markup: a legacy JSP decision form, an OA workflow, a Word export. */
export const FIXTURE_PAGES: Readonly<Record<string, string>> = {
  'legacy decision form': readFileSync(join(FIXTURES, 'demo/legacy/decision_form.html'), 'utf8'),
  'OA workflow': readFileSync(join(FIXTURES, 'frameworks/oa-workflow/index.html'), 'utf8'),
  'Word export of a decision': readFileSync(join(FIXTURES, 'frameworks/word-export/decision.html'), 'utf8'),
};

/** Makes a whole page's markup the document (head and body), without its style sheets and scripts. */
export function showPage(html: string): void {
  document.documentElement.innerHTML = html
    .replace(/^[\s\S]*?<html[^>]*>/i, '')
    .replace(/<link[^>]*>/g, '')
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<\/html>\s*$/i, '');
}

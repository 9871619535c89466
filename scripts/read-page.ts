/**
 * Bundled by scripts/read.ts into the page it reads (headless Chromium): the reader's pure stages, the same the
 * extension runs, on the page's own DOM. Exposes `window.__ccaRead`.
 */
import '../lib/jitless';
import { diagnosePage, keysByLocator, missingCoreKeys, readCase } from '../lib/facts';
import { LOGICAL_KEYS } from '../lib/facts/keys';
import { readForm } from '../lib/form';
import type { FormDiagnosis } from '../lib/form/diagnose';
import { assess, bundledPacks } from '../lib/rules';

export interface PageReading {
  fields: Array<{ label: string; value: string; kind: string; source: string; key: string | null; filter: boolean }>;
  keys: Record<string, string>;
  formKind: string;
  decided: boolean;
  readOnlyView: boolean;
  verdict: string;
  unlisted: string;
  reasons: string[];
  missing: string[];
  missingCore: string[];
  headings: string[];
}

function read(today: string): PageReading {
  const snapshot = readForm(document);
  const { facts, fields: map } = readCase(snapshot);
  const a = assess(facts, bundledPacks, { today, partyOnSeriousList: false, settings: { lowerAmountFine: null } });
  const byLocator = keysByLocator(snapshot);
  const filters = new Set(snapshot.filters ?? []);
  const keys: Record<string, string> = {};
  for (const key of LOGICAL_KEYS) {
    const f = map[key];
    if (f) keys[key] = f.value;
  }
  return {
    fields: snapshot.fields.map((f, i) => ({
      label: f.rawLabel || f.label,
      value: f.value,
      kind: f.kind,
      source: f.labelSource,
      key: f.labelSource === 'document' ? (f.key ?? null) : (byLocator[f.locator] ?? null),
      filter: filters.has(i),
    })),
    keys,
    formKind: facts.formKind,
    decided: facts.decided,
    readOnlyView: facts.readOnlyView,
    verdict: a.verdict,
    unlisted: a.unlisted,
    reasons: a.reasons.map((r) => `${r.citation} ${r.title}${r.evidence ? `（${r.evidence}）` : ''}`),
    missing: a.missing.map((m) => m.key),
    missingCore: missingCoreKeys(facts),
    headings: snapshot.headings,
  };
}

function diagnose(): FormDiagnosis {
  return diagnosePage(document);
}

(window as unknown as { __ccaRead: { read: typeof read; diagnose: typeof diagnose } }).__ccaRead = { read, diagnose };

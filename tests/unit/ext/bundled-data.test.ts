import { describe, expect, it } from 'vitest';
import fieldLexiconJson from '../../../rules/field-lexicon.json';
import lawDomainsJson from '../../../rules/law-domains.json';
import order44 from '../../../rules/order44-2021.json';
import { FieldLexiconSchema, fieldLexicon } from '../../../lib/facts/fields';
import { LawLexiconSchema, lawLexicon } from '../../../lib/facts/lexicon';
import { bundledPacks, parseRulePack } from '../../../lib/rules';

// The reader carries no validator (it runs in every frame): the data bundled into it is validated here instead.
describe('the data bundled into the reader validates against its schema', () => {
  it('the field lexicon', () => {
    expect(FieldLexiconSchema.parse(fieldLexiconJson)).toEqual(fieldLexicon);
  });

  it('the law → domain lexicon', () => {
    expect(LawLexiconSchema.parse(lawDomainsJson)).toEqual(lawLexicon);
  });

  it('the bundled rule pack (the reader gets it from the background, validated there)', () => {
    const r = parseRulePack(order44);
    expect(r.ok).toBe(true);
    expect(bundledPacks.map((p) => p.id)).toEqual(['order44-2021']);
  });

  it('a broken lexicon would be caught', () => {
    const broken = structuredClone(fieldLexiconJson) as { fields: Record<string, { synonyms: unknown[] }> };
    broken.fields.partyName!.synonyms = [];
    expect(FieldLexiconSchema.safeParse(broken).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import zh from '../../../public/_locales/zh_CN/messages.json';
import en from '../../../public/_locales/en/messages.json';
import type { t } from '../../../lib/i18n';
import { codeKey, messageFor, type MessageFamily, type MessageKey } from '../../../lib/messages';
import type { Translate } from '../../../lib/rules';

// tsc (npm run typecheck, and npm test) checks this file: each `@ts-expect-error` fails the check when the line
// under it is NOT a type error, so these prove that a key missing from the locale files cannot be passed.

/** Calls that must not type-check; never run. */
export function unknownKeysAreTypeErrors(translate: typeof t, word: Translate): void {
  // @ts-expect-error a key that is not in the locale files
  translate('verdict_no_such_verdict');
  // @ts-expect-error a key built from a domain value the locale files do not name (`must-list`, not `must_list`)
  translate(`verdict_${'must-list' as const}`);
  // @ts-expect-error any string is not a message key
  word(String(Date.now()));
  // @ts-expect-error a family's names are the locale's (`serious_on`), not another spelling
  const status: MessageFamily<'lists_status_'> = 'serious-on';
  void status;
  // @ts-expect-error a code of a family whose message the locale files lack
  translate(codeKey('flag_', 'risk-E'));
}

describe('typed message keys', () => {
  it('name the messages of the locale files, in both languages', () => {
    const keys: MessageKey[] = ['verdict_must_list', 'engine_reason_heavier_penalty', 'lists_status_serious_on'];
    for (const k of keys) {
      expect(zh).toHaveProperty([k]);
      expect(en).toHaveProperty([k]);
    }
  });

  it("a code's key is computed as the locale files spell it, and type-checks when the message exists", () => {
    const keys: MessageKey[] = [codeKey('flag_', 'risk-A'), codeKey('flagbasis_', 'party.commitment-excluded.serious-list')];
    expect(keys).toEqual(['flag_risk_A', 'flagbasis_party_commitment_excluded_serious_list']);
    for (const k of keys) expect(zh).toHaveProperty([k]);
  });

  it('a typed map gives the key of a value read at run time, and nothing for other values', () => {
    const words = { yes: 'record_unlisted_yes', no: 'record_unlisted_no' } as const satisfies Record<string, MessageKey>;
    expect(messageFor(words, 'yes')).toBe('record_unlisted_yes');
    for (const v of ['maybe', 'toString', '__proto__', 3, null, undefined]) expect(messageFor(words, v)).toBeNull();
  });
});

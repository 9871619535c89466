import { whenTrusted, type Translate } from '../../../components/Overlay';
import type { FieldMap } from '../../../lib/facts/fields';
import type { LogicalKey } from '../../../lib/facts/keys';
import type { FeatureFactory } from '../feature';

/**
 * The core keys of a penalty case, by what they tell: a key of a group read settles the group (the party's
 * credit code or, for a natural person, the identity number; the decision or the case number).
 */
const CORE_KEYS: ReadonlyArray<readonly LogicalKey[]> = [
  ['partyName'],
  ['uscc', 'idNumber'],
  ['decisionNo', 'caseNo'],
  ['penalty'],
  ['legalBasis'],
  ['decisionDate'],
];

/** The core keys the reader did not find on the page (not: found but still empty). */
export function missingCoreKeys(fields: FieldMap): LogicalKey[] {
  return CORE_KEYS.filter((group) => !group.some((k) => fields[k] !== undefined)).map((group) => group[0]!);
}

/**
 * Says what was not read on a penalty form, each with a one-click 选取 that starts the picker for that key (when
 * the picker is there and the profile is the user's own).
 */
export const missingKeysFeature: FeatureFactory = (ctx) => {
  const { t } = ctx;
  return {
    id: 'missing-keys',
    appliesTo: (r) => r.facts.formKind === 'penalty' && missingCoreKeys(r.fields).length > 0,
    panel: {
      missing: (r) => (
        <MissingKeys
          key="missing-keys"
          t={t}
          keys={missingCoreKeys(r.fields)}
          onPick={ctx.actions.pick && !r.config.profileManaged ? ctx.actions.pick : null}
        />
      ),
    },
  };
};

export function MissingKeys({ t, keys, onPick }: { t: Translate; keys: LogicalKey[]; onPick: ((key: LogicalKey) => void) | null }) {
  return (
    <div className="cca-missing-keys" data-testid="missing-keys">
      <span>{t('overlay_notRead')}</span>
      <ul>
        {keys.map((key) => (
          <li key={key} data-key={key}>
            <span>{t(`key_${key}`)}</span>
            {onPick ? (
              <button
                type="button"
                className="cca-link"
                data-testid="pick-missing"
                aria-label={t('overlay_pickKey', [t(`key_${key}`)])}
                onClick={whenTrusted(() => onPick(key))}
              >
                {t('overlay_pickShort')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

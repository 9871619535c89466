import type { CaseFacts } from '../../lib/facts/schema';
import type { PartyAnswer } from '../../lib/messaging/protocol';
import type { Assessment } from '../../lib/rules/assessment';
import type { WordedAssessment } from '../../lib/rules/worded';
import type { FeatureContext } from './feature';

export interface CaseAssessor {
  /** asks for the verdict of these facts unless it was asked for them already */
  assess(facts: CaseFacts, party: PartyAnswer | null): void;
  /** the packs or the settings changed: the next `assess` asks again */
  forget(): void;
  current(): { assessment: Assessment | null; worded: WordedAssessment | null };
}

/**
 * The assessment comes from the background, which keeps the rule packs (compiled there once, not in every frame):
 * asked again only when the facts, the date or the party's listing change. Until the answer comes the overlay keeps
 * showing the previous one; `onAnswer` runs when a new one arrives.
 */
export function caseAssessor(
  env: { request: FeatureContext['request']; today(): string },
  live: () => boolean,
  onAnswer: () => void,
): CaseAssessor {
  let key = '';
  let assessment: Assessment | null = null;
  let worded: WordedAssessment | null = null;
  return {
    assess(facts, party) {
      // licensing and approval forms decide no penalty: they get the party's flags, not a listing verdict
      if (facts.formKind === 'licensing') {
        key = '';
        assessment = worded = null;
        return;
      }
      const today = env.today();
      const partyOnSeriousList = party?.onSeriousList ?? false;
      const caseListed = party?.caseListed ?? false;
      const asked = JSON.stringify([facts, today, partyOnSeriousList, caseListed]);
      if (asked === key) return;
      key = asked;
      env.request({ type: 'assessCase', facts, today, partyOnSeriousList, caseListed }).then(
        (res) => {
          if (asked !== key || !live()) return;
          assessment = res.ok ? res.value.assessment : null;
          worded = res.ok ? res.value.worded : null;
          onAnswer();
        },
        // the extension was reloaded or updated: this script's context is gone; nothing to show
        () => undefined,
      );
    },
    forget() {
      key = '';
    },
    current: () => ({ assessment, worded }),
  };
}

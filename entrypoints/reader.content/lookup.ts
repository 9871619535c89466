import type { CaseFacts } from '../../lib/facts/schema';
import type { PartyAnswer, RequestOf } from '../../lib/messaging/protocol';
import type { FeatureContext } from './feature';

export interface PartyLookup {
  /** asks what the lists say about the party of these facts, once typing pauses, unless asked already */
  lookup(facts: CaseFacts): void;
  current(): PartyAnswer | null;
  stop(): void;
}

const LOOKUP_DELAY_MS = 250;

/** What the lists say about the party: asked again only when the party or the date changes. */
export function partyLookup(
  env: { request: FeatureContext['request']; today(): string; lookupDelayMs?: number },
  live: () => boolean,
  onAnswer: () => void,
): PartyLookup {
  let key = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let party: PartyAnswer | null = null;
  const ask = async (asked: string, request: RequestOf<'lookupParty'>): Promise<void> => {
    try {
      const res = await env.request(request);
      if (asked !== key || !live()) return;
      party = res.ok ? res.value : null;
      onAnswer();
    } catch {
      // the extension was reloaded or updated: this script's context is gone; nothing to show
    }
  };
  return {
    lookup(facts) {
      const uscc = facts.party.code;
      const name = facts.party.name;
      const at = facts.decisionDate ?? env.today();
      const decision = facts.decisionNo ? { decisionNo: facts.decisionNo.folded, date: facts.decisionDate } : null;
      const asked = JSON.stringify([uscc, name, at, decision]);
      if (asked === key) return;
      key = asked;
      clearTimeout(timer);
      // the answer about another party or date must not stand for this one while it is asked
      party = null;
      if (!uscc && !name) return;
      const request: RequestOf<'lookupParty'> = {
        type: 'lookupParty',
        uscc: uscc?.slice(0, 64) ?? null,
        name: name?.slice(0, 200) ?? null,
        at,
        decision,
      };
      timer = setTimeout(() => void ask(asked, request), env.lookupDelayMs ?? LOOKUP_DELAY_MS);
    },
    current: () => party,
    stop: () => clearTimeout(timer),
  };
}

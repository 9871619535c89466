import type { Translate } from '../../components/Overlay';
import { readCase } from '../../lib/facts/extract';
import type { FieldSnapshot } from '../../lib/form/types';
import { watchForm, type FormWatch } from '../../lib/form/watch';
import type { ReaderConfig } from '../../lib/messaging/protocol';
import { caseAssessor } from './assess';
import { fetchConfig } from './config';
import { createFeatures, type FeatureContext, type FeatureFactory, type Reading } from './feature';
import { partyLookup } from './lookup';
import { perFrame } from './pace';
import type { PartLoader } from './parts';
import { overlayView } from './view';

export interface ReaderEnv {
  document: Document;
  request: FeatureContext['request'];
  t: Translate;
  today(): string;
  parts: PartLoader;
  features: readonly FeatureFactory[];
  /** runs `fn` before the next paint (requestAnimationFrame) */
  nextFrame(fn: () => void): void;
  /** the party lookup waits this long for typing to pause (ms) */
  lookupDelayMs?: number;
}

export interface Reader {
  stop(): void;
  /** the configuration changed (settings, profiles, packs): fetch it again and read the page anew */
  reload(): Promise<void>;
}

/**
 * The reader in one frame: read the page (lib/form → lib/facts), have the background assess it (lib/rules, with
 * what the lists say about the party), render what each feature shows. Everything else is a feature (./features).
 */
export async function startReader(env: ReaderEnv): Promise<Reader | null> {
  const first = await fetchConfig(env.request);
  if (!first) return null;
  let config: ReaderConfig = first;
  let stopped = false;
  const live = () => !stopped;
  let read: Pick<Reading, 'facts' | 'fields'> | null = null;

  const { t, document, request, parts, today } = env;
  const features = createFeatures(env.features, { t, document, request, parts, today, refresh: () => draw(), host: () => view.host() });
  const view = overlayView(env, features);
  const assessor = caseAssessor(env, live, () => draw());
  const lookup = partyLookup(env, live, () => {
    if (read) assessor.assess(read.facts, lookup.current());
    draw();
  });

  // read → assess → render
  const draw = (): void => {
    if (read && !stopped) view.draw({ ...read, ...assessor.current(), party: lookup.current(), config });
  };
  const onSnapshot = perFrame<FieldSnapshot>(
    env.nextFrame,
    (snapshot) => {
      read = readCase(snapshot);
      lookup.lookup(read.facts);
      assessor.assess(read.facts, lookup.current());
      draw();
    },
    live,
  );

  let watch: FormWatch | null = null;
  const restartWatch = (): void => {
    watch?.stop();
    watch = watchForm(env.document, onSnapshot, { profile: config.profile ?? undefined });
    onSnapshot(watch.snapshot());
  };
  restartWatch();
  // storage changes come in bursts: only the configuration asked for last is applied, whatever answers first
  let reloads = 0;

  return {
    stop() {
      stopped = true;
      watch?.stop();
      lookup.stop();
      for (const f of features) f.dispose?.();
      view.unmount();
    },
    async reload() {
      const asked = ++reloads;
      const next = await fetchConfig(env.request);
      if (!next || stopped || asked !== reloads) return;
      config = next;
      // the packs or the settings may have changed: assess again
      assessor.forget();
      restartWatch();
    },
  };
}

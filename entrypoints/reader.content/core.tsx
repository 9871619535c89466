import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { Overlay, type OverlayPosition, type Translate } from '../../components/Overlay';
import { readCase } from '../../lib/facts/extract';
import type { FieldSnapshot } from '../../lib/form/types';
import { watchForm, type FormWatch } from '../../lib/form/watch';
import type { OverlayPlacement, PartyAnswer, ReaderConfig } from '../../lib/messaging/protocol';
import type { Assessment } from '../../lib/rules/assessment';
import type { WordedAssessment } from '../../lib/rules/worded';
import type { Feature, FeatureContext, FeatureFactory, Reading } from './feature';
import { PANEL_SLOTS } from './feature';
import { mountOverlayHost, type OverlayHost } from './mount';
import type { PartLoader } from './parts';
import { controlRects, openingPlacement } from './placement';

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

const LOOKUP_DELAY_MS = 250;

/**
 * The reader in one frame: read the page (lib/form → lib/facts), have the background assess it (lib/rules, with what the lists say
 * about the party), render what each feature shows. Everything else is a feature (./features).
 *
 * Reading never asks whether an event was trusted: frameworks fill their forms with synthetic `input` events.
 * A page that fires them by the thousand gets one reading per animation frame, no more.
 */
export async function startReader(env: ReaderEnv): Promise<Reader | null> {
  const doc = env.document;
  const first = await fetchConfig(env);
  if (!first) return null;
  let config: ReaderConfig = first;
  let stopped = false;
  let snapshot: FieldSnapshot | null = null;
  let reading: Reading | null = null;
  let party: PartyAnswer | null = null;
  let assessment: Assessment | null = null;
  let worded: WordedAssessment | null = null;
  let placement: OverlayPlacement | null = null;
  let mounted: { host: OverlayHost; root: Root } | null = null;

  const ctx: FeatureContext = {
    t: env.t,
    document: doc,
    request: env.request,
    refresh: () => draw(),
    host: () => mounted?.host.host ?? null,
    parts: env.parts,
    actions: {},
    today: env.today,
  };
  const features: Feature[] = env.features.map((make) => make(ctx));
  for (const f of features) Object.assign(ctx.actions, f.provides);

  // one reading per frame: the first change of a frame is read at once (typing shows before the next paint), the
  // rest of that frame's changes together in the next one
  let armed = false;
  let dirty = false;
  const arm = (): void => {
    armed = true;
    env.nextFrame(() => {
      armed = false;
      if (!dirty || stopped) return;
      dirty = false;
      read();
      arm();
    });
  };
  const onSnapshot = (next: FieldSnapshot): void => {
    snapshot = next;
    if (armed) {
      dirty = true;
      return;
    }
    read();
    arm();
  };

  const read = (): void => {
    if (!snapshot || stopped) return;
    const { facts, fields } = readCase(snapshot);
    lookup(facts);
    assess(facts);
    reading = { facts, fields, assessment, worded, party, config };
    draw();
  };

  const draw = (): void => {
    if (!reading || stopped) return;
    const { facts, fields } = reading;
    const r: Reading = { facts, fields, assessment, worded, party, config };
    reading = r;
    if (!mounted && Object.keys(fields).length === 0) return;
    mounted ??= mount();
    const active = features.filter((f) => f.appliesTo?.(r) ?? true);
    const ov = placement ?? { collapsed: false, right: 16, top: 72 };
    const tree = (
      <Overlay
        t={env.t}
        readOnlyView={facts.readOnlyView}
        collapsed={ov.collapsed}
        position={positionOf(ov)}
        onToggleCollapsed={() => savePlacement({ ...ov, collapsed: !ov.collapsed })}
        onMoved={(p) => savePlacement({ ...ov, ...p })}
        pill={active.flatMap((f) => f.pill?.(r) ?? [])}
        body={PANEL_SLOTS.flatMap((slot) => active.map((f) => f.panel?.[slot]?.(r) ?? null))}
        layers={active.map((f) => f.layer?.(r) ?? null)}
        dimmed={active.some((f) => f.dims?.() ?? false)}
      />
    );
    // synchronous, so a keystroke shows in the overlay within the same task
    flushSync(() => mounted!.root.render(tree));
  };

  const mount = () => {
    const view = doc.defaultView;
    const viewport = { width: view?.innerWidth ?? 0, height: view?.innerHeight ?? 0, scrollY: view?.scrollY ?? 0 };
    placement ??= openingPlacement(config.overlay, controlRects(doc), viewport);
    const host = mountOverlayHost(doc, { production: config.productionHost });
    return { host, root: createRoot(host.container) };
  };

  const savePlacement = (next: OverlayPlacement): void => {
    placement = next;
    draw();
    void env.request({ type: 'saveOverlayState', state: next }).catch(() => undefined);
  };

  // The assessment comes from the background, which keeps the rule packs (compiled there once, not in every
  // frame): asked again only when the facts, the date or the party's listing change. Until the answer comes the
  // overlay keeps showing the previous one.
  let assessKey = '';
  const assess = (facts: Reading['facts']): void => {
    // licensing and approval forms decide no penalty: they get the party's flags, not a listing verdict
    if (facts.formKind === 'licensing') {
      assessKey = '';
      assessment = null;
      worded = null;
      return;
    }
    const today = env.today();
    const partyOnSeriousList = party?.onSeriousList ?? false;
    const key = JSON.stringify([facts, today, partyOnSeriousList]);
    if (key === assessKey) return;
    assessKey = key;
    env.request({ type: 'assessCase', facts, today, partyOnSeriousList }).then(
      (res) => {
        if (key !== assessKey || stopped) return;
        assessment = res.ok ? res.value.assessment : null;
        worded = res.ok ? res.value.worded : null;
        draw();
      },
      // the extension was reloaded or updated: this script's context is gone; nothing to show
      () => undefined,
    );
  };

  // What the lists say about the party: asked again only when the party or the date changes.
  let lookupKey = '';
  let lookupTimer: ReturnType<typeof setTimeout> | undefined;
  const lookup = (facts: Reading['facts']): void => {
    const uscc = facts.party.code;
    const name = facts.party.name;
    const at = facts.decisionDate ?? env.today();
    const decision = facts.decisionNo ? { decisionNo: facts.decisionNo.folded, date: facts.decisionDate } : null;
    const key = JSON.stringify([uscc, name, at, decision]);
    if (key === lookupKey) return;
    lookupKey = key;
    clearTimeout(lookupTimer);
    if (!uscc && !name) {
      party = null;
      return;
    }
    lookupTimer = setTimeout(async () => {
      try {
        const res = await env.request({
          type: 'lookupParty',
          uscc: uscc?.slice(0, 64) ?? null,
          name: name?.slice(0, 200) ?? null,
          at,
          decision,
        });
        if (key !== lookupKey || stopped) return;
        party = res.ok ? res.value : null;
        if (reading) assess(reading.facts);
        draw();
      } catch {
        // the extension was reloaded or updated: this script's context is gone; nothing to show
      }
    }, env.lookupDelayMs ?? LOOKUP_DELAY_MS);
  };

  let watch: FormWatch | null = null;
  const restartWatch = (): void => {
    watch?.stop();
    watch = watchForm(doc, onSnapshot, { profile: config.profile ?? undefined });
    onSnapshot(watch.snapshot());
  };
  restartWatch();

  return {
    stop() {
      stopped = true;
      watch?.stop();
      clearTimeout(lookupTimer);
      for (const f of features) f.dispose?.();
      mounted?.root.unmount();
      mounted?.host.dispose();
      mounted = null;
    },
    async reload() {
      const next = await fetchConfig(env);
      if (!next || stopped) return;
      config = next;
      // the packs or the settings may have changed: assess again
      assessKey = '';
      restartWatch();
    },
  };
}

/** Tries of the first request: at browser start the background may not be listening yet when a page loads. */
const CONFIG_TRIES = 6;

async function fetchConfig(env: ReaderEnv): Promise<ReaderConfig | null> {
  for (let i = 0; i < CONFIG_TRIES; i++) {
    try {
      const res = await env.request({ type: 'getReaderConfig' });
      return res.ok ? res.value : null;
    } catch {
      // no answer (the background is starting, or the extension was updated): wait 100, 200, 400 … ms
      await new Promise((r) => setTimeout(r, 100 * 2 ** i));
    }
  }
  return null;
}

const positionOf = (p: OverlayPlacement): OverlayPosition => ({ right: p.right, top: p.top });

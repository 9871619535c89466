import { createElement, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { CommitmentWarning } from '../../components/CommitmentWarning';
import { Overlay, type OverlayPosition } from '../../components/Overlay';
import { Picker } from '../../components/Picker';
import { RecordForm, type RecordDraft } from '../../components/RecordForm';
import { readCase, type CaseFacts } from '../../lib/facts';
import { DOMAINS, DOMAIN_TITLES } from '../../lib/facts/domain';
import type { FieldMap } from '../../lib/facts/fields';
import { LOGICAL_KEYS } from '../../lib/facts/keys';
import { fieldAtPoint, parseSiteProfile, resolveLocator, watchForm, type FieldSnapshot, type SiteProfile } from '../../lib/form';
import { t } from '../../lib/i18n';
import { request } from '../../lib/messaging';
import { assess, bundledPacks, parseRulePack, type Assessment, type RulePack } from '../../lib/rules';
import {
  OverlayStateSchema,
  PACKS_KEY,
  PROFILES_KEY,
  SETTINGS_KEY,
  overlayStateKey,
  parseSettings,
  type OverlayState,
  type Settings,
} from '../../lib/settings';
import { MANAGED_KEY, applyManagedSettings, effectivePacks, managedProfile, readManagedMirror } from '../../lib/settings/managed';
import { todayInChina } from '../../lib/text';
import { mountOverlayHost } from './mount';
import { choosePlacement } from './placement';
import { overlayFields, overlayFlags, overlayVerdict, type PartyAnswer } from './view';

const PICK_KEYS = LOGICAL_KEYS.map((key) => ({ key, label: t(`key_${key}`) }));
const DOMAIN_OPTIONS = DOMAINS.map((d) => ({ value: d, label: DOMAIN_TITLES[d] }));
const LOOKUP_DEBOUNCE_MS = 250;
const send = (m: unknown) => browser.runtime.sendMessage(m);

interface ReaderState {
  profile: SiteProfile | undefined;
  /** the profile comes from the administrator's policy: the picker cannot change it */
  profileManaged: boolean;
  packs: readonly RulePack[];
  settings: Settings;
  overlay: OverlayState | null;
  picking: string | null;
  pickMessage: string | null;
  party: PartyAnswer | null;
  recordOpen: boolean;
  recordBusy: boolean;
  recordError: string | null;
  recordMessage: string | null;
}

/**
 * The reader in one frame: DOM → snapshot (lib/form) → facts (lib/facts) → assessment (lib/rules) → overlay.
 * It reads only; its one node in the page is the overlay's shadow host, added once a logical key is recognised.
 * What the local lists say about the party comes from the background (the database is never opened here).
 */
export function startReader(ctx: ContentScriptContext): void {
  const origin = location.origin;
  const state: ReaderState = {
    profile: undefined,
    profileManaged: false,
    packs: bundledPacks,
    settings: parseSettings(undefined),
    overlay: null,
    picking: null,
    pickMessage: null,
    party: null,
    recordOpen: false,
    recordBusy: false,
    recordError: null,
    recordMessage: null,
  };
  let mounted: ReturnType<typeof mountOverlayHost> | null = null;
  let snapshot: FieldSnapshot | null = null;
  let facts: CaseFacts | null = null;
  let fieldMap: FieldMap = {};
  let assessment: Assessment | null = null;

  const render = (): void => {
    if (!snapshot || !facts) return;
    const fields = overlayFields(fieldMap, t);
    if (fields.length === 0 && !mounted) return;
    if (!mounted) {
      mounted = mountOverlayHost(document);
      if (!state.overlay) {
        const placed = choosePlacement(controlRects(), { width: innerWidth, height: innerHeight });
        state.overlay = { ...placed.position, collapsed: placed.collapsed };
      }
    }
    assessment = assess(facts, state.packs, {
      today: todayInChina(),
      partyOnSeriousList: state.party?.onSeriousList ?? false,
      settings: { lowerAmountFine: state.settings.lowerAmountFine },
    });
    const ov = state.overlay ?? { collapsed: false, right: 16, top: 72 };
    const position: OverlayPosition = { right: ov.right, top: ov.top };
    const host = mounted.host;
    const flags = overlayFlags(state.party, t);
    const children: ReactElement[] = [
      createElement(Overlay, {
        key: 'overlay',
        t,
        fields,
        verdict: overlayVerdict(assessment, t),
        flags,
        readOnlyView: facts.readOnlyView,
        collapsed: ov.collapsed,
        position,
        onToggleCollapsed: () => saveOverlay({ ...ov, collapsed: !ov.collapsed }),
        onMoved: (p) => saveOverlay({ ...ov, ...p }),
        pickKeys: PICK_KEYS,
        picking: state.picking,
        pickMessage: state.pickMessage,
        pickLocked: state.profileManaged ? t('overlay_pickManaged') : null,
        onStartPick: (key) => {
          state.picking = key;
          state.pickMessage = null;
          render();
        },
        onCancelPick: stopPicking,
        record: facts.formKind === 'penalty' || facts.caseId ? recordSlot(facts, assessment) : undefined,
      }),
    ];
    const excluded = flags.find((f) => f.flag === 'commitment-excluded');
    if (excluded && facts.formKind === 'licensing') {
      const locator = fieldMap.approvalMode?.locator;
      const el = locator ? resolveLocator(document, locator) : null;
      const r = el?.getBoundingClientRect();
      children.push(
        createElement(CommitmentWarning, {
          key: 'commitment',
          t,
          anchor: r && r.width > 0 ? { left: r.left, top: r.top, bottom: r.bottom, right: r.right } : null,
          chosen: facts.approvalMode === 'commitment',
          basis: excluded.basis,
        }),
      );
    }
    if (state.picking) {
      children.push(
        createElement(Picker, {
          key: 'picker',
          label: PICK_KEYS.find((k) => k.key === state.picking)?.label ?? '',
          hint: t('overlay_pickHint'),
          cancelLabel: t('overlay_pickCancel'),
          probe: (x: number, y: number) => fieldAtPoint(document, x, y, host),
          onPick: (selector: string | null) => void pin(selector),
          onCancel: stopPicking,
        }),
      );
    }
    // synchronous, so a keystroke shows in the overlay within the same task
    flushSync(() => mounted!.root.render(children));
  };

  const recordSlot = (f: CaseFacts, a: Assessment) => ({
    label: t('record_button'),
    suggestion: f.listingDecision ? t('record_suggest') : null,
    message: state.recordMessage,
    onRecord: () => {
      state.recordOpen = !state.recordOpen;
      state.recordError = null;
      state.recordMessage = null;
      render();
    },
    form: state.recordOpen
      ? createElement(RecordForm, {
          t,
          draft: recordDraft(f, a),
          domains: DOMAIN_OPTIONS,
          verdictLine: `${t(`verdict_${a.verdict}`)} · ${a.pack ? `${a.pack.id} v${a.pack.version}` : t('overlay_noPack')} · ${a.reasons.map((r) => r.citation).join('，')}`,
          unitLine: t('record_unitLine', [state.settings.unitName || '—', state.settings.recorderName || '—']),
          busy: state.recordBusy,
          error: state.recordError,
          onSubmit: (d: RecordDraft) => void saveRecord(d, a),
          onCancel: () => {
            state.recordOpen = false;
            render();
          },
        })
      : null,
  });

  const saveRecord = async (d: RecordDraft, a: Assessment): Promise<void> => {
    if (!d.decisionNo.trim() && !d.caseNo.trim()) {
      state.recordError = t('record_noCaseId');
      return render();
    }
    state.recordBusy = true;
    render();
    const input = {
      decisionNo: d.decisionNo.trim() || null,
      caseNo: d.caseNo.trim() || null,
      partyName: d.partyName,
      uscc: d.uscc.trim() || null,
      domain: d.domain,
      domainSource: d.domain === a.domain ? (a.reasons.some((r) => r.code === 'domain-item') ? 'item' : 'law') : 'user',
      verdict: a.verdict,
      packId: a.pack?.id ?? null,
      packVersion: a.pack?.version ?? null,
      citations: a.reasons.map((r) => r.citation),
      unlisted: a.unlisted,
      listingDecision: d.listingDecision || null,
      listingDate: d.listingDecision === 'yes' ? d.listingDate || null : null,
      exposureDate: d.exposed ? d.exposureDate || null : null,
      repeatPublicityDate: d.repeatPublicised ? d.repeatPublicityDate || null : null,
      decisionDate: facts?.decisionDate ?? null,
    };
    try {
      const res = await request<{ id: string; created: boolean }>(send, { type: 'recordCase', input });
      state.recordBusy = false;
      if (res.ok) {
        state.recordOpen = false;
        state.recordMessage = t(res.value.created ? 'record_created' : 'record_updated');
      } else {
        state.recordError = t('record_failed', [res.error]);
      }
    } catch (e) {
      state.recordBusy = false;
      state.recordError = t('record_failed', [e instanceof Error ? e.message : String(e)]);
    }
    render();
  };

  // What the lists say about the party: asked again only when the party or the date changes.
  let lookupKey = '';
  let lookupTimer: ReturnType<typeof setTimeout> | undefined;
  const lookup = (): void => {
    if (!facts) return;
    const uscc = facts.party.code;
    const name = facts.party.name;
    const at = facts.decisionDate ?? todayInChina();
    const decision = facts.decisionNo ? { decisionNo: facts.decisionNo.folded, date: facts.decisionDate } : null;
    const key = JSON.stringify([uscc, name, at, decision]);
    if (key === lookupKey) return;
    lookupKey = key;
    clearTimeout(lookupTimer);
    if (!uscc && !name) {
      state.party = null;
      return;
    }
    lookupTimer = setTimeout(async () => {
      try {
        const res = await request<PartyAnswer>(send, {
          type: 'lookupParty',
          uscc: uscc?.slice(0, 64) ?? null,
          name: name?.slice(0, 200) ?? null,
          at,
          decision,
        });
        if (key !== lookupKey || ctx.isInvalid) return;
        state.party = res.ok ? res.value : null;
        render();
      } catch {
        // the extension was reloaded or updated: this script's context is gone; nothing to show
      }
    }, LOOKUP_DEBOUNCE_MS);
  };

  const update = (next: FieldSnapshot): void => {
    snapshot = next;
    ({ facts, fields: fieldMap } = readCase(next));
    lookup();
    render();
  };

  const saveOverlay = (next: OverlayState): void => {
    state.overlay = next;
    render();
    void browser.storage.local.set({ [overlayStateKey(origin)]: next });
  };

  const stopPicking = (): void => {
    state.picking = null;
    render();
  };

  const pin = async (selector: string | null): Promise<void> => {
    const key = state.picking;
    state.picking = null;
    if (state.profileManaged) return render();
    if (!key || !selector) {
      state.pickMessage = t('overlay_pickNothing');
      render();
      return;
    }
    const profile: SiteProfile = {
      version: 1,
      origin,
      name: state.profile?.name ?? document.title.slice(0, 200),
      pins: [...(state.profile?.pins ?? []).filter((p) => p.key !== key), { key, selector }],
      updatedAt: new Date().toISOString(),
    };
    const all = ((await browser.storage.local.get(PROFILES_KEY))[PROFILES_KEY] ?? {}) as Record<string, unknown>;
    state.pickMessage = t('overlay_pickSaved');
    // storage.onChanged brings the profile back and restarts the watch with it
    await browser.storage.local.set({ [PROFILES_KEY]: { ...all, [origin]: profile } });
  };

  let watch: ReturnType<typeof watchForm> | null = null;
  const restartWatch = (): void => {
    watch?.stop();
    watch = watchForm(document, update, { profile: state.profile });
    update(watch.snapshot());
  };

  const loadConfig = async (): Promise<void> => {
    const got = await browser.storage.local.get([PROFILES_KEY, PACKS_KEY, SETTINGS_KEY, MANAGED_KEY, overlayStateKey(origin)]);
    // the administrator's policy, mirrored by the background, wins over the user's own values
    const { policy } = readManagedMirror(got[MANAGED_KEY]);
    const profiles = (got[PROFILES_KEY] ?? {}) as Record<string, unknown>;
    const parsedProfile = profiles[origin] ? parseSiteProfile(profiles[origin]) : null;
    const managed = managedProfile(policy, origin);
    state.profile = managed ?? (parsedProfile?.ok ? parsedProfile.profile : undefined);
    state.profileManaged = managed !== undefined;
    const imported = Array.isArray(got[PACKS_KEY]) ? (got[PACKS_KEY] as unknown[]) : [];
    state.packs = effectivePacks(
      bundledPacks,
      imported.flatMap((p) => {
        const r = parseRulePack(p);
        return r.ok ? [r.pack] : [];
      }),
      policy,
    );
    state.settings = applyManagedSettings(parseSettings(got[SETTINGS_KEY]), policy).settings;
    const ov = OverlayStateSchema.safeParse(got[overlayStateKey(origin)]);
    state.overlay = ov.success ? ov.data : state.overlay;
  };

  const onStorage = (changes: Record<string, unknown>, area: string): void => {
    if (area !== 'local') return;
    if (PROFILES_KEY in changes || PACKS_KEY in changes || SETTINGS_KEY in changes || MANAGED_KEY in changes) {
      void loadConfig().then(restartWatch);
    }
  };

  // a commitment warning stands beside its field: follow the page when it scrolls or resizes
  const onViewportChange = (): void => {
    if (state.party?.flags.some((f) => f.flag === 'commitment-excluded')) render();
  };

  void loadConfig().then(() => {
    if (ctx.isInvalid) return;
    restartWatch();
    browser.storage.onChanged.addListener(onStorage);
    ctx.addEventListener(window, 'scroll', onViewportChange, { passive: true, capture: true });
    ctx.addEventListener(window, 'resize', onViewportChange, { passive: true });
  });

  ctx.onInvalidated(() => {
    watch?.stop();
    clearTimeout(lookupTimer);
    browser.storage.onChanged.removeListener(onStorage);
    mounted?.dispose();
    mounted = null;
  });
}

function recordDraft(f: CaseFacts, a: Assessment): RecordDraft {
  return {
    decisionNo: f.decisionNo?.raw ?? '',
    caseNo: f.caseNo ?? '',
    partyName: f.party.name ?? '',
    uscc: f.party.code ?? '',
    domain: a.domain,
    listingDecision: f.listingDecision ?? '',
    listingDate: f.listingDecision === 'yes' ? (f.decisionDate ?? '') : '',
    exposed: false,
    exposureDate: '',
    repeatPublicised: false,
    repeatPublicityDate: '',
  };
}

/** Where the page's own controls are, so the panel's first placement avoids them. */
function controlRects(): Array<{ left: number; top: number; right: number; bottom: number }> {
  const rects = [];
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea, [contenteditable="true"]')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) rects.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    if (rects.length > 2000) break;
  }
  return rects;
}

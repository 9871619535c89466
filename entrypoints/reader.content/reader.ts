import { flushSync } from 'react-dom';
import { createElement } from 'react';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { Overlay, type OverlayFlag, type OverlayPosition } from '../../components/Overlay';
import { Picker } from '../../components/Picker';
import { readCase, type CaseFacts } from '../../lib/facts';
import type { FieldMap } from '../../lib/facts/fields';
import { LOGICAL_KEYS } from '../../lib/facts/keys';
import { fieldAtPoint, parseSiteProfile, watchForm, type FieldSnapshot, type SiteProfile } from '../../lib/form';
import { t } from '../../lib/i18n';
import { bundledPacks, assess, parseRulePack, type RulePack } from '../../lib/rules';
import { todayInChina } from '../../lib/text';
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
import { mountOverlayHost } from './mount';
import { choosePlacement } from './placement';
import { overlayFields, overlayVerdict } from './view';

interface ReaderState {
  profile: SiteProfile | undefined;
  packs: RulePack[];
  settings: Settings;
  overlay: OverlayState | null;
  picking: string | null;
  pickMessage: string | null;
  flags: OverlayFlag[];
}

const PICK_KEYS = LOGICAL_KEYS.map((key) => ({ key, label: t(`key_${key}`) }));

/**
 * The reader in one frame: DOM → snapshot (lib/form) → facts (lib/facts) → assessment (lib/rules) → overlay.
 * It reads only; its one node in the page is the overlay's shadow host, added once a logical key is recognised.
 */
export function startReader(ctx: ContentScriptContext): void {
  const origin = location.origin;
  const state: ReaderState = {
    profile: undefined,
    packs: bundledPacks,
    settings: parseSettings(undefined),
    overlay: null,
    picking: null,
    pickMessage: null,
    flags: [],
  };
  let mounted: ReturnType<typeof mountOverlayHost> | null = null;
  let snapshot: FieldSnapshot | null = null;
  let facts: CaseFacts | null = null;
  let fieldMap: FieldMap = {};

  const render = (): void => {
    if (!snapshot || !facts) return;
    const fields = overlayFields(fieldMap, t);
    if (fields.length === 0 && !mounted) return;
    if (!mounted) {
      mounted = mountOverlayHost(document);
      if (!state.overlay) {
        const placed = choosePlacement(controlRects(snapshot), { width: innerWidth, height: innerHeight });
        state.overlay = { ...placed.position, collapsed: placed.collapsed };
      }
    }
    const assessment = assess(facts, state.packs, {
      today: todayInChina(),
      settings: { lowerAmountFine: state.settings.lowerAmountFine },
    });
    const ov = state.overlay ?? { collapsed: false, right: 16, top: 72 };
    const position: OverlayPosition = { right: ov.right, top: ov.top };
    const host = mounted.host;
    flushSync(() =>
      mounted!.root.render([
        createElement(Overlay, {
          key: 'overlay',
          t,
          fields,
          verdict: overlayVerdict(assessment, t),
          flags: state.flags,
          readOnlyView: facts!.readOnlyView,
          collapsed: ov.collapsed,
          position,
          onToggleCollapsed: () => saveOverlay({ ...ov, collapsed: !ov.collapsed }),
          onMoved: (p) => saveOverlay({ ...ov, ...p }),
          pickKeys: PICK_KEYS,
          picking: state.picking,
          pickMessage: state.pickMessage,
          onStartPick: (key) => {
            state.picking = key;
            state.pickMessage = null;
            render();
          },
          onCancelPick: stopPicking,
        }),
        state.picking
          ? createElement(Picker, {
              key: 'picker',
              label: PICK_KEYS.find((k) => k.key === state.picking)?.label ?? '',
              hint: t('overlay_pickHint'),
              cancelLabel: t('overlay_pickCancel'),
              probe: (x: number, y: number) => fieldAtPoint(document, x, y, host),
              onPick: (selector: string | null) => void pin(selector),
              onCancel: stopPicking,
            })
          : null,
      ]),
    );
  };

  const update = (next: FieldSnapshot): void => {
    snapshot = next;
    ({ facts, fields: fieldMap } = readCase(next));
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
    await browser.storage.local.set({ [PROFILES_KEY]: { ...all, [origin]: profile } });
    state.pickMessage = t('overlay_pickSaved');
    // storage.onChanged brings the profile back and restarts the watch with it
  };

  let watch: ReturnType<typeof watchForm> | null = null;
  const restartWatch = (): void => {
    watch?.stop();
    watch = watchForm(document, update, { profile: state.profile });
    update(watch.snapshot());
  };

  const loadConfig = async (): Promise<void> => {
    const keys = [PROFILES_KEY, PACKS_KEY, SETTINGS_KEY, overlayStateKey(origin)];
    const got = await browser.storage.local.get(keys);
    const profiles = (got[PROFILES_KEY] ?? {}) as Record<string, unknown>;
    const parsedProfile = profiles[origin] ? parseSiteProfile(profiles[origin]) : null;
    state.profile = parsedProfile?.ok ? parsedProfile.profile : undefined;
    const imported = Array.isArray(got[PACKS_KEY]) ? (got[PACKS_KEY] as unknown[]) : [];
    state.packs = [
      ...bundledPacks,
      ...imported.flatMap((p) => {
        const r = parseRulePack(p);
        return r.ok ? [r.pack] : [];
      }),
    ];
    state.settings = parseSettings(got[SETTINGS_KEY]);
    const ov = OverlayStateSchema.safeParse(got[overlayStateKey(origin)]);
    state.overlay = ov.success ? ov.data : null;
  };

  const onStorage = (changes: Record<string, unknown>, area: string): void => {
    if (area !== 'local') return;
    if (PROFILES_KEY in changes || PACKS_KEY in changes || SETTINGS_KEY in changes) {
      void loadConfig().then(restartWatch);
    }
  };

  void loadConfig().then(() => {
    if (ctx.isInvalid) return;
    restartWatch();
    browser.storage.onChanged.addListener(onStorage);
  });

  ctx.onInvalidated(() => {
    watch?.stop();
    browser.storage.onChanged.removeListener(onStorage);
    mounted?.dispose();
    mounted = null;
  });
}

/** Where the page's own controls are, so the panel's first placement avoids them. */
function controlRects(snapshot: FieldSnapshot): Array<{ left: number; top: number; right: number; bottom: number }> {
  const rects = [];
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) rects.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    if (rects.length > 2000) break;
  }
  return snapshot.fields.length > 0 ? rects : [];
}


import '../../lib/jitless';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { Popup, type PopupState } from '../../components/Popup';
import { request } from '../../lib/messaging';
import { managedMirrorItem, sitesItem } from '../../lib/settings/items';
import { isManagedSite, managedSites } from '../../lib/settings/managed';
import { loadManagedMirror } from '../../lib/settings/stored';
import { loadSites, patternMatchesOrigin, requestSitePermission, siteForUrl } from '../../lib/sites';
import { setPageLanguage, t } from '../../lib/i18n';
import { wordMessage, type UserMessage } from '../../lib/messages';
import '../../components/pages.css';

/** A refused or failed request as the popup says it: what the background gave to tell, else its code. */
const failure = (res: { error: string; message?: UserMessage }): string =>
  t('popup_error', [res.message ? wordMessage(res.message, t) : res.error]);

const api = { permissions: browser.permissions, sites: sitesItem };
const send = (m: unknown) => browser.runtime.sendMessage(m);
// Firefox match patterns cannot carry a port: there a system is enabled for its host on every port
const withPort = !import.meta.env.FIREFOX;

/** The tab the popup acts on: the active one, or `?tabId=` when the popup is opened as a page (e2e tests). */
async function targetTab(): Promise<{ id: number; url: string } | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  const tab =
    Number.isInteger(fromQuery) && fromQuery > 0
      ? await browser.tabs.get(fromQuery)
      : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  return tab?.id !== undefined ? { id: tab.id, url: tab.url ?? '' } : null;
}

async function load(): Promise<{ state: PopupState; pending: Array<{ origin: string; pattern: string }> }> {
  const { policy } = await loadManagedMirror();
  // managed systems wait for the user's one 授权: policies cannot grant host access
  const pending = [];
  for (const s of managedSites(policy, { withPort })) {
    if (!(await api.permissions.contains({ origins: [s.pattern] }))) pending.push(s);
  }
  const tab = await targetTab();
  const site = tab ? siteForUrl(tab.url) : null;
  if (!tab || !site) return { state: { kind: 'unsupported' }, pending };
  // a system enabled for its host on every port (the test build's 127.0.0.1, Firefox) covers this origin too
  const entry = (await loadSites(api)).find((s) => s.origin === site.origin || patternMatchesOrigin(s.pattern, site.origin));
  const origin = entry?.origin ?? site.origin;
  const managed = isManagedSite(policy, origin);
  return { state: { kind: 'site', origin, enabled: Boolean(entry), managed, tabId: tab.id, url: tab.url }, pending };
}

setPageLanguage();
document.title = t('extName');
const root = createRoot(document.getElementById('root')!);

async function render(message: string | null = null) {
  const { state, pending } = await load();
  root.render(
    <Popup
      t={t}
      state={state}
      message={message}
      pending={pending.map((s) => s.origin)}
      onEnable={async () => {
        if (state.kind !== 'site') return;
        // must run inside the click: Chrome shows its permission dialog only during a user gesture
        // Firefox match patterns cannot carry a port: there a system is enabled for its host on every port
        const granted = await requestSitePermission(api, state.url, { withPort });
        if (!granted.ok) return render(t(granted.error === 'permission-denied' ? 'popup_denied' : 'popup_unsupported'));
        const res = await request(send, { type: 'enableSite', site: granted.site, tabId: state.tabId });
        return render(res.ok ? null : failure(res));
      }}
      onDisable={async () => {
        if (state.kind !== 'site') return;
        const res = await request(send, { type: 'disableSite', origin: state.origin });
        if (!res.ok) return render(failure(res));
        return render(res.value.permissionReleased ? null : t('popup_required'));
      }}
      onAuthorize={async () => {
        // one dialog for every pending system, asked inside the click like 在此系统启用
        const granted = await api.permissions.request({ origins: pending.map((s) => s.pattern) });
        if (!granted) return render(t('popup_denied'));
        const tabId = state.kind === 'site' ? state.tabId : undefined;
        for (const site of pending) {
          const here = state.kind === 'site' && state.origin === site.origin;
          const res = await request(send, { type: 'enableSite', site, ...(here && tabId !== undefined ? { tabId } : {}) });
          if (!res.ok) return render(failure(res));
        }
        return render(t('popup_authorized'));
      }}
      onAnalyze={async () => {
        if (state.kind !== 'site') return;
        const res = await request(send, { type: 'analyzeTab', tabId: state.tabId });
        return render(res.ok ? t('popup_analyzed') : failure(res));
      }}
      onDashboard={() => void request(send, { type: 'openDashboard' }).then(() => window.close())}
    />,
  );
}

void render();
// a policy arriving or changing while the popup is open (the browser loads policies after start-up)
managedMirrorItem.watch(() => void render());

import '../../lib/jitless';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { Popup, type PopupState } from '../../components/Popup';
import { request } from '../../lib/messaging';
import { loadSites, requestSitePermission, siteForUrl, type SitesApi } from '../../lib/sites';
import { t } from '../../lib/i18n';
import '../../components/pages.css';

const api = browser as unknown as SitesApi;
const send = (m: unknown) => browser.runtime.sendMessage(m);

/** The tab the popup acts on: the active one, or `?tabId=` when the popup is opened as a page (e2e tests). */
async function targetTab(): Promise<{ id: number; url: string } | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  const tab = Number.isInteger(fromQuery) && fromQuery > 0
    ? await browser.tabs.get(fromQuery)
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  return tab?.id !== undefined ? { id: tab.id, url: tab.url ?? '' } : null;
}

async function load(): Promise<PopupState> {
  const tab = await targetTab();
  const site = tab ? siteForUrl(tab.url) : null;
  if (!tab || !site) return { kind: 'unsupported' };
  const enabled = (await loadSites(api)).some((s) => s.origin === site.origin);
  return { kind: 'site', origin: site.origin, enabled, tabId: tab.id, url: tab.url };
}

const root = createRoot(document.getElementById('root')!);

async function render(message: string | null = null) {
  const state = await load();
  root.render(
    <Popup
      t={t}
      state={state}
      message={message}
      onEnable={async () => {
        if (state.kind !== 'site') return;
        // must run inside the click: Chrome shows its permission dialog only during a user gesture
        const granted = await requestSitePermission(api, state.url);
        if (!granted.ok) return render(t(granted.error === 'permission-denied' ? 'popup_denied' : 'popup_unsupported'));
        const res = await request(send, { type: 'enableSite', site: granted.site, tabId: state.tabId });
        return render(res.ok ? null : t('popup_error', [res.error]));
      }}
      onDisable={async () => {
        if (state.kind !== 'site') return;
        const res = await request<{ permissionReleased: boolean }>(send, { type: 'disableSite', origin: state.origin });
        if (!res.ok) return render(t('popup_error', [res.error]));
        return render(res.value.permissionReleased ? null : t('popup_required'));
      }}
      onAnalyze={async () => {
        if (state.kind !== 'site') return;
        const res = await request(send, { type: 'analyzeTab', tabId: state.tabId });
        return render(res.ok ? t('popup_analyzed') : t('popup_error', [res.error]));
      }}
      onDashboard={() => void request(send, { type: 'openDashboard' }).then(() => window.close())}
    />,
  );
}

void render();

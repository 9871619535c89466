import '../../lib/jitless';
import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { Dashboard, pageFromHash, type DashboardPage } from '../../components/dashboard/Dashboard';
import { SitesPage, type SiteRow } from '../../components/dashboard/SitesPage';
import { SettingsPage } from '../../components/dashboard/SettingsPage';
import { setPageLanguage, t } from '../../lib/i18n';
import { wordMessage } from '../../lib/messages';
import { request } from '../../lib/messaging';
import { damagedSettingsLabels } from '../../lib/settings';
import { managedMirrorItem, sitesItem } from '../../lib/settings/items';
import { formatPolicyProblem, managedSites } from '../../lib/settings/managed';
import { loadManagedMirror, saveEditedSettings } from '../../lib/settings/stored';
import { loadSites } from '../../lib/sites';
import { AuditContainer } from './audit';
import { BackupContainer } from './backup';
import { LedgerContainer } from './ledger';
import { ListsContainer } from './lists';
import { PacksContainer } from './packs';
import { ProfilesContainer } from './profiles';
import { errorText } from './shared';
import { useEffectiveSettings } from './settings';
import '../../components/pages.css';

function SitesContainer() {
  const [rows, setRows] = useState<SiteRow[]>([]);
  const reload = useCallback(async () => {
    const sites = await loadSites({ sites: sitesItem });
    const { policy } = await loadManagedMirror();
    const managed = managedSites(policy, { withPort: !import.meta.env.FIREFOX });
    // managed systems not yet authorised are listed too: they wait for the popup's 授权
    const all = [...sites, ...managed.filter((m) => !sites.some((s) => s.origin === m.origin)).map((m) => ({ ...m, enabledAt: '' }))];
    setRows(
      await Promise.all(
        all.map(async (s) => ({
          ...s,
          hasPermission: await browser.permissions.contains({ origins: [s.pattern] }),
          managed: managed.some((m) => m.origin === s.origin),
        })),
      ),
    );
  }, []);
  useEffect(() => {
    void reload();
    const unwatch = [sitesItem.watch(() => void reload()), managedMirrorItem.watch(() => void reload())];
    return () => unwatch.forEach((u) => u());
  }, [reload]);
  return (
    <SitesPage
      t={t}
      sites={rows}
      // a refusal or a failure is shown by the page, worded here as every dashboard error is
      onDisable={(origin) =>
        request((m) => browser.runtime.sendMessage(m), { type: 'disableSite', origin }).then(
          (r) => {
            if (!r.ok) throw new Error(r.message ? wordMessage(r.message, t) : r.error);
            void reload();
          },
          (e: unknown) => {
            throw new Error(errorText(e));
          },
        )
      }
    />
  );
}

function SettingsContainer() {
  const { own: stored, mirror, settings, locked, loaded } = useEffectiveSettings();
  // the form starts from the stored values: saving the defaults shown while loading would erase the user's
  if (!loaded) return null;
  return (
    <SettingsPage
      t={t}
      settings={settings}
      locked={locked}
      policyErrors={mirror.errors.map((e) => formatPolicyProblem(e, t))}
      // managed fields are shown, not stored: lifting the policy gives the user's own values back
      damaged={damagedSettingsLabels(stored.invalid, t)}
      // the page shows the reason inside its own sentence: worded here, as every dashboard error is
      onSave={(edit) =>
        saveEditedSettings(edit).catch((e: unknown) => {
          throw new Error(errorText(e));
        })
      }
    />
  );
}

const PAGES: Record<DashboardPage, () => ReactElement | null> = {
  sites: SitesContainer,
  profiles: ProfilesContainer,
  settings: SettingsContainer,
  packs: PacksContainer,
  audit: AuditContainer,
  lists: ListsContainer,
  ledger: LedgerContainer,
  backup: BackupContainer,
};

function PageContent({ page }: { page: DashboardPage }) {
  const Page = PAGES[page];
  return <Page />;
}

function App() {
  const [page, setPage] = useState<DashboardPage>(pageFromHash(location.hash));
  useEffect(() => {
    const onHash = () => setPage(pageFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `${t('dash_title')} · ${t(`dash_nav_${page}`)}`;
  }, [page]);
  return (
    <Dashboard t={t} page={page}>
      <PageContent page={page} />
    </Dashboard>
  );
}

setPageLanguage();
createRoot(document.getElementById('root')!).render(<App />);

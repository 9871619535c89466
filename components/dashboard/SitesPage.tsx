import type { Translate } from '../Overlay';

export interface SiteRow {
  origin: string;
  enabledAt: string;
  hasPermission: boolean;
}

export function SitesPage({ t, sites, onDisable }: { t: Translate; sites: SiteRow[]; onDisable(origin: string): void }) {
  return (
    <section>
      <h2>{t('dash_nav_sites')}</h2>
      {sites.length === 0 ? (
        <p>{t('sites_empty')}</p>
      ) : (
        <table className="grid" data-testid="sites">
          <thead>
            <tr>
              <th>{t('sites_origin')}</th>
              <th>{t('sites_since')}</th>
              <th>{t('sites_status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.origin} data-origin={s.origin}>
                <td>{s.origin}</td>
                <td>{s.enabledAt.slice(0, 10)}</td>
                <td>{t(s.hasPermission ? 'sites_active' : 'sites_noPermission')}</td>
                <td>
                  <button type="button" className="danger" onClick={() => onDisable(s.origin)}>
                    {t('sites_disable')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

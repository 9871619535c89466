import { useState } from 'react';
import type { Translate } from '../Overlay';

export interface SiteRow {
  origin: string;
  /** empty for a managed system not yet authorised */
  enabledAt: string;
  hasPermission: boolean;
  /** enabled by the administrator's policy: the user cannot disable it */
  managed?: boolean;
}

export function SitesPage({
  t,
  sites,
  onDisable,
}: {
  t: Translate;
  sites: SiteRow[];
  /** rejects with the reason, worded, when the system could not be disabled */
  onDisable(origin: string): Promise<void>;
}) {
  const [failed, setFailed] = useState<{ origin: string; reason: string } | null>(null);
  const disable = (origin: string) => {
    setFailed(null);
    onDisable(origin).catch((e: unknown) => setFailed({ origin, reason: e instanceof Error ? e.message : String(e) }));
  };
  return (
    <section>
      <h2>{t('dash_nav_sites')}</h2>
      {failed ? (
        <p className="error" role="alert" data-testid="sites-error">
          {t('sites_disableFailed', [failed.origin, failed.reason])}
        </p>
      ) : null}
      {sites.length === 0 ? (
        <p>{t('sites_empty')}</p>
      ) : (
        <table className="grid" data-testid="sites">
          <thead>
            <tr>
              <th scope="col">{t('sites_origin')}</th>
              <th scope="col">{t('sites_since')}</th>
              <th scope="col">{t('sites_status')}</th>
              <th scope="col">
                <span className="sr-only">{t('sites_disable')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.origin} data-origin={s.origin} data-managed={s.managed ? 'true' : undefined}>
                <td>
                  {s.origin}
                  {s.managed ? (
                    <>
                      {' '}
                      <span className="managed-badge" data-testid="managed-badge">
                        {t('managed_badge')}
                      </span>
                    </>
                  ) : null}
                </td>
                <td>{s.enabledAt ? s.enabledAt.slice(0, 10) : '—'}</td>
                <td>{t(s.hasPermission ? 'sites_active' : s.managed ? 'sites_pending' : 'sites_noPermission')}</td>
                <td>
                  <button
                    type="button"
                    className="danger"
                    disabled={s.managed}
                    aria-label={t('common_labelled', [t('sites_disable'), s.origin])}
                    onClick={() => disable(s.origin)}
                  >
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

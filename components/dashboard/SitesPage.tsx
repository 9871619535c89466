import { useEffect, useId, useState } from 'react';
import type { Translate } from '../Overlay';
import { ManagedBadge } from '../ManagedBadge';

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
  // every failed 停用 by system, shown in its row until it is tried again: several may fail together
  const [failures, setFailures] = useState<ReadonlyMap<string, string>>(new Map());
  const uid = useId();
  useEffect(() => {
    // a system no longer listed (disabled from elsewhere) takes its failure with it
    const listed = (origin: string) => sites.some((s) => s.origin === origin);
    setFailures((f) => ([...f.keys()].every(listed) ? f : new Map([...f].filter(([o]) => listed(o)))));
  }, [sites]);
  const disable = (origin: string) => {
    setFailures((f) => new Map([...f].filter(([o]) => o !== origin)));
    onDisable(origin).catch((e: unknown) => setFailures((f) => new Map(f).set(origin, e instanceof Error ? e.message : String(e))));
  };
  return (
    <section>
      <h2>{t('dash_nav_sites')}</h2>
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
            {sites.map((s, i) => (
              <SiteRows key={s.origin} t={t} site={s} failure={failures.get(s.origin)} errorId={`${uid}-error-${i}`} onDisable={disable} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A system's row, and below it the reason its 停用 failed, named by the button (aria-describedby). */
function SiteRows({
  t,
  site: s,
  failure,
  errorId,
  onDisable,
}: {
  t: Translate;
  site: SiteRow;
  failure: string | undefined;
  /** by position: an origin has no place in an id */
  errorId: string;
  onDisable(origin: string): void;
}) {
  return (
    <>
      <tr data-origin={s.origin} data-managed={s.managed ? 'true' : undefined}>
        <td>
          {s.origin}
          {s.managed ? (
            <>
              {' '}
              <ManagedBadge t={t} />
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
            aria-describedby={failure === undefined ? undefined : errorId}
            onClick={() => onDisable(s.origin)}
          >
            {t('sites_disable')}
          </button>
        </td>
      </tr>
      {failure === undefined ? null : (
        <tr data-error-for={s.origin} data-testid="sites-error-row">
          <td colSpan={4}>
            <p className="error" role="alert" id={errorId} data-testid="sites-error">
              {t('sites_disableFailed', [s.origin, failure])}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}

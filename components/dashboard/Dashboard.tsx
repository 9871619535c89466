import { useEffect, useRef, type ReactNode } from 'react';
import type { Translate } from '../Overlay';

const DASHBOARD_PAGES = ['sites', 'profiles', 'settings', 'packs', 'audit', 'lists', 'ledger', 'backup'] as const;
export type DashboardPage = (typeof DASHBOARD_PAGES)[number];

export function pageFromHash(hash: string): DashboardPage {
  const name = hash.replace(/^#\/?/, '');
  return (DASHBOARD_PAGES as readonly string[]).includes(name) ? (name as DashboardPage) : 'sites';
}

export function Dashboard({ t, page, children }: { t: Translate; page: DashboardPage; children: ReactNode }) {
  // after choosing a page in the navigation, keyboard and screen-reader users continue in that page
  const main = useRef<HTMLElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) main.current?.focus({ preventScroll: true });
    opened.current = true;
  }, [page]);
  return (
    <div className="dash">
      <nav aria-label={t('dash_title')}>
        <h1>{t('extName')}</h1>
        {DASHBOARD_PAGES.map((p) => (
          <a key={p} href={`#${p}`} aria-current={p === page ? 'page' : undefined} data-testid={`nav-${p}`}>
            {t(`dash_nav_${p}`)}
          </a>
        ))}
      </nav>
      <main ref={main} tabIndex={-1} aria-label={t(`dash_nav_${page}`)} data-testid={`page-${page}`}>
        {children}
        <p className="muted">{t('dash_privacy')}</p>
      </main>
    </div>
  );
}

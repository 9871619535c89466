import type { Translate } from './Overlay';

/** Marks what the administrator's policy set (管理员设置), which cannot be changed here. */
export function ManagedBadge({ t }: { t: Translate }) {
  return (
    <span className="managed-badge" data-testid="managed-badge">
      {t('managed_badge')}
    </span>
  );
}

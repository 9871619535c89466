import { t } from '../../lib/i18n';

export function AuditContainer() {
  return <p data-testid="page-pending">{t('dash_nav_audit')}</p>;
}

import { t } from '../../lib/i18n';

export function ProfilesContainer() {
  return <p data-testid="page-pending">{t('dash_nav_profiles')}</p>;
}

import { t } from '../../lib/i18n';

export function ListsContainer() {
  return <p data-testid="page-pending">{t('dash_nav_lists')}</p>;
}

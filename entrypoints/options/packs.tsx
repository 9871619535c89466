import { t } from '../../lib/i18n';

export function PacksContainer() {
  return <p data-testid="page-pending">{t('dash_nav_packs')}</p>;
}

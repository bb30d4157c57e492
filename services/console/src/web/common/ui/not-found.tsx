import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('problems.not-found.title')}
      subTitle={t('problems.not-found.detail')}
      extra={<Link to="/">{t('nav.workbench')}</Link>}
    />
  );
}

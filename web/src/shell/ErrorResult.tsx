// How an API error looks on a page: 403 scope denial and 404 get a full Result; others an Alert.
import { Alert, Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ApiError } from '../api/client';

export function ErrorResult({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  const home = <Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>;
  if (error.status === 403) {
    return (
      <Result status="403" title={t('error.forbidden')} subTitle={error.message} extra={home}
        data-testid={error.code === 'SCOPE_DENIED' ? 'scope-denied' : 'forbidden'} />
    );
  }
  if (error.status === 404) {
    return <Result status="404" title={t('error.notFound')} subTitle={error.message} extra={home} data-testid="not-found" />;
  }
  return (
    <Alert type="error" showIcon title={t('error.generic')} description={error.message} data-testid="api-error"
      action={onRetry && <Button size="small" onClick={onRetry}>{t('common.retry')}</Button>} />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result status="404" title={t('error.notFound')} subTitle={t('error.notFoundSub')} data-testid="not-found"
      extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>} />
  );
}

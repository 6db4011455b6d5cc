// /cases — every case in the caller's scope, with filters (in the URL) and an Excel export.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/useApi';
import { ErrorResult } from '../../shell/ErrorResult';
import { casesApi } from '../api';
import { CaseFilterBar, readFilters, writeFilters } from '../common/CaseFilters';
import { CaseTable } from '../common/CaseTable';

const PAGE = 20;

export default function CasesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const filters = readFilters(sp);
  const page = Number(sp.get('page') ?? 1) || 1;
  const list = useApi(() => casesApi.list({ ...filters, view: 'all' }, PAGE, (page - 1) * PAGE), [sp.toString()]);
  const goPage = (p: number) => {
    const next = writeFilters(filters);
    if (p > 1) next.set('page', String(p));
    setSp(next);
  };

  if (list.error && list.error.status !== 400) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Card
      size="small" title={<span data-testid="cases-title">{t('cases.list.title')}</span>}
      extra={<Button icon={<DownloadOutlined />} href={casesApi.exportUrl({ ...filters, view: 'all' })} download data-testid="cases-export">{t('cases.common.export')}</Button>}
    >
      <CaseFilterBar value={filters} onChange={(f) => setSp(writeFilters(f))} />
      <CaseTable
        items={list.data?.items ?? []} loading={list.loading} onRowClick={(c) => navigate(`/cases/${c.id}`)} testId="cases-table"
        pagination={{
          current: page, pageSize: PAGE, total: list.data?.total ?? 0, showSizeChanger: false, size: 'small', onChange: goPage,
          showTotal: (n) => <span data-testid="cases-total">{t('common.total', { total: n })}</span>,
        }}
      />
    </Card>
  );
}

// The region's children as a dense table, archived ones on request.
import { Card, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { regionsApi } from '../api/endpoints';
import type { RegionDetail, RegionSummary } from '../api/types';
import { useApi } from '../api/useApi';
import { kindLabel } from '../i18n/names';
import { ErrorResult } from '../shell/ErrorResult';
import { SizeTag } from './SizeTag';

export function RegionChildren({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const [archived, setArchived] = useState(false);
  const { data, loading, error, reload } = useApi(() => regionsApi.children(region.id, archived), [region.id, region.version, archived]);
  return (
    <Card
      size="small"
      title={`${t('region.children')} (${data?.items.length ?? region.childCount})`}
      extra={<span>{t('region.showArchived')} <Switch size="small" checked={archived} onChange={setArchived} /></span>}
    >
      {error ? <ErrorResult error={error} onRetry={reload} /> : (
        <Table<RegionSummary>
          size="small" rowKey="id" loading={loading} dataSource={data?.items ?? []} data-testid="region-children"
          pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
          columns={[
            { title: t('region.code'), dataIndex: 'code', width: 200 },
            { title: t('common.name'), dataIndex: 'name', render: (n: string, r) => <>{n} {r.archived && <Tag>{t('region.archived')}</Tag>}</> },
            { title: t('region.kind'), dataIndex: 'kind', width: 120, render: (k: string) => kindLabel(t, k) },
            { title: t('region.childCount'), dataIndex: 'childCount', width: 80 },
            { title: t('region.sizeStatus'), dataIndex: 'sizeStatus', width: 100, render: (s: RegionSummary['sizeStatus']) => <SizeTag status={s} /> },
            { title: t('common.actions'), width: 80, render: (_, r) => <Link to={`/regions/${r.id}`}>{t('common.open')}</Link> },
          ]}
        />
      )}
    </Card>
  );
}

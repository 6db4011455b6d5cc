// One region: where it sits, what it is, how big, what is under it, what changed.
import { EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { regionsApi } from '../api/endpoints';
import type { RegionDetail } from '../api/types';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { AuditTable } from '../audit/AuditTable';
import { kindLabel, levelLabel } from '../i18n/names';
import { ErrorResult } from '../shell/ErrorResult';
import { useRegionsOutlet } from './context';
import { RegionActions } from './RegionActions';
import { RegionChildren } from './RegionChildren';
import { RegionExport } from './RegionExport';
import { RegionInfo } from './RegionInfo';
import { SizeWarnings } from './SizeWarnings';
import { SizeTag } from './SizeTag';
import { ZonesCard } from './ZonesCard';

const RegionMiniMap = lazy(() => import('../map/RegionMiniMap'));

export default function RegionPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const { can } = useAuth();
  const outlet = useRegionsOutlet();
  const detail = useApi(() => regionsApi.get(id), [id]);
  const history = useApi(() => regionsApi.audit(id), [id]);
  const region = detail.data;

  useEffect(() => {
    if (region && region.id === id) outlet?.focus([...region.ancestors.map((a) => a.id), region.id]);
  }, [region, id, outlet]);

  if (detail.error) return <ErrorResult error={detail.error} onRetry={detail.reload} />;
  if (!region || region.id !== id) return <Card><Skeleton active /></Card>;

  const onChanged = (updated?: RegionDetail) => {
    detail.reload();
    history.reload();
    outlet?.reloadNodes([region.parentId, region.id, ...(updated && updated.parentId !== region.parentId ? [updated.parentId] : [])]);
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', paddingBottom: 24 }}>
      <Card size="small">
        <Breadcrumb
          data-testid="region-breadcrumb"
          items={[
            ...region.ancestors.map((a) => ({ key: a.id, title: <Link to={`/regions/${a.id}`}>{a.name}</Link> })),
            { key: region.id, title: region.name },
          ]}
        />
        <Row align="middle" gutter={12} style={{ marginTop: 8 }}>
          <Col flex="auto">
            <Space wrap>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="region-title">{region.name}</Typography.Title>
              <Tag color="red">{levelLabel(t, region.level)}</Tag>
              <Tag>{kindLabel(t, region.kind)}</Tag>
              <SizeTag status={region.sizeStatus} />
              {region.archived && <Tag color="default" data-testid="region-archived">{t('region.archived')}</Tag>}
            </Space>
          </Col>
          <Col>
            <Space wrap>
              <Link to={`/map/${region.id}`}><Button icon={<EnvironmentOutlined />}>{t('region.openOnMap')}</Button></Link>
              <RegionExport rootId={region.id} />
              {can('regions.write') && <RegionActions region={region} onChanged={onChanged} />}
            </Space>
          </Col>
        </Row>
      </Card>
      <SizeWarnings warnings={region.warnings} />
      {region.archived && region.archivedAt && <Alert type="info" showIcon title={`${t('region.archived')} · ${region.archivedAt}`} />}
      <Row gutter={12}>
        <Col xs={24} xl={12}><RegionInfo region={region} /></Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('region.map')} styles={{ body: { padding: 0 } }}>
            <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 320 }} />}>
              <RegionMiniMap region={region} />
            </Suspense>
          </Card>
        </Col>
      </Row>
      <RegionChildren region={region} />
      {region.level === 4 && <ZonesCard community={region} />}
      <Card size="small" title={t('region.history')}>
        {history.error ? <ErrorResult error={history.error} onRetry={history.reload} />
          : <AuditTable items={history.data?.items ?? []} loading={history.loading} showEntity={false} pagination={{ pageSize: 10, size: 'small' }} />}
      </Card>
    </Space>
  );
}

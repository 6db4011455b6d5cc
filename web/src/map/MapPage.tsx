// Full-height grid map of one region's subtree (children and grandchildren), with legend and drawer.
import { ArrowUpOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Segmented, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { regionsApi } from '../api/endpoints';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { RegionPicker } from '../regions/RegionPicker';
import { ErrorResult } from '../shell/ErrorResult';
import type { ColorMode } from './mapCore';
import { DRAWER_WIDTH, MapDrawer } from './MapDrawer';
import { MapLegend } from './MapLegend';
import RegionMap, { type PickedRegion } from './RegionMap';

const MODE_KEY = 'wangge.map.colorMode';

export default function MapPage() {
  const { id } = useParams();
  const { user } = useAuth();
  const roots = useApi(async () => (id || user?.scopeRegion ? null : (await regionsApi.roots()).items), [id, user?.scopeRegion]);
  if (!id) {
    const start = user?.scopeRegion?.id ?? roots.data?.[0]?.id;
    if (start) return <Navigate to={`/map/${start}`} replace />;
    if (roots.error) return <ErrorResult error={roots.error} />;
    return <Spin style={{ display: 'block', margin: 80 }} />;
  }
  return <RegionMapView id={Number(id)} />;
}

function RegionMapView({ id }: { id: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [mode, setMode] = useState<ColorMode>(() => (localStorage.getItem(MODE_KEY) === 'size' ? 'size' : 'level'));
  const [picked, setPicked] = useState<PickedRegion | null>(null);
  const detail = useApi(() => regionsApi.get(id), [id]);
  const geo = useApi(() => regionsApi.geojson(id, 2), [id]);
  useEffect(() => setPicked(null), [id]);
  useEffect(() => localStorage.setItem(MODE_KEY, mode), [mode]);

  const error = detail.error ?? geo.error;
  if (error) return <div style={{ padding: 16 }}><ErrorResult error={error} onRetry={() => { detail.reload(); geo.reload(); }} /></div>;
  const region = detail.data?.id === id ? detail.data : undefined;
  const parent = region?.ancestors[region.ancestors.length - 1];
  const features = geo.data?.features ?? [];
  const levels = Array.from(new Set(features.map((f) => f.properties.level))).sort();
  // Levels drawn as outlines only: every polygon of the level has its children drawn over it.
  const parentIds = new Set(features.map((f) => f.properties.parentId));
  const outlined = levels.filter((l) => features.every((f) => f.properties.level !== l || parentIds.has(f.properties.id)));

  return (
    <div style={{ position: 'relative', height: '100%', display: 'flex', flexDirection: 'column' }}>
      <Card size="small" styles={{ body: { padding: '8px 12px' } }} style={{ borderRadius: 0 }}>
        <Space wrap size={12} style={{ width: '100%' }}>
          <Typography.Text strong>{t('map.title')}</Typography.Text>
          <div style={{ width: 280 }}>
            <RegionPicker value={null} onChange={(rid) => rid && navigate(`/map/${rid}`)} placeholder={t('map.selectRegion')} testId="map-region-select" />
          </div>
          <Segmented<ColorMode>
            value={mode} onChange={setMode} data-testid="map-color-mode"
            options={[{ value: 'level', label: t('map.byLevel') }, { value: 'size', label: t('map.bySize') }]}
          />
          {parent && <Button icon={<ArrowUpOutlined />} onClick={() => navigate(`/map/${parent.id}`)}>{t('map.up')}</Button>}
          {region && (
            <Breadcrumb
              data-testid="map-breadcrumb"
              items={[
                ...region.ancestors.map((a) => ({ key: a.id, title: <Link to={`/map/${a.id}`}>{a.name}</Link> })),
                { key: region.id, title: <Link to={`/regions/${region.id}`}><b data-testid="map-region-name">{region.name}</b></Link> },
              ]}
            />
          )}
          {geo.data && <Typography.Text type="secondary">{t('map.features', { count: geo.data.features.length })}</Typography.Text>}
        </Space>
      </Card>
      <div style={{ position: 'relative', flex: 1, minHeight: 300, overflow: 'hidden' }}>
        <RegionMap data={geo.data} colorMode={mode} selectedId={picked?.props.id ?? null} onPick={setPicked} expose pickPanelWidth={DRAWER_WIDTH} />
        {(geo.loading || detail.loading) && <Spin style={{ position: 'absolute', top: 16, left: '50%' }} />}
        {geo.data && !geo.data.features.length && (
          <Alert type="info" showIcon title={t('map.empty')} style={{ position: 'absolute', top: 16, left: 16, right: 16 }} />
        )}
        <MapLegend mode={mode} levels={levels} outlined={outlined} />
        <MapDrawer picked={picked} onClose={() => setPicked(null)} onPick={(p) => setPicked(picked && { props: p, under: picked.under })} />
      </div>
    </div>
  );
}

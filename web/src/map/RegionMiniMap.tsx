// The small map on a region page: its children, or its own outline when it has none.
import { Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { regionsApi } from '../api/endpoints';
import type { RegionDetail, RegionFeatureCollection } from '../api/types';
import { useApi } from '../api/useApi';
import RegionMap from './RegionMap';

export default function RegionMiniMap({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const geo = useApi(() => regionsApi.geojson(region.id, 1), [region.id, region.version]);
  const data = useMemo<RegionFeatureCollection | undefined>(() => {
    if (!geo.data) return undefined;
    if (geo.data.features.length || !region.boundary) return geo.data;
    const { id, code, name, level, kind, sizeStatus, parentId } = region;
    return { type: 'FeatureCollection', features: [{ type: 'Feature', id, geometry: region.boundary, properties: { id, code, name, level, kind, sizeStatus, parentId } }] };
  }, [geo.data, region]);
  if (geo.data && !data?.features.length) return <Empty style={{ padding: 40 }} description={t('region.noBoundary')} />;
  return (
    <div style={{ height: 320 }}>
      <RegionMap data={data} testId="region-minimap" onPick={(p) => p && p.props.id !== region.id && navigate(`/regions/${p.props.id}`)} />
    </div>
  );
}

// A small offline map: the case's point over the boundary of the grid (or micro-grid) it lies in.
import { Empty } from 'antd';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionsApi } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { bboxOf, createMap, fitTo } from '../../map/mapCore';

interface Props {
  lng: number | null;
  lat: number | null;
  regionId: number;
  height?: number;
}

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

export default function CaseMap({ lng, lat, regionId, height = 240 }: Props) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const region = useApi(() => regionsApi.get(regionId), [regionId]);
  const hasPoint = lng !== null && lat !== null;

  useEffect(() => {
    if (!hasPoint) return;
    const map = createMap(el.current!);
    mapRef.current = map;
    map.on('load', () => {
      map.addSource('area', { type: 'geojson', data: EMPTY });
      map.addSource('point', { type: 'geojson', data: EMPTY });
      map.addLayer({ id: 'area-fill', type: 'fill', source: 'area', paint: { 'fill-color': '#fa8c16', 'fill-opacity': 0.12 } });
      map.addLayer({ id: 'area-line', type: 'line', source: 'area', paint: { 'line-color': '#d46b08', 'line-width': 1.6 } });
      map.addLayer({ id: 'point-halo', type: 'circle', source: 'point', paint: { 'circle-radius': 13, 'circle-color': '#c62828', 'circle-opacity': 0.18 } });
      map.addLayer({ id: 'point-dot', type: 'circle', source: 'point', paint: { 'circle-radius': 6, 'circle-color': '#c62828', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
      setReady(true);
    });
    const ro = new ResizeObserver(() => map.resize());
    ro.observe(el.current!);
    return () => { ro.disconnect(); map.remove(); mapRef.current = null; setReady(false); };
  }, [hasPoint]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || lng === null || lat === null) return;
    const point = { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [lng, lat] }, properties: {} };
    const boundary = region.data?.boundary;
    const area = boundary ? { type: 'Feature' as const, geometry: boundary, properties: {} } : null;
    (map.getSource('point') as GeoJSONSource).setData({ type: 'FeatureCollection', features: [point] });
    (map.getSource('area') as GeoJSONSource).setData({ type: 'FeatureCollection', features: area ? [area] : [] });
    // Frame the grid when known, and never closer than ~300 m around the point.
    const pad = 0.0015;
    const b = bboxOf(area ? [area, point] : [point]) ?? [lng, lat, lng, lat];
    fitTo(map, [Math.min(b[0], lng - pad), Math.min(b[1], lat - pad), Math.max(b[2], lng + pad), Math.max(b[3], lat + pad)], 24);
  }, [ready, lng, lat, region.data]);

  if (!hasPoint) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.map.noPoint')} />;
  return (
    <div style={{ position: 'relative', height, border: '1px solid #f0f0f0', borderRadius: 4, overflow: 'hidden' }}>
      <div ref={el} data-testid="case-map" data-ready={ready ? 'true' : 'false'} style={{ position: 'absolute', inset: 0 }} />
      {region.data && (
        <div style={{ position: 'absolute', left: 6, bottom: 6, background: 'rgba(255,255,255,.9)', borderRadius: 3, padding: '0 6px', fontSize: 12 }}>{region.data.name}</div>
      )}
    </div>
  );
}

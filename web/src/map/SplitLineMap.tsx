// Draw a split line over a grid: click to add points, double-click to finish.
import { Button, Space, Typography } from 'antd';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Boundary } from '../api/types';
import { bboxOf, createMap, fitTo } from './mapCore';

interface Props { boundary: Boundary; points: [number, number][]; onChange: (pts: [number, number][]) => void }

export default function SplitLineMap({ boundary, points, onChange }: Props) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const state = useRef({ points, finished: false, onChange });
  state.current.points = points;
  state.current.onChange = onChange;

  useEffect(() => {
    const map = createMap(container.current!);
    mapRef.current = map;
    map.doubleClickZoom.disable();
    map.on('load', () => {
      map.addSource('grid', { type: 'geojson', data: { type: 'Feature', geometry: boundary, properties: {} } });
      map.addLayer({ id: 'grid-fill', type: 'fill', source: 'grid', paint: { 'fill-color': '#fa8c16', 'fill-opacity': 0.25 } });
      map.addLayer({ id: 'grid-line', type: 'line', source: 'grid', paint: { 'line-color': '#874d00', 'line-width': 2 } });
      map.addSource('cut', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'cut-line', type: 'line', source: 'cut', paint: { 'line-color': '#cf1322', 'line-width': 3, 'line-dasharray': [2, 1] } });
      map.addLayer({ id: 'cut-pts', type: 'circle', source: 'cut', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4, 'circle-color': '#cf1322' } });
      fitTo(map, bboxOf([boundary]), 24);
      setReady(true);
    });
    map.on('click', (e) => {
      const s = state.current;
      const pt: [number, number] = [e.lngLat.lng, e.lngLat.lat];
      const base = s.finished ? [] : s.points;
      s.finished = false;
      const last = base[base.length - 1];
      // The two clicks of a double-click land on the same pixel: keep one point.
      if (last) {
        const p = map.project(last);
        if (Math.hypot(p.x - e.point.x, p.y - e.point.y) < 4) return;
      }
      s.onChange([...base, pt]);
    });
    map.on('dblclick', (e) => {
      e.preventDefault();
      state.current.finished = true;
    });
    const ro = new ResizeObserver(() => map.resize());
    ro.observe(container.current!);
    return () => { ro.disconnect(); map.remove(); mapRef.current = null; setReady(false); };
  }, [boundary]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    (map.getSource('cut') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: [
        ...(points.length > 1 ? [{ type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: points }, properties: {} }] : []),
        ...points.map((c) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: c }, properties: {} })),
      ],
    });
  }, [ready, points]);

  return (
    <div>
      <div ref={container} style={{ height: 360, width: '100%', border: '1px solid #d9d9d9' }} data-testid="split-map" />
      <Space style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('regionAction.linePoints', { count: points.length })}</Typography.Text>
        <Button size="small" onClick={() => { state.current.finished = false; onChange([]); }}>{t('regionAction.clearLine')}</Button>
      </Space>
    </div>
  );
}

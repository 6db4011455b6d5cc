// Check-in points over region outlines, offline (no tiles: a plain background). Points outside
// their grid's boundary are orange-red, the others green; a click on a point picks its visit.
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { regionsApi } from '../api/endpoints';
import type { RegionFeatureCollection } from '../api/types';
import { useApi } from '../api/useApi';
import { bboxOf, createMap, fitTo } from '../map/mapCore';

export interface MapPoint { id: number; lng: number; lat: number; outside: boolean | null; label: string; kind?: 'in' | 'out' }

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The region's own outline and its children's (depth levels down). */
async function outlines(regionId: number, depth: number): Promise<RegionFeatureCollection> {
  const [region, children] = await Promise.all([regionsApi.get(regionId), regionsApi.geojson(regionId, depth)]);
  const { id, code, name, level, kind, sizeStatus, parentId, boundary } = region;
  const own = boundary ? [{ type: 'Feature' as const, id, geometry: boundary, properties: { id, code, name, level, kind, sizeStatus, parentId } }] : [];
  return { type: 'FeatureCollection', features: [...own, ...children.features.filter((f) => f.properties.id !== id)] };
}

interface Props {
  regionId: number | null | undefined;
  points: MapPoint[];
  depth?: number;
  height?: number | string;
  onPick?: (id: number) => void;
  testId?: string;
  /** Drawn over the map's lower left corner (a legend). */
  legend?: ReactNode;
}

export default function VisitMap({ regionId, points, depth = 1, height = 420, onPick, testId = 'visit-map', legend }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [hover, setHover] = useState<{ x: number; y: number; label: string } | null>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const areas = useApi(() => (regionId ? outlines(regionId, depth) : Promise.resolve(undefined)), [regionId, depth]);

  useEffect(() => {
    const map = createMap(el.current!);
    mapRef.current = map;
    map.on('load', () => {
      map.addSource('areas', { type: 'geojson', data: EMPTY });
      map.addSource('points', { type: 'geojson', data: EMPTY });
      // Only the finest level drawn is tinted; outlines thin out with depth (region, grids, micro-grids).
      map.addLayer({ id: 'areas-fill', type: 'fill', source: 'areas', filter: ['==', ['get', 'finest'], true], paint: { 'fill-color': '#fa8c16', 'fill-opacity': 0.12 } });
      map.addLayer({
        id: 'areas-line', type: 'line', source: 'areas',
        paint: { 'line-color': ['match', ['get', 'depth'], 0, '#6b4f2a', 1, '#8c6d3f', '#b39b77'], 'line-width': ['match', ['get', 'depth'], 0, 2.4, 1, 1.4, 0.6] },
      });
      map.addLayer({
        id: 'points', type: 'circle', source: 'points',
        paint: {
          'circle-radius': 6,
          'circle-color': ['case', ['==', ['get', 'outside'], true], '#f5222d', ['==', ['get', 'kind'], 'out'], '#1677ff', '#52c41a'],
          'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5,
        },
      });
      map.on('mousemove', 'points', (e) => {
        const f = e.features?.[0];
        if (!f) return;
        map.getCanvas().style.cursor = 'pointer';
        setHover({ x: e.point.x, y: e.point.y, label: String(f.properties?.label ?? '') });
      });
      map.on('mouseleave', 'points', () => { map.getCanvas().style.cursor = ''; setHover(null); });
      map.on('click', 'points', (e) => {
        const id = Number(e.features?.[0]?.properties?.id);
        if (id) pickRef.current?.(id);
      });
      setReady(true);
    });
    const ro = new ResizeObserver(() => map.resize());
    ro.observe(el.current!);
    return () => { ro.disconnect(); map.remove(); mapRef.current = null; setReady(false); };
  }, []);

  const pointData = useMemo<FeatureCollection<Point>>(() => ({
    type: 'FeatureCollection',
    features: points.map((p): Feature<Point> => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lng, p.lat] }, properties: { id: p.id, outside: p.outside === true, label: p.label, kind: p.kind ?? 'in' } })),
  }), [points]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const features = areas.data?.features ?? [];
    const minLevel = Math.min(...features.map((f) => f.properties.level));
    const maxLevel = Math.max(...features.map((f) => f.properties.level));
    const areaFeatures = features.map((f) => ({ ...f, properties: { ...f.properties, depth: f.properties.level - minLevel, finest: f.properties.level === maxLevel } }));
    (map.getSource('areas') as GeoJSONSource).setData({ type: 'FeatureCollection', features: areaFeatures } as FeatureCollection);
    (map.getSource('points') as GeoJSONSource).setData(pointData);
    const all = [...areaFeatures, ...pointData.features] as Feature[];
    const b = bboxOf(all);
    // A lone point: frame ~300 m around it.
    if (b && b[0] === b[2] && b[1] === b[3]) fitTo(map, [b[0] - 0.0015, b[1] - 0.0015, b[2] + 0.0015, b[3] + 0.0015], 24);
    else fitTo(map, b, 32);
  }, [ready, areas.data, pointData, regionId]);

  return (
    <div style={{ position: 'relative', height, border: '1px solid #f0f0f0', borderRadius: 4, overflow: 'hidden' }}>
      <div ref={el} data-testid={testId} data-ready={ready && !areas.loading ? 'true' : 'false'} data-points={points.length} style={{ position: 'absolute', inset: 0 }} />
      {legend && <div style={{ position: 'absolute', left: 6, bottom: 6, background: 'rgba(255,255,255,.92)', borderRadius: 4, padding: '2px 8px', fontSize: 12 }}>{legend}</div>}
      {hover && (
        <div style={{ position: 'absolute', left: hover.x + 12, top: hover.y + 12, pointerEvents: 'none', background: 'rgba(255,255,255,.95)', border: '1px solid #d9d9d9', borderRadius: 4, padding: '2px 8px', fontSize: 12, whiteSpace: 'nowrap', zIndex: 2 }}>
          {hover.label}
        </div>
      )}
    </div>
  );
}

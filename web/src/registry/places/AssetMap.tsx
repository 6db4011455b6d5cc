// A small offline map of assets as points, coloured by category, over the outlines of the
// regions they sit in (no online tiles, like the main map).
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { AssetView, RegionFeatureCollection } from '../../api/types';
import { bboxOf, createMap, fitTo } from '../../map/mapCore';
import { CATEGORY_COLORS } from './assetColors';


export default function AssetMap({ assets, regions, height = 360 }: { assets: AssetView[]; regions: RegionFeatureCollection | undefined; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [hover, setHover] = useState<{ x: number; y: number; text: string } | null>(null);

  useEffect(() => {
    const map = createMap(el.current!);
    mapRef.current = map;
    map.on('load', () => {
      map.addSource('regions', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('assets', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'regions-fill', type: 'fill', source: 'regions', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.55 } });
      map.addLayer({ id: 'regions-line', type: 'line', source: 'regions', paint: { 'line-color': '#8c8c8c', 'line-width': 1.2 } });
      const pairs = Object.entries(CATEGORY_COLORS).flat();
      map.addLayer({
        id: 'assets-pt', type: 'circle', source: 'assets',
        paint: { 'circle-radius': 5, 'circle-color': ['match', ['get', 'category'], ...pairs, '#595959'] as never, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.2 },
      });
      map.on('mousemove', 'assets-pt', (e) => {
        const p = e.features?.[0]?.properties as { name: string; code: string } | undefined;
        if (p) setHover({ x: e.point.x, y: e.point.y, text: `${p.name} · ${p.code}` });
        map.getCanvas().style.cursor = 'pointer';
      });
      map.on('mouseleave', 'assets-pt', () => { setHover(null); map.getCanvas().style.cursor = ''; });
      setReady(true);
    });
    const ro = new ResizeObserver(() => map.resize());
    ro.observe(el.current!);
    return () => { ro.disconnect(); map.remove(); mapRef.current = null; setReady(false); };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const points = {
      type: 'FeatureCollection' as const,
      features: assets.map((a) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [a.lng, a.lat] }, properties: { id: a.id, name: a.name, code: a.code, category: a.category } })),
    };
    (map.getSource('assets') as GeoJSONSource).setData(points);
    (map.getSource('regions') as GeoJSONSource).setData(regions ?? { type: 'FeatureCollection', features: [] });
    // Points alone would zoom in too far to see any outline: frame at least ~400 m around them.
    const b = bboxOf(points.features.length ? points : regions ?? points);
    const pad = 0.002;
    fitTo(map, b && points.features.length ? [Math.min(b[0], (b[0] + b[2]) / 2 - pad), Math.min(b[1], (b[1] + b[3]) / 2 - pad), Math.max(b[2], (b[0] + b[2]) / 2 + pad), Math.max(b[3], (b[1] + b[3]) / 2 + pad)] : b, 30);
  }, [ready, assets, regions]);

  return (
    <div style={{ position: 'relative', height, border: '1px solid #f0f0f0', borderRadius: 4, overflow: 'hidden' }}>
      <div ref={el} data-testid="asset-map" data-ready={ready ? 'true' : 'false'} data-point-count={assets.length} style={{ position: 'absolute', inset: 0 }} />
      {hover && (
        <div style={{ position: 'absolute', left: hover.x + 10, top: hover.y + 10, background: 'rgba(255,255,255,.95)', border: '1px solid #d9d9d9', borderRadius: 4, padding: '1px 6px', fontSize: 12, pointerEvents: 'none', whiteSpace: 'nowrap' }}>{hover.text}</div>
      )}
    </div>
  );
}

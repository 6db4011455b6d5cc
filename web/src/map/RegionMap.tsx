// A MapLibre map of region polygons: coloured by level or size, hover highlight, click to pick.
import type { MapGeoJSONFeature, Map as MapLibreMap, GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { RegionFeatureCollection, RegionFeatureProps } from '../api/types';
import { addRegionLayers, bboxOf, createMap, fillColor, fitTo, type ColorMode } from './mapCore';

declare global {
  interface Window { __wanggeMap?: MapLibreMap }
}

export interface PickedRegion { props: RegionFeatureProps; under: RegionFeatureProps[] }

interface Props {
  data: RegionFeatureCollection | undefined;
  colorMode?: ColorMode;
  selectedId?: number | null;
  onPick?: (picked: PickedRegion | null) => void;
  /** Expose the map as window.__wanggeMap (the main map page only, for browser tests). */
  expose?: boolean;
  testId?: string;
  style?: CSSProperties;
  /** Width of a panel that opens over the map's right edge on a pick: a pick under it is panned into view. */
  pickPanelWidth?: number;
}

const SRC = 'regions';

/**
 * Shallowest first: on a region's map the pointer picks the region's own children (a community's
 * grids, a street's communities), the level one drills into; the finer polygons under the pointer
 * (micro-grids) come after, offered by the drawer as "also here".
 */
const byDepth = (fs: MapGeoJSONFeature[]) =>
  fs.map((f) => f.properties as RegionFeatureProps).sort((a, b) => a.level - b.level)
    .filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);

export default function RegionMap({ data, colorMode = 'level', selectedId, onPick, expose, testId = 'region-map', style, pickPanelWidth = 0 }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [hover, setHover] = useState<{ x: number; y: number; p: RegionFeatureProps } | null>(null);
  const [drawn, setDrawn] = useState(0);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const panelRef = useRef(pickPanelWidth);
  panelRef.current = pickPanelWidth;

  useEffect(() => {
    const map = createMap(container.current!);
    mapRef.current = map;
    let hovered: number | null = null;
    const setHovered = (id: number | null) => {
      if (hovered !== null) map.setFeatureState({ source: SRC, id: hovered }, { hover: false });
      hovered = id;
      if (id !== null) map.setFeatureState({ source: SRC, id }, { hover: true });
    };
    map.on('load', () => {
      map.addSource(SRC, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
      addRegionLayers(map, SRC, colorMode);
      map.on('mousemove', `${SRC}-fill`, (e) => {
        const top = byDepth(e.features ?? [])[0];
        if (!top) return;
        setHovered(top.id);
        map.getCanvas().style.cursor = 'pointer';
        setHover({ x: e.point.x, y: e.point.y, p: top });
      });
      map.on('mouseleave', `${SRC}-fill`, () => {
        setHovered(null);
        map.getCanvas().style.cursor = '';
        setHover(null);
      });
      map.on('click', (e) => {
        const under = byDepth(map.queryRenderedFeatures(e.point, { layers: [`${SRC}-fill`] }));
        pickRef.current?.(under.length ? { props: under[0], under } : null);
        const clear = map.getCanvas().clientWidth - panelRef.current;
        if (under.length && panelRef.current && e.point.x > clear - 24) map.panBy([e.point.x - clear / 2, 0], { duration: 300 });
      });
      setReady(true);
    });
    if (expose) window.__wanggeMap = map;
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container.current!);
    return () => {
      resize.disconnect();
      if (window.__wanggeMap === map) delete window.__wanggeMap;
      map.remove();
      mapRef.current = null;
      setReady(false);
    };
    // colorMode is applied by its own effect; the map is created once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expose]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const features = data?.features ?? [];
    const minLevel = Math.min(...features.map((f) => f.properties.level));
    // A polygon whose children are drawn too is only outlined (filled on hover or when selected), so
    // each area shows the colour of the finest unit drawn there and the legend's colours stay true.
    const parents = new Set(features.map((f) => f.properties.parentId));
    const withDepth = {
      ...(data ?? { type: 'FeatureCollection' }),
      features: features.map((f) => ({ ...f, properties: { ...f.properties, depth: f.properties.level - minLevel, covered: parents.has(f.properties.id) } })),
    };
    (map.getSource(SRC) as GeoJSONSource).setData(withDepth as RegionFeatureCollection);
    fitTo(map, bboxOf(features));
    map.once('idle', () => setDrawn((n) => n + 1));
  }, [ready, data]);

  useEffect(() => {
    const map = mapRef.current;
    if (ready && map) map.setPaintProperty(`${SRC}-fill`, 'fill-color', fillColor(colorMode));
  }, [ready, colorMode]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || selectedId == null) return;
    map.setFeatureState({ source: SRC, id: selectedId }, { selected: true });
    return () => { if (mapRef.current?.getSource(SRC)) mapRef.current.setFeatureState({ source: SRC, id: selectedId }, { selected: false }); };
  }, [ready, selectedId, data]);

  return (
    <div style={{ position: 'relative', width: '100%', height: '100%', ...style }}>
      <div
        ref={container} data-testid={testId} data-ready={ready && drawn > 0 ? 'true' : 'false'}
        data-feature-count={data?.features.length ?? 0} style={{ position: 'absolute', inset: 0 }}
      />
      {hover && (
        <div
          data-testid="map-hover"
          style={{
            position: 'absolute', left: hover.x + 12, top: hover.y + 12, pointerEvents: 'none', background: 'rgba(255,255,255,.95)',
            border: '1px solid #d9d9d9', borderRadius: 4, padding: '2px 8px', fontSize: 12, whiteSpace: 'nowrap', zIndex: 2,
          }}
        >
          {hover.p.name}
        </div>
      )}
    </div>
  );
}

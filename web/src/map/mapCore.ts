// MapLibre without any online resource: a plain background, our GeoJSON drawn on top.
import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibreMap, type ExpressionSpecification, type LngLatBoundsLike, type StyleSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

export const BLANK_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4f1ea' } }],
};

export const LEVEL_COLORS: Record<number, string> = {
  1: '#8c8c8c', 2: '#722ed1', 3: '#1677ff', 4: '#13c2c2', 5: '#fa8c16', 6: '#eb2f96',
};
export const SIZE_COLORS: Record<string, string> = { ok: '#52c41a', under: '#1677ff', over: '#f5222d', unknown: '#bfbfbf' };

export type ColorMode = 'level' | 'size';

export function fillColor(mode: ColorMode): ExpressionSpecification {
  if (mode === 'size') {
    return ['match', ['get', 'sizeStatus'], 'ok', SIZE_COLORS.ok, 'under', SIZE_COLORS.under, 'over', SIZE_COLORS.over, SIZE_COLORS.unknown];
  }
  const pairs = Object.entries(LEVEL_COLORS).flatMap(([l, c]) => [Number(l), c]);
  return ['match', ['get', 'level'], ...pairs, '#999999'] as unknown as ExpressionSpecification;
}

export function createMap(container: HTMLElement): MapLibreMap {
  return new MapLibreMap({
    container,
    style: BLANK_STYLE,
    center: [116.4, 39.9],
    zoom: 9,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    // Keep the drawing buffer so browser tests can screenshot the canvas.
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
}

function eachPosition(g: Geometry, fn: (p: Position) => void): void {
  switch (g.type) {
    case 'Point': fn(g.coordinates); break;
    case 'MultiPoint': case 'LineString': g.coordinates.forEach(fn); break;
    case 'MultiLineString': case 'Polygon': g.coordinates.forEach((r) => r.forEach(fn)); break;
    case 'MultiPolygon': g.coordinates.forEach((p) => p.forEach((r) => r.forEach(fn))); break;
    case 'GeometryCollection': g.geometries.forEach((x) => eachPosition(x, fn)); break;
  }
}

/** [west, south, east, north] of everything drawn, or null when there is nothing. */
export function bboxOf(data: FeatureCollection | Feature[] | Geometry[]): [number, number, number, number] | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const geoms: Geometry[] = Array.isArray(data)
    ? data.map((x) => ('type' in x && x.type === 'Feature' ? (x as Feature).geometry : (x as Geometry)))
    : data.features.map((f) => f.geometry);
  for (const g of geoms) {
    if (!g) continue;
    eachPosition(g, ([x, y]) => { w = Math.min(w, x); s = Math.min(s, y); e = Math.max(e, x); n = Math.max(n, y); });
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

export function fitTo(map: MapLibreMap, bbox: [number, number, number, number] | null, padding = 40): void {
  if (!bbox) return;
  const [w, s, e, n] = bbox;
  const pad = Math.min(padding, map.getContainer().clientWidth / 4, map.getContainer().clientHeight / 4);
  map.fitBounds([[w, s], [e, n]] as LngLatBoundsLike, { padding: pad, duration: 0, maxZoom: 18 });
}

/** A point inside the feature's area, good enough to place a label or aim a click. */
export function centroidOf(g: Geometry): [number, number] | null {
  const b = bboxOf([g]);
  return b ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : null;
}

/** Add (once) the fill + line layers for a region source. */
export function addRegionLayers(map: MapLibreMap, source: string, mode: ColorMode): void {
  map.addLayer({
    id: `${source}-fill`, type: 'fill', source,
    layout: { 'fill-sort-key': ['get', 'level'] },
    paint: {
      'fill-color': fillColor(mode),
      'fill-opacity': [
        'case',
        ['boolean', ['feature-state', 'hover'], false], 0.75,
        ['boolean', ['feature-state', 'selected'], false], 0.65,
        // Covered by its own children, which carry the colour: outline only.
        ['boolean', ['get', 'covered'], false], 0,
        0.35,
      ],
    },
  });
  map.addLayer({
    id: `${source}-line`, type: 'line', source,
    paint: {
      'line-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#b71c1c', '#5c5c5c'],
      'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, ['boolean', ['feature-state', 'hover'], false], 2.5, ['match', ['get', 'depth'], 0, 2.2, 0.8]],
    },
  });
}

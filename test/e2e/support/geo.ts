// Points for browser tests that place a phone or a case relative to a grid's boundary.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** The point of the grid farthest from its edges (so the locate index cannot put it in a neighbour). */
export function innerPoint(g: Polygon | MultiPolygon): Position {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  const all = rings.flat();
  const xs = all.map((p) => p[0]), ys = all.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const edge = ([x, y]: Position) => {
    let best = Infinity;
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const [ax, ay] = ring[i - 1], [bx, by] = ring[i];
        const dx = bx - ax, dy = by - ay;
        const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
        best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
      }
    }
    return best;
  };
  let best: { p: Position; d: number } | null = null;
  for (let i = 1; i < 12; i++) {
    for (let j = 1; j < 12; j++) {
      const p: Position = [w + ((e - w) * i) / 12, s + ((n - s) * j) / 12];
      if (booleanPointInPolygon(p, g) && (!best || edge(p) > best.d)) best = { p, d: edge(p) };
    }
  }
  if (!best) throw new Error('no interior point found');
  return best.p;
}

/** A point ~1 km east of the grid's bounding box: surely outside its boundary. */
export function outsidePoint(g: Polygon | MultiPolygon): Position {
  const all = (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()).flat();
  const xs = all.map((p) => p[0]), ys = all.map((p) => p[1]);
  return [Math.max(...xs) + 0.01, (Math.min(...ys) + Math.max(...ys)) / 2];
}

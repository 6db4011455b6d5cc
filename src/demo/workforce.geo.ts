// Points for the demo's visits: check-ins inside a region's (convex) boundary, a few outside it,
// and the test the flag is set from, so `check_in_outside` agrees with the geometry.
import type { RegionInput } from '../modules/regions/index.ts';
import type { Rng } from './random.ts';

type Ring = number[][];
interface Shape {
  ring: Ring;
  cx: number;
  cy: number;
}

const shapes = new WeakMap<RegionInput, Shape | null>();

/** The region's outer ring and its vertex mean, computed once per region (a year of visits asks often). */
function shapeOf(r: RegionInput): Shape | null {
  let s = shapes.get(r);
  if (s !== undefined) return s;
  const b = r.boundary as { type: string; coordinates: number[][][] } | null | undefined;
  const ring = b && b.type === 'Polygon' ? b.coordinates[0].slice(0, -1) : null;
  s = ring ? { ring, cx: ring.reduce((a, p) => a + p[0], 0) / ring.length, cy: ring.reduce((a, p) => a + p[1], 0) / ring.length } : null;
  shapes.set(r, s);
  return s;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Even-odd ray casting; points on an edge count either way (never generated: points keep off edges). */
export function inside(ring: Ring, x: number, y: number): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

/**
 * A point for a visit to `r`: inside (a random point of a triangle fanned from the centre, shrunk
 * towards it) or, when `outside`, beyond a vertex, 15–60 % of the way further out. Answers the
 * point and whether it lies outside; null when the region has no boundary.
 */
export function visitPoint(rng: Rng, r: RegionInput, outside: boolean): { lng: number; lat: number; outside: boolean } | null {
  const shape = shapeOf(r);
  if (!shape) return null;
  const { ring, cx, cy } = shape;
  let x: number;
  let y: number;
  if (outside) {
    const v = rng.pick(ring);
    const k = rng.float(1.15, 1.6);
    x = cx + (v[0] - cx) * k;
    y = cy + (v[1] - cy) * k;
  } else {
    const i = rng.int(0, ring.length - 1);
    const [a, c] = [ring[i], ring[(i + 1) % ring.length]];
    let u = rng.next();
    let w = rng.next();
    if (u + w > 1) [u, w] = [1 - u, 1 - w];
    x = cx + 0.9 * (u * (a[0] - cx) + w * (c[0] - cx));
    y = cy + 0.9 * (u * (a[1] - cy) + w * (c[1] - cy));
  }
  const lng = round6(x);
  const lat = round6(y);
  return { lng, lat, outside: !inside(ring, lng, lat) };
}

// Plane geometry for the demo's boundaries: a convex quadrilateral is cut into rows by jittered
// lines running between two opposite edges, and each row into cells the same way. Every cell is
// a convex quad (the parent intersected with two strips), its outer edges lie on the parent's,
// and neighbours share the very same (rounded) cut points, so the children tile the parent.
import type { Polygon, Position } from 'geojson';
import type { Rng } from './random.js';

/** [lng, lat], rounded to 7 decimals (about 1 cm). */
export type Point = [number, number];
/** Counter-clockwise: [bottom-left, bottom-right, top-right, top-left] in its own frame. */
export type Quad = [Point, Point, Point, Point];

const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;

export function point(lng: number, lat: number): Point {
  return [round7(lng), round7(lat)];
}

function lerp(a: Point, b: Point, t: number): Point {
  return point(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
}

/** Rough ground distance in degrees of latitude (longitude shrunk by cos(latitude)). */
function span(a: Point, b: Point): number {
  const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((b[0] - a[0]) * k, b[1] - a[1]);
}

/** A GeoJSON polygon from a quad: one closed, counter-clockwise ring. */
export function quadPolygon(q: Quad): Polygon {
  return { type: 'Polygon', coordinates: [[q[0], q[1], q[2], q[3], q[0]]] };
}

/** Shoelace area of a ring in square degrees; positive when counter-clockwise. */
export function ringArea(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

/** Area-weighted centroid of a ring. */
export function ringCentroid(ring: readonly Position[]): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const cross = ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    a += cross;
    cx += (ring[i][0] + ring[i + 1][0]) * cross;
    cy += (ring[i][1] + ring[i + 1][1]) * cross;
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * Cumulative cut fractions for pieces of the given weights: 0, …, 1. Each inner cut is moved by
 * up to `jitter` of the narrower neighbouring piece, so pieces never collapse or swap.
 */
function cuts(rng: Rng, weights: readonly number[], jitter: number): { even: number[]; a: number[]; b: number[] } {
  const total = weights.reduce((x, y) => x + y, 0);
  const even = [0];
  for (const w of weights) even.push(even[even.length - 1] + w / total);
  even[even.length - 1] = 1;
  const a = [...even];
  const b = [...even];
  for (let k = 1; k < weights.length; k++) {
    const room = (jitter * Math.min(weights[k - 1], weights[k])) / total;
    a[k] = even[k] + rng.float(-room, room);
    b[k] = even[k] + rng.float(-room, room);
  }
  return { even, a, b };
}

export interface PartitionOptions {
  /** How far a cut may wander, as a share of the narrower neighbouring piece (default 0.3). */
  jitter?: number;
  /** Fixed pieces per row, first row along the quad's first edge; also keeps the quad's frame. */
  perRow?: number[];
}

/** Rows for n pieces so cells come out roughly square; the extra pieces go to random rows. */
function evenRows(rng: Rng, n: number, q: Quad): number[] {
  const [p0, p1, p2, p3] = q;
  const width = (span(p0, p1) + span(p3, p2)) / 2;
  const height = (span(p0, p3) + span(p1, p2)) / 2;
  const rows = Math.max(1, Math.min(n, Math.round(Math.sqrt((n * height) / width))));
  const perRow = new Array<number>(rows).fill(Math.floor(n / rows));
  for (const r of rng.shuffle([...Array(rows).keys()]).slice(0, n % rows)) perRow[r]++;
  return perRow;
}

/**
 * Cuts `quad` into `weights.length` convex quads whose areas follow the weights roughly (exactly
 * only for parallelograms without jitter). Returns them in row-major order.
 */
export function partitionQuad(rng: Rng, quad: Quad, weights: readonly number[], opts: PartitionOptions = {}): Quad[] {
  const n = weights.length;
  const jitter = opts.jitter ?? 0.3;
  if (n === 0) return [];
  if (n === 1) return [quad];
  // Turn the frame a quarter turn at random so rows run either way across the parent.
  const q: Quad = opts.perRow || rng.chance(0.5) ? quad : [quad[1], quad[2], quad[3], quad[0]];
  const [p0, p1, p2, p3] = q;
  const perRow = opts.perRow ? [...opts.perRow] : evenRows(rng, n, q);
  if (perRow.reduce((a, b) => a + b, 0) !== n) throw new RangeError('perRow must add up to the number of pieces');
  const rowItems: number[][] = [];
  let next = 0;
  for (const count of perRow) {
    rowItems.push(weights.slice(next, next + count));
    next += count;
  }

  const rowCuts = cuts(rng, rowItems.map((ws) => ws.reduce((x, y) => x + y, 0)), jitter);
  const left = rowCuts.a.map((t) => (t === 0 ? p0 : t === 1 ? p3 : lerp(p0, p3, t)));
  const right = rowCuts.b.map((t) => (t === 0 ? p1 : t === 1 ? p2 : lerp(p1, p2, t)));

  const cells: Quad[] = [];
  for (let r = 0; r < perRow.length; r++) {
    const bl = left[r];
    const br = right[r];
    const tl = left[r + 1];
    const tr = right[r + 1];
    const cellCuts = cuts(rng, rowItems[r], jitter);
    const bottom = cellCuts.a.map((u) => (u === 0 ? bl : u === 1 ? br : lerp(bl, br, u)));
    const top = cellCuts.b.map((u) => (u === 0 ? tl : u === 1 ? tr : lerp(tl, tr, u)));
    for (let c = 0; c < rowItems[r].length; c++) cells.push([bottom[c], bottom[c + 1], top[c + 1], top[c]]);
  }
  return cells;
}

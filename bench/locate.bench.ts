// Point location throughput: LocateIndex against the obvious baseline (box tree candidates +
// @turf/boolean-point-in-polygon) on a city-sized synthetic tiling of micro-grids.
// Run: npx tsx bench/locate.bench.ts   (prints one JSON line)
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import type { Polygon } from 'geojson';
import { pathToFileURL } from 'node:url';
import { LocateIndex } from '../src/modules/regions/locate-index.ts';

export interface LocateBenchOptions {
  /** Columns × rows of the tiling; the default 257 × 56 gives 14,392 micro-grids. */
  cols?: number;
  rows?: number;
  lookups?: number;
  baselineLookups?: number;
  seed?: number;
}

export interface LocateBenchResult {
  polygons: number;
  buildMs: number;
  lookups: number;
  lookupsPerSec: number;
  baselineTurfPerSec: number;
  /** Lookups that found no micro-grid: must be 0, the tiling covers the whole area. */
  misses: number;
  /** Baseline answers that differ from the index (points on shared edges may differ). */
  disagreements: number;
}

const WEST = 110, EAST = 112.5, SOUTH = 22.5, NORTH = 23.5;

/** mulberry32: tiny, seedable, good enough to place points. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A jittered lattice: neighbouring cells share their corner vertices exactly, as a real tiling
 * does. Jitter stays under a quarter cell, which keeps every quadrilateral convex; outer
 * vertices only slide along the border so the tiling covers the whole rectangle.
 */
export function syntheticTiling(cols: number, rows: number, seed: number): Polygon[] {
  const rand = rng(seed);
  const dx = (EAST - WEST) / cols, dy = (NORTH - SOUTH) / rows;
  const vx = new Float64Array((cols + 1) * (rows + 1));
  const vy = new Float64Array((cols + 1) * (rows + 1));
  for (let j = 0; j <= rows; j++) {
    for (let i = 0; i <= cols; i++) {
      const k = j * (cols + 1) + i;
      const jx = i === 0 || i === cols ? 0 : (rand() - 0.5) * 0.4 * dx;
      const jy = j === 0 || j === rows ? 0 : (rand() - 0.5) * 0.4 * dy;
      vx[k] = WEST + i * dx + jx;
      vy[k] = SOUTH + j * dy + jy;
    }
  }
  const polys: Polygon[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const corners = [j * (cols + 1) + i, j * (cols + 1) + i + 1, (j + 1) * (cols + 1) + i + 1, (j + 1) * (cols + 1) + i];
      const ring = corners.map((k) => [vx[k], vy[k]]);
      ring.push(ring[0]);
      polys.push({ type: 'Polygon', coordinates: [ring] });
    }
  }
  return polys;
}

export function runLocateBench(opts: LocateBenchOptions = {}): LocateBenchResult {
  const cols = opts.cols ?? 257, rows = opts.rows ?? 56;
  const lookups = opts.lookups ?? 1_000_000;
  const baselineLookups = opts.baselineLookups ?? 20_000;
  const polys = syntheticTiling(cols, rows, opts.seed ?? 42);

  const t0 = performance.now();
  const index = new LocateIndex(polys.map((boundary, k) => ({ id: k + 1, level: 6, boundary })));
  const buildMs = performance.now() - t0;

  const rand = rng((opts.seed ?? 42) + 1);
  const xs = new Float64Array(lookups), ys = new Float64Array(lookups);
  for (let k = 0; k < lookups; k++) {
    xs[k] = WEST + rand() * (EAST - WEST);
    ys[k] = SOUTH + rand() * (NORTH - SOUTH);
  }

  // Warm-up so the JIT has compiled the hot loop before the clock starts.
  for (let k = 0; k < Math.min(lookups, 50_000); k++) index.locateLevel(xs[k], ys[k], 6);
  const answers = new Float64Array(lookups);
  let misses = 0;
  const t1 = performance.now();
  for (let k = 0; k < lookups; k++) {
    const id = index.locateLevel(xs[k], ys[k], 6);
    if (id === null) misses++;
    else answers[k] = id;
  }
  const lookupSec = (performance.now() - t1) / 1000;

  const tree = new Flatbush(polys.length);
  for (const p of polys) {
    const ring = p.coordinates[0];
    const lx = ring.map((c) => c[0]), ly = ring.map((c) => c[1]);
    tree.add(Math.min(...lx), Math.min(...ly), Math.max(...lx), Math.max(...ly));
  }
  tree.finish();
  const n = Math.min(baselineLookups, lookups);
  let disagreements = 0;
  const t2 = performance.now();
  for (let k = 0; k < n; k++) {
    const pt = [xs[k], ys[k]];
    let found = 0;
    for (const c of tree.search(xs[k], ys[k], xs[k], ys[k])) {
      if (booleanPointInPolygon(pt, polys[c])) {
        found = c + 1;
        break;
      }
    }
    if (found !== answers[k]) disagreements++;
  }
  const baselineSec = (performance.now() - t2) / 1000;

  return {
    polygons: index.size,
    buildMs: Math.round(buildMs * 10) / 10,
    lookups,
    lookupsPerSec: Math.round(lookups / lookupSec),
    baselineTurfPerSec: Math.round(n / baselineSec),
    misses,
    disagreements,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(runLocateBench()));
}

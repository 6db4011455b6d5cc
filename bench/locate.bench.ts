// Point location throughput: LocateIndex against the obvious baseline (box tree candidates +
// @turf/boolean-point-in-polygon). `measureLocate` works on any set of polygons (bench/run.ts
// feeds it the demo city's real micro-grids); `runLocateBench` keeps the original synthetic
// jittered-lattice tiling for a quick stand-alone check.
// Run: npx tsx bench/locate.bench.ts   (prints one JSON line, synthetic tiling)
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import type { Polygon } from 'geojson';
import { pathToFileURL } from 'node:url';
import { LocateIndex } from '../src/modules/regions/locate-index.ts';
import { msSince, nowNs, rng } from './lib/util.ts';

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
  /** Lookups that found no polygon (points outside the tiling's cover). */
  misses: number;
  /** Baseline answers that differ from the index (points on shared edges may differ). */
  disagreements: number;
}

const WEST = 110, EAST = 112.5, SOUTH = 22.5, NORTH = 23.5;

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

export interface MeasureOptions {
  /** Timed rounds over all points, each followed by a baseline round; the median round gives the rate. */
  rounds?: number;
  /** Points (from the start of xs/ys) answered by the turf baseline. */
  baselineLookups?: number;
  /** Region ids; default 1..n in polygon order. */
  ids?: number[];
}

export interface MeasureResult extends LocateBenchResult {
  /** Fastest of the timed rounds (least disturbed by other processes). */
  bestPerSec: number;
  baselineBestPerSec: number;
  index: LocateIndex;
  /** The index's answer per point (0 = miss). */
  answers: Float64Array;
  baselineLookups: number;
}

/** Builds the index over `polys` and times lookups of every point, alternating with turf baseline passes over a prefix. */
export function measureLocate(polys: Polygon[], xs: Float64Array, ys: Float64Array, opts: MeasureOptions = {}): MeasureResult {
  const rounds = opts.rounds ?? 5;
  const ids = opts.ids ?? polys.map((_, k) => k + 1);
  const lookups = xs.length;

  const t0 = nowNs();
  const index = new LocateIndex(polys.map((boundary, k) => ({ id: ids[k], level: 6, boundary })));
  const buildMs = msSince(t0);

  const tree = new Flatbush(polys.length);
  for (const p of polys) {
    const ring = p.coordinates[0];
    const lx = ring.map((c) => c[0]), ly = ring.map((c) => c[1]);
    tree.add(Math.min(...lx), Math.min(...ly), Math.max(...lx), Math.max(...ly));
  }
  tree.finish();
  const n = Math.min(opts.baselineLookups ?? 20_000, lookups);
  const turf = (k: number): number => {
    const pt = [xs[k], ys[k]];
    for (const c of tree.search(xs[k], ys[k], xs[k], ys[k])) if (booleanPointInPolygon(pt, polys[c])) return ids[c];
    return 0;
  };

  // Warm-up so the JIT has compiled both hot loops before the clock starts.
  for (let k = 0; k < Math.min(lookups, 100_000); k++) index.locateLevel(xs[k], ys[k], 6);
  for (let k = 0; k < Math.min(n, 5000); k++) turf(k);
  const answers = new Float64Array(lookups);
  let misses = 0;
  let disagreements = 0;
  const rates: number[] = [];
  const turfRates: number[] = [];
  // Index and baseline passes alternate, so both see the same share of any other load on the machine.
  for (let round = 0; round < rounds; round++) {
    misses = 0;
    const t1 = nowNs();
    for (let k = 0; k < lookups; k++) {
      const id = index.locateLevel(xs[k], ys[k], 6);
      if (id === null) misses++;
      else answers[k] = id;
    }
    rates.push(lookups / (msSince(t1) / 1000));
    disagreements = 0;
    const t2 = nowNs();
    for (let k = 0; k < n; k++) if (turf(k) !== answers[k]) disagreements++;
    turfRates.push(n / (msSince(t2) / 1000));
  }
  rates.sort((a, b) => a - b);
  turfRates.sort((a, b) => a - b);

  return {
    index,
    answers,
    polygons: index.size,
    buildMs: Math.round(buildMs * 10) / 10,
    lookups,
    lookupsPerSec: Math.round(rates[Math.floor(rates.length / 2)]),
    bestPerSec: Math.round(rates[rates.length - 1]),
    baselineTurfPerSec: Math.round(turfRates[Math.floor(turfRates.length / 2)]),
    baselineBestPerSec: Math.round(turfRates[turfRates.length - 1]),
    baselineLookups: n,
    misses,
    disagreements,
  };
}

export function runLocateBench(opts: LocateBenchOptions = {}): LocateBenchResult {
  const cols = opts.cols ?? 257, rows = opts.rows ?? 56;
  const lookups = opts.lookups ?? 1_000_000;
  const polys = syntheticTiling(cols, rows, opts.seed ?? 42);
  const rand = rng((opts.seed ?? 42) + 1);
  const xs = new Float64Array(lookups), ys = new Float64Array(lookups);
  for (let k = 0; k < lookups; k++) {
    xs[k] = WEST + rand() * (EAST - WEST);
    ys[k] = SOUTH + rand() * (NORTH - SOUTH);
  }
  const { index: _index, answers: _answers, baselineLookups: _n, bestPerSec: _best, baselineBestPerSec: _bb, ...result } = measureLocate(polys, xs, ys, {
    rounds: 1,
    baselineLookups: opts.baselineLookups ?? 20_000,
  });
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(runLocateBench()));
}

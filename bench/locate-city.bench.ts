// Locate at city scale on the demo city's real micro-grids (14,392 at scale 'city'):
//  - LocateIndex lookups/s on one core, points uniform in the city's bounding box and points
//    sampled inside micro-grids; the app's own index (communities + grids + micro-grids,
//    locateAll) as well;
//  - baseline (a): flatbush candidates + turf booleanPointInPolygon on the same points;
//  - baseline (b): the database answering, with PostgreSQL's built-in `polygon` type and a GiST
//    index (PostGIS is not available), on whichever engines the caller passes.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Polygon } from 'geojson';
import { bboxOf } from '../src/modules/regions/geometry.ts';
import { LocateIndex } from '../src/modules/regions/locate-index.ts';
import type { Boundary, RegionInput } from '../src/modules/regions/regions.model.ts';
import type { BenchDatabase } from './lib/engines.ts';
import { measureLocate } from './locate.bench.ts';
import { log, msSince, nowNs, rng } from './lib/util.ts';

export interface CityLocateInput {
  polys: Polygon[];
  /** Stand-in ids: position in `polys` + 1 (the same in JS and SQL). */
  ids: number[];
  bbox: [number, number, number, number];
  bboxX: Float64Array;
  bboxY: Float64Array;
  insideX: Float64Array;
  insideY: Float64Array;
  /** Every level-4..6 region with its boundary, as the app's locate index is built. */
  appItems: { id: number; level: number; boundary: Boundary | null }[];
  vertices: number;
  multiRing: number;
}

export function prepareCityLocate(regions: RegionInput[], opts: { bboxPoints: number; insidePoints: number; seed?: number }): CityLocateInput {
  const micro = regions.filter((r) => r.level === 6 && r.boundary);
  const polys: Polygon[] = [];
  let multiRing = 0;
  let vertices = 0;
  for (const r of micro) {
    const b = r.boundary!;
    // Demo micro-grids are single Polygons; keep the first part of anything else, and count it.
    const p: Polygon = b.type === 'Polygon' ? b : { type: 'Polygon', coordinates: b.coordinates[0] };
    if (b.type !== 'Polygon' || p.coordinates.length > 1) multiRing++;
    for (const ring of p.coordinates) vertices += ring.length - 1;
    polys.push(p);
  }
  const ids = polys.map((_, k) => k + 1);
  const city = regions.find((r) => r.level === 1 && r.boundary);
  const bbox = city ? bboxOf(city.boundary!) : micro.map((r) => bboxOf(r.boundary!)).reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);

  const rand = rng(opts.seed ?? 7);
  const bboxX = new Float64Array(opts.bboxPoints), bboxY = new Float64Array(opts.bboxPoints);
  for (let k = 0; k < opts.bboxPoints; k++) {
    bboxX[k] = bbox[0] + rand() * (bbox[2] - bbox[0]);
    bboxY[k] = bbox[1] + rand() * (bbox[3] - bbox[1]);
  }
  // Inside points: a micro-grid drawn uniformly (so small urban ones count as much as big rural
  // ones), then rejection sampling in its box, accepted by turf (independent of LocateIndex).
  const boxes = polys.map((p) => bboxOf(p));
  const insideX = new Float64Array(opts.insidePoints), insideY = new Float64Array(opts.insidePoints);
  for (let k = 0; k < opts.insidePoints; k++) {
    const i = Math.floor(rand() * polys.length);
    const b = boxes[i];
    for (let tries = 0; ; tries++) {
      const x = b[0] + rand() * (b[2] - b[0]), y = b[1] + rand() * (b[3] - b[1]);
      if (booleanPointInPolygon([x, y], polys[i], { ignoreBoundary: true }) || tries > 100) {
        insideX[k] = x;
        insideY[k] = y;
        break;
      }
    }
  }
  const appItems = regions
    .map((r, k) => ({ id: k + 1, level: r.level, boundary: r.boundary }))
    .filter((r) => r.level >= 4);
  return { polys, ids, bbox, bboxX, bboxY, insideX, insideY, appItems, vertices, multiRing };
}

export interface PointSetResult {
  lookups: number;
  /** Median of the timed rounds. */
  perSec: number;
  bestPerSec: number;
  misses: number;
  turfPerSec: number;
  turfBestPerSec: number;
  turfLookups: number;
  disagreements: number;
}

export interface JsLocateResult {
  polygons: number;
  vertices: number;
  multiRing: number;
  buildMs: number;
  bbox: PointSetResult;
  inside: PointSetResult;
  /** locateAll on the app's 3-level index, alternating with 1-level passes over the same points. */
  app: { regions: number; buildMs: number; lookups: number; perSec: number; oneLevelPerSec: number; hitsPerLookup: number };
  /** Index answers for the bbox points, for comparing with SQL. */
  bboxAnswers: Float64Array;
}

export function runJsLocate(input: CityLocateInput): JsLocateResult {
  log(`locate: ${input.polys.length} micro-grids, ${input.bboxX.length.toLocaleString()} bbox points…`);
  const a = measureLocate(input.polys, input.bboxX, input.bboxY, { rounds: 5, baselineLookups: 200_000, ids: input.ids });
  log(`locate: index ${Math.round(a.lookupsPerSec).toLocaleString()}/s, turf ${a.baselineTurfPerSec.toLocaleString()}/s; inside points…`);
  const b = measureLocate(input.polys, input.insideX, input.insideY, { rounds: 5, baselineLookups: 200_000, ids: input.ids });

  // The app's index: communities, grids and micro-grids; locatePoint asks for all three levels.
  const t0 = nowNs();
  const app = new LocateIndex(input.appItems);
  const appBuildMs = msSince(t0);
  const n = Math.min(300_000, input.bboxX.length);
  let hits = 0;
  for (let k = 0; k < Math.min(n, 50_000); k++) app.locateAll(input.bboxX[k], input.bboxY[k]);
  const rates: number[] = [];
  const oneLevel: number[] = [];
  for (let round = 0; round < 5; round++) {
    const t2 = nowNs();
    for (let k = 0; k < n; k++) a.index.locateLevel(input.bboxX[k], input.bboxY[k], 6);
    oneLevel.push(n / (msSince(t2) / 1000));
    hits = 0;
    const t1 = nowNs();
    for (let k = 0; k < n; k++) hits += app.locateAll(input.bboxX[k], input.bboxY[k]).length;
    rates.push(n / (msSince(t1) / 1000));
  }
  rates.sort((x, y) => x - y);
  oneLevel.sort((x, y) => x - y);
  return {
    polygons: a.polygons,
    vertices: input.vertices,
    multiRing: input.multiRing,
    buildMs: a.buildMs,
    bbox: { lookups: a.lookups, perSec: a.lookupsPerSec, bestPerSec: a.bestPerSec, misses: a.misses, turfPerSec: a.baselineTurfPerSec, turfBestPerSec: a.baselineBestPerSec, turfLookups: a.baselineLookups, disagreements: a.disagreements },
    inside: { lookups: b.lookups, perSec: b.lookupsPerSec, bestPerSec: b.bestPerSec, misses: b.misses, turfPerSec: b.baselineTurfPerSec, turfBestPerSec: b.baselineBestPerSec, turfLookups: b.baselineLookups, disagreements: b.disagreements },
    app: { regions: app.size, buildMs: Math.round(appBuildMs * 10) / 10, lookups: n, perSec: Math.round(rates[2]), oneLevelPerSec: Math.round(oneLevel[2]), hitsPerLookup: hits / n },
    bboxAnswers: a.answers,
  };
}

// ---------------------------------------------------------------------------------------------
// The database answering: built-in polygon type + GiST.
// ---------------------------------------------------------------------------------------------

export interface SqlLocateForm {
  /** What was run, for the report. */
  sql: string;
  /** First line of EXPLAIN: Seq Scan vs Bitmap Index Scan. */
  plan: string;
  lookups: number;
  perSec: number;
  misses: number;
  /** Points answered by more than one polygon (shared edges: PostgreSQL counts the boundary as inside). */
  multi: number;
  /** Answers differing from LocateIndex. */
  disagreements: number;
}

export interface SqlLocateResult {
  loadMs: number;
  indexMs: number;
  /** One query per point, exactly `poly @> point(lng, lat)`: the planner cannot use GiST for it. */
  literal: SqlLocateForm;
  /** One query per point, rewritten so GiST applies: `poly @> polygon(box(p, p))`. */
  indexed: SqlLocateForm;
  /** All points in one statement (unnest + the indexed form): no round trip per point. */
  batched: SqlLocateForm;
  /** As batched, with coordinates shifted and scaled ×1000 (see runSqlLocate). */
  scaled: SqlLocateForm;
}

const polyText = (p: Polygon): string => {
  const ring = p.coordinates[0];
  // Open ring: PostgreSQL polygons are implicitly closed. Holes cannot be expressed (none here).
  return `(${ring.slice(0, -1).map((c) => `(${c[0]},${c[1]})`).join(',')})`;
};

export async function runSqlLocate(
  b: BenchDatabase,
  input: CityLocateInput,
  expected: Float64Array,
  opts: { literalPoints: number; indexedPoints: number },
): Promise<SqlLocateResult> {
  const q = b.raw.query;
  await q('DROP TABLE IF EXISTS bench_mg');
  await q('CREATE TABLE bench_mg (id int PRIMARY KEY, poly polygon NOT NULL)');
  const t0 = nowNs();
  for (let i = 0; i < input.polys.length; i += 1000) {
    const chunk = input.polys.slice(i, i + 1000);
    const params: unknown[] = [];
    const values = chunk.map((p, k) => {
      params.push(input.ids[i + k], polyText(p));
      return `($${2 * k + 1}::int, $${2 * k + 2}::polygon)`;
    });
    await q(`INSERT INTO bench_mg (id, poly) VALUES ${values.join(',')}`, params);
  }
  const loadMs = msSince(t0);
  const t1 = nowNs();
  await q('CREATE INDEX bench_mg_poly ON bench_mg USING gist (poly)');
  const indexMs = msSince(t1);
  await q('ANALYZE bench_mg');

  const explainFirst = async (text: string, params: unknown[]): Promise<string> => {
    const { rows } = await q<Record<string, string>>(`EXPLAIN ${text}`, params);
    // Two interesting lines at most: the top node and, if any, the index scan under it.
    const lines = rows.map((r) => String(Object.values(r)[0]).trim().replace(/\s+\(cost=.*$/, ''));
    const idx = lines.find((l) => /Index/.test(l));
    return idx && idx !== lines[0] ? `${lines[0]} ← ${idx.replace(/^->\s*/, '')}` : lines[0];
  };

  const perPoint = async (text: string, n: number): Promise<SqlLocateForm> => {
    const x0 = input.bboxX[0], y0 = input.bboxY[0];
    const plan = await explainFirst(text, [x0, y0]);
    for (let k = 0; k < Math.min(20, n); k++) await q(text, [input.bboxX[k], input.bboxY[k]]);
    let misses = 0, multi = 0, disagreements = 0;
    const t = nowNs();
    for (let k = 0; k < n; k++) {
      const { rows } = await q<{ id: number }>(text, [input.bboxX[k], input.bboxY[k]]);
      if (rows.length === 0) misses++;
      if (rows.length > 1) multi++;
      const got = rows.length ? Math.min(...rows.map((r) => Number(r.id))) : 0;
      if (rows.length <= 1 && got !== expected[k]) disagreements++;
    }
    const perSec = n / (msSince(t) / 1000);
    return { sql: text.replace(/\s+/g, ' '), plan, lookups: n, perSec, misses, multi, disagreements };
  };

  log(`  ${b.engine}: polygon table loaded (${Math.round(loadMs)} ms, GiST ${Math.round(indexMs)} ms); literal @> point, ${opts.literalPoints} points…`);
  const literal = await perPoint('SELECT id FROM bench_mg WHERE poly @> point($1::float8, $2::float8)', opts.literalPoints);
  log(`  ${b.engine}: literal ${literal.perSec.toFixed(0)}/s (${literal.plan}); indexed form, ${opts.indexedPoints} points…`);
  const indexed = await perPoint(
    'SELECT id FROM bench_mg WHERE poly @> polygon(box(point($1::float8, $2::float8), point($1::float8, $2::float8)))',
    opts.indexedPoints,
  );
  log(`  ${b.engine}: indexed ${indexed.perSec.toFixed(0)}/s (${indexed.plan}); batched…`);

  const n = opts.indexedPoints;
  const batched = await batchedLocate(b, 'bench_mg', input, expected, n, (x) => x, (y) => y);
  log(`  ${b.engine}: batched ${batched.perSec.toFixed(0)}/s, ${batched.multi} of ${n} points on >1 polygon; scaled coordinates…`);

  // PostgreSQL's geometric operators compare with an absolute EPSILON of 1e-6, also on the cross
  // products inside point-in-polygon; in degrees, at micro-grid size, that calls points tens of
  // metres inside a neighbour "on the edge". Shifting and scaling ×1000 shows it is only that.
  const [x0, y0] = [input.bbox[0], input.bbox[1]];
  const sx = (x: number) => (x - x0) * 1000, sy = (y: number) => (y - y0) * 1000;
  await q('CREATE TABLE bench_mg_scaled (id int PRIMARY KEY, poly polygon NOT NULL)');
  for (let i = 0; i < input.polys.length; i += 1000) {
    const chunk = input.polys.slice(i, i + 1000);
    const params: unknown[] = [];
    const values = chunk.map((p, k) => {
      params.push(input.ids[i + k], `(${p.coordinates[0].slice(0, -1).map((c) => `(${sx(c[0])},${sy(c[1])})`).join(',')})`);
      return `($${2 * k + 1}::int, $${2 * k + 2}::polygon)`;
    });
    await q(`INSERT INTO bench_mg_scaled (id, poly) VALUES ${values.join(',')}`, params);
  }
  await q('CREATE INDEX bench_mg_scaled_poly ON bench_mg_scaled USING gist (poly)');
  await q('ANALYZE bench_mg_scaled');
  const scaled = await batchedLocate(b, 'bench_mg_scaled', input, expected, n, sx, sy);
  await q('DROP TABLE bench_mg, bench_mg_scaled');
  return { loadMs, indexMs, literal, indexed, batched, scaled };
}

async function batchedLocate(
  b: BenchDatabase,
  table: string,
  input: CityLocateInput,
  expected: Float64Array,
  n: number,
  fx: (x: number) => number,
  fy: (y: number) => number,
): Promise<SqlLocateForm> {
  const q = b.raw.query;
  const arr = (a: Float64Array, f: (v: number) => number) => `{${Array.from(a.subarray(0, n), f).join(',')}}`;
  const text = `SELECT p.k::int AS k, m.id FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(x, y, k)
    LEFT JOIN ${table} m ON m.poly @> polygon(box(point(p.x, p.y), point(p.x, p.y)))`;
  const params = [arr(input.bboxX, fx), arr(input.bboxY, fy)];
  const { rows: plan } = await q<Record<string, string>>(`EXPLAIN ${text}`, params);
  const lines = plan.map((r) => String(Object.values(r)[0]).trim().replace(/\s+\(cost=.*$/, '').replace(/^->\s*/, ''));
  await q(text, params);
  const t = nowNs();
  const { rows } = await q<{ k: number; id: number | null }>(text, params);
  const perSec = n / (msSince(t) / 1000);
  const byK = new Map<number, number[]>();
  for (const r of rows) {
    const list = byK.get(Number(r.k)) ?? [];
    if (r.id !== null) list.push(Number(r.id));
    byK.set(Number(r.k), list);
  }
  let misses = 0, multi = 0, disagreements = 0;
  for (let k = 0; k < n; k++) {
    const ids = byK.get(k + 1) ?? [];
    if (ids.length === 0) misses++;
    if (ids.length > 1) multi++;
    if (ids.length <= 1 && (ids[0] ?? 0) !== expected[k]) disagreements++;
  }
  const idx = lines.find((l) => /Index/.test(l));
  const planText = idx && idx !== lines[0] ? `${lines[0]} ← ${idx}` : lines[0];
  return { sql: text.replace(/\s+/g, ' '), plan: planText, lookups: n, perSec, misses, multi, disagreements };
}

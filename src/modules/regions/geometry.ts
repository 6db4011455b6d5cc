// Pure geometry for region boundaries: validation of untrusted GeoJSON, areas, containment,
// sibling overlaps, merge and split. No database, no HTTP: the service maps the codes here to
// catalogue errors (GEOMETRY_INVALID, GEOMETRY_OUTSIDE_PARENT, REGION_SPLIT_INVALID, …).
//
// Coordinates are WGS84 [lng, lat]. Areas reported to people are spherical square metres
// (@turf/area); thresholds that only guard against floating noise are planar, in degrees,
// because noise lives in coordinate space, not on the ground.
import { area as turfArea } from '@turf/area';
import Flatbush from 'flatbush';
import polygonClipping from 'polygon-clipping';
import type { MultiPolygon as PcMultiPolygon, Polygon as PcPolygon, Ring as PcRing } from 'polygon-clipping';
import type { Boundary } from './regions.model.ts';

import { GeometryError, MAX_POSITIONS, planarRingArea, positionProblem, type BBox, type LngLat, type LineStringInput } from './geometry.validate.ts';

export * from './geometry.validate.ts';

/**
 * Rings thinner than this (2·area / perimeter, in degrees; 1e-7° ≈ 1 cm) are clipping noise:
 * slivers left where two boundaries share an edge up to rounding.
 */
export const SLIVER_WIDTH = 1e-7;

// ---------------------------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------------------------

/** Area in square metres on the sphere (holes subtracted). */
export function areaOf(b: Boundary): number {
  return turfArea(b);
}

export function bboxOf(b: Boundary): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const polys = b.type === 'Polygon' ? [b.coordinates] : b.coordinates;
  for (const poly of polys) {
    // Holes lie inside the outer ring, so it alone decides the box.
    const outer = poly[0];
    if (!outer) continue;
    for (const p of outer) {
      if (p[0] < minX) minX = p[0];
      if (p[0] > maxX) maxX = p[0];
      if (p[1] < minY) minY = p[1];
      if (p[1] > maxY) maxY = p[1];
    }
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Area-weighted planar centroid. Used to hand children to split parts and to place labels; for
 * a strongly concave shape it can fall outside, which callers assigning children must accept.
 */
export function centroidOf(b: Boundary): LngLat {
  const polys = b.type === 'Polygon' ? [b.coordinates] : b.coordinates;
  const first = polys[0]?.[0]?.[0];
  if (!first) return [NaN, NaN];
  // Relative to one vertex: shoelace terms at ~110° lose digits the answer needs.
  const ox = first[0], oy = first[1];
  let sa = 0, sx = 0, sy = 0, n = 0, mx = 0, my = 0;
  for (const poly of polys) {
    for (let r = 0; r < poly.length; r++) {
      const ring = poly[r];
      let a = 0, cx = 0, cy = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const xi = ring[i][0] - ox, yi = ring[i][1] - oy;
        const xj = ring[j][0] - ox, yj = ring[j][1] - oy;
        const f = xj * yi - xi * yj;
        a += f;
        cx += (xj + xi) * f;
        cy += (yj + yi) * f;
        mx += xi;
        my += yi;
        n++;
      }
      // Orientation is not trusted: outer rings add, holes subtract, whatever their winding.
      const sign = (r === 0 ? 1 : -1) * Math.sign(a);
      sa += sign * a;
      sx += sign * cx;
      sy += sign * cy;
    }
  }
  if (Math.abs(sa) < 1e-18) return [ox + mx / n, oy + my / n];
  return [ox + sx / (3 * sa), oy + sy / (3 * sa)];
}

// ---------------------------------------------------------------------------------------------
// Clipping
// ---------------------------------------------------------------------------------------------

function toPc(b: Boundary): PcMultiPolygon {
  const poly = (p: number[][][]): PcPolygon => p.map((r) => r.map((q) => [q[0], q[1]] as [number, number]));
  return b.type === 'Polygon' ? [poly(b.coordinates)] : b.coordinates.map(poly);
}

function fromPc(m: PcMultiPolygon): Boundary {
  return m.length === 1 ? { type: 'Polygon', coordinates: m[0] } : { type: 'MultiPolygon', coordinates: m };
}

type ClipOp = 'union' | 'intersection' | 'difference';

/** polygon-clipping throws plain Errors on pathological input; callers get a typed failure. */
function clip(op: ClipOp, subject: PcMultiPolygon, ...others: PcMultiPolygon[]): PcMultiPolygon {
  try {
    return polygonClipping[op](subject, ...others);
  } catch (e) {
    throw new GeometryError('GEOMETRY_CLIPPING_FAILED', `polygon ${op} failed: ${(e as Error)?.message ?? String(e)}`, { op });
  }
}

function pcArea(m: PcMultiPolygon): number {
  return m.length === 0 ? 0 : turfArea({ type: 'MultiPolygon', coordinates: m });
}

/** Removes noise rings (see SLIVER_WIDTH); an outer ring that is noise takes its holes with it. */
function dropSlivers(m: PcMultiPolygon, width = SLIVER_WIDTH): PcMultiPolygon {
  const out: PcMultiPolygon = [];
  for (const poly of m) {
    if (isSliver(poly[0], width)) continue;
    out.push([poly[0], ...poly.slice(1).filter((h) => !isSliver(h, width))]);
  }
  return out;
}

function isSliver(ring: PcRing, width: number): boolean {
  const a = Math.abs(planarRingArea(ring));
  let perimeter = 0;
  for (let i = 1; i < ring.length; i++) perimeter += Math.hypot(ring[i][0] - ring[i - 1][0], ring[i][1] - ring[i - 1][1]);
  return perimeter === 0 || (2 * a) / perimeter < width;
}

function bboxesOverlap(a: BBox, b: BBox): boolean {
  // Strict: boxes that only touch cannot hold polygons whose interiors overlap.
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** Share of the child's area that lies outside the parent: 0 = fully inside, 1 = disjoint. */
export function outsideFraction(child: Boundary, parent: Boundary): number {
  const childArea = areaOf(child);
  if (!(childArea > 0)) return 0;
  if (!bboxesOverlap(bboxOf(child), bboxOf(parent))) return 1;
  const outside = pcArea(clip('difference', toPc(child), toPc(parent)));
  return Math.min(1, Math.max(0, outside / childArea));
}

/** Inside up to `tolerance` (a share of the child's area), so hand-drawn edges need not be exact. */
export function isWithin(child: Boundary, parent: Boundary, tolerance = 0.01): boolean {
  return outsideFraction(child, parent) <= tolerance;
}

/** Overlap relative to the smaller of the two, so a small grid swallowed by a big one reads 1. */
export function overlapFraction(a: Boundary, b: Boundary): number {
  if (!bboxesOverlap(bboxOf(a), bboxOf(b))) return 0;
  const smaller = Math.min(areaOf(a), areaOf(b));
  if (!(smaller > 0)) return 0;
  return Math.min(1, pcArea(clip('intersection', toPc(a), toPc(b))) / smaller);
}

export interface SiblingOverlap {
  a: string;
  b: string;
  fraction: number;
}

/**
 * Pairs of siblings that overlap by more than `tolerance` (see overlapFraction). Neighbours in
 * a tiling share edges, so their boxes always touch or overlap; the box index only limits the
 * clipping to those neighbours, the clipped area decides. Pairs come out in input order.
 */
export function findSiblingOverlaps(items: { key: string; boundary: Boundary }[], tolerance = 0.01): SiblingOverlap[] {
  const n = items.length;
  if (n < 2) return [];
  const boxes = items.map((it) => bboxOf(it.boundary));
  const index = new Flatbush(n);
  for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
  index.finish();
  const areas: number[] = new Array(n);
  const geoms: (PcMultiPolygon | undefined)[] = new Array(n);
  const geom = (i: number): PcMultiPolygon => (geoms[i] ??= toPc(items[i].boundary));
  const area = (i: number): number => (areas[i] ??= areaOf(items[i].boundary));

  const found: SiblingOverlap[] = [];
  for (let i = 0; i < n; i++) {
    const bi = boxes[i];
    const candidates = index.search(bi[0], bi[1], bi[2], bi[3]).filter((j) => j > i && bboxesOverlap(bi, boxes[j]));
    candidates.sort((x, y) => x - y);
    for (const j of candidates) {
      const smaller = Math.min(area(i), area(j));
      if (!(smaller > 0)) continue;
      const inter = dropSlivers(clip('intersection', geom(i), geom(j)));
      if (inter.length === 0) continue;
      const fraction = Math.min(1, pcArea(inter) / smaller);
      if (fraction > tolerance) found.push({ a: items[i].key, b: items[j].key, fraction });
    }
  }
  return found;
}

/** Merges boundaries (e.g. two grids into one); noise slivers along shared edges are dropped. */
export function unionBoundaries(bs: Boundary[]): Boundary {
  if (bs.length === 0) throw new GeometryError('GEOMETRY_EMPTY_RESULT', 'nothing to merge');
  const [first, ...rest] = bs.map(toPc);
  const merged = dropSlivers(clip('union', first, ...rest));
  if (merged.length === 0) throw new GeometryError('GEOMETRY_EMPTY_RESULT', 'merged boundary has no area');
  return fromPc(merged);
}

/**
 * What is left of `a` once `b` is taken out (e.g. a grid after some micro-grids leave it), or
 * null when nothing of substance is left. Noise slivers along shared edges are dropped.
 */
export function differenceOf(a: Boundary, b: Boundary): Boundary | null {
  const rest = dropSlivers(clip('difference', toPc(a), toPc(b)));
  return rest.length === 0 ? null : fromPc(rest);
}

// ---------------------------------------------------------------------------------------------
// Split
// ---------------------------------------------------------------------------------------------

/** Width of the cutting strip in degrees (≈1 cm); it is given back to the parts afterwards. */
const CUT_WIDTH = 1e-7;

/**
 * Cuts a boundary along a drawn polyline. Returns the parts largest first (at least two).
 *
 * polygon-clipping has no "split by line", so the line becomes a thin strip on its left side
 * and the strip is subtracted; the pieces left over are the parts. The parts right of the line
 * end exactly on it; each stretch of strip is then handed back to the part on its left, so the
 * cut runs exactly along the drawn line, the parts tile the input (the strip and the piece it
 * joins share edges bit for bit) and merging them again gives one polygon.
 * A line crossing the boundary several times may yield more than two parts: all are returned
 * and the caller decides. Throws SPLIT_LINE_DOES_NOT_DIVIDE when nothing is cut off.
 */
export function splitByLine(b: Boundary, line: LineStringInput): Boundary[] {
  const pts = cleanLine(line);
  const subject = toPc(b);
  const strip = cutStrip(pts, CUT_WIDTH);
  const pieces = dropSlivers(clip('difference', subject, strip), CUT_WIDTH);
  if (pieces.length < 2) {
    throw new GeometryError('SPLIT_LINE_DOES_NOT_DIVIDE', 'the line does not cut the boundary into two or more parts', {
      pieces: pieces.length,
    });
  }

  const stripParts = clip('intersection', subject, strip);
  const extra: PcPolygon[][] = pieces.map(() => []);
  for (const s of stripParts) {
    const owner = stripOwner(s, pts, pieces);
    if (owner >= 0) extra[owner].push(s);
    // Unowned: the line runs within 1 cm of the outer edge there, and the sliver is dropped.
  }
  const parts = pieces.map((piece, k) =>
    extra[k].length === 0 ? [piece] : dropSlivers(clip('union', [piece], ...extra[k].map((s) => [s]))),
  );
  return parts
    .filter((m) => m.length > 0)
    .map((m) => ({ boundary: fromPc(m), area: pcArea(m) }))
    // Equal halves differ in the last digits of their area: those must not decide the order.
    .sort((x, y) =>
      Math.abs(x.area - y.area) > 1e-9 * Math.max(x.area, y.area) ? y.area - x.area : cmpCentroid(x.boundary, y.boundary),
    )
    .map((x) => x.boundary);
}

/** West first, then south: a stable order for parts of equal size. */
function cmpCentroid(a: Boundary, b: Boundary): number {
  const ca = centroidOf(a), cb = centroidOf(b);
  return ca[0] - cb[0] || ca[1] - cb[1];
}

function cleanLine(line: LineStringInput): number[][] {
  const coords: unknown = (line as { coordinates?: unknown } | null)?.coordinates;
  if ((line as { type?: unknown } | null)?.type !== 'LineString' || !Array.isArray(coords)) {
    throw new GeometryError('SPLIT_LINE_INVALID', 'expected a GeoJSON LineString');
  }
  if (coords.length > MAX_POSITIONS) throw new GeometryError('SPLIT_LINE_INVALID', 'line has too many positions');
  const pts: number[][] = [];
  for (const c of coords) {
    if (positionProblem(c) !== null) throw new GeometryError('SPLIT_LINE_INVALID', 'line has an invalid position');
    const p = [(c as number[])[0], (c as number[])[1]];
    const prev = pts[pts.length - 1];
    // Repeated clicks give zero-length segments, which have no direction to offset along.
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) pts.push(p);
  }
  if (pts.length < 2) throw new GeometryError('SPLIT_LINE_INVALID', 'line needs two distinct positions');
  return pts;
}

function leftNormal(p: number[], q: number[]): [number, number] {
  const dx = q[0] - p[0], dy = q[1] - p[1];
  const len = Math.hypot(dx, dy);
  return [-dy / len, dx / len];
}

/** The strip on the left of the line: one quadrilateral per segment plus wedges at the bends. */
function cutStrip(pts: number[][], w: number): PcMultiPolygon {
  const shapes: PcMultiPolygon[] = [];
  for (let i = 0; i + 1 < pts.length; i++) {
    const p = pts[i], q = pts[i + 1];
    const [nx, ny] = leftNormal(p, q);
    shapes.push([[[[p[0], p[1]], [q[0], q[1]], [q[0] + nx * w, q[1] + ny * w], [p[0] + nx * w, p[1] + ny * w], [p[0], p[1]]]]]);
    if (i + 2 < pts.length) {
      // Without the wedge, an outward bend leaves a gap only a point wide: pieces would stay joined.
      const [mx, my] = leftNormal(q, pts[i + 2]);
      if (Math.abs(nx * my - ny * mx) > 1e-12) {
        shapes.push([[[[q[0], q[1]], [q[0] + nx * w, q[1] + ny * w], [q[0] + mx * w, q[1] + my * w], [q[0], q[1]]]]]);
      }
    }
  }
  const [first, ...rest] = shapes;
  return clip('union', first, ...rest);
}

/**
 * Which piece lies just left of this stretch of strip, i.e. beyond its offset edge. The
 * stretch's long edges lying on the line are probed one and a half strip-widths to the left;
 * the first probe inside a piece decides.
 */
function stripOwner(s: PcPolygon, pts: number[][], pieces: PcMultiPolygon): number {
  const ring = s[0];
  const eps = CUT_WIDTH * 1e-3;
  for (let e = 1; e < ring.length; e++) {
    const a = ring[e - 1], c = ring[e];
    if (Math.hypot(c[0] - a[0], c[1] - a[1]) < 2 * CUT_WIDTH) continue;
    for (let k = 0; k + 1 < pts.length; k++) {
      const p = pts[k], q = pts[k + 1];
      if (distToSegment(a, p, q) > eps || distToSegment(c, p, q) > eps) continue;
      const [nx, ny] = leftNormal(p, q);
      const probe = [(a[0] + c[0]) / 2 + nx * CUT_WIDTH * 1.5, (a[1] + c[1]) / 2 + ny * CUT_WIDTH * 1.5];
      for (let i = 0; i < pieces.length; i++) if (pointInPcPolygon(probe, pieces[i])) return i;
    }
  }
  return -1;
}

function distToSegment(pt: number[], p: number[], q: number[]): number {
  const dx = q[0] - p[0], dy = q[1] - p[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((pt[0] - p[0]) * dx + (pt[1] - p[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(pt[0] - (p[0] + t * dx), pt[1] - (p[1] + t * dy));
}

/** Even-odd over all rings, so holes count without knowing which ring is which. */
function pointInPcPolygon(pt: number[], poly: PcPolygon): boolean {
  const x = pt[0], y = pt[1];
  let inside = false;
  for (const ring of poly) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const yi = ring[i][1], yj = ring[j][1];
      if (yi > y !== yj > y && x < ring[j][0] + ((y - yj) * (ring[i][0] - ring[j][0])) / (yi - yj)) inside = !inside;
    }
  }
  return inside;
}


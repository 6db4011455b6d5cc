// Validation of untrusted GeoJSON boundaries, and the geometry module's types and failure class.
// Never throws on hostile input; see geometry.ts for areas, containment, overlaps, merge and split.
import type { Boundary } from './regions.model.ts';
export type GeometryIssueCode =
  | 'GEOMETRY_TYPE'
  | 'GEOMETRY_STRUCTURE'
  | 'GEOMETRY_COORDINATE'
  | 'GEOMETRY_RING_TOO_SHORT'
  | 'GEOMETRY_RING_NOT_CLOSED'
  | 'GEOMETRY_EMPTY_AREA'
  | 'GEOMETRY_TOO_LARGE';

export interface GeometryIssue {
  code: GeometryIssueCode;
  /** Where in the input, e.g. `coordinates[0][3]`; '' for the object itself. */
  path: string;
  detail?: Record<string, unknown>;
}

export type GeometryErrorCode =
  | 'GEOMETRY_INVALID'
  | 'GEOMETRY_CLIPPING_FAILED'
  | 'GEOMETRY_EMPTY_RESULT'
  | 'SPLIT_LINE_INVALID'
  | 'SPLIT_LINE_DOES_NOT_DIVIDE';

/** The one failure type this module throws; callers switch on `code`, never on messages. */
export class GeometryError extends Error {
  readonly code: GeometryErrorCode;
  readonly detail: Record<string, unknown>;
  constructor(code: GeometryErrorCode, message: string, detail: Record<string, unknown> = {}) {
    super(message);
    this.name = 'GeometryError';
    this.code = code;
    this.detail = detail;
  }
}

export type BBox = [minX: number, minY: number, maxX: number, maxY: number];
export type LngLat = [lng: number, lat: number];
export interface LineStringInput {
  type: 'LineString';
  coordinates: number[][];
}

/** Upper bound on positions in one boundary: a micro-grid has tens, a district a few thousand. */
export const MAX_POSITIONS = 100_000;
/** Enough to explain a bad upload without echoing a hostile one back in full. */
const MAX_ISSUES = 100;

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/**
 * Checks untrusted input (a request body, an imported file) before anything else touches it.
 * Returns every problem found (up to a cap) rather than the first, so an importer can show the
 * whole list. Never throws: a getter or proxy that throws still yields an issue list.
 */
export function validateBoundary(g: unknown): GeometryIssue[] {
  try {
    return validateUnsafe(g);
  } catch {
    return [{ code: 'GEOMETRY_STRUCTURE', path: '', detail: { reason: 'unreadable' } }];
  }
}

/** Validates and returns a clean copy (only `type` and 2-D `coordinates`), or throws. */
export function parseBoundary(g: unknown): Boundary {
  const issues = validateBoundary(g);
  if (issues.length > 0) {
    throw new GeometryError('GEOMETRY_INVALID', `${issues[0].code} at ${issues[0].path || '(root)'}`, { issues });
  }
  return normalizeBoundary(g as Boundary);
}

/** Drops extra members (bbox, crs, properties) and altitudes so stored boundaries compare equal. */
export function normalizeBoundary(b: Boundary): Boundary {
  const poly = (p: number[][][]): number[][][] => p.map((r) => r.map((q) => [q[0], q[1]]));
  return b.type === 'Polygon'
    ? { type: 'Polygon', coordinates: poly(b.coordinates) }
    : { type: 'MultiPolygon', coordinates: b.coordinates.map(poly) };
}

function validateUnsafe(g: unknown): GeometryIssue[] {
  if (g === null || typeof g !== 'object' || Array.isArray(g)) {
    return [{ code: 'GEOMETRY_TYPE', path: '', detail: { expected: ['Polygon', 'MultiPolygon'], got: typeName(g) } }];
  }
  const type = (g as { type?: unknown }).type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return [{ code: 'GEOMETRY_TYPE', path: 'type', detail: { expected: ['Polygon', 'MultiPolygon'], got: typeName(type) } }];
  }
  const coords = (g as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(coords) || coords.length === 0) {
    return [{ code: 'GEOMETRY_STRUCTURE', path: 'coordinates', detail: { reason: 'expected a non-empty array' } }];
  }

  // Size first, from lengths alone, so a 10⁹-slot sparse array is refused before we walk it.
  const total = countPositions(type, coords);
  if (total > MAX_POSITIONS) {
    return [{ code: 'GEOMETRY_TOO_LARGE', path: 'coordinates', detail: { max: MAX_POSITIONS } }];
  }

  const issues: GeometryIssue[] = [];
  const push = (issue: GeometryIssue): boolean => {
    issues.push(issue);
    return issues.length >= MAX_ISSUES;
  };
  const polygons: unknown[] = type === 'Polygon' ? [coords] : coords;
  for (let p = 0; p < polygons.length; p++) {
    const polyPath = type === 'Polygon' ? 'coordinates' : `coordinates[${p}]`;
    const rings = polygons[p];
    if (!Array.isArray(rings) || rings.length === 0) {
      if (push({ code: 'GEOMETRY_STRUCTURE', path: polyPath, detail: { reason: 'expected a non-empty array of rings' } })) break;
      continue;
    }
    for (let r = 0; r < rings.length; r++) {
      if (checkRing(rings[r], `${polyPath}[${r}]`, push)) return issues;
    }
  }
  return issues;
}

/** Returns true when the issue cap is reached. */
function checkRing(ring: unknown, path: string, push: (i: GeometryIssue) => boolean): boolean {
  if (!Array.isArray(ring)) {
    return push({ code: 'GEOMETRY_STRUCTURE', path, detail: { reason: 'expected an array of positions' } });
  }
  let allValid = true;
  for (let i = 0; i < ring.length; i++) {
    const reason = positionProblem(ring[i]);
    if (reason !== null) {
      allValid = false;
      if (push({ code: 'GEOMETRY_COORDINATE', path: `${path}[${i}]`, detail: { reason } })) return true;
    }
  }
  if (ring.length < 4) {
    return push({ code: 'GEOMETRY_RING_TOO_SHORT', path, detail: { min: 4, got: ring.length } });
  }
  // Closure and area only mean something once every position is a real number pair.
  if (!allValid) return false;
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return push({ code: 'GEOMETRY_RING_NOT_CLOSED', path, detail: { first: [first[0], first[1]], last: [last[0], last[1]] } });
  }
  if (isDegenerateRing(ring as number[][])) {
    return push({ code: 'GEOMETRY_EMPTY_AREA', path });
  }
  return false;
}

export function positionProblem(pos: unknown): string | null {
  if (!Array.isArray(pos)) return 'notArray';
  // A third value (altitude) is legal GeoJSON and common in KML exports; it is dropped on save.
  if (pos.length !== 2 && pos.length !== 3) return 'dimension';
  for (let k = 0; k < pos.length; k++) {
    const v: unknown = pos[k];
    if (typeof v !== 'number') return 'notNumber';
    if (!Number.isFinite(v)) return 'notFinite';
  }
  const lng = pos[0] as number;
  const lat = pos[1] as number;
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return 'outOfRange';
  return null;
}

function countPositions(type: 'Polygon' | 'MultiPolygon', coords: unknown[]): number {
  const polygons: unknown[] = type === 'Polygon' ? [coords] : coords;
  // Empty rings and polygons cost a loop turn each, so they count too.
  let total = polygons.length;
  if (total > MAX_POSITIONS) return total;
  for (const rings of polygons) {
    if (!Array.isArray(rings)) continue;
    total += rings.length;
    if (total > MAX_POSITIONS) return total;
    for (const ring of rings) {
      if (Array.isArray(ring)) total += ring.length;
      if (total > MAX_POSITIONS) return total;
    }
  }
  return total;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return v.length <= 32 ? JSON.stringify(v) : 'string';
  return typeof v;
}

/** Zero area up to rounding: tolerance scales with the ring's extent because error does. */
function isDegenerateRing(ring: number[][]): boolean {
  const a = Math.abs(planarRingArea(ring));
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of ring) {
    if (p[0] < minX) minX = p[0];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  }
  return a <= 1e-12 * (maxX - minX) * (maxY - minY) || a < 1e-16;
}

/** Shoelace relative to the first vertex (absolute coordinates near 110° cost digits). */
export function planarRingArea(ring: ArrayLike<ArrayLike<number>>): number {
  const n = ring.length;
  if (n < 3) return 0;
  const ox = ring[0][0], oy = ring[0][1];
  let a = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    a += (ring[j][0] - ox) * (ring[i][1] - oy) - (ring[i][0] - ox) * (ring[j][1] - oy);
  }
  return a / 2;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GeometryError,
  MAX_POSITIONS,
  areaOf,
  bboxOf,
  centroidOf,
  differenceOf,
  findSiblingOverlaps,
  isWithin,
  normalizeBoundary,
  outsideFraction,
  overlapFraction,
  parseBoundary,
  splitByLine,
  unionBoundaries,
  validateBoundary,
} from './geometry.ts';
import type { Boundary } from './regions.model.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): number[][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const square = (x: number, y: number, s: number): Boundary => ({ type: 'Polygon', coordinates: [rect(x, y, x + s, y + s)] });
const codes = (g: unknown): string[] => validateBoundary(g).map((i) => i.code);

function expectGeometryError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GeometryError);
    expect((e as GeometryError).code).toBe(code);
    return;
  }
  throw new Error(`expected GeometryError ${code}`);
}

describe('validateBoundary', () => {
  it('accepts a closed polygon, a polygon with a hole and a multipolygon', () => {
    expect(validateBoundary(square(110, 22.5, 0.01))).toEqual([]);
    expect(
      validateBoundary({ type: 'Polygon', coordinates: [rect(110, 22.5, 110.01, 22.51), rect(110.003, 22.503, 110.006, 22.506)] }),
    ).toEqual([]);
    expect(
      validateBoundary({
        type: 'MultiPolygon',
        coordinates: [[rect(110, 22.5, 110.01, 22.51)], [rect(110.02, 22.5, 110.03, 22.51), rect(110.022, 22.502, 110.025, 22.505)]],
      }),
    ).toEqual([]);
  });

  it('accepts extra members and altitudes, which normalizeBoundary strips', () => {
    const g = { type: 'Polygon', bbox: [0, 0, 1, 1], coordinates: [rect(110, 22.5, 110.01, 22.51).map((p) => [...p, 12])] };
    expect(validateBoundary(g)).toEqual([]);
    const clean = parseBoundary(g);
    expect(Object.keys(clean)).toEqual(['type', 'coordinates']);
    expect((clean.coordinates[0] as number[][])[0]).toEqual([110, 22.5]);
    expect(normalizeBoundary(square(1, 2, 3))).toEqual(square(1, 2, 3));
  });

  it('rejects wrong types', () => {
    for (const g of [null, undefined, 'Polygon', 42, [], { type: 'Point', coordinates: [1, 2] }, { type: 'LineString', coordinates: [[0, 0], [1, 1]] }]) {
      expect(codes(g)).toEqual(['GEOMETRY_TYPE']);
    }
    expect(validateBoundary({ type: 'Point' })[0].path).toBe('type');
  });

  it('rejects malformed coordinate arrays', () => {
    expect(codes({ type: 'Polygon' })).toEqual(['GEOMETRY_STRUCTURE']);
    expect(codes({ type: 'Polygon', coordinates: [] })).toEqual(['GEOMETRY_STRUCTURE']);
    expect(codes({ type: 'Polygon', coordinates: 'x' })).toEqual(['GEOMETRY_STRUCTURE']);
    expect(codes({ type: 'Polygon', coordinates: [5] })).toEqual(['GEOMETRY_STRUCTURE']);
    expect(codes({ type: 'MultiPolygon', coordinates: [[]] })).toEqual(['GEOMETRY_STRUCTURE']);
    // A Polygon's coordinates given one level too deep: every "position" is a ring.
    expect(codes({ type: 'Polygon', coordinates: [[rect(0, 0, 1, 1)]] })).toContain('GEOMETRY_COORDINATE');
  });

  it('reports an unclosed ring with its path', () => {
    const ring = rect(110, 22.5, 110.01, 22.51).slice(0, 4).concat([[110, 22.505]]);
    expect(validateBoundary({ type: 'Polygon', coordinates: [ring] })).toEqual([
      expect.objectContaining({ code: 'GEOMETRY_RING_NOT_CLOSED', path: 'coordinates[0]' }),
    ]);
    expect(validateBoundary({ type: 'MultiPolygon', coordinates: [[rect(0, 0, 1, 1)], [ring]] })[0].path).toBe('coordinates[1][0]');
  });

  it('reports a ring of three positions as too short', () => {
    expect(codes({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] })).toEqual(['GEOMETRY_RING_TOO_SHORT']);
    expect(codes({ type: 'Polygon', coordinates: [[]] })).toEqual(['GEOMETRY_RING_TOO_SHORT']);
  });

  it('reports NaN, Infinity, strings and out-of-range coordinates with the position path', () => {
    const bad = (p: unknown) => {
      const ring: unknown[] = rect(110, 22.5, 110.01, 22.51);
      ring[2] = p;
      return validateBoundary({ type: 'Polygon', coordinates: [ring] });
    };
    for (const [p, reason] of [
      [[NaN, 22.5], 'notFinite'],
      [[Infinity, 22.5], 'notFinite'],
      [[110, -Infinity], 'notFinite'],
      [['110', 22.5], 'notNumber'],
      [[110, null], 'notNumber'],
      [[181, 22.5], 'outOfRange'],
      [[110, 90.0001], 'outOfRange'],
      [[110], 'dimension'],
      [[110, 22, 1, 2], 'dimension'],
      [null, 'notArray'],
      [{ 0: 110, 1: 22.5 }, 'notArray'],
    ] as const) {
      const issues = bad(p);
      expect(issues, JSON.stringify(p)).toEqual([{ code: 'GEOMETRY_COORDINATE', path: 'coordinates[0][2]', detail: { reason } }]);
    }
    // The limits themselves are valid.
    expect(validateBoundary({ type: 'Polygon', coordinates: [rect(-180, -90, 180, 90)] })).toEqual([]);
  });

  it('reports zero-area rings', () => {
    expect(codes({ type: 'Polygon', coordinates: [[[110, 22], [110.5, 22.5], [111, 23], [110, 22]]] })).toEqual(['GEOMETRY_EMPTY_AREA']);
    expect(codes({ type: 'Polygon', coordinates: [[[110, 22], [110, 22], [110, 22], [110, 22]]] })).toEqual(['GEOMETRY_EMPTY_AREA']);
  });

  it('refuses huge input before walking it', () => {
    const big = Array.from({ length: MAX_POSITIONS + 1 }, (_, i) => [110 + i * 1e-6, 22.5]);
    expect(codes({ type: 'Polygon', coordinates: [big] })).toEqual(['GEOMETRY_TOO_LARGE']);
    const sparse: unknown[] = [];
    sparse.length = 1e9;
    const t = Date.now();
    expect(codes({ type: 'Polygon', coordinates: [sparse] })).toEqual(['GEOMETRY_TOO_LARGE']);
    expect(codes({ type: 'MultiPolygon', coordinates: sparse })).toEqual(['GEOMETRY_TOO_LARGE']);
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it('caps the number of issues', () => {
    const ring = Array.from({ length: 5000 }, () => [NaN, NaN]);
    expect(validateBoundary({ type: 'Polygon', coordinates: [ring] }).length).toBeLessThanOrEqual(100);
  });

  it('survives deep nesting, throwing getters and revoked proxies', () => {
    let deep: unknown = [110, 22.5];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(validateBoundary({ type: 'Polygon', coordinates: deep }).length).toBeGreaterThan(0);
    const trap = {
      type: 'Polygon',
      get coordinates(): never {
        throw new Error('boom');
      },
    };
    expect(codes(trap)).toEqual(['GEOMETRY_STRUCTURE']);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(codes(proxy)).toEqual(['GEOMETRY_STRUCTURE']);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }), (g) => {
        const issues = validateBoundary(g);
        expect(Array.isArray(issues)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // The same, wrapped so that arbitrary values reach the coordinate checks.
    fc.assert(
      fc.property(fc.constantFrom('Polygon', 'MultiPolygon'), fc.anything({ withSparseArray: true }), (type, coordinates) => {
        expect(Array.isArray(validateBoundary({ type, coordinates }))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('parseBoundary throws a typed error listing the issues', () => {
    try {
      parseBoundary({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] });
      throw new Error('not thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(GeometryError);
      expect((e as GeometryError).code).toBe('GEOMETRY_INVALID');
      expect((e as GeometryError).detail.issues).toHaveLength(1);
    }
  });
});

describe('measures', () => {
  it('areaOf subtracts holes and bboxOf spans all parts', () => {
    const outer = square(110, 22.5, 0.01);
    const withHole: Boundary = { type: 'Polygon', coordinates: [rect(110, 22.5, 110.01, 22.51), rect(110.0025, 22.5025, 110.0075, 22.5075)] };
    // 0.01° × 0.01° at 22.5°N ≈ 1.11 km × 1.03 km.
    expect(areaOf(outer)).toBeGreaterThan(1.1e6);
    expect(areaOf(outer)).toBeLessThan(1.2e6);
    expect(areaOf(withHole) / areaOf(outer)).toBeCloseTo(0.75, 3);
    const multi: Boundary = { type: 'MultiPolygon', coordinates: [[rect(110, 22.5, 110.01, 22.51)], [rect(111, 23, 111.5, 23.2)]] };
    expect(bboxOf(multi)).toEqual([110, 22.5, 111.5, 23.2]);
  });

  it('centroidOf is the area-weighted centre, holes included', () => {
    const c = centroidOf(square(110, 22.5, 0.02));
    expect(c[0]).toBeCloseTo(110.01, 9);
    expect(c[1]).toBeCloseTo(22.51, 9);
    // A hole in the right half pulls the centre left.
    const holed: Boundary = { type: 'Polygon', coordinates: [rect(0, 0, 4, 2), rect(2.5, 0.5, 3.5, 1.5)] };
    const h = centroidOf(holed);
    expect(h[0]).toBeCloseTo((8 * 2 - 1 * 3) / 7, 9);
    expect(h[1]).toBeCloseTo(1, 9);
    // Two equal parts: the middle between them, whatever the ring winding.
    const multi: Boundary = { type: 'MultiPolygon', coordinates: [[rect(0, 0, 1, 1)], [rect(3, 0, 4, 1).reverse()]] };
    expect(centroidOf(multi)).toEqual([2, 0.5]);
  });
});

describe('containment', () => {
  const parent = square(110, 22.5, 0.01);

  it('a child inside has outside fraction 0, a disjoint one 1', () => {
    expect(outsideFraction(square(110.002, 22.502, 0.005), parent)).toBe(0);
    expect(outsideFraction(square(111, 23, 0.005), parent)).toBe(1);
    // Sharing the parent's edges exactly is still inside.
    expect(outsideFraction(parent, parent)).toBeLessThan(1e-9);
  });

  it('tolerance decides just inside and just outside', () => {
    // 0.5% of the child sticks out past the parent's east edge.
    const slightly: Boundary = { type: 'Polygon', coordinates: [rect(110.005, 22.502, 110.01002, 22.506)] };
    const f = outsideFraction(slightly, parent);
    expect(f).toBeGreaterThan(0.003);
    expect(f).toBeLessThan(0.006);
    expect(isWithin(slightly, parent)).toBe(true);
    expect(isWithin(slightly, parent, 0.001)).toBe(false);
    // 2% out: beyond the default tolerance.
    const more: Boundary = { type: 'Polygon', coordinates: [rect(110.005, 22.502, 110.0101, 22.506)] };
    expect(outsideFraction(more, parent)).toBeCloseTo(0.0196, 3);
    expect(isWithin(more, parent)).toBe(false);
  });

  it('a child in the parent hole lies outside', () => {
    const holed: Boundary = { type: 'Polygon', coordinates: [rect(110, 22.5, 110.01, 22.51), rect(110.003, 22.503, 110.007, 22.507)] };
    expect(outsideFraction(square(110.004, 22.504, 0.002), holed)).toBeCloseTo(1, 9);
    expect(isWithin(square(110.0005, 22.5005, 0.002), holed)).toBe(true);
  });
});

describe('overlaps', () => {
  it('overlapFraction is relative to the smaller area', () => {
    const a = square(110, 22.5, 0.01);
    expect(overlapFraction(a, square(110.002, 22.502, 0.001))).toBeCloseTo(1, 6);
    expect(overlapFraction(a, square(110.01, 22.5, 0.01))).toBe(0);
    expect(overlapFraction(a, square(110.005, 22.5, 0.01))).toBeCloseTo(0.5, 3);
  });

  it('touching siblings do not overlap, even with noise on the shared edge', () => {
    const items = [
      { key: 'A', boundary: square(110, 22.5, 0.01) },
      { key: 'B', boundary: square(110.01, 22.5, 0.01) },
      { key: 'C', boundary: square(110, 22.51, 0.01) },
      // Shared edge with A and C drawn again by hand: off by ~1e-12°.
      { key: 'D', boundary: { type: 'Polygon' as const, coordinates: [rect(110.01 + 1e-12, 22.51 - 1e-12, 110.02, 22.52)] } },
    ];
    expect(findSiblingOverlaps(items)).toEqual([]);
  });

  it('a 2% overlap is reported with both keys', () => {
    const items = [
      { key: 'east', boundary: square(110.01, 22.5, 0.01) },
      { key: 'far', boundary: square(111, 23, 0.01) },
      // Reaches 0.0002° (2% of its width) into "east".
      { key: 'west', boundary: { type: 'Polygon' as const, coordinates: [rect(110, 22.5, 110.0102, 22.51)] } },
    ];
    const found = findSiblingOverlaps(items);
    expect(found).toHaveLength(1);
    expect(found[0].a).toBe('east');
    expect(found[0].b).toBe('west');
    expect(found[0].fraction).toBeCloseTo(0.02, 3);
    expect(findSiblingOverlaps(items, 0.05)).toEqual([]);
  });

  it('finds nothing in a touching tiling and the one planted overlap', () => {
    const items: { key: string; boundary: Boundary }[] = [];
    for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) items.push({ key: `${i}-${j}`, boundary: square(110 + i * 0.001, 22.5 + j * 0.001, 0.001) });
    expect(findSiblingOverlaps(items)).toEqual([]);
    items.push({ key: 'rogue', boundary: square(110.0105, 22.5105, 0.001) });
    const found = findSiblingOverlaps(items);
    expect(found.map((f) => [f.a, f.b].sort().join('|')).sort()).toEqual(['10-10|rogue', '10-11|rogue', '11-10|rogue', '11-11|rogue']);
    for (const f of found) expect(f.fraction).toBeCloseTo(0.25, 3);
  });

  it('handles fewer than two items', () => {
    expect(findSiblingOverlaps([])).toEqual([]);
    expect(findSiblingOverlaps([{ key: 'x', boundary: square(0, 0, 1) }])).toEqual([]);
  });
});

describe('unionBoundaries', () => {
  it('merges two adjacent squares into one polygon of the summed area', () => {
    const a = square(110, 22.5, 0.01);
    const b = square(110.01, 22.5, 0.01);
    const u = unionBoundaries([a, b]);
    expect(u.type).toBe('Polygon');
    expect(u.coordinates).toHaveLength(1);
    expect(areaOf(u) / (areaOf(a) + areaOf(b))).toBeCloseTo(1, 9);
    bboxOf(u).forEach((v, i) => expect(v).toBeCloseTo([110, 22.5, 110.02, 22.51][i], 12));
  });

  it('keeps apart what does not touch, as a MultiPolygon', () => {
    const u = unionBoundaries([square(110, 22.5, 0.01), square(110.05, 22.5, 0.01)]);
    expect(u.type).toBe('MultiPolygon');
    expect(u.coordinates).toHaveLength(2);
  });

  it('fails typed on nothing to merge', () => {
    expectGeometryError(() => unionBoundaries([]), 'GEOMETRY_EMPTY_RESULT');
  });
});

describe('differenceOf', () => {
  it('takes a part out and gives null when nothing is left', () => {
    const whole: Boundary = { type: 'Polygon', coordinates: [rect(110, 22.5, 110.02, 22.51)] };
    const rest = differenceOf(whole, square(110.01, 22.5, 0.01));
    expect(rest?.type).toBe('Polygon');
    expect(areaOf(rest!) / areaOf(whole)).toBeCloseTo(0.5, 6);
    expect(differenceOf(square(110, 22.5, 0.01), square(109, 22, 2))).toBeNull();
    // Removing one half of a split leaves the other, without slivers along the cut.
    const parts = splitByLine(whole, { type: 'LineString', coordinates: [[110.013, 22.49], [110.007, 22.52]] });
    const left = differenceOf(whole, parts[0]);
    expect(left?.type).toBe('Polygon');
    expect(areaOf(left!) / areaOf(parts[1])).toBeCloseTo(1, 9);
  });
});

describe('splitByLine', () => {
  const sq = square(110, 22.5, 0.01);

  it('cuts a square along a straight line into two halves that tile it', () => {
    const parts = splitByLine(sq, { type: 'LineString', coordinates: [[110.005, 22.49], [110.005, 22.52]] });
    expect(parts).toHaveLength(2);
    const whole = areaOf(sq);
    for (const p of parts) expect(Math.abs(areaOf(p) / whole - 0.5)).toBeLessThan(0.01);
    expect((areaOf(parts[0]) + areaOf(parts[1])) / whole).toBeCloseTo(1, 9);
    // Left part first when equal: the order does not depend on input order or chance.
    expect(centroidOf(parts[0])[0]).toBeLessThan(centroidOf(parts[1])[0]);
    // The cut runs exactly along the drawn line, not a strip-width beside it.
    expect(bboxOf(parts[0])[2]).toBe(110.005);
    expect(bboxOf(parts[1])[0]).toBe(110.005);
    // The parts share the cut exactly: merged again they are the square.
    const again = unionBoundaries(parts);
    expect(again.type).toBe('Polygon');
    expect(areaOf(again) / whole).toBeCloseTo(1, 9);
    expect(findSiblingOverlaps(parts.map((boundary, i) => ({ key: String(i), boundary })))).toEqual([]);
  });

  it('returns the larger part first for a slanted polyline', () => {
    const parts = splitByLine(sq, { type: 'LineString', coordinates: [[109.99, 22.501], [110.004, 22.503], [110.02, 22.5052]] });
    expect(parts).toHaveLength(2);
    expect(areaOf(parts[0])).toBeGreaterThan(areaOf(parts[1]));
    expect((areaOf(parts[0]) + areaOf(parts[1])) / areaOf(sq)).toBeCloseTo(1, 9);
    expect(unionBoundaries(parts).type).toBe('Polygon');
  });

  it('returns every part when the line crosses several times', () => {
    // Zig-zag across the square three times: four strips.
    const parts = splitByLine(sq, {
      type: 'LineString',
      coordinates: [[109.99, 22.502], [110.02, 22.504], [109.99, 22.506], [110.02, 22.508]],
    });
    expect(parts.length).toBe(4);
    const sum = parts.reduce((s, p) => s + areaOf(p), 0);
    expect(sum / areaOf(sq)).toBeCloseTo(1, 9);
    expect(unionBoundaries(parts).type).toBe('Polygon');
  });

  it('any straight cut through a square yields parts that tile it and merge back', () => {
    // Two points on different sides of the square; the segment is then stretched past both.
    const side = fc.record({ t: fc.double({ min: 0.05, max: 0.95, noNaN: true }), s: fc.integer({ min: 0, max: 3 }) });
    const onSide = ({ t, s }: { t: number; s: number }): number[] =>
      [[110 + t * 0.01, 22.5], [110.01, 22.5 + t * 0.01], [110 + t * 0.01, 22.51], [110, 22.5 + t * 0.01]][s];
    fc.assert(
      fc.property(side, side, (a, b) => {
        fc.pre(a.s !== b.s);
        const [p, q] = [onSide(a), onSide(b)];
        const dx = q[0] - p[0], dy = q[1] - p[1];
        const line = [[p[0] - dx * 0.2, p[1] - dy * 0.2], [q[0] + dx * 0.2, q[1] + dy * 0.2]];
        const parts = splitByLine(sq, { type: 'LineString', coordinates: line });
        expect(parts).toHaveLength(2);
        expect(areaOf(parts[0])).toBeGreaterThanOrEqual(areaOf(parts[1]) * (1 - 1e-9));
        expect((areaOf(parts[0]) + areaOf(parts[1])) / areaOf(sq)).toBeCloseTo(1, 8);
        const again = unionBoundaries(parts);
        expect(again.type).toBe('Polygon');
        expect(again.coordinates).toHaveLength(1);
      }),
      { numRuns: 150 },
    );
  });

  it('splits a polygon with a hole and keeps the hole', () => {
    const holed: Boundary = { type: 'Polygon', coordinates: [rect(110, 22.5, 110.01, 22.51), rect(110.006, 22.503, 110.008, 22.507)] };
    const parts = splitByLine(holed, { type: 'LineString', coordinates: [[110.004, 22.49], [110.004, 22.52]] });
    expect(parts).toHaveLength(2);
    expect((areaOf(parts[0]) + areaOf(parts[1])) / areaOf(holed)).toBeCloseTo(1, 9);
    expect(parts[0].coordinates).toHaveLength(2); // the bigger, eastern part still has its hole
  });

  it('fails when the line does not divide', () => {
    expectGeometryError(() => splitByLine(sq, { type: 'LineString', coordinates: [[111, 23], [111.1, 23.1]] }), 'SPLIT_LINE_DOES_NOT_DIVIDE');
    // Enters but stops inside: a notch, not a cut.
    expectGeometryError(
      () => splitByLine(sq, { type: 'LineString', coordinates: [[110.005, 22.49], [110.005, 22.505]] }),
      'SPLIT_LINE_DOES_NOT_DIVIDE',
    );
  });

  it('rejects a malformed line', () => {
    expectGeometryError(() => splitByLine(sq, { type: 'LineString', coordinates: [[110, 22]] }), 'SPLIT_LINE_INVALID');
    expectGeometryError(() => splitByLine(sq, { type: 'LineString', coordinates: [[110, 22], [110, 22]] }), 'SPLIT_LINE_INVALID');
    expectGeometryError(() => splitByLine(sq, { type: 'LineString', coordinates: [[110, NaN], [111, 22]] }), 'SPLIT_LINE_INVALID');
    expectGeometryError(
      () => splitByLine(sq, { type: 'Point', coordinates: [110, 22] } as unknown as { type: 'LineString'; coordinates: number[][] }),
      'SPLIT_LINE_INVALID',
    );
  });
});

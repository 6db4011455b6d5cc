import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocateIndex, type LocateItem } from './locate-index.ts';
import type { Boundary } from './regions.model.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): number[][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** n × n squares of side s from (x0, y0); id = 1 + row * n + col. */
function squareGrid(n: number, x0: number, y0: number, s: number, level = 6): LocateItem[] {
  const items: LocateItem[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      // Corners from integer multiples so neighbours share them bit for bit.
      const ring = rect(x0 + col * s, y0 + row * s, x0 + (col + 1) * s, y0 + (row + 1) * s);
      items.push({ id: 1 + row * n + col, level, boundary: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  return items;
}

/** A jittered lattice of convex quadrilaterals sharing corners exactly, from a seeded generator. */
function jitteredTiling(cols: number, rows: number, seed: number): Boundary[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
  const dx = 0.01, dy = 0.01;
  const vx: number[] = [], vy: number[] = [];
  for (let j = 0; j <= rows; j++) {
    for (let i = 0; i <= cols; i++) {
      vx.push(110 + i * dx + (i === 0 || i === cols ? 0 : (rand() - 0.5) * 0.4 * dx));
      vy.push(22.5 + j * dy + (j === 0 || j === rows ? 0 : (rand() - 0.5) * 0.4 * dy));
    }
  }
  const out: Boundary[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const ks = [j * (cols + 1) + i, j * (cols + 1) + i + 1, (j + 1) * (cols + 1) + i + 1, (j + 1) * (cols + 1) + i];
      const ring = ks.map((k) => [vx[k], vy[k]]);
      ring.push(ring[0]);
      out.push({ type: 'Polygon', coordinates: [ring] });
    }
  }
  return out;
}

function distToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function nearAnyEdge(x: number, y: number, bs: Boundary[], eps: number): boolean {
  for (const b of bs) {
    const polys = b.type === 'Polygon' ? [b.coordinates] : b.coordinates;
    for (const poly of polys) {
      for (const ring of poly) {
        for (let i = 1; i < ring.length; i++) {
          if (distToSegment(x, y, ring[i - 1][0], ring[i - 1][1], ring[i][0], ring[i][1]) < eps) return true;
        }
      }
    }
  }
  return false;
}

/** Which items claim the point when each is asked alone: a tiling must give exactly one. */
function claimants(items: LocateItem[], x: number, y: number): number[] {
  return items.filter((it) => new LocateIndex([it]).locateLevel(x, y, it.level) !== null).map((it) => it.id);
}

describe('LocateIndex', () => {
  it('finds the square containing each centre, and nothing outside', () => {
    const items = squareGrid(5, 110, 22.5, 0.01);
    const index = new LocateIndex(items);
    expect(index.size).toBe(25);
    for (let row = 0; row < 5; row++) {
      for (let col = 0; col < 5; col++) {
        expect(index.locateLevel(110 + (col + 0.5) * 0.01, 22.5 + (row + 0.5) * 0.01, 6)).toBe(1 + row * 5 + col);
      }
    }
    expect(index.locateLevel(109.99, 22.52, 6)).toBeNull();
    expect(index.locateLevel(110.02, 22.56, 6)).toBeNull();
    expect(index.locateLevel(110.02, 22.52, 5)).toBeNull(); // no level-5 regions indexed
    expect(index.locateLevel(NaN, 22.52, 6)).toBeNull();
    expect(index.locateLevel(Infinity, 22.52, 6)).toBeNull();
    expect(index.locateAll(200, 100)).toEqual([]);
  });

  it('respects holes and MultiPolygon parts', () => {
    const holed: Boundary = { type: 'Polygon', coordinates: [rect(110, 22.5, 110.01, 22.51), rect(110.003, 22.503, 110.007, 22.507)] };
    const multi: Boundary = {
      type: 'MultiPolygon',
      coordinates: [[rect(111, 23, 111.01, 23.01)], [rect(111.02, 23, 111.03, 23.01), rect(111.022, 23.002, 111.028, 23.008)]],
    };
    // An island inside the hole belongs to someone else.
    const island: Boundary = { type: 'Polygon', coordinates: [rect(110.004, 22.504, 110.006, 22.506)] };
    const index = new LocateIndex([
      { id: 1, level: 6, boundary: holed },
      { id: 2, level: 6, boundary: multi },
      { id: 3, level: 6, boundary: island },
    ]);
    expect(index.locateLevel(110.001, 22.501, 6)).toBe(1);
    expect(index.locateLevel(110.0035, 22.5035, 6)).toBeNull(); // in the hole, beside the island
    expect(index.locateLevel(110.005, 22.505, 6)).toBe(3);
    expect(index.locateLevel(111.005, 23.005, 6)).toBe(2);
    expect(index.locateLevel(111.021, 23.005, 6)).toBe(2);
    expect(index.locateLevel(111.025, 23.005, 6)).toBeNull(); // hole of the second part
    expect(index.locateLevel(111.015, 23.005, 6)).toBeNull(); // between the parts
  });

  it('answers every level, deepest first', () => {
    const community: LocateItem = { id: 100, level: 4, boundary: { type: 'Polygon', coordinates: [rect(110, 22.5, 110.04, 22.54)] } };
    const grids: LocateItem[] = [
      { id: 10, level: 5, boundary: { type: 'Polygon', coordinates: [rect(110, 22.5, 110.02, 22.54)] } },
      { id: 11, level: 5, boundary: { type: 'Polygon', coordinates: [rect(110.02, 22.5, 110.04, 22.54)] } },
    ];
    const micro = squareGrid(2, 110, 22.5, 0.01);
    const index = new LocateIndex([community, ...grids, ...micro, { id: 999, level: 6, boundary: null }]);
    expect(index.size).toBe(1 + 2 + 4);
    expect(index.locateAll(110.015, 22.505)).toEqual([
      { level: 6, id: 2 },
      { level: 5, id: 10 },
      { level: 4, id: 100 },
    ]);
    // Outside the micro-grids but inside grid 11 and the community.
    expect(index.locateAll(110.03, 22.53)).toEqual([
      { level: 5, id: 11 },
      { level: 4, id: 100 },
    ]);
    expect(index.locateLevel(110.03, 22.53, 4)).toBe(100);
  });

  it('an empty index finds nothing', () => {
    const index = LocateIndex.empty();
    expect(index.size).toBe(0);
    expect(index.locateLevel(110, 22.5, 6)).toBeNull();
    expect(index.locateAll(110, 22.5)).toEqual([]);
  });

  it('a point on a shared edge or corner goes to exactly one neighbour, always the same', () => {
    const items = squareGrid(4, 110, 22.5, 0.25);
    const index = new LocateIndex(items);
    // Interior grid lines: x or y an exact multiple of the side.
    for (const [x, y] of [
      [110.25, 22.6],
      [110.1, 22.75],
      [110.5, 23],
      [110.75, 22.75],
    ]) {
      const first = index.locateLevel(x, y, 6);
      expect(first, `${x},${y}`).not.toBeNull();
      expect(index.locateLevel(x, y, 6)).toBe(first);
      expect(claimants(items, x, y), `${x},${y}`).toEqual([first]);
    }
    // Slanted shared edges of a jittered tiling: their corners, and points found exactly on them.
    const tiles = jitteredTiling(6, 6, 7);
    const jItems = tiles.map((boundary, k) => ({ id: k + 1, level: 6, boundary }));
    const jIndex = new LocateIndex(jItems);
    for (const b of tiles) {
      const ring = (b.coordinates as number[][][])[0];
      for (let i = 0; i < 4; i++) {
        const [ax, ay] = ring[i], [bx, by] = ring[i + 1];
        const interior = (v: number[]) => v[0] > 110 && v[0] < 110.06 && v[1] > 22.5 && v[1] < 22.56;
        const pts = [ring[i]];
        // A point the ray cast sees as lying on the edge: same y as computed from the lower end.
        const [lx, ly, hx, hy] = ay < by ? [ax, ay, bx, by] : [bx, by, ax, ay];
        const y = (ly + hy) / 2;
        pts.push([lx + ((y - ly) * (hx - lx)) / (hy - ly), y]);
        for (const p of pts) {
          if (!interior(p)) continue;
          const id = jIndex.locateLevel(p[0], p[1], 6);
          expect(id, JSON.stringify(p)).not.toBeNull();
          expect(claimants(jItems, p[0], p[1]), JSON.stringify(p)).toEqual([id]);
        }
      }
    }
  });

  it('agrees with brute-force turf on random points', () => {
    const tiles = jitteredTiling(8, 8, 3);
    // A holed square beside the tiling, so holes are part of the comparison.
    const holed: Boundary = { type: 'Polygon', coordinates: [rect(110.2, 22.5, 110.25, 22.55), rect(110.21, 22.51, 110.24, 22.54)] };
    const all = [...tiles, holed];
    const index = new LocateIndex(all.map((boundary, k) => ({ id: k + 1, level: 6, boundary })));
    fc.assert(
      fc.property(fc.double({ min: 109.99, max: 110.26, noNaN: true }), fc.double({ min: 22.49, max: 22.59, noNaN: true }), (x, y) => {
        fc.pre(!nearAnyEdge(x, y, all, 1e-9));
        const expected = all.flatMap((b, k) => (booleanPointInPolygon([x, y], b) ? [k + 1] : []));
        const got = index.locateLevel(x, y, 6);
        // Tiles and the holed square do not overlap, so at most one can contain the point.
        expect(expected.length).toBeLessThanOrEqual(1);
        expect(got).toBe(expected[0] ?? null);
      }),
      { numRuns: 3000 },
    );
  });
});

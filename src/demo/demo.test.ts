import type { Polygon, Position } from 'geojson';
import { childCode, checkRegionCode } from '../modules/regions/codes.ts';
import { describe, expect, it } from 'vitest';
import type { RegionInput } from '../modules/regions/regions.model.js';
import { REGION_KINDS } from '../modules/regions/regions.model.js';
import {
  cityCode, codeLevel, communityCode, districtCode, generateDemoCity, gridCode, microGridCode,
  parentCodeOf, streetCode, type DemoCity, type DemoScale,
} from './index.js';
import { distribute, Rng } from './random.js';
import { ringArea, ringCentroid } from './tiling.js';

const cache = new Map<DemoScale, DemoCity>();
const demo = (scale: DemoScale): DemoCity => {
  if (!cache.has(scale)) cache.set(scale, generateDemoCity({ scale }));
  return cache.get(scale)!;
};
const ringOf = (r: RegionInput): Position[] => (r.boundary as Polygon).coordinates[0];

/** Ray casting; points exactly on an edge may go either way, which centroids never are. */
function inside(p: Position, ring: Position[]): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

const countByLevel = (c: DemoCity): number[] => [1, 2, 3, 4, 5, 6].map((l) => c.regions.filter((r) => r.level === l).length);

function childrenByParent(c: DemoCity): Map<string, RegionInput[]> {
  const m = new Map<string, RegionInput[]>();
  for (const r of c.regions) {
    if (r.parentCode === null) continue;
    if (!m.has(r.parentCode)) m.set(r.parentCode, []);
    m.get(r.parentCode)!.push(r);
  }
  return m;
}

describe('determinism', () => {
  it('gives byte-identical JSON for the same seed and a different city for another seed', () => {
    const a = JSON.stringify(generateDemoCity({ scale: 'district', seed: 7 }));
    const b = JSON.stringify(generateDemoCity({ scale: 'district', seed: 7 }));
    const c = JSON.stringify(generateDemoCity({ scale: 'district', seed: 8 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(JSON.stringify(generateDemoCity({ scale: 'small' }))).toBe(JSON.stringify(demo('small')));
    expect(demo('small').seed).toBe(1);
  });
});

describe('counts', () => {
  it('city scale has the Yunfu figures exactly', () => {
    expect(countByLevel(demo('city'))).toEqual([1, 5, 63, 996, 6128, 14_392]);
  });
  it('district and small scales have their sizes', () => {
    expect(countByLevel(demo('district'))).toEqual([1, 1, 10, 100, 800, 1900]);
    expect(countByLevel(demo('small'))).toEqual([1, 1, 1, 6, 60, 150]);
  });
  it('spreads children within the per-parent bounds', () => {
    const c = demo('city');
    const kids = childrenByParent(c);
    const bounds: Record<number, [number, number]> = { 3: [8, 25], 4: [3, 12], 5: [1, 4] };
    for (const r of c.regions) {
      const b = bounds[r.level];
      if (!b) continue;
      const n = kids.get(r.code)?.length ?? 0;
      expect(n, r.code).toBeGreaterThanOrEqual(b[0]);
      expect(n, r.code).toBeLessThanOrEqual(b[1]);
    }
  });
  it('reports progress up to the total', () => {
    const calls: [number, number][] = [];
    generateDemoCity({ scale: 'district', onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.at(-1)).toEqual([2812, 2812]);
    let small = 0;
    generateDemoCity({ scale: 'small', onProgress: () => small++ });
    expect(small).toBeGreaterThanOrEqual(20);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThan(calls[i - 1][0]);
  });
});

describe('codes, parents, kinds, names', () => {
  for (const scale of ['small', 'district', 'city'] as const) {
    it(`${scale}: codes unique and well formed, parents earlier`, () => {
      const c = demo(scale);
      const seen = new Set<string>();
      for (const r of c.regions) {
        expect(seen.has(r.code), r.code).toBe(false);
        expect(codeLevel(r.code), r.code).toBe(r.level);
        expect(parentCodeOf(r.code)).toBe(r.parentCode);
        if (r.parentCode !== null) expect(seen.has(r.parentCode), r.code).toBe(true);
        expect(REGION_KINDS[r.level]).toContain(r.kind);
        if (r.level === 5) expect(r.code).toBe(gridCode(r.kind as never, r.parentCode!, Number(r.code.slice(18))));
        if (r.level === 4) expect(r.code[9] === '2', r.code).toBe(r.kind === 'village');
        if (r.level === 3) expect(r.code[6] === '1', r.code).toBe(r.kind === 'town');
        seen.add(r.code);
      }
      expect(c.regions[0].code).toBe('445300000000');
    });
  }

  it('names are Chinese, unique among siblings, streets and communities unique per district', () => {
    const c = demo('city');
    for (const kids of childrenByParent(c).values()) expect(new Set(kids.map((k) => k.name)).size).toBe(kids.length);
    const districtOf = (code: string): string => code.slice(0, 6);
    for (const level of [3, 4]) {
      const names = c.regions.filter((r) => r.level === level).map((r) => districtOf(r.code) + r.name);
      expect(new Set(names).size).toBe(names.length);
    }
    const pattern: Record<string, RegExp> = {
      street: /^\p{Script=Han}{2}街道$/u, town: /^\p{Script=Han}{2}镇$/u,
      community: /^\p{Script=Han}{2}社区$/u, village: /^\p{Script=Han}{2}村$/u,
      residential: /社区第\d+网格$/, rural: /村第\d+网格$/, officeBuilding: /大厦网格$/,
      industrialPark: /产业园网格$/, microGrid: /^\d+(号|栋)微网格$/,
    };
    for (const r of c.regions) if (pattern[r.kind]) expect(r.name, r.code).toMatch(pattern[r.kind]);
  });

  it('grids carry estate age and planned sizes; micro-grids planned sizes; others none', () => {
    const c = demo('city');
    const micro = c.regions.filter((r) => r.level === 6).map((r) => r.attributes!.plannedResidents as number);
    const near = micro.filter((n) => n >= 120 && n <= 280).length / micro.length;
    expect(near).toBeGreaterThan(0.85);
    expect(near).toBeLessThan(1);
    for (const r of c.regions) {
      if (r.level <= 4) expect(r.attributes).toBeUndefined();
      if (r.level === 5) expect(['old', 'new']).toContain(r.attributes!.estateAge);
      if (r.level >= 5) {
        expect(r.attributes!.plannedHouseholds as number).toBeGreaterThan(0);
        expect(r.attributes!.plannedResidents as number).toBeGreaterThan(r.attributes!.plannedHouseholds as number);
      }
    }
  });
});

describe('boundaries', () => {
  for (const scale of ['small', 'district', 'city'] as const) {
    it(`${scale}: rings closed, counter-clockwise, convex, ≤ 7 decimals, in Yunfu`, () => {
      const bad: string[] = [];
      for (const r of demo(scale).regions) {
        const ring = r.boundary?.type === 'Polygon' ? ringOf(r) : [];
        const closed = ring.length >= 4 && ring[0][0] === ring.at(-1)![0] && ring[0][1] === ring.at(-1)![1];
        const rounded = ring.every(([lng, lat]) => Math.round(lng * 1e7) / 1e7 === lng && Math.round(lat * 1e7) / 1e7 === lat);
        const yunfu = ring.every(([lng, lat]) => lng > 110.9 && lng < 112.6 && lat > 22.4 && lat < 23.6);
        // Every corner turns left: counter-clockwise and convex.
        const n = ring.length - 1;
        const convex = ring.slice(0, n).every((a, i) => {
          const b = ring[(i + 1) % n];
          const c = ring[(i + 2) % n];
          return (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) > 0;
        });
        if (!(closed && rounded && yunfu && convex && ringArea(ring) > 0)) bad.push(r.code);
      }
      expect(bad).toEqual([]);
    });

    it(`${scale}: children tile their parent (centroid inside, areas sum, no overlap)`, () => {
      const c = demo(scale);
      const byCode = new Map(c.regions.map((r) => [r.code, r]));
      for (const [parentCode, kids] of childrenByParent(c)) {
        const parentRing = ringOf(byCode.get(parentCode)!);
        const sum = kids.reduce((s, k) => s + ringArea(ringOf(k)), 0);
        expect(Math.abs(sum / ringArea(parentRing) - 1), parentCode).toBeLessThan(0.001);
        for (const k of kids) {
          const centroid = ringCentroid(ringOf(k));
          expect(inside(centroid, parentRing), k.code).toBe(true);
          if (scale === 'small') for (const s of kids) if (s !== k) expect(inside(centroid, ringOf(s))).toBe(false);
        }
      }
    });
  }

  it('sizes look like the real thing: streets a few km, grids a few hundred metres', () => {
    const km = (r: RegionInput): number => Math.sqrt(ringArea(ringOf(r)) * 111 * 111 * Math.cos((23 * Math.PI) / 180));
    const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const d = demo('district').regions;
    expect(median(d.filter((r) => r.level === 3).map(km))).toBeGreaterThan(2);
    expect(median(d.filter((r) => r.level === 3).map(km))).toBeLessThan(5);
    expect(median(d.filter((r) => r.level === 5).map(km))).toBeGreaterThan(0.15);
    expect(median(d.filter((r) => r.level === 5).map(km))).toBeLessThan(0.8);
  });
});

describe('accounts and departments', () => {
  for (const scale of ['small', 'city'] as const) {
    it(`${scale}: the demo roles, scoped where the walk-through needs them`, () => {
      const c = demo(scale);
      const byCode = new Map(c.regions.map((r) => [r.code, r]));
      const acc = new Map(c.accounts.map((a) => [a.username, a]));
      expect(acc.size).toBe(c.accounts.length);
      expect(new Set(c.accounts.map((a) => a.mobile)).size).toBe(c.accounts.length);
      for (const a of c.accounts) {
        expect(a.mobile).toMatch(/^1[3-9]\d{9}$/);
        expect(a.displayName).toMatch(/^\p{Script=Han}{2,5}$/u);
        if (a.scopeCode !== null) expect(byCode.has(a.scopeCode), a.username).toBe(true);
      }
      expect(acc.get('admin')).toMatchObject({ roles: ['admin'], scopeCode: null });
      expect(byCode.get(acc.get('qu01')!.scopeCode!)!.level).toBe(2);
      const street = byCode.get(acc.get('jd01')!.scopeCode!)!;
      const sq1 = byCode.get(acc.get('sq01')!.scopeCode!)!;
      const sq2 = byCode.get(acc.get('sq02')!.scopeCode!)!;
      expect([sq1.level, sq2.level, sq1.parentCode, sq2.parentCode]).toEqual([4, 4, street.code, street.code]);
      expect(sq1.code).not.toBe(sq2.code);
      const grid = byCode.get(acc.get('wgz01')!.scopeCode!)!;
      expect([grid.level, grid.parentCode, acc.get('wgy01')!.scopeCode]).toEqual([5, sq1.code, grid.code]);
      expect(acc.get('wgz01')!.roles).toEqual(['gridChief']);
      expect(byCode.get(acc.get('jm01')!.scopeCode!)!.parentCode).toBe(grid.code);
      const bm = acc.get('bm01')!;
      expect(bm.departmentCode).toBe(c.departments[0].code);
      expect(bm.roles).toEqual(['departmentHandler']);
    });
  }

  it('a handful of departments per district, serving their district', () => {
    const c = demo('city');
    expect(new Set(c.departments.map((d) => d.code)).size).toBe(c.departments.length);
    for (const d of c.regions.filter((r) => r.level === 2)) {
      const mine = c.departments.filter((x) => x.serviceAreaCode === d.code);
      expect(mine.length).toBeGreaterThanOrEqual(6);
      expect(mine.length).toBeLessThanOrEqual(9);
    }
    expect(c.departments.map((d) => d.name)).toContain('云浮市公安局云城分局');
  });
});

describe('code builders', () => {
  it('build each level', () => {
    const city = cityCode('4453');
    expect(city).toBe('445300000000');
    const district = districtCode(city, 2);
    expect(district).toBe('445302000000');
    expect(streetCode(district, 'street', 3)).toBe('445302003000');
    expect(streetCode(district, 'town', 3)).toBe('445302103000');
    expect(communityCode('445302103000', 'community', 1)).toBe('445302103001');
    expect(communityCode('445302103000', 'village', 12)).toBe('445302103212');
    const grid = gridCode('rural', '445302103212', 7);
    expect(grid).toBe('02000044530210321207');
    expect(microGridCode(grid, 4)).toBe('02000044530210321207004');
    expect(() => gridCode('residential', '4453', 1)).toThrow(RangeError);
    expect(() => microGridCode(grid, 1000)).toThrow(RangeError);
  });
  it('derive levels and parents, and the code of the n-th child', () => {
    expect(codeLevel('02000044530210321207004')).toBe(6);
    expect(codeLevel('99000044530210321207')).toBeNull();
    expect(codeLevel('445302103000000')).toBeNull();
    expect(parentCodeOf('01000044530200100101')).toBe('445302001001');
    expect(childCode(3, '445302000000', 'town', 3)).toBe('445302103000');
    expect(childCode(3, '445302000000', 'street', 2)).toBe('445302002000');
    expect(childCode(4, '445302103000', 'village', 1)).toBe('445302103201');
    expect(childCode(5, '445302103201', 'dedicated', 2)).toBe('06000044530210320102');
    expect(childCode(6, '06000044530210320102', 'microGrid', 1)).toBe('06000044530210320102001');
    expect(childCode(6, '06000044530210320102', 'microGrid', 1000)).toBeNull();
    expect(checkRegionCode(5, '06000044530210320102', '445302103201')).toBeNull();
    expect(checkRegionCode(5, '06000044530210320102', '445302103202')).not.toBeNull();
    expect(checkRegionCode(4, '445302103000', '445302103000')).not.toBeNull();
  });
  it('distribute sums exactly and keeps bounds', () => {
    const rng = new Rng(3);
    const counts = distribute(rng, 100, [1, 5, 1, 1, 1, 1, 1, 1, 1, 1], 3, 12);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(Math.max(...counts)).toBeLessThanOrEqual(12);
    expect(distribute(rng, 6, [1], 8, 25)).toEqual([6]);
  });
});

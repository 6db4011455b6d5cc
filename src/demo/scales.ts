// What each demo scale holds: how many regions per level, where the city lies, and its districts.
// The `city` figures are the Yunfu (云浮) article's: 5 districts, 63 streets, 996 communities,
// 6,128 grids, 14,392 micro-grids. Districts carry Yunfu's real county-level names and codes.
import type { Rng } from './random.js';
import { point, type Quad } from './tiling.js';

export type DemoScale = 'small' | 'district' | 'city';

export interface DistrictSpec {
  /** The two county digits of the code (445302 → 2). */
  seq: number;
  name: string;
  /** Streets and towns together. */
  streets: number;
  /** Share of them that are 街道 rather than 镇: high in urban 区, low in 县 and 县级市. */
  streetShare: number;
  /** Relative land area (km²), so the map's proportions look right. */
  area: number;
}

export interface ScaleSpec {
  cityName: string;
  cityPrefix: string;
  /** In layout order for the city's partition: south row west→east, then north row. */
  districts: DistrictSpec[];
  /** District indexes (into `districts`) per row of the city's partition, south row first. */
  districtRows: number[][];
  communities: number;
  grids: number;
  microGrids: number;
  /** The city's outline: center and half-extent in degrees, and the corner jitter. */
  center: [number, number];
  half: [number, number];
  cornerJitter: number;
}

const YUNFU: DistrictSpec[] = [
  { seq: 2, name: '云城区', streets: 8, streetShare: 0.75, area: 762 },
  { seq: 3, name: '云安区', streets: 7, streetShare: 0.45, area: 1163 },
  { seq: 21, name: '新兴县', streets: 12, streetShare: 0.25, area: 1523 },
  { seq: 22, name: '郁南县', streets: 15, streetShare: 0.2, area: 1966 },
  { seq: 81, name: '罗定市', streets: 21, streetShare: 0.25, area: 2328 },
];

export const SCALES: Record<DemoScale, ScaleSpec> = {
  city: {
    cityName: '云浮市',
    cityPrefix: '4453',
    districts: YUNFU,
    // South: 罗定市, 云安区, 新兴县; north: 郁南县, 云城区 (roughly as on the real map).
    districtRows: [[4, 1, 2], [3, 0]],
    communities: 996,
    grids: 6128,
    microGrids: 14_392,
    center: [111.74, 22.98],
    // ≈ 115 × 78 km, a little more than Yunfu's 7,785 km² since a quad has no ragged edges.
    half: [0.56, 0.35],
    cornerJitter: 0.04,
  },
  district: {
    cityName: '云浮市',
    cityPrefix: '4453',
    districts: [{ ...YUNFU[0], streets: 10 }],
    districtRows: [[0]],
    communities: 100,
    grids: 800,
    microGrids: 1900,
    center: [112.04, 22.93],
    half: [0.055, 0.045],
    cornerJitter: 0.008,
  },
  small: {
    cityName: '云浮市',
    cityPrefix: '4453',
    districts: [{ ...YUNFU[0], streets: 1, streetShare: 1 }],
    districtRows: [[0]],
    communities: 6,
    grids: 60,
    microGrids: 150,
    center: [112.04, 22.92],
    half: [0.018, 0.015],
    cornerJitter: 0.003,
  },
};

/** Per-level bounds on children per parent (widened only when a scale cannot meet them). */
export const CHILDREN_PER_PARENT = {
  communities: [8, 25],
  grids: [3, 12],
  microGrids: [1, 4],
} as const;

/** The city's outline: a convex quad around the scale's center with jittered corners. */
export function cityQuad(rng: Rng, spec: ScaleSpec): Quad {
  const [cx, cy] = spec.center;
  const [hx, hy] = spec.half;
  const j = (): number => rng.float(-spec.cornerJitter, spec.cornerJitter);
  return [
    point(cx - hx + j(), cy - hy + j()),
    point(cx + hx + j(), cy - hy + j()),
    point(cx + hx + j(), cy + hy + j()),
    point(cx - hx + j(), cy + hy + j()),
  ];
}

export function regionTotal(spec: ScaleSpec): number {
  const streets = spec.districts.reduce((s, d) => s + d.streets, 0);
  return 1 + spec.districts.length + streets + spec.communities + spec.grids + spec.microGrids;
}

// Builds the governance tree level by level: counts per level are split over all parents of the
// level at once (so the totals are exact), then each parent's outline is cut into its children's.
import type { RegionInput, RegionLevel } from '../modules/regions/regions.model.js';
import { cityCode, communityCode, districtCode, gridCode, microGridCode, streetCode, type GridKind } from './codes.js';
import {
  AREA_WEIGHT, COMMUNITY_COUNT_WEIGHT, GRID_COUNT_WEIGHT, communityKinds, estateAge, gridAreaWeight, gridKinds,
  gridSize, isNumbered, microGridSize, streetKinds, type CommunityKind, type EstateAge, type PlannedSize, type StreetKind,
} from './kinds.js';
import { PlaceNames, specialGridName } from './names.js';
import { distribute, type Rng } from './random.js';
import { CHILDREN_PER_PARENT, cityQuad, type ScaleSpec } from './scales.js';
import { partitionQuad, quadPolygon, type Quad } from './tiling.js';

interface Placed<K extends string = string> {
  code: string;
  name: string;
  kind: K;
  quad: Quad;
}
interface District extends Placed {
  streets: number;
  streetShare: number;
  streetNames: PlaceNames;
  communityNames: PlaceNames;
}
interface Street extends Placed<StreetKind> {
  district: District;
}
interface Community extends Placed<CommunityKind> {
  short: string;
}
interface Grid extends Placed<GridKind> {
  age: EstateAge;
  size: PlannedSize;
  micro: PlannedSize[];
}

/** Receives each region as soon as it is complete, parents before children. */
export type Emit = (region: RegionInput) => void;

function region(p: Placed, level: RegionLevel, parentCode: string | null, attributes?: Record<string, unknown>): RegionInput {
  const r: RegionInput = { code: p.code, name: p.name, level, kind: p.kind, parentCode, boundary: quadPolygon(p.quad) };
  if (attributes) r.attributes = attributes;
  return r;
}

export function buildRegions(rng: Rng, spec: ScaleSpec, emit: Emit): void {
  const city: Placed = { code: cityCode(spec.cityPrefix), name: spec.cityName, kind: 'city', quad: cityQuad(rng, spec) };
  emit(region(city, 1, null));

  // Districts: laid out in fixed rows so the real counties sit roughly where they are on a map.
  const layout = spec.districtRows.flat();
  const districtQuads = partitionQuad(rng, city.quad, layout.map((i) => spec.districts[i].area), {
    perRow: spec.districtRows.map((row) => row.length),
    jitter: 0.2,
  });
  const districts: District[] = spec.districts.map((d, i) => ({
    code: districtCode(city.code, d.seq),
    name: d.name,
    kind: 'district',
    quad: districtQuads[layout.indexOf(i)],
    streets: d.streets,
    streetShare: d.streetShare,
    streetNames: new PlaceNames(rng),
    communityNames: new PlaceNames(rng),
  }));
  for (const d of districts) emit(region(d, 2, city.code));

  const streets = districts.flatMap((d) => placeStreets(rng, d));
  for (const s of streets) emit(region(s, 3, s.district.code));

  const communityCounts = distribute(
    rng, spec.communities, streets.map((s) => COMMUNITY_COUNT_WEIGHT[s.kind]), ...CHILDREN_PER_PARENT.communities,
  );
  const communities = streets.flatMap((s, i) => placeCommunities(rng, s, communityCounts[i]));
  let parent = 0;
  for (const [i, s] of streets.entries()) {
    for (let k = 0; k < communityCounts[i]; k++) emit(region(communities[parent++], 4, s.code));
  }

  const gridCounts = distribute(
    rng, spec.grids, communities.map((c) => GRID_COUNT_WEIGHT[c.kind]), ...CHILDREN_PER_PARENT.grids,
  );
  const kinds = communities.map((c, i) => gridKinds(rng, c.kind, gridCounts[i]));
  ensureEveryGridKind(rng, communities, kinds);
  const grids = communities.map((c, i) => placeGrids(rng, c, kinds[i]));

  // Micro-grids go where the people are: bigger grids get more of them.
  const flatGrids = grids.flat();
  const microCounts = distribute(
    rng, spec.microGrids, flatGrids.map((g) => g.size.plannedResidents), ...CHILDREN_PER_PARENT.microGrids,
  );
  for (const [i, g] of flatGrids.entries()) {
    g.micro = Array.from({ length: microCounts[i] }, () => microGridSize(rng));
    // A grid plans at least as many residents as its micro-grids together.
    const inMicro = g.micro.reduce((s, m) => s + m.plannedResidents, 0);
    if (inMicro > g.size.plannedResidents) {
      const perHousehold = g.size.plannedResidents / g.size.plannedHouseholds;
      g.size = { plannedHouseholds: Math.round(inMicro / perHousehold), plannedResidents: inMicro };
    }
  }
  for (const [i, c] of communities.entries()) {
    for (const g of grids[i]) emit(region(g, 5, c.code, { estateAge: g.age, ...g.size }));
  }
  for (const g of flatGrids) {
    const quads = partitionQuad(rng, g.quad, g.micro.map((m) => m.plannedResidents));
    const byBuilding = g.kind === 'residential' && g.age === 'new';
    g.micro.forEach((m, k) => {
      const code = microGridCode(g.code, k + 1);
      const name = byBuilding ? `${k + 1}栋微网格` : `${k + 1}号微网格`;
      emit(region({ code, name, kind: 'microGrid', quad: quads[k] }, 6, g.code, { ...m }));
    });
  }
}

function placeStreets(rng: Rng, d: District): Street[] {
  const kinds = streetKinds(d.streets, d.streetShare);
  const quads = partitionQuad(rng, d.quad, kinds.map((k) => AREA_WEIGHT[k]));
  const seq: Record<StreetKind, number> = { street: 0, town: 0 };
  return kinds.map((kind, i) => ({
    code: streetCode(d.code, kind, ++seq[kind]),
    name: d.streetNames.next() + (kind === 'town' ? '镇' : '街道'),
    kind,
    quad: quads[i],
    district: d,
  }));
}

function placeCommunities(rng: Rng, s: Street, count: number): Community[] {
  const kinds = communityKinds(rng, s.kind, count);
  const quads = partitionQuad(rng, s.quad, kinds.map((k) => AREA_WEIGHT[k]));
  const seq: Record<CommunityKind, number> = { community: 0, village: 0 };
  return kinds.map((kind, i) => {
    const short = s.district.communityNames.next();
    return {
      code: communityCode(s.code, kind, ++seq[kind]),
      name: short + (kind === 'village' ? '村' : '社区'),
      kind,
      quad: quads[i],
      short,
    };
  });
}

const SPECIAL_KINDS: GridKind[] = ['officeBuilding', 'businessDistrict', 'industrialPark', 'dedicated'];

/** Small scales could miss a grid kind by chance; turn a spare residential grid into it. */
function ensureEveryGridKind(rng: Rng, communities: Community[], kinds: GridKind[][]): void {
  for (const wanted of SPECIAL_KINDS) {
    if (kinds.some((ks) => ks.includes(wanted))) continue;
    const spare: [number, number][] = [];
    kinds.forEach((ks, c) => {
      if (communities[c].kind !== 'community') return;
      ks.forEach((k, g) => {
        if (g > 0 && k === 'residential') spare.push([c, g]);
      });
    });
    if (spare.length === 0) continue;
    const [c, g] = rng.pick(spare);
    kinds[c][g] = wanted;
  }
}

function placeGrids(rng: Rng, c: Community, drawn: GridKind[]): Grid[] {
  const kinds = [...drawn.filter(isNumbered), ...drawn.filter((k) => !isNumbered(k))];
  const ages = kinds.map((k) => estateAge(rng, k));
  const quads = partitionQuad(rng, c.quad, kinds.map((k, i) => gridAreaWeight(k, ages[i])));
  const taken = new Set<string>();
  let numbered = 0;
  return kinds.map((kind, i) => ({
    code: gridCode(kind, c.code, i + 1),
    name: isNumbered(kind)
      ? `${c.name}第${++numbered}网格`
      : specialGridName(rng, kind, c.short, c.kind === 'village', taken),
    kind,
    quad: quads[i],
    age: ages[i],
    size: gridSize(rng, ages[i]),
    micro: [],
  }));
}

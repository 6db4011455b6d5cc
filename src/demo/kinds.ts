// Kinds, relative land areas and planned sizes for the demo's regions, in the proportions of a
// Chinese prefecture city: urban 区 mostly 街道 with 社区, 县 mostly 镇 with 村; grids mostly
// residential (社区) or rural (农村), a few office buildings, business districts, industrial
// parks and dedicated grids (schools, hospitals). Seed sizes: a grid ≈ 200 households in an old
// estate, ≈ 500 in a new one; a micro-grid ≈ 200 residents. About 10% are outliers on purpose,
// so the size warnings have something to show.
import type { GridKind } from './codes.js';
import type { Rng } from './random.js';

export type StreetKind = 'street' | 'town';
export type CommunityKind = 'community' | 'village';
export type EstateAge = 'old' | 'new';

/** Relative land area per kind: towns and villages are large, city-centre grids small. */
export const AREA_WEIGHT = {
  street: 1,
  town: 3,
  community: 1,
  village: 2.5,
} as const;

/** How many communities a street or town tends to have, relative to each other. */
export const COMMUNITY_COUNT_WEIGHT: Record<StreetKind, number> = { street: 1, town: 1.25 };
/** How many grids a community tends to have: villages have fewer, larger grids. */
export const GRID_COUNT_WEIGHT: Record<CommunityKind, number> = { community: 1.3, village: 0.75 };

/** Kinds of a district's streets, 街道 first (codes 001…), then 镇 (codes 101…). */
export function streetKinds(count: number, streetShare: number): StreetKind[] {
  const streets = Math.max(1, Math.min(count, Math.round(count * streetShare)));
  return Array.from({ length: count }, (_, i) => (i < streets ? 'street' : 'town'));
}

/**
 * Kinds of a street's communities, 社区 first, then 村: a 街道 keeps ~12% villages (城中村);
 * a 镇 has one or two seat communities (镇区社区) and villages for the rest.
 */
export function communityKinds(rng: Rng, streetKind: StreetKind, count: number): CommunityKind[] {
  const communities =
    streetKind === 'street' ? count - Math.round(count * 0.12) : Math.min(count, rng.chance(0.6) ? 1 : 2);
  return Array.from({ length: count }, (_, i) => (i < communities ? 'community' : 'village'));
}

const URBAN_GRID_KINDS: Record<GridKind, number> = {
  residential: 74,
  rural: 0,
  officeBuilding: 5,
  businessDistrict: 6,
  industrialPark: 4,
  dedicated: 11,
};
const VILLAGE_GRID_KINDS: Record<GridKind, number> = {
  residential: 0,
  rural: 88,
  officeBuilding: 0,
  businessDistrict: 0,
  industrialPark: 5,
  dedicated: 7,
};

/** Grid kinds for one community; the first is always a numbered (residential/rural) grid. */
export function gridKinds(rng: Rng, communityKind: CommunityKind, count: number): GridKind[] {
  const table = communityKind === 'village' ? VILLAGE_GRID_KINDS : URBAN_GRID_KINDS;
  const numbered: GridKind = communityKind === 'village' ? 'rural' : 'residential';
  return Array.from({ length: count }, (_, i) => (i === 0 ? numbered : rng.weighted(table)));
}

/** Numbered grids (第N网格) come first within a community, the named ones after. */
export const isNumbered = (kind: GridKind): boolean => kind === 'residential' || kind === 'rural';

export function estateAge(rng: Rng, kind: GridKind): EstateAge {
  const oldShare = kind === 'residential' ? 0.55 : kind === 'rural' ? 0.85 : 0.4;
  return rng.chance(oldShare) ? 'old' : 'new';
}

/** Relative land area of a grid: old estates are dense and small, parks and farmland large. */
export function gridAreaWeight(kind: GridKind, age: EstateAge): number {
  switch (kind) {
    case 'residential': return age === 'old' ? 0.7 : 1.1;
    case 'rural': return 2.5;
    case 'officeBuilding': return 0.35;
    case 'businessDistrict': return 0.7;
    case 'industrialPark': return 2;
    default: return 0.6;
  }
}

/** A factor near 1, or in ~10% of cases a clear outlier (too big or too small). */
function spread(rng: Rng, near: number): number {
  if (rng.chance(0.9)) return rng.float(1 - near, 1 + near);
  return rng.chance(0.6) ? rng.float(1.6, 2.2) : rng.float(0.3, 0.55);
}

/** Persons per household, around China's ~2.6–3. */
const householdSize = (rng: Rng): number => rng.float(2.5, 3.2);

export interface PlannedSize {
  plannedHouseholds: number;
  plannedResidents: number;
}

/**
 * Planned size of a grid: ≈ 200 households (old estate) or ≈ 500 (new), whatever its kind, so
 * the size rules (which look only at the estate's age) flag just the deliberate outliers.
 */
export function gridSize(rng: Rng, age: EstateAge): PlannedSize {
  const plannedHouseholds = Math.max(5, Math.round((age === 'old' ? 200 : 500) * spread(rng, 0.2)));
  return { plannedHouseholds, plannedResidents: Math.round(plannedHouseholds * householdSize(rng)) };
}

/** Planned size of a micro-grid: ≈ 200 residents, mostly within ±30%, ~10% outliers. */
export function microGridSize(rng: Rng): PlannedSize {
  const plannedResidents = Math.max(20, Math.round(200 * spread(rng, 0.3)));
  return { plannedHouseholds: Math.max(5, Math.round(plannedResidents / householdSize(rng))), plannedResidents };
}

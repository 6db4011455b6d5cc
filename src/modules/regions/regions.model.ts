// The governance tree's vocabulary: levels, kinds and the shape a region takes outside the
// database. Shared by the service, the demo generator, import/export and the web app's API types.
import type { MultiPolygon, Polygon } from 'geojson';

export const REGION_LEVELS = ['city', 'district', 'street', 'community', 'grid', 'microGrid'] as const;
export type RegionLevelName = (typeof REGION_LEVELS)[number];
/** Level numbers: 1 city … 6 micro-grid. */
export type RegionLevel = 1 | 2 | 3 | 4 | 5 | 6;

export const levelName = (level: number): RegionLevelName => REGION_LEVELS[level - 1];
export const levelNumber = (name: RegionLevelName): RegionLevel => (REGION_LEVELS.indexOf(name) + 1) as RegionLevel;

/** Allowed kinds per level; the first is the default. */
export const REGION_KINDS: Record<RegionLevel, readonly string[]> = {
  1: ['city'],
  2: ['district', 'county'],
  3: ['street', 'town'],
  4: ['community', 'village'],
  5: ['residential', 'rural', 'officeBuilding', 'businessDistrict', 'industrialPark', 'dedicated'],
  6: ['microGrid'],
};

export type Boundary = Polygon | MultiPolygon;

/** A region as it travels between generator, importer and service (no database ids). */
export interface RegionInput {
  code: string;
  name: string;
  level: RegionLevel;
  kind: string;
  parentCode: string | null;
  boundary: Boundary | null;
  attributes?: Record<string, unknown>;
}

// Small finders other modules use to reference registry rows by id (the workforce's building and
// unit heads, the residents and households seen on a visit, the buildings of a grid). Every read
// is scoped; `registryRowExists` tells a row outside the scope (403) from a missing one (404).
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { households, residents } from './people.tables.ts';
import { buildings, estates, units } from './places.tables.ts';

export interface ResidentRef {
  id: number;
  name: string;
  regionId: number;
  regionPath: string;
  householdId: number | null;
  archived: boolean;
}

export interface HouseholdRef {
  id: number;
  number: string;
  regionId: number;
  regionPath: string;
  head: { id: number; name: string } | null;
  archived: boolean;
}

export interface BuildingRef {
  id: number;
  /** Estate name and building number, e.g. 「幸福小区 3栋」. */
  name: string;
  number: string;
  regionId: number;
  regionPath: string;
  archived: boolean;
}

export interface UnitRef {
  id: number;
  label: string;
  buildingId: number;
}

const buildingName = (estate: string | null, number: string) => (estate ? `${estate} ${number}` : number);

export async function residentRefs(sdb: ScopedDb, ids: readonly number[]): Promise<ResidentRef[]> {
  if (ids.length === 0) return [];
  const rows = await sdb.db
    .select({ id: residents.id, name: residents.name, regionId: residents.regionId, regionPath: residents.regionPath, householdId: residents.householdId, archivedAt: residents.archivedAt })
    .from(residents)
    .where(and(inArray(residents.id, [...ids]), sdb.inScope(residents.regionPath)))
    .orderBy(asc(residents.id));
  return rows.map(({ archivedAt, ...r }) => ({ ...r, archived: archivedAt !== null }));
}

export async function householdRefs(sdb: ScopedDb, ids: readonly number[]): Promise<HouseholdRef[]> {
  if (ids.length === 0) return [];
  const rows = await sdb.db
    .select({ id: households.id, number: households.number, regionId: households.regionId, regionPath: households.regionPath, archivedAt: households.archivedAt, headId: residents.id, headName: residents.name })
    .from(households)
    .leftJoin(residents, eq(residents.id, households.headResidentId))
    .where(and(inArray(households.id, [...ids]), sdb.inScope(households.regionPath)))
    .orderBy(asc(households.id));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    regionId: r.regionId,
    regionPath: r.regionPath,
    head: r.headId !== null && r.headName !== null ? { id: r.headId, name: r.headName } : null,
    archived: r.archivedAt !== null,
  }));
}

/** Current (not archived) members of the households, in scope. */
export async function householdMemberIds(sdb: ScopedDb, householdIds: readonly number[]): Promise<{ householdId: number; residentId: number }[]> {
  if (householdIds.length === 0) return [];
  const rows = await sdb.db
    .select({ householdId: residents.householdId, residentId: residents.id })
    .from(residents)
    .where(and(inArray(residents.householdId, [...householdIds]), isNull(residents.archivedAt), sdb.inScope(residents.regionPath)));
  return rows.map((r) => ({ householdId: r.householdId!, residentId: r.residentId }));
}

const buildingSelect = (db: DbOrTx) =>
  db
    .select({ id: buildings.id, number: buildings.number, regionId: buildings.regionId, regionPath: buildings.regionPath, archivedAt: buildings.archivedAt, estate: estates.name })
    .from(buildings)
    .leftJoin(estates, eq(estates.id, buildings.estateId));
type BuildingJoined = { id: number; number: string; regionId: number; regionPath: string; archivedAt: Date | null; estate: string | null };
const toBuildingRef = (r: BuildingJoined): BuildingRef => ({
  id: r.id,
  name: buildingName(r.estate, r.number),
  number: r.number,
  regionId: r.regionId,
  regionPath: r.regionPath,
  archived: r.archivedAt !== null,
});

export async function buildingRefs(sdb: ScopedDb, ids: readonly number[]): Promise<BuildingRef[]> {
  if (ids.length === 0) return [];
  return (await buildingSelect(sdb.db).where(and(inArray(buildings.id, [...ids]), sdb.inScope(buildings.regionPath)))).map(toBuildingRef);
}

/** Active buildings placed in a region's subtree (a grid and its micro-grids), in scope. */
export async function buildingsUnder(sdb: ScopedDb, regionPath: string): Promise<BuildingRef[]> {
  const rows = await buildingSelect(sdb.db)
    .where(and(sql`${buildings.regionPath} LIKE ${`${escapeLike(regionPath)}%`}`, isNull(buildings.archivedAt), sdb.inScope(buildings.regionPath)))
    .orderBy(asc(buildings.id));
  return rows.map(toBuildingRef);
}

/** Units by id, with the building they belong to (scope is the building's: check it with buildingRefs). */
export async function unitRefs(db: DbOrTx, ids: readonly number[]): Promise<UnitRef[]> {
  if (ids.length === 0) return [];
  return db.select({ id: units.id, label: units.label, buildingId: units.buildingId }).from(units).where(inArray(units.id, [...ids]));
}

const TABLES = { resident: residents, household: households, building: buildings } as const;

/** Unscoped: does the row exist at all (to answer SCOPE_DENIED rather than "not found")? */
export async function registryRowExists(db: DbOrTx, entity: keyof typeof TABLES, id: number): Promise<boolean> {
  const t = TABLES[entity];
  const [r] = await db.select({ id: t.id }).from(t).where(eq(t.id, id));
  return !!r;
}

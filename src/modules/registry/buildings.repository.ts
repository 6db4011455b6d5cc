// Queries of buildings (楼栋) and their units (单元). Every read is scoped.
import { keysIn } from '../../shared/sql-keys.ts';
import { and, asc, count, eq, gt, inArray, isNull, max, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { residents } from './people.tables.ts';
import { buildings, dwellings, estates, units } from './places.tables.ts';

export type BuildingRow = typeof buildings.$inferSelect;
export type NewBuildingRow = typeof buildings.$inferInsert;
export type UnitRow = typeof units.$inferSelect;

export interface BuildingFilters {
  regionPath?: string;
  estateId?: number;
  q?: string;
  includeArchived?: boolean;
}

export function buildingConditions(sdb: ScopedDb, f: BuildingFilters): SQL[] {
  const conds: SQL[] = [sdb.inScope(buildings.regionPath)];
  if (f.regionPath) conds.push(sql`${buildings.regionPath} LIKE ${escapeLike(f.regionPath) + '%'}`);
  if (f.estateId) conds.push(eq(buildings.estateId, f.estateId));
  if (!f.includeArchived) conds.push(isNull(buildings.archivedAt));
  const q = f.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    conds.push(sql`(${buildings.number} ILIKE ${like} OR ${buildings.address} ILIKE ${like})`);
  }
  return conds;
}

export async function listBuildings(sdb: ScopedDb, f: BuildingFilters, limit: number, offset: number): Promise<{ rows: BuildingRow[]; total: number }> {
  const where = and(...buildingConditions(sdb, f));
  // Numbers sort naturally where they are numeric ("2" before "10").
  const rows = await sdb.db
    .select()
    .from(buildings)
    .where(where)
    .orderBy(asc(buildings.estateId), sql`length(${buildings.number})`, asc(buildings.number), asc(buildings.id))
    .limit(limit)
    .offset(offset);
  const [{ n }] = await sdb.db.select({ n: count() }).from(buildings).where(where);
  return { rows, total: Number(n) };
}

export async function exportBuildings(sdb: ScopedDb, f: BuildingFilters, afterId: number, limit: number): Promise<BuildingRow[]> {
  return sdb.db.select().from(buildings).where(and(...buildingConditions(sdb, f), gt(buildings.id, afterId))).orderBy(asc(buildings.id)).limit(limit);
}

export async function findBuilding(sdb: ScopedDb, id: number): Promise<BuildingRow | undefined> {
  const [row] = await sdb.db.select().from(buildings).where(and(eq(buildings.id, id), sdb.inScope(buildings.regionPath)));
  return row;
}

export async function unscopedBuildingExists(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await db.select({ id: buildings.id }).from(buildings).where(eq(buildings.id, id));
  return !!row;
}

export async function buildingsByIds(db: DbOrTx, ids: number[]): Promise<BuildingRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(buildings).where(inArray(buildings.id, ids));
}

export async function listBuildingsOfEstate(sdb: ScopedDb, estateId: number): Promise<BuildingRow[]> {
  return sdb.db
    .select()
    .from(buildings)
    .where(and(eq(buildings.estateId, estateId), isNull(buildings.archivedAt), sdb.inScope(buildings.regionPath)))
    .orderBy(sql`length(${buildings.number})`, asc(buildings.number));
}

/** Active buildings by natural key (region, estate or none, number). */
export async function findBuildingsByKey(db: DbOrTx, keys: { regionId: number; estateId: number | null; number: string }[]): Promise<BuildingRow[]> {
  if (keys.length === 0) return [];
  const out: BuildingRow[] = [];
  for (let i = 0; i < keys.length; i += 5000) {
    const part = keys.slice(i, i + 5000).map((k) => [k.regionId, k.estateId ?? 0, k.number]);
    out.push(...(await db.select().from(buildings).where(and(isNull(buildings.archivedAt), keysIn([sql`${buildings.regionId}`, sql`coalesce(${buildings.estateId}, 0)`, sql`${buildings.number}`], ['int', 'int', 'text'], part)))));
  }
  return out;
}

export async function insertBuildings(db: DbOrTx, rows: NewBuildingRow[]): Promise<BuildingRow[]> {
  if (rows.length === 0) return [];
  return db.insert(buildings).values(rows).returning();
}

export async function updateBuilding(db: DbOrTx, id: number, version: number, patch: Partial<NewBuildingRow>): Promise<BuildingRow | null> {
  const [r] = await db
    .update(buildings)
    .set({ ...patch, version: sql`${buildings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(buildings.id, id), eq(buildings.version, version)))
    .returning();
  return r ?? null;
}

export async function estateNames(db: DbOrTx, ids: number[]): Promise<Map<number, { name: string; regionPath: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: estates.id, name: estates.name, regionPath: estates.regionPath }).from(estates).where(inArray(estates.id, ids));
  return new Map(rows.map((r) => [r.id, { name: r.name, regionPath: r.regionPath }]));
}

// Units: rows 1..unitCount exist so unit heads and dwellings can point at them.

export async function listUnits(db: DbOrTx, buildingId: number): Promise<UnitRow[]> {
  return db.select().from(units).where(eq(units.buildingId, buildingId)).orderBy(asc(units.number));
}

/** Adds units 1..n of each building that are missing (existing ones keep their labels). */
export async function ensureUnits(db: DbOrTx, list: { buildingId: number; unitCount: number }[]): Promise<void> {
  const rows = list.flatMap((b) => Array.from({ length: b.unitCount }, (_, i) => ({ buildingId: b.buildingId, number: i + 1, label: `${i + 1}单元` })));
  for (let i = 0; i < rows.length; i += 5000) await db.insert(units).values(rows.slice(i, i + 5000)).onConflictDoNothing();
}

/** Units above `keep` go when a building shrinks (only when no dwelling is there; the service checks). */
export async function dropUnitsAbove(db: DbOrTx, buildingId: number, keep: number): Promise<void> {
  await db.delete(units).where(and(eq(units.buildingId, buildingId), gt(units.number, keep)));
}

export async function highestOccupiedUnit(db: DbOrTx, buildingId: number): Promise<number> {
  const [r] = await db.select({ m: max(dwellings.unitNumber) }).from(dwellings).where(and(eq(dwellings.buildingId, buildingId), isNull(dwellings.archivedAt)));
  return Number(r?.m ?? 0);
}

/** Floors span of the building's active dwellings: a building cannot shrink below them. */
export async function occupiedFloorSpan(db: DbOrTx, buildingId: number): Promise<{ top: number; bottom: number } | null> {
  const [r] = await db
    .select({ top: sql<number | null>`max(${dwellings.floor})`, bottom: sql<number | null>`min(${dwellings.floor})` })
    .from(dwellings)
    .where(and(eq(dwellings.buildingId, buildingId), isNull(dwellings.archivedAt)));
  return r && r.top !== null && r.bottom !== null ? { top: Number(r.top), bottom: Number(r.bottom) } : null;
}

export async function countActiveDwellingsOf(db: DbOrTx, buildingId: number): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(dwellings).where(and(eq(dwellings.buildingId, buildingId), isNull(dwellings.archivedAt)));
  return Number(n);
}

/** Dwellings by occupancy and the residents living in them. */
export async function buildingCounts(sdb: ScopedDb, buildingId: number): Promise<{ occupancy: string; dwellings: number; residents: number }[]> {
  const rows = await sdb.db
    .select({ occupancy: dwellings.occupancy, dwellings: sql<number>`count(DISTINCT ${dwellings.id})::int`, residents: sql<number>`count(${residents.id})::int` })
    .from(dwellings)
    .leftJoin(residents, and(eq(residents.dwellingId, dwellings.id), isNull(residents.archivedAt)))
    .where(and(eq(dwellings.buildingId, buildingId), isNull(dwellings.archivedAt), sdb.inScope(dwellings.regionPath)))
    .groupBy(dwellings.occupancy);
  return rows.map((r) => ({ occupancy: r.occupancy, dwellings: Number(r.dwellings), residents: Number(r.residents) }));
}

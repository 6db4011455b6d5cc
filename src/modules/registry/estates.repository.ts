// Queries of estates (小区) and of the property companies they name. Every read is scoped.
import { keysIn } from '../../shared/sql-keys.ts';
import { and, asc, count, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { organizations, residents } from './people.tables.ts';
import { buildings, dwellings, estates } from './places.tables.ts';

export type EstateRow = typeof estates.$inferSelect;
export type NewEstateRow = typeof estates.$inferInsert;

export interface EstateFilters {
  regionPath?: string;
  q?: string;
  unmanaged?: boolean;
  age?: string;
  includeArchived?: boolean;
}

/** The list's conditions, shared by the list endpoint and the export. */
export function estateConditions(sdb: ScopedDb, f: EstateFilters): SQL[] {
  const conds: SQL[] = [sdb.inScope(estates.regionPath)];
  if (f.regionPath) conds.push(sql`${estates.regionPath} LIKE ${escapeLike(f.regionPath) + '%'}`);
  if (!f.includeArchived) conds.push(isNull(estates.archivedAt));
  if (f.unmanaged !== undefined) conds.push(eq(estates.unmanaged, f.unmanaged));
  if (f.age) conds.push(eq(estates.age, f.age));
  const q = f.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    conds.push(/^[a-z]+$/i.test(q) ? sql`(${estates.nameInitials} LIKE ${escapeLike(q.toLowerCase()) + '%'} OR ${estates.name} ILIKE ${like})` : sql`(${estates.name} ILIKE ${like} OR ${estates.address} ILIKE ${like})`);
  }
  return conds;
}

export async function listEstates(sdb: ScopedDb, f: EstateFilters, limit: number, offset: number): Promise<{ rows: EstateRow[]; total: number }> {
  const where = and(...estateConditions(sdb, f));
  const rows = await sdb.db.select().from(estates).where(where).orderBy(asc(estates.name), asc(estates.id)).limit(limit).offset(offset);
  const [{ n }] = await sdb.db.select({ n: count() }).from(estates).where(where);
  return { rows, total: Number(n) };
}

export async function exportEstates(sdb: ScopedDb, f: EstateFilters, afterId: number, limit: number): Promise<EstateRow[]> {
  return sdb.db.select().from(estates).where(and(...estateConditions(sdb, f), gt(estates.id, afterId))).orderBy(asc(estates.id)).limit(limit);
}

export async function findEstate(sdb: ScopedDb, id: number): Promise<EstateRow | undefined> {
  const [row] = await sdb.db.select().from(estates).where(and(eq(estates.id, id), sdb.inScope(estates.regionPath)));
  return row;
}

/** Unscoped: only to tell "outside your scope" (403) from "no such estate" (404). */
export async function unscopedEstateExists(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await db.select({ id: estates.id }).from(estates).where(eq(estates.id, id));
  return !!row;
}

/** Active estates of one region by name (the natural key), for duplicate checks and imports. */
export async function findEstatesByName(db: DbOrTx, keys: { regionId: number; name: string }[]): Promise<EstateRow[]> {
  if (keys.length === 0) return [];
  const out: EstateRow[] = [];
  for (let i = 0; i < keys.length; i += 2000) {
    const part = keys.slice(i, i + 2000).map((k) => [k.regionId, k.name]);
    out.push(...(await db.select().from(estates).where(and(isNull(estates.archivedAt), keysIn([sql`${estates.regionId}`, sql`${estates.name}`], ['int', 'text'], part)))));
  }
  return out;
}

/** Active estates, by name, whose region contains (or is) one of the given paths: imports name an estate from a grid below it. */
export async function findEstatesAbove(sdb: ScopedDb, names: string[], paths: string[]): Promise<EstateRow[]> {
  if (names.length === 0 || paths.length === 0) return [];
  const prefixes = sql.join(paths.map((p) => sql`${p}::text`), sql`, `);
  return sdb.db
    .select()
    .from(estates)
    .where(and(isNull(estates.archivedAt), inArray(estates.name, names), sql`EXISTS (SELECT 1 FROM unnest(ARRAY[${prefixes}]) AS p(path) WHERE p.path LIKE ${estates.regionPath} || '%')`));
}

export async function insertEstate(db: DbOrTx, row: NewEstateRow): Promise<EstateRow> {
  const [r] = await db.insert(estates).values(row).returning();
  return r;
}

export async function insertEstates(db: DbOrTx, rows: NewEstateRow[]): Promise<EstateRow[]> {
  if (rows.length === 0) return [];
  return db.insert(estates).values(rows).returning();
}

/** Optimistic update: null when the version moved on. */
export async function updateEstate(db: DbOrTx, id: number, version: number, patch: Partial<NewEstateRow>): Promise<EstateRow | null> {
  const [r] = await db
    .update(estates)
    .set({ ...patch, version: sql`${estates.version} + 1`, updatedAt: new Date() })
    .where(and(eq(estates.id, id), eq(estates.version, version)))
    .returning();
  return r ?? null;
}

export async function countActiveBuildingsOf(db: DbOrTx, estateId: number): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(buildings).where(and(eq(buildings.estateId, estateId), isNull(buildings.archivedAt)));
  return Number(n);
}

/** Active buildings of an estate whose region lies outside `path`: an estate cannot move away from its buildings. */
export async function countBuildingsOutside(db: DbOrTx, estateId: number, path: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(buildings)
    .where(and(eq(buildings.estateId, estateId), isNull(buildings.archivedAt), sql`${buildings.regionPath} NOT LIKE ${escapeLike(path) + '%'}`));
  return Number(n);
}

/** Dwellings by occupancy and residents living in them, over the estate's active buildings. */
export async function estateCounts(sdb: ScopedDb, estateId: number): Promise<{ occupancy: string; dwellings: number; residents: number }[]> {
  const rows = await sdb.db
    .select({
      occupancy: dwellings.occupancy,
      dwellings: sql<number>`count(DISTINCT ${dwellings.id})::int`,
      residents: sql<number>`count(${residents.id})::int`,
    })
    .from(dwellings)
    .innerJoin(buildings, eq(buildings.id, dwellings.buildingId))
    .leftJoin(residents, and(eq(residents.dwellingId, dwellings.id), isNull(residents.archivedAt)))
    .where(and(eq(buildings.estateId, estateId), isNull(buildings.archivedAt), isNull(dwellings.archivedAt), sdb.inScope(dwellings.regionPath)))
    .groupBy(dwellings.occupancy);
  return rows.map((r) => ({ occupancy: r.occupancy, dwellings: Number(r.dwellings), residents: Number(r.residents) }));
}

// Property companies are organizations of kind 'propertyCompany' (read-only here).

export async function findPropertyCompany(sdb: ScopedDb, id: number): Promise<{ id: number; name: string; archivedAt: Date | null } | undefined> {
  const [row] = await sdb.db
    .select({ id: organizations.id, name: organizations.name, archivedAt: organizations.archivedAt })
    .from(organizations)
    .where(and(eq(organizations.id, id), eq(organizations.kind, 'propertyCompany'), sdb.inScope(organizations.regionPath)));
  return row;
}

export async function unscopedPropertyCompanyExists(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.id, id), eq(organizations.kind, 'propertyCompany')));
  return !!row;
}

/** Active property companies in scope by name (imports name them). */
export async function findPropertyCompaniesByName(sdb: ScopedDb, names: string[]): Promise<{ id: number; name: string; regionPath: string }[]> {
  if (names.length === 0) return [];
  return sdb.db
    .select({ id: organizations.id, name: organizations.name, regionPath: organizations.regionPath })
    .from(organizations)
    .where(and(inArray(organizations.name, names), eq(organizations.kind, 'propertyCompany'), isNull(organizations.archivedAt), sdb.inScope(organizations.regionPath)));
}

/** Names of organizations by id, unscoped: an estate in scope may name a company registered higher up. */
export async function organizationNames(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Unique-index violations arrive as SQLSTATE 23505, sometimes wrapped by the driver layer. */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur = e as { code?: string; cause?: unknown } | undefined, i = 0; cur && i < 4; cur = cur.cause as typeof cur, i++) if (cur.code === '23505') return true;
  return false;
}

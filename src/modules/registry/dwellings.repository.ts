// Queries of dwellings (房屋), the people living in them (residents, read here because housing
// pages show them) and the floor × unit table. Every read is scoped.
import { keysIn } from '../../shared/sql-keys.ts';
import { and, asc, count, desc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { residents } from './people.tables.ts';
import { buildings, dwellings, estates, rentals } from './places.tables.ts';

export type DwellingRow = typeof dwellings.$inferSelect;
export type NewDwellingRow = typeof dwellings.$inferInsert;
/** A dwelling with the names its address needs. */
export type DwellingFull = DwellingRow & { buildingNumber: string; estateId: number | null; estateName: string | null };

export interface DwellingFilters {
  regionPath?: string;
  buildingId?: number;
  occupancy?: string;
  q?: string;
  includeArchived?: boolean;
}

const fullColumns = { d: dwellings, buildingNumber: buildings.number, estateId: buildings.estateId, estateName: estates.name };
const flat = (r: { d: DwellingRow; buildingNumber: string; estateId: number | null; estateName: string | null }): DwellingFull => ({ ...r.d, buildingNumber: r.buildingNumber, estateId: r.estateId, estateName: r.estateName });

/**
 * Address search: each word must match somewhere. "3栋" names building 3, "2单元" unit 2; any
 * other word matches the estate name, the building's address or the room number.
 */
function addressMatch(q: string): SQL[] {
  return q
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6)
    .map((w) => {
      const unit = /^(\d+)单元$/.exec(w);
      if (unit) return eq(dwellings.unitNumber, Number(unit[1]));
      const bld = /^(.+?)(栋|幢|号楼)$/.exec(w);
      if (bld) return sql`(${buildings.number} = ${bld[1]} OR ${buildings.number} = ${w})`;
      const like = `%${escapeLike(w)}%`;
      return sql`(${estates.name} ILIKE ${like} OR ${buildings.address} ILIKE ${like} OR ${dwellings.number} ILIKE ${like} OR ${buildings.number} = ${w})`;
    });
}

export function dwellingConditions(sdb: ScopedDb, f: DwellingFilters): SQL[] {
  const conds: SQL[] = [sdb.inScope(dwellings.regionPath)];
  if (f.regionPath) conds.push(sql`${dwellings.regionPath} LIKE ${escapeLike(f.regionPath) + '%'}`);
  if (f.buildingId) conds.push(eq(dwellings.buildingId, f.buildingId));
  if (f.occupancy) conds.push(eq(dwellings.occupancy, f.occupancy));
  if (!f.includeArchived) conds.push(isNull(dwellings.archivedAt));
  if (f.q?.trim()) conds.push(...addressMatch(f.q.trim()));
  return conds;
}

const joined = (db: DbOrTx) => db.select(fullColumns).from(dwellings).innerJoin(buildings, eq(buildings.id, dwellings.buildingId)).leftJoin(estates, eq(estates.id, buildings.estateId));

export async function listDwellings(sdb: ScopedDb, f: DwellingFilters, limit: number, offset: number): Promise<{ rows: DwellingFull[]; total: number }> {
  const where = and(...dwellingConditions(sdb, f));
  const rows = await joined(sdb.db)
    .where(where)
    .orderBy(asc(dwellings.buildingId), asc(dwellings.unitNumber), asc(dwellings.floor), sql`length(${dwellings.number})`, asc(dwellings.number))
    .limit(limit)
    .offset(offset);
  const [{ n }] = await sdb.db
    .select({ n: count() })
    .from(dwellings)
    .innerJoin(buildings, eq(buildings.id, dwellings.buildingId))
    .leftJoin(estates, eq(estates.id, buildings.estateId))
    .where(where);
  return { rows: rows.map(flat), total: Number(n) };
}

export async function exportDwellings(sdb: ScopedDb, f: DwellingFilters, afterId: number, limit: number): Promise<DwellingFull[]> {
  const rows = await joined(sdb.db)
    .where(and(...dwellingConditions(sdb, f), gt(dwellings.id, afterId)))
    .orderBy(asc(dwellings.id))
    .limit(limit);
  return rows.map(flat);
}

export async function findDwelling(sdb: ScopedDb, id: number): Promise<DwellingFull | undefined> {
  const [row] = await joined(sdb.db).where(and(eq(dwellings.id, id), sdb.inScope(dwellings.regionPath)));
  return row ? flat(row) : undefined;
}

export async function dwellingsByIds(db: DbOrTx, ids: number[]): Promise<DwellingFull[]> {
  if (ids.length === 0) return [];
  return (await joined(db).where(inArray(dwellings.id, ids))).map(flat);
}

export async function unscopedDwellingExists(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await db.select({ id: dwellings.id }).from(dwellings).where(eq(dwellings.id, id));
  return !!row;
}

/** Active dwellings by natural key (building, unit, room number). */
export async function findDwellingsByKey(db: DbOrTx, keys: { buildingId: number; unitNumber: number; number: string }[]): Promise<DwellingRow[]> {
  if (keys.length === 0) return [];
  const out: DwellingRow[] = [];
  for (let i = 0; i < keys.length; i += 5000) {
    const part = keys.slice(i, i + 5000).map((k) => [k.buildingId, k.unitNumber, k.number]);
    out.push(...(await db.select().from(dwellings).where(and(isNull(dwellings.archivedAt), keysIn([sql`${dwellings.buildingId}`, sql`${dwellings.unitNumber}::int`, sql`${dwellings.number}`], ['int', 'int', 'text'], part)))));
  }
  return out;
}

export async function insertDwellings(db: DbOrTx, rows: NewDwellingRow[]): Promise<DwellingRow[]> {
  const out: DwellingRow[] = [];
  for (let i = 0; i < rows.length; i += 2000) out.push(...(await db.insert(dwellings).values(rows.slice(i, i + 2000)).returning()));
  return out;
}

export async function updateDwelling(db: DbOrTx, id: number, version: number, patch: Partial<NewDwellingRow>): Promise<DwellingRow | null> {
  const [r] = await db
    .update(dwellings)
    .set({ ...patch, version: sql`${dwellings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(dwellings.id, id), eq(dwellings.version, version)))
    .returning();
  return r ?? null;
}

/** Locks the dwelling row so a lease and an occupancy change cannot interleave. */
export async function lockDwelling(db: DbOrTx, id: number): Promise<void> {
  await db.execute(sql`SELECT id FROM dwellings WHERE id = ${id} FOR UPDATE`);
}

export async function countResidentsIn(db: DbOrTx, dwellingId: number): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(residents).where(and(eq(residents.dwellingId, dwellingId), isNull(residents.archivedAt)));
  return Number(n);
}

/** People living in the dwellings (active residents), masked ID numbers only. */
export async function occupantsOf(db: DbOrTx, dwellingIds: number[]) {
  if (dwellingIds.length === 0) return [];
  return db
    .select({ id: residents.id, dwellingId: residents.dwellingId, name: residents.name, idNumberMasked: residents.idNumberMasked, householdRole: residents.householdRole, tags: residents.tags })
    .from(residents)
    .where(and(inArray(residents.dwellingId, dwellingIds), isNull(residents.archivedAt)))
    .orderBy(asc(residents.householdId), asc(residents.id));
}

/** Unit and room numbers already taken in a building (for the generator). */
export async function takenKeys(db: DbOrTx, buildingId: number): Promise<Set<string>> {
  const rows = await db.select({ u: dwellings.unitNumber, n: dwellings.number }).from(dwellings).where(and(eq(dwellings.buildingId, buildingId), isNull(dwellings.archivedAt)));
  return new Set(rows.map((r) => `${r.u}:${r.n}`));
}

/**
 * The floor × unit table's cells in one query: each active dwelling with its residents counted,
 * the care-group codes among them, and whether a lease is running.
 */
export async function floorPlanCells(sdb: ScopedDb, buildingId: number) {
  const rows = await sdb.db
    .select({
      id: dwellings.id,
      unitNumber: dwellings.unitNumber,
      floor: dwellings.floor,
      number: dwellings.number,
      occupancy: dwellings.occupancy,
      area: dwellings.area,
      // Qualified by hand: drizzle leaves single-table columns unqualified, which would bind to the subquery's alias.
      residents: sql<number>`(SELECT count(*)::int FROM ${residents} r WHERE r.dwelling_id = "dwellings"."id" AND r.archived_at IS NULL)`,
      tags: sql<string[] | string | null>`(SELECT array_agg(DISTINCT t ORDER BY t) FROM ${residents} r, unnest(r.tags) AS t WHERE r.dwelling_id = "dwellings"."id" AND r.archived_at IS NULL)`,
      rental: sql<boolean>`EXISTS (SELECT 1 FROM ${rentals} x WHERE x.dwelling_id = "dwellings"."id" AND x.ended_at IS NULL AND x.archived_at IS NULL)`,
    })
    .from(dwellings)
    .where(and(eq(dwellings.buildingId, buildingId), isNull(dwellings.archivedAt), sdb.inScope(dwellings.regionPath)))
    .orderBy(desc(dwellings.floor), asc(dwellings.unitNumber), sql`length(${dwellings.number})`, asc(dwellings.number));
  return rows.map((r) => ({ ...r, residents: Number(r.residents), tags: pgArray(r.tags) }));
}

/** text[] arrives as an array from both drivers, but a raw subquery may come back in '{a,b}' form. */
function pgArray(v: string[] | string | null): string[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  return v.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((s) => s.replace(/^"|"$/g, ''));
}


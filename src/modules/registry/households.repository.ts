// All queries of households (户). Reads filter by the caller's scope.
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { households } from './people.tables.ts';
import { COUNT_CAP } from './residents.repository.ts';

export type HouseholdRow = typeof households.$inferSelect;

export async function findHousehold(sdb: ScopedDb, id: number): Promise<HouseholdRow | undefined> {
  const [r] = await sdb.db.select().from(households).where(and(eq(households.id, id), sdb.inScope(households.regionPath)));
  return r;
}

export async function unscopedHouseholdExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: households.id }).from(households).where(eq(households.id, id));
  return !!r;
}

export async function householdsByIds(sdb: ScopedDb, ids: number[]): Promise<HouseholdRow[]> {
  if (ids.length === 0) return [];
  return sdb.db.select().from(households).where(and(inArray(households.id, [...new Set(ids)]), sdb.inScope(households.regionPath)));
}

/**
 * Takes ids from the table's sequence before inserting, so the household number can be derived
 * from the id (unique by construction, no retry loop). Bulk writers reserve many at once.
 */
export async function reserveHouseholdIds(db: DbOrTx, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const res = await db.execute(sql`SELECT nextval('households_id_seq')::int AS id FROM generate_series(1, ${n})`);
  return (res as unknown as { rows: { id: number }[] }).rows.map((r) => Number(r.id));
}

/** 户号: 'H' and the id, zero-padded to 9 digits. */
export const householdNumber = (id: number): string => `H${String(id).padStart(9, '0')}`;

export async function insertHousehold(db: DbOrTx, values: typeof households.$inferInsert): Promise<HouseholdRow> {
  const [r] = await db.insert(households).values(values).returning();
  return r;
}

/** With a version: optimistic (null on conflict). Without: internal bookkeeping, still bumps the version. */
export async function updateHousehold(db: DbOrTx, id: number, version: number | null, patch: Partial<typeof households.$inferInsert>): Promise<HouseholdRow | null> {
  const where = version === null ? eq(households.id, id) : and(eq(households.id, id), eq(households.version, version));
  const [r] = await db
    .update(households)
    .set({ ...patch, version: sql`${households.version} + 1`, updatedAt: new Date() })
    .where(where)
    .returning();
  return r ?? null;
}

export interface HouseholdFilter {
  regionPath?: string;
  dwellingId?: number;
  includeArchived?: boolean;
}

function where(sdb: ScopedDb, f: HouseholdFilter): SQL {
  const c: SQL[] = [sdb.inScope(households.regionPath)];
  if (!f.includeArchived) c.push(sql`${households.archivedAt} IS NULL`);
  if (f.regionPath) c.push(sql`${households.regionPath} LIKE ${f.regionPath.replace(/[\\%_]/g, (x) => `\\${x}`) + '%'}`);
  if (f.dwellingId !== undefined) c.push(sql`${households.dwellingId} = ${f.dwellingId}`);
  return and(...c)!;
}

export async function listHouseholds(sdb: ScopedDb, f: HouseholdFilter, limit: number, offset: number): Promise<HouseholdRow[]> {
  return sdb.db.select().from(households).where(where(sdb, f)).orderBy(asc(households.number)).limit(limit).offset(offset);
}

export async function countHouseholds(sdb: ScopedDb, f: HouseholdFilter): Promise<{ total: number; capped: boolean }> {
  const inner = sdb.db.select({ id: households.id }).from(households).where(where(sdb, f)).limit(COUNT_CAP + 1).as('h');
  const [r] = await sdb.db.select({ n: sql<number>`count(*)::int` }).from(inner);
  return r.n > COUNT_CAP ? { total: COUNT_CAP, capped: true } : { total: r.n, capped: false };
}

export async function activeHouseholdOfHead(db: DbOrTx, residentId: number): Promise<HouseholdRow | undefined> {
  const [r] = await db.select().from(households).where(and(eq(households.headResidentId, residentId), isNull(households.archivedAt)));
  return r;
}

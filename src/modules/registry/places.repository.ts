// All queries of places (场所). Every read filters by scope; the few unscoped functions only answer
// uniqueness (a credit code is unique system-wide) and 403-versus-404.
import { keysIn } from '../../shared/sql-keys.ts';
import { and, asc, count, eq, gt, inArray, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { places } from './places.tables.ts';

export type PlaceRow = typeof places.$inferSelect;
export type NewPlaceRow = typeof places.$inferInsert;
export type PlaceListRow = PlaceRow & { regionCode: string; regionName: string; regionLevel: number };

export interface PlaceFilters {
  /** Subtree to list (already checked to be in scope). */
  regionPath?: string;
  kind?: string;
  status?: string;
  q?: string;
}

const select = (db: DbOrTx) =>
  db
    .select({ place: places, regionCode: regions.code, regionName: regions.name, regionLevel: regions.level })
    .from(places)
    .innerJoin(regions, eq(regions.id, places.regionId));
const flat = (r: { place: PlaceRow; regionCode: string; regionName: string; regionLevel: number }): PlaceListRow => ({
  ...r.place,
  regionCode: r.regionCode,
  regionName: r.regionName,
  regionLevel: r.regionLevel,
});

/** Name, pinyin initials or address; the trigram index on name serves the '%q%' match. */
export function textMatch(name: AnyColumn, initials: AnyColumn, address: AnyColumn, q: string): SQL {
  const like = `%${escapeLike(q)}%`;
  return or(sql`${name} ILIKE ${like}`, sql`${initials} LIKE ${`${escapeLike(q.toLowerCase())}%`}`, sql`${address} ILIKE ${like}`)!;
}

function where(sdb: ScopedDb, f: PlaceFilters): SQL {
  const conds: SQL[] = [sdb.inScope(places.regionPath), isNull(places.archivedAt)];
  if (f.regionPath) conds.push(sql`${places.regionPath} LIKE ${`${escapeLike(f.regionPath)}%`}`);
  if (f.kind) conds.push(eq(places.kind, f.kind));
  if (f.status) conds.push(eq(places.status, f.status));
  if (f.q) conds.push(textMatch(places.name, places.nameInitials, places.address, f.q));
  return and(...conds)!;
}

export async function listPlaces(sdb: ScopedDb, f: PlaceFilters, limit: number, offset: number): Promise<{ rows: PlaceListRow[]; total: number }> {
  const rows = await select(sdb.db).where(where(sdb, f)).orderBy(asc(places.id)).limit(limit).offset(offset);
  const [{ n }] = await sdb.db.select({ n: count() }).from(places).where(where(sdb, f));
  return { rows: rows.map(flat), total: Number(n) };
}

/** Keyset pages for export. */
export async function pageAfter(sdb: ScopedDb, f: PlaceFilters, afterId: number, limit: number): Promise<PlaceListRow[]> {
  const rows = await select(sdb.db).where(and(where(sdb, f), gt(places.id, afterId))).orderBy(asc(places.id)).limit(limit);
  return rows.map(flat);
}

export async function findPlace(sdb: ScopedDb, id: number): Promise<PlaceListRow | undefined> {
  const [r] = await select(sdb.db).where(and(eq(places.id, id), sdb.inScope(places.regionPath)));
  return r ? flat(r) : undefined;
}

export async function unscopedPlaceExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: places.id }).from(places).where(eq(places.id, id));
  return !!r;
}

/** Unscoped: active places holding any of these credit codes (the code is unique system-wide). */
export async function activeByCreditCodes(db: DbOrTx, codes: string[]): Promise<PlaceRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(places).where(and(inArray(places.creditCode, codes), isNull(places.archivedAt)));
}

/** Active places without a credit code, by (region, name, address): the fallback natural key. */
export async function activeByNameKeys(db: DbOrTx, keys: { regionId: number; name: string; address: string }[]): Promise<PlaceRow[]> {
  if (keys.length === 0) return [];
  return db
    .select()
    .from(places)
    .where(and(isNull(places.archivedAt), isNull(places.creditCode), keysIn([sql`${places.regionId}`, sql`${places.name}`, sql`${places.address}`], ['int', 'text', 'text'], keys.map((k) => [k.regionId, k.name, k.address]))));
}

export async function insertPlaces(db: DbOrTx, rows: NewPlaceRow[]): Promise<PlaceRow[]> {
  if (rows.length === 0) return [];
  return db.insert(places).values(rows).returning();
}

/** Optimistic update: null when the version moved (or the row is gone). */
export async function updatePlace(db: DbOrTx, id: number, version: number, patch: Partial<NewPlaceRow>): Promise<PlaceRow | null> {
  const [r] = await db
    .update(places)
    .set({ ...patch, version: sql`${places.version} + 1`, updatedAt: new Date() })
    .where(and(eq(places.id, id), eq(places.version, version)))
    .returning();
  return r ?? null;
}

/** Unique-index violations from either engine (drizzle may wrap the driver's error). */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; cur = (cur as { cause?: unknown }).cause, depth++) {
    if ((cur as { code?: string }).code === '23505') return true;
  }
  return false;
}

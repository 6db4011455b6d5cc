// Queries of rentals (出租屋): leases of dwellings, their landlords and public posting codes.
import { and, asc, count, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { residents } from './people.tables.ts';
import { buildings, dwellings, estates, rentals } from './places.tables.ts';

export type RentalRow = typeof rentals.$inferSelect;
export type NewRentalRow = typeof rentals.$inferInsert;
/** A rental with its dwelling's address parts. */
export type RentalFull = RentalRow & { unitNumber: number; roomNumber: string; buildingNumber: string; estateName: string | null };

export interface RentalFilters {
  regionPath?: string;
  dwellingId?: number;
  includeEnded?: boolean;
  /** Leases ending between `today` and `today + n days`. */
  leaseEndingWithin?: { today: string; until: string };
  q?: string;
}

const fullColumns = { r: rentals, unitNumber: dwellings.unitNumber, roomNumber: dwellings.number, buildingNumber: buildings.number, estateName: estates.name };
const flat = (x: { r: RentalRow; unitNumber: number; roomNumber: string; buildingNumber: string; estateName: string | null }): RentalFull => ({
  ...x.r,
  unitNumber: x.unitNumber,
  roomNumber: x.roomNumber,
  buildingNumber: x.buildingNumber,
  estateName: x.estateName,
});
const joined = (db: DbOrTx) =>
  db
    .select(fullColumns)
    .from(rentals)
    .innerJoin(dwellings, eq(dwellings.id, rentals.dwellingId))
    .innerJoin(buildings, eq(buildings.id, dwellings.buildingId))
    .leftJoin(estates, eq(estates.id, buildings.estateId));

export function rentalConditions(sdb: ScopedDb, f: RentalFilters): SQL[] {
  const conds: SQL[] = [sdb.inScope(rentals.regionPath), isNull(rentals.archivedAt)];
  if (f.regionPath) conds.push(sql`${rentals.regionPath} LIKE ${escapeLike(f.regionPath) + '%'}`);
  if (f.dwellingId) conds.push(eq(rentals.dwellingId, f.dwellingId));
  if (!f.includeEnded) conds.push(isNull(rentals.endedAt));
  if (f.leaseEndingWithin) conds.push(sql`${rentals.leaseEnd} BETWEEN ${f.leaseEndingWithin.today}::date AND ${f.leaseEndingWithin.until}::date`);
  const q = f.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    conds.push(sql`(${rentals.landlordName} ILIKE ${like} OR ${estates.name} ILIKE ${like} OR ${dwellings.number} ILIKE ${like})`);
  }
  return conds;
}

export async function listRentals(sdb: ScopedDb, f: RentalFilters, limit: number, offset: number): Promise<{ rows: RentalFull[]; total: number }> {
  const where = and(...rentalConditions(sdb, f));
  const rows = await joined(sdb.db).where(where).orderBy(sql`${rentals.leaseEnd} ASC NULLS LAST`, asc(rentals.id)).limit(limit).offset(offset);
  const [{ n }] = await sdb.db
    .select({ n: count() })
    .from(rentals)
    .innerJoin(dwellings, eq(dwellings.id, rentals.dwellingId))
    .innerJoin(buildings, eq(buildings.id, dwellings.buildingId))
    .leftJoin(estates, eq(estates.id, buildings.estateId))
    .where(where);
  return { rows: rows.map(flat), total: Number(n) };
}

export async function exportRentals(sdb: ScopedDb, f: RentalFilters, afterId: number, limit: number): Promise<RentalFull[]> {
  return (await joined(sdb.db).where(and(...rentalConditions(sdb, f), gt(rentals.id, afterId))).orderBy(asc(rentals.id)).limit(limit)).map(flat);
}

export async function findRental(sdb: ScopedDb, id: number): Promise<RentalFull | undefined> {
  const [row] = await joined(sdb.db).where(and(eq(rentals.id, id), sdb.inScope(rentals.regionPath)));
  return row ? flat(row) : undefined;
}

export async function unscopedRentalExists(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await db.select({ id: rentals.id }).from(rentals).where(eq(rentals.id, id));
  return !!row;
}

export async function activeRentalOf(db: DbOrTx, dwellingId: number): Promise<RentalFull | undefined> {
  const [row] = await joined(db).where(and(eq(rentals.dwellingId, dwellingId), isNull(rentals.endedAt), isNull(rentals.archivedAt)));
  return row ? flat(row) : undefined;
}

/** Active leases of many dwellings (imports). */
export async function activeRentalsOf(db: DbOrTx, dwellingIds: number[]): Promise<RentalRow[]> {
  if (dwellingIds.length === 0) return [];
  const out: RentalRow[] = [];
  for (let i = 0; i < dwellingIds.length; i += 5000) {
    const ids = sql.join(dwellingIds.slice(i, i + 5000).map((d) => sql`${d}::int`), sql`, `);
    out.push(...(await db.select().from(rentals).where(and(sql`${rentals.dwellingId} IN (${ids})`, isNull(rentals.endedAt), isNull(rentals.archivedAt)))));
  }
  return out;
}

/** Unscoped on purpose: the public posting page is reached by its unguessable code, without login. */
export async function findByPostingCode(db: DbOrTx, code: string): Promise<(RentalFull & { dwellingPath: string }) | undefined> {
  const [row] = await db
    .select({ ...fullColumns, dwellingPath: dwellings.regionPath })
    .from(rentals)
    .innerJoin(dwellings, eq(dwellings.id, rentals.dwellingId))
    .innerJoin(buildings, eq(buildings.id, dwellings.buildingId))
    .leftJoin(estates, eq(estates.id, buildings.estateId))
    .where(and(eq(rentals.postingCode, code), isNull(rentals.endedAt), isNull(rentals.archivedAt), isNull(dwellings.archivedAt)));
  return row ? { ...flat(row), dwellingPath: row.dwellingPath } : undefined;
}

export async function insertRentals(db: DbOrTx, rows: NewRentalRow[]): Promise<RentalRow[]> {
  const out: RentalRow[] = [];
  for (let i = 0; i < rows.length; i += 2000) out.push(...(await db.insert(rentals).values(rows.slice(i, i + 2000)).returning()));
  return out;
}

export async function updateRental(db: DbOrTx, id: number, version: number, patch: Partial<NewRentalRow>): Promise<RentalRow | null> {
  const [r] = await db
    .update(rentals)
    .set({ ...patch, version: sql`${rentals.version} + 1`, updatedAt: new Date() })
    .where(and(eq(rentals.id, id), eq(rentals.version, version)))
    .returning();
  return r ?? null;
}

/** A landlord who is a registered resident must be one the caller can see. */
export async function findResident(sdb: ScopedDb, id: number): Promise<{ id: number; name: string } | undefined> {
  const [row] = await sdb.db
    .select({ id: residents.id, name: residents.name })
    .from(residents)
    .where(and(eq(residents.id, id), isNull(residents.archivedAt), sdb.inScope(residents.regionPath)));
  return row;
}

export async function unscopedResidentExists(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await db.select({ id: residents.id }).from(residents).where(eq(residents.id, id));
  return !!row;
}

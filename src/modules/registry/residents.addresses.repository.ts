// Reads of the housing tables (dwellings, buildings, estates) that residents need: where a person
// lives, and which dwellings an address fragment names. Read-only; housing owns the writes.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { buildings, dwellings, estates } from './places.tables.ts';

export interface DwellingPlace {
  id: number;
  regionId: number;
  regionPath: string;
  archivedAt: Date | null;
  floor: number;
  unitNumber: number;
  number: string;
  occupancy: string;
  building: { id: number; number: string; address: string };
  estate: { id: number; name: string } | null;
}

const placeSelect = (db: DbOrTx) =>
  db
    .select({
      id: dwellings.id,
      regionId: dwellings.regionId,
      regionPath: dwellings.regionPath,
      archivedAt: dwellings.archivedAt,
      floor: dwellings.floor,
      unitNumber: dwellings.unitNumber,
      number: dwellings.number,
      occupancy: dwellings.occupancy,
      buildingId: buildings.id,
      buildingNumber: buildings.number,
      buildingAddress: buildings.address,
      estateId: estates.id,
      estateName: estates.name,
    })
    .from(dwellings)
    .innerJoin(buildings, eq(buildings.id, dwellings.buildingId))
    .leftJoin(estates, eq(estates.id, buildings.estateId));

type PlaceRow = Awaited<ReturnType<ReturnType<typeof placeSelect>['where']>>[number];
const toPlace = (r: PlaceRow): DwellingPlace => ({
  id: r.id,
  regionId: r.regionId,
  regionPath: r.regionPath,
  archivedAt: r.archivedAt,
  floor: r.floor,
  unitNumber: r.unitNumber,
  number: r.number,
  occupancy: r.occupancy,
  building: { id: r.buildingId, number: r.buildingNumber, address: r.buildingAddress },
  estate: r.estateId !== null ? { id: r.estateId, name: r.estateName ?? '' } : null,
});

export async function findDwellingPlace(sdb: ScopedDb, id: number): Promise<DwellingPlace | undefined> {
  const [r] = await placeSelect(sdb.db).where(and(eq(dwellings.id, id), sdb.inScope(dwellings.regionPath)));
  return r ? toPlace(r) : undefined;
}

export async function unscopedDwellingExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: dwellings.id }).from(dwellings).where(eq(dwellings.id, id));
  return !!r;
}

export async function dwellingPlaces(sdb: ScopedDb, ids: number[]): Promise<Map<number, DwellingPlace>> {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return new Map();
  const rows = await placeSelect(sdb.db).where(and(inArray(dwellings.id, uniq), sdb.inScope(dwellings.regionPath)));
  return new Map(rows.map((r) => [r.id, toPlace(r)]));
}

/**
 * Active dwellings in scope whose building address or estate name contains the fragment, at most
 * `limit` (buildings and estates are thousands, not millions, so a substring scan is cheap).
 */
export async function dwellingIdsByAddress(sdb: ScopedDb, fragment: string, limit: number): Promise<number[]> {
  const pattern = `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await sdb.db
    .select({ id: dwellings.id })
    .from(dwellings)
    .innerJoin(buildings, eq(buildings.id, dwellings.buildingId))
    .leftJoin(estates, eq(estates.id, buildings.estateId))
    .where(and(sdb.inScope(dwellings.regionPath), isNull(dwellings.archivedAt), sql`(${buildings.address} LIKE ${pattern} OR ${estates.name} LIKE ${pattern})`))
    .limit(limit);
  return rows.map((r) => r.id);
}

// SQL of intake: the case row and its first timeline step, the idempotency key, the reporter's
// hourly count, and the registry rows a report may link to. The registry exports no finders for
// these, so they are read from its tables here (scoped like every registry read).
import { and, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { residents } from '../registry/people.tables.ts';
import { assets, buildings, dwellings, places } from '../registry/places.tables.ts';
import { caseEvents, cases } from './cases.tables.ts';

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
export type NewCaseEvent = typeof caseEvents.$inferInsert;

export async function findByIdempotencyKey(db: DbOrTx, key: string): Promise<{ id: number } | undefined> {
  const [r] = await db.select({ id: cases.id }).from(cases).where(eq(cases.idempotencyKey, key));
  return r;
}

export async function caseCodes(db: DbOrTx, ids: readonly number[]): Promise<{ id: number; code: string }[]> {
  if (ids.length === 0) return [];
  return db.select({ id: cases.id, code: cases.code }).from(cases).where(inArray(cases.id, [...ids]));
}

export async function insertCase(tx: DbOrTx, row: NewCaseRow): Promise<CaseRow> {
  const [r] = await tx.insert(cases).values(row).returning();
  return r;
}

export async function insertEvent(tx: DbOrTx, ev: NewCaseEvent): Promise<number> {
  const [r] = await tx.insert(caseEvents).values(ev).returning({ id: caseEvents.id });
  return r.id;
}

/**
 * Serializes reports from one mobile number for the rest of the transaction (an advisory lock on
 * its hash), then counts its reports since `since`: the hourly limit holds under parallel posts.
 */
export async function lockAndCountReportsByMobile(tx: DbOrTx, mobileHash: string, since: Date): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${'cases.reporter:' + mobileHash}))`);
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(eq(cases.reporterMobileHash, mobileHash), gte(cases.reportedAt, since), isNull(cases.reporterUserId)));
  return Number(r?.n ?? 0);
}

export interface LinkedPlace {
  id: number;
  regionId: number;
  regionPath: string;
  lng: number | null;
  lat: number | null;
  address: string;
  archived: boolean;
}

type Linkable = typeof buildings | typeof places | typeof assets;

async function linkIn(sdb: ScopedDb, table: Linkable, id: number): Promise<LinkedPlace | undefined> {
  const [r] = await sdb.db
    .select({ id: table.id, regionId: table.regionId, regionPath: table.regionPath, lng: table.lng, lat: table.lat, address: table.address, archivedAt: table.archivedAt })
    .from(table)
    .where(and(eq(table.id, id), sdb.inScope(table.regionPath)));
  return r ? { id: r.id, regionId: r.regionId, regionPath: r.regionPath, lng: r.lng, lat: r.lat, address: r.address, archived: r.archivedAt !== null } : undefined;
}

export const buildingIn = (sdb: ScopedDb, id: number) => linkIn(sdb, buildings, id);
export const placeIn = (sdb: ScopedDb, id: number) => linkIn(sdb, places, id);
export const assetIn = (sdb: ScopedDb, id: number) => linkIn(sdb, assets, id);

/** A dwelling with its building's position and address (dwellings have neither of their own). */
export async function dwellingIn(sdb: ScopedDb, id: number): Promise<LinkedPlace | undefined> {
  const [r] = await sdb.db
    .select({ id: dwellings.id, regionId: dwellings.regionId, regionPath: dwellings.regionPath, lng: buildings.lng, lat: buildings.lat, address: buildings.address, archivedAt: dwellings.archivedAt })
    .from(dwellings)
    .innerJoin(buildings, eq(buildings.id, dwellings.buildingId))
    .where(and(eq(dwellings.id, id), sdb.inScope(dwellings.regionPath)));
  return r ? { id: r.id, regionId: r.regionId, regionPath: r.regionPath, lng: r.lng, lat: r.lat, address: r.address, archived: r.archivedAt !== null } : undefined;
}

const TABLES = { building: buildings, dwelling: dwellings, place: places, asset: assets, resident: residents } as const;
export type LinkEntity = keyof typeof TABLES;

/** Only to tell SCOPE_DENIED from "not found". */
export async function unscopedLinkExists(db: DbOrTx, entity: LinkEntity, id: number): Promise<boolean> {
  const t = TABLES[entity];
  const [r] = await db.select({ id: t.id }).from(t).where(and(eq(t.id, id), isNull(t.archivedAt)));
  return !!r;
}

/** Active residents among the ids that lie in scope. */
export async function residentsIn(sdb: ScopedDb, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await sdb.db
    .select({ id: residents.id })
    .from(residents)
    .where(and(inArray(residents.id, [...ids]), isNull(residents.archivedAt), sdb.inScope(residents.regionPath)));
  return rows.map((r) => r.id);
}

/** Code and name of regions by id (the district of a path, the desk community). */
export async function regionCodes(db: DbOrTx, ids: readonly number[]): Promise<{ id: number; code: string; name: string; level: number; path: string; archived: boolean }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: regions.id, code: regions.code, name: regions.name, level: regions.level, path: regions.path, archivedAt: regions.archivedAt })
    .from(regions)
    .where(inArray(regions.id, [...ids]));
  return rows.map(({ archivedAt, ...r }) => ({ ...r, archived: archivedAt !== null }));
}

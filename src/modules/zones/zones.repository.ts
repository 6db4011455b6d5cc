// All queries of grid zones; scoped through the community each zone belongs to.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { gridZones } from './zones.tables.ts';

export type ZoneRow = typeof gridZones.$inferSelect & { communityPath: string };

const select = (db: DbOrTx) =>
  db.select({ zone: gridZones, communityPath: regions.path }).from(gridZones).innerJoin(regions, eq(regions.id, gridZones.communityId));
const flat = (r: { zone: typeof gridZones.$inferSelect; communityPath: string }): ZoneRow => ({ ...r.zone, communityPath: r.communityPath });

export async function listZones(sdb: ScopedDb, communityId: number): Promise<ZoneRow[]> {
  const rows = await select(sdb.db)
    .where(and(eq(gridZones.communityId, communityId), isNull(gridZones.archivedAt), sdb.inScope(regions.path)))
    .orderBy(asc(gridZones.id));
  return rows.map(flat);
}

export async function findZone(sdb: ScopedDb, id: number): Promise<ZoneRow | null> {
  const [r] = await select(sdb.db).where(and(eq(gridZones.id, id), sdb.inScope(regions.path)));
  return r ? flat(r) : null;
}

export async function unscopedZoneExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: gridZones.id }).from(gridZones).where(eq(gridZones.id, id));
  return !!r;
}

/** Serializes zone changes within one community, so two requests cannot claim one grid. */
export async function lockCommunityZones(db: DbOrTx, communityId: number): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(7340002, ${communityId})`);
}

export async function insertZone(db: DbOrTx, values: typeof gridZones.$inferInsert) {
  const [r] = await db.insert(gridZones).values(values).returning();
  return r;
}

export async function updateZone(db: DbOrTx, id: number, version: number, patch: Partial<typeof gridZones.$inferInsert>) {
  const [r] = await db
    .update(gridZones)
    .set({ ...patch, version: sql`${gridZones.version} + 1` })
    .where(and(eq(gridZones.id, id), eq(gridZones.version, version)))
    .returning();
  return r ?? null;
}

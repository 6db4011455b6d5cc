// All queries of partnerships (结对共建) and their activity log.
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { partnershipActivities, partnerships } from './party.tables.ts';

export type PartnershipRow = typeof partnerships.$inferSelect;
export type ActivityRow = typeof partnershipActivities.$inferSelect;

export async function findPartnership(sdb: ScopedDb, id: number): Promise<PartnershipRow | undefined> {
  const [r] = await sdb.db.select().from(partnerships).where(and(eq(partnerships.id, id), sdb.inScope(partnerships.regionPath)));
  return r;
}

export async function unscopedPartnershipExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: partnerships.id }).from(partnerships).where(eq(partnerships.id, id));
  return !!r;
}

/** Serializes new partnerships of one organization (the overlap check and the insert). */
export async function lockOrgPartnerships(tx: DbOrTx, orgId: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7340053, ${orgId})`);
}

export async function activePairings(db: DbOrTx, orgId: number, institutionId: number): Promise<PartnershipRow[]> {
  return db.select().from(partnerships).where(and(eq(partnerships.orgId, orgId), eq(partnerships.institutionId, institutionId), isNull(partnerships.archivedAt)));
}

export interface PartnershipFilter {
  path?: string;
  orgId?: number;
  institutionId?: number;
  includeArchived?: boolean;
  /** Running on this day (started, not ended). */
  activeOn?: string;
}

function where(sdb: ScopedDb, f: PartnershipFilter): SQL {
  const c: SQL[] = [sdb.inScope(partnerships.regionPath)];
  if (!f.includeArchived) c.push(sql`${partnerships.archivedAt} IS NULL`);
  if (f.path) c.push(sql`${partnerships.regionPath} LIKE ${escapeLike(f.path) + '%'}`);
  if (f.orgId !== undefined) c.push(eq(partnerships.orgId, f.orgId));
  if (f.institutionId !== undefined) c.push(eq(partnerships.institutionId, f.institutionId));
  if (f.activeOn) c.push(sql`${partnerships.startOn} <= ${f.activeOn} AND (${partnerships.endOn} IS NULL OR ${partnerships.endOn} >= ${f.activeOn})`);
  return and(...c)!;
}

export async function listPartnerships(sdb: ScopedDb, f: PartnershipFilter, limit: number, offset: number): Promise<PartnershipRow[]> {
  return sdb.db.select().from(partnerships).where(where(sdb, f)).orderBy(desc(partnerships.startOn), desc(partnerships.id)).limit(limit).offset(offset);
}

export async function countPartnerships(sdb: ScopedDb, f: PartnershipFilter): Promise<number> {
  const [r] = await sdb.db.select({ n: sql<number>`count(*)::int` }).from(partnerships).where(where(sdb, f));
  return Number(r.n);
}

export async function activityStats(db: DbOrTx, ids: number[]): Promise<Map<number, { count: number; last: string | null; participants: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: partnershipActivities.partnershipId,
      count: sql<number>`count(*)::int`,
      last: sql<string | null>`max(${partnershipActivities.heldOn})::text`,
      participants: sql<number>`coalesce(sum(${partnershipActivities.participants}), 0)::int`,
    })
    .from(partnershipActivities)
    .where(inArray(partnershipActivities.partnershipId, ids))
    .groupBy(partnershipActivities.partnershipId);
  return new Map(rows.map((r) => [r.id, { count: Number(r.count), last: r.last, participants: Number(r.participants) }]));
}

export async function activities(db: DbOrTx, id: number): Promise<ActivityRow[]> {
  return db.select().from(partnershipActivities).where(eq(partnershipActivities.partnershipId, id)).orderBy(desc(partnershipActivities.heldOn), asc(partnershipActivities.id));
}

export async function insertPartnership(tx: DbOrTx, values: typeof partnerships.$inferInsert): Promise<PartnershipRow> {
  const [r] = await tx.insert(partnerships).values(values).returning();
  return r;
}

export async function updatePartnership(tx: DbOrTx, id: number, version: number, patch: Partial<typeof partnerships.$inferInsert>): Promise<PartnershipRow | null> {
  const [r] = await tx
    .update(partnerships)
    .set({ ...patch, version: sql`${partnerships.version} + 1`, updatedAt: new Date() })
    .where(and(eq(partnerships.id, id), eq(partnerships.version, version)))
    .returning();
  return r ?? null;
}

export async function insertActivity(tx: DbOrTx, values: typeof partnershipActivities.$inferInsert): Promise<ActivityRow> {
  const [r] = await tx.insert(partnershipActivities).values(values).returning();
  return r;
}

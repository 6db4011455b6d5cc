// All queries of leader contacts (三联系) and their visits.
import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { leaderContacts, leaderContactVisits } from './party.tables.ts';

export type ContactRow = typeof leaderContacts.$inferSelect;
export type VisitRow = typeof leaderContactVisits.$inferSelect;

export async function findContact(sdb: ScopedDb, id: number): Promise<ContactRow | undefined> {
  const [r] = await sdb.db.select().from(leaderContacts).where(and(eq(leaderContacts.id, id), sdb.inScope(leaderContacts.regionPath)));
  return r;
}

export async function unscopedContactExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: leaderContacts.id }).from(leaderContacts).where(eq(leaderContacts.id, id));
  return !!r;
}

/** Serializes new contacts on one target (the duplicate check and the insert). */
export async function lockTarget(tx: DbOrTx, regionId: number, organizationId: number | null): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7340054, ${organizationId ?? -regionId})`);
}

/** Running contacts (not ended) on the same target. */
export async function runningOnTarget(db: DbOrTx, regionId: number, organizationId: number | null): Promise<ContactRow[]> {
  return db
    .select()
    .from(leaderContacts)
    .where(
      and(
        isNull(leaderContacts.toOn),
        isNull(leaderContacts.archivedAt),
        organizationId === null ? and(eq(leaderContacts.regionId, regionId), isNull(leaderContacts.organizationId)) : eq(leaderContacts.organizationId, organizationId),
      ),
    );
}

export interface ContactFilter {
  path?: string;
  targetKind?: string;
  leaderUserId?: number;
  /** Running on `today` (no end, or an end not yet passed), or ended before it. */
  current?: boolean;
  today: string;
}

function where(sdb: ScopedDb, f: ContactFilter): SQL {
  const c: SQL[] = [sdb.inScope(leaderContacts.regionPath), sql`${leaderContacts.archivedAt} IS NULL`];
  if (f.path) c.push(sql`${leaderContacts.regionPath} LIKE ${escapeLike(f.path) + '%'}`);
  if (f.targetKind) c.push(eq(leaderContacts.targetKind, f.targetKind));
  if (f.leaderUserId !== undefined) c.push(eq(leaderContacts.leaderUserId, f.leaderUserId));
  if (f.current === true) c.push(sql`(${leaderContacts.toOn} IS NULL OR ${leaderContacts.toOn} >= ${f.today})`);
  if (f.current === false) c.push(sql`${leaderContacts.toOn} < ${f.today}`);
  return and(...c)!;
}

export async function listContacts(sdb: ScopedDb, f: ContactFilter, limit: number, offset: number): Promise<ContactRow[]> {
  return sdb.db.select().from(leaderContacts).where(where(sdb, f)).orderBy(desc(leaderContacts.fromOn), desc(leaderContacts.id)).limit(limit).offset(offset);
}

export async function countContacts(sdb: ScopedDb, f: ContactFilter): Promise<number> {
  const [r] = await sdb.db.select({ n: sql<number>`count(*)::int` }).from(leaderContacts).where(where(sdb, f));
  return Number(r.n);
}

export async function visitStats(db: DbOrTx, ids: number[]): Promise<Map<number, { count: number; last: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: leaderContactVisits.contactId, count: sql<number>`count(*)::int`, last: sql<string | null>`max(${leaderContactVisits.visitedOn})::text` })
    .from(leaderContactVisits)
    .where(inArray(leaderContactVisits.contactId, ids))
    .groupBy(leaderContactVisits.contactId);
  return new Map(rows.map((r) => [r.id, { count: Number(r.count), last: r.last }]));
}

export async function visits(db: DbOrTx, contactId: number): Promise<VisitRow[]> {
  return db.select().from(leaderContactVisits).where(eq(leaderContactVisits.contactId, contactId)).orderBy(desc(leaderContactVisits.visitedOn), desc(leaderContactVisits.id));
}

export async function insertContact(tx: DbOrTx, values: typeof leaderContacts.$inferInsert): Promise<ContactRow> {
  const [r] = await tx.insert(leaderContacts).values(values).returning();
  return r;
}

export async function updateContact(tx: DbOrTx, id: number, version: number, patch: Partial<typeof leaderContacts.$inferInsert>): Promise<ContactRow | null> {
  const [r] = await tx
    .update(leaderContacts)
    .set({ ...patch, version: sql`${leaderContacts.version} + 1`, updatedAt: new Date() })
    .where(and(eq(leaderContacts.id, id), eq(leaderContacts.version, version)))
    .returning();
  return r ?? null;
}

export async function insertVisit(tx: DbOrTx, values: typeof leaderContactVisits.$inferInsert): Promise<VisitRow> {
  const [r] = await tx.insert(leaderContactVisits).values(values).returning();
  return r;
}

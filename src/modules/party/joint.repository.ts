// All queries of joint committees: their part-time members and joint meetings.
import { and, asc, desc, eq, gte, inArray, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { jointCommitteeMembers, jointMeetings, partyOrgs } from './party.tables.ts';

export type JointMemberRow = typeof jointCommitteeMembers.$inferSelect;
export type MeetingRow = typeof jointMeetings.$inferSelect;

/** Serializes changes to one organization's part-time members. */
export async function lockOrg(tx: DbOrTx, orgId: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7340052, ${orgId})`);
}

export async function jointMembers(db: DbOrTx, orgId: number): Promise<JointMemberRow[]> {
  return db.select().from(jointCommitteeMembers).where(eq(jointCommitteeMembers.orgId, orgId)).orderBy(asc(jointCommitteeMembers.id));
}

export async function deleteJointMembers(tx: DbOrTx, orgId: number, keepIds: number[]): Promise<void> {
  await tx.delete(jointCommitteeMembers).where(and(eq(jointCommitteeMembers.orgId, orgId), keepIds.length ? notInArray(jointCommitteeMembers.id, keepIds) : sql`true`));
}

export async function updateJointMember(tx: DbOrTx, id: number, values: Partial<typeof jointCommitteeMembers.$inferInsert>): Promise<void> {
  await tx.update(jointCommitteeMembers).set(values).where(eq(jointCommitteeMembers.id, id));
}

export async function insertJointMembers(tx: DbOrTx, values: (typeof jointCommitteeMembers.$inferInsert)[]): Promise<void> {
  if (values.length) await tx.insert(jointCommitteeMembers).values(values);
}

// ---- meetings

export async function findMeeting(sdb: ScopedDb, id: number): Promise<MeetingRow | undefined> {
  const [r] = await sdb.db.select().from(jointMeetings).where(and(eq(jointMeetings.id, id), sdb.inScope(jointMeetings.regionPath)));
  return r;
}

export async function unscopedMeetingExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: jointMeetings.id }).from(jointMeetings).where(eq(jointMeetings.id, id));
  return !!r;
}

export interface MeetingFilter {
  orgId?: number;
  path?: string;
  from?: Date;
  to?: Date;
}

function meetingWhere(sdb: ScopedDb, f: MeetingFilter): SQL {
  const c: SQL[] = [sdb.inScope(jointMeetings.regionPath), sql`${jointMeetings.archivedAt} IS NULL`];
  if (f.orgId !== undefined) c.push(eq(jointMeetings.orgId, f.orgId));
  if (f.path) c.push(sql`${jointMeetings.regionPath} LIKE ${escapeLike(f.path) + '%'}`);
  if (f.from) c.push(gte(jointMeetings.heldAt, f.from));
  if (f.to) c.push(lt(jointMeetings.heldAt, f.to));
  return and(...c)!;
}

export async function listMeetings(sdb: ScopedDb, f: MeetingFilter, limit: number, offset: number): Promise<MeetingRow[]> {
  return sdb.db.select().from(jointMeetings).where(meetingWhere(sdb, f)).orderBy(desc(jointMeetings.heldAt), desc(jointMeetings.id)).limit(limit).offset(offset);
}

export async function countMeetings(sdb: ScopedDb, f: MeetingFilter): Promise<number> {
  const [r] = await sdb.db.select({ n: sql<number>`count(*)::int` }).from(jointMeetings).where(meetingWhere(sdb, f));
  return Number(r.n);
}

export async function insertMeeting(tx: DbOrTx, values: typeof jointMeetings.$inferInsert): Promise<MeetingRow> {
  const [r] = await tx.insert(jointMeetings).values(values).returning();
  return r;
}

export async function updateMeeting(tx: DbOrTx, id: number, version: number, patch: Partial<typeof jointMeetings.$inferInsert>): Promise<MeetingRow | null> {
  const [r] = await tx
    .update(jointMeetings)
    .set({ ...patch, version: sql`${jointMeetings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(jointMeetings.id, id), eq(jointMeetings.version, version)))
    .returning();
  return r ?? null;
}

/** Joint organizations with their names, for presenting meetings. */
export async function orgsByIds(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return new Map<number, { name: string; regionId: number }>();
  const rows = await db.select({ id: partyOrgs.id, name: partyOrgs.name, regionId: partyOrgs.regionId }).from(partyOrgs).where(inArray(partyOrgs.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, regionId: r.regionId }]));
}

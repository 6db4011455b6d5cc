// All queries of party members (党员) and their membership history (party_memberships). Reads
// filter by scope (the member's region: where they live, else their organization's region).
import { and, asc, desc, eq, gt, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { partyMembers, partyMemberships, partyOrgs } from './party.tables.ts';

export type MemberRow = typeof partyMembers.$inferSelect;
export type NewMemberRow = typeof partyMembers.$inferInsert;
export type MemberListRow = MemberRow & { orgName: string; regionName: string; residentName: string | null; institutionName: string | null };

export interface MemberFilters {
  orgIds?: number[];
  regionPath?: string;
  kind?: string;
  q?: string;
  /** Exact match on the mobile's lookup hash (a full mobile typed into the search box). */
  mobileHash?: string;
  includeArchived?: boolean;
}

const select = (db: DbOrTx) =>
  db
    .select({
      m: partyMembers,
      orgName: partyOrgs.name,
      regionName: regions.name,
      residentName: sql<string | null>`(SELECT r.name FROM residents r WHERE r.id = "party_members"."resident_id")`,
      institutionName: sql<string | null>`(SELECT o.name FROM organizations o WHERE o.id = "party_members"."institution_id")`,
    })
    .from(partyMembers)
    .innerJoin(partyOrgs, eq(partyOrgs.id, partyMembers.orgId))
    .innerJoin(regions, eq(regions.id, partyMembers.regionId));
type Joined = { m: MemberRow; orgName: string; regionName: string; residentName: string | null; institutionName: string | null };
const flat = (r: Joined): MemberListRow => ({ ...r.m, orgName: r.orgName, regionName: r.regionName, residentName: r.residentName, institutionName: r.institutionName });

function where(sdb: ScopedDb, f: MemberFilters): SQL {
  const conds: SQL[] = [sdb.inScope(partyMembers.regionPath)];
  if (!f.includeArchived) conds.push(isNull(partyMembers.archivedAt));
  if (f.orgIds) conds.push(f.orgIds.length ? inArray(partyMembers.orgId, f.orgIds) : sql`false`);
  if (f.regionPath) conds.push(sql`${partyMembers.regionPath} LIKE ${`${escapeLike(f.regionPath)}%`}`);
  if (f.kind) conds.push(eq(partyMembers.kind, f.kind));
  if (f.mobileHash) conds.push(eq(partyMembers.mobileHash, f.mobileHash));
  else if (f.q) {
    const prefix = `${escapeLike(f.q)}%`;
    conds.push(or(sql`${partyMembers.name} LIKE ${prefix}`, sql`${partyMembers.nameInitials} LIKE ${prefix.toLowerCase()}`)!);
  }
  return and(...conds)!;
}

export async function listMembers(sdb: ScopedDb, f: MemberFilters, limit: number, offset: number): Promise<{ rows: MemberListRow[]; total: number }> {
  const rows = await select(sdb.db).where(where(sdb, f)).orderBy(asc(partyMembers.id)).limit(limit).offset(offset);
  const [{ n }] = await sdb.db.select({ n: sql<number>`count(*)::int` }).from(partyMembers).where(where(sdb, f));
  return { rows: rows.map(flat), total: Number(n) };
}

export async function countMembers(sdb: ScopedDb, f: MemberFilters): Promise<number> {
  const [{ n }] = await sdb.db.select({ n: sql<number>`count(*)::int` }).from(partyMembers).where(where(sdb, f));
  return Number(n);
}

/** Keyset page for exports. */
export async function pageAfter(sdb: ScopedDb, f: MemberFilters, afterId: number, limit: number): Promise<MemberListRow[]> {
  return (await select(sdb.db).where(and(where(sdb, f), gt(partyMembers.id, afterId))).orderBy(asc(partyMembers.id)).limit(limit)).map(flat);
}

export async function findMember(sdb: ScopedDb, id: number): Promise<MemberListRow | undefined> {
  const [r] = await select(sdb.db).where(and(eq(partyMembers.id, id), sdb.inScope(partyMembers.regionPath)));
  return r ? flat(r) : undefined;
}

export async function unscopedMemberExists(db: DbOrTx, id: number): Promise<boolean> {
  return (await db.select({ id: partyMembers.id }).from(partyMembers).where(eq(partyMembers.id, id))).length > 0;
}

/** Members among `ids` the caller may see (archived included, so the caller can say why). */
export async function membersInScope(sdb: ScopedDb, ids: number[]): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  return sdb.db.select().from(partyMembers).where(and(inArray(partyMembers.id, ids), sdb.inScope(partyMembers.regionPath)));
}

export async function unscopedMemberIds(db: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  return new Set((await db.select({ id: partyMembers.id }).from(partyMembers).where(inArray(partyMembers.id, ids))).map((r) => r.id));
}

/** The active member linked to a resident, anywhere (one per resident). */
export async function activeByResident(db: DbOrTx, residentId: number, selfId: number | null): Promise<MemberRow | undefined> {
  const [r] = await db
    .select()
    .from(partyMembers)
    .where(and(eq(partyMembers.residentId, residentId), isNull(partyMembers.archivedAt), selfId ? ne(partyMembers.id, selfId) : sql`true`));
  return r;
}

export async function insertMember(db: DbOrTx, values: NewMemberRow): Promise<MemberRow> {
  const [r] = await db.insert(partyMembers).values(values).returning();
  return r;
}

export async function updateMember(db: DbOrTx, id: number, version: number, patch: Partial<NewMemberRow>): Promise<MemberRow | null> {
  const [r] = await db
    .update(partyMembers)
    .set({ ...patch, version: sql`${partyMembers.version} + 1`, updatedAt: new Date() })
    .where(and(eq(partyMembers.id, id), eq(partyMembers.version, version)))
    .returning();
  return r ?? null;
}

// --- Membership history -----------------------------------------------------------------------

export type MembershipRow = typeof partyMemberships.$inferSelect;

export async function openMembership(db: DbOrTx, memberId: number, orgId: number, fromOn: string, reason: string): Promise<void> {
  await db.insert(partyMemberships).values({ memberId, orgId, fromOn, reason });
}

export async function currentMembership(db: DbOrTx, memberId: number): Promise<MembershipRow | undefined> {
  const [r] = await db
    .select()
    .from(partyMemberships)
    .where(and(eq(partyMemberships.memberId, memberId), isNull(partyMemberships.toOn)))
    .orderBy(desc(partyMemberships.id))
    .limit(1);
  return r;
}

export async function closeMembership(db: DbOrTx, id: number, toOn: string): Promise<void> {
  await db.update(partyMemberships).set({ toOn }).where(eq(partyMemberships.id, id));
}

export async function history(db: DbOrTx, memberId: number): Promise<(MembershipRow & { orgName: string })[]> {
  const rows = await db
    .select({ h: partyMemberships, orgName: partyOrgs.name })
    .from(partyMemberships)
    .innerJoin(partyOrgs, eq(partyOrgs.id, partyMemberships.orgId))
    .where(eq(partyMemberships.memberId, memberId))
    .orderBy(asc(partyMemberships.fromOn), asc(partyMemberships.id));
  return rows.map((r) => ({ ...r.h, orgName: r.orgName }));
}

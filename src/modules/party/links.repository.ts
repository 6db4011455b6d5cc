// All queries of household links (联户): liaison households, their links, and the registry rows they
// stand on. The registry exports no finders for households with their place and head, nor for
// dwellings' households, so they are read from its tables here (scoped like every registry read,
// never written). Party members are read from this module's own table.
import { and, asc, eq, inArray, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { households, residents } from '../registry/people.tables.ts';
import { buildings, dwellings, estates } from '../registry/places.tables.ts';
import { householdLinks, liaisonHouseholds, partyMembers } from './party.tables.ts';

export type LiaisonRow = typeof liaisonHouseholds.$inferSelect;

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;
const under = (col: AnyColumn | SQL, path: string) => sql`${col} LIKE ${escapeLike(path) + '%'}`;

/** Serializes link changes inside one community: the checks (household free, not a liaison) and the writes happen under it. */
export async function lockCommunityLinks(tx: DbOrTx, communityKey: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7340051, ${communityKey})`);
}

// ---- liaison households

export async function findLiaison(sdb: ScopedDb, id: number): Promise<LiaisonRow | undefined> {
  const [r] = await sdb.db.select().from(liaisonHouseholds).where(and(eq(liaisonHouseholds.id, id), sdb.inScope(liaisonHouseholds.regionPath)));
  return r;
}

export async function unscopedLiaisonExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: liaisonHouseholds.id }).from(liaisonHouseholds).where(eq(liaisonHouseholds.id, id));
  return !!r;
}

/** The active liaison row of a household, wherever it is (duplicates are refused system-wide). */
export async function activeLiaisonOfHousehold(db: DbOrTx, householdId: number): Promise<LiaisonRow | undefined> {
  const [r] = await db.select().from(liaisonHouseholds).where(and(eq(liaisonHouseholds.householdId, householdId), isNull(liaisonHouseholds.archivedAt)));
  return r;
}

export async function activeLiaisonOfMember(db: DbOrTx, memberId: number): Promise<LiaisonRow | undefined> {
  const [r] = await db.select().from(liaisonHouseholds).where(and(eq(liaisonHouseholds.memberId, memberId), isNull(liaisonHouseholds.archivedAt)));
  return r;
}

export async function insertLiaison(tx: DbOrTx, values: typeof liaisonHouseholds.$inferInsert): Promise<LiaisonRow> {
  const [r] = await tx.insert(liaisonHouseholds).values(values).returning();
  return r;
}

export async function updateLiaison(tx: DbOrTx, id: number, version: number, patch: Partial<typeof liaisonHouseholds.$inferInsert>): Promise<LiaisonRow | null> {
  const [r] = await tx
    .update(liaisonHouseholds)
    .set({ ...patch, version: sql`${liaisonHouseholds.version} + 1`, updatedAt: new Date() })
    .where(and(eq(liaisonHouseholds.id, id), eq(liaisonHouseholds.version, version)))
    .returning();
  return r ?? null;
}

export interface LiaisonListRow {
  liaison: LiaisonRow;
  householdNumber: string;
  memberName: string | null;
  leaderName: string | null;
  regionName: string | null;
  linkedCount: number;
}

export interface LiaisonFilter {
  path?: string;
  leaderMemberId?: number;
  ids?: number[];
  includeArchived?: boolean;
}

const member = alias(partyMembers, 'm');
const leader = alias(partyMembers, 'ldr');

function liaisonWhere(sdb: ScopedDb, f: LiaisonFilter): SQL {
  const c: SQL[] = [sdb.inScope(liaisonHouseholds.regionPath)];
  if (!f.includeArchived) c.push(sql`${liaisonHouseholds.archivedAt} IS NULL`);
  if (f.path) c.push(under(liaisonHouseholds.regionPath, f.path));
  if (f.leaderMemberId !== undefined) c.push(eq(liaisonHouseholds.leaderMemberId, f.leaderMemberId));
  if (f.ids) c.push(f.ids.length ? inArray(liaisonHouseholds.id, f.ids) : sql`false`);
  return and(...c)!;
}

export async function listLiaisons(sdb: ScopedDb, f: LiaisonFilter, limit = 500, offset = 0): Promise<LiaisonListRow[]> {
  const rows = await sdb.db
    .select({
      liaison: liaisonHouseholds,
      householdNumber: households.number,
      memberName: member.name,
      leaderName: leader.name,
      regionName: regions.name,
      // Households that have since been archived (moved away) no longer count towards the range.
      linkedCount: sql<number>`(SELECT count(*)::int FROM household_links hl JOIN households lh_h ON lh_h.id = hl.household_id AND lh_h.archived_at IS NULL
        WHERE hl.liaison_id = "liaison_households"."id" AND hl.archived_at IS NULL)`,
    })
    .from(liaisonHouseholds)
    .innerJoin(households, eq(households.id, liaisonHouseholds.householdId))
    .leftJoin(member, eq(member.id, liaisonHouseholds.memberId))
    .leftJoin(leader, eq(leader.id, liaisonHouseholds.leaderMemberId))
    .leftJoin(regions, eq(regions.id, liaisonHouseholds.regionId))
    .where(liaisonWhere(sdb, f))
    .orderBy(asc(households.number), asc(liaisonHouseholds.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({ ...r, linkedCount: Number(r.linkedCount) }));
}

export async function countLiaisons(sdb: ScopedDb, f: LiaisonFilter): Promise<number> {
  const [r] = await sdb.db.select({ n: sql<number>`count(*)::int` }).from(liaisonHouseholds).where(liaisonWhere(sdb, f));
  return Number(r.n);
}

/** How many active liaison households each leader links (everywhere: the rule is about the person). */
export async function leaderLoads(db: DbOrTx, leaderIds: number[]): Promise<Map<number, number>> {
  if (leaderIds.length === 0) return new Map();
  const rows = await db
    .select({ leader: liaisonHouseholds.leaderMemberId, n: sql<number>`count(*)::int` })
    .from(liaisonHouseholds)
    .where(and(inArray(liaisonHouseholds.leaderMemberId, [...new Set(leaderIds)]), isNull(liaisonHouseholds.archivedAt)))
    .groupBy(liaisonHouseholds.leaderMemberId);
  return new Map(rows.map((r) => [Number(r.leader), Number(r.n)]));
}

// ---- links

export async function activeLinks(db: DbOrTx, liaisonId: number): Promise<{ householdId: number; linkedOn: string }[]> {
  return db
    .select({ householdId: householdLinks.householdId, linkedOn: householdLinks.linkedOn })
    .from(householdLinks)
    .where(and(eq(householdLinks.liaisonId, liaisonId), isNull(householdLinks.archivedAt)))
    .orderBy(asc(householdLinks.householdId));
}

/** Active links of the given households to liaisons other than `exceptLiaisonId`, naming the liaison. */
export async function linksElsewhere(db: DbOrTx, householdIds: number[], exceptLiaisonId: number | null) {
  if (householdIds.length === 0) return [];
  return db
    .select({ householdId: householdLinks.householdId, liaisonId: householdLinks.liaisonId, memberName: member.name, liaisonHouseholdNumber: households.number })
    .from(householdLinks)
    .innerJoin(liaisonHouseholds, eq(liaisonHouseholds.id, householdLinks.liaisonId))
    .innerJoin(households, eq(households.id, liaisonHouseholds.householdId))
    .leftJoin(member, eq(member.id, liaisonHouseholds.memberId))
    .where(
      and(
        inArray(householdLinks.householdId, householdIds),
        isNull(householdLinks.archivedAt),
        exceptLiaisonId === null ? sql`true` : sql`${householdLinks.liaisonId} <> ${exceptLiaisonId}`,
      ),
    );
}

/** Active liaison rows among the given households (a liaison household is not linked to another). */
export async function liaisonsAmong(db: DbOrTx, householdIds: number[]): Promise<LiaisonRow[]> {
  if (householdIds.length === 0) return [];
  return db.select().from(liaisonHouseholds).where(and(inArray(liaisonHouseholds.householdId, householdIds), isNull(liaisonHouseholds.archivedAt)));
}

export async function insertLinks(tx: DbOrTx, liaisonId: number, householdIds: number[]): Promise<void> {
  if (householdIds.length === 0) return;
  await tx.insert(householdLinks).values(householdIds.map((householdId) => ({ liaisonId, householdId })));
}

/** Ends links of a liaison: the given households, or all of them. */
export async function archiveLinks(tx: DbOrTx, liaisonId: number, householdIds?: number[]): Promise<void> {
  if (householdIds && householdIds.length === 0) return;
  await tx
    .update(householdLinks)
    .set({ archivedAt: new Date() })
    .where(and(eq(householdLinks.liaisonId, liaisonId), isNull(householdLinks.archivedAt), householdIds ? inArray(householdLinks.householdId, householdIds) : sql`true`));
}

// ---- registry rows the links stand on

export interface HouseholdRef {
  id: number;
  number: string;
  regionId: number;
  regionPath: string;
  archivedAt: Date | null;
}

export async function householdsInScope(sdb: ScopedDb, ids: number[]): Promise<HouseholdRef[]> {
  if (ids.length === 0) return [];
  return sdb.db
    .select({ id: households.id, number: households.number, regionId: households.regionId, regionPath: households.regionPath, archivedAt: households.archivedAt })
    .from(households)
    .where(and(inArray(households.id, ids), sdb.inScope(households.regionPath)));
}

export async function existingHouseholdIds(db: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: households.id }).from(households).where(inArray(households.id, ids));
  return new Set(rows.map((r) => r.id));
}

export interface HouseholdCard {
  id: number;
  number: string;
  regionId: number;
  regionName: string | null;
  headName: string | null;
  estate: string | null;
  building: string | null;
  unitNumber: number | null;
  room: string | null;
  archivedAt: Date | null;
}

/** Households with their head's name and their dwelling's place, for display. */
export async function householdCards(db: DbOrTx, ids: number[]): Promise<Map<number, HouseholdCard>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: households.id,
      number: households.number,
      regionId: households.regionId,
      regionName: regions.name,
      headName: residents.name,
      estate: estates.name,
      building: buildings.number,
      unitNumber: dwellings.unitNumber,
      room: dwellings.number,
      archivedAt: households.archivedAt,
    })
    .from(households)
    .leftJoin(residents, eq(residents.id, households.headResidentId))
    .leftJoin(dwellings, eq(dwellings.id, households.dwellingId))
    .leftJoin(buildings, eq(buildings.id, dwellings.buildingId))
    .leftJoin(estates, eq(estates.id, buildings.estateId))
    .leftJoin(regions, eq(regions.id, households.regionId))
    .where(inArray(households.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface MemberRef {
  id: number;
  name: string;
  residentId: number | null;
  regionId: number;
  regionPath: string;
  archivedAt: Date | null;
}

export async function findMember(sdb: ScopedDb, id: number): Promise<MemberRef | undefined> {
  const [r] = await sdb.db
    .select({ id: partyMembers.id, name: partyMembers.name, residentId: partyMembers.residentId, regionId: partyMembers.regionId, regionPath: partyMembers.regionPath, archivedAt: partyMembers.archivedAt })
    .from(partyMembers)
    .where(and(eq(partyMembers.id, id), sdb.inScope(partyMembers.regionPath)));
  return r;
}

export async function unscopedMemberExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: partyMembers.id }).from(partyMembers).where(eq(partyMembers.id, id));
  return !!r;
}

/** The household a resident lives in now (null when none or archived). */
export async function residentHouseholdId(db: DbOrTx, residentId: number): Promise<number | null> {
  const [r] = await db.select({ householdId: residents.householdId, archivedAt: residents.archivedAt }).from(residents).where(eq(residents.id, residentId));
  return r && !r.archivedAt ? r.householdId : null;
}

// ---- reports

const linkedSql = sql`(EXISTS (SELECT 1 FROM household_links hl JOIN liaison_households lh ON lh.id = hl.liaison_id AND lh.archived_at IS NULL
    WHERE hl.household_id = h.id AND hl.archived_at IS NULL)
  OR EXISTS (SELECT 1 FROM liaison_households own WHERE own.household_id = h.id AND own.archived_at IS NULL))`;

/**
 * Households under `path` by the child region they lie in (the id at `depth + 1` of their path;
 * '' for households placed on the region itself), with how many are linked. One pass over the
 * path index.
 */
export async function householdsByChild(sdb: ScopedDb, path: string, depth: number): Promise<{ child: string; households: number; linked: number }[]> {
  const res = await sdb.db.execute(sql`SELECT split_part(h.region_path, '/', ${depth + 2}) AS child, count(*)::int AS households,
      count(*) FILTER (WHERE ${linkedSql})::int AS linked
    FROM households h
    WHERE h.archived_at IS NULL AND h.region_path LIKE ${escapeLike(path) + '%'} AND ${sdb.inScope(sql`h.region_path`)}
    GROUP BY 1`);
  return rowsOf<{ child: string; households: number; linked: number }>(res).map((r) => ({ child: r.child, households: Number(r.households), linked: Number(r.linked) }));
}

export interface UnlinkedFilter {
  path: string;
  buildingId?: number;
}

function unlinkedWhere(sdb: ScopedDb, f: UnlinkedFilter): SQL {
  const c: SQL[] = [sql`h.archived_at IS NULL`, sql`h.region_path LIKE ${escapeLike(f.path) + '%'}`, sdb.inScope(sql`h.region_path`), sql`NOT ${linkedSql}`];
  if (f.buildingId !== undefined) c.push(sql`h.dwelling_id IN (SELECT d.id FROM dwellings d WHERE d.building_id = ${f.buildingId})`);
  return sql.join(c, sql` AND `);
}

export async function unlinkedHouseholds(sdb: ScopedDb, f: UnlinkedFilter, limit: number, offset: number): Promise<number[]> {
  const res = await sdb.db.execute(sql`SELECT h.id FROM households h WHERE ${unlinkedWhere(sdb, f)} ORDER BY h.number LIMIT ${limit} OFFSET ${offset}`);
  return rowsOf<{ id: number }>(res).map((r) => Number(r.id));
}

export async function countUnlinked(sdb: ScopedDb, f: UnlinkedFilter): Promise<number> {
  const res = await sdb.db.execute(sql`SELECT count(*)::int AS n FROM households h WHERE ${unlinkedWhere(sdb, f)}`);
  return Number(rowsOf<{ n: number }>(res)[0].n);
}

export interface DwellingHousehold {
  id: number;
  number: string;
  dwellingId: number;
  headName: string | null;
  liaisonId: number | null;
  ownLiaisonId: number | null;
}

/** Active households of the given dwellings in scope, with their link and liaison state. */
export async function householdsOfDwellings(sdb: ScopedDb, dwellingIds: number[]): Promise<DwellingHousehold[]> {
  if (dwellingIds.length === 0) return [];
  const rows = await sdb.db
    .select({
      id: households.id,
      number: households.number,
      dwellingId: households.dwellingId,
      headName: residents.name,
      liaisonId: sql<number | null>`(SELECT hl.liaison_id FROM household_links hl WHERE hl.household_id = "households"."id" AND hl.archived_at IS NULL LIMIT 1)`,
      ownLiaisonId: sql<number | null>`(SELECT lh.id FROM liaison_households lh WHERE lh.household_id = "households"."id" AND lh.archived_at IS NULL LIMIT 1)`,
    })
    .from(households)
    .leftJoin(residents, eq(residents.id, households.headResidentId))
    .where(and(inArray(households.dwellingId, dwellingIds), isNull(households.archivedAt), sdb.inScope(households.regionPath)))
    .orderBy(asc(households.number));
  return rows.map((r) => ({
    ...r,
    dwellingId: Number(r.dwellingId),
    liaisonId: r.liaisonId === null ? null : Number(r.liaisonId),
    ownLiaisonId: r.ownLiaisonId === null ? null : Number(r.ownLiaisonId),
  }));
}

export async function buildingInScope(sdb: ScopedDb, id: number): Promise<boolean> {
  const [r] = await sdb.db.select({ id: buildings.id }).from(buildings).where(and(eq(buildings.id, id), sdb.inScope(buildings.regionPath)));
  return !!r;
}

export async function unscopedBuildingExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: buildings.id }).from(buildings).where(eq(buildings.id, id));
  return !!r;
}

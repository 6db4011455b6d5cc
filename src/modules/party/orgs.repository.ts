// All queries of party organizations (党组织) and their officers. Reads filter by scope; the
// registry's estates, buildings and institutions are read (never written) for names and checks.
import { and, asc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { organizations } from '../registry/people.tables.ts';
import { buildings, estates } from '../registry/places.tables.ts';
import { partyMembers, partyOrgOfficers, partyOrgs } from './party.tables.ts';

export type OrgRow = typeof partyOrgs.$inferSelect;
export type NewOrgRow = typeof partyOrgs.$inferInsert;
export type OrgListRow = OrgRow & {
  regionName: string;
  regionLevel: number;
  estateName: string | null;
  buildingNumber: string | null;
  buildingEstate: string | null;
  institutionName: string | null;
};

export interface OrgFilters {
  regionPath?: string;
  kind?: string;
  q?: string;
  includeArchived?: boolean;
  ids?: number[];
}

const select = (db: DbOrTx) =>
  db
    .select({
      org: partyOrgs,
      regionName: regions.name,
      regionLevel: regions.level,
      estateName: sql<string | null>`(SELECT e.name FROM estates e WHERE e.id = "party_orgs"."estate_id")`,
      buildingNumber: sql<string | null>`(SELECT b.number FROM buildings b WHERE b.id = "party_orgs"."building_id")`,
      buildingEstate: sql<string | null>`(SELECT e.name FROM buildings b JOIN estates e ON e.id = b.estate_id WHERE b.id = "party_orgs"."building_id")`,
      institutionName: sql<string | null>`(SELECT o.name FROM organizations o WHERE o.id = "party_orgs"."institution_id")`,
    })
    .from(partyOrgs)
    .innerJoin(regions, eq(regions.id, partyOrgs.regionId));
type Joined = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];
const flat = (r: Joined): OrgListRow => ({
  ...r.org,
  regionName: r.regionName,
  regionLevel: Number(r.regionLevel),
  estateName: r.estateName,
  buildingNumber: r.buildingNumber,
  buildingEstate: r.buildingEstate,
  institutionName: r.institutionName,
});

function where(sdb: ScopedDb, f: OrgFilters): SQL {
  const conds: SQL[] = [sdb.inScope(partyOrgs.regionPath)];
  if (!f.includeArchived) conds.push(isNull(partyOrgs.archivedAt));
  if (f.regionPath) conds.push(sql`${partyOrgs.regionPath} LIKE ${`${escapeLike(f.regionPath)}%`}`);
  if (f.kind) conds.push(eq(partyOrgs.kind, f.kind));
  if (f.q) conds.push(sql`${partyOrgs.name} LIKE ${`%${escapeLike(f.q)}%`}`);
  if (f.ids) conds.push(f.ids.length ? inArray(partyOrgs.id, f.ids) : sql`false`);
  return and(...conds)!;
}

/** Listed root first: by region path, then kind order is the client's business; id keeps it stable. */
export async function listOrgs(sdb: ScopedDb, f: OrgFilters, limit = 10_000): Promise<OrgListRow[]> {
  return (await select(sdb.db).where(where(sdb, f)).orderBy(asc(partyOrgs.regionPath), asc(partyOrgs.id)).limit(limit)).map(flat);
}

export async function findOrg(sdb: ScopedDb, id: number): Promise<OrgListRow | undefined> {
  const [r] = await select(sdb.db).where(and(eq(partyOrgs.id, id), sdb.inScope(partyOrgs.regionPath)));
  return r ? flat(r) : undefined;
}

export async function unscopedOrgExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: partyOrgs.id }).from(partyOrgs).where(eq(partyOrgs.id, id));
  return !!r;
}

export async function insertOrg(db: DbOrTx, values: NewOrgRow): Promise<OrgRow> {
  const [r] = await db.insert(partyOrgs).values(values).returning();
  return r;
}

export async function updateOrg(db: DbOrTx, id: number, version: number, patch: Partial<NewOrgRow>): Promise<OrgRow | null> {
  const [r] = await db
    .update(partyOrgs)
    .set({ ...patch, version: sql`${partyOrgs.version} + 1`, updatedAt: new Date() })
    .where(and(eq(partyOrgs.id, id), eq(partyOrgs.version, version)))
    .returning();
  return r ?? null;
}

/** Serializes writes touching one organization (officers, archive against a new child or member). */
export async function lockOrg(db: DbOrTx, id: number): Promise<void> {
  await db.execute(sql`SELECT id FROM party_orgs WHERE id = ${id} FOR UPDATE`);
}

export async function raw<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  const res = (await db.execute(q)) as unknown as { rows: T[] };
  return res.rows;
}

/**
 * Active members per organization: recorded in it (direct) and in it or anywhere under it (total).
 * Direct counts of the listed organizations and everything under them are read once, then summed
 * up the tree here: linear in the organizations, however deep the tree.
 */
export async function memberCounts(db: DbOrTx, ids: number[]): Promise<Map<number, { direct: number; total: number }>> {
  const out = new Map<number, { direct: number; total: number }>();
  if (ids.length === 0) return out;
  const rows = await raw<{ id: number; parentId: number | null; direct: number }>(
    db,
    sql`WITH RECURSIVE d(id, parent_id) AS (
          SELECT o.id, o.parent_id FROM party_orgs o WHERE o.id = ANY(${sql.param(ids)}::int[])
          UNION
          SELECT c.id, c.parent_id FROM party_orgs c JOIN d ON c.parent_id = d.id WHERE c.archived_at IS NULL
        )
        SELECT d.id::int AS id, d.parent_id::int AS "parentId",
               (SELECT count(*) FROM party_members m WHERE m.org_id = d.id AND m.archived_at IS NULL)::int AS direct
        FROM d`,
  );
  const direct = new Map(rows.map((r) => [Number(r.id), Number(r.direct)]));
  const children = new Map<number, number[]>();
  for (const r of rows) {
    if (r.parentId === null) continue;
    const p = Number(r.parentId);
    if (!children.has(p)) children.set(p, []);
    children.get(p)!.push(Number(r.id));
  }
  const totals = new Map<number, number>();
  // Iterative post-order (a deep or corrupt tree must not overflow the stack); `seen` stops loops.
  const totalOf = (root: number): number => {
    const stack: [number, boolean][] = [[root, false]];
    const seen = new Set<number>();
    while (stack.length) {
      const [id, expanded] = stack.pop()!;
      if (totals.has(id)) continue;
      if (expanded) {
        totals.set(id, (direct.get(id) ?? 0) + (children.get(id) ?? []).reduce((s, c) => s + (totals.get(c) ?? 0), 0));
        continue;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push([id, true]);
      for (const c of children.get(id) ?? []) if (!totals.has(c)) stack.push([c, false]);
    }
    return totals.get(root) ?? 0;
  };
  for (const id of ids) out.set(id, { direct: direct.get(id) ?? 0, total: totalOf(id) });
  return out;
}

/** The organization and every active one under it (ids). */
export async function subtreeIds(db: DbOrTx, id: number): Promise<number[]> {
  const rows = await raw<{ id: number }>(
    db,
    sql`WITH RECURSIVE sub(id) AS (
          SELECT ${id}::int
          UNION ALL
          SELECT c.id FROM party_orgs c JOIN sub s ON c.parent_id = s.id WHERE c.archived_at IS NULL
        ) SELECT id::int AS id FROM sub`,
  );
  return rows.map((r) => Number(r.id));
}

/** The organization and its ancestors, nearest first (ids). A guard stops on a corrupt loop. */
export async function ancestorIds(db: DbOrTx, id: number): Promise<number[]> {
  const rows = await raw<{ id: number }>(
    db,
    sql`WITH RECURSIVE up(id, parent_id, depth) AS (
          SELECT o.id, o.parent_id, 0 FROM party_orgs o WHERE o.id = ${id}
          UNION ALL
          SELECT p.id, p.parent_id, u.depth + 1 FROM party_orgs p JOIN up u ON p.id = u.parent_id WHERE u.depth < 50
        ) SELECT id::int AS id FROM up ORDER BY depth`,
  );
  return rows.map((r) => Number(r.id));
}

export interface ChildRow {
  id: number;
  kind: string;
  name: string;
  regionPath: string;
}

export async function activeChildren(db: DbOrTx, id: number): Promise<ChildRow[]> {
  return db
    .select({ id: partyOrgs.id, kind: partyOrgs.kind, name: partyOrgs.name, regionPath: partyOrgs.regionPath })
    .from(partyOrgs)
    .where(and(eq(partyOrgs.parentId, id), isNull(partyOrgs.archivedAt)))
    .orderBy(asc(partyOrgs.id));
}

export async function activeMemberCount(db: DbOrTx, orgId: number): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(partyMembers).where(and(eq(partyMembers.orgId, orgId), isNull(partyMembers.archivedAt)));
  return Number(r.n);
}

/** An active organization of the same name in the same region (names are how offices find them). */
export async function sameName(db: DbOrTx, regionId: number, name: string, selfId: number | null): Promise<OrgRow | undefined> {
  const [r] = await db
    .select()
    .from(partyOrgs)
    .where(and(eq(partyOrgs.regionId, regionId), eq(partyOrgs.name, name), isNull(partyOrgs.archivedAt), selfId ? ne(partyOrgs.id, selfId) : sql`true`));
  return r;
}

export interface OfficerRow {
  orgId: number;
  memberId: number;
  role: string;
  fromOn: string | null;
  name: string;
  memberOrgId: number;
  memberOrgName: string;
}

export async function officersOf(db: DbOrTx, orgIds: number[]): Promise<OfficerRow[]> {
  if (orgIds.length === 0) return [];
  return db
    .select({
      orgId: partyOrgOfficers.orgId,
      memberId: partyOrgOfficers.memberId,
      role: partyOrgOfficers.role,
      fromOn: partyOrgOfficers.fromOn,
      name: partyMembers.name,
      memberOrgId: partyMembers.orgId,
      memberOrgName: sql<string>`(SELECT o.name FROM party_orgs o WHERE o.id = "party_members"."org_id")`,
    })
    .from(partyOrgOfficers)
    .innerJoin(partyMembers, eq(partyMembers.id, partyOrgOfficers.memberId))
    .where(inArray(partyOrgOfficers.orgId, orgIds))
    .orderBy(asc(partyOrgOfficers.orgId), sql`CASE ${partyOrgOfficers.role} WHEN 'secretary' THEN 0 WHEN 'deputySecretary' THEN 1 ELSE 2 END`, asc(partyOrgOfficers.id));
}

export async function replaceOfficers(db: DbOrTx, orgId: number, rows: { memberId: number; role: string; fromOn: string | null }[]): Promise<void> {
  await db.delete(partyOrgOfficers).where(eq(partyOrgOfficers.orgId, orgId));
  if (rows.length) await db.insert(partyOrgOfficers).values(rows.map((r) => ({ orgId, ...r })));
}

/** Posts a member holds (all organizations). */
export async function postsOf(db: DbOrTx, memberId: number): Promise<{ orgId: number; orgName: string; role: string }[]> {
  return db
    .select({ orgId: partyOrgOfficers.orgId, orgName: partyOrgs.name, role: partyOrgOfficers.role })
    .from(partyOrgOfficers)
    .innerJoin(partyOrgs, eq(partyOrgs.id, partyOrgOfficers.orgId))
    .where(eq(partyOrgOfficers.memberId, memberId))
    .orderBy(asc(partyOrgOfficers.orgId));
}

/** Drops a member's posts, except in the organizations listed (those whose subtree still holds them). */
export async function dropPosts(db: DbOrTx, memberId: number, keepOrgIds: number[]): Promise<number> {
  const rows = await db
    .delete(partyOrgOfficers)
    .where(and(eq(partyOrgOfficers.memberId, memberId), keepOrgIds.length ? sql`${partyOrgOfficers.orgId} <> ALL(${sql.param(keepOrgIds)}::int[])` : sql`true`))
    .returning({ id: partyOrgOfficers.id });
  return rows.length;
}

// --- Registry rows an organization may be attached to (read only) ---------------------------------

export interface AttachRef {
  id: number;
  name: string;
  regionId: number;
  regionPath: string;
  archivedAt: Date | null;
}

export async function findEstate(sdb: ScopedDb, id: number): Promise<AttachRef | undefined> {
  const [r] = await sdb.db
    .select({ id: estates.id, name: estates.name, regionId: estates.regionId, regionPath: estates.regionPath, archivedAt: estates.archivedAt })
    .from(estates)
    .where(and(eq(estates.id, id), sdb.inScope(estates.regionPath)));
  return r;
}

export async function unscopedEstateExists(db: DbOrTx, id: number): Promise<boolean> {
  return (await db.select({ id: estates.id }).from(estates).where(eq(estates.id, id))).length > 0;
}

export async function findBuilding(sdb: ScopedDb, id: number): Promise<AttachRef | undefined> {
  const [r] = await sdb.db
    .select({
      id: buildings.id,
      name: sql<string>`concat_ws(' ', (SELECT e.name FROM estates e WHERE e.id = "buildings"."estate_id"), ${buildings.number})`,
      regionId: buildings.regionId,
      regionPath: buildings.regionPath,
      archivedAt: buildings.archivedAt,
    })
    .from(buildings)
    .where(and(eq(buildings.id, id), sdb.inScope(buildings.regionPath)));
  return r;
}

export async function unscopedBuildingExists(db: DbOrTx, id: number): Promise<boolean> {
  return (await db.select({ id: buildings.id }).from(buildings).where(eq(buildings.id, id))).length > 0;
}

/** A registry organization (any kind; the caller checks it is a resident institution). */
export async function findRegistryOrg(sdb: ScopedDb, id: number): Promise<(AttachRef & { kind: string }) | undefined> {
  const [r] = await sdb.db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, regionId: organizations.regionId, regionPath: organizations.regionPath, archivedAt: organizations.archivedAt })
    .from(organizations)
    .where(and(eq(organizations.id, id), sdb.inScope(organizations.regionPath)));
  return r;
}

export async function unscopedRegistryOrgExists(db: DbOrTx, id: number): Promise<boolean> {
  return (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id))).length > 0;
}

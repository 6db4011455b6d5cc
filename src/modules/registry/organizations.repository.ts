// All queries of organizations (组织) and their members. Reads filter by scope; residents and
// estates referenced by an organization are looked up in the same scope.
import { keysIn } from '../../shared/sql-keys.ts';
import { and, asc, count, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { organizationMembers, organizations, residents } from './people.tables.ts';
import { estates } from './places.tables.ts';
import { textMatch } from './places.repository.ts';

export type OrgRow = typeof organizations.$inferSelect;
export type NewOrgRow = typeof organizations.$inferInsert;
export type OrgListRow = OrgRow & { regionCode: string; regionName: string; regionLevel: number; estateName: string | null; memberCount: number; activeMembers: number; partyMembers: number };

export interface OrgFilters {
  regionPath?: string;
  kind?: string;
  subkind?: string;
  q?: string;
}

const memberCount = sql<number>`(SELECT count(*)::int FROM organization_members m WHERE m.organization_id = "organizations"."id")`;
// The party share of an owners' committee (红色业委会), counted over members whose resident record
// is active; other kinds skip the count.
const shareOf = (party: boolean) =>
  sql<number>`(CASE WHEN "organizations"."kind" = 'ownersCommittee' THEN (SELECT count(*)::int FROM organization_members m JOIN residents r ON r.id = m.resident_id
    WHERE m.organization_id = "organizations"."id" AND r.archived_at IS NULL${party ? sql` AND r.political_status IN ('partyMember', 'probationaryMember')` : sql``}) ELSE 0 END)`;
const select = (db: DbOrTx) =>
  db
    .select({ org: organizations, regionCode: regions.code, regionName: regions.name, regionLevel: regions.level, estateName: estates.name, memberCount, activeMembers: shareOf(false), partyMembers: shareOf(true) })
    .from(organizations)
    .innerJoin(regions, eq(regions.id, organizations.regionId))
    .leftJoin(estates, eq(estates.id, organizations.estateId));
type Joined = { org: OrgRow; regionCode: string; regionName: string; regionLevel: number; estateName: string | null; memberCount: number; activeMembers: number; partyMembers: number };
const flat = (r: Joined): OrgListRow => ({
  ...r.org,
  regionCode: r.regionCode,
  regionName: r.regionName,
  regionLevel: r.regionLevel,
  estateName: r.estateName,
  memberCount: Number(r.memberCount),
  activeMembers: Number(r.activeMembers),
  partyMembers: Number(r.partyMembers),
});

function where(sdb: ScopedDb, f: OrgFilters): SQL {
  const conds: SQL[] = [sdb.inScope(organizations.regionPath), isNull(organizations.archivedAt)];
  if (f.regionPath) conds.push(sql`${organizations.regionPath} LIKE ${`${escapeLike(f.regionPath)}%`}`);
  if (f.kind) conds.push(eq(organizations.kind, f.kind));
  if (f.subkind) conds.push(eq(organizations.subkind, f.subkind));
  if (f.q) conds.push(textMatch(organizations.name, organizations.nameInitials, organizations.address, f.q));
  return and(...conds)!;
}

export async function listOrgs(sdb: ScopedDb, f: OrgFilters, limit: number, offset: number): Promise<{ rows: OrgListRow[]; total: number }> {
  const rows = await select(sdb.db).where(where(sdb, f)).orderBy(asc(organizations.id)).limit(limit).offset(offset);
  const [{ n }] = await sdb.db.select({ n: count() }).from(organizations).where(where(sdb, f));
  return { rows: rows.map(flat), total: Number(n) };
}

export async function pageAfter(sdb: ScopedDb, f: OrgFilters, afterId: number, limit: number): Promise<OrgListRow[]> {
  return (await select(sdb.db).where(and(where(sdb, f), gt(organizations.id, afterId))).orderBy(asc(organizations.id)).limit(limit)).map(flat);
}

export async function findOrg(sdb: ScopedDb, id: number): Promise<OrgListRow | undefined> {
  const [r] = await select(sdb.db).where(and(eq(organizations.id, id), sdb.inScope(organizations.regionPath)));
  return r ? flat(r) : undefined;
}

export async function unscopedOrgExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id));
  return !!r;
}

/** Active organizations matching any natural key: a credit code, or (kind, region, name). */
export async function activeByKeys(db: DbOrTx, creditCodes: string[], names: { kind: string; regionId: number; name: string }[]): Promise<OrgRow[]> {
  const conds: SQL[] = [];
  if (creditCodes.length) conds.push(inArray(organizations.creditCode, creditCodes));
  if (names.length) {
    conds.push(keysIn([sql`${organizations.kind}`, sql`${organizations.regionId}`, sql`${organizations.name}`], ['text', 'int', 'text'], names.map((k) => [k.kind, k.regionId, k.name])));
  }
  if (conds.length === 0) return [];
  return db.select().from(organizations).where(and(isNull(organizations.archivedAt), or(...conds)));
}

export async function insertOrgs(db: DbOrTx, rows: NewOrgRow[]): Promise<OrgRow[]> {
  if (rows.length === 0) return [];
  return db.insert(organizations).values(rows).returning();
}

export async function updateOrg(db: DbOrTx, id: number, version: number, patch: Partial<NewOrgRow>): Promise<OrgRow | null> {
  const [r] = await db
    .update(organizations)
    .set({ ...patch, version: sql`${organizations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(organizations.id, id), eq(organizations.version, version)))
    .returning();
  return r ?? null;
}

export interface MemberRow {
  residentId: number;
  name: string;
  idNumberMasked: string;
  role: string;
  joinedOn: string | null;
}

export async function listMembers(db: DbOrTx, orgId: number): Promise<MemberRow[]> {
  return db
    .select({ residentId: organizationMembers.residentId, name: residents.name, idNumberMasked: residents.idNumberMasked, role: organizationMembers.role, joinedOn: organizationMembers.joinedOn })
    .from(organizationMembers)
    .innerJoin(residents, eq(residents.id, organizationMembers.residentId))
    .where(eq(organizationMembers.organizationId, orgId))
    .orderBy(asc(organizationMembers.residentId));
}

export async function replaceMembers(db: DbOrTx, orgId: number, members: { residentId: number; role: string; joinedOn: string | null }[]): Promise<void> {
  await db.delete(organizationMembers).where(eq(organizationMembers.organizationId, orgId));
  if (members.length) await db.insert(organizationMembers).values(members.map((m) => ({ organizationId: orgId, ...m })));
}

/** Residents among `ids` that the caller may see (archived ones included, so the caller can say why). */
export async function residentsInScope(sdb: ScopedDb, ids: number[]): Promise<{ id: number; name: string; archivedAt: Date | null }[]> {
  if (ids.length === 0) return [];
  return sdb.db
    .select({ id: residents.id, name: residents.name, archivedAt: residents.archivedAt })
    .from(residents)
    .where(and(inArray(residents.id, ids), sdb.inScope(residents.regionPath)));
}

/** Unscoped: which of `ids` exist at all (to tell 403 from 404). */
export async function unscopedResidentIds(db: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  return new Set((await db.select({ id: residents.id }).from(residents).where(inArray(residents.id, ids))).map((r) => r.id));
}

export type EstateRef = { id: number; name: string; regionPath: string; archivedAt: Date | null };
const estateCols = { id: estates.id, name: estates.name, regionPath: estates.regionPath, archivedAt: estates.archivedAt };

export async function findEstate(sdb: ScopedDb, id: number): Promise<EstateRef | undefined> {
  const [r] = await sdb.db.select(estateCols).from(estates).where(and(eq(estates.id, id), sdb.inScope(estates.regionPath)));
  return r;
}

export async function unscopedEstateExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: estates.id }).from(estates).where(eq(estates.id, id));
  return !!r;
}

/** Active estates in scope by name (imports name the estate, not its id). */
export async function activeEstatesByNames(sdb: ScopedDb, names: string[]): Promise<EstateRef[]> {
  if (names.length === 0) return [];
  return sdb.db.select(estateCols).from(estates).where(and(inArray(estates.name, names), isNull(estates.archivedAt), sdb.inScope(estates.regionPath)));
}

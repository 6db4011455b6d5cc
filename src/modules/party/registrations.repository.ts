// All queries of dual registration (双报到): registrations placed at their community (scope is the
// registration's region path), their pioneer posts, pledges and service records, the party
// organizations and members they refer to, and the facts of the coverage report.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { organizations } from '../registry/people.tables.ts';
import { dualRegistrations, partyMembers, partyOrgs, pioneerPosts, pledges, registrationServices } from './party.tables.ts';
import type { CoverageMember, CoverageOrg, CoverageRegistration } from './registrations.coverage.ts';

export type RegistrationRowRaw = typeof dualRegistrations.$inferSelect;
export type NewRegistrationRow = typeof dualRegistrations.$inferInsert;

// Correlated counts, qualified by hand (drizzle leaves the outer table's columns unqualified in a subquery).
const postCount = sql<number>`(SELECT count(*)::int FROM pioneer_posts p WHERE p.registration_id = "dual_registrations"."id" AND p.archived_at IS NULL)`;
const pledgeCounts = sql<string>`(SELECT concat_ws(',', count(*), count(*) FILTER (WHERE q.status = 'kept'), count(*) FILTER (WHERE q.status = 'pending'), count(*) FILTER (WHERE q.status = 'missed')) FROM pledges q WHERE q.registration_id = "dual_registrations"."id")`;
const hoursSum = sql<number>`(SELECT coalesce(sum(s.hours), 0)::float8 FROM registration_services s WHERE s.registration_id = "dual_registrations"."id")`;

export interface RegistrationRow extends RegistrationRowRaw {
  communityName: string;
  orgName: string | null;
  memberName: string | null;
  memberMobileMasked: string | null;
  institutionName: string | null;
  postCount: number;
  pledges: { total: number; kept: number; pending: number; missed: number };
  serviceHours: number;
}

const select = (db: DbOrTx) =>
  db
    .select({
      reg: dualRegistrations,
      communityName: regions.name,
      orgName: partyOrgs.name,
      memberName: partyMembers.name,
      memberMobileMasked: partyMembers.mobileMasked,
      institutionName: organizations.name,
      postCount,
      pledgeCounts,
      hoursSum,
    })
    .from(dualRegistrations)
    .innerJoin(regions, eq(regions.id, dualRegistrations.regionId))
    .leftJoin(partyOrgs, eq(partyOrgs.id, dualRegistrations.partyOrgId))
    .leftJoin(partyMembers, eq(partyMembers.id, dualRegistrations.memberId))
    .leftJoin(organizations, eq(organizations.id, dualRegistrations.institutionId));

type Joined = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];
function flat(r: Joined): RegistrationRow {
  const [total, kept, pending, missed] = String(r.pledgeCounts ?? '0,0,0,0').split(',').map(Number);
  return {
    ...r.reg,
    communityName: r.communityName,
    orgName: r.orgName,
    memberName: r.memberName,
    memberMobileMasked: r.memberMobileMasked,
    institutionName: r.institutionName,
    postCount: Number(r.postCount),
    pledges: { total, kept, pending, missed },
    serviceHours: Math.round(Number(r.hoursSum) * 10) / 10,
  };
}

export interface RegistrationFilters {
  communityPath?: string;
  institutionId?: number;
  partyOrgId?: number;
  memberId?: number;
  kind?: string;
  active?: boolean;
  q?: string;
}

function where(sdb: ScopedDb, f: RegistrationFilters): SQL {
  const conds: SQL[] = [sdb.inScope(dualRegistrations.regionPath), isNull(dualRegistrations.archivedAt)];
  if (f.communityPath) conds.push(sql`${dualRegistrations.regionPath} LIKE ${`${escapeLike(f.communityPath)}%`}`);
  if (f.institutionId) conds.push(eq(dualRegistrations.institutionId, f.institutionId));
  if (f.partyOrgId) conds.push(eq(dualRegistrations.partyOrgId, f.partyOrgId));
  if (f.memberId) conds.push(eq(dualRegistrations.memberId, f.memberId));
  if (f.kind) conds.push(eq(dualRegistrations.kind, f.kind));
  if (f.active === true) conds.push(isNull(dualRegistrations.deregisteredOn));
  if (f.active === false) conds.push(isNotNull(dualRegistrations.deregisteredOn));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(or(sql`${partyOrgs.name} ILIKE ${like}`, sql`${partyMembers.name} ILIKE ${like}`, sql`${organizations.name} ILIKE ${like}`)!);
  }
  return and(...conds)!;
}

export async function listRegistrations(sdb: ScopedDb, f: RegistrationFilters, limit: number, offset: number): Promise<{ rows: RegistrationRow[]; total: number }> {
  const rows = await select(sdb.db)
    .where(where(sdb, f))
    // Active first, newest registration first.
    .orderBy(sql`${dualRegistrations.deregisteredOn} IS NOT NULL`, desc(dualRegistrations.registeredOn), desc(dualRegistrations.id))
    .limit(limit)
    .offset(offset);
  const [{ n }] = await sdb.db
    .select({ n: count() })
    .from(dualRegistrations)
    .leftJoin(partyOrgs, eq(partyOrgs.id, dualRegistrations.partyOrgId))
    .leftJoin(partyMembers, eq(partyMembers.id, dualRegistrations.memberId))
    .leftJoin(organizations, eq(organizations.id, dualRegistrations.institutionId))
    .where(where(sdb, f));
  return { rows: rows.map(flat), total: Number(n) };
}

export async function findRegistration(sdb: ScopedDb, id: number): Promise<RegistrationRow | undefined> {
  const [r] = await select(sdb.db).where(and(eq(dualRegistrations.id, id), sdb.inScope(dualRegistrations.regionPath), isNull(dualRegistrations.archivedAt)));
  return r ? flat(r) : undefined;
}

export async function unscopedRegistrationExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: dualRegistrations.id }).from(dualRegistrations).where(and(eq(dualRegistrations.id, id), isNull(dualRegistrations.archivedAt)));
  return !!r;
}

export type Subject = { partyOrgId: number } | { memberId: number };
const subjectIs = (s: Subject): SQL => ('partyOrgId' in s ? eq(dualRegistrations.partyOrgId, s.partyOrgId) : eq(dualRegistrations.memberId, s.memberId));

/** Every registration of one organization or member, in the caller's scope, newest first. */
export async function historyOf(sdb: ScopedDb, s: Subject): Promise<RegistrationRow[]> {
  const rows = await select(sdb.db)
    .where(and(subjectIs(s), sdb.inScope(dualRegistrations.regionPath), isNull(dualRegistrations.archivedAt)))
    .orderBy(desc(dualRegistrations.registeredOn), desc(dualRegistrations.id));
  return rows.map(flat);
}

/**
 * The active registration of an organization or member wherever it is (unscoped: a refused
 * duplicate says where the existing one is), and the day its latest ended registration ended.
 */
export async function standingOf(db: DbOrTx, s: Subject): Promise<{ active: { id: number; communityName: string; registeredOn: string } | null; lastEndedOn: string | null }> {
  const [active] = await db
    .select({ id: dualRegistrations.id, communityName: regions.name, registeredOn: dualRegistrations.registeredOn })
    .from(dualRegistrations)
    .innerJoin(regions, eq(regions.id, dualRegistrations.regionId))
    .where(and(subjectIs(s), isNull(dualRegistrations.deregisteredOn), isNull(dualRegistrations.archivedAt)));
  const [ended] = await db
    .select({ on: sql<string | null>`max(${dualRegistrations.deregisteredOn})::text` })
    .from(dualRegistrations)
    .where(and(subjectIs(s), isNotNull(dualRegistrations.deregisteredOn), isNull(dualRegistrations.archivedAt)));
  return { active: active ?? null, lastEndedOn: ended?.on ?? null };
}

/** Serializes registrations of one organization or member, so the checks and the insert agree. */
export async function lockSubject(db: DbOrTx, s: Subject): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(7340105, ${'partyOrgId' in s ? s.partyOrgId : -s.memberId})`);
}

export async function insertRegistration(db: DbOrTx, values: NewRegistrationRow): Promise<RegistrationRowRaw> {
  const [r] = await db.insert(dualRegistrations).values(values).returning();
  return r;
}

export async function updateRegistration(db: DbOrTx, id: number, version: number, patch: Partial<NewRegistrationRow>): Promise<RegistrationRowRaw | null> {
  const [r] = await db
    .update(dualRegistrations)
    .set({ ...patch, version: sql`${dualRegistrations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(dualRegistrations.id, id), eq(dualRegistrations.version, version)))
    .returning();
  return r ?? null;
}

// ---------------------------------------------------------------------------------------------
// The organizations and members a registration refers to (written by the organizations area).

export interface OrgRef {
  id: number;
  name: string;
  attachKind: string;
  institutionId: number | null;
  regionPath: string;
  archivedAt: Date | null;
}
export async function findOrg(sdb: ScopedDb, id: number): Promise<OrgRef | undefined> {
  const [r] = await sdb.db
    .select({ id: partyOrgs.id, name: partyOrgs.name, attachKind: partyOrgs.attachKind, institutionId: partyOrgs.institutionId, regionPath: partyOrgs.regionPath, archivedAt: partyOrgs.archivedAt })
    .from(partyOrgs)
    .where(and(eq(partyOrgs.id, id), sdb.inScope(partyOrgs.regionPath)));
  return r;
}
export async function unscopedOrgExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: partyOrgs.id }).from(partyOrgs).where(eq(partyOrgs.id, id));
  return !!r;
}

export interface MemberRef {
  id: number;
  name: string;
  kind: string;
  institutionId: number | null;
  regionPath: string;
  regionName: string;
  archivedAt: Date | null;
}
export async function findMember(sdb: ScopedDb, id: number): Promise<MemberRef | undefined> {
  const [r] = await sdb.db
    .select({ id: partyMembers.id, name: partyMembers.name, kind: partyMembers.kind, institutionId: partyMembers.institutionId, regionPath: partyMembers.regionPath, regionName: regions.name, archivedAt: partyMembers.archivedAt })
    .from(partyMembers)
    .innerJoin(regions, eq(regions.id, partyMembers.regionId))
    .where(and(eq(partyMembers.id, id), sdb.inScope(partyMembers.regionPath)));
  return r;
}
export async function unscopedMemberExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: partyMembers.id }).from(partyMembers).where(eq(partyMembers.id, id));
  return !!r;
}

// ---------------------------------------------------------------------------------------------
// Posts, pledges, service records.

export type PostRow = typeof pioneerPosts.$inferSelect;
export type PledgeRow = typeof pledges.$inferSelect;
export type ServiceRow = typeof registrationServices.$inferSelect;

export const postsOf = (db: DbOrTx, registrationId: number): Promise<PostRow[]> =>
  db.select().from(pioneerPosts).where(and(eq(pioneerPosts.registrationId, registrationId), isNull(pioneerPosts.archivedAt))).orderBy(asc(pioneerPosts.id));
export const pledgesOf = (db: DbOrTx, registrationId: number): Promise<PledgeRow[]> =>
  db.select().from(pledges).where(eq(pledges.registrationId, registrationId)).orderBy(asc(pledges.dueOn), asc(pledges.id));
export const servicesOf = (db: DbOrTx, registrationId: number): Promise<ServiceRow[]> =>
  db.select().from(registrationServices).where(eq(registrationServices.registrationId, registrationId)).orderBy(desc(registrationServices.servedOn), desc(registrationServices.id));

export async function insertPost(db: DbOrTx, values: typeof pioneerPosts.$inferInsert): Promise<PostRow> {
  const [r] = await db.insert(pioneerPosts).values(values).returning();
  return r;
}
export async function insertPledge(db: DbOrTx, values: typeof pledges.$inferInsert): Promise<PledgeRow> {
  const [r] = await db.insert(pledges).values(values).returning();
  return r;
}
export async function insertService(db: DbOrTx, values: typeof registrationServices.$inferInsert): Promise<ServiceRow> {
  const [r] = await db.insert(registrationServices).values(values).returning();
  return r;
}

/** A pledge with the registration it belongs to, if that registration is in the caller's scope. */
export async function findPledge(sdb: ScopedDb, id: number): Promise<{ pledge: PledgeRow; registration: RegistrationRowRaw } | undefined> {
  const [r] = await sdb.db
    .select({ pledge: pledges, registration: dualRegistrations })
    .from(pledges)
    .innerJoin(dualRegistrations, eq(dualRegistrations.id, pledges.registrationId))
    .where(and(eq(pledges.id, id), sdb.inScope(dualRegistrations.regionPath), isNull(dualRegistrations.archivedAt)));
  return r;
}
export async function unscopedPledgeExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: pledges.id }).from(pledges).where(eq(pledges.id, id));
  return !!r;
}
export async function updatePledge(db: DbOrTx, id: number, version: number, patch: Partial<typeof pledges.$inferInsert>): Promise<PledgeRow | null> {
  const [r] = await db
    .update(pledges)
    .set({ ...patch, version: sql`${pledges.version} + 1` })
    .where(and(eq(pledges.id, id), eq(pledges.version, version)))
    .returning();
  return r ?? null;
}

// ---------------------------------------------------------------------------------------------
// Coverage facts for a region (`rootPath`, inside the caller's scope).

const under = (col: SQL | AnyColumn, rootPath: string): SQL => (rootPath === '/' ? sql`true` : sql`${col} LIKE ${`${escapeLike(rootPath)}%`}`);

/**
 * Active institution organizations and active in-service members that lie in the region, or that
 * hold a registration the caller may see at a community of the region.
 */
export async function coverageSubjects(sdb: ScopedDb, rootPath: string): Promise<{ orgs: CoverageOrg[]; members: CoverageMember[] }> {
  const registeredHere = (col: 'party_org_id' | 'member_id') =>
    sql`SELECT d.${sql.raw(col)} FROM dual_registrations d WHERE d.${sql.raw(col)} IS NOT NULL AND d.deregistered_on IS NULL AND d.archived_at IS NULL AND ${sdb.inScope(sql`d.region_path`)} AND ${under(sql`d.region_path`, rootPath)}`;
  const orgs = await sdb.db
    .select({ id: partyOrgs.id, institutionId: partyOrgs.institutionId, regionPath: partyOrgs.regionPath })
    .from(partyOrgs)
    .where(
      and(
        eq(partyOrgs.attachKind, 'institution'),
        isNotNull(partyOrgs.institutionId),
        isNull(partyOrgs.archivedAt),
        or(and(sdb.inScope(partyOrgs.regionPath), under(partyOrgs.regionPath, rootPath)), sql`${partyOrgs.id} IN (${registeredHere('party_org_id')})`),
      ),
    );
  const members = await sdb.db
    .select({ id: partyMembers.id, institutionId: partyMembers.institutionId, regionPath: partyMembers.regionPath })
    .from(partyMembers)
    .where(
      and(
        eq(partyMembers.kind, 'inService'),
        isNull(partyMembers.archivedAt),
        or(and(sdb.inScope(partyMembers.regionPath), under(partyMembers.regionPath, rootPath)), sql`${partyMembers.id} IN (${registeredHere('member_id')})`),
      ),
    );
  return { orgs: orgs.map((o) => ({ ...o, institutionId: o.institutionId! })), members };
}

/**
 * Registrations the caller may see that are at a community of the region or belong to an
 * organization or member lying in it, with their service hours and pledges inside the period
 * (aggregated once per table, not per registration).
 */
export async function coverageRegistrations(sdb: ScopedDb, rootPath: string, period: { from: string | null; to: string | null }): Promise<CoverageRegistration[]> {
  const within = (col: SQL) => and(period.from ? sql`${col} >= ${period.from}` : sql`true`, period.to ? sql`${col} <= ${period.to}` : sql`true`);
  const res = await sdb.db.execute(sql`
    WITH rel AS (
      SELECT d.id, d.party_org_id, d.member_id, d.institution_id, d.region_path, d.registered_on::text AS registered_on, d.deregistered_on::text AS deregistered_on
      FROM dual_registrations d
      WHERE ${sdb.inScope(sql`d.region_path`)} AND d.archived_at IS NULL AND (
        ${under(sql`d.region_path`, rootPath)}
        OR d.party_org_id IN (SELECT o.id FROM party_orgs o WHERE o.attach_kind = 'institution' AND ${under(sql`o.region_path`, rootPath)})
        OR d.member_id IN (SELECT m.id FROM party_members m WHERE m.kind = 'inService' AND ${under(sql`m.region_path`, rootPath)}))
    ), s AS (
      SELECT s.registration_id, sum(s.hours)::float8 AS hours FROM registration_services s
      WHERE s.registration_id IN (SELECT id FROM rel) AND ${within(sql`s.served_on`)} GROUP BY s.registration_id
    ), q AS (
      SELECT q.registration_id, count(*)::int AS total, (count(*) FILTER (WHERE q.status = 'kept'))::int AS kept,
        (count(*) FILTER (WHERE q.status = 'missed'))::int AS missed, (count(*) FILTER (WHERE q.status = 'pending'))::int AS pending
      FROM pledges q WHERE q.registration_id IN (SELECT id FROM rel) AND ${within(sql`q.due_on`)} GROUP BY q.registration_id
    )
    SELECT rel.*, coalesce(s.hours, 0) AS hours, coalesce(q.total, 0) AS total, coalesce(q.kept, 0) AS kept, coalesce(q.missed, 0) AS missed, coalesce(q.pending, 0) AS pending
    FROM rel LEFT JOIN s ON s.registration_id = rel.id LEFT JOIN q ON q.registration_id = rel.id`);
  type Raw = { id: number; party_org_id: number | null; member_id: number | null; institution_id: number | null; region_path: string; registered_on: string; deregistered_on: string | null; hours: number; total: number; kept: number; missed: number; pending: number };
  return (res as unknown as { rows: Raw[] }).rows.map((r) => ({
    id: Number(r.id),
    partyOrgId: r.party_org_id === null ? null : Number(r.party_org_id),
    memberId: r.member_id === null ? null : Number(r.member_id),
    institutionId: r.institution_id === null ? null : Number(r.institution_id),
    regionPath: r.region_path,
    registeredOn: r.registered_on,
    deregisteredOn: r.deregistered_on,
    hours: Number(r.hours),
    pledges: Number(r.total),
    pledgesKept: Number(r.kept),
    pledgesMissed: Number(r.missed),
    pledgesPending: Number(r.pending),
  }));
}

/** Names of institutions (驻区单位) by id; a name is shown wherever its registrations are. */
export async function institutionNames(db: DbOrTx, ids: number[]): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return [];
  return db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids));
}

/** Active communities (level 4) in the region and the caller's scope, by code. */
export async function communitiesUnder(sdb: ScopedDb, rootPath: string): Promise<{ id: number; name: string; path: string }[]> {
  return sdb.db
    .select({ id: regions.id, name: regions.name, path: regions.path })
    .from(regions)
    .where(and(eq(regions.level, 4), isNull(regions.archivedAt), sdb.inScope(regions.path), under(regions.path, rootPath)))
    .orderBy(asc(regions.code));
}

/** Unique-index violations from either engine (drizzle may wrap the driver's error). */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; cur = (cur as { cause?: unknown }).cause, depth++) {
    if ((cur as { code?: string }).code === '23505') return true;
  }
  return false;
}

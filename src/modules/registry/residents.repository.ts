// All queries of residents, their moves and stays. Reads filter by the caller's scope
// (`sdb.inScope(residents.regionPath)`); the few unscoped helpers say so in their names and exist
// for "does it exist anywhere" answers (403 vs 404) and the one-person-per-ID-number rule.
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { residentMoves, residents, residentStays } from './people.tables.ts';

export type ResidentRow = typeof residents.$inferSelect;
export type NewResidentRow = typeof residents.$inferInsert;
export type MoveRow = typeof residentMoves.$inferSelect;
export type StayRow = typeof residentStays.$inferSelect;

export async function findResident(sdb: ScopedDb, id: number): Promise<ResidentRow | undefined> {
  const [r] = await sdb.db.select().from(residents).where(and(eq(residents.id, id), sdb.inScope(residents.regionPath)));
  return r;
}

export async function unscopedResidentExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: residents.id }).from(residents).where(eq(residents.id, id));
  return !!r;
}

/** Unscoped on purpose: one person, one row, wherever they are registered. */
export async function unscopedFindByIdHash(db: DbOrTx, hash: string): Promise<{ id: number; regionPath: string; idNumberMasked: string } | undefined> {
  const [r] = await db
    .select({ id: residents.id, regionPath: residents.regionPath, idNumberMasked: residents.idNumberMasked })
    .from(residents)
    .where(eq(residents.idNumberHash, hash));
  return r;
}

export async function findResidentsByIds(sdb: ScopedDb, ids: number[]): Promise<ResidentRow[]> {
  if (ids.length === 0) return [];
  return sdb.db.select().from(residents).where(and(inArray(residents.id, ids), sdb.inScope(residents.regionPath)));
}

export async function insertResident(db: DbOrTx, values: NewResidentRow): Promise<ResidentRow> {
  const [r] = await db.insert(residents).values(values).returning();
  return r;
}

/** Optimistic update: null when the version moved on (or the row is gone). */
export async function updateResident(db: DbOrTx, id: number, version: number, patch: Partial<NewResidentRow>): Promise<ResidentRow | null> {
  const [r] = await db
    .update(residents)
    .set({ ...patch, version: sql`${residents.version} + 1`, updatedAt: new Date() })
    .where(and(eq(residents.id, id), eq(residents.version, version)))
    .returning();
  return r ?? null;
}

/** Household bookkeeping touches other members (a new head's role); no version check there. */
export async function setHouseholdRole(db: DbOrTx, id: number, role: string): Promise<void> {
  await db.update(residents).set({ householdRole: role, version: sql`${residents.version} + 1`, updatedAt: new Date() }).where(eq(residents.id, id));
}

export async function activeMembers(db: DbOrTx, householdIds: number[]): Promise<ResidentRow[]> {
  if (householdIds.length === 0) return [];
  return db
    .select()
    .from(residents)
    .where(and(inArray(residents.householdId, householdIds), isNull(residents.archivedAt)))
    .orderBy(sql`${residents.householdRole} <> 'head'`, asc(residents.birthDate), asc(residents.id));
}

export async function memberCounts(db: DbOrTx, householdIds: number[]): Promise<Map<number, number>> {
  if (householdIds.length === 0) return new Map();
  const rows = await db
    .select({ householdId: residents.householdId, n: sql<number>`count(*)::int` })
    .from(residents)
    .where(and(inArray(residents.householdId, householdIds), isNull(residents.archivedAt)))
    .groupBy(residents.householdId);
  return new Map(rows.map((r) => [r.householdId!, r.n]));
}

export async function insertMove(db: DbOrTx, values: typeof residentMoves.$inferInsert): Promise<void> {
  await db.insert(residentMoves).values(values);
}

export async function listMoves(db: DbOrTx, residentId: number): Promise<MoveRow[]> {
  return db.select().from(residentMoves).where(eq(residentMoves.residentId, residentId)).orderBy(asc(residentMoves.id));
}

export async function listStays(db: DbOrTx, residentId: number): Promise<StayRow[]> {
  return db.select().from(residentStays).where(eq(residentStays.residentId, residentId)).orderBy(asc(residentStays.arriveOn), asc(residentStays.id));
}

export async function replaceStays(db: DbOrTx, residentId: number, stays: { arriveOn: string; leaveOn: string | null; note: string }[]): Promise<void> {
  await db.delete(residentStays).where(eq(residentStays.residentId, residentId));
  if (stays.length > 0) await db.insert(residentStays).values(stays.map((s) => ({ ...s, residentId })));
}

/** True when a database error is the unique index that keeps one row per ID number. */
export function isDuplicateIdNumber(err: unknown): boolean {
  for (let e = err as { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    if (e.code === '23505' && (e.constraint === 'residents_id_hash_uq' || String(e.message ?? '').includes('residents_id_hash_uq'))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Search. A query is a set of filters (all must hold) and up to two "branches" (either may hold),
// each branch chosen so one index answers it: name prefix, initials prefix, last 4, mobile hash,
// ID hash, or the dwellings whose address matched. Two branches are a UNION of two ordered,
// limited scans rather than an OR, which would defeat both indexes at 2.4 M rows.

export interface ResidentFilter {
  regionPath?: string;
  residenceType?: string;
  tags?: string[];
  careGroupOnly?: boolean;
  seasonal?: boolean;
  householdId?: number;
  dwellingId?: number;
  buildingId?: number;
  includeArchived?: boolean;
}

export type SearchBranch =
  | { kind: 'all' }
  | { kind: 'name'; prefix: string }
  | { kind: 'initials'; prefix: string }
  | { kind: 'last4'; value: string }
  | { kind: 'mobileHash'; hash: string }
  | { kind: 'idHash'; hash: string }
  | { kind: 'dwellings'; ids: number[] };

export const COUNT_CAP = 10_000;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterSql(sdb: ScopedDb, f: ResidentFilter): SQL {
  const c: SQL[] = [sdb.inScope(residents.regionPath)];
  if (!f.includeArchived) c.push(sql`${residents.archivedAt} IS NULL`);
  if (f.regionPath) c.push(sql`${residents.regionPath} LIKE ${escapeLike(f.regionPath) + '%'}`);
  if (f.residenceType) c.push(sql`${residents.residenceType} = ${f.residenceType}`);
  if (f.tags && f.tags.length > 0) c.push(sql`${residents.tags} && ARRAY[${sql.join(f.tags.map((t) => sql`${t}`), sql`, `)}]::text[]`);
  if (f.careGroupOnly) c.push(sql`cardinality(${residents.tags}) > 0`);
  if (f.seasonal !== undefined) c.push(sql`${residents.seasonal} = ${f.seasonal}`);
  if (f.householdId !== undefined) c.push(sql`${residents.householdId} = ${f.householdId}`);
  if (f.dwellingId !== undefined) c.push(sql`${residents.dwellingId} = ${f.dwellingId}`);
  if (f.buildingId !== undefined) c.push(sql`${residents.dwellingId} IN (SELECT id FROM dwellings WHERE building_id = ${f.buildingId})`);
  return sql.join(c, sql` AND `);
}

function branchSql(b: SearchBranch): SQL {
  switch (b.kind) {
    case 'all':
      return sql`true`;
    case 'name':
      return sql`${residents.name} LIKE ${escapeLike(b.prefix) + '%'}`;
    case 'initials':
      return sql`${residents.nameInitials} LIKE ${escapeLike(b.prefix) + '%'}`;
    case 'last4':
      return sql`${residents.idLast4} = ${b.value}`;
    case 'mobileHash':
      return sql`${residents.mobileHash} = ${b.hash}`;
    case 'idHash':
      return sql`${residents.idNumberHash} = ${b.hash}`;
    case 'dwellings':
      return b.ids.length === 0 ? sql`false` : sql`${residents.dwellingId} IN (${sql.join(b.ids.map((i) => sql`${i}`), sql`, `)})`;
  }
}

// Byte order (the order text_pattern_ops indexes keep), so the name index serves both the LIKE
// prefix and the ORDER BY; the default collation's order would force a sort of every match.
const ORDER = sql`name USING ~<~, id`;
// Initials are ordered by initials first, so their own index serves filter and order alike (walking
// the name index to find 'zw…' among millions is what made this slow).
const orderFor = (b: SearchBranch) => (b.kind === 'initials' ? sql`name_initials USING ~<~, name USING ~<~, id` : ORDER);

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

/** Ids of one page, ordered by name then id. */
export async function searchIds(sdb: ScopedDb, f: ResidentFilter, branches: SearchBranch[], limit: number, offset: number): Promise<number[]> {
  const where = filterSql(sdb, f);
  if (branches.length === 1) {
    const res = await sdb.db.execute(sql`SELECT id FROM residents WHERE ${where} AND ${branchSql(branches[0])} ORDER BY ${orderFor(branches[0])} LIMIT ${limit} OFFSET ${offset}`);
    return rowsOf<{ id: number }>(res).map((r) => Number(r.id));
  }
  const k = limit + offset;
  const parts = branches.map((b) => sql`(SELECT id, name FROM residents WHERE ${where} AND ${branchSql(b)} ORDER BY ${ORDER} LIMIT ${k})`);
  const res = await sdb.db.execute(sql`SELECT id FROM (${sql.join(parts, sql` UNION `)}) u ORDER BY ${ORDER} LIMIT ${limit} OFFSET ${offset}`);
  return rowsOf<{ id: number }>(res).map((r) => Number(r.id));
}

/** Matches, counted exactly up to COUNT_CAP; beyond that only "more" is known (and cheap). */
export async function countCapped(sdb: ScopedDb, f: ResidentFilter, branches: SearchBranch[]): Promise<{ total: number; capped: boolean }> {
  const where = filterSql(sdb, f);
  const parts = branches.map((b) => sql`(SELECT id FROM residents WHERE ${where} AND ${branchSql(b)} LIMIT ${COUNT_CAP + 1})`);
  const res = await sdb.db.execute(sql`SELECT count(*)::int AS n FROM (${sql.join(parts, sql` UNION `)}) u`);
  const n = Number(rowsOf<{ n: number }>(res)[0].n);
  return n > COUNT_CAP ? { total: COUNT_CAP, capped: true } : { total: n, capped: false };
}

/** Export pages: keyset by id, any branch matching. */
export async function exportRows(sdb: ScopedDb, f: ResidentFilter, branches: SearchBranch[], afterId: number, limit: number): Promise<ResidentRow[]> {
  const any = branches.length === 1 ? branchSql(branches[0]) : sql`(${sql.join(branches.map(branchSql), sql` OR `)})`;
  return sdb.db
    .select()
    .from(residents)
    .where(and(filterSql(sdb, f), any, sql`${residents.id} > ${afterId}`))
    .orderBy(asc(residents.id))
    .limit(limit);
}

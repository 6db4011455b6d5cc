// All SQL of the workflow: the versioned case update (the optimistic check that keeps two people
// from both moving one case), the timeline, joint-case units, whistles and their calls, and the
// few lookups a step needs (category, departments serving a path, regions of an escalation).
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { departments } from '../accounts/accounts.tables.ts';
import { regions } from '../regions/regions.tables.ts';
import { caseCategories, caseEvents, casePhotos, cases, caseUnits, caseWhistles, whistleCalls } from './cases.tables.ts';

export type CaseRow = typeof cases.$inferSelect;
export type CasePatch = Partial<Omit<typeof cases.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>>;
export type CategoryRow = typeof caseCategories.$inferSelect;
export type NewCaseEvent = typeof caseEvents.$inferInsert;

export async function findCase(sdb: ScopedDb, id: number): Promise<CaseRow | undefined> {
  const [row] = await sdb.db.select().from(cases).where(and(eq(cases.id, id), sdb.inScope(cases.regionPath)));
  return row;
}

/** Only to tell SCOPE_DENIED from CASE_NOT_FOUND. */
export async function unscopedCaseExists(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await db.select({ id: cases.id }).from(cases).where(eq(cases.id, id));
  return !!row;
}

/**
 * Writes a step only if nobody else wrote first: `WHERE id = ? AND version = ?`. Under READ
 * COMMITTED a concurrent writer waits for the row lock, then re-checks the version and finds 0 rows.
 */
export async function updateCaseVersioned(tx: DbOrTx, id: number, version: number, patch: CasePatch, now: Date): Promise<CaseRow | null> {
  const [row] = await tx
    .update(cases)
    .set({ ...patch, version: sql`${cases.version} + 1`, updatedAt: now })
    .where(and(eq(cases.id, id), eq(cases.version, version)))
    .returning();
  return row ?? null;
}

export async function insertEvent(tx: DbOrTx, ev: NewCaseEvent): Promise<number> {
  const [row] = await tx.insert(caseEvents).values(ev).returning({ id: caseEvents.id });
  return row.id;
}

export async function categoryById(tx: DbOrTx, id: number): Promise<CategoryRow | undefined> {
  const [row] = await tx.select().from(caseCategories).where(eq(caseCategories.id, id));
  return row;
}

export async function countPhotos(tx: DbOrTx, caseId: number, kind: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(casePhotos).where(and(eq(casePhotos.caseId, caseId), eq(casePhotos.kind, kind)));
  return Number(row?.n ?? 0);
}

export interface DepartmentRef {
  id: number;
  code: string;
  name: string;
  serviceAreaPath: string;
}

const departmentColumns = { id: departments.id, code: departments.code, name: departments.name, serviceAreaPath: regions.path };

export async function departmentsByIds(tx: DbOrTx, ids: readonly number[]): Promise<DepartmentRef[]> {
  if (ids.length === 0) return [];
  return tx
    .select(departmentColumns)
    .from(departments)
    .innerJoin(regions, eq(regions.id, departments.serviceAreaId))
    .where(inArray(departments.id, [...ids]))
    .orderBy(asc(departments.id));
}

/** The department with this code suffix (e.g. CGJ) serving a path, nearest service area first. */
export async function departmentBySuffix(tx: DbOrTx, suffix: string, regionPath: string): Promise<DepartmentRef | undefined> {
  const [row] = await tx
    .select(departmentColumns)
    .from(departments)
    .innerJoin(regions, eq(regions.id, departments.serviceAreaId))
    .where(and(sql`${departments.code} LIKE ${'%-' + suffix.replace(/[\\%_]/g, (c) => `\\${c}`)}`, sql`${regionPath} LIKE ${regions.path} || '%'`))
    .orderBy(sql`length(${regions.path}) DESC`)
    .limit(1);
  return row;
}

export interface RegionRef {
  id: number;
  name: string;
  level: number;
  parentId: number | null;
  path: string;
}

export async function regionById(tx: DbOrTx, id: number): Promise<RegionRef | undefined> {
  const [row] = await tx.select({ id: regions.id, name: regions.name, level: regions.level, parentId: regions.parentId, path: regions.path }).from(regions).where(eq(regions.id, id));
  return row;
}

/** The ids on a materialized path, root first ('/1/7/42/' → [1, 7, 42]). */
export const pathIds = (path: string): number[] => path.split('/').filter(Boolean).map(Number);

// ---- 会商办 units ----------------------------------------------------------------------------

export async function unitsOf(tx: DbOrTx, caseId: number) {
  return tx
    .select({ departmentId: caseUnits.departmentId, role: caseUnits.role, postedAt: caseUnits.postedAt, name: departments.name })
    .from(caseUnits)
    .innerJoin(departments, eq(departments.id, caseUnits.departmentId))
    .where(eq(caseUnits.caseId, caseId))
    .orderBy(asc(caseUnits.id));
}

export async function deleteUnits(tx: DbOrTx, caseId: number): Promise<void> {
  await tx.delete(caseUnits).where(eq(caseUnits.caseId, caseId));
}

export async function insertUnits(tx: DbOrTx, caseId: number, lead: number, assists: readonly number[]): Promise<void> {
  await tx.insert(caseUnits).values([{ caseId, departmentId: lead, role: 'lead' }, ...assists.map((departmentId) => ({ caseId, departmentId, role: 'assist' }))]);
}

/** Records an assist's part; 0 when it was posted meanwhile (a concurrent post). */
export async function postPart(tx: DbOrTx, caseId: number, departmentId: number, part: string, userId: number | null, now: Date): Promise<number> {
  const rows = await tx
    .update(caseUnits)
    .set({ part, postedAt: now, postedBy: userId })
    .where(and(eq(caseUnits.caseId, caseId), eq(caseUnits.departmentId, departmentId), eq(caseUnits.role, 'assist'), isNull(caseUnits.postedAt)))
    .returning({ id: caseUnits.id });
  return rows.length;
}

// ---- 吹哨报到 ---------------------------------------------------------------------------------

export async function callsOf(tx: DbOrTx, caseId: number) {
  return tx
    .select({ id: whistleCalls.id, whistleId: whistleCalls.whistleId, departmentId: whistleCalls.departmentId, outcome: whistleCalls.outcome, checkedInAt: whistleCalls.checkedInAt, deadlineAt: caseWhistles.deadlineAt })
    .from(whistleCalls)
    .innerJoin(caseWhistles, eq(caseWhistles.id, whistleCalls.whistleId))
    .where(eq(whistleCalls.caseId, caseId))
    .orderBy(asc(whistleCalls.id));
}

export async function insertWhistle(
  tx: DbOrTx,
  w: { caseId: number; level: string; calledByUserId: number | null; calledByName: string; reason: string; deadlineAt: Date; createdAt: Date },
  departmentIds: readonly number[],
): Promise<number> {
  const [row] = await tx.insert(caseWhistles).values(w).returning({ id: caseWhistles.id });
  await tx.insert(whistleCalls).values(departmentIds.map((departmentId) => ({ whistleId: row.id, caseId: w.caseId, departmentId })));
  return row.id;
}

export async function checkInCall(tx: DbOrTx, callId: number, outcome: 'onTime' | 'late', userId: number | null, now: Date, note: string | null): Promise<number> {
  const rows = await tx
    .update(whistleCalls)
    .set({ outcome, checkedInAt: now, checkedInBy: userId, note })
    .where(and(eq(whistleCalls.id, callId), isNull(whistleCalls.checkedInAt)))
    .returning({ id: whistleCalls.id });
  return rows.length;
}

// ---- merged duplicates -----------------------------------------------------------------------

/** Cases merged into an original: their reporters follow it and get its feedback request. */
export async function mergedInto(tx: DbOrTx, originalId: number) {
  return tx
    .select({ id: cases.id, code: cases.code, reporterMobileEnc: cases.reporterMobileEnc, reporterUserId: cases.reporterUserId })
    .from(cases)
    .where(and(eq(cases.duplicateOfId, originalId), eq(cases.status, 'merged')));
}

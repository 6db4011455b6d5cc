// All queries of visits (走访), the people seen and the problems found. A visit lies in the region
// it was made in: scope is one prefix match on its path.
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { stationedTeams, visitFindings, visitPeople, visits, workers } from './workforce.tables.ts';

export type VisitRow = typeof visits.$inferSelect;
export type NewVisitRow = typeof visits.$inferInsert;
export type FindingRow = typeof visitFindings.$inferSelect;
export type VisitListRow = VisitRow & { workerName: string; workerUserId: number | null; regionName: string; regionLevel: number; teamName: string | null };

export interface VisitFilters {
  regionPath?: string;
  workerId?: number;
  /** Check-in at or after this instant. */
  start?: Date;
  /** Check-in before this instant. */
  end?: Date;
  /** Only visits whose check-in or check-out was outside the region's boundary. */
  outside?: boolean;
}

const select = (db: DbOrTx) =>
  db
    .select({ v: visits, workerName: workers.name, workerUserId: workers.userId, regionName: regions.name, regionLevel: regions.level, teamName: stationedTeams.name })
    .from(visits)
    .innerJoin(workers, eq(workers.id, visits.workerId))
    .innerJoin(regions, eq(regions.id, visits.regionId))
    .leftJoin(stationedTeams, eq(stationedTeams.id, visits.teamId));
type Joined = { v: VisitRow; workerName: string; workerUserId: number | null; regionName: string; regionLevel: number; teamName: string | null };
const flat = ({ v, ...r }: Joined): VisitListRow => ({ ...v, ...r });

function where(sdb: ScopedDb, f: VisitFilters): SQL {
  const conds: SQL[] = [sdb.inScope(visits.regionPath), isNull(visits.archivedAt)];
  if (f.regionPath) conds.push(sql`${visits.regionPath} LIKE ${`${escapeLike(f.regionPath)}%`}`);
  if (f.workerId) conds.push(eq(visits.workerId, f.workerId));
  if (f.start) conds.push(gte(visits.checkInAt, f.start));
  if (f.end) conds.push(lt(visits.checkInAt, f.end));
  if (f.outside) conds.push(or(eq(visits.checkInOutside, true), eq(visits.checkOutOutside, true))!);
  return and(...conds)!;
}

export async function listVisits(sdb: ScopedDb, f: VisitFilters, limit: number, offset: number): Promise<{ rows: VisitListRow[]; total: number }> {
  const rows = await select(sdb.db).where(where(sdb, f)).orderBy(desc(visits.checkInAt), desc(visits.id)).limit(limit).offset(offset);
  const [{ n }] = await sdb.db.select({ n: count() }).from(visits).where(where(sdb, f));
  return { rows: rows.map(flat), total: Number(n) };
}

export async function findVisit(sdb: ScopedDb, id: number): Promise<VisitListRow | undefined> {
  const [r] = await select(sdb.db).where(and(eq(visits.id, id), sdb.inScope(visits.regionPath)));
  return r ? flat(r) : undefined;
}

/** Unscoped: one visit by id (the caller's own, checked by the service). */
export async function visitById(db: DbOrTx, id: number): Promise<VisitListRow | undefined> {
  const [r] = await select(db).where(eq(visits.id, id));
  return r ? flat(r) : undefined;
}

export async function unscopedVisitExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: visits.id }).from(visits).where(eq(visits.id, id));
  return !!r;
}

export async function openVisitOf(db: DbOrTx, workerId: number): Promise<VisitListRow | undefined> {
  const [r] = await select(db).where(and(eq(visits.workerId, workerId), isNull(visits.checkOutAt), isNull(visits.archivedAt)));
  return r ? flat(r) : undefined;
}

/** Serializes one worker's check-ins, so the one-open-visit rule holds under double taps. */
export async function lockWorker(db: DbOrTx, workerId: number): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(7340520, ${workerId})`);
}

export async function insertVisit(db: DbOrTx, row: NewVisitRow): Promise<VisitRow> {
  const [r] = await db.insert(visits).values(row).returning();
  return r;
}

export async function updateVisit(db: DbOrTx, id: number, version: number, patch: Partial<NewVisitRow>): Promise<VisitRow | null> {
  const [r] = await db
    .update(visits)
    .set({ ...patch, version: sql`${visits.version} + 1`, updatedAt: new Date() })
    .where(and(eq(visits.id, id), eq(visits.version, version)))
    .returning();
  return r ?? null;
}

export async function peopleOf(db: DbOrTx, visitId: number): Promise<{ residentId: number | null; householdId: number | null }[]> {
  return db.select({ residentId: visitPeople.residentId, householdId: visitPeople.householdId }).from(visitPeople).where(eq(visitPeople.visitId, visitId)).orderBy(asc(visitPeople.id));
}

/**
 * Residents listed on their own get a row with no household; a household listed gets one row per
 * member (resident + household), or a single household-only row when it has no members. A resident
 * listed and also a member of a listed household is recorded once, as a member.
 */
export async function replacePeople(
  db: DbOrTx,
  visitId: number,
  residentIds: readonly number[],
  householdIds: readonly number[],
  members: readonly { householdId: number; residentId: number }[],
): Promise<void> {
  await db.delete(visitPeople).where(eq(visitPeople.visitId, visitId));
  const asMember = new Set(members.map((m) => m.residentId));
  const withMembers = new Set(members.map((m) => m.householdId));
  const rows = [
    ...residentIds.filter((r) => !asMember.has(r)).map((residentId) => ({ visitId, residentId })),
    ...members.map((m) => ({ visitId, residentId: m.residentId, householdId: m.householdId })),
    ...householdIds.filter((h) => !withMembers.has(h)).map((householdId) => ({ visitId, householdId })),
  ];
  if (rows.length) await db.insert(visitPeople).values(rows);
}

export async function findingsOf(db: DbOrTx, visitIds: readonly number[]): Promise<FindingRow[]> {
  if (visitIds.length === 0) return [];
  return db.select().from(visitFindings).where(inArray(visitFindings.visitId, [...visitIds])).orderBy(asc(visitFindings.id));
}

export async function findFinding(db: DbOrTx, visitId: number, id: number): Promise<FindingRow | undefined> {
  const [r] = await db.select().from(visitFindings).where(and(eq(visitFindings.id, id), eq(visitFindings.visitId, visitId)));
  return r;
}

export async function insertFinding(db: DbOrTx, row: typeof visitFindings.$inferInsert): Promise<FindingRow> {
  const [r] = await db.insert(visitFindings).values(row).returning();
  return r;
}

/** Links a finding to its case, once: answers null when it already had one. */
export async function setFindingCase(db: DbOrTx, id: number, caseId: number): Promise<FindingRow | null> {
  const [r] = await db.update(visitFindings).set({ caseId }).where(and(eq(visitFindings.id, id), isNull(visitFindings.caseId))).returning();
  return r ?? null;
}

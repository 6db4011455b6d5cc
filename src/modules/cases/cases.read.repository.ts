// SQL of the read side: lists (desk queue, mine, all) with their filters, capped counts, one case
// with its timeline, photos, units and whistles, and the names a presenter needs (regions,
// departments, registry links), each fetched in one query per kind for a whole page.
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { departments } from '../accounts/accounts.tables.ts';
import { regions } from '../regions/regions.tables.ts';
import { residents } from '../registry/people.tables.ts';
import { assets, buildings, dwellings, estates, places } from '../registry/places.tables.ts';
import { caseEvents, casePhotos, cases, caseUnits, caseWhistles, whistleCalls } from './cases.tables.ts';

export type CaseRow = typeof cases.$inferSelect;

export interface CaseFilters {
  /** Desk queue: cases waiting at this desk (its path and level). */
  desk?: { path: string; level: string };
  /** Mine: for a department (lead, assist, called); for grid staff, their grid's open cases. */
  mine?: { departmentId?: number; gridPath?: string; deskPath?: string; deskLevel?: string; reporterUserId?: number };
  statuses?: string[];
  level?: string;
  categoryIds?: number[];
  mode?: string;
  timerState?: string;
  departmentId?: number;
  regionPath?: string;
  source?: string;
  q?: string;
  from?: Date;
  to?: Date;
}

export type CaseOrder = 'desk' | 'deadline' | 'recent';

const inList = (col: SQL | typeof cases.status, values: readonly (string | number)[]) => sql`${col} IN (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;

function conditions(sdb: ScopedDb, f: CaseFilters): SQL {
  // The desk queue is scoped through the desk's path: a case lies inside its desk's region, so a
  // desk in scope means the case is, and both conditions then sit on the one indexed
  // (status, desk_region_path) pair — a short index range per status, whatever the city's size.
  // (Scoping region_path as well lets the planner pick the path index and walk a whole community.)
  const c: SQL[] = [sdb.inScope(f.desk ? cases.deskRegionPath : cases.regionPath)];
  if (f.desk) c.push(eq(cases.deskRegionPath, f.desk.path), eq(cases.level, f.desk.level));
  if (f.mine) {
    const m = f.mine;
    const who: SQL[] = [];
    if (m.departmentId) {
      who.push(sql`(${cases.departmentId} = ${m.departmentId} AND ${cases.status} IN ('dispatched', 'handling'))`);
      who.push(sql`${cases.id} IN (SELECT ${caseUnits.caseId} FROM ${caseUnits} WHERE ${caseUnits.departmentId} = ${m.departmentId} AND ${caseUnits.role} = 'assist' AND ${caseUnits.postedAt} IS NULL)`);
      who.push(sql`${cases.id} IN (SELECT ${whistleCalls.caseId} FROM ${whistleCalls} WHERE ${whistleCalls.departmentId} = ${m.departmentId} AND ${whistleCalls.checkedInAt} IS NULL)`);
    }
    if (m.gridPath) who.push(sql`${cases.regionPath} LIKE ${escapeLike(m.gridPath) + '%'}`);
    if (m.deskPath) who.push(sql`(${cases.deskRegionPath} = ${m.deskPath} AND ${cases.level} = ${m.deskLevel ?? ''})`);
    if (m.reporterUserId) who.push(eq(cases.reporterUserId, m.reporterUserId));
    c.push(who.length ? sql`(${sql.join(who, sql` OR `)})` : sql`false`);
  }
  if (f.statuses?.length) c.push(inList(cases.status, f.statuses));
  if (f.level) c.push(eq(cases.level, f.level));
  if (f.categoryIds?.length) c.push(inArray(cases.categoryId, f.categoryIds));
  if (f.mode) c.push(eq(cases.mode, f.mode));
  if (f.timerState) c.push(eq(cases.timerState, f.timerState));
  if (f.departmentId) c.push(eq(cases.departmentId, f.departmentId));
  if (f.regionPath) c.push(sql`${cases.regionPath} LIKE ${escapeLike(f.regionPath) + '%'}`);
  if (f.source) c.push(eq(cases.source, f.source));
  if (f.from) c.push(gte(cases.reportedAt, f.from));
  if (f.to) c.push(lt(cases.reportedAt, f.to));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    // A code (or its start) is matched on the code; any text on the title and address.
    c.push(/^[\d-]+$/.test(f.q) ? sql`${cases.code} LIKE ${escapeLike(f.q) + '%'}` : sql`(${cases.title} ILIKE ${like} OR ${cases.address} ILIKE ${like})`);
  }
  return and(...c)!;
}

function orderOf(o: CaseOrder): SQL[] {
  switch (o) {
    // Returned by a department first (to be re-dispatched at once), then the nearest deadline.
    case 'desk':
      return [sql`(${cases.status} = 'registered' AND ${cases.returnCount} > 0) DESC`, sql`${cases.stageDeadlineAt} ASC NULLS LAST`, asc(cases.id)];
    case 'deadline':
      return [sql`${cases.stageDeadlineAt} ASC NULLS LAST`, desc(cases.id)];
    case 'recent':
      return [desc(cases.reportedAt), desc(cases.id)];
  }
}

export async function listCases(sdb: ScopedDb, f: CaseFilters, order: CaseOrder, limit: number, offset: number): Promise<CaseRow[]> {
  return sdb.db
    .select()
    .from(cases)
    .where(conditions(sdb, f))
    .orderBy(...orderOf(order))
    .limit(limit)
    .offset(offset);
}

/** A page of matches in id order below `beforeId` (keyset paging for exports). */
export async function listCasesBefore(sdb: ScopedDb, f: CaseFilters, beforeId: number | null, limit: number): Promise<CaseRow[]> {
  const where = beforeId === null ? conditions(sdb, f) : and(conditions(sdb, f), lt(cases.id, beforeId));
  return sdb.db.select().from(cases).where(where).orderBy(desc(cases.id)).limit(limit);
}

/** Count of matches, stopping at `cap` + 1 so a district-wide list never counts a million rows. */
export async function countCases(sdb: ScopedDb, f: CaseFilters, cap: number): Promise<number> {
  const inner = sdb.db.select({ one: sql`1` }).from(cases).where(conditions(sdb, f)).limit(cap + 1);
  const [r] = await sdb.db.select({ n: sql<number>`count(*)::int` }).from(inner.as('m'));
  return Number(r?.n ?? 0);
}

export async function findCase(sdb: ScopedDb, id: number): Promise<CaseRow | undefined> {
  const [r] = await sdb.db.select().from(cases).where(and(eq(cases.id, id), sdb.inScope(cases.regionPath)));
  return r;
}

/** Only to tell SCOPE_DENIED from CASE_NOT_FOUND. */
export async function unscopedCaseExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: cases.id }).from(cases).where(eq(cases.id, id));
  return !!r;
}

/** Public follow-up: a case by its code (the mobile check is the caller's). */
export async function unscopedCaseByCode(db: DbOrTx, code: string): Promise<CaseRow | undefined> {
  const [r] = await db.select().from(cases).where(eq(cases.code, code));
  return r;
}

export async function unscopedCaseById(db: DbOrTx, id: number): Promise<CaseRow | undefined> {
  const [r] = await db.select().from(cases).where(eq(cases.id, id));
  return r;
}

export async function eventsOf(db: DbOrTx, caseId: number) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
}

export async function photosOf(db: DbOrTx, caseId: number) {
  return db
    .select({ id: casePhotos.id, caseId: casePhotos.caseId, kind: casePhotos.kind, mime: casePhotos.mime, bytes: casePhotos.bytes, createdAt: casePhotos.createdAt })
    .from(casePhotos)
    .where(eq(casePhotos.caseId, caseId))
    .orderBy(asc(casePhotos.id));
}

export async function unitsOf(db: DbOrTx, caseId: number) {
  return db.select().from(caseUnits).where(eq(caseUnits.caseId, caseId)).orderBy(sql`${caseUnits.role} = 'lead' DESC`, asc(caseUnits.id));
}

export async function whistlesOf(db: DbOrTx, caseId: number) {
  const ws = await db.select().from(caseWhistles).where(eq(caseWhistles.caseId, caseId)).orderBy(asc(caseWhistles.id));
  const calls = ws.length ? await db.select().from(whistleCalls).where(eq(whistleCalls.caseId, caseId)).orderBy(asc(whistleCalls.id)) : [];
  return { whistles: ws, calls };
}

// Names, system-wide: knowing the names of the regions and units around a visible case is no leak.
export async function regionNames(db: DbOrTx, ids: readonly number[]): Promise<Map<number, { name: string; level: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: regions.id, name: regions.name, level: regions.level }).from(regions).where(inArray(regions.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, level: r.level }]));
}

export async function departmentNames(db: DbOrTx, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function caseCodesByIds(db: DbOrTx, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: cases.id, code: cases.code }).from(cases).where(inArray(cases.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function buildingLabel(db: DbOrTx, id: number): Promise<{ estate: string | null; number: string } | undefined> {
  const [r] = await db.select({ estate: estates.name, number: buildings.number }).from(buildings).leftJoin(estates, eq(estates.id, buildings.estateId)).where(eq(buildings.id, id));
  return r;
}

export async function dwellingLabel(db: DbOrTx, id: number): Promise<{ estate: string | null; building: string; unit: number; number: string } | undefined> {
  const [r] = await db
    .select({ estate: estates.name, building: buildings.number, unit: dwellings.unitNumber, number: dwellings.number })
    .from(dwellings)
    .innerJoin(buildings, eq(buildings.id, dwellings.buildingId))
    .leftJoin(estates, eq(estates.id, buildings.estateId))
    .where(eq(dwellings.id, id));
  return r;
}

export async function placeName(db: DbOrTx, id: number): Promise<string | undefined> {
  const [r] = await db.select({ name: places.name }).from(places).where(eq(places.id, id));
  return r?.name;
}

export async function assetName(db: DbOrTx, id: number): Promise<{ name: string; code: string } | undefined> {
  const [r] = await db.select({ name: assets.name, code: assets.code }).from(assets).where(eq(assets.id, id));
  return r;
}

/** Residents' names, in the caller's scope (people outside it are not named). */
export async function residentNames(sdb: ScopedDb, ids: readonly number[]): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return [];
  return sdb.db
    .select({ id: residents.id, name: residents.name })
    .from(residents)
    .where(and(inArray(residents.id, [...ids]), sdb.inScope(residents.regionPath), isNull(residents.archivedAt)));
}

// All queries of positions (岗位). A position lies in the region it sits on (a building's or a
// unit's region for building and unit heads, the team's community for stationed members): scope
// is one prefix match on its path. "Current" on a day: started, and not ended before that day
// (`endOn` is the last day served).
import { and, asc, desc, eq, inArray, isNull, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { positions, stationedTeams, workers } from './workforce.tables.ts';

export type PositionRow = typeof positions.$inferSelect;
export type NewPositionRow = typeof positions.$inferInsert;
export type PositionListRow = PositionRow & {
  regionName: string;
  regionLevel: number;
  workerName: string;
  workerMobileMasked: string | null;
  workerSendingUnitKind: string | null;
  workerSendingUnit: string;
  teamName: string | null;
};

export interface PositionFilters {
  regionPath?: string;
  kind?: string;
  kinds?: readonly string[];
  workerIds?: readonly number[];
  teamIds?: readonly number[];
  /** Only positions current on `today`. */
  current?: boolean;
  today: string;
}

const prefix = (path: string) => `${escapeLike(path)}%`;
export const currentOn = (day: string): SQL => sql`(${positions.startOn} <= ${day} AND (${positions.endOn} IS NULL OR ${positions.endOn} >= ${day}))`;
/** Not ended before `day`: what a new position starting that day may clash with. */
const activeFrom = (day: string): SQL => sql`(${positions.endOn} IS NULL OR ${positions.endOn} >= ${day})`;

const select = (db: DbOrTx) =>
  db
    .select({
      p: positions,
      regionName: regions.name,
      regionLevel: regions.level,
      workerName: workers.name,
      workerMobileMasked: workers.mobileMasked,
      workerSendingUnitKind: workers.sendingUnitKind,
      workerSendingUnit: workers.sendingUnit,
      teamName: stationedTeams.name,
    })
    .from(positions)
    .innerJoin(regions, eq(regions.id, positions.regionId))
    .innerJoin(workers, eq(workers.id, positions.workerId))
    .leftJoin(stationedTeams, eq(stationedTeams.id, positions.teamId));
type Joined = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];
const flat = ({ p, ...r }: Joined): PositionListRow => ({ ...p, ...r });

function where(sdb: ScopedDb, f: PositionFilters): SQL {
  const conds: SQL[] = [sdb.inScope(positions.regionPath), isNull(positions.archivedAt)];
  if (f.regionPath) conds.push(sql`${positions.regionPath} LIKE ${prefix(f.regionPath)}`);
  if (f.kind) conds.push(eq(positions.kind, f.kind));
  if (f.kinds) conds.push(f.kinds.length ? inArray(positions.kind, [...f.kinds]) : sql`false`);
  if (f.workerIds) conds.push(f.workerIds.length ? inArray(positions.workerId, [...f.workerIds]) : sql`false`);
  if (f.teamIds) conds.push(f.teamIds.length ? inArray(positions.teamId, [...f.teamIds]) : sql`false`);
  if (f.current) conds.push(currentOn(f.today));
  return and(...conds)!;
}

export async function listPositions(sdb: ScopedDb, f: PositionFilters, limit = 5000): Promise<PositionListRow[]> {
  const rows = await select(sdb.db)
    .where(where(sdb, f))
    .orderBy(sql`(${positions.endOn} IS NULL) DESC`, desc(positions.startOn), asc(positions.id))
    .limit(limit);
  return rows.map(flat);
}

export async function findPosition(sdb: ScopedDb, id: number): Promise<PositionListRow | undefined> {
  const [r] = await select(sdb.db).where(and(eq(positions.id, id), sdb.inScope(positions.regionPath)));
  return r ? flat(r) : undefined;
}

export async function unscopedPositionExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: positions.id }).from(positions).where(eq(positions.id, id));
  return !!r;
}

/** Current positions of one worker anywhere (the worker's own phone page and visit checks). */
export async function currentPositionsOfWorker(db: DbOrTx, workerId: number, today: string): Promise<PositionListRow[]> {
  const rows = await select(db)
    .where(and(eq(positions.workerId, workerId), isNull(positions.archivedAt), currentOn(today)))
    .orderBy(asc(positions.id));
  return rows.map(flat);
}

/**
 * Serializes position changes on one place (a region, a team), so two requests cannot both take
 * the last paired-deputy seat or a team's leadership.
 */
export async function lockPlace(db: DbOrTx, kind: 'region' | 'team', id: number): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${kind === 'region' ? 7340510 : 7340511}, ${id})`);
}

/** The same worker already in the same seat, not ended before `from`. */
export async function sameSeat(
  db: DbOrTx,
  seat: { workerId: number; kind: string; regionId: number; buildingId: number | null; unitId: number | null; teamId: number | null; zoneId: number | null },
  from: string,
): Promise<PositionRow | undefined> {
  const eqOrNull = (col: AnyColumn, v: number | null) => (v === null ? isNull(col) : eq(col, v));
  const [r] = await db
    .select()
    .from(positions)
    .where(
      and(
        eq(positions.workerId, seat.workerId),
        eq(positions.kind, seat.kind),
        eq(positions.regionId, seat.regionId),
        eqOrNull(positions.buildingId, seat.buildingId),
        eqOrNull(positions.unitId, seat.unitId),
        eqOrNull(positions.teamId, seat.teamId),
        eqOrNull(positions.zoneId, seat.zoneId),
        isNull(positions.archivedAt),
        activeFrom(from),
      ),
    );
  return r;
}

/** Paired deputies of a region not ended before `from`, with their sending unit. */
export async function activeDeputies(db: DbOrTx, regionId: number, from: string): Promise<PositionListRow[]> {
  const rows = await select(db).where(and(eq(positions.regionId, regionId), eq(positions.kind, 'pairedDeputy'), isNull(positions.archivedAt), activeFrom(from)));
  return rows.map(flat);
}

/** The team's leader position not ended before `from` (another than `exceptId`). */
export async function activeLeader(db: DbOrTx, teamId: number, from: string, exceptId?: number): Promise<PositionListRow | undefined> {
  const [r] = await select(db).where(
    and(eq(positions.teamId, teamId), eq(positions.isLeader, true), isNull(positions.archivedAt), activeFrom(from), exceptId ? ne(positions.id, exceptId) : sql`true`),
  );
  return r ? flat(r) : undefined;
}

export async function insertPosition(db: DbOrTx, row: NewPositionRow): Promise<PositionRow> {
  const [r] = await db.insert(positions).values(row).returning();
  return r;
}

export async function updatePosition(db: DbOrTx, id: number, version: number, patch: Partial<NewPositionRow>): Promise<PositionRow | null> {
  const [r] = await db
    .update(positions)
    .set({ ...patch, version: sql`${positions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(positions.id, id), eq(positions.version, version)))
    .returning();
  return r ?? null;
}

/** Ends every position of a worker (or a team) still open on `endOn`; answers the rows ended. */
export async function endOpenPositions(db: DbOrTx, by: { workerId: number } | { teamId: number }, endOn: string): Promise<PositionRow[]> {
  const owner = 'workerId' in by ? eq(positions.workerId, by.workerId) : eq(positions.teamId, by.teamId);
  return db
    .update(positions)
    // A position that would start after the end day ends on its first day (an end never precedes a start).
    .set({ endOn: sql`GREATEST(${positions.startOn}, ${endOn}::date)`, version: sql`${positions.version} + 1`, updatedAt: new Date() })
    .where(and(owner, isNull(positions.archivedAt), or(isNull(positions.endOn), sql`${positions.endOn} > ${endOn}`)))
    .returning();
}

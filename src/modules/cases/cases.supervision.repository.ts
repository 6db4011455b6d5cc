// Queries of the supervision board: open cases the timer marked yellow or red, in scope, by the
// unit holding them. A yellow or red case has passed its warning time, so `stage_warn_at <= now`
// (on the partial timer index) narrows the scan to the late few before the state is checked.
import { and, asc, eq, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { departments } from '../accounts/accounts.tables.ts';
import { regions } from '../regions/regions.tables.ts';
import { cases } from './cases.tables.ts';
import { OPEN_STATUSES } from './cases.workflow.ts';

export type HolderKind = 'department' | 'desk';

/**
 * Who holds a case now: its department while the department must respond or handle it (and one
 * is set), otherwise the desk (waiting to be dispatched, verified, or handled by the desk itself).
 */
const holderKind = sql<HolderKind>`CASE WHEN ${cases.departmentId} IS NOT NULL AND ${cases.stage} IN ('respond', 'handle') THEN 'department' ELSE 'desk' END`;
const holderId = sql<number>`CASE WHEN ${cases.departmentId} IS NOT NULL AND ${cases.stage} IN ('respond', 'handle') THEN ${cases.departmentId} ELSE ${cases.deskRegionId} END`;

export interface BoardFilter {
  now: Date;
  /** Path of a region inside the scope to narrow to. */
  regionPath?: string;
}

function where(sdb: ScopedDb, f: BoardFilter): SQL {
  const conds: SQL[] = [
    isNotNull(cases.stage),
    lte(cases.stageWarnAt, f.now),
    inArray(cases.timerState, ['yellow', 'red']),
    inArray(cases.status, [...OPEN_STATUSES]),
    sdb.inScope(cases.regionPath),
  ];
  if (f.regionPath) conds.push(sql`${cases.regionPath} LIKE ${`${escapeLike(f.regionPath)}%`}`);
  return and(...conds)!;
}

export interface UnitCount {
  kind: HolderKind;
  id: number;
  name: string;
  /** The desk region's level number (desks only). */
  level: number | null;
  yellow: number;
  red: number;
}

const deskRegion = alias(regions, 'desk_region');

/** Counts per holding unit (all of them, however many cases the lists show). */
export async function unitCounts(sdb: ScopedDb, f: BoardFilter): Promise<UnitCount[]> {
  const kind = sql<HolderKind>`${holderKind}`.as('holder_kind');
  const id = sql<number>`${holderId}`.as('holder_id');
  const sq = sdb.db
    .select({ kind, id, timerState: cases.timerState })
    .from(cases)
    .where(where(sdb, f))
    .as('late');
  const rows = await sdb.db
    .select({
      kind: sq.kind,
      id: sq.id,
      yellow: sql<number>`count(*) FILTER (WHERE ${sq.timerState} = 'yellow')`.mapWith(Number),
      red: sql<number>`count(*) FILTER (WHERE ${sq.timerState} = 'red')`.mapWith(Number),
      departmentName: departments.name,
      deskName: deskRegion.name,
      deskLevel: deskRegion.level,
    })
    .from(sq)
    .leftJoin(departments, and(sql`${sq.kind} = 'department'`, eq(departments.id, sq.id)))
    .leftJoin(deskRegion, and(sql`${sq.kind} = 'desk'`, eq(deskRegion.id, sq.id)))
    .groupBy(sq.kind, sq.id, departments.name, deskRegion.name, deskRegion.level);
  return rows.map((r) => ({
    kind: r.kind,
    id: Number(r.id),
    name: (r.kind === 'department' ? r.departmentName : r.deskName) ?? '',
    level: r.kind === 'desk' && r.deskLevel !== null ? Number(r.deskLevel) : null,
    yellow: r.yellow,
    red: r.red,
  }));
}

export interface BoardCaseRow {
  id: number;
  code: string;
  title: string;
  status: string;
  stage: string | null;
  stageWarnAt: Date | null;
  stageDeadlineAt: Date | null;
  timerState: string;
  level: string;
  supervisionCount: number;
  regionId: number;
  regionName: string | null;
  holderKind: HolderKind;
  holderId: number;
}

const caseRegion = alias(regions, 'case_region');

/** The cases of every unit, red first and the longest overdue first, at most `perUnit` each. */
export async function unitCases(sdb: ScopedDb, f: BoardFilter, perUnit: number): Promise<BoardCaseRow[]> {
  const sq = sdb.db
    .select({
      id: cases.id,
      code: cases.code,
      title: cases.title,
      status: cases.status,
      stage: cases.stage,
      stageWarnAt: cases.stageWarnAt,
      stageDeadlineAt: cases.stageDeadlineAt,
      timerState: cases.timerState,
      level: cases.level,
      supervisionCount: cases.supervisionCount,
      regionId: cases.regionId,
      holderKind: sql<HolderKind>`${holderKind}`.as('holder_kind'),
      holderId: sql<number>`${holderId}`.as('holder_id'),
      rn: sql<number>`row_number() OVER (PARTITION BY ${holderKind}, ${holderId} ORDER BY ${cases.timerState} = 'red' DESC, ${cases.stageDeadlineAt} ASC, ${cases.id} ASC)`.as('rn'),
    })
    .from(cases)
    .where(where(sdb, f))
    .as('ranked');
  const rows = await sdb.db
    .select({
      id: sq.id,
      code: sq.code,
      title: sq.title,
      status: sq.status,
      stage: sq.stage,
      stageWarnAt: sq.stageWarnAt,
      stageDeadlineAt: sq.stageDeadlineAt,
      timerState: sq.timerState,
      level: sq.level,
      supervisionCount: sq.supervisionCount,
      regionId: sq.regionId,
      regionName: caseRegion.name,
      holderKind: sq.holderKind,
      holderId: sq.holderId,
    })
    .from(sq)
    .leftJoin(caseRegion, eq(caseRegion.id, sq.regionId))
    .where(lte(sq.rn, perUnit))
    .orderBy(asc(sq.holderKind), asc(sq.holderId), asc(sq.rn));
  return rows.map((c) => ({ ...c, stageWarnAt: toDate(c.stageWarnAt), stageDeadlineAt: toDate(c.stageDeadlineAt), holderId: Number(c.holderId) }));
}

// Columns read through a subquery may come back as text on one driver and Date on the other.
const toDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

// All queries of stationed teams (驻村/驻社区团队); scoped by the community the team serves.
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { stationedTeams } from './workforce.tables.ts';

export type TeamRow = typeof stationedTeams.$inferSelect;
export type NewTeamRow = typeof stationedTeams.$inferInsert;
export type TeamListRow = TeamRow & { regionName: string; regionLevel: number };

export interface TeamFilters {
  /** Teams serving a community inside this subtree. */
  regionPath?: string;
  /** Teams serving a community that contains this region (a grid's teams). */
  containing?: string;
  /** Also teams that ended before `today`. */
  includeEnded?: boolean;
  today: string;
}

const select = (db: DbOrTx) =>
  db.select({ t: stationedTeams, regionName: regions.name, regionLevel: regions.level }).from(stationedTeams).innerJoin(regions, eq(regions.id, stationedTeams.regionId));
const flat = (r: { t: TeamRow; regionName: string; regionLevel: number }): TeamListRow => ({ ...r.t, regionName: r.regionName, regionLevel: r.regionLevel });

function where(sdb: ScopedDb, f: TeamFilters): SQL {
  const conds: SQL[] = [sdb.inScope(stationedTeams.regionPath), isNull(stationedTeams.archivedAt)];
  if (f.regionPath) conds.push(sql`${stationedTeams.regionPath} LIKE ${`${escapeLike(f.regionPath)}%`}`);
  if (f.containing) conds.push(sql`${f.containing} LIKE ${stationedTeams.regionPath} || '%'`);
  if (!f.includeEnded) conds.push(or(isNull(stationedTeams.endOn), sql`${stationedTeams.endOn} >= ${f.today}`)!);
  return and(...conds)!;
}

export async function listTeams(sdb: ScopedDb, f: TeamFilters): Promise<TeamListRow[]> {
  return (await select(sdb.db).where(where(sdb, f)).orderBy(asc(stationedTeams.regionPath), asc(stationedTeams.name), asc(stationedTeams.id)).limit(5000)).map(flat);
}

export async function findTeam(sdb: ScopedDb, id: number): Promise<TeamListRow | undefined> {
  const [r] = await select(sdb.db).where(and(eq(stationedTeams.id, id), sdb.inScope(stationedTeams.regionPath)));
  return r ? flat(r) : undefined;
}

/** Unscoped: a team by id (a stationed member's own team on the phone page). */
export async function teamById(db: DbOrTx, id: number): Promise<TeamListRow | undefined> {
  const [r] = await select(db).where(eq(stationedTeams.id, id));
  return r ? flat(r) : undefined;
}

export async function unscopedTeamExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: stationedTeams.id }).from(stationedTeams).where(eq(stationedTeams.id, id));
  return !!r;
}

export async function insertTeam(db: DbOrTx, row: NewTeamRow): Promise<TeamRow> {
  const [r] = await db.insert(stationedTeams).values(row).returning();
  return r;
}

export async function updateTeam(db: DbOrTx, id: number, version: number, patch: Partial<NewTeamRow>): Promise<TeamRow | null> {
  const [r] = await db
    .update(stationedTeams)
    .set({ ...patch, version: sql`${stationedTeams.version} + 1`, updatedAt: new Date() })
    .where(and(eq(stationedTeams.id, id), eq(stationedTeams.version, version)))
    .returning();
  return r ?? null;
}

export interface GridRow {
  id: number;
  code: string;
  name: string;
  path: string;
  level: number;
  parentId: number | null;
}

/** Active regions of one level in a subtree (grids for the team overview, micro-grids for gaps). */
export async function regionsOfLevelUnder(sdb: ScopedDb, path: string, level: number, limit: number, offset: number): Promise<{ rows: GridRow[]; total: number }> {
  const cond = and(sql`${regions.path} LIKE ${`${escapeLike(path)}%`}`, eq(regions.level, level), isNull(regions.archivedAt), sdb.inScope(regions.path));
  const rows = await sdb.db
    .select({ id: regions.id, code: regions.code, name: regions.name, path: regions.path, level: regions.level, parentId: regions.parentId })
    .from(regions)
    .where(cond)
    .orderBy(asc(regions.code))
    .limit(limit)
    .offset(offset);
  const [{ n }] = await sdb.db.select({ n: sql<number>`count(*)::int` }).from(regions).where(cond);
  return { rows, total: Number(n) };
}

// All queries of workers (网格力量人员). A worker is visible when the region they are managed from
// lies in the caller's scope, or when they hold (or held) a position there: a town cadre paired
// with a community's grid shows in that community's lists, with only that community's positions.
import { and, asc, count, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { positions, workers } from './workforce.tables.ts';

export type WorkerRow = typeof workers.$inferSelect;
export type NewWorkerRow = typeof workers.$inferInsert;
export type WorkerListRow = WorkerRow & { regionName: string; regionLevel: number };

export interface WorkerFilters {
  /** Managed from this subtree, or holding a current position in it. */
  regionPath?: string;
  q?: string;
  /** Holding a current position of this kind (in scope, and in `regionPath` when given). */
  kind?: string;
  includeArchived?: boolean;
  /** The day "current" is judged on, 'YYYY-MM-DD'. */
  today: string;
}

const prefix = (path: string) => `${escapeLike(path)}%`;
const currentOn = (day: string) => sql`${positions.startOn} <= ${day} AND (${positions.endOn} IS NULL OR ${positions.endOn} >= ${day})`;

/** The worker row is visible: managed in scope, or any of their positions lies in scope. */
export function workerVisible(sdb: ScopedDb): SQL {
  if (sdb.scope.path === '/') return sql`true`;
  return or(
    sdb.inScope(workers.regionPath),
    sql`EXISTS (SELECT 1 FROM ${positions} WHERE ${positions.workerId} = ${workers.id} AND ${sdb.inScope(positions.regionPath)})`,
  )!;
}

function where(sdb: ScopedDb, f: WorkerFilters): SQL {
  const conds: SQL[] = [workerVisible(sdb)];
  if (!f.includeArchived) conds.push(isNull(workers.archivedAt));
  if (f.regionPath) {
    conds.push(
      or(
        sql`${workers.regionPath} LIKE ${prefix(f.regionPath)}`,
        sql`EXISTS (SELECT 1 FROM ${positions} WHERE ${positions.workerId} = ${workers.id} AND ${positions.regionPath} LIKE ${prefix(f.regionPath)} AND ${currentOn(f.today)})`,
      )!,
    );
  }
  if (f.kind) {
    const under = f.regionPath ? sql` AND ${positions.regionPath} LIKE ${prefix(f.regionPath)}` : sql``;
    conds.push(sql`EXISTS (SELECT 1 FROM ${positions} WHERE ${positions.workerId} = ${workers.id} AND ${positions.kind} = ${f.kind} AND ${sdb.inScope(positions.regionPath)} AND ${currentOn(f.today)}${under})`);
  }
  if (f.q) {
    const q = f.q.trim();
    conds.push(or(sql`${workers.name} LIKE ${`%${escapeLike(q)}%`}`, sql`${workers.nameInitials} LIKE ${`${escapeLike(q.toLowerCase())}%`}`, sql`${workers.sendingUnit} LIKE ${`%${escapeLike(q)}%`}`)!);
  }
  return and(...conds)!;
}

const select = (db: DbOrTx) =>
  db.select({ w: workers, regionName: regions.name, regionLevel: regions.level }).from(workers).innerJoin(regions, eq(regions.id, workers.regionId));
const flat = (r: { w: WorkerRow; regionName: string; regionLevel: number }): WorkerListRow => ({ ...r.w, regionName: r.regionName, regionLevel: r.regionLevel });

export async function listWorkers(sdb: ScopedDb, f: WorkerFilters, limit: number, offset: number): Promise<{ rows: WorkerListRow[]; total: number }> {
  const rows = await select(sdb.db).where(where(sdb, f)).orderBy(asc(workers.name), asc(workers.id)).limit(limit).offset(offset);
  const [{ n }] = await sdb.db.select({ n: count() }).from(workers).where(where(sdb, f));
  return { rows: rows.map(flat), total: Number(n) };
}

export async function findWorker(sdb: ScopedDb, id: number): Promise<WorkerListRow | undefined> {
  const [r] = await select(sdb.db).where(and(eq(workers.id, id), workerVisible(sdb)));
  return r ? flat(r) : undefined;
}

/** Workers by id among the visible ones (archived included). */
export async function findWorkers(sdb: ScopedDb, ids: readonly number[]): Promise<WorkerListRow[]> {
  if (ids.length === 0) return [];
  const rows = await select(sdb.db).where(and(sql`${workers.id} IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`, workerVisible(sdb)));
  return rows.map(flat);
}

export async function unscopedWorkerExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: workers.id }).from(workers).where(eq(workers.id, id));
  return !!r;
}

/** The caller's own record: the active worker linked to a user, whatever the scope. */
export async function activeWorkerOfUser(db: DbOrTx, userId: number): Promise<WorkerListRow | undefined> {
  const [r] = await select(db).where(and(eq(workers.userId, userId), isNull(workers.archivedAt)));
  return r ? flat(r) : undefined;
}

export async function insertWorker(db: DbOrTx, row: NewWorkerRow): Promise<WorkerRow> {
  const [r] = await db.insert(workers).values(row).returning();
  return r;
}

export async function updateWorker(db: DbOrTx, id: number, version: number, patch: Partial<NewWorkerRow>): Promise<WorkerRow | null> {
  const [r] = await db
    .update(workers)
    .set({ ...patch, version: sql`${workers.version} + 1`, updatedAt: new Date() })
    .where(and(eq(workers.id, id), eq(workers.version, version)))
    .returning();
  return r ?? null;
}

/** Unique-index violations arrive as SQLSTATE 23505, sometimes wrapped by the driver layer. */
export function isUniqueViolation(e: unknown, index?: string): boolean {
  for (let cur = e as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined, i = 0; cur && i < 4; cur = cur.cause as typeof cur, i++) {
    if (cur.code === '23505') return !index || cur.constraint === index || String(cur.message ?? '').includes(index);
  }
  return false;
}

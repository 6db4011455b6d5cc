// Queries of import_jobs. A job is scoped by the scope of the user who started it (scope_path):
// a caller sees the jobs whose scope lies inside their own.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/engine.ts';
import type { ScopedDb } from '../../../shared/scoped.ts';
import { importJobs } from '../people.tables.ts';

export type ImportJobRow = typeof importJobs.$inferSelect;
export type ImportJobSummaryRow = Omit<ImportJobRow, 'errorWorkbook'> & { hasErrorWorkbook: boolean };

const summaryColumns = {
  id: importJobs.id,
  entity: importJobs.entity,
  mode: importJobs.mode,
  fileName: importJobs.fileName,
  status: importJobs.status,
  totalRows: importJobs.totalRows,
  processedRows: importJobs.processedRows,
  added: importJobs.added,
  updated: importJobs.updated,
  unchanged: importJobs.unchanged,
  rejected: importJobs.rejected,
  problems: importJobs.problems,
  failure: importJobs.failure,
  scopePath: importJobs.scopePath,
  createdBy: importJobs.createdBy,
  createdAt: importJobs.createdAt,
  finishedAt: importJobs.finishedAt,
  hasErrorWorkbook: sql<boolean>`${importJobs.errorWorkbook} IS NOT NULL`,
};

export async function insertJob(db: DbOrTx, values: typeof importJobs.$inferInsert): Promise<ImportJobRow> {
  const [r] = await db.insert(importJobs).values(values).returning();
  return r;
}

export interface JobCounts {
  totalRows?: number;
  processedRows: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** Progress after a committed batch: called inside the batch's transaction, so it is exactly what is written. */
export async function addBatchCounts(db: DbOrTx, id: number, d: JobCounts): Promise<void> {
  await db
    .update(importJobs)
    .set({
      processedRows: sql`${importJobs.processedRows} + ${d.processedRows}`,
      added: sql`${importJobs.added} + ${d.added}`,
      updated: sql`${importJobs.updated} + ${d.updated}`,
      unchanged: sql`${importJobs.unchanged} + ${d.unchanged}`,
      rejected: sql`${importJobs.rejected} + ${d.rejected}`,
      ...(d.totalRows !== undefined ? { totalRows: d.totalRows } : {}),
    })
    .where(eq(importJobs.id, id));
}

export async function finishJob(
  db: DbOrTx,
  id: number,
  patch: JobCounts & { status: string; totalRows: number; problems: unknown[]; errorWorkbook: Buffer | null; failure: string | null },
): Promise<void> {
  await db
    .update(importJobs)
    .set({ ...patch, finishedAt: new Date() })
    .where(eq(importJobs.id, id));
}

export async function findJob(sdb: ScopedDb, id: number): Promise<ImportJobSummaryRow | undefined> {
  const [r] = await sdb.db.select(summaryColumns).from(importJobs).where(and(eq(importJobs.id, id), sdb.inScope(importJobs.scopePath)));
  return r;
}

export async function unscopedJobExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: importJobs.id }).from(importJobs).where(eq(importJobs.id, id));
  return !!r;
}

export async function listJobs(sdb: ScopedDb, limit: number, offset: number, entity?: string): Promise<ImportJobSummaryRow[]> {
  const conds = [sdb.inScope(importJobs.scopePath)];
  if (entity) conds.push(eq(importJobs.entity, entity));
  return sdb.db
    .select(summaryColumns)
    .from(importJobs)
    .where(and(...conds))
    .orderBy(desc(importJobs.id))
    .limit(limit)
    .offset(offset);
}

export async function errorWorkbookOf(sdb: ScopedDb, id: number): Promise<Buffer | null | undefined> {
  const [r] = await sdb.db.select({ wb: importJobs.errorWorkbook }).from(importJobs).where(and(eq(importJobs.id, id), sdb.inScope(importJobs.scopePath)));
  return r ? r.wb : undefined;
}

/** Jobs still marked running: on the embedded engine (one process, by the lock) they died with the last one. */
export async function failRunningJobs(db: DbOrTx, failure: string): Promise<number> {
  const res = await db
    .update(importJobs)
    .set({ status: 'failed', failure, finishedAt: new Date() })
    .where(eq(importJobs.status, 'running'))
    .returning({ id: importJobs.id });
  return res.length;
}

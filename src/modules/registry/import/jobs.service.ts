// Import jobs: one per uploaded file, run in the background in this process. The job row holds
// the outcome; while a job runs, its progress is also kept in memory (an all-or-nothing import is
// one transaction, so its progress cannot be published through the database until it ends).
// The error workbook holds the rejected rows as typed (full ID numbers): it is stored encrypted
// and given only to the user who imported or to holders of `pii.read`.
import type { Db } from '../../../db/engine.ts';
import { assertPermission } from '../../../shared/authz.ts';
import type { RequestContext } from '../../../shared/context.ts';
import { AppError, renderMessage } from '../../../shared/errors.ts';
import { decryptPii, encryptPii } from '../../../shared/pii.ts';
import { scoped } from '../../../shared/scoped.ts';
import { ENTITY_NAMES, type RegistryEntity } from '../registry.common.ts';
import type { EntitySheet } from '../sheet.ts';
import { SHEETS } from '../sheets.ts';
import { buildErrorWorkbook } from './errors-workbook.ts';
import { mapHeader } from './header.ts';
import * as repo from './jobs.repository.ts';
import { openSheet, type ImportSource } from './read.ts';
import { runImport, type ImportCounts, type ImportMode, type ImportResult } from './run.ts';

const live = new Map<number, ImportCounts>();
const running = new Map<number, Promise<void>>();

export function sheetOf(entity: string): EntitySheet {
  const s = SHEETS[entity as RegistryEntity];
  if (!s) throw new AppError('IMPORT_ENTITY_UNKNOWN', { entity });
  return s;
}

export interface JobView {
  id: number;
  entity: string;
  entityName: { zh: string; en: string };
  mode: string;
  fileName: string;
  status: string;
  totalRows: number;
  processedRows: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  problems: unknown;
  failure: string | null;
  hasErrorWorkbook: boolean;
  createdAt: string;
  finishedAt: string | null;
}

function present(r: repo.ImportJobSummaryRow): JobView {
  const mem = r.status === 'running' ? live.get(r.id) : undefined;
  return {
    id: r.id,
    entity: r.entity,
    entityName: ENTITY_NAMES[r.entity as RegistryEntity] ?? { zh: r.entity, en: r.entity },
    mode: r.mode,
    fileName: r.fileName,
    status: r.status,
    totalRows: mem?.totalRows ?? r.totalRows,
    processedRows: mem?.processedRows ?? r.processedRows,
    added: mem?.added ?? r.added,
    updated: mem?.updated ?? r.updated,
    unchanged: mem?.unchanged ?? r.unchanged,
    rejected: mem?.rejected ?? r.rejected,
    problems: r.problems,
    failure: r.failure,
    hasErrorWorkbook: r.hasErrorWorkbook,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** Refuses a file whose header is wrong before a job is created: the caller learns at once. */
async function checkHeader(sheet: EntitySheet, source: ImportSource, fileName: string): Promise<void> {
  const opened = await openSheet(source, fileName);
  mapHeader(sheet, opened.header);
}

export interface StartOptions {
  entity: string;
  mode: ImportMode;
  fileName: string;
  batchSize?: number;
  onProgress?: (c: ImportCounts) => void;
}

/** Creates the job row; `run` does the work (in the background for the web, awaited by the CLI). */
export async function createImportJob(db: Db, ctx: RequestContext, source: ImportSource, o: StartOptions): Promise<{ jobId: number; run: () => Promise<JobOutcome> }> {
  assertPermission(ctx, 'registry.write');
  const sheet = sheetOf(o.entity);
  await checkHeader(sheet, source, o.fileName);
  const job = await repo.insertJob(db, { entity: o.entity, mode: o.mode, fileName: o.fileName.slice(0, 200), status: 'running', scopePath: ctx.actor.scope.path, createdBy: ctx.actor.userId });
  live.set(job.id, { totalRows: 0, processedRows: 0, added: 0, updated: 0, unchanged: 0, rejected: 0, batches: 0 });
  const run = () => executeJob(db, ctx, sheet, job.id, source, o);
  return { jobId: job.id, run };
}

export interface JobOutcome {
  jobId: number;
  result?: ImportResult;
  errorWorkbook?: Buffer;
  failure?: AppError | Error;
}

async function executeJob(db: Db, ctx: RequestContext, sheet: EntitySheet, jobId: number, source: ImportSource, o: StartOptions): Promise<JobOutcome> {
  try {
    const result = await runImport(db, ctx, sheet, source, {
      mode: o.mode,
      fileName: o.fileName,
      batchSize: o.batchSize,
      jobId,
      onProgress: (c) => {
        live.set(jobId, c);
        o.onProgress?.(c);
      },
    });
    const wb = result.rejectedRows.length ? await buildErrorWorkbook(sheet, result.header, result.rejectedRows, result.rejected) : undefined;
    await repo.finishJob(db, jobId, {
      status: result.status,
      totalRows: result.totalRows,
      processedRows: result.processedRows,
      added: result.added,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejected,
      problems: result.problems,
      errorWorkbook: wb ? Buffer.from(encryptPii(wb.toString('base64')), 'utf8') : null,
      failure: null,
    });
    return { jobId, result, errorWorkbook: wb };
  } catch (e) {
    const msg = e instanceof AppError ? `${renderMessage(e.code, e.params, 'zh-CN')} / ${renderMessage(e.code, e.params, 'en')}` : `导入中断 import failed: ${(e as Error).message}`;
    const c = live.get(jobId);
    // Skip-invalid batches that committed stay committed: the job row already counts them.
    await repo
      .finishJob(db, jobId, {
        status: 'failed',
        totalRows: c?.totalRows ?? 0,
        processedRows: o.mode === 'skip-invalid' ? (c?.processedRows ?? 0) : 0,
        added: o.mode === 'skip-invalid' ? (c?.added ?? 0) : 0,
        updated: o.mode === 'skip-invalid' ? (c?.updated ?? 0) : 0,
        unchanged: o.mode === 'skip-invalid' ? (c?.unchanged ?? 0) : 0,
        rejected: o.mode === 'skip-invalid' ? (c?.rejected ?? 0) : 0,
        problems: [],
        errorWorkbook: null,
        failure: msg.slice(0, 2000),
      })
      .catch(() => undefined);
    return { jobId, failure: e as Error };
  } finally {
    live.delete(jobId);
  }
}

/** Web: start the job and return at once; the work goes on in this process. */
export async function startImport(db: Db, ctx: RequestContext, source: ImportSource, o: StartOptions): Promise<{ jobId: number }> {
  const { jobId, run } = await createImportJob(db, ctx, source, o);
  const p = run().then(() => undefined);
  running.set(jobId, p);
  void p.finally(() => running.delete(jobId));
  return { jobId };
}

/** Resolves when a background job of this process has finished (tests, graceful shutdown). */
export async function jobSettled(jobId: number): Promise<void> {
  await running.get(jobId);
}

async function loadJob(db: Db, ctx: RequestContext, id: number): Promise<repo.ImportJobSummaryRow> {
  assertPermission(ctx, 'registry.write');
  const r = await repo.findJob(scoped(db, ctx.actor.scope), id);
  if (r) return r;
  throw (await repo.unscopedJobExists(db, id)) ? new AppError('SCOPE_DENIED') : new AppError('IMPORT_JOB_NOT_FOUND');
}

export async function getImportJob(db: Db, ctx: RequestContext, id: number): Promise<JobView> {
  return present(await loadJob(db, ctx, id));
}

export async function listImportJobs(db: Db, ctx: RequestContext, q: { limit?: number; offset?: number; entity?: string }): Promise<{ items: JobView[] }> {
  assertPermission(ctx, 'registry.write');
  const rows = await repo.listJobs(scoped(db, ctx.actor.scope), q.limit ?? 20, q.offset ?? 0, q.entity);
  return { items: rows.map(present) };
}

export async function importErrorWorkbook(db: Db, ctx: RequestContext, id: number): Promise<{ body: Buffer; filename: string }> {
  const job = await loadJob(db, ctx, id);
  // Rejected rows carry what was typed, full ID numbers included.
  if (job.createdBy !== ctx.actor.userId) assertPermission(ctx, 'pii.read');
  const stored = await repo.errorWorkbookOf(scoped(db, ctx.actor.scope), id);
  if (!stored) throw new AppError('REGISTRY_NOT_FOUND', { entity: { zh: '错误清单', en: 'Error workbook' } });
  // PGlite answers bytea as a Uint8Array, pg as a Buffer.
  const body = Buffer.from(decryptPii(Buffer.from(stored).toString('utf8')), 'base64');
  return { body, filename: `import-${id}-errors.xlsx` };
}

/**
 * At start-up of the only process on a data folder: jobs left 'running' were cut off by a crash
 * or a kill. Their committed batches stay (each is whole); the job says so, and the same file can
 * be imported again to finish. (With several API processes on one server database a process
 * cannot tell a dead job from another process's live one, so this runs only on the embedded engine.)
 */
export async function failInterruptedJobs(db: Db): Promise<number> {
  return repo.failRunningJobs(db, 'interrupted: the server stopped during the import; committed batches are kept, import the file again to finish');
}

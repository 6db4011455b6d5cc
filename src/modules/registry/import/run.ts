// The import engine: rows stream from the file, are checked by the entity's parse(), and go to its
// write() in batches. Modes:
// - all-or-nothing: every batch inside ONE transaction; any rejected row rolls everything back.
// - skip-invalid: each batch its own transaction (rows, counters, the batch's audit row and the
//   job's progress commit together), rejected rows are skipped and reported.
// A kill between batches therefore leaves whole batches only, and re-running the file finishes it:
// rows already written come back 'unchanged'. Parsing of the next batch (and, for large files, its
// preparation on a worker thread) overlaps the database work of the current one.
import type { Db, DbOrTx } from '../../../db/engine.ts';
import type { RequestContext } from '../../../shared/context.ts';
import type { Bilingual } from '../../../shared/errors.ts';
import { scoped } from '../../../shared/scoped.ts';
import { recordAudit } from '../../audit/index.ts';
import type { EntitySheet, RowProblem } from '../sheet.ts';
import { rowPrepare, runContext, runFacts, setRowOrigin } from './context.ts';
import { PrepareWorker, useWorker } from './prepare-parallel.ts';
import { rowParser, type ParsedRow, type RawRow } from './parse-rows.ts';
import { headerOf, mapHeader } from './header.ts';
import * as jobsRepo from './jobs.repository.ts';
import { openSheet, type ImportSource } from './read.ts';

export type ImportMode = 'all-or-nothing' | 'skip-invalid';
export const DEFAULT_BATCH = 2000;
/** Rows parsed between two turns of the event loop while a batch is in the database. */
const YIELD_EVERY = 64;
/** Rejected rows kept for the error workbook; beyond this only the count grows. */
export const MAX_REJECTED_KEPT = 100_000;
/** Problems kept on the job row for display. */
export const MAX_JOB_PROBLEMS = 100;

export interface ImportCounts {
  totalRows: number;
  processedRows: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  batches: number;
}

export interface JobProblem {
  row: number;
  column: string;
  reason: Bilingual;
}

export interface RejectedRow {
  row: number;
  values: string[];
  problems: RowProblem[];
}

export interface ImportResult extends ImportCounts {
  status: 'done' | 'rejected';
  mode: ImportMode;
  header: string[];
  problems: JobProblem[];
  rejectedRows: RejectedRow[];
}

export interface RunOptions {
  mode: ImportMode;
  fileName: string;
  batchSize?: number;
  /** The job row to keep up to date (skip-invalid: inside each batch's transaction). */
  jobId?: number;
  onProgress?: (c: ImportCounts) => void;
}

type Pending = ParsedRow;

class Rollback extends Error {}

export async function runImport(db: Db, ctx: RequestContext, sheet: EntitySheet, source: ImportSource, opts: RunOptions): Promise<ImportResult> {
  const opened = await openSheet(source, opts.fileName);
  const map = mapHeader(sheet, opened.header);
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH);
  const runCtx = runContext(ctx);
  runFacts(runCtx).estimatedRows = opened.estimatedRows;
  const counts: ImportCounts = { totalRows: opened.estimatedRows, processedRows: 0, added: 0, updated: 0, unchanged: 0, rejected: 0, batches: 0 };
  const problems: JobProblem[] = [];
  const rejectedRows: RejectedRow[] = [];
  const offload = rowPrepare(sheet.entity)?.offload;
  const worker = offload && useWorker(opened.estimatedRows) ? new PrepareWorker(sheet.entity) : null;
  const parseRow = rowParser(sheet, map.keys, runCtx, !worker);

  const reject = (p: Pending, list: RowProblem[]) => {
    counts.rejected++;
    if (rejectedRows.length < MAX_REJECTED_KEPT) rejectedRows.push({ row: p.row, values: p.values, problems: list });
    for (const x of list) if (problems.length < MAX_JOB_PROBLEMS) problems.push({ row: p.row, column: headerOf(sheet, x.column).zh, reason: x.reason });
  };

  /** Writes one batch on `tx`; returns the row problems found. */
  const writeBatch = async (tx: DbOrTx, batch: Pending[]) => {
    const good = batch.filter((p) => !p.problems);
    const outcomes = good.length ? await sheet.write(tx, runCtx, scoped(tx, ctx.actor.scope), good.map((p) => p.value)) : [];
    if (outcomes.length !== good.length) throw new Error(`${sheet.entity} write() answered ${outcomes.length} outcomes for ${good.length} rows`);
    const c = { added: 0, updated: 0, unchanged: 0, rejected: 0 };
    const bad: [Pending, RowProblem[]][] = batch.filter((p) => p.problems).map((p) => [p, p.problems!]);
    outcomes.forEach((o, i) => {
      if (o.outcome === 'rejected') bad.push([good[i], o.problems]);
      else c[o.outcome]++;
    });
    c.rejected = bad.length;
    await recordAudit(tx, ctx, {
      action: 'registry.import',
      entityType: sheet.entity,
      entityId: opts.jobId ?? 0,
      regionPath: ctx.actor.scope.path,
      after: { job: opts.jobId ?? null, batch: counts.batches + 1, rows: [batch[0].row, batch[batch.length - 1].row], added: c.added, updated: c.updated, unchanged: c.unchanged, rejected: c.rejected },
    });
    if (opts.jobId !== undefined && opts.mode === 'skip-invalid') {
      await jobsRepo.addBatchCounts(tx, opts.jobId, { processedRows: batch.length, ...c, totalRows: Math.max(counts.totalRows, counts.processedRows + batch.length) });
    }
    return { c, bad, n: batch.length };
  };

  /**
   * writeBatch in its own transaction (skip-invalid) or savepoint (all-or-nothing), written again
   * once with exact lookups if a writer's shortcut met a unique violation (see RunFacts).
   */
  const writeAtomically = async (db: DbOrTx, batch: Pending[]) => {
    try {
      return await db.transaction((tx) => writeBatch(tx, batch));
    } catch (e) {
      const facts = runFacts(runCtx);
      if (facts.exact || !isUniqueViolation(e)) throw e;
      facts.exact = true;
      return db.transaction((tx) => writeBatch(tx, batch));
    }
  };

  const account = (r: Awaited<ReturnType<typeof writeBatch>>) => {
    counts.batches++;
    counts.processedRows += r.n;
    counts.added += r.c.added;
    counts.updated += r.c.updated;
    counts.unchanged += r.c.unchanged;
    for (const [p, list] of r.bad) reject(p, list);
    counts.totalRows = Math.max(counts.totalRows, counts.processedRows);
    opts.onProgress?.({ ...counts });
  };

  /**
   * One batch's rows checked here, in slices that let the database's replies in; then, with a
   * worker, the batch's preparation there (the returned promise waits for it).
   */
  const parseBatch = async (raw: RawRow[]): Promise<Pending[]> => {
    const out: Pending[] = [];
    for (let i = 0; i < raw.length; i++) {
      if (i > 0 && i % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const p = parseRow(raw[i]);
      if (!p) continue;
      if (p.value !== undefined) setRowOrigin(p.value, p.row);
      out.push(p);
    }
    if (worker && offload) {
      const values = out.flatMap((p) => (p.value === undefined ? [] : [p.value]));
      if (values.length) offload.unpack(values, await worker.run(offload.pack(runCtx, values)));
    }
    return out;
  };

  /**
   * Reads all rows and hands full batches to `flush`, in order and one at a time, as a pipeline:
   * while batch N is in the database, N+1 is checked (and, with a worker, prepared there) and the
   * file read on into N+2. Each batch's write waits for the previous write and its own parse; a
   * failure stops every later write (their chain rejects before flushing).
   */
  const pump = async (flush: (batch: Pending[]) => Promise<void>) => {
    const ahead = worker ? 2 : 1;
    let raw: RawRow[] = [];
    let last: Promise<void> = Promise.resolve();
    const queued: Promise<void>[] = [];
    const send = async () => {
      const parsing = parseBatch(raw);
      parsing.catch(() => undefined);
      raw = [];
      const before = last;
      last = (async () => {
        await before;
        const batch = await parsing;
        if (batch.length) await flush(batch);
      })();
      last.catch(() => undefined);
      queued.push(last);
      while (queued.length > ahead) await queued.shift();
    };
    let sinceYield = 0;
    for await (const r of opened.rows) {
      // Rows already read arrive as a run of microtasks, which would hold back the batch in flight:
      // step aside now and then so its replies are taken up (and its next statement sent) at once.
      if (queued.length && ++sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      raw.push({ row: r.row, values: r.values });
      if (raw.length >= batchSize) await send();
    }
    if (raw.length) await send();
    await last;
  };

  let status: 'done' | 'rejected' = 'done';
  try {
    if (opts.mode === 'skip-invalid') {
      await pump(async (batch) => account(await writeAtomically(db, batch)));
    } else {
      try {
        await db.transaction(async (tx) => {
          await pump(async (batch) => account(await writeAtomically(tx, batch)));
          if (counts.rejected > 0) throw new Rollback();
        });
      } catch (e) {
        if (!(e instanceof Rollback)) throw e;
        status = 'rejected';
        // Nothing was written: say so in the counts.
        counts.added = counts.updated = counts.unchanged = 0;
      }
    }
  } finally {
    await worker?.close();
  }
  counts.totalRows = counts.processedRows;
  rejectedRows.sort((a, b) => a.row - b.row);
  problems.sort((a, b) => a.row - b.row);
  return { ...counts, status, mode: opts.mode, header: opened.header, problems, rejectedRows };
}

/** PostgreSQL's unique_violation, however the driver wraps it (pg: the error; Drizzle: its cause). */
function isUniqueViolation(e: unknown): boolean {
  for (let x = e as { code?: string; cause?: unknown } | undefined, i = 0; x && i < 4; x = x.cause as typeof x, i++) if (x.code === '23505') return true;
  return false;
}

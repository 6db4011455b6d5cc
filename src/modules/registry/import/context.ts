// What the engine tells an entity's write() beyond the EntitySheet contract, without widening it:
// the sheet row a parsed value came from (so "duplicate of row N" can name N), and caches that
// live for one import run (region codes, dwellings, names' pinyin, ID numbers already seen).
// Both are keyed by object identity: the parsed value, and the per-run copy of the context.
import type { RequestContext } from '../../../shared/context.ts';

const rowOfValue = new WeakMap<object, number>();
const runCaches = new WeakMap<RequestContext, Map<string, unknown>>();

export function setRowOrigin(value: unknown, row: number): void {
  if (value && typeof value === 'object') rowOfValue.set(value, row);
}

/** The sheet row number of a parsed value, when it came from a sheet. */
export function rowOrigin(value: unknown): number | undefined {
  return value && typeof value === 'object' ? rowOfValue.get(value) : undefined;
}

/** A fresh context for one run; caches hang on it and die with it. */
export function runContext(ctx: RequestContext): RequestContext {
  const c = { ...ctx };
  runCaches.set(c, new Map());
  return c;
}

/**
 * A cache for the current run (or a throw-away one outside a run, e.g. an API call), created on
 * first use by `init`.
 */
export function runCache<T>(ctx: RequestContext, name: string, init: () => T): T {
  let m = runCaches.get(ctx);
  if (!m) {
    m = new Map();
    runCaches.set(ctx, m);
  }
  if (!m.has(name)) m.set(name, init());
  return m.get(name) as T;
}

/**
 * An entity's per-row work that needs no database (hashing, encryption …). The engine runs it ahead
 * of the write, while the previous batch's statements are in the database, so that CPU time
 * overlaps the database's instead of following it: per row as the file is read, or, for large
 * files, per batch on a worker thread (`offload`). Optional: write() must still work on rows nobody
 * prepared.
 */
export interface RowPrepare {
  prepare(ctx: RequestContext, value: unknown): void;
  offload?: RowOffload;
}

/**
 * The same work for a whole batch on a worker thread. Only flat inputs cross the thread boundary
 * (strings in, strings back: cheap to clone), never the parsed rows themselves, whose cloning cost
 * more than the work it moved (measured: see prepare-parallel.ts).
 */
export interface RowOffload {
  /** Main thread: what the worker needs from the batch's parsed values. */
  pack(ctx: RequestContext, values: unknown[]): unknown;
  /** Worker thread: the work. */
  work(packed: unknown): unknown;
  /** Main thread: attach the worker's results to the values, in order. */
  unpack(values: unknown[], result: unknown): void;
}
const rowPreparers = new Map<string, RowPrepare>();

export function registerRowPrepare(entity: string, hooks: RowPrepare): void {
  rowPreparers.set(entity, hooks);
}

export const rowPrepare = (entity: string): RowPrepare | undefined => rowPreparers.get(entity);

/**
 * What the engine knows of the run as a whole: its estimated size (0 = unknown, e.g. .xlsx), and
 * whether writers must look every row up exactly. Writers may take shortcuts on large runs (see
 * residents.bulk.known.ts); if a batch then hits a unique violation (someone else stored the same
 * person meanwhile), the engine sets `exact` and writes that batch again.
 */
export interface RunFacts {
  estimatedRows: number;
  exact: boolean;
}
export const runFacts = (ctx: RequestContext): RunFacts => runCache(ctx, 'run.facts', () => ({ estimatedRows: 0, exact: false }));

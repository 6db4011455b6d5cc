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
 * An entity's per-row work that needs no database (hashing, encryption …). The engine runs it on
 * each parsed row ahead of the write: in a worker thread for large files, else as the file is read,
 * while the previous batch's statements are in the database. Either way that CPU time overlaps the
 * database's instead of following it. Optional: write() must still work on rows nobody prepared.
 * `take` / `give` carry what was prepared across a thread boundary (it is kept off the plain value,
 * which a structured clone would not carry).
 */
export interface RowPrepare {
  prepare(ctx: RequestContext, value: unknown): void;
  take?(value: unknown): unknown;
  give?(value: unknown, prepared: unknown): void;
}
const rowPreparers = new Map<string, RowPrepare>();

export function registerRowPrepare(entity: string, hooks: RowPrepare): void {
  rowPreparers.set(entity, hooks);
}

export const rowPrepare = (entity: string): RowPrepare | undefined => rowPreparers.get(entity);

// Bulk writes for the party and workforce demo loaders: rows in COPY text format written table
// after table in one transaction (src/db/copy.ts), plus the id bookkeeping explicit ids need: where
// the tables' ids stand before the load, and their sequences moved past the loaded rows after.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import { CopyRows, copyTables } from '../db/copy.ts';

export { CopyRows, copyTables };

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

/** The highest id each table holds now (0 when empty): loaded ids start after it. */
export async function maxIds<T extends string>(db: Db, tables: readonly T[]): Promise<Record<T, number>> {
  const out = {} as Record<T, number>;
  for (const t of tables) out[t] = Number(rowsOf<{ m: number | string }>(await db.execute(sql.raw(`SELECT coalesce(max(id), 0) AS m FROM ${t}`)))[0].m);
  return out;
}

/** Moves each table's id sequence past its highest id, so live inserts continue after the load. */
export async function syncSequences(db: Db, tables: readonly string[]): Promise<void> {
  for (const t of tables) await db.execute(sql.raw(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${t}), false)`));
}

export async function analyze(db: Db, tables: readonly string[]): Promise<void> {
  for (const t of tables) await db.execute(sql.raw(`ANALYZE ${t}`));
}

/**
 * Runs a bulk load into empty tables with their secondary indexes dropped, and builds them again
 * afterwards from their own definitions (pg_indexes), whatever happens: building an index once
 * over a year of visits costs a fraction of keeping it up row by row (≈ 25 % of the small demo's
 * workforce load in PGlite, more on the server at city scale). Tables that already hold rows keep
 * their indexes: live data is never left unindexed.
 */
export async function withIndexesDeferred<T>(db: Db, tables: readonly string[], fn: () => Promise<T>): Promise<T> {
  const empty: string[] = [];
  for (const t of tables) if (rowsOf(await db.execute(sql.raw(`SELECT 1 FROM ${t} LIMIT 1`))).length === 0) empty.push(t);
  if (empty.length === 0) return fn();
  const list = empty.map((t) => `'${t}'`).join(', ');
  const defs = rowsOf<{ name: string; def: string }>(await db.execute(sql.raw(`SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename IN (${list}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY i.indexname`)));
  for (const d of defs) await db.execute(sql.raw(`DROP INDEX IF EXISTS "${d.name}"`));
  try {
    return await fn();
  } finally {
    for (const d of defs) await db.execute(sql.raw(d.def));
  }
}

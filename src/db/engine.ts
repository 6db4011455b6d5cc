// Engine selection: embedded PGlite in a data folder (default) or a PostgreSQL server when
// DATABASE_URL is set. Each engine uses its own Drizzle driver (mixing them breaks), and both
// expose the same `Db` type to repositories.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';
import { acquireDataLock, type DataLock } from './lock.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  engine: 'pglite' | 'postgres';
  db: Db;
  /** Runs raw SQL text (several statements allowed); used by migrations and test resets. */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Data folder for the embedded engine; omitted = in memory (tests). */
  dataDir?: string;
  /** Skip the single-process lock (read-only tools such as `audit verify` still take it). */
  noLock?: boolean;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir, opts.noLock);
}

async function openPostgres(url: string): Promise<Database> {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // Bigint counts come back as numbers: our counters stay far below 2^53.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.WANGGE_PG_POOL ?? 10) });
  // An idle connection can die (server restart, admin termination); without a listener the error
  // would crash the process. The pool replaces the connection on the next query.
  pool.on('error', (err) => {
    if ((err as { code?: string }).code !== '57P01') console.error('wangge: idle PostgreSQL connection failed:', err.message);
  });
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    engine: 'postgres',
    db,
    exec: async (text) => {
      await pool.query(text);
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | undefined, noLock?: boolean): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { ltree } = await import('@electric-sql/pglite/contrib/ltree');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  let lock: DataLock | undefined;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    // Two processes on one PGlite folder silently lose commits: refuse the second.
    if (!noLock) lock = acquireDataLock(dataDir);
  }
  const client = await PGlite.create(dataDir ? path.join(dataDir, 'pg') : undefined, {
    extensions: { ltree, pg_trgm },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    engine: 'pglite',
    db,
    exec: async (text) => {
      await client.exec(text);
    },
    close: async () => {
      await client.close();
      lock?.release();
    },
  };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.engine === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder });
    // PGlite keeps up to 1 GB of WAL by default; a small embedded install does not need that.
    // ALTER SYSTEM refuses to run inside a transaction block, so one statement per call.
    for (const stmt of ["ALTER SYSTEM SET max_wal_size = '64MB'", "ALTER SYSTEM SET min_wal_size = '32MB'", 'SELECT pg_reload_conf()']) await database.exec(stmt);
  } else {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(database.db as never, { migrationsFolder });
  }
}

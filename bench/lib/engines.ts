// Opening the two engines for a benchmark: a fresh PGlite data folder, or a throwaway database on
// the PostgreSQL server (created here, dropped after). Also a thin raw-SQL adapter over each
// engine's own client, so baselines bypass Drizzle and the services.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/engine.ts';
import { initPiiKeys } from '../../src/shared/pii.ts';
import { errMsg } from './util.ts';

export const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const OUT_DIR = path.resolve(import.meta.dirname, '..', 'out');

export type EngineName = 'pglite' | 'postgres';

export interface Raw {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs fn inside BEGIN … COMMIT on one connection. */
  transaction<T>(fn: (q: Raw['query']) => Promise<T>): Promise<T>;
}

export interface BenchDatabase {
  engine: EngineName;
  database: Database;
  raw: Raw;
  /** Server databases: the URL of this throwaway database (for psql). */
  url?: string;
  /** PGlite: the data folder. */
  dataDir?: string;
  /** Closes and removes everything this bench created. */
  dispose(): Promise<void>;
}

/** A fresh PGlite in its own data folder (on disk, as an installation uses it), migrated. */
export async function openPgliteBench(dataDir: string): Promise<BenchDatabase> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  initPiiKeys(undefined);
  const database = await openDatabase({ dataDir });
  await migrateDatabase(database);
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const raw: Raw = {
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as R[] }),
    transaction: (fn) =>
      client.transaction(async (tx) => fn(async <R>(text: string, params?: unknown[]) => ({ rows: (await tx.query(text, params)).rows as R[] }))),
  };
  return {
    engine: 'pglite',
    database,
    raw,
    dataDir,
    dispose: async () => {
      await database.close().catch(() => undefined);
      if (!process.env.BENCH_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Is the server there? Answers its version string, or why not. */
export async function probeServer(): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  const c = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    const { rows } = await c.query<{ v: string }>('SELECT version() AS v');
    return { ok: true, version: rows[0].v };
  } catch (e) {
    return { ok: false, reason: errMsg(e) };
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** A throwaway database on the server, migrated; dropped by dispose(). */
export async function openServerBench(): Promise<BenchDatabase> {
  initPiiKeys(undefined);
  const name = `wangge_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const drop = async () => {
    const a = new pg.Client({ connectionString: SERVER_URL });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  };
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: url.toString() });
    await migrateDatabase(database);
  } catch (e) {
    await drop().catch(() => undefined);
    throw e;
  }
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  const raw: Raw = {
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await pool.query(text, params)).rows as R[] }),
    transaction: async (fn) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const out = await fn(async <R>(text: string, params?: unknown[]) => ({ rows: (await c.query(text, params)).rows as R[] }));
        await c.query('COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    },
  };
  return {
    engine: 'postgres',
    database,
    raw,
    url: url.toString(),
    dispose: async () => {
      await database.close().catch(() => undefined);
      await drop();
    },
  };
}

/** psql on PATH, for the server's COPY baseline (pg-copy-streams is not installed). */
export function hasPsql(): boolean {
  return spawnSync('psql', ['--version'], { encoding: 'utf8' }).status === 0;
}

export async function engineVersion(b: BenchDatabase): Promise<string> {
  const { rows } = await b.raw.query<{ v: string }>('SELECT version() AS v');
  return rows[0].v;
}

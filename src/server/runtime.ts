// Shared start-up for the server and the CLI: configuration from the environment, keys, the
// database (opened and migrated).
import path from 'node:path';
import { migrateDatabase, openDatabase, type Database } from '../db/engine.ts';
import { initPiiKeys } from '../shared/pii.ts';

export interface RuntimeConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
}

export function configFromEnv(): RuntimeConfig {
  return {
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(process.env.WANGGE_DATA ?? './data'),
    databaseUrl: process.env.DATABASE_URL || undefined,
  };
}

export async function openRuntime(cfg: RuntimeConfig, opts: { migrate?: boolean } = {}): Promise<Database> {
  initPiiKeys(cfg.dataDir);
  const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  if (opts.migrate !== false) await migrateDatabase(database);
  return database;
}

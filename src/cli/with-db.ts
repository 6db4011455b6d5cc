// Runs a CLI action against the configured database and always closes it.
import type { Database } from '../db/engine.ts';
import { configFromEnv, openRuntime } from '../server/runtime.ts';
import { reportCliError } from './errors.ts';

export async function withDatabase(fn: (database: Database) => Promise<void>): Promise<void> {
  let database: Database | undefined;
  try {
    database = await openRuntime(configFromEnv());
    await fn(database);
  } catch (e) {
    await database?.close().catch(() => undefined);
    reportCliError(e);
  }
  await database.close();
}

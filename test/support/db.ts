// Test databases: one per test file. Embedded (in-memory PGlite) by default; with
// TEST_DATABASE_URL set, a throwaway database is created on that PostgreSQL server and dropped after.
import crypto from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/engine.ts';
import { initPiiKeys } from '../../src/shared/pii.ts';

export const testEngine = (): 'pglite' | 'postgres' => (process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');

export interface TestDatabase extends Database {
  reset(): Promise<void>;
  drop(): Promise<void>;
}

const TABLES = ['regions', 'region_counters', 'grid_zones', 'users', 'sessions', 'api_tokens', 'departments', 'settings', 'estates', 'buildings', 'units', 'dwellings', 'rentals', 'places', 'assets', 'households', 'residents', 'resident_stays', 'resident_moves', 'organizations', 'organization_members', 'import_jobs', 'cases', 'case_events', 'case_photos', 'case_units', 'case_whistles', 'whistle_calls', 'notifications', 'outbound_messages'];

export async function createTestDatabase(): Promise<TestDatabase> {
  initPiiKeys(undefined);
  const serverUrl = process.env.TEST_DATABASE_URL;
  let database: Database;
  let dropDb: () => Promise<void> = async () => undefined;
  if (serverUrl) {
    const name = `wangge_t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString() });
    dropDb = async () => {
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    database = await openDatabase({});
  }
  await migrateDatabase(database);
  return {
    ...database,
    async reset() {
      // The audit log refuses TRUNCATE by trigger; tests lift that guard only while resetting.
      await database.exec(
        `ALTER TABLE audit_log DISABLE TRIGGER USER; TRUNCATE ${[...TABLES, 'audit_log'].join(', ')} RESTART IDENTITY CASCADE; ALTER TABLE audit_log ENABLE TRIGGER USER;`,
      );
    },
    async drop() {
      await database.close();
      await dropDb();
    },
  };
}

// A job cut off by a crash stays 'running' in its row; the next start of the only process on an
// embedded data folder marks it failed, so the web does not show a job that will never finish.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failInterruptedJobs } from '../../src/modules/registry/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

let d: TestDatabase;
beforeAll(async () => {
  d = await createTestDatabase();
});
afterAll(async () => {
  await d?.drop();
});

describe('interrupted import jobs', () => {
  it('marks running jobs failed with a reason and leaves finished ones alone', async () => {
    await d.db.execute(sql`INSERT INTO import_jobs (entity, mode, file_name, status, processed_rows, added, scope_path) VALUES
      ('resident', 'skip-invalid', 'a.csv', 'running', 4000, 4000, '/'), ('resident', 'skip-invalid', 'b.csv', 'done', 10, 10, '/')`);
    expect(await failInterruptedJobs(d.db)).toBe(1);
    const rows = ((await d.db.execute(sql`SELECT file_name, status, failure, processed_rows, finished_at IS NOT NULL AS finished FROM import_jobs ORDER BY id`)) as unknown as { rows: Record<string, unknown>[] }).rows;
    expect(rows[0]).toMatchObject({ file_name: 'a.csv', status: 'failed', processed_rows: 4000, finished: true });
    expect(String(rows[0].failure)).toMatch(/interrupted/);
    expect(rows[1]).toMatchObject({ file_name: 'b.csv', status: 'done' });
    expect(await failInterruptedJobs(d.db)).toBe(0);
  });
});

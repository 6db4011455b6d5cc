// Composite-key lookups of whole import batches. Regression: a row-constructor IN-list of ~900
// tuples aborted the embedded engine (the process died); keysIn must handle any batch size.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysIn } from '../../src/shared/sql-keys.ts';
import { pgArrayLiteral } from '../../src/shared/sql-array.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

let d: TestDatabase;
beforeAll(async () => {
  d = await createTestDatabase();
  await d.exec(`CREATE TABLE keys_test (a int, b text, c float8); INSERT INTO keys_test SELECT g, 'n' || g, g / 4.0 FROM generate_series(1, 6000) g;`);
});
afterAll(async () => {
  await d?.drop();
});

describe('keysIn', () => {
  it('matches exactly the given tuples, for 5,000 keys at once', async () => {
    const keys = Array.from({ length: 5000 }, (_, i) => [i * 2 + 1, `n${i * 2 + 1}`, (i * 2 + 1) / 4]);
    keys.push([3, 'n4', 0.75]); // a near miss: second column differs
    const res = (await d.db.execute(sql`SELECT count(*)::int AS n, min(a) AS lo, max(a) AS hi FROM keys_test WHERE ${keysIn([sql`a`, sql`b`, sql`c`], ['int', 'text', 'float8'], keys)}`)) as unknown as { rows: { n: number; lo: number; hi: number }[] };
    expect(res.rows[0]).toEqual({ n: 3000, lo: 1, hi: 5999 });
  });

  it('matches nothing for no keys, and null key parts match nothing', async () => {
    const none = (await d.db.execute(sql`SELECT count(*)::int AS n FROM keys_test WHERE ${keysIn([sql`a`], ['int'], [])}`)) as unknown as { rows: { n: number }[] };
    expect(none.rows[0].n).toBe(0);
    const nulls = (await d.db.execute(sql`SELECT count(*)::int AS n FROM keys_test WHERE ${keysIn([sql`a`, sql`b`], ['int', 'text'], [[1, null]])}`)) as unknown as { rows: { n: number }[] };
    expect(nulls.rows[0].n).toBe(0);
  });

  it('array literals built by pgArrayLiteral come back element for element', async () => {
    const texts = ['abc', 'Zm9v+/==', '王伟', null, 'a b', '', 'x,y', '{t}', 'q"u', 'b\\s', 'null', 'NULL', ' lead', 'tab\tin', '阿卜杜·热依木', "o'k"];
    const ints = [1, null, -3, 2147483647];
    const res = (await d.db.execute(sql`SELECT ${pgArrayLiteral(texts)}::text[] AS t, ${pgArrayLiteral(ints)}::int[] AS i, ${pgArrayLiteral([true, false, null])}::bool[] AS b`)) as unknown as { rows: { t: (string | null)[]; i: (number | null)[]; b: (boolean | null)[] }[] };
    expect(res.rows[0].t).toEqual(texts);
    expect(res.rows[0].i).toEqual(ints);
    expect(res.rows[0].b).toEqual([true, false, null]);
  });
});

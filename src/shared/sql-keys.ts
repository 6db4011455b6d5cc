// Matching rows by composite keys (natural-key lookups of an import batch). A row-constructor
// IN-list — (a, b, c) IN ((…), (…), …) — crashes the embedded engine (PGlite aborts the whole
// process) somewhere between 700 and 900 tuples; as arrays unnested into a semi-join it is one
// parameter per column whatever the batch size, and a hash join on both engines.
import { sql, type SQL } from 'drizzle-orm';

export type KeyType = 'int' | 'bigint' | 'text' | 'float8' | 'date';

/** `(col1, col2, …) IN (SELECT * FROM unnest($1::t1[], $2::t2[], …))` for the given key tuples. */
export function keysIn(columns: SQL[], types: readonly KeyType[], keys: readonly (readonly unknown[])[]): SQL {
  if (keys.length === 0) return sql`false`;
  const arrays = types.map((t, i) => sql`${sql.param(keys.map((k) => k[i] ?? null))}::${sql.raw(t)}[]`);
  return sql`(${sql.join(columns, sql`, `)}) IN (SELECT * FROM unnest(${sql.join(arrays, sql`, `)}))`;
}

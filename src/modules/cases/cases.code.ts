// People-readable case codes: district (6 digits) + date in Asia/Shanghai + a daily sequence per
// district, e.g. 445302-20261121-0007. The sequence is a counter row in `settings` per district
// and day, bumped with INSERT … ON CONFLICT DO UPDATE … RETURNING inside the creating transaction:
// the row lock serializes concurrent reports of one district, and a rolled-back report gives its
// number back, so codes never repeat and rarely skip.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** yyyymmdd of an instant in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

export const codeCounterKey = (district: string, day: string) => `cases.seq:${district}:${day}`;

export function formatCaseCode(district: string, day: string, seq: number): string {
  return `${district}-${day}-${String(seq).padStart(4, '0')}`;
}

/** Takes the next code of a district for the day of `at`; call inside the transaction that inserts the case. */
export async function nextCaseCode(tx: DbOrTx, district: string, at: Date): Promise<string> {
  const day = shanghaiDay(at);
  const res = (await tx.execute(sql`
    INSERT INTO settings (key, value, updated_at) VALUES (${codeCounterKey(district, day)}, '1'::jsonb, now())
    ON CONFLICT (key) DO UPDATE SET value = to_jsonb((settings.value #>> '{}')::int + 1), updated_at = now()
    RETURNING (value #>> '{}')::int AS n`)) as unknown as { rows: { n: number | string }[] };
  return formatCaseCode(district, day, Number(res.rows[0].n));
}

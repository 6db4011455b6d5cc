// All queries of the working calendar. The table is small (a few dozen rows a year) and global: it
// belongs to no region, so nothing here is scoped; who may edit is the service's business.
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { calendarDays } from './calendar.tables.ts';
import type { DayKind, SpecialDay } from './calendar.ts';

export type CalendarDayRow = typeof calendarDays.$inferSelect;

const toDay = (r: { day: string; kind: string; name: string }): SpecialDay => ({ day: r.day, kind: r.kind as DayKind, name: r.name });

export async function allDays(db: DbOrTx): Promise<SpecialDay[]> {
  return (await db.select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name }).from(calendarDays).orderBy(asc(calendarDays.day))).map(toDay);
}

export async function daysOfYear(db: DbOrTx, year: number): Promise<SpecialDay[]> {
  const rows = await db
    .select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lt(calendarDays.day, `${year + 1}-01-01`)))
    .orderBy(asc(calendarDays.day));
  return rows.map(toDay);
}

export async function findDay(db: DbOrTx, day: string): Promise<CalendarDayRow | undefined> {
  const [r] = await db.select().from(calendarDays).where(eq(calendarDays.day, day));
  return r;
}

/** Locks the row (when present) for the rest of the transaction, so two edits of one day queue up. */
export async function findDayForUpdate(db: DbOrTx, day: string): Promise<CalendarDayRow | undefined> {
  const [r] = await db.select().from(calendarDays).where(eq(calendarDays.day, day)).for('update');
  return r;
}

export async function upsertDay(db: DbOrTx, d: SpecialDay): Promise<CalendarDayRow> {
  const now = new Date();
  const [r] = await db
    .insert(calendarDays)
    .values({ day: d.day, kind: d.kind, name: d.name, updatedAt: now })
    .onConflictDoUpdate({ target: calendarDays.day, set: { kind: d.kind, name: d.name, updatedAt: now } })
    .returning();
  return r;
}

export async function deleteDay(db: DbOrTx, day: string): Promise<boolean> {
  const gone = await db.delete(calendarDays).where(eq(calendarDays.day, day)).returning({ day: calendarDays.day });
  return gone.length > 0;
}

/**
 * A fingerprint of the whole table (row count and a digest of day + kind), cheap at this size. The
 * in-memory calendar is rebuilt only when it changes, so an edit made by another process on the
 * same PostgreSQL server is picked up too.
 */
export async function fingerprint(db: DbOrTx): Promise<string> {
  const res = await db.execute(sql`SELECT count(*)::int AS n, coalesce(md5(string_agg(${calendarDays.day}::text || ${calendarDays.kind}, ',' ORDER BY ${calendarDays.day})), '') AS h FROM ${calendarDays}`);
  const [row] = (res as unknown as { rows: { n: number; h: string }[] }).rows;
  return `${row.n}:${row.h}`;
}

/** Region roots (cities) that lie outside a scope path: editing the one calendar needs none. */
export async function rootsOutside(db: DbOrTx, scopePath: string): Promise<number> {
  const res = await db.execute(
    sql`SELECT count(*)::int AS n FROM ${regions} WHERE ${regions.parentId} IS NULL AND ${regions.archivedAt} IS NULL AND ${regions.path} NOT LIKE ${`${escapeLike(scopePath)}%`}`,
  );
  return (res as unknown as { rows: { n: number }[] }).rows[0].n;
}

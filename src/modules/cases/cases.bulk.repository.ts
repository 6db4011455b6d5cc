// Bulk writes of cases for the demo loader (a year of a city's cases: up to a million rows and
// several million events): ids reserved from the tables' own sequences in one statement per
// batch, then the rows of a batch COPYed in one transaction (src/db/copy.ts) in PostgreSQL's text format. No
// Drizzle per row: at this volume building statements would cost more than storing the rows.
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/engine.ts';
import { CopyRows, copyTables } from '../../db/copy.ts';
import { caseCategories } from './cases.tables.ts';

export { CopyRows };

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

export const CASE_COLUMNS = [
  'id', 'code', 'source', 'category_id', 'urgency', 'mode', 'status', 'title', 'description', 'region_id', 'region_path', 'lng', 'lat', 'address',
  'resident_ids', 'reporter_name', 'reporter_mobile_enc', 'reporter_mobile_hash', 'reporter_mobile_masked', 'anonymous', 'reporter_user_id',
  'duplicate_of_id', 'level', 'desk_region_id', 'desk_region_path', 'department_id', 'handler_user_id', 'version', 'stage', 'stage_started_at',
  'stage_warn_at', 'stage_deadline_at', 'timer_state', 'due_at', 'respond_due_at', 'responded_on_time', 'closed_on_time', 'ever_overdue',
  'rework_count', 'return_count', 'extension_count', 'reopen_count', 'escalation_count', 'supervision_count', 'extension_request',
  'shelved_review_on', 'result', 'satisfaction', 'feedback_note', 'reported_at', 'registered_at', 'dispatched_at', 'accepted_at', 'handled_at',
  'verified_at', 'closed_at', 'feedback_at', 'created_at', 'updated_at',
] as const;
export const EVENT_COLUMNS = ['id', 'case_id', 'action', 'from_status', 'to_status', 'actor_user_id', 'actor_name', 'actor_kind', 'department_id', 'note', 'data', 'stage_deadline_at', 'created_at'] as const;
export const UNIT_COLUMNS = ['case_id', 'department_id', 'role', 'part', 'posted_at', 'posted_by', 'created_at'] as const;
export const WHISTLE_COLUMNS = ['id', 'case_id', 'level', 'called_by_user_id', 'called_by_name', 'reason', 'deadline_at', 'created_at'] as const;
export const CALL_COLUMNS = ['whistle_id', 'case_id', 'department_id', 'outcome', 'checked_in_at', 'checked_in_by', 'note'] as const;
export const PHOTO_COLUMNS = ['case_id', 'event_id', 'kind', 'mime', 'bytes', 'sha256', 'content', 'created_at'] as const;

/** One batch: the tables in dependency order (cases first). */
export interface CaseBatch {
  cases: CopyRows;
  events: CopyRows;
  units: CopyRows;
  whistles: CopyRows;
  calls: CopyRows;
  photos: CopyRows;
}

export const newBatch = (): CaseBatch => ({
  cases: new CopyRows('cases', CASE_COLUMNS),
  events: new CopyRows('case_events', EVENT_COLUMNS),
  units: new CopyRows('case_units', UNIT_COLUMNS),
  whistles: new CopyRows('case_whistles', WHISTLE_COLUMNS),
  calls: new CopyRows('whistle_calls', CALL_COLUMNS),
  photos: new CopyRows('case_photos', PHOTO_COLUMNS),
});

/** The whole catalogue, both levels, archived rows included (the caller picks). */
export async function allCategoryRows(db: DbOrTx): Promise<(typeof caseCategories.$inferSelect)[]> {
  return db.select().from(caseCategories).orderBy(caseCategories.sortOrder, caseCategories.code);
}

/** Ids for the batch's cases, events and whistles from their own sequences, in one round trip. */
export async function reserveIds(db: DbOrTx, n: { cases: number; events: number; whistles: number }): Promise<{ cases: number[]; events: number[]; whistles: number[] }> {
  const res = await db.execute(sql`SELECT
    ARRAY(SELECT nextval('cases_id_seq')::int FROM generate_series(1, ${n.cases})) AS c,
    ARRAY(SELECT nextval('case_events_id_seq')::bigint FROM generate_series(1, ${n.events})) AS e,
    ARRAY(SELECT nextval('case_whistles_id_seq')::int FROM generate_series(1, ${n.whistles})) AS w`);
  const [row] = rowsOf<{ c: number[]; e: (number | string)[]; w: number[] }>(res);
  return { cases: row.c.map(Number), events: row.e.map(Number), whistles: row.w.map(Number) };
}

/** Writes a batch in one transaction, by COPY on either engine. */
export async function copyBatch(db: Db, b: CaseBatch): Promise<void> {
  await copyTables(db, [b.cases, b.events, b.units, b.whistles, b.calls, b.photos]);
}

/**
 * Code counters (cases.code.ts keeps one per district and day in `settings`): raised to the
 * highest sequence loaded, so a case reported after the load continues the day's numbering.
 */
export async function raiseCodeCounters(db: DbOrTx, counters: { key: string; value: number }[]): Promise<void> {
  if (counters.length === 0) return;
  await db.execute(sql`
    INSERT INTO settings (key, value, updated_at)
    SELECT k, to_jsonb(v), now() FROM unnest(${sql.param(counters.map((c) => c.key))}::text[], ${sql.param(counters.map((c) => c.value))}::int[]) AS t(k, v)
    ON CONFLICT (key) DO UPDATE SET value = to_jsonb(GREATEST((settings.value #>> '{}')::int, (EXCLUDED.value #>> '{}')::int)), updated_at = now()`);
}

/** Fresh planner statistics after a bulk load (PGlite has no autovacuum to do it). */
export async function analyzeCases(db: DbOrTx): Promise<void> {
  for (const t of ['cases', 'case_events', 'case_units', 'case_whistles', 'whistle_calls', 'case_photos']) await db.execute(sql.raw(`ANALYZE ${t}`));
}

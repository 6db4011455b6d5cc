// Bulk writes of cases for the demo loader (a year of a city's cases: up to a million rows and
// several million events): ids reserved from the tables' own sequences in one statement per
// batch, then the rows of a batch COPYed in one transaction — through pg-copy-streams on the
// PostgreSQL server, through COPY FROM '/dev/blob' in PGlite — in PostgreSQL's text format. No
// Drizzle per row: at this volume building statements would cost more than storing the rows.
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/engine.ts';
import { caseCategories } from './cases.tables.ts';

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

/** A value as PostgreSQL's COPY text format spells it (\N = NULL; backslash, tab, newlines escaped). */
export type CopyValue = string | number | boolean | null | Date | Buffer | readonly number[] | Record<string, unknown>;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeText = (s: string): string => (/[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s);

function copyField(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  // bytea in hex form; the leading backslash is itself escaped in the text format.
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  if (Array.isArray(v)) return `{${v.join(',')}}`;
  return escapeText(JSON.stringify(v));
}

/** Rows of one table in COPY text format, column order as given. */
export class CopyRows {
  private readonly lines: string[] = [];
  count = 0;
  constructor(readonly table: string, readonly columns: readonly string[]) {}

  add(values: readonly CopyValue[]): void {
    if (values.length !== this.columns.length) throw new Error(`${this.table}: ${values.length} values for ${this.columns.length} columns`);
    let line = '';
    for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + copyField(values[i]);
    this.lines.push(line);
    this.count++;
  }

  text(): string {
    return this.lines.length ? `${this.lines.join('\n')}\n` : '';
  }
}

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
    ARRAY(SELECT nextval(pg_get_serial_sequence('cases', 'id'))::int FROM generate_series(1, ${n.cases})) AS c,
    ARRAY(SELECT nextval(pg_get_serial_sequence('case_events', 'id'))::bigint FROM generate_series(1, ${n.events})) AS e,
    ARRAY(SELECT nextval(pg_get_serial_sequence('case_whistles', 'id'))::int FROM generate_series(1, ${n.whistles})) AS w`);
  const [row] = rowsOf<{ c: number[]; e: (number | string)[]; w: number[] }>(res);
  return { cases: row.c.map(Number), events: row.e.map(Number), whistles: row.w.map(Number) };
}

interface PgClient {
  query(text: string): Promise<unknown>;
  query<T>(stream: T): T;
  release(): void;
}
interface PgPool {
  connect(): Promise<PgClient>;
  totalCount: number;
}
interface Pglite {
  transaction<T>(fn: (tx: { query(text: string, params?: unknown[], opts?: { blob?: Blob }): Promise<unknown> }) => Promise<T>): Promise<T>;
}

/** Writes a batch in one transaction, by COPY on either engine. */
export async function copyBatch(db: Db, b: CaseBatch): Promise<void> {
  const tables = [b.cases, b.events, b.units, b.whistles, b.calls, b.photos].filter((t) => t.count > 0);
  const statement = (t: CopyRows, from: string) => `COPY ${t.table} (${t.columns.join(', ')}) FROM ${from}`;
  // The engine's own client (Drizzle exposes it as $client): a pg Pool on the server, PGlite embedded.
  const client = (db as unknown as { $client: PgPool | Pglite }).$client;
  if ('totalCount' in client) {
    const { from } = await import('pg-copy-streams');
    const { pipeline } = await import('node:stream/promises');
    const { Readable } = await import('node:stream');
    const c = await client.connect();
    try {
      await c.query('BEGIN');
      for (const t of tables) await pipeline(Readable.from([t.text()]), c.query(from(statement(t, 'STDIN'))));
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
    return;
  }
  await client.transaction(async (tx) => {
    for (const t of tables) await tx.query(statement(t, "'/dev/blob'"), [], { blob: new Blob([t.text()]) });
  });
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

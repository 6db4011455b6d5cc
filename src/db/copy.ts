// COPY … FROM in PostgreSQL's text format, on either engine, on the connection a Drizzle handle is
// using — so a COPY inside `db.transaction(tx => …)` is part of that transaction: pg-copy-streams
// on the server's client, COPY FROM '/dev/blob' in PGlite. Bulk writers (the registry import, the
// demo loaders) use it where building one statement per batch costs more than storing the rows:
// the server inserts COPY rows in multi-row heap batches, which INSERT … SELECT FROM unnest does not.
import type { DbOrTx } from './engine.ts';

/** A value as PostgreSQL's COPY text format spells it (\N = NULL; backslash, tab, newlines escaped). */
export type CopyValue = string | number | boolean | null | undefined | Date | Buffer | readonly number[] | Record<string, unknown>;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const escapeText = (s: string): string => (NEEDS_ESCAPE.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s);

export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
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

interface PgClientLike {
  query<T>(stream: T): T;
  release?(): void;
}
interface PgPoolLike {
  connect(): Promise<PgClientLike & { release(): void }>;
  totalCount: number;
}
interface PgliteLike {
  query(text: string, params?: unknown[], opts?: { blob?: Blob }): Promise<unknown>;
}

/** The engine client behind a Drizzle handle: a pg Pool (database), a pg client (transaction), or PGlite. */
const clientOf = (db: DbOrTx) => (db as unknown as { session: { client: PgPoolLike | PgClientLike | PgliteLike } }).session.client;

/** COPYs the rows into their table on `db`'s connection (within its transaction, if it is one). */
export async function copyInto(db: DbOrTx, rows: CopyRows): Promise<void> {
  if (rows.count === 0) return;
  const statement = (from: string) => `COPY ${rows.table} (${rows.columns.join(', ')}) FROM ${from}`;
  const client = clientOf(db);
  const isPool = 'totalCount' in client;
  const isPg = isPool || 'release' in client || 'connection' in client;
  if (!isPg) {
    await (client as PgliteLike).query(statement("'/dev/blob'"), [], { blob: new Blob([rows.text()]) });
    return;
  }
  const { from } = await import('pg-copy-streams');
  const { pipeline } = await import('node:stream/promises');
  const { Readable } = await import('node:stream');
  const c = isPool ? await (client as PgPoolLike).connect() : (client as PgClientLike);
  try {
    await pipeline(Readable.from([rows.text()]), c.query(from(statement('STDIN'))));
  } finally {
    if (isPool) c.release!();
  }
}

/** Writes several tables' rows in one transaction, in the order given. */
export async function copyTables(db: DbOrTx, tables: readonly CopyRows[]): Promise<void> {
  const nonEmpty = tables.filter((t) => t.count > 0);
  if (nonEmpty.length === 0) return;
  await db.transaction(async (tx) => {
    for (const t of nonEmpty) await copyInto(tx, t);
  });
}

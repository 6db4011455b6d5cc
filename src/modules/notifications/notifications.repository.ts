// All SQL of inboxes and outbound messages. Inboxes are personal, not regional: every read and
// write names the owner (user_id), so nobody reaches another person's items.
//
// Live delivery rides on PostgreSQL's NOTIFY (PGlite has it too, on its single connection): the
// writes below call pg_notify in the same statement as the change, so a notice is delivered only
// when the caller's transaction commits, and a rolled-back step notifies no one.
import { and, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { cases } from '../cases/cases.tables.ts';
import { notifications, outboundMessages } from './notifications.tables.ts';

/** The NOTIFY channel of inbox changes. Payloads: `{"u":userId,"id":notificationId}` (a new item) or `{"u":userId,"read":n}`. */
export const INBOX_CHANNEL = 'wangge_inbox';

const intArray = (ids: readonly number[]) => sql`ARRAY[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::integer[]`;

function rowsOf<T>(res: unknown): T[] {
  return (res as { rows: T[] }).rows;
}

/** One row per user, and one NOTIFY per row, in one statement. Returns the number of rows. */
export async function insertNotifications(tx: DbOrTx, n: { userIds: readonly number[]; kind: string; caseId: number | null; params: Record<string, unknown> }): Promise<number> {
  if (n.userIds.length === 0) return 0;
  const res = await tx.execute(sql`
    WITH ins AS (
      INSERT INTO ${notifications} (user_id, kind, case_id, params)
      SELECT u, ${n.kind}, ${n.caseId}::integer, ${JSON.stringify(n.params)}::jsonb FROM unnest(${intArray(n.userIds)}) AS u
      RETURNING id, user_id
    )
    SELECT count(pg_notify(${INBOX_CHANNEL}, json_build_object('u', user_id, 'id', id)::text))::int AS n FROM ins`);
  return rowsOf<{ n: number }>(res)[0]?.n ?? 0;
}

const itemColumns = {
  id: notifications.id,
  userId: notifications.userId,
  kind: notifications.kind,
  caseId: notifications.caseId,
  caseCode: cases.code,
  params: notifications.params,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};
export interface InboxRow {
  id: number;
  userId: number;
  kind: string;
  caseId: number | null;
  caseCode: string | null;
  params: unknown;
  readAt: Date | null;
  createdAt: Date;
}

function ownerFilter(userId: number, unreadOnly: boolean): SQL {
  return unreadOnly ? and(eq(notifications.userId, userId), isNull(notifications.readAt))! : eq(notifications.userId, userId);
}

export async function listInbox(db: DbOrTx, userId: number, q: { unreadOnly: boolean; limit: number; offset: number }): Promise<InboxRow[]> {
  return db
    .select(itemColumns)
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .where(ownerFilter(userId, q.unreadOnly))
    .orderBy(desc(notifications.id))
    .limit(q.limit)
    .offset(q.offset);
}

export async function countInbox(db: DbOrTx, userId: number, unreadOnly: boolean): Promise<number> {
  const [r] = await db.select({ n: count() }).from(notifications).where(ownerFilter(userId, unreadOnly));
  return Number(r?.n ?? 0);
}

/** One item of one owner (null when the id is someone else's or does not exist). */
export async function findItem(db: DbOrTx, userId: number, id: number): Promise<InboxRow | null> {
  const [r] = await db
    .select(itemColumns)
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return r ?? null;
}

/**
 * Marks one item read (the first reading time is kept). Returns whether the item is the owner's;
 * a change also tells the owner's other open pages (NOTIFY, delivered on commit).
 */
export async function markRead(db: DbOrTx, userId: number, id: number): Promise<boolean> {
  const res = await db.execute(sql`
    WITH own AS (SELECT id, read_at FROM ${notifications} WHERE id = ${id} AND user_id = ${userId}),
    upd AS (UPDATE ${notifications} n SET read_at = now() FROM own WHERE n.id = own.id AND own.read_at IS NULL RETURNING n.id)
    SELECT (SELECT count(*) FROM own)::int AS found, (SELECT count(*) FROM upd)::int AS changed,
      (SELECT pg_notify(${INBOX_CHANNEL}, json_build_object('u', ${userId}::integer, 'read', count(*))::text) FROM upd HAVING count(*) > 0) AS notified`);
  return (rowsOf<{ found: number }>(res)[0]?.found ?? 0) > 0;
}

/** Marks every unread item read (only up to `upToId` when given: items that arrived after the reader's view stay unread). */
export async function markAllRead(db: DbOrTx, userId: number, upToId: number | null): Promise<number> {
  const cond = upToId === null ? sql`` : sql` AND id <= ${upToId}`;
  const res = await db.execute(sql`
    WITH upd AS (UPDATE ${notifications} SET read_at = now() WHERE user_id = ${userId} AND read_at IS NULL${cond} RETURNING id)
    SELECT count(*)::int AS n, (SELECT pg_notify(${INBOX_CHANNEL}, json_build_object('u', ${userId}::integer, 'read', count(*))::text) FROM upd HAVING count(*) > 0) AS notified FROM upd`);
  return rowsOf<{ n: number }>(res)[0]?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Outbound messages: the log the channels leave (recipient masked).

export async function insertOutbound(
  tx: DbOrTx,
  m: { channel: string; recipientMasked: string; template: string; params: Record<string, unknown>; caseId: number | null; status: 'logged' | 'sent' | 'failed' },
): Promise<{ id: number }> {
  const [r] = await tx.insert(outboundMessages).values(m).returning({ id: outboundMessages.id });
  return r;
}

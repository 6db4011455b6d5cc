// Inbox rules: notify inside the caller's transaction, read one's own inbox, mark read, and open
// a live stream. Inboxes belong to a person, not a region: no scope beyond "one's own".
import type { Db, DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { inboxBusFor, type InboxSink } from './notifications.bus.ts';
import * as repo from './notifications.repository.ts';
import { INBOX_KINDS, type InboxItem, type InboxPage, type InboxParams, type InboxReadAllResult, type InboxReadResult } from './notifications.views.ts';

export interface Notification {
  userIds: readonly number[];
  kind: string;
  caseId?: number | null;
  params?: Record<string, unknown>;
}

const KINDS = new Set<string>(INBOX_KINDS);
// pg_notify payloads are small ({u, id}); the row's params are not limited by NOTIFY, but a
// notification is a line of text, not a document.
const MAX_PARAMS_BYTES = 8_000;

/**
 * Puts one item in each named user's inbox (duplicates once) inside the caller's transaction.
 * Open pages of those users hear of it when the transaction commits; a rollback leaves nothing
 * and tells no one. Unknown kinds are a programming error (the web has no text for them).
 */
export async function notify(tx: DbOrTx, n: Notification): Promise<void> {
  if (!KINDS.has(n.kind)) throw new Error(`notify: unknown kind "${n.kind}" (known: ${INBOX_KINDS.join(', ')})`);
  const userIds = [...new Set(n.userIds)];
  for (const id of userIds) if (!Number.isInteger(id) || id < 1 || id > 2147483647) throw new Error(`notify: invalid user id ${id}`);
  if (n.caseId != null && (!Number.isInteger(n.caseId) || n.caseId < 1)) throw new Error(`notify: invalid case id ${n.caseId}`);
  const params = n.params ?? {};
  if (Buffer.byteLength(JSON.stringify(params)) > MAX_PARAMS_BYTES) throw new Error(`notify: params over ${MAX_PARAMS_BYTES} bytes`);
  if (userIds.length === 0) return;
  await repo.insertNotifications(tx, { userIds, kind: n.kind, caseId: n.caseId ?? null, params });
}

function present(r: repo.InboxRow): InboxItem {
  const item: InboxItem = {
    id: r.id,
    kind: r.kind,
    caseId: r.caseId,
    params: (r.params ?? {}) as InboxParams,
    readAt: r.readAt ? r.readAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
  };
  if (r.caseCode) item.caseCode = r.caseCode;
  return item;
}

function ownerOf(ctx: RequestContext): number {
  // Command-line contexts have no person behind them, hence no inbox.
  if (ctx.actor.userId === null) throw new AppError('AUTH_REQUIRED');
  return ctx.actor.userId;
}

export async function listInbox(db: Db, ctx: RequestContext, q: { unread?: boolean; limit?: number; offset?: number }): Promise<InboxPage> {
  const userId = ownerOf(ctx);
  const unreadOnly = q.unread === true;
  const [rows, total, unread] = await Promise.all([
    repo.listInbox(db, userId, { unreadOnly, limit: q.limit ?? 20, offset: q.offset ?? 0 }),
    repo.countInbox(db, userId, unreadOnly),
    repo.countInbox(db, userId, true),
  ]);
  return { items: rows.map(present), total, unread };
}

export async function unreadCount(db: DbOrTx, userId: number): Promise<number> {
  return repo.countInbox(db, userId, true);
}

export async function markRead(db: Db, ctx: RequestContext, id: number): Promise<InboxReadResult> {
  const userId = ownerOf(ctx);
  return db.transaction(async (tx) => {
    // Someone else's item answers exactly like a missing one.
    if (!(await repo.markRead(tx, userId, id))) throw new AppError('NOTIFICATION_NOT_FOUND');
    const row = await repo.findItem(tx, userId, id);
    return { item: present(row!), unread: await repo.countInbox(tx, userId, true) };
  });
}

export async function markAllRead(db: Db, ctx: RequestContext, upToId: number | null): Promise<InboxReadAllResult> {
  const userId = ownerOf(ctx);
  return db.transaction(async (tx) => {
    const marked = await repo.markAllRead(tx, userId, upToId);
    return { marked, unread: await repo.countInbox(tx, userId, true) };
  });
}

// ---------------------------------------------------------------------------------------------
// Live streams

function busOf(db: Db, log?: { warn(m: string): void; error(m: string): void }) {
  return inboxBusFor(
    db,
    {
      item: async (userId, id) => {
        const row = await repo.findItem(db, userId, id);
        return row ? present(row) : null;
      },
      unread: (userId) => repo.countInbox(db, userId, true),
    },
    log,
  );
}

/**
 * Attaches a stream to the caller's inbox: `unread` at once (counted after the process listens,
 * so nothing committed later is missed), then `notification` and `unread` on every change.
 * Returns the function that detaches it.
 */
export async function openInboxStream(db: Db, ctx: RequestContext, sink: InboxSink, log?: { warn(m: string): void; error(m: string): void }): Promise<() => void> {
  const userId = ownerOf(ctx);
  if (sink.userId !== userId) throw new Error('inbox stream: sink of another user');
  const detach = await busOf(db, log).subscribe(sink);
  try {
    sink.send('unread', { unread: await repo.countInbox(db, userId, true) });
  } catch (e) {
    detach();
    throw e;
  }
  return detach;
}

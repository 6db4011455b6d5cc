// All queries of the audit module.
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { settings } from '../settings/settings.tables.ts';
import { auditLog } from './audit.tables.ts';
import type { HashedFields } from './audit.hash.ts';

export type AuditRow = typeof auditLog.$inferSelect;
const HEAD_KEY = 'audit.head';
// One writer at a time extends the chain; the lock is per transaction and released at commit.
const CHAIN_LOCK = 7340001;

export async function lockChainAndReadHead(db: DbOrTx): Promise<string | null> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return last?.hash ?? null;
}

export async function appendRow(db: DbOrTx, fields: HashedFields, prevHash: string, hash: string): Promise<number> {
  const [row] = await db
    .insert(auditLog)
    .values({ ...fields, before: fields.before ?? null, after: fields.after ?? null, prevHash, hash })
    .returning({ id: auditLog.id });
  // The head (last id and hash) lives outside the log so deleting the newest rows is detectable too.
  await db
    .insert(settings)
    .values({ key: HEAD_KEY, value: { id: row.id, hash } })
    .onConflictDoUpdate({ target: settings.key, set: { value: { id: row.id, hash }, updatedAt: new Date() } });
  return row.id;
}

export async function appendRows(db: DbOrTx, rows: (HashedFields & { prevHash: string; hash: string })[]): Promise<void> {
  let last = { id: 0, hash: '' };
  for (let i = 0; i < rows.length; i += 500) {
    const ids = await db.insert(auditLog).values(rows.slice(i, i + 500)).returning({ id: auditLog.id });
    last = { id: Math.max(...ids.map((r) => r.id)), hash: rows[Math.min(rows.length, i + 500) - 1].hash };
  }
  await db
    .insert(settings)
    .values({ key: HEAD_KEY, value: last })
    .onConflictDoUpdate({ target: settings.key, set: { value: last, updatedAt: new Date() } });
}

export async function readHead(db: DbOrTx): Promise<{ id: number; hash: string } | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, HEAD_KEY));
  return (row?.value as { id: number; hash: string } | undefined) ?? null;
}

/** Streams the whole chain in id order, a page at a time (for verification). */
export async function* readChain(db: DbOrTx, pageSize = 5000): AsyncGenerator<AuditRow[]> {
  let after = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(sql`${auditLog.id} > ${after}`).orderBy(asc(auditLog.id)).limit(pageSize);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].id;
  }
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: number;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export async function listEntries(sdb: ScopedDb, f: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
  const conds: SQL[] = [];
  // Rows without a region (system-wide actions) are visible to whole-system readers only.
  conds.push(sdb.scope.path === '/' ? sql`true` : and(sql`${auditLog.regionPath} IS NOT NULL`, sdb.inScope(auditLog.regionPath))!);
  if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.actorId) conds.push(eq(auditLog.actorId, f.actorId));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lte(auditLog.at, f.to));
  const where = and(...conds);
  const items = await sdb.db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(f.limit).offset(f.offset);
  const [{ n }] = await sdb.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where);
  return { items, total: n };
}

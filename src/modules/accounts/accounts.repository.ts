// All queries of the accounts module: users, sessions, API tokens, departments. User and
// department lists are scoped through the region each hangs on.
import { and, asc, eq, gt, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { regions } from '../regions/regions.tables.ts';
import { apiTokens, departments, sessions, users } from './accounts.tables.ts';

export type UserRow = typeof users.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type UserWithScope = UserRow & { scopePath: string | null };


/** Users whose scope region lies in the caller's subtree; region-less users (admins) only for the whole system. */
function userInScope(sdb: ScopedDb): SQL {
  return sdb.scope.path === '/' ? sql`true` : and(sql`${regions.path} IS NOT NULL`, sdb.inScope(regions.path))!;
}

const selectUser = (db: DbOrTx) =>
  db
    .select({ user: users, scopePath: regions.path })
    .from(users)
    .leftJoin(regions, eq(regions.id, users.scopeRegionId));

const flat = (r: { user: UserRow; scopePath: string | null }): UserWithScope => ({ ...r.user, scopePath: r.scopePath });

/** Unscoped: login has no scope yet. */
export async function unscopedFindForLogin(db: DbOrTx, login: string, mobileHash: string): Promise<UserWithScope | null> {
  // Should a username equal another account's mobile number (possible for accounts made before
  // such usernames were refused), the username wins, always the same one: without an order the
  // database picked either, and failed logins were charged to whichever it picked.
  const [row] = await selectUser(db)
    .where(or(eq(users.username, login), eq(users.mobileHash, mobileHash)))
    .orderBy(sql`${users.username} = ${login} DESC`, asc(users.id))
    .limit(1);
  return row ? flat(row) : null;
}

/** Unscoped: resolves the user behind a session or token. */
export async function unscopedFindById(db: DbOrTx, id: number): Promise<UserWithScope | null> {
  const [row] = await selectUser(db).where(eq(users.id, id));
  return row ? flat(row) : null;
}

export async function findUser(sdb: ScopedDb, id: number): Promise<UserWithScope | null> {
  const [row] = await selectUser(sdb.db).where(and(eq(users.id, id), userInScope(sdb)));
  return row ? flat(row) : null;
}

export async function listUsers(sdb: ScopedDb, q: string | undefined, limit: number, offset: number): Promise<{ items: UserWithScope[]; total: number }> {
  const conds: SQL[] = [userInScope(sdb)];
  if (q) {
    const like = `%${escapeLike(q)}%`;
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like))!);
  }
  const where = and(...conds);
  const rows = await selectUser(sdb.db).where(where).orderBy(asc(users.id)).limit(limit).offset(offset);
  const [{ n }] = await sdb.db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .leftJoin(regions, eq(regions.id, users.scopeRegionId))
    .where(where);
  return { items: rows.map(flat), total: n };
}

export async function unscopedUsernameTaken(db: DbOrTx, username: string): Promise<boolean> {
  const [r] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return !!r;
}

export async function unscopedUserIdByUsername(db: DbOrTx, username: string): Promise<number | null> {
  const [r] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return r?.id ?? null;
}

export async function unscopedMobileOwner(db: DbOrTx, mobileHash: string): Promise<number | null> {
  const [r] = await db.select({ id: users.id }).from(users).where(eq(users.mobileHash, mobileHash));
  return r?.id ?? null;
}

export async function unscopedCountUsers(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return r.n;
}

export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row;
}

/** Writes by id: callers have already loaded the user through `findUser` (scope checked). */
export async function updateUser(db: DbOrTx, id: number, patch: Partial<typeof users.$inferInsert>): Promise<UserRow> {
  const [row] = await db.update(users).set({ ...patch, updatedAt: new Date() }).where(eq(users.id, id)).returning();
  return row;
}

/** Records a failed login; locks the account when the count reaches `max`. Returns the new state. */
export async function registerFailure(db: DbOrTx, id: number, max: number, lockMs: number): Promise<{ failedAttempts: number; lockedUntil: Date | null }> {
  const [row] = await db
    .update(users)
    .set({
      failedAttempts: sql`CASE WHEN ${users.failedAttempts} + 1 >= ${max} THEN 0 ELSE ${users.failedAttempts} + 1 END`,
      lockedUntil: sql`CASE WHEN ${users.failedAttempts} + 1 >= ${max} THEN now() + ${`${lockMs} milliseconds`}::interval ELSE ${users.lockedUntil} END`,
    })
    .where(eq(users.id, id))
    .returning({ failedAttempts: users.failedAttempts, lockedUntil: users.lockedUntil });
  return row;
}

export async function insertSession(db: DbOrTx, tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
  await db.insert(sessions).values({ tokenHash, userId, expiresAt });
}

export async function findSession(db: DbOrTx, tokenHash: string): Promise<{ userId: number } | null> {
  const [r] = await db.select({ userId: sessions.userId }).from(sessions).where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date())));
  return r ?? null;
}

export async function deleteSession(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOf(db: DbOrTx, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function insertToken(db: DbOrTx, userId: number, name: string, tokenHash: string) {
  const [r] = await db.insert(apiTokens).values({ userId, name, tokenHash }).returning();
  return r;
}

export async function findActiveToken(db: DbOrTx, tokenHash: string): Promise<{ id: number; userId: number } | null> {
  const [r] = await db.select({ id: apiTokens.id, userId: apiTokens.userId }).from(apiTokens).where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  if (r) await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, r.id));
  return r ?? null;
}

export async function listTokens(db: DbOrTx, userId: number) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(asc(apiTokens.id));
}

export async function revokeToken(db: DbOrTx, userId: number, id: number): Promise<boolean> {
  const r = await db.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id });
  return r.length > 0;
}

const selectDepartment = (db: DbOrTx) =>
  db.select({ department: departments, areaPath: regions.path }).from(departments).innerJoin(regions, eq(regions.id, departments.serviceAreaId));

/** Departments are visible where their service area overlaps the caller's scope (either contains the other). */
function departmentInScope(sdb: ScopedDb): SQL {
  if (sdb.scope.path === '/') return sql`true`;
  return or(sdb.inScope(regions.path), sql`${sdb.scope.path} LIKE ${regions.path} || '%'`)!;
}

export async function listDepartments(sdb: ScopedDb) {
  return selectDepartment(sdb.db).where(departmentInScope(sdb)).orderBy(asc(departments.code));
}

export async function findDepartment(sdb: ScopedDb, id: number) {
  const [r] = await selectDepartment(sdb.db).where(and(eq(departments.id, id), departmentInScope(sdb)));
  return r ?? null;
}

export async function unscopedDepartmentExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  return !!r;
}

export async function unscopedDepartmentCodeTaken(db: DbOrTx, code: string): Promise<boolean> {
  const [r] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, code));
  return !!r;
}

export async function insertDepartment(db: DbOrTx, values: typeof departments.$inferInsert): Promise<DepartmentRow> {
  const [r] = await db.insert(departments).values(values).returning();
  return r;
}

export async function updateDepartment(db: DbOrTx, id: number, patch: Partial<typeof departments.$inferInsert>): Promise<DepartmentRow> {
  const [r] = await db.update(departments).set({ ...patch, updatedAt: new Date() }).where(eq(departments.id, id)).returning();
  return r;
}

/** Unscoped, names only: to label people referenced by records the caller may already see. */
export async function unscopedNames(db: DbOrTx, ids: number[]): Promise<{ id: number; username: string; displayName: string }[]> {
  if (ids.length === 0) return [];
  return db.select({ id: users.id, username: users.username, displayName: users.displayName }).from(users).where(sql`${users.id} IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
}

/**
 * Active users to notify: of a department, and/or whose scope region is one of the given regions,
 * optionally only those holding one of the roles. Used by the case loop to find a handler's unit,
 * a desk's staff and their leaders; recipients are chosen by role, not by scope visibility.
 */
export async function unscopedRecipients(
  db: DbOrTx,
  where: { departmentId?: number | null; scopeRegionIds?: readonly number[]; roles?: readonly string[] },
): Promise<number[]> {
  const conds: SQL[] = [eq(users.status, 'active')];
  const who: SQL[] = [];
  if (where.departmentId) who.push(eq(users.departmentId, where.departmentId));
  if (where.scopeRegionIds?.length) who.push(sql`${users.scopeRegionId} = ANY(${sql`ARRAY[${sql.join(where.scopeRegionIds.map((id) => sql`${id}`), sql`, `)}]::integer[]`})`);
  if (who.length === 0) return [];
  conds.push(or(...who)!);
  if (where.roles?.length) conds.push(sql`${users.roles} && ${sql`ARRAY[${sql.join(where.roles.map((r) => sql`${r}`), sql`, `)}]::text[]`}`);
  const rows = await db.select({ id: users.id }).from(users).where(and(...conds)).orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

// Authentication: login with lockout, sessions for the web, API tokens for machines, and turning
// a user into an Actor (roles, permissions, scope) for every request.
import crypto from 'node:crypto';
import type { Db } from '../../db/engine.ts';
import type { Actor, RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { piiLookupHash } from '../../shared/pii.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './accounts.repository.ts';
import { burnVerify, checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { permissionsOf } from './permissions.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;
export const SESSION_MS = 12 * 60 * 60 * 1000;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const newSecret = () => crypto.randomBytes(32).toString('base64url');

/** Demo accounts must change their password before use in a real deployment. */
export const isProduction = () => process.env.WANGGE_MODE === 'production' || process.env.NODE_ENV === 'production';
export const mustChange = (u: repo.UserRow) => u.mustChangePassword || (u.isDemo && isProduction());

export function actorOf(u: repo.UserWithScope): Actor {
  return {
    userId: u.id,
    name: u.displayName || u.username,
    roles: u.roles,
    permissions: permissionsOf(u.roles),
    // A user whose scope region vanished sees nothing rather than everything.
    scope: u.scopeRegionId === null ? { regionId: null, path: '/' } : { regionId: u.scopeRegionId, path: u.scopePath ?? '/nowhere/' },
    departmentId: u.departmentId,
  };
}

export async function login(db: Db, ctx: Omit<RequestContext, 'actor'>, loginName: string, password: string): Promise<{ user: repo.UserWithScope; token: string }> {
  const user = await repo.unscopedFindForLogin(db, loginName.trim(), piiLookupHash(loginName));
  if (!user) {
    await burnVerify(password);
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    throw new AppError('AUTH_LOCKED', { until: user.lockedUntil.toISOString() });
  }
  if (user.status !== 'active') throw new AppError('AUTH_DISABLED');
  const actorCtx: RequestContext = { ...ctx, actor: actorOf(user) };
  if (!(await verifyPassword(user.passwordHash, password))) {
    const state = await repo.registerFailure(db, user.id, MAX_FAILED_LOGINS, LOCK_MS);
    if (state.lockedUntil && state.lockedUntil.getTime() > Date.now()) {
      await recordAudit(db, actorCtx, { action: 'auth.locked', entityType: 'user', entityId: user.id, regionPath: user.scopePath, after: { lockedUntil: state.lockedUntil.toISOString() } });
      throw new AppError('AUTH_LOCKED', { until: state.lockedUntil.toISOString() });
    }
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  if (user.failedAttempts > 0 || user.lockedUntil) await repo.updateUser(db, user.id, { failedAttempts: 0, lockedUntil: null });
  const token = newSecret();
  await repo.insertSession(db, sha256(token), user.id, new Date(Date.now() + SESSION_MS));
  await recordAudit(db, actorCtx, { action: 'auth.login', entityType: 'user', entityId: user.id, regionPath: user.scopePath });
  return { user, token };
}

export async function logout(db: Db, token: string): Promise<void> {
  await repo.deleteSession(db, sha256(token));
}

/** The active user behind a session cookie or an API token, or null. */
export async function authenticate(db: Db, kind: 'session' | 'token', secret: string): Promise<repo.UserWithScope | null> {
  const found = kind === 'session' ? await repo.findSession(db, sha256(secret)) : await repo.findActiveToken(db, sha256(secret));
  if (!found) return null;
  const user = await repo.unscopedFindById(db, found.userId);
  return user && user.status === 'active' ? user : null;
}

export async function changePassword(db: Db, ctx: RequestContext, oldPassword: string, newPassword: string): Promise<void> {
  const user = ctx.actor.userId === null ? null : await repo.unscopedFindById(db, ctx.actor.userId);
  if (!user) throw new AppError('AUTH_REQUIRED');
  if (!(await verifyPassword(user.passwordHash, oldPassword))) throw new AppError('PASSWORD_WRONG');
  checkPasswordPolicy(newPassword);
  if (oldPassword === newPassword) throw new AppError('PASSWORD_REUSED');
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false, isDemo: false });
    await recordAudit(tx, ctx, { action: 'user.changePassword', entityType: 'user', entityId: user.id, regionPath: user.scopePath });
  });
}

export async function createToken(db: Db, ctx: RequestContext, name: string): Promise<{ id: number; name: string; token: string }> {
  if (ctx.actor.userId === null) throw new AppError('AUTH_REQUIRED');
  const token = `wg_${newSecret()}`;
  const row = await db.transaction(async (tx) => {
    const r = await repo.insertToken(tx, ctx.actor.userId!, name, sha256(token));
    await recordAudit(tx, ctx, { action: 'token.create', entityType: 'apiToken', entityId: r.id, regionPath: ctx.actor.scope.path === '/' ? null : ctx.actor.scope.path, after: { name } });
    return r;
  });
  return { id: row.id, name: row.name, token };
}

export async function listTokens(db: Db, ctx: RequestContext) {
  if (ctx.actor.userId === null) throw new AppError('AUTH_REQUIRED');
  return repo.listTokens(db, ctx.actor.userId);
}

export async function revokeToken(db: Db, ctx: RequestContext, id: number): Promise<void> {
  if (ctx.actor.userId === null) throw new AppError('AUTH_REQUIRED');
  await db.transaction(async (tx) => {
    if (!(await repo.revokeToken(tx, ctx.actor.userId!, id))) throw new AppError('TOKEN_NOT_FOUND');
    await recordAudit(tx, ctx, { action: 'token.revoke', entityType: 'apiToken', entityId: id, regionPath: ctx.actor.scope.path === '/' ? null : ctx.actor.scope.path });
  });
}

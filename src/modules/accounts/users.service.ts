// Managing user accounts inside one's scope: a manager may create and edit users whose scope lies
// within their own, and may not grant the administrator role unless they hold it.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { encryptPii, maskMobile, MOBILE_RE, piiLookupHash } from '../../shared/pii.ts';
import { scoped } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope, regionSummariesByIds } from '../regions/index.ts';
import { toUserView, type UserView } from './accounts.presenter.ts';
import * as repo from './accounts.repository.ts';
import { mustChange } from './auth.service.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import { isRole, permissionsOf } from './permissions.ts';

const sdbOf = (db: DbOrTx, ctx: RequestContext) => scoped(db, ctx.actor.scope);

export async function presentUser(db: DbOrTx, u: repo.UserRow): Promise<UserView> {
  // The user's own scope region is shown to whoever may see the user (it is inside their scope).
  const whole = scoped(db, { regionId: null, path: '/' });
  const [summary] = u.scopeRegionId ? await regionSummariesByIds(whole, [u.scopeRegionId]) : [null];
  const dep = u.departmentId ? await repo.findDepartment(whole, u.departmentId) : null;
  return toUserView(u, summary ?? null, dep ? { id: dep.department.id, name: dep.department.name } : null, mustChange(u));
}

async function loadUser(db: DbOrTx, ctx: RequestContext, id: number): Promise<repo.UserWithScope> {
  const u = await repo.findUser(sdbOf(db, ctx), id);
  if (u) return u;
  if (await repo.unscopedFindById(db, id)) throw new AppError('SCOPE_DENIED');
  throw new AppError('USER_NOT_FOUND');
}

/**
 * The first role that carries more than the manager holds. Granting (or taking over, by editing or
 * resetting the password of) such an account would be an escalation: a community manager could
 * otherwise mint a districtStaff account in their community, whose departments.manage and
 * settings.write reach beyond it (found by test/api/accounts.test.ts).
 */
function roleBeyond(ctx: RequestContext, roles: readonly string[]): string | null {
  for (const r of roles) {
    if (r === 'admin' && !ctx.actor.roles.includes('admin')) return r;
    for (const p of permissionsOf([r])) if (!ctx.actor.permissions.has(p)) return r;
  }
  return null;
}

function checkRoles(ctx: RequestContext, roles: string[]): void {
  for (const r of roles) if (!isRole(r)) throw new AppError('ROLE_INVALID', { role: r });
  const beyond = roleBeyond(ctx, roles);
  if (beyond) throw new AppError('ROLE_NOT_GRANTABLE', { role: beyond });
}

/** A manager may not manage an account that holds more than they do. */
function checkManageable(ctx: RequestContext, target: repo.UserRow): void {
  const beyond = roleBeyond(ctx, target.roles);
  if (beyond) throw new AppError('ROLE_NOT_GRANTABLE', { role: beyond });
}

/** The scope region must be one the manager sees; only whole-system managers create region-less users. */
async function checkScope(db: DbOrTx, ctx: RequestContext, scopeRegionId: number | null, roles: string[]): Promise<string | null> {
  if (scopeRegionId === null) {
    if (!roles.includes('admin')) throw new AppError('SCOPE_REQUIRED');
    if (ctx.actor.scope.path !== '/') throw new AppError('SCOPE_DENIED');
    return null;
  }
  return (await loadInScope(sdbOf(db, ctx), scopeRegionId)).path;
}

async function checkDepartment(db: DbOrTx, ctx: RequestContext, departmentId: number | null | undefined): Promise<void> {
  if (!departmentId) return;
  if (await repo.findDepartment(sdbOf(db, ctx), departmentId)) return;
  throw new AppError((await repo.unscopedDepartmentExists(db, departmentId)) ? 'SCOPE_DENIED' : 'DEPARTMENT_NOT_FOUND');
}

async function mobileColumns(db: DbOrTx, mobile: string | null | undefined, selfId: number | null) {
  if (mobile === undefined) return {};
  if (mobile === null || mobile === '') return { mobileEnc: null, mobileHash: null, mobileMasked: null };
  if (!MOBILE_RE.test(mobile)) throw new AppError('MOBILE_INVALID');
  const mobileHash = piiLookupHash(mobile);
  const owner = await repo.unscopedMobileOwner(db, mobileHash);
  if (owner !== null && owner !== selfId) throw new AppError('MOBILE_TAKEN');
  // Login accepts a username or a mobile number: one string must not name two accounts.
  const named = await repo.unscopedUserIdByUsername(db, mobile);
  if (named !== null && named !== selfId) throw new AppError('MOBILE_TAKEN');
  return { mobileEnc: encryptPii(mobile), mobileHash, mobileMasked: maskMobile(mobile) };
}

const auditView = (u: repo.UserRow) => ({
  username: u.username,
  displayName: u.displayName,
  mobile: u.mobileMasked,
  roles: u.roles,
  scopeRegionId: u.scopeRegionId,
  departmentId: u.departmentId,
  status: u.status,
});

export async function listUsers(db: Db, ctx: RequestContext, q: string | undefined, limit: number, offset: number) {
  const { items, total } = await repo.listUsers(sdbOf(db, ctx), q?.trim() || undefined, limit, offset);
  return { items: await Promise.all(items.map((u) => presentUser(db, u))), total };
}

export async function getUser(db: DbOrTx, ctx: RequestContext, id: number): Promise<UserView> {
  return presentUser(db, await loadUser(db, ctx, id));
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  mobile?: string | null;
  password: string;
  roles: string[];
  scopeRegionId: number | null;
  departmentId?: number | null;
  mustChangePassword?: boolean;
  isDemo?: boolean;
}

export async function createUser(db: Db, ctx: RequestContext, input: CreateUserInput): Promise<UserView> {
  assertPermission(ctx, 'users.manage');
  return createUserUnchecked(db, ctx, input);
}

/** Also used by `wangge init` and the demo loader, which act as the system. */
export async function createUserUnchecked(db: Db, ctx: RequestContext, input: CreateUserInput): Promise<UserView> {
  const username = input.username.trim();
  if (!/^[A-Za-z0-9_.-]{3,32}$/.test(username)) throw new AppError('VALIDATION_FAILED', { detail: 'username' });
  // Login takes a username or a mobile number; a username shaped like a mobile number would let a
  // login name two accounts, and failed logins lock the wrong one (found by test/api/auth.test.ts).
  if (MOBILE_RE.test(username)) throw new AppError('VALIDATION_FAILED', { detail: 'username: a mobile number cannot be a username' });
  checkRoles(ctx, input.roles);
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const regionPath = await checkScope(tx, ctx, input.scopeRegionId, input.roles);
    await checkDepartment(tx, ctx, input.departmentId);
    if (await repo.unscopedUsernameTaken(tx, username)) throw new AppError('USERNAME_TAKEN', { username });
    const row = await repo.insertUser(tx, {
      username,
      displayName: input.displayName.trim() || username,
      passwordHash,
      roles: [...new Set(input.roles)],
      scopeRegionId: input.scopeRegionId,
      departmentId: input.departmentId ?? null,
      mustChangePassword: input.mustChangePassword ?? false,
      isDemo: input.isDemo ?? false,
      ...(await mobileColumns(tx, input.mobile, null)),
    });
    await recordAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: row.id, regionPath, after: auditView(row) });
    return presentUser(tx, row);
  });
}

export interface UpdateUserInput {
  displayName?: string;
  mobile?: string | null;
  roles?: string[];
  scopeRegionId?: number | null;
  departmentId?: number | null;
  status?: 'active' | 'disabled';
}

export async function updateUser(db: Db, ctx: RequestContext, id: number, input: UpdateUserInput): Promise<UserView> {
  assertPermission(ctx, 'users.manage');
  return db.transaction(async (tx) => {
    const before = await loadUser(tx, ctx, id);
    checkManageable(ctx, before);
    const roles = input.roles ?? before.roles;
    if (input.roles) checkRoles(ctx, input.roles);
    const scopeRegionId = input.scopeRegionId !== undefined ? input.scopeRegionId : before.scopeRegionId;
    const regionPath = await checkScope(tx, ctx, scopeRegionId, roles);
    if (input.departmentId !== undefined) await checkDepartment(tx, ctx, input.departmentId);
    const after = await repo.updateUser(tx, id, {
      ...(input.displayName !== undefined ? { displayName: input.displayName.trim() || before.username } : {}),
      roles: [...new Set(roles)],
      scopeRegionId,
      ...(input.departmentId !== undefined ? { departmentId: input.departmentId } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(await mobileColumns(tx, input.mobile, id)),
    });
    if (input.status === 'disabled') await repo.deleteSessionsOf(tx, id);
    await recordAudit(tx, ctx, { action: 'user.update', entityType: 'user', entityId: id, regionPath, before: auditView(before), after: auditView(after) });
    return presentUser(tx, after);
  });
}

export async function resetPassword(db: Db, ctx: RequestContext, id: number, password: string): Promise<void> {
  assertPermission(ctx, 'users.manage');
  checkPasswordPolicy(password);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const u = await loadUser(tx, ctx, id);
    checkManageable(ctx, u);
    // A reset password is temporary: the owner must choose their own at next login.
    await repo.updateUser(tx, id, { passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null });
    await repo.deleteSessionsOf(tx, id);
    await recordAudit(tx, ctx, { action: 'user.resetPassword', entityType: 'user', entityId: id, regionPath: u.scopePath });
  });
}

export async function unlockUser(db: Db, ctx: RequestContext, id: number): Promise<void> {
  assertPermission(ctx, 'users.manage');
  await db.transaction(async (tx) => {
    const u = await loadUser(tx, ctx, id);
    await repo.updateUser(tx, id, { failedAttempts: 0, lockedUntil: null });
    await recordAudit(tx, ctx, { action: 'user.unlock', entityType: 'user', entityId: id, regionPath: u.scopePath, before: { lockedUntil: u.lockedUntil?.toISOString() ?? null } });
  });
}

export const countUsers = (db: Db) => repo.unscopedCountUsers(db);

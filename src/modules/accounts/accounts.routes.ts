// HTTP for login, the current user, user and department administration, and API tokens.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, errors, IdParams } from '../../shared/schema.ts';
import { baseContext, SESSION_COOKIE } from '../../server/auth-plugin.ts';
import * as accounts from './index.ts';
import {
  CreateUserBody, DepartmentBody, LoginBody, PasswordBody, ResetPasswordBody, TokenBody, UpdateDepartmentBody, UpdateUserBody, UsersQuery,
} from './accounts.schema.ts';

const NoContent = { 204: Type.Null(), ...errors };

export const accountRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  const secure = process.env.WANGGE_COOKIE_SECURE === '1';

  app.post('/auth/login', { config: { public: true }, schema: { tags: ['auth'], summary: '登录 Log in (username or mobile)', body: LoginBody, response: anyOk } }, async (req, reply) => {
    const { user, token } = await accounts.login(db, baseContext(req), req.body.login, req.body.password);
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: 12 * 3600 });
    return { user: await accounts.presentUser(db, user) };
  });

  app.post('/auth/logout', { config: { allowPasswordChange: true }, schema: { tags: ['auth'], summary: '退出 Log out', response: NoContent } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await accounts.logout(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/auth/me', { config: { allowPasswordChange: true }, schema: { tags: ['auth'], summary: '当前用户 Current user', response: anyOk } }, async (req) => ({
    user: await accounts.getUser(db, { ...req.ctx, actor: { ...req.ctx.actor, scope: { regionId: null, path: '/' } } }, req.ctx.actor.userId!),
  }));

  app.post('/auth/password', { config: { allowPasswordChange: true }, schema: { tags: ['auth'], summary: '修改密码 Change password', body: PasswordBody, response: NoContent } }, async (req, reply) => {
    await accounts.changePassword(db, req.ctx, req.body.oldPassword, req.body.newPassword);
    return reply.status(204).send(null);
  });

  app.get('/users', { schema: { tags: ['users'], summary: '用户列表 Users in my scope', querystring: UsersQuery, response: anyOk } }, async (req) =>
    accounts.listUsers(db, req.ctx, req.query.q, req.query.limit ?? 50, req.query.offset ?? 0),
  );
  app.get('/users/:id', { schema: { tags: ['users'], summary: '用户详情 User', params: IdParams, response: anyOk } }, async (req) => accounts.getUser(db, req.ctx, req.params.id));
  app.post('/users', { schema: { tags: ['users'], summary: '新建用户 Create a user', body: CreateUserBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await accounts.createUser(db, req.ctx, req.body)),
  );
  app.patch('/users/:id', { schema: { tags: ['users'], summary: '修改用户 Update a user', params: IdParams, body: UpdateUserBody, response: anyOk } }, async (req) =>
    accounts.updateUser(db, req.ctx, req.params.id, req.body),
  );
  app.post('/users/:id/reset-password', { schema: { tags: ['users'], summary: '重置密码 Reset password', params: IdParams, body: ResetPasswordBody, response: NoContent } }, async (req, reply) => {
    await accounts.resetPassword(db, req.ctx, req.params.id, req.body.password);
    return reply.status(204).send(null);
  });
  app.post('/users/:id/unlock', { schema: { tags: ['users'], summary: '解除锁定 Unlock', params: IdParams, response: NoContent } }, async (req, reply) => {
    await accounts.unlockUser(db, req.ctx, req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/tokens', { schema: { tags: ['tokens'], summary: '我的访问令牌 My API tokens', response: anyOk } }, async (req) => ({ items: await accounts.listTokens(db, req.ctx) }));
  app.post('/tokens', { schema: { tags: ['tokens'], summary: '新建访问令牌（仅显示一次） Create an API token (shown once)', body: TokenBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await accounts.createToken(db, req.ctx, req.body.name)),
  );
  app.delete('/tokens/:id', { schema: { tags: ['tokens'], summary: '撤销访问令牌 Revoke', params: IdParams, response: NoContent } }, async (req, reply) => {
    await accounts.revokeToken(db, req.ctx, req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/departments', { schema: { tags: ['departments'], summary: '部门列表 Departments', response: anyOk } }, async (req) => ({ items: await accounts.listDepartments(db, req.ctx) }));
  app.post('/departments', { schema: { tags: ['departments'], summary: '新建部门 Create a department', body: DepartmentBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await accounts.createDepartment(db, req.ctx, req.body)),
  );
  app.patch('/departments/:id', { schema: { tags: ['departments'], summary: '修改部门 Update a department', params: IdParams, body: UpdateDepartmentBody, response: anyOk } }, async (req) =>
    accounts.updateDepartment(db, req.ctx, req.params.id, req.body),
  );
};

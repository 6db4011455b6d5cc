// HTTP for the audit log: scoped listing and chain verification.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import { scoped } from '../../shared/scoped.ts';
import { anyOk, errors, Obj, Paging } from '../../shared/schema.ts';
import { listAudit, verifyChain } from './audit.service.ts';

const tags = ['audit'];
const Query = Obj({
  entityType: Type.Optional(Type.String({ maxLength: 40 })),
  entityId: Type.Optional(Type.String({ maxLength: 40 })),
  actorId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  ...Paging,
});

export const auditRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/audit', { schema: { tags, summary: '操作日志 Audit log', querystring: Query, response: anyOk } }, async (req) => {
    assertPermission(req.ctx, 'audit.read');
    const q = req.query;
    const { items, total } = await listAudit(scoped(db, req.ctx.actor.scope), {
      entityType: q.entityType,
      entityId: q.entityId,
      actorId: q.actorId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: q.limit ?? 50,
      offset: q.offset ?? 0,
    });
    return { items: items.map(({ prevHash: _p, hash: _h, regionPath: _r, ...rest }) => rest), total };
  });

  app.post('/audit/verify', { schema: { tags, summary: '校验日志哈希链 Verify the hash chain', response: anyOk } }, async (req) => {
    assertPermission(req.ctx, 'audit.verify');
    return verifyChain(db);
  });
};

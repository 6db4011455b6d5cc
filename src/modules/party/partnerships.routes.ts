// HTTP for partnerships (结对共建) and their activity log.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, Id, IdParams, Obj, Paging } from '../../shared/schema.ts';
import { DateStr, Text, Version } from './joint.schema.ts';
import { addActivity, archivePartnership, createPartnership, getPartnership, listPartnerships, updatePartnership } from './partnerships.service.ts';

const tags = ['party'];

export const partnershipsRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/party/partnerships',
    {
      schema: {
        tags,
        summary: '结对共建协议列表 Partnerships',
        querystring: Obj({ regionId: Type.Optional(Id), orgId: Type.Optional(Id), institutionId: Type.Optional(Id), active: Type.Optional(Type.Boolean()), includeArchived: Type.Optional(Type.Boolean()), ...Paging }),
        response: anyOk,
      },
    },
    async (req) => listPartnerships(db, req.ctx, req.query),
  );
  app.post(
    '/party/partnerships',
    {
      schema: {
        tags,
        summary: '签订结对共建协议 Record a partnership agreement',
        body: Obj({
          orgId: Id,
          institutionId: Id,
          partnerOrgId: Type.Optional(Type.Union([Id, Type.Null()])),
          title: Type.String({ minLength: 1, maxLength: 200 }),
          terms: Type.Optional(Text(5000)),
          startOn: DateStr,
          endOn: Type.Optional(Type.Union([DateStr, Type.Null()])),
        }),
        response: anyOk,
      },
    },
    async (req, reply) => reply.status(201).send(await createPartnership(db, req.ctx, req.body)),
  );
  app.get('/party/partnerships/:id', { schema: { tags, summary: '结对共建协议及活动记录 A partnership with its activities', params: IdParams, response: anyOk } }, async (req) =>
    getPartnership(db, req.ctx, req.params.id),
  );
  app.patch(
    '/party/partnerships/:id',
    {
      schema: {
        tags,
        summary: '修改结对共建协议 Update a partnership',
        params: IdParams,
        body: Obj({ version: Version, title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), terms: Type.Optional(Text(5000)), endOn: Type.Optional(Type.Union([DateStr, Type.Null()])) }),
        response: anyOk,
      },
    },
    async (req) => updatePartnership(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/party/partnerships/:id/activities',
    {
      schema: {
        tags,
        summary: '记录共建活动 Log a partnership activity',
        params: IdParams,
        body: Obj({ heldOn: DateStr, title: Type.String({ minLength: 1, maxLength: 200 }), note: Type.Optional(Text(5000)), participants: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })) }),
        response: anyOk,
      },
    },
    async (req, reply) => reply.status(201).send(await addActivity(db, req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/party/partnerships/:id/archive',
    { schema: { tags, summary: '撤销结对共建协议 Archive a partnership', params: IdParams, body: Obj({ version: Version }), response: anyOk } },
    async (req) => archivePartnership(db, req.ctx, req.params.id, req.body.version),
  );
};

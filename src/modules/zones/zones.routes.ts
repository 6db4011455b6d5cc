// HTTP for grid zones (网格片).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, errors, Id, IdParams, Obj } from '../../shared/schema.ts';
import { archiveZone, createZone, listZones, updateZone } from './zones.service.ts';

const tags = ['zones'];
const ZoneBody = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  gridIds: Type.Array(Id, { maxItems: 200 }),
  chiefUserId: Type.Union([Id, Type.Null()]),
  deputyUserIds: Type.Array(Id, { maxItems: 10 }),
};

export const zoneRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/regions/:id/zones', { schema: { tags, summary: '社区的网格片 Grid zones of a community', params: IdParams, response: anyOk } }, async (req) => ({
    items: await listZones(db, req.ctx, req.params.id),
  }));
  app.post('/regions/:id/zones', { schema: { tags, summary: '新建网格片 Create a grid zone', params: IdParams, body: Obj(ZoneBody), response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await createZone(db, req.ctx, req.params.id, req.body)),
  );
  app.put('/zones/:id', { schema: { tags, summary: '修改网格片 Update a grid zone', params: IdParams, body: Obj({ version: Type.Integer({ minimum: 1, maximum: 2147483647 }), ...ZoneBody }), response: anyOk } }, async (req) => {
    const { version, ...input } = req.body;
    return updateZone(db, req.ctx, req.params.id, version, input);
  });
  app.post('/zones/:id/archive', { schema: { tags, summary: '撤销网格片 Archive a grid zone', params: IdParams, querystring: Obj({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })) }), response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    await archiveZone(db, req.ctx, req.params.id, req.query.version);
    return reply.status(204).send(null);
  });
};

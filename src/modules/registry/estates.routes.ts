// HTTP for estates (小区).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, IdParams, Obj } from '../../shared/schema.ts';
import { archiveEstate, createEstate, getEstate, listEstates, updateEstate } from './estates.service.ts';
import { EstateCreate, EstatePatch, EstateQuery } from './housing.schema.ts';

const tags = ['registry'];
export const ArchiveQuery = Obj({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })) });

export const estateRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/estates', { schema: { tags, summary: '小区列表 Estates', querystring: EstateQuery, response: anyOk } }, async (req) => listEstates(db, req.ctx, req.query));
  app.get('/estates/:id', { schema: { tags, summary: '小区详情 Estate', params: IdParams, response: anyOk } }, async (req) => getEstate(db, req.ctx, req.params.id));
  app.post('/estates', { schema: { tags, summary: '新建小区 Create an estate', body: EstateCreate, response: anyOk } }, async (req, reply) => reply.status(201).send(await createEstate(db, req.ctx, req.body)));
  app.patch('/estates/:id', { schema: { tags, summary: '修改小区 Update an estate', params: IdParams, body: EstatePatch, response: anyOk } }, async (req) => updateEstate(db, req.ctx, req.params.id, req.body));
  app.post('/estates/:id/archive', { schema: { tags, summary: '注销小区 Archive an estate', params: IdParams, querystring: ArchiveQuery, response: anyOk } }, async (req) =>
    archiveEstate(db, req.ctx, req.params.id, req.query.version),
  );
};

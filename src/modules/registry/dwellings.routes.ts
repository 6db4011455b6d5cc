// HTTP for dwellings (房屋).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, IdParams } from '../../shared/schema.ts';
import { archiveDwelling, createDwelling, getDwelling, listDwellings, updateDwelling } from './dwellings.service.ts';
import { ArchiveQuery } from './estates.routes.ts';
import { DwellingCreate, DwellingPatch, DwellingQuery } from './housing.schema.ts';

const tags = ['registry'];

export const dwellingRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/dwellings', { schema: { tags, summary: '房屋列表 Dwellings', querystring: DwellingQuery, response: anyOk } }, async (req) => listDwellings(db, req.ctx, req.query));
  app.get('/dwellings/:id', { schema: { tags, summary: '房屋详情 Dwelling', params: IdParams, response: anyOk } }, async (req) => getDwelling(db, req.ctx, req.params.id));
  app.post('/dwellings', { schema: { tags, summary: '新建房屋 Create a dwelling', body: DwellingCreate, response: anyOk } }, async (req, reply) => reply.status(201).send(await createDwelling(db, req.ctx, req.body)));
  app.patch('/dwellings/:id', { schema: { tags, summary: '修改房屋 Update a dwelling', params: IdParams, body: DwellingPatch, response: anyOk } }, async (req) => updateDwelling(db, req.ctx, req.params.id, req.body));
  app.post('/dwellings/:id/archive', { schema: { tags, summary: '注销房屋 Archive a dwelling', params: IdParams, querystring: ArchiveQuery, response: anyOk } }, async (req) =>
    archiveDwelling(db, req.ctx, req.params.id, req.query.version),
  );
};

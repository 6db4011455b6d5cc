// HTTP for buildings (楼栋): CRUD, the room generator and the floor × unit table (楼盘表).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, IdParams } from '../../shared/schema.ts';
import { archiveBuilding, createBuilding, getBuilding, listBuildings, updateBuilding } from './buildings.service.ts';
import { generateDwellings } from './dwellings.service.ts';
import { ArchiveQuery } from './estates.routes.ts';
import { getFloorPlan } from './floor-plan.ts';
import { BuildingCreate, BuildingPatch, BuildingQuery, GenerateBody } from './housing.schema.ts';

const tags = ['registry'];

export const buildingRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/buildings', { schema: { tags, summary: '楼栋列表 Buildings', querystring: BuildingQuery, response: anyOk } }, async (req) => listBuildings(db, req.ctx, req.query));
  app.get('/buildings/:id', { schema: { tags, summary: '楼栋详情 Building', params: IdParams, response: anyOk } }, async (req) => getBuilding(db, req.ctx, req.params.id));
  app.get('/buildings/:id/floor-plan', { schema: { tags, summary: '楼盘表 Floor × unit table', params: IdParams, response: anyOk } }, async (req) => getFloorPlan(db, req.ctx, req.params.id));
  app.post('/buildings', { schema: { tags, summary: '新建楼栋 Create a building', body: BuildingCreate, response: anyOk } }, async (req, reply) => reply.status(201).send(await createBuilding(db, req.ctx, req.body)));
  app.patch('/buildings/:id', { schema: { tags, summary: '修改楼栋 Update a building', params: IdParams, body: BuildingPatch, response: anyOk } }, async (req) => updateBuilding(db, req.ctx, req.params.id, req.body));
  app.post('/buildings/:id/archive', { schema: { tags, summary: '注销楼栋 Archive a building', params: IdParams, querystring: ArchiveQuery, response: anyOk } }, async (req) =>
    archiveBuilding(db, req.ctx, req.params.id, req.query.version),
  );
  app.post('/buildings/:id/dwellings/generate', { schema: { tags, summary: '批量生成房屋 Generate dwellings', params: IdParams, body: GenerateBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await generateDwellings(db, req.ctx, req.params.id, req.body)),
  );
};

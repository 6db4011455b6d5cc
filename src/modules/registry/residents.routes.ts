// HTTP for the registry's residents, households, care groups. Every operation: authenticate (the
// app's hook) → validate (schemas below) → service (scope, permission, rules) → masked views.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, IdParams } from '../../shared/schema.ts';
import { createCareGroup, listCareGroups, updateCareGroup } from './care-groups.service.ts';
import { changeHead, getHousehold, listHouseholds } from './households.service.ts';
import { moveResident } from './residents.move.ts';
import { revealResident } from './residents.reveal.ts';
import {
  ArchiveBody,
  CareGroupCodeParams,
  CareGroupCreateBody,
  CareGroupPatchBody,
  CreateResidentBody,
  HouseholdListQuery,
  HouseholdPatchBody,
  MoveBody,
  PatchResidentBody,
  ResidentListQuery,
  RestoreBody,
  StaysBody,
} from './residents.schema.ts';
import { listResidents } from './residents.search.ts';
import { archiveResident, createResident, getResident, restoreResident, updateResident } from './residents.service.ts';
import { replaceResidentStays } from './residents.stays.ts';

const tags = ['residents'];

export const residentRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/residents', { schema: { tags, summary: '实有人口列表与搜索 List and search residents', querystring: ResidentListQuery, response: anyOk } }, async (req) =>
    listResidents(db, req.ctx, req.query),
  );
  app.get('/residents/:id', { schema: { tags, summary: '居民详情 Resident detail', params: IdParams, response: anyOk } }, async (req) => getResident(db, req.ctx, req.params.id));
  app.get('/residents/:id/pii', { schema: { tags, summary: '查看完整证件号与手机号（留痕） Reveal ID number and mobile (audited)', params: IdParams, response: anyOk } }, async (req) =>
    revealResident(db, req.ctx, req.params.id),
  );
  app.post('/residents', { schema: { tags, summary: '登记居民 Register a resident', body: CreateResidentBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await createResident(db, req.ctx, req.body)),
  );
  app.patch('/residents/:id', { schema: { tags, summary: '修改居民信息 Update a resident', params: IdParams, body: PatchResidentBody, response: anyOk } }, async (req) =>
    updateResident(db, req.ctx, req.params.id, req.body),
  );
  app.post('/residents/:id/move', { schema: { tags, summary: '搬迁（保留历史） Move house, keeping history', params: IdParams, body: MoveBody, response: anyOk } }, async (req) =>
    moveResident(db, req.ctx, req.params.id, req.body),
  );
  app.post('/residents/:id/archive', { schema: { tags, summary: '注销（迁出、死亡） Archive: moved out, deceased', params: IdParams, body: ArchiveBody, response: anyOk } }, async (req) =>
    archiveResident(db, req.ctx, req.params.id, req.body),
  );
  app.post('/residents/:id/restore', { schema: { tags, summary: '恢复 Restore', params: IdParams, body: RestoreBody, response: anyOk } }, async (req) =>
    restoreResident(db, req.ctx, req.params.id, req.body),
  );
  app.put('/residents/:id/stays', { schema: { tags, summary: '候鸟居住时段 Stay periods of a seasonal resident', params: IdParams, body: StaysBody, response: anyOk } }, async (req) =>
    replaceResidentStays(db, req.ctx, req.params.id, req.body.stays),
  );

  app.get('/households', { schema: { tags, summary: '户列表 Households', querystring: HouseholdListQuery, response: anyOk } }, async (req) => listHouseholds(db, req.ctx, req.query));
  app.get('/households/:id', { schema: { tags, summary: '户详情 Household with members', params: IdParams, response: anyOk } }, async (req) => getHousehold(db, req.ctx, req.params.id));
  app.patch('/households/:id', { schema: { tags, summary: '更换户主 Change the household head', params: IdParams, body: HouseholdPatchBody, response: anyOk } }, async (req) =>
    changeHead(db, req.ctx, req.params.id, req.body),
  );

  app.get('/care-groups', { schema: { tags, summary: '特殊人群类别 Care groups', response: anyOk } }, async () => ({ items: await listCareGroups(db) }));
  app.post('/care-groups', { schema: { tags, summary: '新增特殊人群类别（全市） Add a care group (city-wide)', body: CareGroupCreateBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await createCareGroup(db, req.ctx, req.body)),
  );
  app.patch('/care-groups/:code', { schema: { tags, summary: '修改特殊人群类别（全市） Edit a care group (city-wide)', params: CareGroupCodeParams, body: CareGroupPatchBody, response: anyOk } }, async (req) =>
    updateCareGroup(db, req.ctx, req.params.code, req.body),
  );
};

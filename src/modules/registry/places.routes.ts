// HTTP for the registry's places (场所); organizations and assets have their own files, registered here.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, errors, IdParams } from '../../shared/schema.ts';
import { assetRoutes } from './assets.routes.ts';
import { organizationRoutes } from './organizations.routes.ts';
import { ArchiveQuery, PlaceBody, PlaceListQuery, PlacePatch } from './places.schema.ts';
import { archivePlace, createPlace, getPlace, listPlaces, revealPlacePii, updatePlace } from './places.service.ts';

const tags = ['places'];

export const placeRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/places', { schema: { tags, summary: '场所列表 List places', querystring: PlaceListQuery, response: anyOk } }, async (req) => listPlaces(db, req.ctx, req.query));
  app.get('/places/:id', { schema: { tags, summary: '场所详情 A place', params: IdParams, response: anyOk } }, async (req) => getPlace(db, req.ctx, req.params.id));
  app.get('/places/:id/pii', { schema: { tags, summary: '查看联系电话（留痕） Reveal the contact mobile (audited)', params: IdParams, response: anyOk } }, async (req) =>
    revealPlacePii(db, req.ctx, req.params.id),
  );
  app.post('/places', { schema: { tags, summary: '新增场所 Create a place', body: PlaceBody, response: anyOk } }, async (req, reply) => reply.status(201).send(await createPlace(db, req.ctx, req.body)));
  app.patch('/places/:id', { schema: { tags, summary: '修改场所 Update a place', params: IdParams, body: PlacePatch, response: anyOk } }, async (req) => {
    const { version, ...patch } = req.body;
    return updatePlace(db, req.ctx, req.params.id, version, patch);
  });
  app.post('/places/:id/archive', { schema: { tags, summary: '注销场所 Archive a place', params: IdParams, querystring: ArchiveQuery, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    await archivePlace(db, req.ctx, req.params.id, req.query.version);
    return reply.status(204).send(null);
  });
  await app.register(organizationRoutes(db));
  await app.register(assetRoutes(db));
};

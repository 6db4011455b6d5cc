// HTTP for assets (部件).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, errors, IdParams } from '../../shared/schema.ts';
import { archiveAsset, createAsset, getAsset, listAssets, updateAsset } from './assets.service.ts';
import { ArchiveQuery, AssetBody, AssetListQuery, AssetPatch } from './places.schema.ts';

const tags = ['assets'];

export const assetRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/assets', { schema: { tags, summary: '部件列表（可按地图范围） List assets (optionally in a map box)', querystring: AssetListQuery, response: anyOk } }, async (req) =>
    listAssets(db, req.ctx, req.query),
  );
  app.get('/assets/:id', { schema: { tags, summary: '部件详情 An asset', params: IdParams, response: anyOk } }, async (req) => getAsset(db, req.ctx, req.params.id));
  app.post('/assets', { schema: { tags, summary: '新增部件（编码可自动生成） Create an asset (code generated when absent)', body: AssetBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await createAsset(db, req.ctx, req.body)),
  );
  app.patch('/assets/:id', { schema: { tags, summary: '修改部件 Update an asset', params: IdParams, body: AssetPatch, response: anyOk } }, async (req) => {
    const { version, ...patch } = req.body;
    return updateAsset(db, req.ctx, req.params.id, version, patch);
  });
  app.post('/assets/:id/archive', { schema: { tags, summary: '注销部件 Archive an asset', params: IdParams, querystring: ArchiveQuery, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    await archiveAsset(db, req.ctx, req.params.id, req.query.version);
    return reply.status(204).send(null);
  });
};

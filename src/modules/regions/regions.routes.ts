// HTTP for the governance tree: authenticate (plugin) → validate (schema) → service → present.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, errors, IdParams } from '../../shared/schema.ts';
import * as regions from './index.ts';
import {
  ChildrenQuery, CreateRegionBody, ExportQuery, GeoJsonQuery, ImportQuery, LocateQuery, MergeBody, MoveBody,
  RegionDetailSchema, RegionSummarySchema, SearchQuery, SizeRulesBody, SplitBody, UpdateRegionBody,
} from './regions.schema.ts';

const tags = ['regions'];
const Items = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Object({ items: Type.Array(t) });

export const regionRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/regions/roots', { schema: { tags, summary: '管辖范围的顶层区域 Roots of my scope', response: { 200: Items(RegionSummarySchema), ...errors } } }, async (req) => ({
    items: await regions.listRoots(db, req.ctx),
  }));

  app.get('/regions/search', { schema: { tags, summary: '按名称、编码或拼音首字母搜索 Search', querystring: SearchQuery, response: { 200: Items(Type.Intersect([RegionSummarySchema, Type.Object({ ancestorNames: Type.Array(Type.String()) })])), ...errors } } }, async (req) => ({
    items: await regions.searchRegions(db, req.ctx, req.query.q, req.query.level, req.query.limit ?? 20),
  }));

  app.get('/regions/locate', { schema: { tags, summary: '坐标定位所属社区/网格/微网格 Locate a point', querystring: LocateQuery, response: anyOk } }, async (req) =>
    regions.locatePoint(db, req.ctx, req.query.lng, req.query.lat),
  );

  app.get('/regions/export', { schema: { tags, summary: '导出区域树 Export the tree (GeoJSON or Excel)', querystring: ExportQuery, response: anyOk } }, async (req, reply) => {
    const file = await regions.exportRegions(db, req.ctx, req.query.format, req.query.rootId);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .send(file.body);
  });

  app.post('/regions/import', { bodyLimit: 100 * 1024 * 1024, schema: { tags, summary: '导入区域树（全部成功或全部不导入） Import the tree, all or nothing', querystring: ImportQuery, response: anyOk } }, async (req) => {
    const body = req.body as unknown;
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
    return regions.importRegionFile(db, req.ctx, req.query.format, buf);
  });

  app.put('/regions/size-rules', { schema: { tags, summary: '设置规模规则 Set size rules', body: SizeRulesBody, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    await regions.setSizeRules(db, req.ctx, req.body.regionId, req.body.rules);
    return reply.status(204).send(null);
  });

  app.get('/regions/:id', { schema: { tags, summary: '区域详情 Region detail', params: IdParams, response: { 200: RegionDetailSchema, ...errors } } }, async (req) =>
    regions.getRegion(db, req.ctx, req.params.id),
  );

  app.get('/regions/:id/children', { schema: { tags, summary: '下级区域 Children', params: IdParams, querystring: ChildrenQuery, response: { 200: Items(RegionSummarySchema), ...errors } } }, async (req) => ({
    items: await regions.listChildren(db, req.ctx, req.params.id, req.query.includeArchived ?? false),
  }));

  app.get('/regions/:id/geojson', { schema: { tags, summary: '下级区域边界 GeoJSON for the map', params: IdParams, querystring: GeoJsonQuery, response: anyOk } }, async (req) =>
    regions.subtreeGeoJson(db, req.ctx, req.params.id, req.query.depth ?? 2),
  );

  app.get('/regions/:id/audit', { schema: { tags, summary: '区域操作记录 Region history', params: IdParams, response: anyOk } }, async (req) =>
    regions.regionHistory(db, req.ctx, req.params.id),
  );

  app.post('/regions', { schema: { tags, summary: '新建区域 Create a region', body: CreateRegionBody, response: { 201: RegionDetailSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await regions.createRegion(db, req.ctx, req.body as regions.CreateRegionInputT)),
  );

  app.patch('/regions/:id', { schema: { tags, summary: '修改区域 Update a region', params: IdParams, body: UpdateRegionBody, response: { 200: RegionDetailSchema, ...errors } } }, async (req) =>
    regions.updateRegion(db, req.ctx, req.params.id, req.body as regions.UpdateRegionInputT),
  );

  app.post('/regions/:id/move', { schema: { tags, summary: '移动子树 Move a subtree', params: IdParams, body: MoveBody, response: { 200: RegionDetailSchema, ...errors } } }, async (req) =>
    regions.moveRegion(db, req.ctx, req.params.id, req.body.newParentId),
  );

  app.post('/regions/:id/merge', { schema: { tags, summary: '合并相邻网格 Merge a sibling grid into this one', params: IdParams, body: MergeBody, response: { 200: RegionDetailSchema, ...errors } } }, async (req) =>
    regions.mergeGrids(db, req.ctx, req.params.id, req.body.otherId),
  );

  app.post('/regions/:id/split', { schema: { tags, summary: '拆分网格 Split a grid', params: IdParams, body: SplitBody, response: { 200: Items(RegionDetailSchema), ...errors } } }, async (req) => ({
    items: await regions.splitGrid(db, req.ctx, req.params.id, req.body as regions.SplitInput),
  }));

  app.post('/regions/:id/archive', { schema: { tags, summary: '归档 Archive', params: IdParams, response: { 200: RegionDetailSchema, ...errors } } }, async (req) =>
    regions.archiveRegion(db, req.ctx, req.params.id),
  );

  app.post('/regions/:id/restore', { schema: { tags, summary: '恢复 Restore', params: IdParams, response: { 200: RegionDetailSchema, ...errors } } }, async (req) =>
    regions.restoreRegion(db, req.ctx, req.params.id),
  );
};
